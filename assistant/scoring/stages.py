"""The stage rules of SPEC section 5: the first rule that holds decides.

1. disqualified: any disqualifier. 2. sql: fit not poor, and a hand-raise within the
window (undated counts as the reference date) or enough BANT criteria met. 3. pql: fit
not poor, and product usage within the window. 4. mql: engagement and fit at least the
thresholds. 5. lead otherwise. Thresholds are compared with the scores as shown (one
decimal), so what a reader sees is what was decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.domain import Bant, Extraction, Interaction, Stage
from assistant.scoring.model import ScoringModel

BANT_CRITERIA: tuple[str, ...] = ("budget", "authority", "need", "timeline")


@dataclass(slots=True)
class BantStatus:
    met: list[str]
    unknown: list[str]  # criteria with no value at all
    not_met: list[tuple[str, str]]  # criteria known but not good enough, with the value


def bant_status(bant: Bant, model: ScoringModel) -> BantStatus:
    """Which BANT criteria are met, unknown, or known and not met.

    A deadline already passed (timeline below timeline_min_days, 0 by default) is not met:
    the purchase date the rep noted is gone, so the timeline has to be asked again.
    """
    met: list[str] = []
    unknown: list[str] = []
    not_met: list[tuple[str, str]] = []
    if bant.budget is None:
        unknown.append("budget")
    elif bant.budget._value_ in model.bant_budgets:
        met.append("budget")
    else:
        not_met.append(("budget", bant.budget._value_))
    if bant.authority is None:
        unknown.append("authority")
    elif bant.authority._value_ in model.bant_authorities:
        met.append("authority")
    else:
        not_met.append(("authority", bant.authority._value_))
    if bant.need is None or not bant.need.strip():
        unknown.append("need")
    else:
        met.append("need")
    days = bant.timeline_days
    if days is None:
        unknown.append("timeline")
    else:
        low, high = model.timeline_range
        if low <= days <= high:
            met.append("timeline")
        else:
            not_met.append(("timeline", str(days)))
    return BantStatus(met, unknown, not_met)


@dataclass(slots=True)
class StageDecision:
    stage: Stage
    rule: str  # disqualifier, hand_raise, bant, product_usage, mql, default
    hand_raise: tuple[Interaction, int] | None = None
    usage: tuple[Interaction, int] | None = None
    blocked: list[str] = field(default_factory=list)  # what poor fit kept from sql/pql


def decide_stage(
    extraction: Extraction,
    *,
    hand_raise: tuple[Interaction, int] | None,
    usage: tuple[Interaction, int] | None,
    fit: float,
    poor: bool,
    engagement: float,
    bant: BantStatus,
    model: ScoringModel,
) -> StageDecision:
    """`hand_raise` and `usage` are the most recent such interactions within their windows
    (undated and future-dated ones count as the reference date)."""
    if extraction.disqualifiers:
        return StageDecision(Stage.disqualified, "disqualifier", hand_raise, usage)
    bant_ok = len(bant.met) >= model.bant_min_met
    if not poor:
        if hand_raise is not None:
            return StageDecision(Stage.sql, "hand_raise", hand_raise, usage)
        if bant_ok:
            return StageDecision(Stage.sql, "bant", hand_raise, usage)
        if usage is not None:
            return StageDecision(Stage.pql, "product_usage", hand_raise, usage)
    blocked: list[str] = []
    if poor:
        if hand_raise is not None:
            blocked.append(hand_raise[0].kind.value)
        if bant_ok:
            blocked.append(f"BANT {len(bant.met)}")
        if usage is not None:
            blocked.append(usage[0].kind.value)
    if engagement >= model.mql_min_engagement and fit >= model.mql_min_fit:
        return StageDecision(Stage.mql, "mql", hand_raise, usage, blocked)
    return StageDecision(Stage.lead, "default", hand_raise, usage, blocked)
