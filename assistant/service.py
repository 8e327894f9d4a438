"""The chat's service layer: what the rep's messages and actions do, as typed results.

The TUI calls these from its worker thread and renders what comes back (`views.LeadView`,
`views.ReplyCard`, ...); it never scores, translates or reads strings itself. No Textual.

A note is placed safely (`note`): its text is saved first, on no lead; it is read; then
the pipeline compares who it is about with the open lead. Someone else, or a lead we
already have, comes back as `PlacementAsked` and nothing is written to any lead until
the rep chooses (`place`). A note costs at most three transactions.

Merging two leads is its own action (`merge_preview`, `merge`) and `undo_merge` puts both
back exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from assistant.chat import (
    Correction,
    LiftDisqualifiers,
    Question,
    Reading,
    read_message,
    with_introduced_name,
    with_nominative_name,
)
from assistant.config import Settings
from assistant.domain import ChatMessage, LeadState, LeadSummary, MergeRecord, PendingNote, Verdict
from assistant.extract.errors import ExtractionError
from assistant.identity import IDENTITY_PATHS
from assistant.pipeline import NoteRead, Pipeline, PlacedNote, PlacementQuestion, Target
from assistant.scoring import score
from assistant.views import (
    Labels,
    LeadView,
    NoteFacts,
    ReplyCard,
    answer_card,
    correction_card,
    lead_view,
    note_card,
    stage_change,
    text_card,
    view_language,
)
from storage.errors import LeadNotFound

__all__ = [
    "ChatService",
    "FactsCorrected",
    "LeadOpened",
    "MergeDone",
    "MergePreviewView",
    "NoteFailed",
    "NotePlaced",
    "PlacementAsked",
    "PlacementOption",
    "QuestionAnswered",
]


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadOpened:
    view: LeadView
    transcript: list[ChatMessage]


@dataclass(frozen=True)
class NotePlaced:
    """A note is on a lead and read into it: the lead's card, the messages the note added to
    its transcript (the rep's text and the reply card), and what the rep should notice."""

    view: LeadView
    added: list[ChatMessage]
    card: ReplyCard
    summary: LeadSummary
    stage_change: str | None
    fell_back: bool
    new_lead: bool
    note_id: int
    # the lead's whole transcript when the note went to a lead other than the open one
    transcript: list[ChatMessage] | None = None


@dataclass(frozen=True)
class PlacementOption:
    key: str  # the dialog's key for it
    label: str
    choice: str  # new | open | lead:<id>


@dataclass(frozen=True)
class PlacementAsked:
    """The note names someone other than the open lead, or a lead we already have: the rep
    chooses. Nothing was written to any lead; the note is saved (pending)."""

    pending_id: int
    open_lead_id: int | None
    title: str
    lines: tuple[str, ...]
    options: tuple[PlacementOption, ...]
    default: int  # the option that loses nothing: a new lead


@dataclass(frozen=True)
class NoteFailed:
    """No extractor could read the note; it is saved (pending) and ctrl+r retries."""

    pending_id: int
    lead_id: int | None
    card: ReplyCard
    reason: str


@dataclass(frozen=True)
class QuestionAnswered:
    lead_id: int | None
    added: list[ChatMessage]
    card: ReplyCard


@dataclass(frozen=True)
class FactsCorrected:
    view: LeadView
    added: list[ChatMessage]
    card: ReplyCard
    summary: LeadSummary
    stage_change: str | None


@dataclass(frozen=True)
class MergePreviewView:
    from_id: int
    into_id: int
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class MergeDone:
    view: LeadView
    transcript: list[ChatMessage]
    record: MergeRecord
    text: str


@dataclass
class _Pending:
    """What the service keeps of a note while the rep decides where it goes."""

    read: NoteRead
    open_lead_id: int | None
    text: str


# --- the service --------------------------------------------------------------------------------


class ChatService:
    """The rep's actions over one Pipeline. Build with the pipeline and the settings; the
    reference date of every note is `today()`."""

    def __init__(self, pipeline: Pipeline, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self.pipeline = pipeline
        self.settings = settings
        self.today = today
        self._waiting: dict[int, _Pending] = {}
        # the note the LLM last failed on (placed with the rules, or not read at all)
        self.retry_note: tuple[str, int] | None = None  # ("note", note id) | ("pending", pending id)

    # --- reading ----------------------------------------------------------------------------

    @staticmethod
    def read(text: str) -> Reading:
        """What a message is: a /command, a question, a correction or a note."""
        return read_message(text)

    def lang_of(self, state: LeadState | None) -> str:
        return view_language(self.settings.language, state.language if state else None)

    def leads(self) -> list[LeadSummary]:
        return self.pipeline.list_leads()

    def change_marker(self) -> tuple[int, int, str]:
        return self.pipeline.change_marker()

    def open(self, lead_id: int) -> LeadOpened:
        state, transcript = self.pipeline.lead_state(lead_id)
        return LeadOpened(lead_view(state, self.lang_of(state)), transcript)

    def create(self, name: str | None = None) -> LeadOpened:
        lead = self.pipeline.create_lead(name=name)
        return self.open(lead.id)

    def delete(self, lead_id: int) -> None:
        self.pipeline.delete_lead(lead_id)

    def start(self) -> tuple[list[LeadSummary], list[PendingNote]]:
        """What the first screen shows: the leads, and the notes waiting on no lead."""
        return self.pipeline.start_state()

    def pending(self) -> list[PendingNote]:
        """Notes saved earlier (a crash, a quit while asked) that are on no lead yet."""
        return self.pipeline.pending_notes()

    @property
    def llm_configured(self) -> bool:
        return self.settings.effective_extractor.value == "llm"

    # --- notes -------------------------------------------------------------------------------

    def note(self, text: str, lead_id: int | None) -> NotePlaced | PlacementAsked | NoteFailed:
        """Save the rep's text (on no lead yet), read it, and place it on the open lead, or on
        a new one, unless it names someone else or a lead we have (then the rep chooses)."""
        pending = self.pipeline.save_pending_note(text, open_lead_id=lead_id)
        return self._read_and_place(pending, lead_id)

    def retry_pending(self, pending_id: int, *, extractor: str | None = None) -> NotePlaced | PlacementAsked | NoteFailed:
        pending = self.pipeline.get_pending_note(pending_id)
        return self._read_and_place(pending, pending.open_lead_id, extractor=extractor)

    def _read_and_place(self, pending: PendingNote, lead_id: int | None, *,
                        extractor: str | None = None) -> NotePlaced | PlacementAsked | NoteFailed:
        try:
            read = self.pipeline.read_pending(pending, as_of=self.today(), extractor=extractor)
        except ExtractionError as exc:
            self.retry_note = ("pending", pending.id)
            lang = view_language(self.settings.language, None)
            labels = Labels(lang)
            card = text_card("error", f"{labels('could_not_read', reason=exc.user_message)}\n{labels('note_kept')}", lang)
            return NoteFailed(pending.id, lead_id, card, exc.user_message)
        read = _named(read, pending.text)
        try:
            return self._place(pending.id, pending.text, read, Target.auto(lead_id), lead_id)
        except LeadNotFound:  # the lead it was typed into was deleted since: place it afresh
            return self._place(pending.id, pending.text, read, Target.auto(None), None)

    def place(self, pending_id: int, choice: str) -> NotePlaced | PlacementAsked | NoteFailed:
        """The rep's choice for a note that asked: `new` (a new lead), `open` (the lead that
        was open, keeping its own name, email, phone and company), `lead:<id>` (that lead)."""
        waiting = self._waiting.get(pending_id)
        if waiting is None:  # asked in an earlier session: read it again
            pending = self.pipeline.get_pending_note(pending_id)
            try:
                read = self.pipeline.read_pending(pending, as_of=self.today())
            except ExtractionError as exc:
                labels = Labels(view_language(self.settings.language, None))
                card = text_card("error", labels("could_not_read", reason=exc.user_message), labels.lang)
                return NoteFailed(pending_id, pending.open_lead_id, card, exc.user_message)
            waiting = _Pending(_named(read, pending.text), pending.open_lead_id, pending.text)
        text = waiting.text
        if choice == "new":
            target = Target.new()
        elif choice == "open":
            if waiting.open_lead_id is None:
                target = Target.new()
            else:
                target = Target.lead(waiting.open_lead_id, keep_identity=True)
        elif choice.startswith("lead:"):
            target = Target.lead(int(choice.partition(":")[2]))
        else:
            raise ValueError(f"unknown placement {choice!r}: use new, open or lead:<id>")
        return self._place(pending_id, text, waiting.read, target, waiting.open_lead_id)

    def _place(self, pending_id: int, text: str, read: NoteRead, target: Target,
               open_lead_id: int | None) -> NotePlaced | PlacementAsked:
        as_of = self.today()
        built: dict[str, Any] = {}

        def chat(placed: PlacedNote) -> list[tuple[str, str, dict[str, Any] | None]]:
            card = self._note_card(placed)
            built["card"] = card
            return [("rep", text, {"kind": "note", "note_id": placed.note.id}),
                    ("assistant", card.text, card.to_payload())]

        elsewhere = target.kind != "auto" and target.lead_id != open_lead_id
        outcome = self.pipeline.place_note(pending_id, read, as_of=as_of, target=target, chat=chat,
                                           transcript=elsewhere)
        if isinstance(outcome, PlacementQuestion):
            self._waiting[pending_id] = _Pending(read, open_lead_id, text)
            return self._asked(outcome)
        self._waiting.pop(pending_id, None)
        state = outcome.state
        lang = self.lang_of(state)
        card = built["card"]
        self.retry_note = ("note", outcome.note.id) if read.fell_back else None
        change = stage_change(outcome.previous_stage, state.verdict.stage, Labels(lang)) if state.verdict else None
        return NotePlaced(lead_view(state, lang), list(outcome.chat), card, state.summary, change,
                          read.fell_back, outcome.new_lead, outcome.note.id,
                          list(outcome.transcript) if outcome.transcript is not None else None)

    def _note_card(self, placed: PlacedNote) -> ReplyCard:
        result = placed.read.result
        state = placed.state
        report = placed.report
        extraction = result.extraction
        said = {path: _said(extraction, path) for path in report.kept_fields}
        facts = NoteFacts(
            extraction=extraction, extractor=result.extractor, model=result.model,
            dropped=tuple(result.dropped), warnings=tuple(result.warnings),
            fell_back=placed.read.error.user_message if placed.read.fell_back and placed.read.error else None,
            kept_rep=tuple(report.kept_rep_fields), kept_identity=tuple(said.items()),
            also=placed.matches, note_id=placed.note.id,
        )
        return note_card(state, facts, placed.previous_stage, self.pipeline.scoring, self.lang_of(state))

    def _asked(self, q: PlacementQuestion) -> PlacementAsked:
        lang = view_language(self.settings.language, None)
        labels = Labels(lang)
        person = q.person.label()
        lines: list[str] = []
        options: list[PlacementOption] = []
        best = q.matches[0] if q.matches else None
        if q.someone_else and q.open_lead is not None:
            lines.append(labels("placement_other", person=person, lead=q.open_lead.label))
            differ = q.comparison.differ if q.comparison else ()
            fields = ", ".join(labels.fact(IDENTITY_PATHS[f]) for f in differ)
            if fields:
                lines.append(labels("placement_differs", fields=fields))
        if best is not None:
            matches = ", ".join(f"#{m.id} {m.label}" for m in q.matches[:3])
            lines.append(labels("placement_duplicate", person=person, matches=matches))
        lines.append(labels("placement_safe"))
        options.append(PlacementOption("n", labels("option_new", person=person), "new"))
        if best is not None:
            options.append(PlacementOption("e", labels("option_existing", id=best.id, label=best.label), f"lead:{best.id}"))
        if q.open_lead is not None:
            if q.someone_else:
                differ = q.comparison.differ if q.comparison else ()
                fields = ", ".join(labels.fact(IDENTITY_PATHS[f]) for f in differ)
                options.append(PlacementOption("t", labels("option_open", lead=q.open_lead.label, fields=fields), "open"))
            else:
                options.append(PlacementOption("t", labels("option_open_plain", lead=q.open_lead.label),
                                               f"lead:{q.open_lead.id}"))
        return PlacementAsked(q.pending.id, q.open_lead.id if q.open_lead else None, labels("placement_title"),
                              tuple(lines), tuple(options), default=0)

    def retry_on_llm(self) -> NotePlaced | PlacementAsked | NoteFailed | None:
        """Read the note the LLM last failed on again, on the LLM. None: nothing to retry."""
        if self.retry_note is None:
            return None
        kind, ident = self.retry_note
        self.retry_note = None
        if kind == "pending":
            return self.retry_pending(ident, extractor="llm")
        note = self.pipeline.get_note(ident)
        before = self.pipeline.get_lead(note.lead_id).verdict
        try:
            outcome = self.pipeline.qualify_note(ident, as_of=self.today(), extractor="llm")
        except ExtractionError as exc:
            self.retry_note = ("note", ident)
            labels = Labels(view_language(self.settings.language, None))
            card = text_card("error", labels("could_not_read", reason=exc.user_message), labels.lang)
            return NoteFailed(0, note.lead_id, card, exc.user_message)
        state, _transcript = self.pipeline.lead_state(note.lead_id)
        lang = self.lang_of(state)
        read = NoteRead(outcome.result, outcome.fell_back, outcome.error)
        if outcome.fell_back:
            self.retry_note = ("note", ident)
        facts = NoteFacts(extraction=outcome.result.extraction, extractor=outcome.result.extractor,
                          model=outcome.result.model, dropped=tuple(outcome.result.dropped),
                          warnings=tuple(outcome.result.warnings),
                          fell_back=outcome.error.user_message if outcome.fell_back and outcome.error else None,
                          note_id=ident)
        previous = before.stage if before else None
        card = note_card(state, facts, previous, self.pipeline.scoring, lang)
        labels = Labels(lang)
        on = "LLM" if not read.fell_back else "rules"
        added = self.pipeline.add_chat_messages(note.lead_id, [
            ("system", f"Reading the note again on the {on}...", {"kind": "retry", "note_id": ident}),
            ("assistant", card.text, card.to_payload())])
        change = stage_change(previous, state.verdict.stage, labels) if state.verdict else None
        return NotePlaced(lead_view(state, lang), added, card, state.summary, change, outcome.fell_back,
                          False, ident)

    # --- questions and corrections -------------------------------------------------------------

    def question(self, text: str, lead_id: int | None, question: Question) -> QuestionAnswered:
        """Answer from the lead's verdict, in the rep's chosen language, else the question's."""
        lang = self.settings.language or question.lang
        question = replace(question, lang=lang if lang in ("en", "it", "pl") else "en")
        if lead_id is None:
            return QuestionAnswered(None, [], answer_card(question, None))
        state, _transcript = self.pipeline.lead_state(lead_id)
        card = answer_card(question, self._verdict_in(state, question.lang))
        added = self.pipeline.add_chat_messages(lead_id, [
            ("rep", text, {"kind": "question"}),
            ("assistant", card.text, {**card.to_payload(), "question": question.kind.value})])
        return QuestionAnswered(lead_id, added, card)

    def _verdict_in(self, state: LeadState, lang: str) -> Verdict | None:
        """The lead's verdict with its sentences in `lang`: scored again (pure, deterministic)
        when the stored one is in another language; the stored one when the facts no longer
        reproduce it."""
        verdict = state.verdict
        if verdict is None or lang == self.lang_of(state):
            return verdict
        facts = state.facts.model_copy(update={"interactions": [
            i.as_interaction() for i in state.interactions if i.status != "rejected"]})
        again = score(facts, as_of=verdict.as_of, model=self.pipeline.scoring, lang=lang)
        return again if again.stage is verdict.stage else verdict

    def correct(self, text: str | None, lead_id: int, correction: Correction | None = None, *,
                changes: list[tuple[str, Any]] | None = None, heading: str | None = None) -> FactsCorrected:
        """Apply a rep's correction (each change through Pipeline.correct_fact, with the rep's
        words as evidence), or `changes` ("ix:<id>" rejects an interaction)."""
        p = self.pipeline
        before = p.get_lead(lead_id)
        previous = before.verdict.stage if before.verdict else None
        asked = [(c.field, c.value) for c in correction.changes] if correction is not None else []
        said_changes = [*asked, *(changes or [])]
        applied: list[tuple[str, Any]] = []
        for path, value in said_changes:
            if isinstance(value, LiftDisqualifiers):  # the ones the rep says do not hold go
                value = value.remaining([d.model_dump(mode="json") for d in before.facts.disqualifiers])
            applied.append((path, value))
        for path, value in applied:
            if path.startswith("ix:"):
                p.reject_interaction(lead_id, int(path[3:]))
            else:
                p.correct_fact(lead_id, path, value, said=text)
        state, _transcript = p.lead_state(lead_id)
        lang = self.lang_of(state)
        shown = [(path, value) for path, value in said_changes if not path.startswith("ix:")]
        card = correction_card(state, shown, previous, p.scoring, lang, heading=heading)
        drafts: list[tuple[str, str, dict[str, Any] | None]] = []
        if text is not None:
            drafts.append(("rep", text, {"kind": "correction"}))
        drafts.append(("assistant", card.text, {**card.to_payload(), "correction": True}))
        added = p.add_chat_messages(lead_id, drafts)
        change = stage_change(previous, state.verdict.stage, Labels(lang)) if state.verdict else None
        return FactsCorrected(lead_view(state, lang), added, card, state.summary, change)

    # --- merging --------------------------------------------------------------------------------

    def merge_preview(self, from_id: int, into_id: int) -> MergePreviewView:
        """What merging `from_id` into `into_id` would move, copy and keep, in words."""
        preview = self.pipeline.merge_preview(from_id, into_id)
        labels = Labels(view_language(self.settings.language, None))
        s, t = preview.source, preview.target
        duplicates = (labels("merge_duplicates", count=preview.duplicate_interactions, into_id=t.id)
                      if preview.duplicate_interactions else "")
        lines = [
            labels("merge_question", from_id=s.id, from_label=s.label, into_id=t.id, into_label=t.label),
            labels("merge_moves", notes=preview.notes, interactions=preview.interactions, duplicates=duplicates,
                   chats=preview.chat_messages),
        ]
        if preview.copied:
            lines.append(labels("merge_copies", into_id=t.id, facts="; ".join(
                f"{labels.fact(m.path)} = {labels.value(m.value, m.path)}" for m in preview.copied)))
        if preview.kept:
            lines.append(labels("merge_keeps", into_id=t.id, facts="; ".join(
                f"{labels.fact(m.path)} " + labels("merge_not", value=labels.value(m.value, m.path),
                                                   other=labels.value(m.other, m.path))
                for m in preview.kept)))
        if preview.disqualifiers:
            lines.append(labels("merge_adds", items="; ".join(
                f'{labels.enum(d.kind.value)} "{d.evidence}"' for d in preview.disqualifiers)))
        lines.append(labels("merge_then", from_id=s.id))
        return MergePreviewView(from_id, into_id, labels("merge_title"), tuple(lines))

    def merge(self, from_id: int, into_id: int) -> MergeDone:
        preview = self.pipeline.merge_preview(from_id, into_id)
        _record, undo = self.pipeline.merge(from_id, into_id)
        state, _transcript = self.pipeline.lead_state(into_id)
        labels = Labels(self.lang_of(state))
        moved = labels("merge_moved", notes=preview.notes, interactions=preview.interactions,
                       chats=preview.chat_messages)
        text = labels("merged", from_id=from_id, from_label=undo.from_label, moved=moved)
        self.pipeline.add_chat_messages(into_id, [("system", text, {"kind": "merge", "merge_id": undo.id})])
        opened = self.open(into_id)
        return MergeDone(opened.view, opened.transcript, undo, text)

    def last_merge(self, into_id: int | None = None) -> MergeRecord | None:
        return self.pipeline.last_merge(into_id)

    def undo_merge(self, merge_id: int | None = None, *, into_id: int | None = None) -> MergeDone | None:
        """Undo merge `merge_id` (default: the last one into `into_id`, else the last one).
        None when there is none; InvalidFact when the merged lead changed since."""
        record = self.pipeline.last_merge(into_id) if merge_id is None else None
        if merge_id is None:
            if record is None:
                return None
            merge_id = record.id
        undone = self.pipeline.undo_merge(merge_id)
        opened = self.open(undone.into_id)
        labels = Labels(opened.view.lang)
        text = labels("undone", from_label=undone.from_label, from_id=undone.from_id,
                      into_label=undone.into_label, into_id=undone.into_id)
        return MergeDone(opened.view, opened.transcript, undone, text)

    # --- export ----------------------------------------------------------------------------------

    def export(self, lead_id: int, folder: Path) -> Path:
        """The lead as one JSON file (facts, interactions, verdict, notes, transcript)."""
        from assistant.scoring.machine import verdict_json

        folder.mkdir(parents=True, exist_ok=True)
        detail = self.pipeline.get_lead(lead_id)
        transcript = self.pipeline.transcript(lead_id)
        data: dict[str, Any] = {
            "lead": detail.summary.model_dump(mode="json"),
            "facts": detail.facts.model_dump(mode="json"),
            "interactions": [i.model_dump(mode="json") for i in detail.interactions],
            "verdict": verdict_json(detail.verdict, detail.facts, id=lead_id) if detail.verdict else None,
            "notes": [n.model_dump(mode="json") for n in detail.notes],
            "transcript": [m.model_dump(mode="json") for m in transcript],
        }
        path = folder / f"lead-{lead_id}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        return path


def _named(read: NoteRead, text: str) -> NoteRead:
    """The note's contact as a rep names them: "<Name> here" when the extractor found no
    name, a Polish name in the nominative."""
    result = read.result
    extraction = with_nominative_name(with_introduced_name(text, result.extraction), result.language)
    if extraction is result.extraction:
        return read
    return replace(read, result=result.model_copy(update={"extraction": extraction}))


def _said(extraction: Any, path: str) -> str:
    group, _, name = path.rpartition(".")
    value = getattr(getattr(extraction, group) if group else extraction, name)
    return str(getattr(value, "value", value))

