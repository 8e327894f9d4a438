"""The SQLModel tables: leads with their current facts, and everything that explains them.

ORM rows never leave `storage/`: repository functions turn them into the domain records
of `assistant.domain`. Enum values are stored as plain strings (no database enum types),
so the same migrations run on SQLite and PostgreSQL and adding an enum value needs no
migration. Datetimes are aware and stored as UTC (SQLModel's UTCDateTime).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import registry
from sqlmodel import Column, Field, SQLModel

# Named constraints: SQLite batch migrations (ALTER via table copy) need names to find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Our own registry and metadata, so no other SQLModel table in the process leaks in.
_registry = registry(metadata=sa.MetaData(naming_convention=NAMING_CONVENTION))


class Base(SQLModel, registry=_registry):
    pass


metadata = Base.metadata


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Any:
    # Deleting a lead deletes everything recorded about it (notes, facts, verdicts, calls).
    return Field(
        default=None,
        sa_column=Column(
            sa.Integer, sa.ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index
        ),
    )


def _json(*, nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(sa.JSON, nullable=nullable))


class LeadRow(Base, table=True):
    """One lead: the current value of every fact, and the current verdict's figures."""

    __tablename__ = "lead"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime
    # indexed (revision 0004): the newest change is what the TUI polls to see other writers
    updated_at: datetime = Field(index=True)
    last_activity: datetime | None = None
    # the language of the lead's first note (or the rep's choice): its views keep it
    language: str | None = Field(default=None, max_length=8)

    # contact
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320, index=True)
    phone: str | None = Field(default=None, max_length=64)
    job_title: str | None = Field(default=None, max_length=200)
    seniority: str | None = Field(default=None, max_length=32)
    department: str | None = Field(default=None, max_length=32)
    # company
    company_name: str | None = Field(default=None, max_length=200)
    industry: str | None = Field(default=None, max_length=32)
    employees: int | None = None
    annual_revenue: float | None = None
    currency: str | None = Field(default=None, max_length=3)
    country: str | None = Field(default=None, max_length=2)
    city: str | None = Field(default=None, max_length=120)
    lead_source: str | None = Field(default=None, max_length=16)
    # BANT; the timeline is kept as a due date so it stays right as days pass
    budget: str | None = Field(default=None, max_length=16)
    budget_amount: float | None = None
    authority: str | None = Field(default=None, max_length=16)
    need: str | None = Field(default=None, max_length=500)
    timeline_due: date | None = None
    disqualifiers: list[dict[str, Any]] | None = _json()
    # where each current fact was read (revision 0003): fact path -> {quote, start, end,
    # via, note_id, source, author, at}; the quote is the note's (or the rep's) own words
    evidence: dict[str, dict[str, Any]] | None = _json()

    # case- and accent-free keys that find this lead again from a new note (revision 0002):
    # the email, and "person name|company name"; also what the lead list searches
    email_key: str | None = Field(default=None, max_length=320, index=True)
    name_key: str | None = Field(default=None, max_length=402, index=True)
    # the phone's digits (revision 0004), so a note with the same number finds the lead
    phone_key: str | None = Field(default=None, max_length=32, index=True)
    # the fact paths a rep set (revision 0004): extraction never changes them again
    rep_fields: list[str] | None = _json()

    # the current verdict, copied here so lists sort and filter without a join
    stage: str | None = Field(default=None, max_length=16, index=True)
    fit: float | None = None
    grade: str | None = Field(default=None, max_length=4)
    engagement: float | None = None
    verdict_id: int | None = None


class NoteRow(Base, table=True):
    """The rep's raw text, saved before any extraction so it can never be lost."""

    __tablename__ = "note"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = _fk("lead.id")
    text: str = Field(sa_column=Column(sa.Text, nullable=False))
    language: str | None = Field(default=None, max_length=8)
    author: str | None = Field(default=None, max_length=120)
    created_at: datetime
    as_of: date | None = None
    # saved -> qualified, or failed (the LLM error kept so the rep can retry)
    status: str = Field(default="saved", max_length=16)
    extractor: str | None = Field(default=None, max_length=16)
    error: str | None = Field(default=None, sa_column=Column(sa.Text, nullable=True))
    # the extraction result of this note as the extractor returned it (the audit's source)
    extraction: dict[str, Any] | None = _json()


class InteractionRow(Base, table=True):
    __tablename__ = "interaction"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = _fk("lead.id")
    note_id: int | None = _fk("note.id", nullable=True)
    kind: str = Field(max_length=32)
    count: int = 1
    occurred_on: date | None = None
    detail: str | None = Field(default=None, max_length=500)
    evidence: str = Field(sa_column=Column(sa.Text, nullable=False))
    # normalised evidence: how the same interaction told twice is recognised
    evidence_key: str = Field(sa_column=Column(sa.Text, nullable=False))
    provenance: str = Field(max_length=16)
    # confirmed | rejected | None (not reviewed); rejected interactions are never scored
    status: str | None = Field(default=None, max_length=16)
    created_at: datetime


class FactChangeRow(Base, table=True):
    """The audit trail: every change of a fact, with the note and who made it."""

    __tablename__ = "fact_change"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = _fk("lead.id")
    note_id: int | None = _fk("note.id", nullable=True)
    field: str = Field(max_length=64)
    old_value: Any = _json()
    new_value: Any = _json()
    provenance: str = Field(max_length=16)
    # the words the new value was read from, and who made the change (revision 0003)
    evidence: dict[str, Any] | None = _json()
    author: str | None = Field(default=None, max_length=120)
    created_at: datetime


class VerdictRow(Base, table=True):
    __tablename__ = "verdict"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = _fk("lead.id")
    note_id: int | None = _fk("note.id", nullable=True, index=False)
    # what produced it: note | correction | rejection | rescore | merge
    cause: str = Field(max_length=16)
    stage: str = Field(max_length=16)
    fit: float
    grade: str = Field(max_length=4)
    fit_poor: bool = False
    known_attributes: int = 0
    engagement: float
    bant_met: list[str] | None = _json()
    rule: str = Field(max_length=32)
    reason: str = Field(sa_column=Column(sa.Text, nullable=False))
    explanation: dict[str, Any] = _json(nullable=False)
    as_of: date
    scoring_hash: str = Field(max_length=64)
    created_at: datetime


class LLMCallRow(Base, table=True):
    """One LLM call (assistant.domain.LLMCallRecord) and the note it was made for."""

    __tablename__ = "llm_call"

    id: int | None = Field(default=None, primary_key=True)
    note_id: int | None = _fk("note.id", nullable=True)
    provider: str = Field(max_length=32)
    model: str = Field(max_length=120)
    method: str = Field(max_length=32)
    prompt_version: str = Field(max_length=64)
    schema_hash: str = Field(max_length=64)
    latency_ms: int
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    raw_answer: str | None = Field(default=None, sa_column=Column(sa.Text, nullable=True))
    error: str | None = Field(default=None, sa_column=Column(sa.Text, nullable=True))
    # what grounding dropped from this answer, and why (revision 0003)
    dropped: list[dict[str, Any]] | None = _json()
    created_at: datetime


class ChatMessageRow(Base, table=True):
    __tablename__ = "chat_message"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = _fk("lead.id")
    role: str = Field(max_length=16)
    text: str = Field(sa_column=Column(sa.Text, nullable=False))
    payload: dict[str, Any] | None = _json()
    created_at: datetime


class PendingNoteRow(Base, table=True):
    """A note saved before anyone knows which lead it is about (revision 0004).

    The rep's text is committed here first; it becomes a `note` of a lead only when the
    pipeline (or the rep, when the note names someone else) places it. A crash or a quit
    in between loses nothing: the app offers the pending notes again on its next start.
    """

    __tablename__ = "pending_note"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(sa.Text, nullable=False))
    author: str | None = Field(default=None, max_length=120)
    created_at: datetime
    # the lead that was open when the rep typed it (a suggestion, not a link: no FK)
    open_lead_id: int | None = None
    # saved, or failed (no extractor could read it; the error kept for a retry)
    status: str = Field(default="saved", max_length=16)
    error: str | None = Field(default=None, sa_column=Column(sa.Text, nullable=True))
    # LLM calls made for it before it had a note id; stored with the note when placed
    calls: list[dict[str, Any]] | None = _json()


class MergeUndoRow(Base, table=True):
    """What a merge of two leads replaced, so it can be undone exactly (revision 0004):
    every row of both leads as it was before the merge."""

    __tablename__ = "merge_undo"

    id: int | None = Field(default=None, primary_key=True)
    from_id: int
    into_id: int = Field(index=True)
    created_at: datetime
    # the merged lead's updated_at right after the merge: undo refuses once it changed
    merged_updated_at: datetime
    snapshot: dict[str, Any] = _json(nullable=False)
    undone_at: datetime | None = None


class CrmRecordRow(Base, table=True):
    """What a CRM export said about a lead (revision 0005), kept so an export can write it
    back: the CRM's own id for the record, and the text of every cell imported, by field
    ('contact.job_title', 'crm.lifecycle_stage', ...), including the CRM's own fields
    that are no fact of ours (lifecycle stage, lead status, original source)."""

    __tablename__ = "crm_record"
    __table_args__ = (
        sa.UniqueConstraint("lead_id", "system", name="uq_crm_record_lead_system"),
        sa.UniqueConstraint("system", "external_id", name="uq_crm_record_system_external"),
    )

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = _fk("lead.id")
    system: str = Field(max_length=16)  # hubspot | salesforce | leadqual
    external_id: str | None = Field(default=None, max_length=64)
    cells: dict[str, str] = _json(nullable=False)
    origin: str | None = Field(default=None, max_length=300)  # file:line of the last import
    updated_at: datetime


class NoteSourceRow(Base, table=True):
    """Where a note came from outside the app (revision 0005): a key that finds it again
    (a JSONL id, a CRM note or task id, a CRM description), so a re-run or a re-import
    does not add it twice, and the file and line it was read from."""

    __tablename__ = "note_source"

    note_id: int = Field(
        sa_column=Column(sa.Integer, sa.ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    )
    key: str = Field(max_length=300, unique=True, index=True)
    origin: str | None = Field(default=None, max_length=300)
    created_at: datetime
