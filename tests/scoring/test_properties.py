"""Properties of the scorer that must hold for any extraction (hypothesis)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain import (
    Axis,
    Bant,
    Company,
    Contact,
    Department,
    Disqualifier,
    DisqualifierKind,
    Extraction,
    Industry,
    Interaction,
    InteractionKind,
    Seniority,
)
from assistant.scoring import load_scoring, score
from tests.scoring.builders import AS_OF

MODEL = load_scoring()
POSITIVE = [k for k in InteractionKind if MODEL.points[k.value] > 0]

dates = st.one_of(st.none(), st.integers(-30, 500).map(lambda d: AS_OF - timedelta(days=d)))


def interactions(kinds=tuple(InteractionKind)):
    return st.builds(
        Interaction,
        kind=st.sampled_from(kinds),
        count=st.integers(1, 6),
        occurred_on=dates,
        evidence=st.just("the rep wrote this"),
    )


extractions = st.builds(
    Extraction,
    contact=st.builds(
        Contact,
        job_title=st.one_of(st.none(), st.just("Operations Lead")),
        email=st.one_of(st.none(), st.sampled_from(["a@gmail.com", "a@firm.example"])),
        seniority=st.one_of(st.none(), st.sampled_from(Seniority)),
        department=st.one_of(st.none(), st.sampled_from(Department)),
    ),
    company=st.builds(
        Company,
        name=st.one_of(st.none(), st.just("Firm")),
        industry=st.one_of(st.none(), st.sampled_from(Industry)),
        employees=st.one_of(st.none(), st.integers(0, 20000)),
        country=st.one_of(st.none(), st.sampled_from(["IT", "PL", "BR", "JP"])),
    ),
    interactions=st.lists(interactions(), max_size=12),
    bant=st.builds(
        Bant,
        budget=st.one_of(st.none(), st.sampled_from(["confirmed", "planned", "none"])),
        authority=st.one_of(st.none(), st.sampled_from(["decision_maker", "influencer"])),
        need=st.one_of(st.none(), st.just("manual work")),
        timeline_days=st.one_of(st.none(), st.integers(-10, 400)),
    ),
    disqualifiers=st.lists(
        st.builds(Disqualifier, kind=st.sampled_from(DisqualifierKind), evidence=st.just("no")),
        max_size=1,
    ),
)

FAST = settings(max_examples=150, deadline=None)


@FAST
@given(extraction=extractions, extra=interactions(tuple(POSITIVE)), position=st.integers(0, 12))
def test_adding_a_positive_interaction_never_lowers_engagement(extraction, extra, position) -> None:
    before = score(extraction, as_of=AS_OF, model=MODEL).engagement.score
    more = list(extraction.interactions)
    more.insert(min(position, len(more)), extra)
    after = score(extraction.model_copy(update={"interactions": more}), as_of=AS_OF, model=MODEL)
    assert after.engagement.score >= before


@FAST
@given(extraction=extractions, which=st.integers(0, 11), days=st.integers(1, 400))
def test_moving_an_interaction_into_the_past_never_raises_engagement(extraction, which, days) -> None:
    items = list(extraction.interactions)
    if not items:
        return
    which %= len(items)
    moved = items[which]
    # undated counts as the reference date, so "further into the past" starts from there
    start = moved.occurred_on or AS_OF
    if start > AS_OF:
        start = AS_OF  # a future date counts as today, too
    items[which] = moved.model_copy(update={"occurred_on": start - timedelta(days=days)})
    before = score(extraction, as_of=AS_OF, model=MODEL)
    after = score(extraction.model_copy(update={"interactions": items}), as_of=AS_OF, model=MODEL)
    if MODEL.points[moved.kind.value] >= 0:
        assert after.engagement.score <= before.engagement.score
    else:  # a negative kind fades too, so moving it back can only help
        assert after.engagement.score >= before.engagement.score


@FAST
@given(extraction=extractions, lang=st.sampled_from(["en", "it", "pl"]))
def test_same_input_same_verdict_and_explanation(extraction, lang) -> None:
    first = score(extraction, as_of=AS_OF, model=MODEL, lang=lang)
    copy = Extraction.model_validate(extraction.model_dump(mode="json"))
    second = score(copy, as_of=AS_OF, model=MODEL, lang=lang)
    assert first.model_dump(mode="json") == second.model_dump(mode="json")


@FAST
@given(extraction=extractions)
def test_contributions_add_up_to_the_scores(extraction) -> None:
    verdict = score(extraction, as_of=AS_OF, model=MODEL)
    parts = verdict.explanation.contributions
    fit = sum(c.points for c in parts if c.axis is Axis.fit)
    engagement = sum(c.points for c in parts if c.axis is Axis.engagement)
    assert abs(fit - verdict.fit.score) < 1e-6
    assert abs(engagement - verdict.engagement.score) < 1e-6
    assert 0 <= verdict.fit.score <= 100 and 0 <= verdict.engagement.score <= 100
    # every interaction is accounted for, and every interaction's points carry its words
    scored = [c for c in parts if c.axis is Axis.engagement and c.rule != "clamp"]
    assert len(scored) == len(extraction.interactions)
    assert all(c.evidence == "the rep wrote this" for c in scored)


@FAST
@given(extraction=extractions)
def test_stage_follows_the_rules_in_order(extraction) -> None:
    verdict = score(extraction, as_of=AS_OF, model=MODEL)
    if extraction.disqualifiers:
        assert verdict.stage.value == "disqualified"
    elif verdict.stage.value in ("sql", "pql"):
        assert not verdict.fit.poor
    elif verdict.stage.value == "mql":
        assert verdict.engagement.score >= 40 and verdict.fit.score >= 25
