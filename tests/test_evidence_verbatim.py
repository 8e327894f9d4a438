"""Every evidence string `leadqual qualify --json` prints is the note's own words.

The offline extractor reads every note of the shared dev set and of the tune set through
the command line, as a user would; every evidence string of the output (each fact's, each
interaction's and disqualifier's, each point's in the explanation, each BANT criterion's)
must be a substring of the note, and a fact's evidence must stand at its offsets. The texts
are read only here, never copied. A file that is not here is skipped, with its path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app

_register()
ROOT = Path(__file__).resolve().parents[1]
DATASETS = [
    pytest.param(ROOT.parent / "shared" / "eval" / "dev.jsonl", id="dev"),
    pytest.param(ROOT / "tests" / "data" / "tune" / "tune.jsonl", id="tune"),
    pytest.param(ROOT / "tests" / "data" / "tune" / "tune2.jsonl", id="tune2"),
    pytest.param(ROOT / "tests" / "data" / "tune" / "tune3.jsonl", id="tune3"),
    pytest.param(ROOT / "tests" / "data" / "tune" / "tune4.jsonl", id="tune4"),
    pytest.param(ROOT / "tests" / "data" / "tune" / "tune5.jsonl", id="tune5"),
    pytest.param(ROOT / "tests" / "data" / "tune" / "tune6.jsonl", id="tune6"),
    pytest.param(ROOT / "tests" / "data" / "tune" / "tune7.jsonl", id="tune7"),
]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_AZURE_ENDPOINT",
                 "LEADQUAL_EXTRACTOR", "LEADQUAL_SCORING_FILE", "LEADQUAL_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "none.toml"))
    monkeypatch.setenv("LEADQUAL_DATABASE_URL", f"sqlite:///{tmp_path / 'leads.db'}")


def evidence_strings(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, words) of every evidence string in an output object; what was dropped is not
    evidence of the verdict (it is listed because its words do not hold)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "dropped":
                continue
            if key in ("evidence", "quote") and isinstance(value, str):
                yield f"{where}.{key}", value
            else:
                yield from evidence_strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from evidence_strings(value, f"{where}[{n}]")


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_evidence_string_of_qualify_json_is_the_notes_words(env: None, dataset: Path) -> None:
    if not dataset.exists():
        pytest.skip(f"{dataset} is not here")
    runner = CliRunner()
    problems: list[str] = []
    checked = 0
    for line in dataset.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        text = case["text"]
        # on stdin, as `pbpaste | leadqual qualify` sends it (a note may start with "-")
        result = runner.invoke(app, ["qualify", "-", "--json", "--extractor", "rules", "--as-of", case["as_of"]],
                               input=text)
        assert result.exit_code == 0, (case["id"], result.output)
        out = json.loads(result.stdout)
        for where, words in evidence_strings(out):
            checked += 1
            if not words or words not in text:
                problems.append(f"{case['id']} {where}: {words!r} is not in the note")
        for path, evidence in out["extraction"]["evidence"].items():
            if text[evidence["start"] : evidence["end"]] != evidence["quote"]:
                problems.append(f"{case['id']} extraction.evidence.{path}: {evidence['quote']!r} is not at "
                                f"{evidence['start']}..{evidence['end']}")
    assert checked > 0
    assert problems == [], "\n".join(problems)
