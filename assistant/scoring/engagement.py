"""Engagement: each interaction's points, decayed by age and capped per kind (SPEC section 4).

Age is whole days from `occurred_on` to the reference date; an undated interaction or one
dated after the reference date has age 0. Points are `points[kind] * count * decay[age]`,
and an interaction older than `max_age_days` counts 0. Each contribution is rounded to one
decimal, and the engagement score is the plain sum of the contributions a reader sees
(before clamping). A kind's cap limits the total of all its interactions: they are
credited in the order given until the cap is used up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.domain import Axis, Contribution, Interaction
from assistant.scoring._objects import contribution
from assistant.scoring.model import ScoringModel

_ENGAGEMENT = Axis.engagement

Dated = tuple[Interaction, int]  # an interaction and its age in days


@dataclass(slots=True)
class EngagementResult:
    contributions: list[Contribution]
    total: float  # the sum of the contributions, not yet clamped
    # the stage rules' signals, found in the same pass since it knows every age:
    hand_raise: Dated | None  # the most recent hand-raise within its window
    usage: Dated | None  # the most recent product usage within its window


_UNDATED = "undated, counts as the reference date"
_FUTURE = "dated after the reference date, counts as today"


def engagement_contributions(
    interactions: Sequence[Interaction], model: ScoringModel, ref_ordinal: int
) -> EngagementResult:
    """One contribution per interaction, their sum, and the hand-raise and usage signals.

    This is the scorer's hot loop (the benchmark runs it a million times), so the per-kind
    facts, a single occurrence's points and detail text by age, come from tables the
    model computed once.
    """
    kinds = model.kind_table
    decay = model.decay
    age_texts = model.age_texts
    max_age = model.max_age_days
    raise_window, usage_window = model.hand_raise_window, model.usage_window
    hand_raise: Dated | None = None
    usage: Dated | None = None
    result: list[Contribution] = []
    used: dict[str, float] = {}
    total = 0.0
    for interaction in interactions:
        name, per, per_text, cap, is_raise, is_usage, one_points, one_details = kinds[
            interaction.kind
        ]
        count = interaction.count
        day = interaction.occurred_on
        when = None  # set when the age alone does not say it (undated, future)
        if day is None:
            age = 0
            when = _UNDATED
        else:
            age = ref_ordinal - day.toordinal()
            if age < 0:
                age = 0
                when = _FUTURE
        if is_raise and age <= raise_window and (hand_raise is None or age < hand_raise[1]):
            hand_raise = (interaction, age)
        if is_usage and age <= usage_window and (usage is None or age < usage[1]):
            usage = (interaction, age)
        if age > max_age:
            points = 0.0
            detail = f"{count} x {per_text}, {age} days old: older than {max_age} days counts 0"
        elif count == 1 and when is None:
            points = one_points[age]
            detail = one_details[age]
        else:
            points = round(per * count * decay[age], 1)
            detail = f"{count} x {per_text}, {when or age_texts[age]}"
        if cap is not None:
            room = cap - used.get(name, 0.0)
            if points > room:
                points = round(room, 1) if room > 0.0 else 0.0
                detail = f"{detail}; capped: {name} gives at most {cap:g} in total"
            used[name] = used.get(name, 0.0) + points
        total += points
        result.append(contribution(_ENGAGEMENT, name, points, interaction.evidence, detail))
    return EngagementResult(result, round(total, 1), hand_raise, usage)
