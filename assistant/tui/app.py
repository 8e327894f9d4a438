"""The leadqual Textual app: lead list, chat and lead card over the chat service, driven from one worker.

Every database and LLM call runs in `run_job`, a single exclusive thread worker calling
`assistant.service.ChatService`; it reports back with the Messages of `tui/messages.py`,
which carry view models the widgets render as they are. Below 100 columns one pane shows
at a time (leads, chat, card) with a switcher bar; from 100 columns all three. Every key,
palette entry, slash command and help line comes from `tui/actions.py`.

Build the app with `make_app(settings, pipeline)`; `run_tui()` does that for `leadqual`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from assistant.chat import Intent, LiftDisqualifiers, Question, QuestionKind
from assistant.config import Settings
from assistant.domain import ChatMessage, DisqualifierKind, LeadSummary
from assistant.service import ChatService, NoteFailed, NotePlaced, PlacementAsked
from assistant.tui.actions import ACTIONS, SLASH, bindings_for
from assistant.tui.messages import (
    DatabaseChanged,
    FactsCorrected,
    JobFailed,
    LeadCreated,
    LeadDeleted,
    LeadExported,
    LeadOpened,
    LeadsLoaded,
    LeadsMerged,
    MergePreviewed,
    MergeUndone,
    NoteQualified,
    PendingFound,
    PlacementNeeded,
    QualificationFailed,
    QuestionAnswered,
    Said,
)
from assistant.tui.screens.dialogs import (
    ConfirmScreen,
    EditValueScreen,
    PlacementScreen,
    TextScreen,
)
from assistant.tui.screens.help import HelpScreen
from assistant.tui.widgets.composer import Composer
from assistant.tui.widgets.lead_card import CardItems, LeadCard
from assistant.tui.widgets.lead_list import LeadList, LeadOptions
from assistant.tui.widgets.panes import PANES, PaneBar
from assistant.tui.widgets.transcript import Transcript
from assistant.views import LeadView, empty_card, view_language

PLACEHOLDER = "Type or paste a note, or ask 'why?' · /help"
POLL_SECONDS = 2.0  # how often the app looks for leads another process wrote
WELCOME = ("Paste or type what you know about a lead: it is saved, read and scored here. Ask \"why?\" or "
           "\"what should I ask next?\", correct a fact (\"actually they have 40 employees\"); f1 shows every key.")


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
    from assistant.views import lead_row

    row = lead_row(lead)
    return row.stage_label + (f", fit {row.fit}" if lead.grade else "")


class LeadqualApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "leadqual"
    COMMANDS = App.COMMANDS | {LeadCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS = bindings_for("anywhere")

    reading: reactive[bool] = reactive(False)
    pane: reactive[str] = reactive("chat")

    def __init__(
        self,
        service: ChatService,
        settings: Settings,
        *,
        now: Callable[[], datetime] | None = None,
        poll_seconds: float | None = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.service = service
        self.settings = settings
        self.now = now or _now
        self.poll_seconds = poll_seconds
        self.leads: list[LeadSummary] = []
        self.current: LeadView | None = None
        self._marker: tuple[int, int, str] | None = None
        self._polling = False
        self._pending_text: str | None = None  # what the rep sent while a note is being read

    @property
    def pipeline(self) -> Any:
        return self.service.pipeline

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield PaneBar(id="panes")
        with Horizontal(id="main", classes="-show-chat"):
            yield LeadList(id="leads", now=self.now)
            yield Transcript(id="transcript")
            yield LeadCard(id="card", empty=empty_card(view_language(self.settings.language, None)))
        yield Static("", id="status")
        yield Composer(id="composer", placeholder=PLACEHOLDER)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.extractor_label()
        self.query_one(Composer).focus()
        self.query_one("#status", Static).display = False
        self._composer_title()
        self._say(WELCOME)
        self.run_job("load leads", self._job_start)
        self.run_worker(self._warm_up, thread=True, group="warm-up", exit_on_error=False)
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.check_for_changes)

    def _warm_up(self) -> None:
        """Ready the first note before it comes: load the offline extractor's vocabularies (the
        fallback too when an LLM reads), then move the long-lived objects out of the garbage
        collector's scans; a full collection over them cost about 100 ms on every note."""
        import gc

        from assistant.extract.rules import RulesExtractor

        RulesExtractor().extract("Warm-up: visited the pricing page yesterday.", as_of=self.service.today())
        gc.freeze()

    def extractor_label(self) -> str:
        s = self.settings
        if s.effective_extractor.value == "llm":
            where = s.llm_base_url or s.azure_endpoint or s.llm_provider.value
            fallback = ", falls back to rules" if s.fallback_to_rules else ""
            return f"extractor: LLM {s.llm_model} @ {where}{fallback}"
        return "extractor: offline rules (no LLM configured)"

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def lead_id(self) -> int | None:
        return self.current.lead_id if self.current else None

    def _composer_title(self) -> None:
        """The message box says where a note goes: the open lead, or a new one."""
        composer = self.query_one(Composer)
        composer.border_title = f"note → {self.current.summary.label}" if self.current else "note → a new lead"

    # --- panes (one at a time below 100 columns) ----------------------------------------

    def watch_pane(self, pane: str) -> None:
        if not self.is_mounted:
            return
        main = self.query_one("#main")
        for name, _label, _key in PANES:
            main.set_class(name == pane, f"-show-{name}")
        self.query_one(PaneBar).pane = pane

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget: Any = event.widget
        while widget is not None:
            if widget.id in ("leads", "card", "transcript", "composer"):
                self.pane = {"leads": "leads", "card": "card"}.get(widget.id, "chat")
                return
            widget = widget.parent

    def on_pane_bar_chosen(self, message: PaneBar.Chosen) -> None:
        {"leads": self.action_focus_leads, "chat": self.action_focus_input, "card": self.action_focus_card}[message.pane]()

    def action_next_pane(self) -> None:
        names = [name for name, _l, _k in PANES]
        nxt = names[(names.index(self.pane) + 1) % len(names)]
        self.on_pane_bar_chosen(PaneBar.Chosen(nxt))

    # --- the one worker ----------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, thread=True, group="pipeline")
    def run_job(self, label: str, job: Callable[[], Iterable[Message]]) -> None:
        """Run one job off the screen's thread and post what it reports."""
        worker = get_current_worker()
        try:
            messages = list(job())
        except Exception as exc:  # shown in the chat, with what the rep typed kept
            self.log.error(f"{label} failed: {exc!r}")
            messages = [JobFailed(label, str(exc) or type(exc).__name__)]
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

    def check_for_changes(self) -> None:
        """Poll the change marker (cheap); when another process wrote leads, load the list."""
        if self._polling:
            return  # the last look has not come back yet
        self._polling = True
        self.run_worker(self._job_poll, thread=True, group="poll", exit_on_error=False)

    def _job_poll(self) -> None:
        try:
            marker = self.service.change_marker()
            if marker != self._marker:
                self._marker = marker
                self.post_message(DatabaseChanged(self.service.leads()))
        finally:
            self._polling = False

    # --- jobs (run in the worker thread) -------------------------------------------------

    def _job_start(self) -> list[Message]:
        leads, pending = self.service.start()
        out: list[Message] = [LeadsLoaded(leads)]
        if pending:
            out.append(PendingFound(pending))
        return out

    def _note_result(self, result: NotePlaced | PlacementAsked | NoteFailed) -> list[Message]:
        if isinstance(result, NotePlaced):
            return [NoteQualified(result)]
        if isinstance(result, PlacementAsked):
            return [PlacementNeeded(result)]
        return [QualificationFailed(result)]

    def _note_job(self, text: str, lead_id: int | None) -> Callable[[], list[Message]]:
        return lambda: self._note_result(self.service.note(text, lead_id))

    # --- results (on the screen's thread) -------------------------------------------------

    def _show(self, view: LeadView, transcript: list[ChatMessage] | None) -> None:
        self.current = view
        self.query_one(LeadCard).view = view
        self.query_one(LeadList).current_id = view.lead_id
        if transcript is not None:
            self.transcript.messages = list(transcript)
        self.query_one("#transcript").border_title = f"Chat · {view.summary.label}"
        self._composer_title()
        self.refresh_bindings()

    def on_leads_loaded(self, message: LeadsLoaded) -> None:
        self.leads = message.leads
        self.query_one(LeadList).leads = message.leads

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.on_leads_loaded(LeadsLoaded(message.leads))
        current = self.current
        if current is not None and not self.reading:
            now = next((x for x in message.leads if x.id == current.lead_id), None)
            if now is None:  # deleted elsewhere
                self._clear_lead()
            elif now.updated_at != current.summary.updated_at:
                self.open_lead(current.lead_id)  # changed elsewhere (a CLI note): show it as it is

    def _upsert(self, lead: LeadSummary) -> None:
        self.leads = [lead, *(x for x in self.leads if x.id != lead.id)]
        self.query_one(LeadList).upsert(lead)

    def on_pending_found(self, message: PendingFound) -> None:
        from assistant.views import Labels

        labels = Labels(view_language(self.settings.language, None))
        self._say(labels("pending_waiting", count=len(message.notes)))

    def on_lead_opened(self, message: LeadOpened) -> None:
        self.reading = False
        self._show(message.opened.view, message.opened.transcript)

    def on_lead_created(self, message: LeadCreated) -> None:
        self.reading = False
        self._show(message.opened.view, message.opened.transcript)
        self._upsert(message.opened.view.summary)
        self.action_focus_input()
        self.notify(f"New lead #{message.opened.view.lead_id}: paste or type a note about them.", timeout=4)

    def on_note_qualified(self, message: NoteQualified) -> None:
        self.reading = False
        placed = message.placed
        switched = self.lead_id != placed.view.lead_id
        transcript = placed.transcript if placed.transcript is not None else (placed.added if switched else None)
        self._show(placed.view, transcript)
        if not switched or (placed.transcript is None and not placed.new_lead):
            self.transcript.extend(placed.added)
        self._upsert(placed.summary)
        if placed.stage_change:
            self.notify(f"Stage changed: {placed.stage_change}", title=placed.view.summary.label, timeout=5)
        if placed.fell_back:
            self.notify("The LLM failed; read with the offline rules instead. ctrl+r retries.", severity="warning",
                        timeout=6)

    def on_placement_needed(self, message: PlacementNeeded) -> None:
        self.reading = False
        asked = message.asked

        def chosen(choice: str | None) -> None:
            if choice is None:
                self._say("The note is saved and waits on no lead; /pending places it when you are ready.")
                return
            self._start("place note", lambda: self._note_result(self.service.place(asked.pending_id, choice)))

        self.push_screen(PlacementScreen(asked), chosen)

    def on_qualification_failed(self, message: QualificationFailed) -> None:
        self.reading = False
        card = message.failed.card
        self.transcript.append(ChatMessage(role="assistant", text=card.text, payload=card.to_payload(), at=self.now()))
        self.notify(message.failed.reason, title="Could not read the note", severity="error", timeout=8)

    def on_question_answered(self, message: QuestionAnswered) -> None:
        self.reading = False
        answered = message.answered
        if answered.lead_id is None:
            card = answered.card
            self.transcript.append(ChatMessage(role="assistant", text=card.text, payload=card.to_payload(), at=self.now()))
        elif answered.lead_id == self.lead_id:
            self.transcript.extend(answered.added)

    def on_facts_corrected(self, message: FactsCorrected) -> None:
        self.reading = False
        corrected = message.corrected
        self._show(corrected.view, None)
        self.transcript.extend(corrected.added)
        self._upsert(corrected.summary)
        if corrected.stage_change:
            self.notify(f"Stage changed: {corrected.stage_change}", timeout=5)

    def on_merge_previewed(self, message: MergePreviewed) -> None:
        self.reading = False
        preview = message.preview

        def chosen(yes: bool | None) -> None:
            if yes:
                self._start("merge", lambda: [LeadsMerged(self.service.merge(preview.from_id, preview.into_id)),
                                              LeadsLoaded(self.service.leads())])
            else:
                self._say("Nothing merged.")

        self.push_screen(ConfirmScreen("\n".join(preview.lines), yes="Merge", no="Cancel", title=preview.title,
                                       default_yes=False), chosen)

    def on_leads_merged(self, message: LeadsMerged) -> None:
        self.reading = False
        self._show(message.done.view, message.done.transcript)
        self.notify(message.done.text, timeout=6)

    def on_merge_undone(self, message: MergeUndone) -> None:
        self.reading = False
        self._show(message.done.view, message.done.transcript)
        self._say(message.done.text)

    def _clear_lead(self) -> None:
        self.current = None
        self.query_one(LeadCard).view = None
        self.transcript.messages = []
        self.query_one("#transcript").border_title = "Chat"
        self._composer_title()

    def on_lead_deleted(self, message: LeadDeleted) -> None:
        self.reading = False
        if message.lead_id == self.lead_id:
            self._clear_lead()
        self.notify(f"Deleted lead #{message.lead_id}.")

    def on_lead_exported(self, message: LeadExported) -> None:
        self.reading = False
        self._say(f"Exported to {message.path}")

    def on_said(self, message: Said) -> None:
        self.reading = False
        self._say(message.text, message.kind)

    def on_job_failed(self, message: JobFailed) -> None:
        self.reading = False
        text = f"{message.action} failed: {message.reason}"
        self._say(text, "error")
        self.notify(text, severity="error", timeout=8)

    def _say(self, text: str, kind: str = "system") -> None:
        """A line in the chat that belongs to no lead's transcript (nothing is saved)."""
        role = "system" if kind == "system" else "assistant"
        self.transcript.append(ChatMessage(role=role, text=text, payload={"kind": kind}, at=self.now()))

    # --- the rep's input ------------------------------------------------------------------

    @on(Composer.Submitted)
    def on_composer_submitted(self, event: Composer.Submitted) -> None:
        text = event.text
        reading = self.service.read(text)
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
        event.composer.clear()
        self.pane = "chat"
        self.transcript.append(ChatMessage(role="rep", text=text, at=self.now()))
        if reading.intent is Intent.question and reading.question is not None:
            question = reading.question
            self._start("answer", lambda: [QuestionAnswered(self.service.question(text, lead_id, question))])
            return
        if reading.intent is Intent.correction and reading.correction is not None and lead_id is not None:
            correction = reading.correction
            self._start("correct", lambda: [FactsCorrected(self.service.correct(text, lead_id, correction))])
            return
        # a note (or a correction with no lead open: read it as a note)
        self._start("read note", self._note_job(text, lead_id))

    # --- slash commands and actions ---------------------------------------------------------

    def run_slash(self, name: str, argument: str = "") -> None:
        action = SLASH.get(name)
        if action is None:
            known = " ".join(a.slash.split()[0] for a in ACTIONS if a.slash)
            self._say(f"Unknown command /{name}. Try: {known}", "error")
            return
        method = getattr(self, f"action_{action.name}")
        if argument and action.slash.count(" "):
            method(argument)
        else:
            method()

    def action_new_lead(self, name: str | None = None) -> None:
        self._start("new lead", lambda: [LeadCreated(self.service.create(name))], reading=False)

    def open_lead(self, lead_id: int) -> None:
        self._start("open lead", lambda: [LeadOpened(self.service.open(lead_id))], reading=False)

    def _find_lead(self, text: str) -> LeadSummary | None:
        """The lead `text` names: its id ('5', '#5') first, else its name, company or email."""
        needle = text.lower().strip()
        by_id = next((lead for lead in self.leads if needle.lstrip("#") == str(lead.id)), None)
        if by_id is not None or not needle:
            return by_id
        for lead in self.leads:
            haystack = " ".join(x for x in (lead.name, lead.company, lead.email) if x).lower()
            if needle in haystack:
                return lead
        return None

    def action_open(self, text: str = "") -> None:
        if not text:
            self.action_focus_leads()
            return
        lead = self._find_lead(text)
        if lead is None:
            self.notify(f"No lead matches '{text}'.", severity="warning")
            return
        self.open_lead(lead.id)

    def _ask(self, kind: QuestionKind, label: str) -> None:
        lead_id = self.lead_id
        lang = self.settings.language or (self.current.lang if self.current else "en")
        question = Question(kind=kind, lang=lang)
        self.pane = "chat"
        self.transcript.append(ChatMessage(role="rep", text=label, at=self.now()))
        self._start("answer", lambda: [QuestionAnswered(self.service.question(label, lead_id, question))])

    def action_why(self) -> None:
        self._ask(QuestionKind.why, "/why")

    def action_next_questions(self) -> None:
        self._ask(QuestionKind.next, "/next")

    def action_rules(self) -> None:
        from assistant.scoring.rules_view import render_rules

        self.push_screen(TextScreen("Scoring rules", render_rules(self.pipeline.scoring)))

    def action_export(self) -> None:
        lead_id = self.lead_id
        if lead_id is None:
            self.notify("Open a lead first, then /export.", severity="warning")
            return

        def job() -> list[Message]:
            path = self.service.export(lead_id, self.settings.data_dir / "exports")
            return [LeadExported(lead_id, str(path))]

        self._start("export", job, reading=False)

    def action_merge(self, text: str = "") -> None:
        """Merge the lead `text` names into the open one, after a preview."""
        into = self.lead_id
        if into is None:
            self.notify("Open the lead to keep first, then /merge <the other lead>.", severity="warning")
            return
        if not text:
            label = self.current.summary.label if self.current else ""

            def picked(value: str | None) -> None:
                if value:
                    self.action_merge(value)

            self.push_screen(EditValueScreen(f"Merge which lead into {label}?", "",
                                             "name, company, email or #id · enter previews · escape cancels"), picked)
            return
        lead = self._find_lead(text)
        if lead is None or lead.id == into:
            self.notify(f"No other lead matches '{text}'.", severity="warning")
            return
        self.merge_into_open(lead.id)

    def merge_into_open(self, from_id: int) -> None:
        into = self.lead_id
        if into is None or from_id == into:
            self.notify("Open the lead to keep, then pick the other lead (m on the list).", severity="warning")
            return
        self._start("merge preview", lambda: [MergePreviewed(self.service.merge_preview(from_id, into))],
                    reading=False)

    def action_undo(self) -> None:
        into = self.lead_id

        def job() -> list[Message]:
            from storage.errors import InvalidFact

            try:
                done = self.service.undo_merge(into_id=into) or self.service.undo_merge()
            except InvalidFact as exc:
                return [Said(str(exc), "error")]
            if done is None:
                return [Said("There is no merge to undo.")]
            return [MergeUndone(done), LeadsLoaded(self.service.leads())]

        self._start("undo", job, reading=False)

    def action_pending(self) -> None:
        def job() -> list[Message]:
            pending = self.service.pending()
            if not pending:
                return [Said("No note is waiting: every note is on a lead.")]
            first = pending[0]
            return self._note_result(self.service.retry_pending(first.id))

        self._start("place waiting note", job)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_focus_leads(self) -> None:
        self.pane = "leads"
        self.query_one(LeadOptions).focus()

    def action_filter_leads(self) -> None:
        self.pane = "leads"
        self.query_one("#lead-filter", Input).focus()

    def action_cycle_sort(self) -> None:
        sort = self.query_one(LeadList).cycle_sort()
        self.notify(f"Leads sorted by {sort}.", timeout=2)

    def action_focus_card(self) -> None:
        if self.current is None:
            self.notify("No lead open: ctrl+n makes one, ctrl+o picks one.", timeout=3)
            return
        self.pane = "card"
        items = self.query_one(CardItems)
        items.focus()
        # once the card is laid out (it may have just come into view): its items in sight
        self.call_after_refresh(lambda: self.query_one(LeadCard).scroll_to_widget(items, top=True, animate=False))

    def action_focus_input(self) -> None:
        self.pane = "chat"
        self.query_one(Composer).focus()

    def action_cancel_or_back(self) -> None:
        if self.reading:
            self.workers.cancel_group(self, "pipeline")
            self.reading = False
            self._say("Stopped waiting for the reading. The note is saved: it goes on its lead when the "
                      "reading ends, or waits for /pending if it names someone else.")
            self.refresh_bindings()
            return
        self.action_focus_input()

    def action_retry_llm(self) -> None:
        """Read the last failed note again on the LLM, or say why that cannot happen."""
        if self.reading:
            self.notify("Still reading; escape cancels first.", severity="warning")
            return
        if not self.service.llm_configured:
            self._say("ctrl+r reads a note again on the LLM, but no LLM is configured: notes are read by the "
                      "offline rules. Set LEADQUAL_LLM_API_KEY (or LEADQUAL_LLM_BASE_URL for a local server) "
                      "and run `leadqual doctor`.")
            return
        if self.service.retry_note is None:
            self._say("Nothing to retry: the last note was read by the LLM without a problem.")
            return
        self._start("retry", lambda: self._note_result(r) if (r := self.service.retry_on_llm()) is not None
                    else [Said("Nothing to retry.")])

    # --- lead list and card events -----------------------------------------------------

    def on_lead_list_lead_chosen(self, message: LeadList.LeadChosen) -> None:
        self.open_lead(message.lead_id)

    def on_lead_options_merge_requested(self, message: LeadOptions.MergeRequested) -> None:
        self.merge_into_open(message.lead_id)

    def on_lead_options_delete_requested(self, message: LeadOptions.DeleteRequested) -> None:
        lead = next((x for x in self.leads if x.id == message.lead_id), None)
        label = lead.label if lead else f"#{message.lead_id}"

        def chosen(yes: bool | None) -> None:
            if yes:
                def job() -> list[Message]:
                    self.service.delete(message.lead_id)
                    return [LeadDeleted(message.lead_id), LeadsLoaded(self.service.leads())]

                self._start("delete", job, reading=False)

        self.push_screen(ConfirmScreen(f"Delete {label} and all its notes?", yes="Delete", no="Keep",
                                       default_yes=False), chosen)

    def _correct(self, label: str, changes: list[tuple[str, Any]], heading: str | None = None) -> None:
        lead_id = self.lead_id
        if lead_id is None:
            return
        self._start(label, lambda: [FactsCorrected(self.service.correct(None, lead_id, changes=changes,
                                                                        heading=heading))])

    def on_card_items_reject_requested(self, message: CardItems.RejectRequested) -> None:
        item = message.item_id
        if item.startswith("ix:"):
            self._correct("reject", [(item, None)], f"Rejected interaction #{item[3:]}; it no longer counts.")
        elif item.startswith("fact:"):
            self._correct("clear", [(item[5:], None)])
        elif item.startswith("dq:"):
            self._correct("clear", [("disqualifiers", LiftDisqualifiers((DisqualifierKind(item[3:]),)))])

    def on_card_items_edit_requested(self, message: CardItems.EditRequested) -> None:
        view = self.current
        item = message.item_id
        if view is None or not item.startswith("fact:"):
            if item.startswith("ix:"):
                self.notify("Interactions can be rejected (x), not edited; send a note to add one.", timeout=4)
            return
        path = item[5:]

        def edited(value: str | None) -> None:
            if value is None:
                return
            self._correct("edit", [(path, value.strip() or None)])

        self.push_screen(EditValueScreen(path, view.current(path)), edited)

    # --- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for action in ACTIONS:
            if not action.title or not hasattr(self, f"action_{action.name}"):
                continue
            where = ", ".join(x for x in (action.key_text if action.where == "anywhere" and action.keys else "",
                                          action.slash.split()[0] if action.slash else "") if x)
            help_text = action.help + (f" ({where})" if where else "")
            yield SystemCommand(action.title, help_text, getattr(self, f"action_{action.name}"))
        yield from super().get_system_commands(screen)


def make_app(
    settings: Settings | None = None,
    pipeline: Any = None,
    *,
    today: Callable[[], date] | None = None,
    now: Callable[[], datetime] | None = None,
    poll_seconds: float | None = POLL_SECONDS,
) -> LeadqualApp:
    """The app over `pipeline` (opened from `settings` when not given)."""
    if settings is None:
        from assistant.config import load_settings

        settings = load_settings()
    if pipeline is None:
        from assistant.pipeline import Pipeline

        pipeline = Pipeline.open(settings)
    service = ChatService(pipeline, settings, today=today or date.today)
    return LeadqualApp(service, settings, now=now, poll_seconds=poll_seconds)


__all__ = ["LeadqualApp", "make_app"]
