"""`leadqual qualify` and `leadqual eval` as a script or a rep uses them, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app
from tests.extract.eval_floors import FLOORS

_register()
ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
HOLDOUT = ROOT / "tests" / "data" / "holdout.jsonl"
AS_OF = "2026-03-16"

QUOTE = ("Chiara Conti, responsabile marketing di Verdello Srl (80 dipendenti, Torino), "
         "ha chiesto un preventivo ieri.")
NOT_YET = "Mark Hale, Head of Sales at Brightfold (200 employees, London), did not ask for a demo yet."


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name in ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_AZURE_ENDPOINT",
                 "LEADQUAL_EXTRACTOR", "LEADQUAL_SCORING_FILE", "LEADQUAL_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    values = {"LEADQUAL_CONFIG_FILE": str(tmp_path / "none.toml"),
              "LEADQUAL_DATABASE_URL": f"sqlite:///{tmp_path / 'leads.db'}"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def test_one_note_as_json(env: dict[str, str]) -> None:
    result = run("qualify", QUOTE, "--as-of", AS_OF, "--json", "--extractor", "rules")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["stage"] == "sql"
    assert out["language"] == "it" and out["extractor"] == "rules"
    kinds = [i["kind"] for i in out["extraction"]["interactions"]]
    assert kinds == ["quote_request"]
    assert out["extraction"]["interactions"][0]["occurred_on"] == "2026-03-15"
    assert out["extraction"]["interactions"][0]["evidence"] in QUOTE
    assert {"reason", "contributions", "next_stage", "questions"} <= set(out["explanation"])


def test_a_negated_hand_raise_is_not_counted(env: dict[str, str]) -> None:
    result = run("qualify", NOT_YET, "--as-of", AS_OF, "--json")
    out = json.loads(result.stdout)
    assert out["extraction"]["interactions"] == []
    assert out["stage"] == "lead"


def test_note_from_stdin_prints_the_explanation(env: dict[str, str]) -> None:
    result = run("qualify", "--as-of", AS_OF, input=QUOTE)
    assert result.exit_code == 0, result.output
    assert "SQL" in result.stdout and "quote_request" in result.stdout


def test_jsonl_one_line_out_per_line_in_errors_included(env: dict[str, str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": QUOTE, "as_of": AS_OF}),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": NOT_YET, "as_of": "16/03/2026"}),
        json.dumps({"id": "e", "text": NOT_YET, "as_of": AS_OF}),
    ]
    path = tmp_path / "notes.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("qualify", "--jsonl", str(path), "--extractor", "rules", "--no-progress")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c", "d", "e"]
    assert out[0]["stage"] == "sql" and out[4]["stage"] == "lead"
    assert "not valid JSON" in out[1]["error"]
    assert 'no "text"' in out[2]["error"]
    assert "16/03/2026" in out[3]["error"]


def test_bad_input_gets_a_clear_error(env: dict[str, str], tmp_path: Path) -> None:
    assert "no such file" in run("qualify", "--file", str(tmp_path / "missing.txt")).output
    result = run("qualify", "hello", "--as-of", "yesterday")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    bad = tmp_path / "bad.toml"
    bad.write_text("[engagement]\nhalf_life_dayz = 90\n", encoding="utf-8")
    result = run("qualify", QUOTE, "--scoring", str(bad))
    assert result.exit_code == 2 and "half_life_dayz" in result.output


def test_save_then_add_to_the_same_lead(env: dict[str, str]) -> None:
    first = run("qualify", NOT_YET, "--as-of", AS_OF, "--save", "--json")
    assert first.exit_code == 0, first.output
    lead_id = json.loads(first.stdout)["lead_id"]
    second = run("qualify", "Mark Hale asked for a demo today.", "--as-of", AS_OF, "--lead", str(lead_id), "--json")
    assert second.exit_code == 0, second.output
    out = json.loads(second.stdout)
    assert out["lead_id"] == lead_id and out["stage"] == "sql"
    missing = run("qualify", "anything", "--lead", "999")
    assert missing.exit_code != 0 and "999" in missing.output


def test_the_installed_command_runs_a_batch(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text(json.dumps({"id": 1, "text": QUOTE, "as_of": AS_OF}) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "assistant", "qualify", "--jsonl", str(path)],
                          capture_output=True, text=True, env={**os.environ, **env}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stage"] == "sql"




def test_asking_for_the_llm_without_one_configured_says_what_to_set(env: dict[str, str]) -> None:
    for command in (["qualify", QUOTE, "--extractor", "llm"], ["eval", "--dataset", str(HOLDOUT), "--extractor", "llm"]):
        result = run(*command)
        assert result.exit_code == 2
        assert "no LLM is configured" in result.output and "LEADQUAL_LLM_BASE_URL" in result.output


@pytest.mark.parametrize(
    ("dataset", "floors"),
    [
        pytest.param(DEV, FLOORS["dev"], id="dev",
                     marks=pytest.mark.skipif(not DEV.is_file(), reason=f"{DEV} is not here")),
        # written and labelled apart from the dev set and the extractor (see tests/data/README.md)
        pytest.param(HOLDOUT, FLOORS["holdout"], id="holdout"),
        # written blind to the extractor (the sealed part of that set is never tested on)
        pytest.param(ROOT / "tests" / "data" / "tune" / "tune.jsonl", FLOORS["tune"], id="tune"),
        pytest.param(ROOT / "tests" / "data" / "tune" / "tune2.jsonl", FLOORS["tune2"], id="tune2"),
        pytest.param(ROOT / "tests" / "data" / "tune" / "tune3.jsonl", FLOORS["tune3"], id="tune3"),
        pytest.param(ROOT / "tests" / "data" / "tune" / "tune4.jsonl", FLOORS["tune4"], id="tune4"),
        pytest.param(ROOT / "tests" / "data" / "tune" / "tune5.jsonl", FLOORS["tune5"], id="tune5"),
        pytest.param(ROOT / "tests" / "data" / "tune" / "tune6.jsonl", FLOORS["tune6"], id="tune6"),
        pytest.param(ROOT / "tests" / "data" / "tune" / "tune7.jsonl", FLOORS["tune7"], id="tune7"),
    ],
)
def test_eval_meets_its_floors(env: dict[str, str], dataset: Path, floors: dict[str, float]) -> None:
    """The offline extractor's figures, with the floors of tests/extract/eval_floors.py, so a
    regression fails here; every evidence is verbatim and no note fails."""
    result = run("eval", "--dataset", str(dataset), "--extractor", "rules", "--json",
                 "--min-stage-accuracy", str(floors["stage_accuracy"]), "--min-kind-f1", str(floors["kind_f1"]),
                 "--min-attribute-accuracy", str(floors["attribute_accuracy"]))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for lang, figures in report["languages"].items():
        assert figures["grounding"] >= floors["grounding"], lang
        assert figures["errors"] == 0, lang
