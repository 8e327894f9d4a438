"""The evaluation arithmetic: stage accuracy and confusion, kind P/R/F1, attributes, grounding.

The extractor here answers from a table (text -> Extraction) so each figure can be worked
out by hand; the real extractors are measured on the dev set elsewhere.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Extraction, ExtractionResult
from assistant.evaluation import Case, DatasetError, attribute_correct, evaluate, load_cases
from assistant.extract.errors import ExtractionError
from assistant.scoring import load_scoring

AS_OF = date(2026, 3, 16)


class TableExtractor:
    name = "table"

    def __init__(self, answers: dict[str, dict | Exception]) -> None:
        self.answers = answers

    def extract(self, text: str, *, as_of: date, lang: str | None = None) -> ExtractionResult:
        answer = self.answers[text]
        if isinstance(answer, Exception):
            raise answer
        return ExtractionResult(extraction=Extraction.model_validate(answer), language="en", extractor="table")


DEMO = {"kind": "demo_request", "evidence": "asked for a demo"}
VISIT = {"kind": "website_visit", "evidence": "visited the site"}


def _case(id: str, text: str, lang: str = "en", **gold: object) -> Case:
    return Case(id, lang, AS_OF, text, dict(gold))


def test_figures_worked_out_by_hand() -> None:
    cases = [
        # right stage, right kinds, seniority right
        _case("a", "She asked for a demo.", stage="sql", interactions=[{"kind": "demo_request"}],
              seniority="director"),
        # wrong stage (gold mql, predicted lead), one kind missed, one extra, seniority wrong
        _case("b", "He visited the site twice.", lang="it", stage="mql",
              interactions=[{"kind": "content_download"}, {"kind": "website_visit"}], seniority="manager"),
        # an evidence that is not in the text
        _case("c", "Nothing much.", stage="lead", interactions=[]),
    ]
    extractor = TableExtractor({
        "She asked for a demo.": {"interactions": [DEMO], "contact": {"seniority": "director"}},
        "He visited the site twice.": {"interactions": [VISIT | {"count": 2}, {"kind": "email_open", "evidence": "twice"}],
                                       "contact": {"seniority": "vp"}},
        "Nothing much.": {"interactions": [{"kind": "email_open", "evidence": "made up"}]},
    })
    report = evaluate(cases, extractor=extractor, scoring=load_scoring())

    overall = report.overall
    assert overall.stage_accuracy == pytest.approx(2 / 3)
    assert overall.confusion[("mql", "lead")] == 1
    micro = overall.kind_micro
    # tp: demo, visit; fp: email_open (b), email_open (c); fn: content_download
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 1)
    assert micro.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert overall.attribute_accuracy("seniority") == pytest.approx(0.5)
    assert overall.grounded == 3 and overall.evidences == 4  # "made up" is not in its text
    assert report.languages["it"].stage_accuracy == 0.0
    assert report.worst()["stage_accuracy"] == 0.0
    assert [r.case.id for r in report.failures()] == ["b"]


def test_an_extraction_error_is_counted_and_the_run_goes_on() -> None:
    cases = [_case("x", "boom", stage="lead"), _case("y", "She asked for a demo.", stage="sql")]
    extractor = TableExtractor({"boom": ExtractionError("The server timed out.", kind="timeout"),
                                "She asked for a demo.": {"interactions": [DEMO]}})
    report = evaluate(cases, extractor=extractor, scoring=load_scoring())
    assert report.overall.errors == 1
    assert report.overall.stage_accuracy == 1.0  # the failed case scores as an empty lead
    assert report.as_json()["cases"][0]["error"] == "The server timed out."


@pytest.mark.parametrize(
    ("name", "gold", "predicted", "correct"),
    [
        ("timeline_days", 30, 37, True),
        ("timeline_days", 30, 38, False),
        ("timeline_days", None, None, True),
        ("timeline_days", None, 10, False),
        ("need", True, True, True),
        ("need", False, True, False),
        ("disqualifiers", ["student"], ["student"], True),
        ("disqualifiers", [], ["competitor"], False),
        ("email", "A@B.com", "a@b.com", True),
        ("employees", 1200, 1200, True),
        ("employees", 1200, 120, False),
        ("industry", None, "software", False),
    ],
)
def test_attribute_rules(name: str, gold: object, predicted: object, correct: bool) -> None:
    assert attribute_correct(name, gold, predicted) is correct


def test_a_bad_dataset_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    good = {"id": 1, "lang": "en", "as_of": "2026-03-16", "text": "hi", "gold": {"stage": "lead"}}
    path.write_text(json.dumps(good) + "\n" + '{"id": 2, "text": "x"\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"cases.jsonl:2: not valid JSON"):
        load_cases(path)
    path.write_text(json.dumps(good | {"as_of": "16/03/2026"}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"cases.jsonl:1: as_of '16/03/2026' is not YYYY-MM-DD"):
        load_cases(path)


def test_a_kind_told_twice_is_judged_by_each_of_its_dates() -> None:
    text = "Visited the site on Monday and again on Friday."
    gold = [{"kind": "website_visit", "occurred_on": "2026-03-09"}, {"kind": "website_visit", "occurred_on": "2026-03-13"}]
    found = {"interactions": [VISIT | {"evidence": "Visited the site on Monday", "occurred_on": "2026-03-09"},
                              VISIT | {"evidence": "again on Friday", "occurred_on": "2026-03-13"}]}
    report = evaluate([_case("d", text, stage="lead", interactions=gold)],
                      extractor=TableExtractor({text: found}), scoring=load_scoring())
    assert report.overall.date_accuracy == 1.0
