"""The record the LLM fills: flat lists of facts, interactions and disqualifiers, each with
the note's words it stands on.

A flat list keeps the schema small (one call a note, a short prompt) and makes evidence a
part of every item rather than an afterthought: a fact is `{field, value, evidence}` with
`field` one of the registry's paths. `grounding.coerce_answer` turns the answer into an
`Extraction`; `grounding.ground` then keeps only what the note's words support.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain import DisqualifierKind, InteractionKind

__all__ = ["Answer"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatedFact(_Strict):
    # a plain string, not an enum of the fact paths: the prompt lists the fields with their
    # formats, and the schema stays small; an unknown field is dropped and reported
    field: str
    value: str
    evidence: str


class StatedInteraction(_Strict):
    kind: InteractionKind
    count: int
    occurred_on: str | None = Field(description="YYYY-MM-DD or null")
    detail: str | None
    evidence: str


class StatedDisqualifier(_Strict):
    kind: DisqualifierKind
    evidence: str


class Answer(_Strict):
    """Every fact the rep's note states about the lead, each with its words."""

    facts: list[StatedFact]
    interactions: list[StatedInteraction]
    disqualifiers: list[StatedDisqualifier]
