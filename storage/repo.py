"""Repository functions: read and write leads as the domain records of `assistant.domain`.

Every function takes the SQLAlchemy session as the keyword `session` and never commits:
the caller (the pipeline) owns the transaction, so a note, its facts and its verdict are
written together or not at all. ORM rows never leave this module.

Facts live on the lead row as current values, one column a fact of the registry
(`assistant.facts`); `lead.evidence` keeps, for each, the words it was read from with the
note, the source and the author. Every change is a `fact_change` row (the audit trail)
with the note it came from, its provenance (llm, rules, rep, import), its words and its
author. A field a rep set is locked: extraction never changes it again. The BANT
timeline is kept as a due date (`timeline_due`) and turned back into `timeline_days`
relative to the reference date of whoever reads it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from assistant.domain import (
    Bant,
    ChatMessage,
    Company,
    Contact,
    Disqualifier,
    DroppedItem,
    Evidence,
    Explanation,
    Extraction,
    ExtractionResult,
    FactChange,
    FactMove,
    FactSource,
    Interaction,
    InteractionKind,
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
    StoredInteraction,
    Verdict,
    VerdictRecord,
)
from assistant.facts import FACTS, FactField
from storage import bulk
from storage.errors import InteractionNotFound, InvalidFact, LeadNotFound, NoteNotFound
from storage.tables import (
    ChatMessageRow,
    FactChangeRow,
    InteractionRow,
    LeadRow,
    LLMCallRow,
    MergeUndoRow,
    NoteRow,
    PendingNoteRow,
    VerdictRow,
)

# --- field map: Extraction path -> lead column (from the fact registry) -------------------

TIMELINE_FIELD = "bant.timeline_days"
DISQUALIFIERS_FIELD = "disqualifiers"
SCALAR_FIELDS: dict[str, str] = {f.path: f.column for f in FACTS if f.path != TIMELINE_FIELD}
# every path correct_fact accepts
FACT_FIELDS: tuple[str, ...] = (*SCALAR_FIELDS, TIMELINE_FIELD, DISQUALIFIERS_FIELD)

_STRING_LIMITS = {f.column: f.max_length for f in FACTS if f.max_length}
# what an evidence entry keeps about the words themselves (the rest says where they came from)
_EVIDENCE_KEYS = frozenset(Evidence.model_fields)


def utcnow() -> datetime:
    return datetime.now(UTC)


# --- normalisation ------------------------------------------------------------------------


def fold(text: str | None) -> str:
    """Case-, accent- and punctuation-free form: 'Łukasz  Nowak-Żak' -> 'lukasz nowak zak'."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w@.+]+|_", " ", text).split())


# Words that open an evidence span without being part of what happened: "and attended
# the webinar" and "she attended the webinar" tell the same thing (EN, IT, PL).
_LEADING_NOISE = frozenset({
    "and", "also", "then", "but", "so", "he", "she", "they", "we", "i", "who",  # en (pl "i" too)
    "e", "ed", "anche", "poi", "ma", "lui", "lei", "loro", "egli", "ha", "hanno",  # it
    "oraz", "tez", "potem", "ale", "on", "ona", "oni", "pan", "pani",  # pl, folded
})


def evidence_key(evidence: str, subject: str | None = None) -> str:
    """How the same interaction told twice is recognised: its evidence, normalised
    (case, accents, punctuation), without a leading connective, pronoun, or the lead's
    own name (`subject`): "Ola Berg downloaded the guide" = "she downloaded the guide"."""
    words = re.sub(r"[^\w]+", " ", fold(evidence)).split()
    names = set(fold(subject).split()) if subject else set()
    start = 0
    while start < len(words) - 1 and (words[start] in _LEADING_NOISE or words[start] in names):
        start += 1
    return " ".join(words[start:])


def email_key(email: str | None) -> str | None:
    return email.strip().casefold() or None if email else None


def phone_key(phone: str | None) -> str | None:
    """The last nine digits of a phone number ('+44 113 496 0000' and '0113 496 0000' agree),
    or None for fewer than seven digits."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 7 else None


def name_key(name: str | None, company: str | None) -> str | None:
    """'person|company' (folded), or None unless both are known."""
    person, firm = fold(name), fold(company)
    return f"{person}|{firm}"[:402] if person and firm else None


def _search_key(name: str | None, company: str | None) -> str | None:
    return f"{fold(name)}|{fold(company)}"[:402] if (name or company) else None


def _clip(column: str, value: Any) -> Any:
    limit = _STRING_LIMITS.get(column)
    if limit and isinstance(value, str):
        return value[:limit]
    return value


def _plain(value: Any) -> Any:
    """A JSON-able value of a fact (enums as their value)."""
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- rows -> records --------------------------------------------------------------------


_KEPT_ROWS = "leadqual.rows"


def _keep(session: Session, rows: Iterable[Any]) -> None:
    """Hold rows for the rest of the transaction: the session's identity map only keeps
    weak references, and a note's steps look the same rows up again (no second query)."""
    session.info.setdefault(_KEPT_ROWS, []).extend(rows)


def _lead_row(session: Session, lead_id: int, *, lock: bool = False) -> LeadRow:
    """The lead's row; one the session already holds is used as it is (no query again)."""
    if lock and session.get_bind().dialect.name == "postgresql":
        row = session.get(LeadRow, lead_id, with_for_update=True)
    else:
        row = session.get(LeadRow, lead_id)
    if row is None:
        raise LeadNotFound(lead_id)
    return row


def _summary(row: LeadRow) -> LeadSummary:
    return LeadSummary(
        id=row.id,
        name=row.name,
        company=row.company_name,
        email=row.email,
        phone=row.phone,
        stage=Stage(row.stage) if row.stage else None,
        fit=row.fit,
        grade=row.grade,
        engagement=row.engagement,
        last_activity=row.last_activity,
        updated_at=row.updated_at,
    )


def _note_record(row: NoteRow) -> NoteRecord:
    return NoteRecord(
        id=row.id,
        lead_id=row.lead_id,
        text=row.text,
        language=row.language,
        author=row.author,
        created_at=row.created_at,
        as_of=row.as_of,
        status=row.status,  # type: ignore[arg-type]
        extractor=row.extractor,
        error=row.error,
    )


def _stored_interaction(row: InteractionRow) -> StoredInteraction:
    return StoredInteraction(
        id=row.id,
        note_id=row.note_id,
        kind=InteractionKind(row.kind),
        count=row.count,
        occurred_on=row.occurred_on,
        detail=row.detail,
        evidence=row.evidence,
        provenance=Provenance(row.provenance),
        status=row.status,  # type: ignore[arg-type]
    )


def _verdict_record(row: VerdictRow, previous: str | None) -> VerdictRecord:
    return VerdictRecord(
        id=row.id,
        lead_id=row.lead_id,
        stage=Stage(row.stage),
        previous_stage=Stage(previous) if previous else None,
        fit=row.fit,
        grade=row.grade,
        fit_poor=row.fit_poor,
        known_attributes=row.known_attributes,
        engagement=row.engagement,
        bant_met=list(row.bant_met or []),
        reason=row.reason,
        as_of=row.as_of,
        scoring_hash=row.scoring_hash,
        created_at=row.created_at,
        cause=row.cause,
        note_id=row.note_id,
        explanation=Explanation.model_validate(row.explanation),
    )


def timeline_days(due: date | None, as_of: date) -> int | None:
    return (due - as_of).days if due is not None else None


def _evidence_of(stored: dict[str, dict[str, Any]] | None) -> dict[str, Evidence]:
    """The words of each fact, from `lead.evidence` (where they came from is left out)."""
    if not stored:
        return {}
    return {
        path: Evidence.model_validate({k: v for k, v in entry.items() if k in _EVIDENCE_KEYS})
        for path, entry in stored.items()
        if isinstance(entry, dict) and entry.get("quote")
    }


def _fact_value(row: LeadRow, fact: FactField, as_of: date) -> Any:
    value = getattr(row, fact.column)
    return timeline_days(value, as_of) if fact.path == TIMELINE_FIELD else value


def facts_of(row: LeadRow, as_of: date, interactions: Sequence[Interaction] = ()) -> Extraction:
    """The lead's current facts as an Extraction read on `as_of`, with their words."""
    groups: dict[str, dict[str, Any]] = {"contact": {}, "company": {}, "bant": {}, "": {}}
    for fact in FACTS:
        groups[fact.group][fact.name] = _fact_value(row, fact, as_of)
    return Extraction(
        contact=Contact(**groups["contact"]),
        company=Company(**groups["company"]),
        bant=Bant(**groups["bant"]),
        interactions=list(interactions),
        disqualifiers=[Disqualifier.model_validate(d) for d in row.disqualifiers or []],
        evidence=_evidence_of(row.evidence),
        **groups[""],
    )


def _sources(row: LeadRow) -> dict[str, FactSource]:
    out: dict[str, FactSource] = {}
    for path, entry in (row.evidence or {}).items():
        if not isinstance(entry, dict):
            continue
        words = {k: v for k, v in entry.items() if k in _EVIDENCE_KEYS}
        source = entry.get("source")
        at = entry.get("at")
        out[path] = FactSource(
            evidence=Evidence.model_validate(words) if words.get("quote") else None,
            note_id=entry.get("note_id"),
            provenance=Provenance(source) if source in {p.value for p in Provenance} else None,
            author=entry.get("author"),
            at=datetime.fromisoformat(at) if isinstance(at, str) else None,
            origin=entry.get("origin"),
        )
    return out


# --- leads --------------------------------------------------------------------------------


def create_lead(
    *,
    session: Session,
    name: str | None = None,
    company: str | None = None,
    email: str | None = None,
    now: datetime | None = None,
) -> LeadSummary:
    """A new lead. Facts given here are the rep's own (provenance rep)."""
    now = now or utcnow()
    row = LeadRow(created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    _keep(session, [row])
    for path, value in (("contact.name", name), ("company.name", company), ("contact.email", email)):
        if value:
            _set_scalar(session, row, path, value, note_id=None, provenance=Provenance.rep, now=now)
    session.flush()
    _write_fact_changes(session)
    return _summary(row)


def get_summary(*, session: Session, lead_id: int) -> LeadSummary:
    return _summary(_lead_row(session, lead_id))


def list_leads(
    *,
    session: Session,
    stage: Stage | str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[LeadSummary]:
    """Leads, the most recently active first; `search` matches name, company or email
    (ignoring case and accents)."""
    stmt = sa.select(LeadRow)
    if stage:
        stmt = stmt.where(LeadRow.stage == Stage(stage).value)
    if search and search.strip():
        folded = fold(search)
        like = f"%{_escape_like(folded)}%"
        stmt = stmt.where(
            sa.or_(
                LeadRow.name_key.like(like, escape="\\"),
                LeadRow.email_key.like(f"%{_escape_like(search.strip().casefold())}%", escape="\\"),
            )
        )
    activity = sa.func.coalesce(LeadRow.last_activity, LeadRow.updated_at)
    stmt = stmt.order_by(activity.desc(), LeadRow.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return [_summary(row) for row in session.scalars(stmt)]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_matching_lead(
    *,
    session: Session,
    email: str | None = None,
    name: str | None = None,
    company: str | None = None,
    exclude: int | None = None,
) -> LeadSummary | None:
    """A stored lead with the same email, or the same person at the same company."""
    conditions = []
    if key := email_key(email):
        conditions.append(LeadRow.email_key == key)
    if key := name_key(name, company):
        conditions.append(LeadRow.name_key == key)
    if not conditions:
        return None
    stmt = sa.select(LeadRow).where(sa.or_(*conditions))
    if exclude is not None:
        stmt = stmt.where(LeadRow.id != exclude)
    # an email match beats a name match; then the oldest lead (the original)
    by_email = sa.case((LeadRow.email_key == email_key(email), 0), else_=1) if email else sa.literal(1)
    row = session.scalars(stmt.order_by(by_email, LeadRow.id).limit(1)).first()
    return _summary(row) if row is not None else None


def delete_lead(*, session: Session, lead_id: int) -> None:
    """Delete a lead and everything recorded about it (the foreign keys cascade)."""
    _lead_row(session, lead_id)
    _write_fact_changes(session)
    note_ids = sa.select(NoteRow.id).where(NoteRow.lead_id == lead_id)
    # explicit deletes, child tables first, so it works even where cascades are off
    session.execute(sa.delete(LLMCallRow).where(LLMCallRow.note_id.in_(note_ids)))
    for table in (ChatMessageRow, VerdictRow, FactChangeRow, InteractionRow, NoteRow):
        session.execute(sa.delete(table).where(table.lead_id == lead_id))
    row = _lead_row(session, lead_id)
    session.flush()
    session.execute(sa.delete(LeadRow).where(LeadRow.id == lead_id))
    session.expunge(row)  # gone: a later look-up in this session must not find it


def get_lead(*, session: Session, lead_id: int, as_of: date | None = None) -> LeadDetail:
    """Everything known about a lead; timeline_days is counted from `as_of`, by default
    the current verdict's reference date."""
    row = _lead_row(session, lead_id)
    verdict_row = session.get(VerdictRow, row.verdict_id) if row.verdict_id else None
    verdict = None
    if verdict_row is not None:
        verdict = _verdict_record(verdict_row, None).to_verdict()
    ref = as_of or (verdict.as_of if verdict else date.today())
    interactions = lead_interactions(session=session, lead_id=lead_id)
    live = [i.as_interaction() for i in interactions if i.status != "rejected"]
    notes = session.scalars(
        sa.select(NoteRow).where(NoteRow.lead_id == lead_id).order_by(NoteRow.id)
    )
    return LeadDetail(
        summary=_summary(row),
        facts=facts_of(row, ref, live),
        interactions=interactions,
        verdict=verdict,
        notes=[_note_record(n) for n in notes],
        rep_fields=sorted(row.rep_fields or []),
        sources=_sources(row),
    )


def current_as_of(*, session: Session, lead_id: int) -> date | None:
    """The reference date of the lead's current verdict (None before the first one)."""
    _lead_row(session, lead_id)
    return session.scalar(
        sa.select(VerdictRow.as_of).join(LeadRow, LeadRow.verdict_id == VerdictRow.id).where(LeadRow.id == lead_id)
    )


def lead_interactions(*, session: Session, lead_id: int) -> list[StoredInteraction]:
    return [ix for ix, _key in _interactions_with_keys(session, lead_id)]


def _interactions_with_keys(session: Session, lead_id: int) -> list[tuple[StoredInteraction, str]]:
    """The lead's interactions, oldest first, each with the key that recognises it told again."""
    rows = session.scalars(
        sa.select(InteractionRow).where(InteractionRow.lead_id == lead_id).order_by(InteractionRow.id)
    )
    return [(_stored_interaction(r), r.evidence_key) for r in rows]


def scoring_input(*, session: Session, lead_id: int, as_of: date) -> tuple[Extraction, str | None]:
    """The facts to score (rejected interactions left out) and the lead's language."""
    row = _lead_row(session, lead_id)
    rows = session.scalars(
        sa.select(InteractionRow)
        .where(InteractionRow.lead_id == lead_id)
        .where(sa.or_(InteractionRow.status.is_(None), InteractionRow.status != "rejected"))
        .order_by(InteractionRow.id)
    )
    interactions = [
        Interaction(kind=r.kind, count=r.count, occurred_on=r.occurred_on, detail=r.detail,
                    evidence=r.evidence)
        for r in rows
    ]
    return facts_of(row, as_of, interactions), row.language


# --- notes and LLM calls ----------------------------------------------------------------


def add_note(
    *,
    session: Session,
    lead_id: int,
    text: str,
    author: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> NoteRecord:
    now = now or utcnow()
    lead = _lead_row(session, lead_id)
    row = NoteRow(
        lead_id=lead_id, text=text, author=(author or None) and author[:120],
        language=language, created_at=now, status="saved",
    )
    session.add(row)
    lead.last_activity = now
    lead.updated_at = now
    session.flush()
    return _note_record(row)


def get_note(*, session: Session, note_id: int) -> NoteRecord:
    row = session.get(NoteRow, note_id)
    if row is None:
        raise NoteNotFound(note_id)
    return _note_record(row)


def mark_note_failed(
    *, session: Session, note_id: int, error: str, extractor: str | None, as_of: date | None
) -> NoteRecord:
    row = session.get(NoteRow, note_id)
    if row is None:
        raise NoteNotFound(note_id)
    row.status = "failed"
    row.error = error
    row.extractor = (extractor or None) and extractor[:16]
    row.as_of = as_of
    session.flush()
    return _note_record(row)


def mark_note_qualified(
    *,
    session: Session,
    note_id: int,
    result: ExtractionResult,
    as_of: date,
    error: str | None = None,
) -> NoteRecord:
    row = session.get(NoteRow, note_id)
    if row is None:
        raise NoteNotFound(note_id)
    row.status = "qualified"
    row.error = error
    row.extractor = result.extractor[:16]
    row.language = (result.language or None) and result.language[:8]
    row.as_of = as_of
    row.extraction = result.model_dump(mode="json", exclude={"llm_calls"})
    session.flush()
    return _note_record(row)


def add_llm_calls(
    *, session: Session, note_id: int | None, calls: Iterable[LLMCallRecord], now: datetime | None = None
) -> int:
    now = now or utcnow()
    n = 0
    for call in calls:
        session.add(
            LLMCallRow(
                note_id=note_id, provider=call.provider[:32], model=call.model[:120],
                method=call.method[:32], prompt_version=call.prompt_version[:64],
                schema_hash=call.schema_hash[:64], latency_ms=call.latency_ms,
                prompt_tokens=call.prompt_tokens, completion_tokens=call.completion_tokens,
                raw_answer=call.raw_answer, error=call.error, created_at=now,
                dropped=[d.model_dump(mode="json") for d in call.dropped] or None,
            )
        )
        n += 1
    session.flush()
    return n


def llm_calls(*, session: Session, note_id: int) -> list[LLMCallRecord]:
    rows = session.scalars(sa.select(LLMCallRow).where(LLMCallRow.note_id == note_id).order_by(LLMCallRow.id))
    return [
        LLMCallRecord(
            provider=r.provider, model=r.model, method=r.method, prompt_version=r.prompt_version,
            schema_hash=r.schema_hash, latency_ms=r.latency_ms, prompt_tokens=r.prompt_tokens,
            completion_tokens=r.completion_tokens, raw_answer=r.raw_answer, error=r.error,
            dropped=[DroppedItem.model_validate(d) for d in r.dropped or []],
        )
        for r in rows
    ]


# --- facts: merge, corrections, audit trail ---------------------------------------------


def rep_fields(*, session: Session, lead_id: int) -> set[str]:
    """Fact paths a rep set (they win over extraction); interaction reviews left out."""
    return set(_lead_row(session, lead_id).rep_fields or [])


def _rep_path(field: str) -> str | None:
    """The fact path a rep's change of `field` locks (None for an interaction review)."""
    if field.startswith("interactions["):
        return None
    # the timeline is recorded as its due date; callers know it as bant.timeline_days
    return TIMELINE_FIELD if field == "bant.timeline_due" else field


@dataclass(frozen=True)
class Words:
    """Where a value came from: its evidence and who wrote it (a rep's name), if known;
    for an imported value, the file and line it was read from (`origin`, "contacts.csv:12")."""

    evidence: Evidence | None = None
    author: str | None = None
    origin: str | None = None


_NO_WORDS = Words()


_PENDING_CHANGES = "leadqual.fact_changes"


def _record(
    session: Session, row: LeadRow, field: str, old: Any, new: Any, *,
    note_id: int | None, provenance: Provenance, now: datetime, words: Words = _NO_WORDS,
) -> None:
    """One line of the audit trail. Kept with the session and written by
    `_write_fact_changes` in one statement with the others (a note changes a dozen facts);
    a rep's change also locks the fact (`lead.rep_fields`)."""
    session.info.setdefault(_PENDING_CHANGES, []).append({
        "lead_id": row.id, "note_id": note_id, "field": field, "old_value": _plain(old),
        "new_value": _plain(new), "provenance": provenance.value, "created_at": now,
        "evidence": _words_json(words),
        "author": (words.author or None) and words.author[:120],
    })
    if provenance is Provenance.rep and (path := _rep_path(field)) is not None:
        locked = list(row.rep_fields or [])
        if path not in locked:
            row.rep_fields = sorted([*locked, path])


def _write_fact_changes(session: Session) -> None:
    """Write the audit lines `_record` kept, in one INSERT."""
    rows = session.info.pop(_PENDING_CHANGES, None)
    if rows:
        session.execute(sa.insert(FactChangeRow.__table__), rows)  # type: ignore[arg-type]


@sa.event.listens_for(Session, "before_commit")
def _changes_before_commit(session: Session) -> None:
    # a safety net: every function that records changes writes them itself
    if session.info.get(_PENDING_CHANGES):
        _write_fact_changes(session)


@sa.event.listens_for(Session, "after_soft_rollback")
def _forget_changes(session: Session, _transaction: Any) -> None:
    session.info.pop(_PENDING_CHANGES, None)
    session.info.pop(_KEPT_ROWS, None)


@sa.event.listens_for(Session, "after_commit")
def _let_rows_go(session: Session) -> None:
    session.info.pop(_KEPT_ROWS, None)


def _words_json(words: Words) -> dict[str, Any] | None:
    if words.evidence is None:
        return None
    out = words.evidence.model_dump(mode="json")
    if words.origin:
        out["origin"] = words.origin
    return out


def _remember_words(
    row: LeadRow, path: str, words: Words, *, note_id: int | None, provenance: Provenance, now: datetime
) -> None:
    """Keep the words of the fact at `path` on the lead (or forget them, with no words)."""
    stored = dict(row.evidence or {})
    if words.evidence is None:
        stored.pop(path, None)
    else:
        stored[path] = {
            **words.evidence.model_dump(mode="json"), "note_id": note_id,
            "source": provenance.value, "author": words.author, "at": now.isoformat(),
        }
        if words.origin:
            stored[path]["origin"] = words.origin
    row.evidence = stored or None


def _refresh_keys(row: LeadRow) -> None:
    row.email_key = email_key(row.email)
    row.name_key = _search_key(row.name, row.company_name)
    row.phone_key = phone_key(row.phone)


def _set_scalar(
    session: Session, row: LeadRow, path: str, value: Any, *,
    note_id: int | None, provenance: Provenance, now: datetime, words: Words = _NO_WORDS,
) -> bool:
    column = SCALAR_FIELDS[path]
    new = _clip(column, _plain(value))
    old = getattr(row, column)
    if old == new:
        if words.evidence is not None and path not in (row.evidence or {}):
            _remember_words(row, path, words, note_id=note_id, provenance=provenance, now=now)
        return False
    setattr(row, column, new)
    _record(session, row, path, old, new, note_id=note_id, provenance=provenance, now=now, words=words)
    _remember_words(row, path, words if new is not None else _NO_WORDS,
                    note_id=note_id, provenance=provenance, now=now)
    if column in ("name", "email", "company_name", "phone"):
        _refresh_keys(row)
    return True


def _set_timeline(
    session: Session, row: LeadRow, due: date | None, *,
    note_id: int | None, provenance: Provenance, now: datetime, words: Words = _NO_WORDS,
) -> bool:
    if row.timeline_due == due:
        return False
    # recorded as the due date: "in 30 days" means a different day every day
    _record(session, row, "bant.timeline_due", row.timeline_due, due,
            note_id=note_id, provenance=provenance, now=now, words=words)
    row.timeline_due = due
    _remember_words(row, TIMELINE_FIELD, words if due is not None else _NO_WORDS,
                    note_id=note_id, provenance=provenance, now=now)
    return True


def _set_disqualifiers(
    session: Session, row: LeadRow, items: list[dict[str, Any]], *,
    note_id: int | None, provenance: Provenance, now: datetime, words: Words = _NO_WORDS,
) -> bool:
    old = list(row.disqualifiers or [])
    if old == items:
        return False
    _record(session, row, DISQUALIFIERS_FIELD, old, items, note_id=note_id, provenance=provenance,
            now=now, words=words)
    row.disqualifiers = items or None
    return True


def _locked(path: str, locked: set[str]) -> bool:
    if path == TIMELINE_FIELD:
        return "bant.timeline_due" in locked or path in locked
    return path in locked


@dataclass
class MergeReport:
    changed_fields: list[str]
    added_interactions: list[int]
    duplicate_interactions: int
    kept_rep_fields: list[str]
    # every interaction of the lead after the merge (rejected ones too), oldest first
    interactions: list[StoredInteraction] = _field(default_factory=list)
    # facts the note told differently that were left as they are because the caller said so
    kept_fields: list[str] = _field(default_factory=list)


def merge_extraction(
    *,
    session: Session,
    lead_id: int,
    extraction: Extraction,
    note_id: int | None,
    provenance: Provenance,
    as_of: date,
    language: str | None = None,
    author: str | None = None,
    now: datetime | None = None,
    keep: Iterable[str] = (),
    flush: bool = True,
    new_lead: bool = False,
) -> MergeReport:
    """Merge one note's extraction into the lead (its facts' words kept with them).

    A known value replaces the current one (recorded as a fact change), unless a rep set
    that field, or it is one of `keep` (the rep put a note naming someone else on this
    lead: its name, email... stay); unknown values never erase anything. Interactions are
    added, except one of the same kind with the same (normalised) evidence as one already
    recorded. Disqualifiers are added the same way. The lead's language is the first one
    it is given: its views keep one language.

    With `flush=False` the lead's row is left changed in the session, for the caller to
    write together with its verdict (one UPDATE); `new_lead` says it has no interactions
    yet (no need to look).
    """
    now = now or utcnow()
    row = _lead_row(session, lead_id, lock=True)
    locked = set(row.rep_fields or [])
    keep = set(keep)
    changed: list[str] = []
    kept: list[str] = []
    kept_fields: list[str] = []
    for path in SCALAR_FIELDS:
        group, _, name = path.rpartition(".")
        value = getattr(getattr(extraction, group) if group else extraction, name)
        if value is None or value == "":
            continue
        differs = _plain(value) != getattr(row, SCALAR_FIELDS[path])
        if _locked(path, locked):
            if differs:
                kept.append(path)
            continue
        if path in keep and getattr(row, SCALAR_FIELDS[path]) is not None:
            if differs:
                kept_fields.append(path)
            continue
        words = Words(extraction.evidence.get(path), author)
        if _set_scalar(session, row, path, value, note_id=note_id, provenance=provenance, now=now,
                       words=words):
            changed.append(path)
    days = extraction.bant.timeline_days
    if days is not None:
        due = as_of + timedelta(days=days)
        if _locked(TIMELINE_FIELD, locked):
            if due != row.timeline_due:
                kept.append(TIMELINE_FIELD)
        elif _set_timeline(session, row, due, note_id=note_id, provenance=provenance, now=now,
                           words=Words(extraction.evidence.get(TIMELINE_FIELD), author)):
            changed.append(TIMELINE_FIELD)
    if extraction.disqualifiers:
        if DISQUALIFIERS_FIELD in locked:
            kept.append(DISQUALIFIERS_FIELD)
        else:
            current = list(row.disqualifiers or [])
            seen = {(d["kind"], evidence_key(d.get("evidence", ""))) for d in current}
            for d in extraction.disqualifiers:
                key = (d.kind.value, evidence_key(d.evidence))
                if key not in seen:
                    seen.add(key)
                    current.append(d.model_dump(mode="json"))
            if _set_disqualifiers(session, row, current, note_id=note_id, provenance=provenance, now=now):
                changed.append(DISQUALIFIERS_FIELD)

    subject = " ".join(n for n in (row.name, extraction.contact.name) if n) or None
    known = [] if new_lead else _interactions_with_keys(session, lead_id)
    existing = [ix for ix, _key in known]
    added, duplicates = add_interactions(
        session=session, lead_id=lead_id, interactions=extraction.interactions,
        note_id=note_id, provenance=provenance, now=now, subject=subject,
        known_keys={(ix.kind.value, key) for ix, key in known},
    )
    if language and not row.language:
        row.language = language[:8]
    row.updated_at = now
    if flush:
        session.flush()
        _write_fact_changes(session)
    return MergeReport(changed, [i.id for i in added], duplicates, kept, [*existing, *added], kept_fields)


_INTERACTION_TABLE = InteractionRow.__table__


def add_interactions(
    *,
    session: Session,
    lead_id: int,
    interactions: Iterable[Interaction],
    note_id: int | None,
    provenance: Provenance,
    now: datetime | None = None,
    subject: str | None = None,
    known_keys: set[tuple[str, str]] | None = None,
) -> tuple[list[StoredInteraction], int]:
    """Record interactions not already recorded (same kind and normalised evidence), in
    one INSERT. `known_keys`: the (kind, evidence key) of the lead's interactions, when the
    caller has them. Returns the new interactions and how many were duplicates."""
    now = now or utcnow()
    if known_keys is None:
        known_keys = {(ix.kind.value, key) for ix, key in _interactions_with_keys(session, lead_id)}
    seen = set(known_keys)
    rows: list[dict[str, Any]] = []
    duplicates = 0
    for i in interactions:
        key = (i.kind.value, evidence_key(i.evidence, subject))
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        rows.append({
            "lead_id": lead_id, "note_id": note_id, "kind": i.kind.value, "count": i.count,
            "occurred_on": i.occurred_on, "detail": _clip_detail(i.detail), "evidence": i.evidence,
            "evidence_key": key[1], "provenance": provenance.value, "status": None, "created_at": now,
        })
    if not rows:
        return [], duplicates
    table = _INTERACTION_TABLE
    # one multi-row INSERT ... RETURNING; rows are told apart by (kind, key), unique here
    ids = {
        (kind, key): ix_id
        for ix_id, kind, key in session.execute(
            sa.insert(table).returning(table.c.id, table.c.kind, table.c.evidence_key), rows  # type: ignore[attr-defined]
        )
    }
    added = [
        StoredInteraction(
            id=ids[(r["kind"], r["evidence_key"])], note_id=note_id, kind=InteractionKind(r["kind"]),
            count=r["count"], occurred_on=r["occurred_on"], detail=r["detail"], evidence=r["evidence"],
            provenance=provenance, status=None,
        )
        for r in rows
    ]
    return added, duplicates


def _clip_detail(detail: str | None) -> str | None:
    return detail[:500] if detail else detail


def _coerce(path: str, value: Any) -> Any:
    """A rep's value for `path` checked and converted like an extractor's would be."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    if value is None:
        return None
    group, _, name = path.rpartition(".")
    model = {"contact": Contact, "company": Company, "bant": Bant, "": Extraction}[group]
    if isinstance(value, str) and name in {"employees", "annual_revenue", "budget_amount", "timeline_days"}:
        value = value.replace(" ", "").replace("_", "")
        if name in {"employees", "timeline_days"} and re.fullmatch(r"\d{1,3}([.,]\d{3})+", value):
            value = re.sub(r"[.,]", "", value)
    elif isinstance(value, str) and name in {"seniority", "department", "industry", "budget", "authority", "lead_source"}:
        value = value.lower().replace(" ", "_").replace("-", "_")
    elif isinstance(value, str) and name in {"country", "currency"}:
        value = value.upper()
    try:
        checked = model.model_validate({name: value})
    except ValidationError as exc:
        problem = exc.errors()[0].get("msg", "not accepted")
        raise InvalidFact(f"{path}: {value!r} is not a valid value ({problem}).") from None
    return getattr(checked, name)


def correct_fact(
    *,
    session: Session,
    lead_id: int,
    field: str,
    value: Any,
    as_of: date,
    said: str | None = None,
    author: str | None = None,
    via: str | None = None,
    now: datetime | None = None,
) -> bool:
    """A rep sets (or, with None, clears) a fact. Recorded with provenance rep, so later
    extraction never overrides it. `disqualifiers` takes a list ([] clears them).

    `said` is the rep's own words (a chat message, a command line), kept as the fact's
    evidence with `author` and the time; without them the value itself stands as the words.
    `via` names the fact it was derived from (seniority re-read from a corrected title).
    Returns whether anything changed. Raises InvalidFact."""
    now = now or utcnow()
    if field not in FACT_FIELDS:
        known = ", ".join(FACT_FIELDS)
        raise InvalidFact(f"Unknown fact {field!r}. Facts a rep can set: {known}.")
    row = _lead_row(session, lead_id, lock=True)
    rep = Provenance.rep
    if field == DISQUALIFIERS_FIELD:
        items = value if value is not None else []
        if not isinstance(items, list):
            raise InvalidFact("disqualifiers: give a list of {kind, evidence} ([] clears them).")
        try:
            checked = [Disqualifier.model_validate(d).model_dump(mode="json") for d in items]
        except ValidationError as exc:
            raise InvalidFact(f"disqualifiers: {exc.errors()[0].get('msg', 'not accepted')}.") from None
        words = Words(Evidence(quote=said) if said else None, author)
        changed = _set_disqualifiers(session, row, checked, note_id=None, provenance=rep, now=now,
                                     words=words)
        if not changed:  # still record that the rep decided, so extraction stays out
            _record(session, row, field, row.disqualifiers or [], checked, note_id=None, provenance=rep,
                    now=now, words=words)
        row.updated_at = now
        session.flush()
        _write_fact_changes(session)
        return changed
    new = _coerce(field, value)
    quote = said.strip() if said and said.strip() else (None if new is None else str(_plain(new)))
    words = Words(Evidence(quote=quote, via=via) if quote else None, author)
    if field == TIMELINE_FIELD:
        due = as_of + timedelta(days=new) if new is not None else None
        changed = _set_timeline(session, row, due, note_id=None, provenance=rep, now=now, words=words)
        if not changed:
            _record(session, row, "bant.timeline_due", row.timeline_due, due, note_id=None,
                    provenance=rep, now=now, words=words)
            _remember_words(row, field, words, note_id=None, provenance=rep, now=now)
    else:
        changed = _set_scalar(session, row, field, new, note_id=None, provenance=rep, now=now, words=words)
        if not changed:
            current = getattr(row, SCALAR_FIELDS[field])
            _record(session, row, field, current, current, note_id=None, provenance=rep, now=now, words=words)
            if current is not None:  # the rep's words now stand for the value they confirmed
                _remember_words(row, field, words, note_id=None, provenance=rep, now=now)
    row.updated_at = now
    session.flush()
    _write_fact_changes(session)
    return changed


def set_interaction_status(
    *,
    session: Session,
    lead_id: int,
    interaction_id: int,
    status: str | None,
    now: datetime | None = None,
) -> bool:
    """A rep confirms or rejects an interaction (rejected ones are not scored)."""
    now = now or utcnow()
    if status not in (None, "confirmed", "rejected"):
        raise InvalidFact(f"Interaction status {status!r}: use confirmed or rejected.")
    row = session.get(InteractionRow, interaction_id)
    if row is None or row.lead_id != lead_id:
        raise InteractionNotFound(lead_id, interaction_id)
    lead = _lead_row(session, lead_id)
    if row.status == status:
        return False
    _record(session, lead, f"interactions[{interaction_id}].status", row.status, status,
            note_id=None, provenance=Provenance.rep, now=now)
    row.status = status
    lead.updated_at = now
    session.flush()
    _write_fact_changes(session)
    return True


def fact_changes(*, session: Session, lead_id: int) -> list[FactChange]:
    _write_fact_changes(session)
    _lead_row(session, lead_id)
    rows = session.scalars(
        sa.select(FactChangeRow).where(FactChangeRow.lead_id == lead_id).order_by(FactChangeRow.id)
    )
    return [
        FactChange(
            id=r.id, field=r.field, old=r.old_value, new=r.new_value, note_id=r.note_id,
            provenance=Provenance(r.provenance), at=r.created_at,
            evidence=(r.evidence or {}).get("quote"), author=r.author,
            origin=(r.evidence or {}).get("origin"),
        )
        for r in rows
    ]


# --- verdicts -------------------------------------------------------------------------------


def _verdict_row(
    lead_id: int, verdict: Verdict, *, cause: str, note_id: int | None, now: datetime, explanation: bool = True
) -> dict[str, Any]:
    row = {
        "lead_id": lead_id,
        "note_id": note_id,
        "cause": cause,
        "stage": verdict.stage.value,
        "fit": verdict.fit.score,
        "grade": verdict.fit.grade,
        "fit_poor": verdict.fit.poor,
        "known_attributes": verdict.fit.known_attributes,
        "engagement": verdict.engagement.score,
        "bant_met": list(verdict.bant_met),
        "rule": verdict.explanation.rule[:32],
        "reason": verdict.explanation.reason,
        "as_of": verdict.as_of,
        "scoring_hash": verdict.scoring_hash[:64],
        "created_at": now,
    }
    if explanation:
        row["explanation"] = verdict.explanation.model_dump(mode="json")
    return row


def save_verdict(
    *,
    session: Session,
    lead_id: int,
    verdict: Verdict,
    cause: str,
    note_id: int | None = None,
    now: datetime | None = None,
    flush: bool = True,
) -> VerdictRecord:
    """Store a verdict and make it the lead's current one. With `flush=False` the lead's
    row is left changed in the session (the caller writes it, with its other changes, in
    one UPDATE)."""
    now = now or utcnow()
    lead = _lead_row(session, lead_id)
    previous = lead.stage
    values = _verdict_row(lead_id, verdict, cause=cause, note_id=note_id, now=now)
    table = VerdictRow.__table__
    verdict_id = session.execute(sa.insert(table).returning(table.c.id), values).scalar_one()  # type: ignore[attr-defined]
    lead.verdict_id = verdict_id
    lead.stage = verdict.stage.value
    lead.fit = verdict.fit.score
    lead.grade = verdict.fit.grade
    lead.engagement = verdict.engagement.score
    lead.updated_at = now
    if flush:
        session.flush()
        _write_fact_changes(session)
    return VerdictRecord(
        id=verdict_id, lead_id=lead_id, stage=verdict.stage,
        previous_stage=Stage(previous) if previous else None, fit=verdict.fit.score,
        grade=verdict.fit.grade, fit_poor=verdict.fit.poor, known_attributes=verdict.fit.known_attributes,
        engagement=verdict.engagement.score, bant_met=list(verdict.bant_met), reason=values["reason"],
        as_of=verdict.as_of, scoring_hash=values["scoring_hash"], created_at=now, cause=cause,
        note_id=note_id, explanation=verdict.explanation,
    )


def history(*, session: Session, lead_id: int) -> list[VerdictRecord]:
    """Every verdict of the lead, oldest first, each with the stage before it."""
    _lead_row(session, lead_id)
    rows = session.scalars(sa.select(VerdictRow).where(VerdictRow.lead_id == lead_id).order_by(VerdictRow.id))
    out: list[VerdictRecord] = []
    previous: str | None = None
    for row in rows:
        out.append(_verdict_record(row, previous))
        previous = row.stage
    return out


# --- chat transcript --------------------------------------------------------------------------


def add_chat_message(
    *,
    session: Session,
    lead_id: int,
    role: str,
    text: str,
    payload: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> ChatMessage:
    if role not in ("rep", "assistant", "system"):
        raise InvalidFact(f"Chat role {role!r}: use rep, assistant or system.")
    now = now or utcnow()
    _lead_row(session, lead_id)
    row = ChatMessageRow(lead_id=lead_id, role=role, text=text, payload=payload, created_at=now)
    session.add(row)
    session.flush()
    return ChatMessage(id=row.id, lead_id=lead_id, role=role, text=text, payload=payload, at=now)  # type: ignore[arg-type]


def transcript(*, session: Session, lead_id: int) -> list[ChatMessage]:
    _lead_row(session, lead_id)
    rows = session.scalars(
        sa.select(ChatMessageRow).where(ChatMessageRow.lead_id == lead_id).order_by(ChatMessageRow.id)
    )
    return [
        ChatMessage(id=r.id, lead_id=r.lead_id, role=r.role, text=r.text, payload=r.payload, at=r.created_at)  # type: ignore[arg-type]
        for r in rows
    ]


# --- placing a note: pending notes, who a note is about, one transaction per note -------------


def _pending(row: PendingNoteRow) -> PendingNote:
    return PendingNote(id=row.id, text=row.text, author=row.author, created_at=row.created_at,
                       open_lead_id=row.open_lead_id, status=row.status, error=row.error)  # type: ignore[arg-type]


def save_pending_note(
    *, session: Session, text: str, author: str | None = None, open_lead_id: int | None = None,
    now: datetime | None = None,
) -> PendingNote:
    """Keep the rep's text before it is placed on any lead (one INSERT)."""
    row = PendingNoteRow(text=text, author=(author or None) and author[:120], created_at=now or utcnow(),
                         open_lead_id=open_lead_id, status="saved")
    session.add(row)
    session.flush()
    return _pending(row)


def get_pending_note(*, session: Session, pending_id: int) -> PendingNote:
    row = session.get(PendingNoteRow, pending_id)
    if row is None:
        raise NoteNotFound(pending_id)
    _keep(session, [row])
    return _pending(row)


def pending_notes(*, session: Session) -> list[PendingNote]:
    """Notes saved and not yet placed on a lead, oldest first."""
    return [_pending(r) for r in session.scalars(sa.select(PendingNoteRow).order_by(PendingNoteRow.id))]


def fail_pending_note(
    *, session: Session, pending_id: int, error: str, calls: Iterable[LLMCallRecord] = ()
) -> PendingNote:
    """No extractor could read it: it stays pending, with the error and the LLM calls made."""
    row = session.get(PendingNoteRow, pending_id)
    if row is None:
        raise NoteNotFound(pending_id)
    row.status = "failed"
    row.error = error
    row.calls = [*(row.calls or []), *(c.model_dump(mode="json") for c in calls)] or None
    session.flush()
    return _pending(row)


def note_leads(
    *,
    session: Session,
    lead_id: int | None,
    email: str | None = None,
    phone: str | None = None,
    name: str | None = None,
    company: str | None = None,
) -> tuple[LeadSummary | None, list[LeadSummary]]:
    """The open lead (`lead_id`) and the other stored leads the note's person matches, in
    one query: the same email, the same phone, the same person at the same company, or
    the same full name. Matches come best first (email, phone, name and company, name),
    then oldest first. The rows stay in the session for the note's other steps."""
    conditions = []
    if lead_id is not None:
        conditions.append(LeadRow.id == lead_id)
    keys = {"email": email_key(email), "phone": phone_key(phone), "name": name_key(name, company)}
    if keys["email"]:
        conditions.append(LeadRow.email_key == keys["email"])
    if keys["phone"]:
        conditions.append(LeadRow.phone_key == keys["phone"])
    if keys["name"]:
        conditions.append(LeadRow.name_key == keys["name"])
    person = fold(name)
    if len(person.split()) >= 2:  # a full name alone: any lead of that name, at any company
        conditions.append(sa.and_(LeadRow.name_key >= f"{person}|", LeadRow.name_key < f"{person}}}"))
    if not conditions:
        return None, []
    stmt = sa.select(LeadRow).where(sa.or_(*conditions))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    rows = session.scalars(stmt).all()
    _keep(session, rows)
    open_row = next((r for r in rows if r.id == lead_id), None)

    def rank(row: LeadRow) -> tuple[int, int]:
        if keys["email"] and row.email_key == keys["email"]:
            return (0, row.id or 0)
        if keys["phone"] and row.phone_key == keys["phone"]:
            return (1, row.id or 0)
        if keys["name"] and row.name_key == keys["name"]:
            return (2, row.id or 0)
        return (3, row.id or 0)

    others = sorted((r for r in rows if r.id != lead_id), key=rank)
    return (_summary(open_row) if open_row is not None else None), [_summary(r) for r in others]


def place_note(
    *,
    session: Session,
    pending_id: int,
    lead_id: int,
    result: ExtractionResult,
    as_of: date,
    error: str | None = None,
    calls: Iterable[LLMCallRecord] = (),
) -> NoteRecord:
    """Make pending note `pending_id` a read note of lead `lead_id`: the note (with the time
    the rep wrote it), its LLM calls, and the lead's last activity. The caller merges its
    facts next (`merge_extraction`), in the same transaction."""
    pending = session.get(PendingNoteRow, pending_id)
    if pending is None:
        raise NoteNotFound(pending_id)
    lead = _lead_row(session, lead_id)
    row = NoteRow(
        lead_id=lead_id, text=pending.text, author=pending.author, created_at=pending.created_at,
        status="qualified", error=error, extractor=result.extractor[:16],
        language=(result.language or None) and result.language[:8], as_of=as_of,
        extraction=result.model_dump(mode="json", exclude={"llm_calls"}),
    )
    session.add(row)
    session.flush()
    earlier = [LLMCallRecord.model_validate(c) for c in pending.calls or []]
    session.execute(sa.delete(PendingNoteRow.__table__).where(PendingNoteRow.__table__.c.id == pending_id))  # type: ignore[attr-defined]
    session.expunge(pending)
    all_calls = [*earlier, *calls]
    if all_calls:
        add_llm_calls(session=session, note_id=row.id, calls=all_calls)
    if lead.last_activity is None or _later(pending.created_at, lead.last_activity):
        lead.last_activity = pending.created_at
    return _note_record(row)


def _later(a: datetime, b: datetime) -> bool:
    if a.tzinfo is None:
        a = a.replace(tzinfo=UTC)
    if b.tzinfo is None:
        b = b.replace(tzinfo=UTC)
    return a > b


def engagement_history(*, session: Session, lead_id: int) -> list[float]:
    """The engagement score of each of the lead's verdicts, oldest first (one query)."""
    return [float(v) for v in session.scalars(
        sa.select(VerdictRow.engagement).where(VerdictRow.lead_id == lead_id).order_by(VerdictRow.id))]


def add_chat_messages(
    *, session: Session, lead_id: int, messages: Sequence[tuple[str, str, dict[str, Any] | None]],
    now: datetime | None = None,
) -> list[ChatMessage]:
    """Several chat messages of one lead in one INSERT; (role, text, payload) each."""
    now = now or utcnow()
    for role, _text, _payload in messages:
        if role not in ("rep", "assistant", "system"):
            raise InvalidFact(f"Chat role {role!r}: use rep, assistant or system.")
    if not messages:
        return []
    table = ChatMessageRow.__table__
    rows = [{"lead_id": lead_id, "role": role, "text": text, "payload": payload, "created_at": now}
            for role, text, payload in messages]
    session.execute(sa.insert(table), rows)  # type: ignore[arg-type]
    return [ChatMessage(lead_id=lead_id, role=role, text=text, payload=payload, at=now)  # type: ignore[arg-type]
            for role, text, payload in messages]


def change_marker(*, session: Session) -> tuple[int, int, str]:
    """What changes whenever any process writes a lead: how many leads there are, the
    highest id and the newest change (one indexed query; the TUI polls it)."""
    count, top, newest = session.execute(
        sa.select(sa.func.count(LeadRow.id), sa.func.max(LeadRow.id), sa.func.max(LeadRow.updated_at))
    ).one()
    return int(count or 0), int(top or 0), str(newest or "")


def lead_state(
    *,
    session: Session,
    lead_id: int,
    interactions: Sequence[StoredInteraction] | None = None,
    verdict: Verdict | None = None,
    history: Sequence[float] | None = None,
) -> LeadState:
    """The lead as a screen shows it. What the caller already has (the interactions a note
    just merged, the verdict it just saved) is used as given; the rest is read."""
    row = _lead_row(session, lead_id)
    if verdict is None and row.verdict_id:
        verdict_row = session.get(VerdictRow, row.verdict_id)
        verdict = _verdict_record(verdict_row, None).to_verdict() if verdict_row is not None else None
    ref = verdict.as_of if verdict else date.today()
    if interactions is None:
        interactions = lead_interactions(session=session, lead_id=lead_id)
    live = [i.as_interaction() for i in interactions if i.status != "rejected"]
    if history is None:
        history = engagement_history(session=session, lead_id=lead_id)
    return LeadState(
        summary=_summary(row), facts=facts_of(row, ref, live), interactions=list(interactions),
        verdict=verdict, rep_fields=sorted(row.rep_fields or []), sources=_sources(row),
        engagement_history=list(history), language=row.language,
    )


def scoring_facts(*, session: Session, lead_id: int, as_of: date,
                  interactions: Sequence[StoredInteraction]) -> tuple[Extraction, str | None]:
    """What to score, from the lead's row as this session holds it and its interactions
    (rejected ones left out): no query."""
    row = _lead_row(session, lead_id)
    live = [i.as_interaction() for i in interactions if i.status != "rejected"]
    return facts_of(row, as_of, live), row.language


def write_changes(*, session: Session) -> None:
    """Write what the session holds changed (the lead's row, the audit lines) now."""
    session.flush()
    _write_fact_changes(session)


# --- merging two leads -----------------------------------------------------------------------


def merge_leads(*, session: Session, from_id: int, into_id: int, now: datetime | None = None) -> list[str]:
    """Move everything of lead `from_id` onto `into_id` and delete `from_id`.

    Notes, chat messages and interactions move (an interaction `into_id` already has is
    dropped); a fact `into_id` does not know is copied (a fact change with the source's
    provenance). Returns the copied fact paths. The caller re-scores `into_id`.
    """
    if from_id == into_id:
        raise InvalidFact("A lead cannot be merged into itself.")
    now = now or utcnow()
    source = _lead_row(session, from_id, lock=True)
    target = _lead_row(session, into_id, lock=True)
    provenance_of = {
        field: prov
        for field, prov in session.execute(
            sa.select(FactChangeRow.field, FactChangeRow.provenance)
            .where(FactChangeRow.lead_id == from_id)
            .order_by(FactChangeRow.id)
        )
    }
    copied: list[str] = []
    source_words = source.evidence or {}
    for path, column in SCALAR_FIELDS.items():
        value = getattr(source, column)
        if value is not None and getattr(target, column) is None:
            prov = Provenance(provenance_of.get(path, Provenance.imported.value))
            _set_scalar(session, target, path, value, note_id=None, provenance=prov, now=now)
            copied.append(path)
            if path in source_words:  # the fact keeps its words, note and author
                target.evidence = {**(target.evidence or {}), path: source_words[path]}
    if source.timeline_due is not None and target.timeline_due is None:
        prov = Provenance(provenance_of.get("bant.timeline_due", Provenance.imported.value))
        _set_timeline(session, target, source.timeline_due, note_id=None, provenance=prov, now=now)
        copied.append(TIMELINE_FIELD)
        if TIMELINE_FIELD in source_words:
            target.evidence = {**(target.evidence or {}), TIMELINE_FIELD: source_words[TIMELINE_FIELD]}
    if source.disqualifiers:
        current = list(target.disqualifiers or [])
        seen = {(d["kind"], evidence_key(d.get("evidence", ""))) for d in current}
        extra = [d for d in source.disqualifiers if (d["kind"], evidence_key(d.get("evidence", ""))) not in seen]
        if extra:
            prov = Provenance(provenance_of.get(DISQUALIFIERS_FIELD, Provenance.imported.value))
            _set_disqualifiers(session, target, current + extra, note_id=None, provenance=prov, now=now)
            copied.append(DISQUALIFIERS_FIELD)
    existing = {
        (kind, key)
        for kind, key in session.execute(
            sa.select(InteractionRow.kind, InteractionRow.evidence_key).where(InteractionRow.lead_id == into_id)
        )
    }
    for ix in session.scalars(sa.select(InteractionRow).where(InteractionRow.lead_id == from_id)).all():
        if (ix.kind, ix.evidence_key) in existing:
            session.delete(ix)
        else:
            existing.add((ix.kind, ix.evidence_key))
            ix.lead_id = into_id
    session.flush()
    for table in (NoteRow, ChatMessageRow):
        session.execute(sa.update(table).where(table.lead_id == from_id).values(lead_id=into_id))
    if source.last_activity and (target.last_activity is None or source.last_activity > target.last_activity):
        target.last_activity = source.last_activity
    target.language = target.language or source.language
    target.updated_at = now
    session.flush()
    _write_fact_changes(session)
    delete_lead(session=session, lead_id=from_id)
    session.flush()
    return copied


def _pair(session: Session, from_id: int, into_id: int) -> tuple[LeadRow, LeadRow]:
    if from_id == into_id:
        raise InvalidFact("A lead cannot be merged into itself.")
    return _lead_row(session, from_id), _lead_row(session, into_id)


def merge_preview(*, session: Session, from_id: int, into_id: int) -> MergePreview:
    """What `merge_leads(from_id, into_id)` would move and copy, reading only."""
    source, target = _pair(session, from_id, into_id)
    notes = session.scalar(sa.select(sa.func.count()).select_from(NoteRow).where(NoteRow.lead_id == from_id))
    chats = session.scalar(
        sa.select(sa.func.count()).select_from(ChatMessageRow).where(ChatMessageRow.lead_id == from_id))
    keys = {(ix.kind.value, key) for ix, key in _interactions_with_keys(session, into_id)}
    moving = _interactions_with_keys(session, from_id)
    duplicates = sum(1 for ix, key in moving if (ix.kind.value, key) in keys)
    copied: list[FactMove] = []
    kept: list[FactMove] = []
    for fact in FACTS:
        column = fact.column
        mine, theirs = getattr(target, column), getattr(source, column)
        if theirs is None:
            continue
        if mine is None:
            copied.append(FactMove(path=fact.path, value=_plain(theirs)))
        elif _plain(mine) != _plain(theirs):
            kept.append(FactMove(path=fact.path, value=_plain(mine), other=_plain(theirs)))
    current = {(d["kind"], evidence_key(d.get("evidence", ""))) for d in target.disqualifiers or []}
    extra = [Disqualifier.model_validate(d) for d in source.disqualifiers or []
             if (d["kind"], evidence_key(d.get("evidence", ""))) not in current]
    return MergePreview(
        source=_summary(source), target=_summary(target), notes=notes or 0,
        interactions=len(moving) - duplicates, duplicate_interactions=duplicates,
        chat_messages=chats or 0, copied=copied, kept=kept, disqualifiers=extra,
    )


# --- undoing a merge: both leads' rows as they were ----------------------------------------

_SNAPSHOT_TABLES = (NoteRow, InteractionRow, FactChangeRow, VerdictRow, ChatMessageRow)


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _from_json(column: sa.Column, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.DateTime) or type(kind).__name__ == "UTCDateTime":
        return datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return date.fromisoformat(value)
    return value


def _rows_of(session: Session, table: sa.Table, where: Any) -> list[dict[str, Any]]:
    rows = session.execute(sa.select(table).where(where).order_by(table.c.id)).mappings()
    return [{k: _to_json(v) for k, v in row.items()} for row in rows]


def snapshot_leads(*, session: Session, lead_ids: Sequence[int]) -> dict[str, Any]:
    """Every row of these leads and of what is recorded about them, as JSON-able data."""
    session.flush()
    _write_fact_changes(session)
    lead = LeadRow.__table__
    out: dict[str, Any] = {"lead": _rows_of(session, lead, lead.c.id.in_(lead_ids))}  # type: ignore[attr-defined]
    for model in _SNAPSHOT_TABLES:
        table = model.__table__
        out[table.name] = _rows_of(session, table, table.c.lead_id.in_(lead_ids))  # type: ignore[attr-defined]
    return out


def _restore_rows(table: sa.Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{c.name: _from_json(c, row.get(c.name)) for c in table.columns} for row in rows]


def record_merge(
    *, session: Session, from_id: int, into_id: int, snapshot: dict[str, Any], now: datetime | None = None
) -> MergeRecord:
    """Keep what a merge replaced, so `undo_merge` can put both leads back."""
    now = now or utcnow()
    session.flush()
    target = _lead_row(session, into_id)
    labels = {r["id"]: _label_of(r) for r in snapshot["lead"]}
    row = MergeUndoRow(from_id=from_id, into_id=into_id, created_at=now,
                       merged_updated_at=target.updated_at, snapshot=snapshot)
    session.add(row)
    session.flush()
    return MergeRecord(id=row.id, from_id=from_id, into_id=into_id, from_label=labels.get(from_id, f"#{from_id}"),
                       into_label=labels.get(into_id, f"#{into_id}"), created_at=now)


def _label_of(lead: dict[str, Any]) -> str:
    who = lead.get("name") or lead.get("email") or f"lead #{lead['id']}"
    return f"{who} ({lead['company_name']})" if lead.get("company_name") else who


def _merge_record(row: MergeUndoRow) -> MergeRecord:
    labels = {r["id"]: _label_of(r) for r in row.snapshot.get("lead", [])}
    return MergeRecord(id=row.id, from_id=row.from_id, into_id=row.into_id,
                       from_label=labels.get(row.from_id, f"#{row.from_id}"),
                       into_label=labels.get(row.into_id, f"#{row.into_id}"),
                       created_at=row.created_at, undone=row.undone_at is not None)


def last_merge(*, session: Session, into_id: int | None = None) -> MergeRecord | None:
    """The newest merge not undone (into `into_id`, if given)."""
    stmt = sa.select(MergeUndoRow).where(MergeUndoRow.undone_at.is_(None))
    if into_id is not None:
        stmt = stmt.where(MergeUndoRow.into_id == into_id)
    row = session.scalars(stmt.order_by(MergeUndoRow.id.desc()).limit(1)).first()
    return _merge_record(row) if row is not None else None


def _same_instant(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.tzinfo is None:
        a = a.replace(tzinfo=UTC)
    if b.tzinfo is None:
        b = b.replace(tzinfo=UTC)
    return a == b


def undo_merge(*, session: Session, merge_id: int, now: datetime | None = None) -> MergeRecord:
    """Put both leads of a merge back exactly as they were: their facts with their words
    and sources, notes, interactions, verdicts and transcripts, with the same ids.

    Refused (InvalidFact, nothing changed) once the merged lead changed after the merge
    (a note, a correction: undoing would lose it), or when the merge was undone already."""
    now = now or utcnow()
    row = session.get(MergeUndoRow, merge_id)
    if row is None:
        raise InvalidFact(f"No merge {merge_id} to undo.")
    record = _merge_record(row)
    if row.undone_at is not None:
        raise InvalidFact(f"The merge of {record.from_label} into {record.into_label} was undone already.")
    target = session.get(LeadRow, row.into_id)
    if target is None:
        raise InvalidFact(f"{record.into_label} was deleted after the merge: there is nothing to undo.")
    if not _same_instant(target.updated_at, row.merged_updated_at):
        raise InvalidFact(
            f"{record.into_label} changed after the merge (a note, a correction or a re-score): "
            "undoing it now would lose that change. Merge nothing back by hand: the notes are all on "
            f"lead #{row.into_id}.")
    if session.get(LeadRow, row.from_id) is not None:
        raise InvalidFact(f"Lead #{row.from_id} exists again, so {record.from_label} cannot get its id back.")
    snap = row.snapshot
    ids = (row.from_id, row.into_id)
    _write_fact_changes(session)
    # what the merge made: the target's rows (its own come back from the snapshot)
    for model in (ChatMessageRow, VerdictRow, FactChangeRow, InteractionRow):
        table = model.__table__
        session.execute(sa.delete(table).where(table.c.lead_id.in_(ids)))  # type: ignore[attr-defined]
    lead = LeadRow.__table__
    leads = {r["id"]: r for r in _restore_rows(lead, snap["lead"])}  # type: ignore[arg-type]
    session.execute(sa.update(lead).where(lead.c.id == row.into_id).values(  # type: ignore[attr-defined]
        {k: v for k, v in leads[row.into_id].items() if k != "id"}))
    session.execute(sa.insert(lead), [leads[row.from_id]])  # type: ignore[arg-type]
    session.expire(target)
    notes = NoteRow.__table__
    for note in snap.get("note", []):
        session.execute(sa.update(notes).where(notes.c.id == note["id"]).values(lead_id=note["lead_id"]))  # type: ignore[attr-defined]
    for model in (InteractionRow, FactChangeRow, VerdictRow, ChatMessageRow):
        table = model.__table__
        rows = _restore_rows(table, snap.get(table.name, []))  # type: ignore[arg-type]
        if rows:
            session.execute(sa.insert(table), rows)
    row.undone_at = now
    session.flush()
    return _merge_record(row)


# --- bulk re-scoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadToScore:
    """What re-scoring needs of one lead, read in bulk."""

    lead_id: int
    name: str | None
    company: str | None
    stage: str | None
    fit: float | None
    engagement: float | None
    scoring_hash: str | None
    language: str | None
    extraction: Extraction
    scored_as_of: date | None = None  # the reference date of the lead's current verdict


# The columns a rescore reads, by name: the registry's facts, then what re-scoring needs.
_FACT_COLUMNS = tuple(getattr(LeadRow, f.column) for f in FACTS)
_LEAD_COLUMNS = (
    LeadRow.id, LeadRow.name, LeadRow.company_name, *_FACT_COLUMNS, LeadRow.disqualifiers,
    LeadRow.evidence, LeadRow.stage, LeadRow.fit, LeadRow.engagement, LeadRow.language,
)
_FIRST_FACT = 3
_AFTER_FACTS = _FIRST_FACT + len(FACTS)  # disqualifiers, evidence, stage, fit, engagement, language


_INTERACTION_FIELDS = set(Interaction.model_fields)
_set_state = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _trusted(cls: type[BaseModel], fields: set[str], values: dict[str, Any]) -> Any:
    """A model from values the database already holds checked: what `model_construct`
    does, minus its per-field walk (a rescore builds millions of these)."""
    obj = object.__new__(cls)
    _set_state(obj, values)
    _set_fields_set(obj, fields)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def _trusted_interaction(**values: Any) -> Interaction:
    return _trusted(Interaction, _INTERACTION_FIELDS, values)


def _enum_of(enum: type) -> dict[str | None, Any]:
    return {None: None, **{member.value: member for member in enum}}


_GROUP_MODELS: dict[str, type[BaseModel]] = {"contact": Contact, "company": Company, "bant": Bant}
_GROUP_FIELDS = {group: set(model.model_fields) for group, model in _GROUP_MODELS.items()}
_EXTRACTION_FIELDS = set(Extraction.model_fields)
_EVIDENCE_FIELDS = set(Evidence.model_fields)
# per fact, in registry order: its group, name, and the table turning a stored string into
# its enum member (None for plain values)
_PLAN = tuple((f.group, f.name, _enum_of(f.enum) if f.enum else None) for f in FACTS)
_TIMELINE_INDEX = next(i for i, f in enumerate(FACTS) if f.path == TIMELINE_FIELD)


def _trusted_evidence(stored: dict[str, Any] | None) -> dict[str, Evidence]:
    if not stored:
        return {}
    out = {}
    for path, entry in stored.items():
        if isinstance(entry, dict) and entry.get("quote"):
            out[path] = _trusted(Evidence, _EVIDENCE_FIELDS, {
                "quote": entry["quote"], "start": entry.get("start"), "end": entry.get("end"),
                "via": entry.get("via")})
    return out


def _lead_extraction(row: Sequence[Any], as_of: date, interactions: list[Interaction]) -> Extraction:
    """The Extraction of one `_LEAD_COLUMNS` row; validated the slow way only when a
    stored value is not one the domain knows (so it fails with pydantic's message)."""
    stored = row[_FIRST_FACT:_AFTER_FACTS]
    disqualifiers, evidence = row[_AFTER_FACTS], row[_AFTER_FACTS + 1]
    dqs = [Disqualifier.model_validate(d) for d in disqualifiers] if disqualifiers else []
    groups: dict[str, dict[str, Any]] = {"contact": {}, "company": {}, "bant": {}, "": {}}
    try:
        for i, (group, name, members) in enumerate(_PLAN):
            value = stored[i]
            if i == _TIMELINE_INDEX:
                value = timeline_days(value, as_of)
            elif members is not None:
                value = members[value]
            groups[group][name] = value
    except KeyError:
        plain = {"contact": {}, "company": {}, "bant": {}, "": {}}
        for i, (group, name, _members) in enumerate(_PLAN):
            plain[group][name] = timeline_days(stored[i], as_of) if i == _TIMELINE_INDEX else stored[i]
        extraction = Extraction(
            contact=Contact(**plain["contact"]), company=Company(**plain["company"]),
            bant=Bant(**plain["bant"]), disqualifiers=dqs, evidence=_evidence_of(evidence),
            **plain[""],
        )
        extraction.interactions = interactions
        return extraction
    values: dict[str, Any] = {
        group: _trusted(model, _GROUP_FIELDS[group], groups[group]) for group, model in _GROUP_MODELS.items()
    }
    values.update(groups[""])
    values["interactions"] = interactions
    values["disqualifiers"] = dqs
    values["evidence"] = _trusted_evidence(evidence)
    return _trusted(Extraction, _EXTRACTION_FIELDS, values)


def iter_leads_to_score(
    *, session: Session, as_of: date | None, after_id: int = 0, limit: int = 2000,
    lead_ids: Sequence[int] | None = None,
) -> list[LeadToScore]:
    """One batch of leads (ids above `after_id`, ascending) with their live interactions,
    read with two queries and built without ORM objects: the hot path of `rescore`.

    `as_of` None reads each lead as of its current verdict's date (today before its first
    verdict); `lead_ids` reads only those leads."""
    stmt = (
        sa.select(*_LEAD_COLUMNS, VerdictRow.scoring_hash, VerdictRow.as_of)
        .outerjoin(VerdictRow, VerdictRow.id == LeadRow.verdict_id)
        .where(LeadRow.id > after_id)
        .order_by(LeadRow.id)
        .limit(limit)
    )
    if lead_ids is not None:
        stmt = stmt.where(LeadRow.id.in_(sorted(lead_ids)))
    leads = session.execute(stmt).all()
    if not leads:
        return []
    first, last = leads[0][0], leads[-1][0]
    by_lead: dict[int, list[Interaction]] = {}
    kinds = {k.value: k for k in InteractionKind}
    new = _trusted_interaction
    ix_stmt = (
        sa.select(
            InteractionRow.lead_id, InteractionRow.kind, InteractionRow.count,
            InteractionRow.occurred_on, InteractionRow.detail, InteractionRow.evidence,
        )
        .where(InteractionRow.lead_id.between(first, last))
        .where(sa.or_(InteractionRow.status.is_(None), InteractionRow.status != "rejected"))
        .order_by(InteractionRow.lead_id, InteractionRow.id)
    )
    if lead_ids is not None:
        ix_stmt = ix_stmt.where(InteractionRow.lead_id.in_(sorted(lead_ids)))
    for lead_id, kind, count, occurred_on, detail, evidence in session.execute(ix_stmt):
        by_lead.setdefault(lead_id, []).append(
            new(kind=kinds[kind], count=count, occurred_on=occurred_on, detail=detail, evidence=evidence)
        )
    out = []
    today = date.today()
    for r in leads:
        lead_id = r[0]
        stage, fit, engagement, language, scoring_hash, scored_as_of = r[_AFTER_FACTS + 2 : _AFTER_FACTS + 8]
        extraction = _lead_extraction(r, as_of or scored_as_of or today, by_lead.get(lead_id, []))
        out.append(LeadToScore(lead_id, r[1], r[2], stage, fit, engagement, scoring_hash, language, extraction,
                               scored_as_of))
    return out


def save_verdicts_bulk(
    *, session: Session, verdicts: Sequence[tuple[int, Verdict]], cause: str, now: datetime | None = None
) -> None:
    """Store many verdicts at once (cause 'rescore') and make each its lead's current one.

    Three statements a batch, whatever its size: one multi-row INSERT, one executemany
    UPDATE of the lead figures, one UPDATE pointing each lead at its newest verdict
    (RETURNING ids row by row would cost a round trip per lead on SQLite)."""
    if not verdicts:
        return
    now = now or utcnow()
    # the explanation serialised by pydantic straight to JSON text (a third of the time
    # a rescore spends otherwise goes to model_dump + json.dumps)
    dialect = session.get_bind().dialect.name
    rows = []
    for lead_id, v in verdicts:
        row = _verdict_row(lead_id, v, cause=cause, note_id=None, now=now, explanation=False)
        row["explanation_json"] = v.explanation.model_dump_json()
        rows.append(row)
    if dialect == "sqlite":
        # the rows straight to the driver, the explanation as the text it is stored as
        for row in rows:
            row["explanation"] = row.pop("explanation_json")
        bulk.insert_rows(session, VerdictRow.__table__, rows, ("bant_met",))  # type: ignore[attr-defined]
    else:
        as_text = sa.bindparam("explanation_json", type_=sa.Text)
        session.execute(
            sa.insert(VerdictRow.__table__).values(  # type: ignore[arg-type]
                explanation=sa.cast(as_text, sa.JSON) if dialect == "postgresql" else as_text
            ),
            rows,
        )
    lead = LeadRow.__table__
    bulk.update_rows(session, lead, [  # type: ignore[arg-type]
        {"id": lead_id, "stage": v.stage.value, "fit": v.fit.score, "grade": v.fit.grade,
         "engagement": v.engagement.score, "updated_at": now}
        for lead_id, v in verdicts
    ])
    verdict = VerdictRow.__table__
    newest = (
        sa.select(sa.func.max(verdict.c.id)).where(verdict.c.lead_id == lead.c.id).scalar_subquery()
    )
    ids = [lead_id for lead_id, _ in verdicts]
    session.execute(
        sa.update(lead)
        .where(lead.c.id.between(min(ids), max(ids)), lead.c.id.in_(ids))
        .values(verdict_id=newest)
    )


def iter_ids(rows: Iterable[LeadToScore]) -> Iterator[int]:
    return (r.lead_id for r in rows)
