"""`leadqual score` and `leadqual rules check|show`, run through typer's CliRunner."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app
from assistant.scoring import load_scoring
from tests.scoring.builders import GOOD_COMPANY, GOOD_CONTACT, act, lead

_register()
runner = CliRunner()
DEFAULT_TEXT = resources.files("assistant.scoring").joinpath("default_scoring.toml").read_text("utf-8")


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch, tmp_path) -> None:
    # the developer's own config file or env must not leak into these runs
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("LEADQUAL_SCORING_FILE", raising=False)


def _sql_extraction_json() -> str:
    extraction = lead(act("quote_request", days_ago=2, evidence="wants a price for 40 seats"),
                      contact=GOOD_CONTACT, company=GOOD_COMPANY)
    return extraction.model_dump_json()


def test_score_json_has_the_spec_shape(tmp_path: Path) -> None:
    path = tmp_path / "lead.json"
    path.write_text(_sql_extraction_json(), encoding="utf-8")
    result = runner.invoke(app, ["score", str(path), "--as-of", "2025-06-30", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["stage"] == "sql"
    assert out["fit"]["score"] == 90 and out["fit"]["grade"] == "A"
    assert out["engagement"]["score"] == 39.4
    assert set(out["explanation"]) >= {"reason", "contributions", "next_stage", "questions"}
    assert "extraction" not in out
    assert out["as_of"] == "2025-06-30"
    assert any(c["evidence"] == "wants a price for 40 seats" for c in out["explanation"]["contributions"])


def test_score_reads_stdin_and_prints_the_verdict() -> None:
    result = runner.invoke(app, ["score", "--as-of", "2025-06-30"], input=_sql_extraction_json(),
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "SQL" in result.stdout
    assert "quote_request" in result.stdout
    assert "wants a price for 40 seats" in result.stdout


@pytest.mark.parametrize("wrap", ["extraction", "spec_line"])
def test_score_accepts_wrapped_extractions(wrap: str) -> None:
    extraction = json.loads(_sql_extraction_json())
    data = {"extraction": extraction}
    args = ["score", "-", "--json"]
    if wrap == "spec_line":
        data |= {"id": "x1", "stage": "lead", "as_of": "2025-06-30"}
    else:
        args += ["--as-of", "2025-06-30"]
    result = runner.invoke(app, args, input=json.dumps(data))
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["stage"] == "sql"
    if wrap == "spec_line":
        assert out["as_of"] == "2025-06-30"  # the line's own reference date


def test_score_language() -> None:
    result = runner.invoke(app, ["score", "--as-of", "2025-06-30", "--json", "--lang", "pl"],
                           input=lead().model_dump_json())
    questions = json.loads(result.stdout)["explanation"]["questions"]
    assert any("budżet" in q for q in questions)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param("{not json", "is not valid JSON", id="bad json"),
        pytest.param('{"contact": {"seniority": "boss"}}', "contact.seniority", id="bad enum"),
        pytest.param('{"interactions": [{"kind": "demo_request"}]}', "interactions.0.evidence",
                     id="missing evidence"),
        pytest.param("[1, 2]", "expected a JSON object", id="not an object"),
        pytest.param("", "is empty", id="empty"),
    ],
)
def test_score_bad_input_is_one_clear_line_and_exit_2(given: str, expected: str) -> None:
    result = runner.invoke(app, ["score"], input=given)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0]


def test_score_bad_date() -> None:
    result = runner.invoke(app, ["score", "--as-of", "30/06/2025"], input="{}")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_scoring_file_in_force(tmp_path: Path, monkeypatch) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text(DEFAULT_TEXT.replace("hand_raise_window_days = 90", "hand_raise_window_days = 1"))
    lenient = tmp_path / "lenient.toml"
    lenient.write_text(DEFAULT_TEXT)
    data = _sql_extraction_json()
    args = ["score", "--as-of", "2025-06-30", "--json"]

    def stage(*extra: str) -> str:
        result = runner.invoke(app, [*args, *extra], input=data)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["stage"]

    assert stage() == "sql"
    monkeypatch.setenv("LEADQUAL_SCORING_FILE", str(strict))
    assert stage() == "lead"  # the env var's file: a 2-day-old quote is outside a 1-day window
    assert stage("--scoring", str(lenient)) == "sql"  # the flag beats the env var


def test_score_with_a_bad_scoring_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_TEXT.replace("A = 75", "A = 5"))
    result = runner.invoke(app, ["score", "--scoring", str(bad)], input="{}")
    assert result.exit_code == 2
    assert f"{bad}:" in result.stderr and "grades.B" in result.stderr


def test_rules_check_ok() -> None:
    path = resources.files("assistant.scoring").joinpath("default_scoring.toml")
    result = runner.invoke(app, ["rules", "check", str(path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ok: {path} is a valid scoring file (hash {load_scoring().hash})"


def test_rules_check_bad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_TEXT.replace("demo_request = 40", "demo_requst = 40"))
    result = runner.invoke(app, ["rules", "check", str(bad)])
    assert result.exit_code == 1
    assert "engagement.points.demo_requst: unknown interaction kind 'demo_requst'" in result.stderr


def test_rules_show_prints_the_rules_in_force(tmp_path: Path) -> None:
    result = runner.invoke(app, ["rules", "show"])
    assert result.exit_code == 0
    for text in ("Engagement points", "pricing_page_visit", "Fit points", "Grades", "BANT", "default"):
        assert text in result.stdout
    custom = tmp_path / "custom.toml"
    custom.write_text(DEFAULT_TEXT.replace("min_engagement = 40", "min_engagement = 55"))
    result = runner.invoke(app, ["rules", "show", "--scoring", str(custom)])
    assert result.exit_code == 0
    assert "engagement >= 55" in result.stdout and str(custom.name) in result.stdout
