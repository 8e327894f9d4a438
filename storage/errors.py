"""Errors storage raises, each saying what was not found or not accepted and what to do."""

from __future__ import annotations


class StorageError(Exception):
    """Base class: a request storage cannot carry out."""


class LeadNotFound(StorageError, LookupError):
    def __init__(self, lead_id: int) -> None:
        super().__init__(f"No lead with id {lead_id}. List the leads with `leadqual leads`.")
        self.lead_id = lead_id


class NoteNotFound(StorageError, LookupError):
    def __init__(self, note_id: int) -> None:
        super().__init__(f"No note with id {note_id}.")
        self.note_id = note_id


class InteractionNotFound(StorageError, LookupError):
    def __init__(self, lead_id: int, interaction_id: int) -> None:
        super().__init__(
            f"Lead {lead_id} has no interaction {interaction_id}. "
            f"`leadqual show {lead_id}` lists its interactions with their ids."
        )
        self.lead_id = lead_id
        self.interaction_id = interaction_id


class InvalidFact(StorageError, ValueError):
    """An unknown field path, or a value the field cannot hold."""
