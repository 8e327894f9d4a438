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
from assistant.scoring import _objects
from assistant.scoring.model import TABLE_COUNTS, ScoringModel

_ENGAGEMENT = Axis.engagement

Dated = tuple[Interaction, int]  # an interaction and its age in days


@dataclass(slots=True)
class EngagementResult:
    contributions: list[Contribution]
    total: float  # the sum of the contributions, not yet clamped
    # the stage rules' signals, found in the same pass since it knows every age:
    hand_raise: Dated | None  # the most recent hand-raise within its window
    usage: Dated | None  # the most recent product usage within its window


def engagement_contributions(
    interactions: Sequence[Interaction], model: ScoringModel, ref_ordinal: int
) -> EngagementResult:
    """One contribution per interaction, their sum, and the hand-raise and usage signals.

    This is the scorer's hot loop (the benchmark runs it a million times), so the points
    and detail text of each (kind, count, age) come from tables the model computes once,
    and contributions are built without re-validating values made here.
    """
    kinds = model.kind_table
    decay = model.decay
    age_texts = model.age_texts
    max_age = model.max_age_days
    too_old = f": older than {max_age} days counts 0"
    raise_window, usage_window = model.hand_raise_window, model.usage_window
    new, set_dict, set_fields, set_extra, set_private = (
        _objects._new, _objects._set_dict, _objects._set_fields, _objects._set_extra,
        _objects._set_private,
    )
    fields = _objects._CONTRIBUTION
    hand_raise: Dated | None = None
    usage: Dated | None = None
    result: list[Contribution] = []
    used: dict[str, float] = {}
    total = 0.0
    for interaction in interactions:
        # `_value_` is the kind's id: hashing an Enum member runs Python code, a str does not
        name, per, per_text, cap, is_raise, is_usage, by_count = kinds[interaction.kind._value_]
        count = interaction.count
        table = None
        if count < TABLE_COUNTS:
            table = by_count[count]
            if table is None:
                table = by_count[count] = model.count_table(name, count)
        day = interaction.occurred_on
        dated = 1  # 1 dated in the past or today, 0 undated, -1 after the reference date
        if day is None:
            age = dated = 0
        else:
            age = ref_ordinal - day.toordinal()
            if age < 0:
                age, dated = 0, -1
        if is_raise and age <= raise_window and (hand_raise is None or age < hand_raise[1]):
            hand_raise = (interaction, age)
        if is_usage and age <= usage_window and (usage is None or age < usage[1]):
            usage = (interaction, age)
        if age > max_age:
            points = 0.0
            detail = f"{count} x {per_text}, {age} day{'' if age == 1 else 's'} old{too_old}"
        elif table is not None:
            points = table[0][age]
            detail = table[1][age] if dated == 1 else table[2] if dated == 0 else table[3]
        else:
            points = round(per * count * decay[age], 1)
            when = (
                age_texts[age] if dated == 1
                else "undated, counts as the reference date" if dated == 0
                else "dated after the reference date, counts as today"
            )
            detail = f"{count} x {per_text}, {when}"
        if cap is not None:
            room = cap - used.get(name, 0.0)
            if points > room:
                points = round(room, 1) if room > 0.0 else 0.0
                detail = f"{detail}; capped: {name} gives at most {cap:g} in total"
            used[name] = used.get(name, 0.0) + points
        total += points
        # _objects.contribution, inlined
        part = new(Contribution)
        set_dict(part, {"axis": _ENGAGEMENT, "rule": name, "points": points,
                        "evidence": interaction.evidence, "detail": detail, "via": None})
        set_fields(part, fields)
        set_extra(part, None)
        set_private(part, None)
        result.append(part)
    return EngagementResult(result, round(total, 1), hand_raise, usage)
