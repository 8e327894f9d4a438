"""The scoring file: the default loads, a custom file changes verdicts, mistakes are caught
with the file, line, key and what is wrong."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from assistant.domain import Stage
from assistant.scoring import ScoringFileError, ScoringModel, load_scoring, score
from tests.scoring.builders import (
    AS_OF,
    FIT_25_COMPANY,
    FIT_25_CONTACT,
    GOOD_COMPANY,
    GOOD_CONTACT,
    act,
    lead,
)

DEFAULT_TEXT = resources.files("assistant.scoring").joinpath("default_scoring.toml").read_text("utf-8")


def test_default_loads_with_its_source_and_a_stable_hash() -> None:
    model = load_scoring()
    assert isinstance(model, ScoringModel)
    assert model.source == "default"
    assert re.fullmatch(r"[0-9a-f]{12}", model.hash)
    assert load_scoring().hash == model.hash


def test_a_copy_of_the_default_is_valid_and_hashes_the_same(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(DEFAULT_TEXT, encoding="utf-8")
    model = load_scoring(path)
    assert model.source == str(path)
    assert model.hash == load_scoring().hash


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_scoring.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _edit(old: str, new: str) -> str:
    assert DEFAULT_TEXT.count(old) == 1, f"{old!r} must occur once in the default file"
    return DEFAULT_TEXT.replace(old, new)


def _line_of(text: str, fragment: str) -> int:
    """The first line that is not a comment and contains `fragment`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line.split("#", 1)[0]:
            return number
    raise AssertionError(fragment)


# (id, old, new, the line to blame (a fragment of it, in the edited text), key, what)
MISTAKES = [
    ("unknown kind", "demo_request = 40", "demo_requst = 40", "demo_requst = 40",
     "engagement.points.demo_requst", "unknown interaction kind 'demo_requst' (did you mean 'demo_request'?)"),
    ("misspelt key", "half_life_days = 90", "half_life_dayz = 90", "half_life_dayz",
     "engagement.half_life_dayz", "unknown key 'half_life_dayz' (did you mean 'half_life_days'?)"),
    ("misspelt section", "[poor_fit]", "[poorfit]", "[poorfit]",
     "poorfit", "unknown key 'poorfit' (did you mean 'poor_fit'?)"),
    ("wrong type: text for a number", "max_age_days = 365", 'max_age_days = "365"', "max_age_days",
     "engagement.max_age_days", "wrong type: expected a whole number, got text '365'"),
    ("wrong type: number for a list", 'usage_kinds = ["product_usage"]', "usage_kinds = 5", "usage_kinds",
     "stages.pql.usage_kinds", "wrong type: expected a list"),
    ("wrong type inside a band", "{ min = 10, max = 49, points = 10 }",
     '{ min = 10, max = 49, points = "ten" }', "points = \"ten\"",
     "fit.employees.bands[1].points", "wrong type: expected a number, got text 'ten'"),
    ("grades not descending", "B = 50", "B = 80", "B = 80", "grades.B",
     "B = 80 is not below A = 75"),
    ("last grade leaves scores without a grade", "D = 0", "D = 10", "D = 10", "grades.D",
     "scores from fit.min_score 0 up would have no grade"),
    ("negative half-life", "half_life_days = 90", "half_life_days = -90", "half_life_days",
     "engagement.half_life_days", "must be above 0 days, got -90"),
    ("cap below points", "email_click = 15", "email_click = 2", "email_click = 2",
     "engagement.caps.email_click", "cap 2 is below the 3 points of a single email_click"),
    ("cap on a negative kind", "ad_click = 6\n", "ad_click = 6\nunsubscribe = 5\n", "unsubscribe = 5",
     "engagement.caps.unsubscribe", "a cap needs positive points"),
    ("window zero", "hand_raise_window_days = 90", "hand_raise_window_days = 0",
     "hand_raise_window_days", "stages.sql.hand_raise_window_days", "a window must be above 0 days"),
    ("bands overlap", "{ min = 50, max = 1000, points = 25 }", "{ min = 40, max = 1000, points = 25 }",
     "min = 40", "fit.employees.bands[2]", "overlaps the band before"),
    ("unreachable mql threshold", "min_engagement = 40", "min_engagement = 140", "min_engagement",
     "stages.mql.min_engagement", "can never be reached: engagement runs 0..100"),
    ("unknown industry target", '"marketing_agency", ', '"marketing agency", ', "targets = [\"software\"",
     "fit.industry.targets[4]", "unknown industry 'marketing agency' (did you mean 'marketing_agency'?)"),
    ("unknown hand-raise kind", '"meeting_booked", "upgrade_request"]', '"meeting", "upgrade_request"]',
     "hand_raise_kinds", "stages.sql.hand_raise_kinds[3]", "unknown interaction kind 'meeting'"),
    ("poor fit grade not a grade", 'grades = ["D"]', 'grades = ["E"]', 'grades = ["E"]',
     "poor_fit.grades[0]", "unknown grade 'E'"),
    ("BANT more than 4", "bant_min_met = 3", "bant_min_met = 5", "bant_min_met",
     "stages.sql.bant_min_met", "must be between 1 and 4"),
    ("country code", '"IT", "PL"', '"Italy", "PL"', '"Italy"', "fit.country.targets[0]",
     "not an ISO 3166-1 alpha-2 country code"),
]


@pytest.mark.parametrize(
    ("old", "new", "blamed", "key", "what"),
    [pytest.param(*case[1:], id=case[0]) for case in MISTAKES],
)
def test_each_mistake_gets_its_own_clear_error(tmp_path, old, new, blamed, key, what) -> None:
    text = _edit(old, new)
    path = _write(tmp_path, text)
    with pytest.raises(ScoringFileError) as caught:
        load_scoring(path)
    message = str(caught.value)
    first = message.splitlines()[0]
    assert first.startswith(f"{path}:{_line_of(text, blamed)}: {key}: "), message
    assert what in first, message


def test_a_file_without_a_kind_is_valid_scores_it_0_and_warns(tmp_path: Path) -> None:
    """A scoring file written before a kind existed keeps working: the kind scores 0."""
    from typer.testing import CliRunner

    from assistant.cli import app
    from assistant.domain import Extraction, Interaction

    text = _edit("cart_add = 10\n", "")
    path = _write(tmp_path, text)
    model = load_scoring(path)
    assert model.warnings == [f"{path}:{_line_of(text, '[engagement.points]')}: engagement.points: "
                              "no points for cart_add: they score 0"]
    extraction = Extraction(interactions=[Interaction(kind="cart_add", evidence="added to cart")])
    verdict = score(extraction, as_of=date(2026, 3, 16), model=model)
    assert verdict.engagement.score == 0 and verdict.explanation.contributions[0].points == 0
    out = CliRunner().invoke(app, ["rules", "check", str(path)])
    assert out.exit_code == 0
    assert "warning:" in out.output and "no points for cart_add: they score 0" in out.output
    assert load_scoring().warnings == []  # the packaged file names every kind


def test_missing_section(tmp_path: Path) -> None:
    start = DEFAULT_TEXT.index("[bant]")
    path = _write(tmp_path, DEFAULT_TEXT[:start])
    with pytest.raises(ScoringFileError, match=r"my_scoring\.toml:1: bant: missing required section"):
        load_scoring(path)


def test_missing_key(tmp_path: Path) -> None:
    text = _edit("timeline_max_days = 180\n", "")
    path = _write(tmp_path, text)
    with pytest.raises(ScoringFileError) as caught:
        load_scoring(path)
    assert str(caught.value) == (
        f"{path}:{_line_of(text, '[bant]')}: bant.timeline_max_days: missing required key; "
        "copy it from the default scoring file"
    )


def test_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    text = _edit("A = 75", "A = 75 75")
    path = _write(tmp_path, text)
    with pytest.raises(ScoringFileError, match=rf"^{re.escape(str(path))}:{_line_of(text, 'A = 75 75')}: TOML syntax error"):
        load_scoring(path)


def test_several_mistakes_are_all_reported(tmp_path: Path) -> None:
    text = _edit("B = 50", "B = 80").replace("demo_request = 40", "demo_requst = 40")
    with pytest.raises(ScoringFileError) as caught:
        load_scoring(_write(tmp_path, text))
    assert len(caught.value.problems) >= 2


def test_no_such_file(tmp_path: Path) -> None:
    with pytest.raises(ScoringFileError, match="no such scoring file"):
        load_scoring(tmp_path / "absent.toml")


# --- a custom file changes verdicts -----------------------------------------------------


def test_custom_file_changes_verdicts(tmp_path: Path) -> None:
    text = (
        _edit("min_engagement = 40", "min_engagement = 10")
        .replace("hand_raise_window_days = 90", "hand_raise_window_days = 30")
        .replace("website_visit = 2\n", "website_visit = 6\n", 1)
        .replace('targets = ["IT", "PL"', 'targets = ["BR", "IT", "PL"')
    )
    custom = load_scoring(_write(tmp_path, text))
    default = load_scoring()
    assert custom.hash != default.hash

    curious = lead(act("website_visit", count=2), contact=FIT_25_CONTACT, company=FIT_25_COMPANY)
    assert score(curious, as_of=AS_OF, model=default).stage is Stage.lead
    changed = score(curious, as_of=AS_OF, model=custom)
    assert changed.stage is Stage.mql
    assert changed.engagement.score == 10  # 2 x 6 capped at 10
    assert "engagement 10 >= 10" in changed.explanation.reason

    older_demo = lead(act("demo_request", days_ago=45), contact=GOOD_CONTACT, company=GOOD_COMPANY)
    assert score(older_demo, as_of=AS_OF, model=default).stage is Stage.sql
    assert score(older_demo, as_of=AS_OF, model=custom).stage is Stage.mql
    assert "within 30 days" in score(older_demo, as_of=AS_OF, model=custom).explanation.next_stage.summary

    brazil = lead(company={"country": "BR"})
    assert score(brazil, as_of=AS_OF, model=default).fit.score == 0
    assert score(brazil, as_of=AS_OF, model=custom).fit.score == 10


def test_custom_fit_clamped_at_its_maximum(tmp_path: Path) -> None:
    model = load_scoring(_write(tmp_path, _edit("executive = 30", "executive = 95")))
    verdict = score(lead(contact=GOOD_CONTACT | {"seniority": "executive"}, company=GOOD_COMPANY),
                    as_of=AS_OF, model=model)
    assert verdict.fit.score == 100
    clamp = [c for c in verdict.explanation.contributions if c.rule == "clamp"]
    assert clamp and clamp[0].points == -65


def test_custom_bant_rules(tmp_path: Path) -> None:
    text = _edit('budget = ["confirmed"]', 'budget = ["confirmed", "planned"]').replace(
        "bant_min_met = 3", "bant_min_met = 2"
    )
    model = load_scoring(_write(tmp_path, text))
    facts = lead(bant={"budget": "planned", "need": "faster quotes"})
    assert score(facts, as_of=AS_OF, model=load_scoring()).stage is Stage.lead
    verdict = score(facts, as_of=AS_OF, model=model)
    assert verdict.stage is Stage.sql and verdict.explanation.rule == "bant"
