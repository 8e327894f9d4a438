"""The words of a verdict (SPEC section 6): the deciding rule with its numbers, and what is
missing for the next stage up, concretely, in the rep's language.

The sentences come from texts.toml; this module only chooses them and fills in numbers.
"""

from __future__ import annotations

from assistant.domain import Disqualifier, Interaction, NextStage, Stage
from assistant.scoring._objects import next_stage
from assistant.scoring.model import ScoringModel
from assistant.scoring.stages import BantStatus, StageDecision
from assistant.scoring.texts import Texts


def _n(value: float) -> str:
    return f"{value:g}"


def _when(interaction: Interaction, age: int, ref_ordinal: int, t: Texts) -> str:
    day = interaction.occurred_on
    if day is None:
        return t["when"]["undated"]
    if day.toordinal() > ref_ordinal:
        return t["when"]["future"]
    if age == 0:
        return t["when"]["today"]
    if age == 1:
        return t["when"]["yesterday"]
    return t["when"]["days_ago"].format(days=age)


def _disqualifiers(items: list[Disqualifier]) -> str:
    return "; ".join(f'{d.kind.value}: "{d.evidence}"' for d in items)


def reason_text(
    decision: StageDecision,
    *,
    disqualifiers: list[Disqualifier],
    fit: float,
    grade: str,
    known: int,
    engagement: float,
    bant: BantStatus,
    model: ScoringModel,
    ref_ordinal: int,
    t: Texts,
) -> str:
    r = t["reason"]
    rule = decision.rule
    numbers = {"fit": _n(fit), "grade": grade, "engagement": _n(engagement)}
    if rule == "disqualifier":
        return r["disqualifier"].format(items=_disqualifiers(disqualifiers))
    if rule == "hand_raise" and decision.hand_raise is not None:
        interaction, age = decision.hand_raise
        return r["hand_raise"].format(
            kind=interaction.kind.value,
            when=_when(interaction, age, ref_ordinal, t),
            window=model.hand_raise_window,
            evidence=interaction.evidence,
            **numbers,
        )
    if rule == "bant":
        names = ", ".join(t["bant"][c] for c in bant.met)
        return r["bant"].format(
            met=len(bant.met), criteria=names, min=model.bant_min_met, **numbers
        )
    if rule == "product_usage" and decision.usage is not None:
        interaction, age = decision.usage
        return r["product_usage"].format(
            kind=interaction.kind.value,
            when=_when(interaction, age, ref_ordinal, t),
            window=model.usage_window,
            evidence=interaction.evidence,
            **numbers,
        )
    template = r["mql"] if rule == "mql" else r["default"]
    text = template.format(
        min_engagement=_n(model.mql_min_engagement),
        min_fit=_n(model.mql_min_fit),
        met=len(bant.met),
        min_bant=model.bant_min_met,
        **numbers,
    )
    if decision.blocked:
        text += r["poor_blocks"].format(grade=grade, known=known, blocked=", ".join(decision.blocked))
    return text


def _bant_gap(bant: BantStatus, model: ScoringModel, t: Texts) -> str:
    """'BANT 1 of 3: budget, authority, timeline unknown' (plus known-but-unmet ones)."""
    words = t["bant"]
    parts: list[str] = []
    if bant.unknown:
        parts.append(t["next"]["unknown"].format(names=", ".join(words[c] for c in bant.unknown)))
    for criterion, value in bant.not_met:
        parts.append(words[f"{criterion}_not_met"].format(value=value))
    return t["next"]["bant"].format(met=len(bant.met), min=model.bant_min_met, unmet="; ".join(parts))


def _sql_gaps(
    decision: StageDecision, *, poor: bool, grade: str, bant: BantStatus, model: ScoringModel, t: Texts
) -> tuple[tuple[str, ...], str]:
    """What sql lacks, as items and as one line: the same few combinations recur for most
    leads, so they are built once per model and language and then looked up."""
    key = (id(t), poor, grade if poor else None, decision.hand_raise is None, len(bant.met),
           tuple(bant.unknown), tuple(bant.not_met))
    cache = model.text_cache
    found = cache.get(key)
    if found is not None:
        return found
    nxt = t["next"]
    gaps: list[str] = []
    if poor:
        gaps.append(nxt["poor_fit"].format(grade=grade))
    if decision.hand_raise is None:
        gaps.append(nxt["no_hand_raise"].format(window=model.hand_raise_window))
    if len(bant.met) < model.bant_min_met:
        gaps.append(_bant_gap(bant, model, t))
    # a hand-raise is enough on its own, so the BANT gap is the alternative: "x; or y"
    found = (tuple(gaps), nxt["or"].join(gaps))
    _remember(cache, key, found)
    return found


def next_stage_for(
    decision: StageDecision,
    *,
    disqualifiers: list[Disqualifier],
    fit: float,
    grade: str,
    poor: bool,
    engagement: float,
    bant: BantStatus,
    model: ScoringModel,
    t: Texts,
) -> NextStage:
    nxt = t["next"]
    stage = decision.stage
    if stage is Stage.disqualified:
        missing = [
            nxt["disqualified_missing"].format(kind=d.kind.value, evidence=d.evidence)
            for d in disqualifiers
        ]
        summary = nxt["disqualified_summary"].format(items=_disqualifiers(disqualifiers))
        return next_stage(Stage.lead, missing, summary)
    if stage is Stage.sql:
        # depends only on the language and which BANT facts are open: built once, looked up
        key = ("sql", id(t), tuple(bant.unknown), tuple(bant.not_met))
        summary = model.summary_cache.get(key)
        if summary is None:
            unmet = []
            if bant.unknown:
                names = ", ".join(t["bant"][c] for c in bant.unknown)
                unmet.append(nxt["unknown"].format(names=names))
            unmet.extend(t["bant"][f"{c}_not_met"].format(value=v) for c, v in bant.not_met)
            summary = nxt["top_strengthen"].format(unmet="; ".join(unmet)) if unmet else nxt["top"]
            _remember(model.summary_cache, key, summary)
        return next_stage(None, [], summary)
    sql_gaps, sql_text = _sql_gaps(decision, poor=poor, grade=grade, bant=bant, model=model, t=t)
    if stage is Stage.lead:
        mql_gaps = []
        if engagement < model.mql_min_engagement:
            mql_gaps.append(nxt["engagement"].format(value=_n(engagement), min=_n(model.mql_min_engagement)))
        if fit < model.mql_min_fit:
            mql_gaps.append(nxt["fit"].format(value=_n(fit), min=_n(model.mql_min_fit)))
        summary = "; ".join(
            (nxt["for_mql"].format(items=", ".join(mql_gaps)), nxt["for_sql"].format(items=sql_text))
        )
        return next_stage(Stage.mql, [*mql_gaps, *sql_gaps], summary)
    # mql and pql: the next stage that matters is sql
    summary = sql_text
    if stage is Stage.mql and not poor:
        summary = f"{sql_text} ({model.usage_gap_texts[id(t)]})" if id(t) in model.usage_gap_texts \
            else _usage_gap(sql_text, model, t)
    return next_stage(Stage.sql, list(sql_gaps), summary)


def _usage_gap(sql_text: str, model: ScoringModel, t: Texts) -> str:
    text = t["next"]["no_usage"].format(window=model.usage_window)
    model.usage_gap_texts[id(t)] = text
    return f"{sql_text} ({text})"


def _remember(cache: dict, key: tuple, value: object) -> None:
    if len(cache) > 10_000:  # unusual values (odd timelines) must not grow it forever
        cache.clear()
    cache[key] = value
