"""The pipeline: text for a lead -> save note -> extract -> merge into the lead -> score ->
save verdict -> result. The TUI, the chat and the `leadqual` lead commands all use it.

    p = Pipeline.open(load_settings())
    lead = p.create_lead()
    outcome = p.add_note(lead.id, "Anna Rossi, CFO at Vela, asked for a quote", as_of=date.today())
    outcome.verdict.stage, outcome.matched_existing, p.history(lead.id)

Nothing a rep writes is ever lost: the note is committed before extraction starts, and
an extraction failure leaves it stored with status `failed` and the error (retry with
`qualify_note(note_id, ...)`). The database is migrated to the latest schema on open.

Transactions are short (one per step): extraction, which may wait on an LLM, runs
outside any transaction, so other processes writing the same SQLite file only queue
for the few milliseconds a write takes.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import ExtractorChoice, Settings
from assistant.domain import (
    ChatMessage,
    Extraction,
    ExtractionResult,
    FactChange,
    LeadDetail,
    LeadState,
    LeadSummary,
    LLMCallRecord,
    MergePreview,
    MergeRecord,
    NoteRecord,
    PendingNote,
    Provenance,
    Stage,
    StageChange,
    Verdict,
    VerdictRecord,
)
from assistant.extract import Extractor, make_extractor
from assistant.extract.errors import ExtractionError
from assistant.extract.titles import read_title
from assistant.identity import IDENTITY_PATHS, Comparison, Identity, compare
from assistant.scoring import ScoringModel, load_scoring, score
from storage import make_engine, repo, upgrade
from storage.errors import (
    InteractionNotFound,
    InvalidFact,
    LeadNotFound,
    NoteNotFound,
    StorageError,
)
from storage.repo import FACT_FIELDS

__all__ = [
    "FACT_FIELDS",
    "InteractionNotFound",
    "InvalidFact",
    "LeadNotFound",
    "NoteNotFound",
    "NoteRead",
    "Pipeline",
    "PlacedNote",
    "PlacementQuestion",
    "QualifyOutcome",
    "StorageError",
    "Target",
]

# leads per transaction when re-scoring everything
RESCORE_BATCH = 2000


@dataclass(frozen=True)
class QualifyOutcome:
    """What reading one note did to its lead."""

    lead_id: int
    note_id: int
    result: ExtractionResult
    verdict: Verdict
    previous_stage: Stage | None
    fell_back: bool = False
    error: ExtractionError | None = None
    matched_existing: LeadSummary | None = None
    changed_fields: tuple[str, ...] = ()
    added_interactions: int = 0
    duplicate_interactions: int = 0
    kept_rep_fields: tuple[str, ...] = ()
    verdict_record: VerdictRecord | None = None

    @property
    def stage_changed(self) -> bool:
        return self.previous_stage != self.verdict.stage


@dataclass(frozen=True)
class NoteRead:
    """What reading one text gave: the extraction, and whether the LLM failed on the way."""

    result: ExtractionResult
    fell_back: bool = False
    error: ExtractionError | None = None
    calls: tuple[LLMCallRecord, ...] = ()


@dataclass(frozen=True)
class Target:
    """Where a pending note goes.

    `auto`: the open lead (`lead_id`, or a new lead when None), unless the note names
    someone else or a lead we already have: then nothing is written and the pipeline asks
    (`PlacementQuestion`). `lead`: that lead, as the rep chose; with `keep_identity` the
    lead keeps its own name, email, phone and company where the note says otherwise.
    `new`: a new lead.
    """

    kind: Literal["auto", "lead", "new"]
    lead_id: int | None = None
    keep_identity: bool = False

    @classmethod
    def auto(cls, lead_id: int | None) -> Target:
        return cls("auto", lead_id)

    @classmethod
    def lead(cls, lead_id: int, *, keep_identity: bool = False) -> Target:
        return cls("lead", lead_id, keep_identity)

    @classmethod
    def new(cls) -> Target:
        return cls("new")


@dataclass(frozen=True)
class PlacementQuestion:
    """A note the pipeline will not place without the rep: it names someone other than the
    open lead, or a lead we already have. Nothing was written to any lead."""

    pending: PendingNote
    read: NoteRead
    person: Identity
    open_lead: LeadSummary | None
    comparison: Comparison | None
    matches: tuple[LeadSummary, ...]

    @property
    def someone_else(self) -> bool:
        return self.comparison is not None and self.comparison.someone_else


@dataclass(frozen=True)
class PlacedNote:
    """A note placed on a lead and read into it, with everything a screen shows of the lead."""

    note: NoteRecord
    read: NoteRead
    state: LeadState
    record: VerdictRecord
    report: repo.MergeReport
    new_lead: bool
    matches: tuple[LeadSummary, ...] = ()
    chat: tuple[ChatMessage, ...] = ()
    transcript: tuple[ChatMessage, ...] | None = None  # the lead's whole transcript, when asked for

    @property
    def lead_id(self) -> int:
        return self.state.summary.id

    @property
    def previous_stage(self) -> Stage | None:
        return self.record.previous_stage


# (role, text, payload) of the chat messages a placed note adds to its lead's transcript
ChatDraft = tuple[str, str, dict[str, Any] | None]


def _identity(lead: LeadSummary) -> Identity:
    return Identity(lead.name, lead.email, lead.phone, lead.company)


def _provenance(extractor_name: str) -> Provenance:
    try:
        return Provenance(extractor_name)
    except ValueError:
        return Provenance.llm if "llm" in extractor_name else Provenance.rules


class Pipeline:
    """Storage + extraction + scoring for leads. Open with `Pipeline.open(settings)`."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        scoring: ScoringModel,
        extractor: Extractor | None = None,
        fallback: Extractor | None = None,
        recorder: Callable[[LLMCallRecord], None] | None = None,
    ) -> None:
        self.engine = engine
        if not isinstance(settings.extractor, ExtractorChoice):
            # settings.model_copy(update=...) skips validation and may leave a plain string,
            # which effective_extractor / make_extractor would not recognise
            settings = settings.model_copy(update={"extractor": ExtractorChoice(settings.extractor)})
        self.settings = settings
        self.scoring = scoring
        self._extractor = extractor
        self._fallback = fallback
        self._extractors: dict[str, Extractor] = {}
        self._recorder = recorder
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        extractor: Extractor | None = None,
        scoring: ScoringModel | None = None,
        recorder: Callable[[LLMCallRecord], None] | None = None,
        fallback: Extractor | None = None,
        migrate: bool = True,
    ) -> Pipeline:
        """Open the database of `settings` (migrating it to the latest schema).

        extractor: used for every note unless `qualify_note(extractor=...)` names another
        (default: the one the settings choose, built on first use). fallback: what reads
        a note when the LLM fails and settings.fallback_to_rules (default: the rules
        extractor). recorder: called with every LLM call made. scoring: default the
        settings' scoring file, else the packaged one.
        """
        engine = make_engine(settings.effective_database_url)
        try:
            if migrate:
                upgrade(engine)
            model = scoring or load_scoring(settings.scoring_file)
        except Exception:
            engine.dispose()
            raise
        return cls(engine, settings, scoring=model, extractor=extractor, fallback=fallback, recorder=recorder)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    # --- leads ----------------------------------------------------------------------------

    def create_lead(
        self, name: str | None = None, *, company: str | None = None, email: str | None = None
    ) -> LeadSummary:
        with self._tx() as s:
            return repo.create_lead(session=s, name=name, company=company, email=email)

    def list_leads(
        self, stage: Stage | str | None = None, search: str | None = None, *, limit: int | None = None
    ) -> list[LeadSummary]:
        with self._tx() as s:
            return repo.list_leads(session=s, stage=stage, search=search, limit=limit)

    def get_lead(self, lead_id: int) -> LeadDetail:
        """Raises LeadNotFound."""
        with self._tx() as s:
            return repo.get_lead(session=s, lead_id=lead_id)

    def find_matching_lead(self, extraction: Extraction, exclude: int | None = None) -> LeadSummary | None:
        """A stored lead with the same email, or the same person name and company name
        (ignoring case and accents), other than `exclude`."""
        with self._tx() as s:
            return repo.find_matching_lead(
                session=s, email=extraction.contact.email, name=extraction.contact.name,
                company=extraction.company.name, exclude=exclude,
            )

    def delete_lead(self, lead_id: int) -> None:
        """Delete the lead with its notes, facts, verdicts and transcript. Raises LeadNotFound."""
        with self._tx() as s:
            repo.delete_lead(session=s, lead_id=lead_id)

    def merge_leads(self, from_id: int, into_id: int, *, as_of: date | None = None) -> VerdictRecord:
        """Move lead `from_id` (notes, interactions, transcript, facts `into_id` lacks)
        onto `into_id`, delete `from_id`, and re-score `into_id` (cause merge). `merge`
        does the same and can be undone."""
        with self._tx() as s:
            return self._merge_in(s, from_id, into_id, as_of)

    def _merge_in(self, s: Session, from_id: int, into_id: int, as_of: date | None) -> VerdictRecord:
        if as_of is None:  # the later of the two leads' reference dates
            dates = [repo.current_as_of(session=s, lead_id=i) for i in (from_id, into_id)]
            as_of = max((d for d in dates if d), default=None)
        repo.merge_leads(session=s, from_id=from_id, into_id=into_id)
        return self._score_and_save(s, into_id, as_of=as_of, cause="merge")

    # --- notes and qualification -------------------------------------------------------

    def save_note(self, lead_id: int, text: str, author: str | None = None) -> int:
        """Store the rep's text (committed at once, before any extraction). Returns its id."""
        with self._tx() as s:
            return repo.add_note(session=s, lead_id=lead_id, text=text, author=author or self.settings.author).id

    def get_note(self, note_id: int) -> NoteRecord:
        with self._tx() as s:
            return repo.get_note(session=s, note_id=note_id)

    def llm_calls(self, note_id: int) -> list[LLMCallRecord]:
        with self._tx() as s:
            return repo.llm_calls(session=s, note_id=note_id)

    def extractor_for(self, choice: str | None = None) -> Extractor:
        """The extractor named `choice` ('rules', 'llm', 'auto'), or the default one."""
        if choice is None or choice == ExtractorChoice.auto.value:
            if self._extractor is None:
                self._extractor = make_extractor(self.settings, choice)
            return self._extractor
        if self._extractor is not None and getattr(self._extractor, "name", None) == choice:
            return self._extractor
        if self._fallback is not None and choice == ExtractorChoice.rules.value:
            return self._fallback
        if choice not in self._extractors:
            self._extractors[choice] = make_extractor(self.settings, choice)
        return self._extractors[choice]

    def _fallback_extractor(self) -> Extractor:
        if self._fallback is None:
            self._fallback = make_extractor(self.settings, ExtractorChoice.rules)
        return self._fallback

    def _record_calls(self, calls: list[LLMCallRecord]) -> None:
        if self._recorder is not None:
            for call in calls:
                self._recorder(call)

    def read_text(self, text: str, *, as_of: date, extractor: str | None = None) -> NoteRead:
        """Extract the facts of `text` (no transaction: an LLM may take seconds).

        When the LLM fails and settings.fallback_to_rules, the rules extractor reads it
        instead (`fell_back`, `error`). Otherwise an ExtractionError is raised, with every
        LLM call made in its `calls`; the caller keeps the text and the error.
        """
        chosen = self.extractor_for(extractor)
        name = getattr(chosen, "name", None) or (extractor or "rules")
        lang = self.settings.language
        calls: list[LLMCallRecord] = []
        try:
            result = chosen.extract(text, as_of=as_of, lang=lang)
        except ExtractionError as exc:
            calls.extend(exc.calls)
            rules_name = ExtractorChoice.rules.value
            fallback = None
            if self.settings.fallback_to_rules and name != rules_name:
                try:
                    fallback = self._fallback_extractor()
                except ImportError:
                    fallback = None
            if fallback is None:
                exc.calls = calls
                exc.extractor_name = name  # type: ignore[attr-defined]
                raise
            try:
                result = fallback.extract(text, as_of=as_of, lang=lang)
            except ExtractionError as second:
                calls.extend(second.calls)
                exc.calls = calls
                exc.extractor_name = name  # type: ignore[attr-defined]
                raise exc from second
            calls.extend(result.llm_calls)
            self._record_calls(calls)
            return NoteRead(result, fell_back=True, error=exc, calls=tuple(calls))
        except Exception as exc:  # an extractor bug: surfaces as an internal ExtractionError
            error = ExtractionError(f"{type(exc).__name__}: {exc}", kind="internal")
            error.calls = calls
            error.extractor_name = name  # type: ignore[attr-defined]
            raise error from exc
        calls.extend(result.llm_calls)
        self._record_calls(calls)
        return NoteRead(result, fell_back=False, error=None, calls=tuple(calls))

    def qualify_note(self, note_id: int, *, as_of: date, extractor: str | None = None) -> QualifyOutcome:
        """Read a saved note, merge its facts into its lead, score it and save the verdict.

        When the LLM fails and settings.fallback_to_rules, the rules extractor reads the
        note instead (outcome.fell_back, outcome.error). Otherwise the note is marked
        failed with the error kept, and the ExtractionError is raised.
        """
        note = self.get_note(note_id)
        try:
            read = self.read_text(note.text, as_of=as_of, extractor=extractor)
        except ExtractionError as exc:
            name = getattr(exc, "extractor_name", None) or extractor or "rules"
            self._note_failed(note_id, exc, name, as_of, list(exc.calls))
            if exc.kind == "internal" and exc.__cause__ is not None:
                raise exc.__cause__ from None  # an extractor bug surfaces as itself
            raise
        result, error = read.result, read.error
        with self._tx() as s:
            repo.add_llm_calls(session=s, note_id=note_id, calls=read.calls)
            merged = repo.merge_extraction(
                session=s, lead_id=note.lead_id, extraction=result.extraction, note_id=note_id,
                provenance=_provenance(result.extractor), as_of=as_of, language=result.language,
                author=note.author,
            )
            repo.mark_note_qualified(
                session=s, note_id=note_id, result=result, as_of=as_of,
                error=error.user_message if error else None,
            )
            record = self._score_and_save(s, note.lead_id, as_of=as_of, cause="note", note_id=note_id)
            facts = result.extraction
            matched = repo.find_matching_lead(
                session=s, email=facts.contact.email, name=facts.contact.name,
                company=facts.company.name, exclude=note.lead_id,
            )
        assert record is not None
        return QualifyOutcome(
            lead_id=note.lead_id,
            note_id=note_id,
            result=result,
            verdict=record.to_verdict(),
            previous_stage=record.previous_stage,
            fell_back=read.fell_back,
            error=error,
            matched_existing=matched,
            changed_fields=tuple(merged.changed_fields),
            added_interactions=len(merged.added_interactions),
            duplicate_interactions=merged.duplicate_interactions,
            kept_rep_fields=tuple(merged.kept_rep_fields),
            verdict_record=record,
        )

    def _note_failed(
        self, note_id: int, exc: ExtractionError, extractor: str, as_of: date, calls: list[LLMCallRecord]
    ) -> None:
        self._record_calls(calls)
        with self._tx() as s:
            repo.add_llm_calls(session=s, note_id=note_id, calls=calls)
            repo.mark_note_failed(
                session=s, note_id=note_id, error=exc.user_message, extractor=extractor, as_of=as_of
            )

    def add_note(
        self,
        lead_id: int,
        text: str,
        *,
        as_of: date,
        extractor: str | None = None,
        author: str | None = None,
    ) -> QualifyOutcome:
        """save_note + qualify_note. The note stays saved even when extraction fails."""
        note_id = self.save_note(lead_id, text, author=author)
        return self.qualify_note(note_id, as_of=as_of, extractor=extractor)

    def save_text(
        self,
        text: str,
        *,
        as_of: date,
        lead_id: int | None = None,
        extractor: str | None = None,
        merge_duplicate: bool = True,
        author: str | None = None,
    ) -> QualifyOutcome:
        """Store `text` as a note of lead `lead_id`, or of a new lead; what `leadqual
        qualify --save` / `--lead ID` call.

        With no `lead_id`, a new lead is created for the note; when the note's facts
        match a stored lead (same email, or same person and company) and
        `merge_duplicate`, the new lead is merged into that one, and the outcome's
        `lead_id` and `verdict` are the matched lead's (`matched_existing` says which).
        Raises ExtractionError like qualify_note (the note stays saved) and LeadNotFound.
        """
        if lead_id is not None:
            return self.add_note(lead_id, text, as_of=as_of, extractor=extractor, author=author)
        new_id = self.create_lead().id
        outcome = self.add_note(new_id, text, as_of=as_of, extractor=extractor, author=author)
        matched = outcome.matched_existing
        if matched is None or not merge_duplicate:
            return outcome
        record = self.merge_leads(new_id, matched.id, as_of=as_of)
        return replace(
            outcome,
            lead_id=matched.id,
            verdict=record.to_verdict(),
            previous_stage=matched.stage,
            verdict_record=record,
        )

    # --- placing a note safely (the chat's path: at most three transactions a note) --------

    def save_pending_note(self, text: str, *, open_lead_id: int | None = None,
                          author: str | None = None) -> PendingNote:
        """Commit the rep's text at once, on no lead yet (it is placed after reading)."""
        with self._tx() as s:
            return repo.save_pending_note(session=s, text=text, author=author or self.settings.author,
                                          open_lead_id=open_lead_id)

    def start_state(self) -> tuple[list[LeadSummary], list[PendingNote]]:
        """Every lead, and the notes saved on no lead yet (one transaction)."""
        with self._tx() as s:
            return repo.list_leads(session=s), repo.pending_notes(session=s)

    def pending_notes(self) -> list[PendingNote]:
        with self._tx() as s:
            return repo.pending_notes(session=s)

    def get_pending_note(self, pending_id: int) -> PendingNote:
        with self._tx() as s:
            return repo.get_pending_note(session=s, pending_id=pending_id)

    def read_pending(self, pending: PendingNote, *, as_of: date, extractor: str | None = None) -> NoteRead:
        """Read a pending note. When no extractor can, it stays pending, marked failed with
        the error and the LLM calls made, and the ExtractionError is raised."""
        try:
            return self.read_text(pending.text, as_of=as_of, extractor=extractor)
        except ExtractionError as exc:
            self._record_calls(list(exc.calls))
            with self._tx() as s:
                repo.fail_pending_note(session=s, pending_id=pending.id, error=exc.user_message, calls=exc.calls)
            raise

    def place_note(
        self,
        pending_id: int,
        read: NoteRead,
        *,
        as_of: date,
        target: Target,
        chat: Callable[[PlacedNote], list[ChatDraft]] | None = None,
        transcript: bool = False,
    ) -> PlacedNote | PlacementQuestion:
        """Place a read pending note and merge it into its lead, in one transaction.

        With `Target.auto`, the person the note names (name, email, phone, company) is
        compared with the open lead first: someone else, or a lead we already have when
        no lead (or an empty new one) is open, gives a PlacementQuestion and writes
        nothing. Otherwise the note becomes a note of its lead, its facts are merged, the
        lead is scored, and `chat(placed)` gives the messages added to the lead's
        transcript with it (the rep's text and the reply); with `transcript`, the lead's
        whole transcript comes back too (a screen switching to that lead shows it).
        """
        person = Identity.of(read.result.extraction)
        with self._tx() as s:
            pending = repo.get_pending_note(session=s, pending_id=pending_id)
            open_id = target.lead_id if target.kind != "new" else None
            open_lead, matches = repo.note_leads(
                session=s, lead_id=open_id, email=person.email, phone=person.phone, name=person.name,
                company=person.company,
            )
            if open_id is not None and open_lead is None:
                raise LeadNotFound(open_id)
            if target.kind == "auto":
                question = self._question(pending, read, person, open_lead, matches)
                if question is not None:
                    return question
            keep: set[str] = set()
            if target.kind == "lead" and target.keep_identity and open_lead is not None:
                comparison = compare(person, _identity(open_lead))
                keep = {IDENTITY_PATHS[f] for f in comparison.differ}
            new_lead = open_lead is None
            lead_id = repo.create_lead(session=s).id if open_lead is None else open_lead.id
            placed = self._apply(s, pending, read, lead_id, as_of=as_of, keep=keep, new_lead=new_lead,
                                 matches=tuple(m for m in matches if m.id != lead_id), chat=chat)
            if transcript:
                whole = placed.chat if new_lead else tuple(repo.transcript(session=s, lead_id=lead_id))
                placed = replace(placed, transcript=whole)
            return placed

    def _question(self, pending: PendingNote, read: NoteRead, person: Identity,
                  open_lead: LeadSummary | None, matches: list[LeadSummary]) -> PlacementQuestion | None:
        if open_lead is not None:
            comparison = compare(person, _identity(open_lead))
            if comparison.someone_else:
                return PlacementQuestion(pending, read, person, open_lead, comparison, tuple(matches))
            # the note's email or phone is another lead's, and not this one's: whose is it?
            strong = [m for m in matches if compare(person, _identity(m)).same_person]
            if strong and not comparison.same_person:
                return PlacementQuestion(pending, read, person, open_lead, comparison, tuple(matches))
            if _identity(open_lead).known or not matches:
                return None  # the open lead's own person (another lead of theirs is only mentioned)
            # an empty new lead, and the note names a lead we have: which one?
            return PlacementQuestion(pending, read, person, open_lead, comparison, tuple(matches))
        if matches:
            return PlacementQuestion(pending, read, person, None, None, tuple(matches))
        return None

    def _apply(
        self, s: Session, pending: PendingNote, read: NoteRead, lead_id: int, *, as_of: date,
        keep: set[str], new_lead: bool, matches: tuple[LeadSummary, ...],
        chat: Callable[[PlacedNote], list[ChatDraft]] | None,
    ) -> PlacedNote:
        with s.no_autoflush:  # the lead's row is written once, with its verdict
            return self._apply_in(s, pending, read, lead_id, as_of=as_of, keep=keep, new_lead=new_lead,
                                  matches=matches, chat=chat)

    def _apply_in(
        self, s: Session, pending: PendingNote, read: NoteRead, lead_id: int, *, as_of: date,
        keep: set[str], new_lead: bool, matches: tuple[LeadSummary, ...],
        chat: Callable[[PlacedNote], list[ChatDraft]] | None,
    ) -> PlacedNote:
        result = read.result
        note = repo.place_note(
            session=s, pending_id=pending.id, lead_id=lead_id, result=result, as_of=as_of,
            error=read.error.user_message if read.error else None, calls=read.calls,
        )
        report = repo.merge_extraction(
            session=s, lead_id=lead_id, extraction=result.extraction, note_id=note.id,
            provenance=_provenance(result.extractor), as_of=as_of, language=result.language,
            author=note.author, keep=keep, flush=False, new_lead=new_lead,
        )
        facts, language = repo.scoring_facts(session=s, lead_id=lead_id, as_of=as_of,
                                             interactions=report.interactions)
        verdict = score(facts, as_of=as_of, model=self.scoring, lang=self._lang(language))
        record = repo.save_verdict(session=s, lead_id=lead_id, verdict=verdict, cause="note",
                                   note_id=note.id, flush=False)
        repo.write_changes(session=s)
        # the verdict just saved is the newest of the history
        history = [verdict.engagement.score] if new_lead else repo.engagement_history(session=s, lead_id=lead_id)
        state = repo.lead_state(session=s, lead_id=lead_id, interactions=report.interactions,
                                verdict=verdict, history=history)
        placed = PlacedNote(note=note, read=read, state=state, record=record, report=report,
                            new_lead=new_lead, matches=matches)
        if chat is not None:
            drafts = chat(placed)
            added = repo.add_chat_messages(session=s, lead_id=lead_id, messages=drafts)
            placed = replace(placed, chat=tuple(added))
        return placed

    def lead_state(self, lead_id: int) -> tuple[LeadState, list[ChatMessage]]:
        """The lead as a screen shows it, and its transcript (one transaction)."""
        with self._tx() as s:
            return repo.lead_state(session=s, lead_id=lead_id), repo.transcript(session=s, lead_id=lead_id)

    def change_marker(self) -> tuple[int, int, str]:
        """Changes whenever any process writes a lead. Cheap to poll: one indexed read,
        outside any transaction, so it never waits for another process's write."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn, \
                Session(bind=conn) as s:
            return repo.change_marker(session=s)

    # --- merging two leads, explicitly, and undoing it -------------------------------------

    def merge_preview(self, from_id: int, into_id: int) -> MergePreview:
        """What merging `from_id` into `into_id` would move and copy; nothing is written."""
        with self._tx() as s:
            return repo.merge_preview(session=s, from_id=from_id, into_id=into_id)

    def merge(self, from_id: int, into_id: int, *, as_of: date | None = None) -> tuple[VerdictRecord, MergeRecord]:
        """`merge_leads`, keeping both leads as they were so `undo_merge` can restore them."""
        with self._tx() as s:
            snapshot = repo.snapshot_leads(session=s, lead_ids=(from_id, into_id))
            record = self._merge_in(s, from_id, into_id, as_of)
            undo = repo.record_merge(session=s, from_id=from_id, into_id=into_id, snapshot=snapshot)
            return record, undo

    def last_merge(self, into_id: int | None = None) -> MergeRecord | None:
        with self._tx() as s:
            return repo.last_merge(session=s, into_id=into_id)

    def undo_merge(self, merge_id: int) -> MergeRecord:
        """Put both leads of merge `merge_id` back exactly as they were. Raises InvalidFact
        (nothing changed) when the merged lead changed since."""
        with self._tx() as s:
            return repo.undo_merge(session=s, merge_id=merge_id)

    # --- scoring ----------------------------------------------------------------------------

    def _reference_date(self, s: Session, lead_id: int, as_of: date | None) -> date:
        """`as_of`, else the current verdict's reference date, else today: a correction
        re-scores the lead as of the notes it corrects."""
        if as_of is not None:
            return as_of
        return repo.current_as_of(session=s, lead_id=lead_id) or date.today()

    def _lang(self, lead_language: str | None) -> str:
        return self.settings.language or lead_language or "en"

    def _score_and_save(
        self, s: Session, lead_id: int, *, as_of: date | None, cause: str, note_id: int | None = None,
        scoring: ScoringModel | None = None,
    ) -> VerdictRecord:
        ref = self._reference_date(s, lead_id, as_of)
        facts, language = repo.scoring_input(session=s, lead_id=lead_id, as_of=ref)
        verdict = score(facts, as_of=ref, model=scoring or self.scoring, lang=self._lang(language))
        return repo.save_verdict(session=s, lead_id=lead_id, verdict=verdict, cause=cause, note_id=note_id)

    def rescore_lead(self, lead_id: int, *, as_of: date | None = None, scoring: ScoringModel | None = None) -> VerdictRecord:
        """Score the lead's current facts again and save the verdict (cause rescore)."""
        with self._tx() as s:
            return self._score_and_save(s, lead_id, as_of=as_of, cause="rescore", scoring=scoring)

    def author(self) -> str | None:
        """Who is writing: the configured author, else the login name of the session."""
        if self.settings.author:
            return self.settings.author
        try:
            return getpass.getuser()
        except Exception:  # no login name (some containers): the change is still kept
            return None

    def correct_fact(
        self, lead_id: int, field: str, value: Any, *, as_of: date | None = None, said: str | None = None
    ) -> VerdictRecord:
        """A rep sets a fact ('company.employees', 'bant.authority', 'bant.timeline_days',
        'disqualifiers' with [] to clear, ...; None clears a field). Recorded with
        provenance rep, the rep's words (`said`, else the value), author and time, so no
        later note overrides it; a corrected job title re-reads seniority and department
        from it (unless the rep set those themselves). The lead is re-scored (cause
        correction) as of `as_of`, by default the current verdict's date.
        Raises InvalidFact or LeadNotFound."""
        author = self.author()
        with self._tx() as s:
            ref = self._reference_date(s, lead_id, as_of)
            repo.correct_fact(session=s, lead_id=lead_id, field=field, value=value, as_of=ref,
                              said=said, author=author)
            if field == "contact.job_title":
                self._rederive_from_title(s, lead_id, value, ref, author)
            return self._score_and_save(s, lead_id, as_of=ref, cause="correction")

    def _rederive_from_title(self, s: Session, lead_id: int, title: Any, ref: date, author: str | None) -> None:
        """Seniority and department follow a corrected title, read with the title's words."""
        title = str(title).strip() if title else ""
        seniority, department = read_title(title, self.settings.language) if title else (None, None)
        detail = repo.get_lead(session=s, lead_id=lead_id, as_of=ref)
        for path, value in (("contact.seniority", seniority), ("contact.department", department)):
            source = detail.sources.get(path)
            set_by_rep = source is not None and source.provenance is Provenance.rep
            if set_by_rep and (source.evidence is None or source.evidence.via is None):
                continue  # the rep said this one themselves: it stands
            repo.correct_fact(session=s, lead_id=lead_id, field=path, value=getattr(value, "value", value),
                              as_of=ref, said=title or None, author=author,
                              via="contact.job_title" if value is not None else None)

    def reject_interaction(self, lead_id: int, interaction_id: int, *, as_of: date | None = None) -> VerdictRecord:
        """A rep says an interaction did not happen: it stops counting (cause rejection)."""
        return self._review_interaction(lead_id, interaction_id, "rejected", as_of, "rejection")

    def confirm_interaction(self, lead_id: int, interaction_id: int, *, as_of: date | None = None) -> VerdictRecord:
        """A rep confirms an interaction (or takes back a rejection)."""
        return self._review_interaction(lead_id, interaction_id, "confirmed", as_of, "correction")

    def _review_interaction(
        self, lead_id: int, interaction_id: int, status: str, as_of: date | None, cause: str
    ) -> VerdictRecord:
        with self._tx() as s:
            ref = self._reference_date(s, lead_id, as_of)
            repo.set_interaction_status(session=s, lead_id=lead_id, interaction_id=interaction_id, status=status)
            return self._score_and_save(s, lead_id, as_of=ref, cause=cause)

    def history(self, lead_id: int) -> list[VerdictRecord]:
        """Every verdict of the lead, oldest first (`record.stage_changed` marks changes)."""
        with self._tx() as s:
            return repo.history(session=s, lead_id=lead_id)

    def fact_changes(self, lead_id: int) -> list[FactChange]:
        """The audit trail: every fact change, oldest first."""
        with self._tx() as s:
            return repo.fact_changes(session=s, lead_id=lead_id)

    def rescore_all(
        self,
        *,
        as_of: date,
        scoring: ScoringModel | None = None,
        dry_run: bool = False,
        batch_size: int = RESCORE_BATCH,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[StageChange]:
        """Re-score every lead as of `as_of` with `scoring` (default the pipeline's model);
        yield each lead whose stage changes, from what to what.

        A generator: leads are read, scored and (unless dry_run) written in batches of
        `batch_size`, one transaction per batch, so memory stays flat and other writers
        wait at most one batch. Applying saves a verdict (cause rescore) for each lead
        whose stage, scores or scoring file changed. `progress(n)` gets the leads done.
        """
        model = scoring or self.scoring
        after, done = 0, 0
        while True:
            changes: list[StageChange] = []
            with self._tx() as s:
                batch = repo.iter_leads_to_score(session=s, as_of=as_of, after_id=after, limit=batch_size)
                if not batch:
                    return
                to_save = []
                for lead in batch:
                    verdict = score(lead.extraction, as_of=as_of, model=model, lang=self._lang(lead.language))
                    new_stage = verdict.stage
                    if lead.stage != new_stage.value:
                        changes.append(
                            StageChange(
                                lead_id=lead.lead_id, name=lead.name, company=lead.company,
                                old_stage=Stage(lead.stage) if lead.stage else None, new_stage=new_stage,
                            )
                        )
                    if not dry_run and (
                        lead.stage != new_stage.value
                        or lead.fit != verdict.fit.score
                        or lead.engagement != verdict.engagement.score
                        or lead.scoring_hash != verdict.scoring_hash
                    ):
                        to_save.append((lead.lead_id, verdict))
                if not dry_run:
                    repo.save_verdicts_bulk(session=s, verdicts=to_save, cause="rescore")
                after = batch[-1].lead_id
                done += len(batch)
            if progress is not None:
                progress(done)
            yield from changes

    # --- chat transcript ---------------------------------------------------------------------

    def add_chat_message(
        self, lead_id: int, role: str, text: str, payload: dict[str, Any] | None = None
    ) -> ChatMessage:
        with self._tx() as s:
            return repo.add_chat_message(session=s, lead_id=lead_id, role=role, text=text, payload=payload)

    def add_chat_messages(self, lead_id: int, messages: list[ChatDraft]) -> list[ChatMessage]:
        """Several messages of one lead's transcript in one transaction."""
        with self._tx() as s:
            return repo.add_chat_messages(session=s, lead_id=lead_id, messages=messages)

    def transcript(self, lead_id: int) -> list[ChatMessage]:
        with self._tx() as s:
            return repo.transcript(session=s, lead_id=lead_id)
