"""`leadqual rescore --dry-run --scoring NEW.toml`: the file in force against NEW on each
lead's own scoring date, every mover with its score change and the rule that moved it,
a stage-to-stage matrix, the same in --json, and nothing saved."""

from __future__ import annotations

import json
from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app
from assistant.config import Settings
from assistant.pipeline import Pipeline
from tests.storage.helpers import AS_OF, GOOD_FIT, ScriptedExtractor, facts, ix

_register()
runner = CliRunner()
DEFAULT = resources.files("assistant.scoring").joinpath("default_scoring.toml").read_text("utf-8")


@pytest.fixture
def leads(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """An MQL scored 100 days ago (its downloads would have faded since) and an SQL today."""
    monkeypatch.setenv("LEADQUAL_DATABASE_URL", settings.effective_database_url)
    extractor = ScriptedExtractor()
    long_ago = AS_OF - timedelta(days=100)
    with Pipeline.open(settings, extractor=extractor) as p:
        mql = p.create_lead()
        p.add_note(mql.id, extractor.on("mql", facts(ix("content_download", "downloaded 3 guides", count=3, on=long_ago),
                                                      ix("webinar_attendance", "attended the webinar", on=long_ago),
                                                      name="Marco Bianchi", company="Vela Srl", seniority="director",
                                                      department="sales", employees=120, country="IT")),
                   as_of=long_ago)
        sql = p.create_lead()
        p.add_note(sql.id, extractor.on("sql", facts(ix("demo_request", "asked for a demo", on=AS_OF), **GOOD_FIT)),
                   as_of=AS_OF)
        return {"mql": mql.id, "sql": sql.id, "history": len(p.history(mql.id))}


def _file(tmp_path: Path, **edits: tuple[str, str]) -> Path:
    text = DEFAULT
    for old, new in edits.values():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "new.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["rescore", "--dry-run", *args], env={"COLUMNS": "200"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def test_each_lead_is_compared_on_its_own_scoring_date(leads: dict[str, int], tmp_path: Path,
                                                       settings: Settings) -> None:
    new = _file(tmp_path, downloads=("content_download = 10", "content_download = 5"))
    code, out = _run("--scoring", str(new))
    assert code == 0
    assert "each lead as of its last scoring date" in out
    assert "engagement.points.content_download: 10 → 5" in out
    mql = leads["mql"]
    # as of its own date (100 days ago) the downloads count in full: 30 -> 15, so MQL -> LEAD
    assert f"#{mql} Marco Bianchi (Vela Srl): MQL → LEAD" in out
    assert "engagement 45 → 30" in out
    assert "content_download 30 → 15" in out
    assert "rule mql → default" in out
    assert "1 of 2 leads would change stage" in out and "MQL → LEAD: 1" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()
            if line.split() and line.split()[0] in {"MQL", "SQL", "LEAD", "total"}}
    # rows: now; columns: disqualified, lead, mql, pql, sql, total
    assert rows["MQL"] == ["0", "1", "0", "0", "0", "1"]
    assert rows["SQL"] == ["0", "0", "0", "0", "1", "1"]
    with Pipeline.open(settings) as p:  # a dry run saves nothing
        assert len(p.history(mql)) == leads["history"]
        assert p.get_lead(mql).summary.stage.value == "mql"


def test_a_threshold_change_moves_leads_with_unchanged_points(leads: dict[str, int], tmp_path: Path) -> None:
    new = _file(tmp_path, mql=("min_engagement = 40", "min_engagement = 60"))
    _code, out = _run("--scoring", str(new), "--as-of", (AS_OF - timedelta(days=100)).isoformat())
    assert f"#{leads['mql']} Marco Bianchi (Vela Srl): MQL → LEAD" in out
    assert "points: unchanged; a threshold moved" in out
    assert "stages.mql.min_engagement: 40 → 60" in out
    _code, summary = _run("--scoring", str(new), "--summary")
    assert "Marco Bianchi" not in summary and "MQL → LEAD: 1" in summary


def test_json_has_the_same_moves_and_matrix(leads: dict[str, int], tmp_path: Path) -> None:
    new = _file(tmp_path, downloads=("content_download = 10", "content_download = 5"))
    _code, out = _run("--scoring", str(new), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    *moves, last = lines
    assert [(m["lead_id"], m["old_stage"], m["new_stage"]) for m in moves] == [(leads["mql"], "mql", "lead")]
    move = moves[0]
    assert move["engagement"] == {"old": 45.0, "new": 30.0}
    assert move["as_of"]["old"] == move["as_of"]["new"] == (AS_OF - timedelta(days=100)).isoformat()
    assert {"axis": "engagement", "rule": "content_download", "old": 30.0, "new": 15.0} in move["changes"]
    assert last["summary"]["matrix"] == {"mql": {"lead": 1}, "sql": {"sql": 1}}
    assert last["summary"]["moved"] == 1 and last["summary"]["leads"] == 2


def test_without_a_new_file_it_shows_what_time_alone_changes(leads: dict[str, int]) -> None:
    _code, out = _run("--as-of", (AS_OF + timedelta(days=120)).isoformat())
    assert "against the scoring file in force" in out
    assert f"#{leads['sql']} Zofia Wójcik (Nordwind Software): SQL → LEAD" in out
    assert "demo_request" in out  # its points faded with age


def test_scoring_in_other_processes_gives_the_same_backtest(leads: dict[str, int], tmp_path: Path,
                                                           settings: Settings) -> None:
    from assistant.report.backtest import Backtest
    from assistant.scoring import load_scoring

    new = load_scoring(_file(tmp_path, downloads=("content_download = 10", "content_download = 5")))
    with Pipeline.open(settings) as p:
        here = Backtest(p, new=new, as_of=None)
        alone = list(here.moves())
        there = Backtest(p, new=new, as_of=None)
        split = list(there.moves(workers=2))
    assert split == alone and [m.lead_id for m in split] == [leads["mql"]]
    assert there.summary.matrix == here.summary.matrix and there.summary.leads == 2
