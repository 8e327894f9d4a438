"""The leadqual Textual app: lead list, chat and lead card over one Pipeline, driven from one worker.

Every database and LLM call runs in `run_job`, a single exclusive thread worker; it reports
back with the Messages of `tui/messages.py`, so the screen never blocks while a note is read.
Build the app with `make_app(settings, pipeline)`; `run_tui()` does that for the `leadqual`
command.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from assistant.chat import (
    Intent,
    Question,
    QuestionKind,
    answer,
    describe_changes,
    read_message,
    stage_change_line,
    verdict_line,
)
from assistant.config import Settings
from assistant.domain import ChatMessage, LeadDetail, LeadSummary, Stage, Verdict
from assistant.facts import by_path, get_value
from assistant.pipeline import QualifyOutcome
from assistant.tui.messages import (
    DuplicateFound,
    FactsCorrected,
    JobFailed,
    LeadCreated,
    LeadDeleted,
    LeadExported,
    LeadOpened,
    LeadQualified,
    LeadsLoaded,
    LeadView,
    QualificationFailed,
    QuestionAnswered,
)
from assistant.tui.present import reply_payload
from assistant.tui.screens.dialogs import ConfirmScreen, EditValueScreen, TextScreen
from assistant.tui.screens.help import HelpScreen
from assistant.tui.widgets.composer import Composer
from assistant.tui.widgets.lead_card import CardItems, LeadCard
from assistant.tui.widgets.lead_list import LeadList, LeadOptions

PLACEHOLDER = "Type or paste a note, ask 'why?' or 'what should I ask next?' · enter sends · ctrl+j new line"


def _now() -> datetime:
    return datetime.now(UTC)


class LeadCommands(Provider):
    """The command palette lists every lead as 'Open: name (company)'."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, LeadqualApp)
        matcher = self.matcher(query)
        for lead in app.leads:
            title = f"Open: {lead.label}"
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), lambda i=lead.id: app.open_lead(i), help=_lead_help(lead))

    async def discover(self) -> Hits:
        app = self.app
        assert isinstance(app, LeadqualApp)
        for lead in app.leads[:20]:
            yield DiscoveryHit(f"Open: {lead.label}", lambda i=lead.id: app.open_lead(i), help=_lead_help(lead))


def _lead_help(lead: LeadSummary) -> str:
    stage = lead.stage.value.upper() if lead.stage else "no verdict"
    return f"{stage}" + (f", fit {lead.grade} {lead.fit:.0f}" if lead.grade and lead.fit is not None else "")


class LeadqualApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "leadqual"
    COMMANDS = App.COMMANDS | {LeadCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+n", "new_lead", "New lead", priority=True),
        Binding("ctrl+o", "focus_leads", "Leads"),
        Binding("ctrl+f", "filter_leads", "Filter", show=False),
        Binding("ctrl+s", "cycle_sort", "Sort", show=False),
        Binding("ctrl+t", "focus_card", "Facts"),
        Binding("ctrl+w", "focus_input", "Message", show=False),
        Binding("ctrl+r", "retry_llm", "Retry on LLM"),
        # escape: shown in the footer as "Cancel reading" while a note is being read; otherwise
        # the hidden second binding takes it back to the message box
        Binding("escape", "cancel_reading", "Cancel reading"),
        Binding("escape", "cancel_or_back", "Back", show=False),
        Binding("f1", "help", "Help"),
    ]

    reading: reactive[bool] = reactive(False)
    leads: reactive[list[LeadSummary]] = reactive(list, always_update=True)
    current: reactive[LeadView | None] = reactive(None, always_update=True)

    def __init__(
        self,
        pipeline: Any,
        settings: Settings,
        *,
        today: Callable[[], date] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.pipeline = pipeline
        self.settings = settings
        self.today = today or date.today
        self.now = now or _now
        self._retry_note: tuple[int, int] | None = None  # (lead_id, note_id) the LLM failed on
        self._last_note: tuple[int, int] | None = None

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with Horizontal(id="main"):
            yield LeadList(id="leads", now=self.now)
            with Vertical(id="center"):
                from assistant.tui.widgets.transcript import Transcript

                yield Transcript(id="transcript")
                yield Static("", id="status")
                yield Composer(id="composer", placeholder=PLACEHOLDER)
            yield LeadCard(id="card")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.extractor_label()
        self.query_one(Composer).focus()
        self.query_one("#status", Static).display = False
        self.run_job("load leads", self._job_load)
        self.run_worker(self._warm_up, thread=True, group="warm-up", exit_on_error=False)

    def _warm_up(self) -> None:
        """Ready the first note before it comes: load the offline extractor's vocabularies (the
        fallback too when an LLM reads), then move the long-lived objects out of the garbage
        collector's scans; a full collection over them cost about 100 ms on every note."""
        import gc

        from assistant.extract.rules import RulesExtractor

        RulesExtractor().extract("Warm-up: visited the pricing page yesterday.", as_of=self.today())
        gc.freeze()

    def extractor_label(self) -> str:
        s = self.settings
        if s.effective_extractor.value == "llm":
            where = s.llm_base_url or s.azure_endpoint or s.llm_provider.value
            fallback = ", falls back to rules" if s.fallback_to_rules else ""
            return f"extractor: LLM {s.llm_model} @ {where}{fallback}"
        return "extractor: offline rules (no LLM configured)"

    @property
    def transcript(self) -> Any:
        from assistant.tui.widgets.transcript import Transcript

        return self.query_one(Transcript)

    @property
    def lead_id(self) -> int | None:
        return self.current.detail.summary.id if self.current else None

    # --- the one worker ----------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, thread=True, group="pipeline")
    def run_job(self, label: str, job: Callable[[], Iterable[Message]]) -> None:
        """Run one pipeline job off the screen's thread and post what it reports."""
        worker = get_current_worker()
        try:
            messages = list(job())
        except Exception as exc:  # shown in the chat, with what the rep typed kept
            self.log.error(f"{label} failed: {exc!r}")
            messages = [JobFailed(label, f"{type(exc).__name__}: {exc}")]
        if worker.is_cancelled:
            return  # Escape was pressed: the rep has moved on; results stay in the database
        for message in messages:
            self.post_message(message)

    def _start(self, label: str, job: Callable[[], Iterable[Message]], *, reading: bool = True) -> None:
        self.reading = reading
        self.run_job(label, job)

    def watch_reading(self, reading: bool) -> None:
        if not self.is_mounted:
            return
        status = self.query_one("#status", Static)
        status.display = reading
        status.update(Text("⠿ reading... (escape cancels)", style="bold yellow") if reading else "")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the footer shows only the keys that matter now
        if action == "cancel_reading":
            return self.reading
        if action == "retry_llm":
            return self._retry_note is not None and not self.reading
        if action in {"focus_card"}:
            return self.current is not None
        return True

    # --- jobs (run in the worker thread) -------------------------------------------------

    def _view(self, lead_id: int) -> LeadView:
        p = self.pipeline
        detail: LeadDetail = p.get_lead(lead_id)
        history = [_engagement(v) for v in p.history(lead_id)]
        return LeadView(detail=detail, transcript=list(p.transcript(lead_id)), engagement_history=history)

    def _job_load(self) -> list[Message]:
        return [LeadsLoaded(list(self.pipeline.list_leads()))]

    def _say(self, lead_id: int, role: str, text: str, payload: dict | None = None) -> ChatMessage:
        return self.pipeline.add_chat_message(lead_id, role, text, payload=payload)

    def _scoring_model(self) -> Any:
        return self.pipeline.scoring

    def _verdict_in(self, detail: LeadDetail, lang: str) -> Verdict | None:
        """The lead's verdict with its words in `lang`: the same facts re-scored (pure, cheap)."""
        verdict = detail.verdict
        if verdict is None:
            return None
        from assistant.scoring import score

        facts = detail.facts.model_copy(deep=True)
        if detail.interactions:
            facts.interactions = [i.as_interaction() for i in detail.interactions if i.status != "rejected"]
        again = score(facts, as_of=verdict.as_of, model=self._scoring_model(), lang=lang)
        # if the stored facts do not reproduce the stored verdict, trust the stored one
        return again if again.stage is verdict.stage else verdict

    def _note_job(self, lead_id: int, text: str, extractor: str | None = None, note_id: int | None = None) -> Callable[[], list[Message]]:
        def job() -> list[Message]:
            p = self.pipeline
            nid = note_id
            if nid is None:
                nid = p.save_note(lead_id, text)
                self._say(lead_id, "rep", text, {"kind": "note", "note_id": nid})
            else:  # a retry: kept in the transcript, so reopening the lead shows it happened
                on = "the LLM" if extractor == "llm" else "the offline rules"
                self._say(lead_id, "system", f"Reading the note again on {on}...", {"kind": "retry", "note_id": nid})
            self._last_note = (lead_id, nid)
            kwargs: dict[str, Any] = {"as_of": self.today()}
            if extractor:
                kwargs["extractor"] = extractor
            try:
                outcome = p.qualify_note(nid, **kwargs)
            except Exception as exc:
                reason = getattr(exc, "user_message", None) or f"{type(exc).__name__}: {exc}"
                reply = self._say(lead_id, "assistant", f"Could not read the note: {reason}\nThe note is saved; ctrl+r tries again.",
                                  {"kind": "error", "note_id": nid})
                self._retry_note = (lead_id, nid)
                return [QualificationFailed(lead_id, nid, reason, reply), LeadOpened(self._view(lead_id))]
            return self._outcome_messages(lead_id, nid, outcome)

        return job

    def _outcome_messages(self, lead_id: int, note_id: int, outcome: QualifyOutcome) -> list[Message]:
        p = self.pipeline
        result, verdict = outcome.result, outcome.verdict
        lang = self.settings.language or result.language or "en"
        detail = p.get_lead(lead_id)
        line = verdict_line(verdict, detail.facts, lang)
        change = stage_change_line(outcome.previous_stage, verdict.stage, lang)
        fell_back = outcome.error.user_message if outcome.fell_back and outcome.error else None
        self._retry_note = (lead_id, note_id) if outcome.fell_back else None
        payload = reply_payload(
            extraction=result.extraction, verdict=verdict, line=line, stage_change=change,
            extractor=result.extractor, model=result.model,
            dropped=[{"item": d.item, "reason": d.reason} for d in result.dropped],
            fell_back=fell_back, note_id=note_id, warnings=list(result.warnings),
        )
        text = line if not change else f"{line}\n{change}"
        reply = self._say(lead_id, "assistant", text, payload)
        view = self._view(lead_id)
        out: list[Message] = [LeadQualified(view, reply, change, outcome.fell_back), LeadsLoaded(list(p.list_leads()))]
        existing = outcome.matched_existing
        if existing is not None and existing.id != lead_id:
            out.append(DuplicateFound(lead_id, existing, view))
        return out

    def _question_job(self, lead_id: int, text: str, question: Question) -> Callable[[], list[Message]]:
        def job() -> list[Message]:
            self._say(lead_id, "rep", text, {"kind": "question"})
            detail = self.pipeline.get_lead(lead_id)
            reply_text = answer(question, self._verdict_in(detail, question.lang))
            reply = self._say(lead_id, "assistant", reply_text, {"kind": "answer", "question": question.kind.value})
            return [QuestionAnswered(lead_id, reply)]

        return job

    def _correction_job(self, lead_id: int, text: str | None, changes: list[tuple[str, Any]], lang: str,
                        heading: str) -> Callable[[], list[Message]]:
        def job() -> list[Message]:
            p = self.pipeline
            before = p.get_lead(lead_id).verdict
            if text is not None:
                self._say(lead_id, "rep", text, {"kind": "correction"})
            for path, value in changes:
                if path.startswith("ix:"):
                    p.reject_interaction(lead_id, int(path[3:]))
                else:
                    p.correct_fact(lead_id, path, value, said=text)
            return self._rescored(lead_id, before, lang, heading)

        return job

    def _rescored(self, lead_id: int, before: Verdict | None, lang: str, heading: str) -> list[Message]:
        p = self.pipeline
        view = self._view(lead_id)
        after = view.detail.verdict
        change = stage_change_line(before.stage if before else None, after.stage, lang) if after else None
        lines = [heading]
        if after is not None:
            lines.append(verdict_line(self._verdict_in(view.detail, lang) or after, view.detail.facts, lang))
        if change:
            lines.append(f"▲ stage changed: {change}")
        reply = self._say(lead_id, "assistant", "\n".join(lines), {"kind": "answer", "correction": True})
        view = LeadView(view.detail, [*view.transcript, reply], view.engagement_history)
        return [FactsCorrected(view, reply, change), LeadsLoaded(list(p.list_leads()))]

    # --- results (on the screen's thread) -------------------------------------------------

    def _show_view(self, view: LeadView) -> None:
        self.current = view
        self.query_one(LeadCard).view = view
        self.query_one(LeadList).current_id = view.detail.summary.id
        self.transcript.messages = list(view.transcript)
        self.query_one("#transcript").border_title = f"Chat · {view.detail.summary.label}"
        self.refresh_bindings()

    def on_leads_loaded(self, message: LeadsLoaded) -> None:
        self.leads = message.leads
        self.query_one(LeadList).leads = message.leads

    def on_lead_opened(self, message: LeadOpened) -> None:
        self.reading = False
        self._show_view(message.view)

    def on_lead_created(self, message: LeadCreated) -> None:
        self.reading = False
        self._show_view(message.view)
        self.query_one(Composer).focus()
        self.notify(f"New lead #{message.view.detail.summary.id}: paste or type a note about them.", timeout=4)

    def on_lead_qualified(self, message: LeadQualified) -> None:
        self.reading = False
        self._show_view(message.view)
        if message.stage_change:
            self.notify(f"Stage changed: {message.stage_change}", title=message.view.detail.summary.label, timeout=5)
        if message.fell_back:
            self.notify("The LLM failed; read with the offline rules instead. ctrl+r retries.", severity="warning", timeout=6)

    def on_qualification_failed(self, message: QualificationFailed) -> None:
        self.reading = False
        self.notify(message.reason, title="Could not read the note", severity="error", timeout=8)

    def on_question_answered(self, message: QuestionAnswered) -> None:
        self.reading = False
        if message.lead_id == self.lead_id:
            self.transcript.append(message.reply)

    def on_facts_corrected(self, message: FactsCorrected) -> None:
        self.reading = False
        self._show_view(message.view)
        if message.stage_change:
            self.notify(f"Stage changed: {message.stage_change}", timeout=5)

    def on_duplicate_found(self, message: DuplicateFound) -> None:
        existing = message.existing

        def chosen(open_existing: bool | None) -> None:
            if open_existing:
                self._start("merge duplicate", self._merge_job(message.lead_id, existing.id))

        self.push_screen(
            ConfirmScreen(
                f"This note looks like a lead you already have: {existing.label} (#{existing.id}).\n"
                "Open that lead and move this note there, instead of keeping a duplicate?",
                yes="Use the existing lead", no="Keep both",
            ),
            chosen,
        )

    def _merge_job(self, new_id: int, existing_id: int) -> Callable[[], list[Message]]:
        def job() -> list[Message]:
            p = self.pipeline
            p.merge_leads(new_id, existing_id)
            self._say(existing_id, "system", f"Merged the notes of lead #{new_id} into this lead.")
            return [LeadOpened(self._view(existing_id)), LeadsLoaded(list(p.list_leads()))]

        return job

    def on_lead_deleted(self, message: LeadDeleted) -> None:
        self.reading = False
        if message.lead_id == self.lead_id:
            self.current = None
            self.query_one(LeadCard).view = None
            self.transcript.messages = []
            self.query_one("#transcript").border_title = "Chat"
        self.notify(f"Deleted lead #{message.lead_id}.")

    def on_lead_exported(self, message: LeadExported) -> None:
        self.reading = False
        self.transcript.append(ChatMessage(role="system", text=f"Exported to {message.path}", at=self.now()))

    def on_job_failed(self, message: JobFailed) -> None:
        self.reading = False
        text = f"{message.action} failed: {message.reason}"
        self.transcript.append(ChatMessage(role="assistant", text=text, payload={"kind": "error"}, at=self.now()))
        self.notify(text, severity="error", timeout=8)

    # --- the rep's input ------------------------------------------------------------------

    @on(Composer.Submitted)
    def on_composer_submitted(self, event: Composer.Submitted) -> None:
        text = event.text
        reading = read_message(text)
        if reading.intent is Intent.empty:
            return
        if reading.intent is Intent.command and reading.command is not None:
            event.composer.clear()
            self.run_slash(reading.command.name, reading.command.argument)
            return
        if self.reading:
            self.notify("Still reading the last note; escape cancels. Your text is kept.", severity="warning")
            return
        lead_id = self.lead_id
        if reading.intent is Intent.question and reading.question is not None:
            if lead_id is None:
                self.transcript.append(ChatMessage(role="assistant", text=answer(reading.question, None), at=self.now()))
                event.composer.clear()
                return
            event.composer.clear()
            self.transcript.append(ChatMessage(role="rep", text=text, at=self.now()))
            self._start("answer", self._question_job(lead_id, text, reading.question))
            return
        if reading.intent is Intent.correction and reading.correction is not None and lead_id is not None:
            event.composer.clear()
            self.transcript.append(ChatMessage(role="rep", text=text, at=self.now()))
            changes = [(c.field, c.value) for c in reading.correction.changes]
            self._start("correct", self._correction_job(lead_id, text, changes, reading.correction.lang,
                                                          describe_changes(reading.correction)))
            return
        # a note (or a correction with no lead open: read it as a note)
        event.composer.clear()
        self.transcript.append(ChatMessage(role="rep", text=text, at=self.now()))
        if lead_id is None:
            self._start("read note", self._new_lead_then_note(text))
        else:
            self._start("read note", self._note_job(lead_id, text))

    def _new_lead_then_note(self, text: str) -> Callable[[], list[Message]]:
        def job() -> list[Message]:
            lead = self.pipeline.create_lead()
            return self._note_job(lead.id, text)()

        return job

    # --- slash commands and actions ---------------------------------------------------------

    def run_slash(self, name: str, argument: str = "") -> None:
        handlers: dict[str, Callable[[], None]] = {
            "new": lambda: self.action_new_lead(argument or None),
            "open": lambda: self.action_open(argument),
            "why": lambda: self.action_ask(QuestionKind.why),
            "next": lambda: self.action_ask(QuestionKind.next),
            "rules": self.action_rules,
            "export": self.action_export,
            "help": self.action_help,
        }
        handler = handlers.get(name)
        if handler is None:
            known = " ".join(f"/{n}" for n in handlers)
            self.transcript.append(ChatMessage(role="assistant", text=f"Unknown command /{name}. Try: {known}",
                                               payload={"kind": "error"}, at=self.now()))
            return
        handler()

    def action_new_lead(self, name: str | None = None) -> None:
        def job() -> list[Message]:
            lead = self.pipeline.create_lead(name=name)
            return [LeadCreated(self._view(lead.id)), LeadsLoaded(list(self.pipeline.list_leads()))]

        self._start("new lead", job, reading=False)

    def open_lead(self, lead_id: int) -> None:
        self._start("open lead", lambda: [LeadOpened(self._view(lead_id))], reading=False)

    def action_open(self, text: str = "") -> None:
        if not text:
            self.action_focus_leads()
            return
        needle = text.lower()
        for lead in self.leads:
            haystack = " ".join(x for x in (lead.name, lead.company, lead.email) if x).lower()
            if needle in haystack or needle.lstrip("#") == str(lead.id):
                self.open_lead(lead.id)
                return
        self.notify(f"No lead matches '{text}'.", severity="warning")

    def action_ask(self, kind: QuestionKind) -> None:
        lead_id = self.lead_id
        lang = self.settings.language or "en"
        question = Question(kind=kind, lang=lang)
        label = {"why": "/why", "next": "/next", "why_not": "/why"}[kind.value]
        if lead_id is None:
            self.transcript.append(ChatMessage(role="assistant", text=answer(question, None), at=self.now()))
            return
        self.transcript.append(ChatMessage(role="rep", text=label, at=self.now()))
        self._start("answer", self._question_job(lead_id, label, question))

    def action_rules(self) -> None:
        from assistant.scoring.rules_view import render_rules

        self.push_screen(TextScreen("Scoring rules", render_rules(self._scoring_model())))

    def action_export(self) -> None:
        lead_id = self.lead_id
        if lead_id is None:
            self.notify("Open a lead first, then /export.", severity="warning")
            return

        def job() -> list[Message]:
            view = self._view(lead_id)
            path = export_lead(view, self.settings.data_dir / "exports")
            return [LeadExported(lead_id, str(path))]

        self._start("export", job, reading=False)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_focus_leads(self) -> None:
        self.query_one(LeadOptions).focus()

    def action_filter_leads(self) -> None:
        self.query_one("#lead-filter", Input).focus()

    def action_cycle_sort(self) -> None:
        sort = self.query_one(LeadList).cycle_sort()
        self.notify(f"Leads sorted by {sort}.", timeout=2)

    def action_focus_card(self) -> None:
        self.query_one(CardItems).focus()

    def action_focus_input(self) -> None:
        self.query_one(Composer).focus()

    def action_cancel_or_back(self) -> None:
        if self.reading:
            self.workers.cancel_group(self, "pipeline")
            self.reading = False
            self.transcript.append(ChatMessage(
                role="system", text="Stopped reading. The note is saved; ctrl+r reads it again.", at=self.now()))
            if self._last_note is not None:
                self._retry_note = self._last_note
            self.refresh_bindings()
            return
        self.query_one(Composer).focus()

    def action_cancel_reading(self) -> None:
        self.action_cancel_or_back()

    def action_retry_llm(self) -> None:
        if self._retry_note is None or self.reading:
            return
        lead_id, note_id = self._retry_note
        self._retry_note = None
        self._start("retry", self._note_job(lead_id, "", extractor="llm", note_id=note_id))

    # --- lead list and card events -----------------------------------------------------

    def on_lead_list_lead_chosen(self, message: LeadList.LeadChosen) -> None:
        self.open_lead(message.lead_id)

    def on_lead_options_delete_requested(self, message: LeadOptions.DeleteRequested) -> None:
        lead = next((x for x in self.leads if x.id == message.lead_id), None)
        label = lead.label if lead else f"#{message.lead_id}"

        def chosen(yes: bool | None) -> None:
            if yes:
                def job() -> list[Message]:
                    self.pipeline.delete_lead(message.lead_id)
                    return [LeadDeleted(message.lead_id), LeadsLoaded(list(self.pipeline.list_leads()))]

                self._start("delete", job, reading=False)

        self.push_screen(ConfirmScreen(f"Delete {label} and all its notes?", yes="Delete", no="Keep"), chosen)

    def on_card_items_reject_requested(self, message: CardItems.RejectRequested) -> None:
        lead_id = self.lead_id
        if lead_id is None:
            return
        item = message.item_id
        if item.startswith("ix:"):
            heading = f"Rejected interaction #{item[3:]}; it no longer counts."
            self._start("reject", self._correction_job(lead_id, None, [(item, None)], "en", heading))
        elif item.startswith("fact:"):
            path = item[5:]
            self._start("clear", self._correction_job(lead_id, None, [(path, None)], "en", f"Cleared {path}."))
        elif item.startswith("dq:"):
            self._start("clear", self._correction_job(lead_id, None, [("disqualifiers", [])], "en",
                                                       "Cleared the disqualifiers."))

    def on_card_items_edit_requested(self, message: CardItems.EditRequested) -> None:
        lead_id, view = self.lead_id, self.current
        item = message.item_id
        if lead_id is None or view is None or not item.startswith("fact:"):
            if item.startswith("ix:"):
                self.notify("Interactions can be rejected (x), not edited; send a note to add one.", timeout=4)
            return
        path = item[5:]
        current = get_value(view.detail.facts, by_path(path)) if path != "disqualifiers" else None
        shown = "" if current is None else str(getattr(current, "value", current))

        def edited(value: str | None) -> None:
            if value is None:
                return
            new: Any = value.strip() or None
            self._start("edit", self._correction_job(lead_id, None, [(path, new)], "en",
                                                      f"Set {path} = {new if new is not None else '(unknown)'}."))

        self.push_screen(EditValueScreen(path, shown), edited)

    # --- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New lead", "Create a lead and open it (ctrl+n, /new)", self.action_new_lead)
        yield SystemCommand("Open lead", "Go to the lead list (ctrl+o, /open)", self.action_focus_leads)
        yield SystemCommand("Why this stage", "Explain the open lead's stage (/why)", lambda: self.action_ask(QuestionKind.why))
        yield SystemCommand("What to ask next", "Discovery questions for the open lead (/next)",
                            lambda: self.action_ask(QuestionKind.next))
        yield SystemCommand("Scoring rules", "The scoring rules in force (/rules)", self.action_rules)
        yield SystemCommand("Export lead", "Save the open lead as JSON (/export)", self.action_export)
        yield SystemCommand("Retry on LLM", "Read the last failed note again on the LLM (ctrl+r)", self.action_retry_llm)
        yield SystemCommand("Sort leads", "Cycle the lead list's sort (ctrl+s)", self.action_cycle_sort)
        yield SystemCommand("Filter leads", "Type to filter the lead list (ctrl+f)", self.action_filter_leads)
        yield SystemCommand("Lead facts", "Select a fact or interaction to reject or edit (ctrl+t)", self.action_focus_card)
        yield SystemCommand("Help", "Every key and command (f1, /help)", self.action_help)
        yield from super().get_system_commands(screen)


def _engagement(record: Any) -> float:
    value = getattr(record, "engagement", None)
    if isinstance(value, int | float):
        return float(value)
    return float(getattr(value, "score", 0.0) or 0.0)


def export_lead(view: LeadView, folder: Path) -> Path:
    """The open lead as one JSON file (facts, interactions, verdict, transcript)."""
    from assistant.scoring.render import verdict_json

    folder.mkdir(parents=True, exist_ok=True)
    detail = view.detail
    data: dict[str, Any] = {
        "lead": detail.summary.model_dump(mode="json"),
        "facts": detail.facts.model_dump(mode="json"),
        "interactions": [i.model_dump(mode="json") for i in detail.interactions],
        "verdict": verdict_json(detail.verdict, detail.facts, id=detail.summary.id) if detail.verdict else None,
        "notes": [n.model_dump(mode="json") for n in detail.notes],
        "transcript": [m.model_dump(mode="json") for m in view.transcript],
    }
    path = folder / f"lead-{detail.summary.id}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def make_app(
    settings: Settings | None = None,
    pipeline: Any = None,
    *,
    today: Callable[[], date] | None = None,
    now: Callable[[], datetime] | None = None,
) -> LeadqualApp:
    """The app over `pipeline` (opened from `settings` when not given)."""
    if settings is None:
        from assistant.config import load_settings

        settings = load_settings()
    if pipeline is None:
        from assistant.pipeline import Pipeline

        pipeline = Pipeline.open(settings)
    return LeadqualApp(pipeline, settings, today=today, now=now)


__all__ = ["LeadqualApp", "Stage", "export_lead", "make_app"]
