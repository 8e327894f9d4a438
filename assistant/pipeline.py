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
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import ExtractorChoice, Settings
from assistant.domain import (
    ChatMessage,
    Extraction,
    ExtractionResult,
    FactChange,
    LeadDetail,
    LeadSummary,
    LLMCallRecord,
    NoteRecord,
    Provenance,
    Stage,
    StageChange,
    Verdict,
    VerdictRecord,
)
from assistant.extract import Extractor, make_extractor
from assistant.extract.errors import ExtractionError
from assistant.extract.titles import read_title
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
    "Pipeline",
    "QualifyOutcome",
    "StorageError",
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
        onto `into_id`, delete `from_id`, and re-score `into_id` (cause merge)."""
        with self._tx() as s:
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

    def qualify_note(self, note_id: int, *, as_of: date, extractor: str | None = None) -> QualifyOutcome:
        """Read a saved note, merge its facts into its lead, score it and save the verdict.

        When the LLM fails and settings.fallback_to_rules, the rules extractor reads the
        note instead (outcome.fell_back, outcome.error). Otherwise the note is marked
        failed with the error kept, and the ExtractionError is raised.
        """
        note = self.get_note(note_id)
        chosen = self.extractor_for(extractor)
        name = getattr(chosen, "name", None) or (extractor or "rules")
        lang = self.settings.language
        error: ExtractionError | None = None
        fell_back = False
        calls: list[LLMCallRecord] = []
        try:
            result = chosen.extract(note.text, as_of=as_of, lang=lang)
        except ExtractionError as exc:
            calls.extend(exc.calls)
            rules_name = ExtractorChoice.rules.value
            can_fall_back = self.settings.fallback_to_rules and name != rules_name
            fallback = None
            if can_fall_back:
                try:
                    fallback = self._fallback_extractor()
                except ImportError:
                    fallback = None
            if fallback is None:
                self._note_failed(note_id, exc, name, as_of, calls)
                raise
            try:
                result = fallback.extract(note.text, as_of=as_of, lang=lang)
            except ExtractionError as second:
                calls.extend(second.calls)
                self._note_failed(note_id, exc, name, as_of, calls)
                raise exc from second
            error, fell_back = exc, True
        except Exception as exc:  # an extractor bug: the note is kept, marked failed, and it surfaces
            self._note_failed(note_id, ExtractionError(f"{type(exc).__name__}: {exc}", kind="internal"),
                              name, as_of, calls)
            raise
        calls.extend(result.llm_calls)
        self._record_calls(calls)

        with self._tx() as s:
            repo.add_llm_calls(session=s, note_id=note_id, calls=calls)
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
            fell_back=fell_back,
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

    def transcript(self, lead_id: int) -> list[ChatMessage]:
        with self._tx() as s:
            return repo.transcript(session=s, lead_id=lead_id)
