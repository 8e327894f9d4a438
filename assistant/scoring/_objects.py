"""Cheap construction of the verdict types for the scorer's hot path.

The scorer builds a few dozen small pydantic objects per lead from values it has already
checked (enums, floats, strings), so validating them again would only cost time: at the
benchmark's rate it doubled the run time. `model_construct` is slower still (it walks the
fields), so we set the instance state directly, which is what pydantic's own
`model_construct` ends up doing. Every constructor here passes every field, so the
objects are indistinguishable from validated ones (`==`, `model_dump`, JSON all agree).
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from assistant.domain import (
    Axis,
    BantCheck,
    Contribution,
    EngagementScore,
    Explanation,
    FitScore,
    NextStage,
    Stage,
    Verdict,
)

_new = object.__new__
_set = object.__setattr__
# BaseModel keeps its state in slots; their descriptors set them without a name look-up.
_slots = BaseModel.__dict__
_set_dict = _slots["__dict__"].__set__
_set_fields = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__


def _fields(cls: type[BaseModel]) -> set[str]:
    return set(cls.model_fields)


_CONTRIBUTION = _fields(Contribution)
_BANT_CHECK = _fields(BantCheck)
_NEXT = _fields(NextStage)
_EXPLANATION = _fields(Explanation)
_FIT = _fields(FitScore)
_ENGAGEMENT = _fields(EngagementScore)
_VERDICT = _fields(Verdict)


def _make(cls: type[BaseModel], fields: set[str], values: dict) -> BaseModel:
    obj = _new(cls)
    _set_dict(obj, values)
    # One set per class is shared: it holds every field, so pydantic's `.add(name)` on
    # assignment never changes it, and copies (model_copy) get their own set.
    _set_fields(obj, fields)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def contribution(
    axis: Axis, rule: str, points: float, evidence: str | None, detail: str | None,
    via: str | None = None,
) -> Contribution:
    # _make inlined: this runs for every interaction and fit fact of every lead
    obj = _new(Contribution)
    _set_dict(
        obj,
        {"axis": axis, "rule": rule, "points": points, "evidence": evidence, "detail": detail, "via": via},
    )
    _set_fields(obj, _CONTRIBUTION)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def next_stage(stage: Stage | None, missing: list[str], summary: str) -> NextStage:
    return _make(  # type: ignore[return-value]
        NextStage, _NEXT, {"stage": stage, "missing": missing, "summary": summary}
    )


def bant_check(criterion: str, value: str, met: bool, evidence: str | None) -> BantCheck:
    return _make(  # type: ignore[return-value]
        BantCheck, _BANT_CHECK, {"criterion": criterion, "value": value, "met": met, "evidence": evidence}
    )


def explanation(
    rule: str,
    reason: str,
    contributions: list[Contribution],
    next_: NextStage,
    questions: list[str],
    bant: list[BantCheck],
) -> Explanation:
    return _make(  # type: ignore[return-value]
        Explanation,
        _EXPLANATION,
        {
            "rule": rule,
            "reason": reason,
            "contributions": contributions,
            "next_stage": next_,
            "questions": questions,
            "bant": bant,
        },
    )


def verdict(
    stage: Stage,
    fit_score: float,
    grade: str,
    poor: bool,
    known: int,
    engagement_score: float,
    bant_met: list[str],
    explanation_: Explanation,
    as_of: date,
    scoring_hash: str,
) -> Verdict:
    fit = _make(
        FitScore,
        _FIT,
        {"score": fit_score, "grade": grade, "poor": poor, "known_attributes": known},
    )
    engagement = _make(EngagementScore, _ENGAGEMENT, {"score": engagement_score})
    return _make(  # type: ignore[return-value]
        Verdict,
        _VERDICT,
        {
            "stage": stage,
            "fit": fit,
            "engagement": engagement,
            "bant_met": bant_met,
            "explanation": explanation_,
            "as_of": as_of,
            "scoring_hash": scoring_hash,
        },
    )
