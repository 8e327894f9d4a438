"""What the pipeline worker reports back to the app: small Messages named for what happened.

Each carries a result of the service layer (`assistant/service.py`): view models the
widgets render as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from assistant.domain import LeadSummary, PendingNote
from assistant.service import (
    FactsCorrected as Corrected,
)
from assistant.service import (
    LeadOpened as Opened,
)
from assistant.service import (
    MergeDone,
    MergePreviewView,
    NoteFailed,
    NotePlaced,
    PlacementAsked,
)
from assistant.service import (
    QuestionAnswered as Answered,
)


@dataclass
class LeadsLoaded(Message):
    leads: list[LeadSummary]


@dataclass
class DatabaseChanged(Message):
    """Another process (or this one) wrote leads: the list as it is now."""

    leads: list[LeadSummary]


@dataclass
class LeadOpened(Message):
    opened: Opened


@dataclass
class LeadCreated(Message):
    opened: Opened


@dataclass
class NoteQualified(Message):
    """A note is on a lead and read into it."""

    placed: NotePlaced


@dataclass
class PlacementNeeded(Message):
    """The note names someone else or a lead we have: the rep chooses where it goes."""

    asked: PlacementAsked


@dataclass
class QualificationFailed(Message):
    """No extractor could read the note; it is saved on no lead, and ctrl+r retries."""

    failed: NoteFailed


@dataclass
class QuestionAnswered(Message):
    answered: Answered


@dataclass
class FactsCorrected(Message):
    """A correction, an edit or a rejection changed the facts and the lead was re-scored."""

    corrected: Corrected


@dataclass
class MergePreviewed(Message):
    preview: MergePreviewView


@dataclass
class LeadsMerged(Message):
    done: MergeDone


@dataclass
class MergeUndone(Message):
    done: MergeDone


@dataclass
class PendingFound(Message):
    """Notes saved in an earlier session that are on no lead yet."""

    notes: list[PendingNote]


@dataclass
class LeadDeleted(Message):
    lead_id: int


@dataclass
class LeadExported(Message):
    lead_id: int
    path: str


@dataclass
class Said(Message):
    """A line for the chat that changes no lead (nothing to undo, nothing to retry)."""

    text: str
    kind: str = "system"


@dataclass
class JobFailed(Message):
    """Something unexpected went wrong (database, file); what the rep typed is kept."""

    action: str
    reason: str
