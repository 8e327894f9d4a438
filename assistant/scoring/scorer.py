"""`score`: one extraction and a reference date in, a verdict with its explanation out.

Pure: no I/O, no clock, no randomness; the same inputs always give the same verdict.
Fit and engagement are the sums of their contributions (each rounded to one decimal),
clamped to the file's bounds; when clamping changes a total, a `clamp` contribution
says by how much, so the contributions always add up to the score shown.
"""

from __future__ import annotations

from datetime import date

from assistant.domain import Axis, BantCheck, Contribution, Extraction, Verdict
from assistant.scoring import _objects
from assistant.scoring.engagement import engagement_contributions
from assistant.scoring.explanation import next_stage_for, reason_text
from assistant.scoring.fit import fit_contributions
from assistant.scoring.model import ScoringModel
from assistant.scoring.questions import discovery_questions
from assistant.scoring.stages import bant_status, decide_stage
from assistant.scoring.texts import resolve_lang, texts_for


def _clamp(
    axis: Axis, total: float, bounds: tuple[float, float], contributions: list[Contribution]
) -> float:
    low, high = bounds
    if low <= total <= high:
        return total
    clamped = low if total < low else high
    contributions.append(
        _objects.contribution(
            axis,
            "clamp",
            round(clamped - total, 1),
            None,
            f"{axis.value} total {total:g} clamped to {clamped:g} (allowed {low:g}..{high:g})",
        )
    )
    return clamped


_BANT_FACTS = (
    ("budget", "bant.budget"), ("authority", "bant.authority"), ("need", "bant.need"),
    ("timeline", "bant.timeline_days"),
)


def _bant_checks(extraction: Extraction, met: list[str]) -> list[BantCheck]:
    """The BANT criteria the facts know, each with its value, whether it is met, and its words."""
    bant = extraction.bant
    if bant.budget is None and bant.authority is None and bant.need is None and bant.timeline_days is None:
        return []
    values = (bant.budget, bant.authority, bant.need, bant.timeline_days)
    words = extraction.evidence
    out = []
    for (criterion, path), value in zip(_BANT_FACTS, values, strict=True):
        if value is None:
            continue
        ev = words.get(path)
        shown = str(getattr(value, "_value_", value))
        out.append(_objects.bant_check(criterion, shown, criterion in met, ev.quote if ev else None))
    return out


def score(extraction: Extraction, *, as_of: date, model: ScoringModel, lang: str = "en") -> Verdict:
    """The stage, scores and explanation of `extraction` on `as_of` under `model`.

    `lang` (en, it, pl) chooses the language of the reason, the next-stage summary and the
    discovery questions; any other value gives English.
    """
    lang = resolve_lang(lang)
    t = texts_for(lang)
    ref = as_of.toordinal()
    fit_parts, fit_total, known = fit_contributions(extraction, model)
    fit = _clamp(Axis.fit, fit_total, model.fit_bounds, fit_parts)
    eng = engagement_contributions(extraction.interactions, model, ref)
    eng_parts = eng.contributions
    engagement = _clamp(Axis.engagement, eng.total, model.engagement_bounds, eng_parts)

    grade = model.grade_of(fit)
    poor = grade in model.poor_grades and known >= model.poor_min_known
    bant = bant_status(extraction.bant, model)
    decision = decide_stage(
        extraction,
        hand_raise=eng.hand_raise,
        usage=eng.usage,
        fit=fit,
        poor=poor,
        engagement=engagement,
        bant=bant,
        model=model,
    )
    disqualifiers = extraction.disqualifiers
    reason = reason_text(
        decision,
        disqualifiers=disqualifiers,
        fit=fit,
        grade=grade,
        known=known,
        engagement=engagement,
        bant=bant,
        model=model,
        ref_ordinal=ref,
        t=t,
    )
    nxt = next_stage_for(
        decision,
        disqualifiers=disqualifiers,
        fit=fit,
        grade=grade,
        poor=poor,
        engagement=engagement,
        bant=bant,
        model=model,
        t=t,
    )
    fit_parts.extend(eng_parts)
    explanation = _objects.explanation(
        decision.rule, reason, fit_parts, nxt, discovery_questions(extraction, lang),
        _bant_checks(extraction, bant.met),
    )
    return _objects.verdict(
        decision.stage, fit, grade, poor, known, engagement, bant.met, explanation, as_of, model.hash
    )
