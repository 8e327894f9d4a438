"""What the pipeline worker reports back to the app: small Messages named for what happened."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from assistant.domain import ChatMessage, LeadDetail, LeadSummary


@dataclass
class LeadView:
    """Everything the screen shows about one open lead, read in one go by the worker."""

    detail: LeadDetail
    transcript: list[ChatMessage]
    engagement_history: list[float]


@dataclass
class LeadsLoaded(Message):
    leads: list[LeadSummary]


@dataclass
class LeadOpened(Message):
    view: LeadView


@dataclass
class LeadCreated(Message):
    view: LeadView


@dataclass
class LeadQualified(Message):
    """A note was read and scored; `reply` is the saved reply card."""

    view: LeadView
    reply: ChatMessage
    stage_change: str | None = None
    fell_back: bool = False


@dataclass
class QualificationFailed(Message):
    """No extractor could read the note. The note itself is saved (note_id)."""

    lead_id: int
    note_id: int | None
    reason: str
    reply: ChatMessage | None = None


@dataclass
class QuestionAnswered(Message):
    lead_id: int | None
    reply: ChatMessage


@dataclass
class FactsCorrected(Message):
    """A correction, an edit or a rejection changed the facts and the lead was re-scored."""

    view: LeadView
    reply: ChatMessage
    stage_change: str | None = None


@dataclass
class DuplicateFound(Message):
    """The note names a lead we already have: offer it instead of keeping a duplicate."""

    lead_id: int
    existing: LeadSummary
    view: LeadView | None = None


@dataclass
class LeadDeleted(Message):
    lead_id: int


@dataclass
class LeadExported(Message):
    lead_id: int
    path: str


@dataclass
class JobFailed(Message):
    """Something unexpected went wrong (database, file); what the rep typed is kept."""

    action: str
    reason: str
    keep_text: str | None = None


@dataclass
class ReadingCancelled(Message):
    lead_id: int | None
    notes: list[str] = field(default_factory=list)
