"""Engagement: each interaction's points, decayed by age and capped per kind (SPEC section 4).

Age is whole days from `occurred_on` to the reference date; an undated interaction or one
dated after the reference date has age 0. Points are `points[kind] * count * decay[age]`,
and an interaction older than `max_age_days` counts 0. A kind's cap limits the total of
all its interactions; the interactions are credited in the order given until the cap is
used up. Each kind's total is rounded to one decimal, and each contribution is rounded so
that a kind's contributions add up to exactly that total: the engagement score is then
the plain sum of the contributions a reader sees (before clamping).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.domain import Axis, Contribution, Interaction
from assistant.scoring._objects import contribution
from assistant.scoring.model import ScoringModel

_ENGAGEMENT = Axis.engagement


def interaction_age(interaction: Interaction, ref_ordinal: int) -> int:
    """Days from the interaction to the reference date: 0 when undated or in the future."""
    day = interaction.occurred_on
    if day is None:
        return 0
    age = ref_ordinal - day.toordinal()
    return age if age > 0 else 0


def engagement_contributions(
    interactions: Sequence[Interaction], ages: Sequence[int], model: ScoringModel, ref_ordinal: int
) -> tuple[list[Contribution], float]:
    """One contribution per interaction, and their sum (not yet clamped)."""
    points_of = model.points
    caps = model.caps
    decay = model.decay
    max_age = model.max_age_days
    # first pass: raw points after decay, and the cap-limited share of each
    shares: list[float] = []
    notes: list[str | None] = []
    used: dict[str, float] = {}
    for interaction, age in zip(interactions, ages, strict=True):
        kind = interaction.kind.value
        per = points_of[kind]
        raw = per * interaction.count * decay[age] if age <= max_age else 0.0
        note = None
        cap = caps.get(kind)
        if cap is not None:
            room = cap - used.get(kind, 0.0)
            if raw > room:
                raw = room if room > 0.0 else 0.0
                note = f"capped: {kind} gives at most {cap:g} in total"
            used[kind] = used.get(kind, 0.0) + raw
        shares.append(raw)
        notes.append(note)
    # second pass: round so that each kind's contributions add up to its rounded total
    totals: dict[str, float] = {}
    for interaction, raw in zip(interactions, shares, strict=True):
        kind = interaction.kind.value
        totals[kind] = totals.get(kind, 0.0) + raw
    remaining = {kind: round(total, 1) for kind, total in totals.items()}
    left = {kind: 0 for kind in totals}
    for interaction in interactions:
        left[interaction.kind.value] += 1
    result: list[Contribution] = []
    score = 0.0
    for interaction, age, raw, note in zip(interactions, ages, shares, notes, strict=True):
        kind = interaction.kind.value
        left[kind] -= 1
        # the last of a kind takes what rounding left over, so the kind adds up exactly
        points = round(remaining[kind], 1) if left[kind] == 0 else round(raw, 1)
        remaining[kind] -= points
        score += points
        result.append(
            contribution(
                _ENGAGEMENT,
                kind,
                points,
                interaction.evidence,
                _detail(interaction, age, points_of[kind], decay, max_age, note, ref_ordinal),
            )
        )
    return result, round(score, 1)


def _detail(
    interaction: Interaction,
    age: int,
    per: float,
    decay: Sequence[float],
    max_age: int,
    note: str | None,
    ref_ordinal: int,
) -> str:
    day = interaction.occurred_on
    if day is None:
        when = "undated, counts as the reference date"
    elif age > max_age:
        return f"{interaction.count} x {per:g}, {age} days old: older than {max_age} days counts 0"
    elif age == 0:
        when = "today" if day.toordinal() == ref_ordinal else "dated after the reference date, counts as today"
    else:
        when = f"{age} days old, decay x{decay[age]:.3f}"
    text = f"{interaction.count} x {per:g}, {when}"
    return f"{text}; {note}" if note else text
