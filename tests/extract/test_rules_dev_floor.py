"""The rules extractor on the shared dev set (../shared/eval/dev.jsonl), through the same
`evaluate` that `leadqual eval` prints: every language must stay above the dev set's floors
(tests/extract/eval_floors.py), so a regression fails CI. Skipped when the file is absent.
The dev texts are only read here, never copied into code, vocabularies or tests."""

from __future__ import annotations

import pytest

from assistant.evaluation import default_dataset, evaluate, load_cases
from assistant.extract.rules import RulesExtractor
from assistant.scoring import load_scoring
from tests.extract.eval_floors import FLOORS as ALL_FLOORS

DATASET = default_dataset()

pytestmark = pytest.mark.skipif(DATASET is None, reason="../shared/eval/dev.jsonl is not here")

FLOORS = ALL_FLOORS["dev"]


@pytest.fixture(scope="module")
def report():
    assert DATASET is not None
    return evaluate(load_cases(DATASET), extractor=RulesExtractor(), scoring=load_scoring())


def test_every_language_stays_above_the_floors(report) -> None:
    worst = report.worst()
    for name, floor in FLOORS.items():
        assert worst[name] >= floor, (
            f"{name}: {worst[name]:.3f} < {floor} ({report.as_json()['worst']})"
        )


def test_every_language_is_measured(report) -> None:
    assert set(report.languages) >= {"en", "it", "pl"}
