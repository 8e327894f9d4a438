"""The lead commands through typer's CliRunner, over a database the pipeline filled."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app
from assistant.config import Settings
from assistant.domain import Stage
from assistant.extract.errors import ExtractionError
from assistant.pipeline import Pipeline
from tests.storage.helpers import AS_OF, GOOD_FIT, ScriptedExtractor, facts, ix

_register()
runner = CliRunner()


@pytest.fixture
def filled(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Three leads (SQL, MQL, lead) in the database the commands open; returns their ids."""
    monkeypatch.setenv("LEADQUAL_DATABASE_URL", settings.effective_database_url)
    monkeypatch.setenv("COLUMNS", "200")  # rich tables unwrapped, so lines can be asserted
    extractor = ScriptedExtractor()
    with Pipeline.open(settings, extractor=extractor) as p:
        ids = {}
        for key, extraction in {
            "sql": facts(ix("demo_request", "asked for a demo", on=AS_OF - timedelta(days=60)), **GOOD_FIT),
            "mql": facts(ix("content_download", "downloaded 3 guides", count=3, on=AS_OF),
                         ix("webinar_attendance", "attended the webinar"), name="Marco Bianchi", company="Vela Srl",
                         seniority="director", department="sales", employees=120, country="IT"),
            "lead": facts(ix("email_open", "opened the newsletter"), name="Jane Roe"),
        }.items():
            lead = p.create_lead()
            p.add_note(lead.id, extractor.on(key, extraction), as_of=AS_OF)
            ids[key] = lead.id
    return ids


def _run(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_leads_table_json_csv_and_filters(filled: dict[str, int]) -> None:
    table = _run("leads")
    assert table.exit_code == 0
    for text in ("Zofia Wójcik", "Nordwind Software", "SQL", "Marco Bianchi", "MQL", "Jane Roe", "last activity"):
        assert text in table.stdout
    rows = json.loads(_run("leads", "--json").stdout)
    assert {r["id"]: r["stage"] for r in rows} == {filled["sql"]: "sql", filled["mql"]: "mql", filled["lead"]: "lead"}
    assert set(rows[0]) == {"id", "name", "company", "email", "stage", "fit", "grade", "engagement", "last_activity"}
    parsed = list(csv.DictReader(io.StringIO(_run("leads", "--csv", "--stage", "MQL").stdout)))
    assert [(r["id"], r["name"], r["stage"]) for r in parsed] == [(str(filled["mql"]), "Marco Bianchi", "mql")]
    found = json.loads(_run("leads", "--json", "--search", "wojcik").stdout)
    assert [r["id"] for r in found] == [filled["sql"]]
    assert "No leads match" in _run("leads", "--search", "nobody").stdout
    bad = _run("leads", "--stage", "hot")
    assert bad.exit_code == 2 and "choose one of" in bad.stderr


def test_show_lists_facts_interactions_and_history(filled: dict[str, int]) -> None:
    out = _run("show", str(filled["mql"]))
    assert out.exit_code == 0
    for text in ("company.employees", "120", "rules · note", "content_download", '"downloaded 3 guides"',
                 "Verdict history", "- → MQL"):
        assert text in out.stdout, text
    data = json.loads(_run("show", str(filled["mql"]), "--json").stdout)
    assert data["interactions"][0]["provenance"] == "rules" and data["interactions"][0]["id"]
    assert data["history"][0]["stage"] == "mql" and data["fact_changes"]


def test_explain_and_history(filled: dict[str, int]) -> None:
    out = _run("explain", str(filled["sql"]))
    assert out.exit_code == 0 and "SQL" in out.stdout and "demo_request" in out.stdout
    assert json.loads(_run("explain", str(filled["sql"]), "--json").stdout)["stage"] == "sql"
    hist = _run("history", str(filled["sql"]))
    assert hist.exit_code == 0 and "- → SQL" in hist.stdout and "after a note" in hist.stdout


def test_unknown_lead_is_a_clear_error(filled: dict[str, int]) -> None:
    for command in (["show", "999"], ["explain", "999"], ["history", "999"], ["delete", "999", "--yes"]):
        out = _run(*command)
        assert out.exit_code == 1, command
        assert "No lead with id 999" in out.stderr


def test_correct_and_reject(filled: dict[str, int]) -> None:
    lead = filled["sql"]
    bad = _run("correct", str(lead), "company.employees", "many")
    assert bad.exit_code == 2 and "company.employees" in bad.stderr
    unknown = _run("correct", str(lead), "company.size", "10")
    assert unknown.exit_code == 2 and "Unknown fact" in unknown.stderr
    ok = _run("correct", str(lead), "company.employees", "3")
    assert ok.exit_code == 0 and "set by a rep" in ok.stdout
    shown = json.loads(_run("show", str(lead), "--json").stdout)
    assert "company.employees" in shown["rep_fields"]
    demo = shown["interactions"][0]["id"]
    rejected = _run("reject", str(lead), str(demo))
    assert rejected.exit_code == 0 and "SQL → LEAD" in rejected.stdout
    assert _run("reject", str(lead), "9999").exit_code == 1


def test_rescore_dry_run_then_apply(filled: dict[str, int], tmp_path: Path) -> None:
    # a stricter scoring file, as a backtest
    text = resources.files("assistant.scoring").joinpath("default_scoring.toml").read_text("utf-8")
    stricter = tmp_path / "strict.toml"
    stricter.write_text(text.replace("min_engagement = 40", "min_engagement = 95"), encoding="utf-8")
    backtest = _run("rescore", "--dry-run", "--as-of", AS_OF.isoformat(), "--scoring", str(stricter), "--summary")
    assert backtest.exit_code == 0 and "MQL → LEAD: 1" in backtest.stdout
    later = (AS_OF + timedelta(days=45)).isoformat()
    dry = _run("rescore", "--dry-run", "--as-of", later)
    assert dry.exit_code == 0
    assert f"#{filled['sql']} Zofia Wójcik (Nordwind Software): SQL → LEAD" in dry.stdout
    assert "would change stage" in dry.stdout and "dry run, nothing saved" in dry.stdout
    assert json.loads(_run("explain", str(filled["sql"]), "--json").stdout)["stage"] == "sql"
    applied = _run("rescore", "--as-of", later, "--json")
    changes = [json.loads(line) for line in applied.stdout.splitlines()]
    assert {c["lead_id"]: (c["old_stage"], c["new_stage"]) for c in changes}[filled["sql"]] == ("sql", "lead")
    assert json.loads(_run("explain", str(filled["sql"]), "--json").stdout)["stage"] == "lead"
    broken = tmp_path / "broken.toml"
    broken.write_text("[stages.mql]\nmin_engagement = 'x'\n", encoding="utf-8")
    assert _run("rescore", "--scoring", str(broken)).exit_code == 2
    assert _run("rescore", "--as-of", "yesterday").exit_code == 2


def test_delete_asks_first(filled: dict[str, int]) -> None:
    lead = str(filled["lead"])
    kept = _run("delete", lead, input="n\n")
    assert kept.exit_code == 1 and "Kept" in kept.stdout
    assert _run("show", lead).exit_code == 0
    gone = _run("delete", lead, input="y\n")
    assert gone.exit_code == 0 and "Deleted lead" in gone.stdout
    assert _run("show", lead).exit_code == 1
    assert _run("delete", str(filled["mql"]), "--yes").exit_code == 0


def test_note_command_adds_a_note_and_prints_the_verdict(filled: dict[str, int], monkeypatch) -> None:
    extractor = ScriptedExtractor()
    monkeypatch.setattr("assistant.pipeline.make_extractor", lambda settings, choice=None: extractor)
    extractor.on("she asked for a quote", facts(ix("quote_request", "asked for a quote", on=AS_OF)))
    out = _run("note", str(filled["mql"]), "she asked for a quote", "--as-of", AS_OF.isoformat())
    assert out.exit_code == 0 and "Stage changed: MQL → SQL" in out.stdout
    created = _run("note", "new", "-", "--as-of", AS_OF.isoformat(), "--json", input="a brand new lead")
    data = json.loads(created.stdout)
    assert data["stage"] == Stage.lead.value and data["lead_id"] not in filled.values()
    extractor.on("boom", ExtractionError("The model is down.", kind="server_error"))
    extractor.name = "llm"
    monkeypatch.setenv("LEADQUAL_FALLBACK_TO_RULES", "false")
    failed = _run("note", str(filled["lead"]), "boom")
    assert failed.exit_code == 3 and "The model is down." in failed.stderr and "The note is saved" in failed.stderr
    assert _run("note", "abc", "x").exit_code == 2
    assert _run("note", "999", "x").exit_code == 1
