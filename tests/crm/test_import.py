"""`leadqual import` and `leadqual export` on generated HubSpot and Salesforce exports
(their real column headers, 1,000 rows each, a few bad rows): the bad rows are named by
line and the rest stored, a re-import changes nothing, export -> import is identity."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.facts import FACTS
from assistant.pipeline import Pipeline
from tests.crm.helpers import counts, run, sqlite_url
from tests.crm_data import Files

AS_OF = "2026-03-02"
FACT_PATHS = {f.path for f in FACTS}


def _problem_lines(report: dict, *, skipped: bool) -> set[int]:
    return {p["line"] for p in report["problems"] if p["skipped"] is skipped}


def _import(url: str, *files: Path, extra: tuple[str, ...] = ()) -> list[dict]:
    result = run(url, "import", *map(str, files), "--as-of", AS_OF, "--json", "--no-progress", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _snapshot(url: str) -> dict[str, dict]:
    """Every lead by email: facts, verdict and what each CRM's cells said (no ids, no origins)."""
    out = run(url, "export", "--format", "jsonl")
    assert out.exit_code == 0, out.output
    leads = {}
    for line in out.stdout.splitlines():
        lead = json.loads(line)
        key = lead["facts"]["contact"]["email"] or lead["facts"]["contact"]["name"]
        verdict = {k: v for k, v in lead["verdict"].items()}
        # the facts are compared as such; of the cells, those an export writes as they came
        # (the CRM's own fields, the names, the description)
        crm = {system: {"id": rec["id"], "cells": {k: v for k, v in rec["cells"].items() if k not in FACT_PATHS}}
               for system, rec in lead["crm"].items()}
        interactions = sorted((i["kind"], i["count"], i["occurred_on"] or "", i["evidence"]) for i in lead["interactions"])
        leads[key] = {"facts": lead["facts"], "verdict": verdict, "crm": crm, "interactions": interactions}
    return leads


@pytest.mark.parametrize("name", ["hubspot-contacts.csv", "salesforce-leads.csv"])
def test_an_export_imports_with_its_bad_rows_named_and_the_rest_stored(exports: Files, tmp_path: Path,
                                                                      name: str, clean_env: None) -> None:
    url = sqlite_url(tmp_path / "a.db")
    (report,) = _import(url, exports.hubspot.parent / name)
    bad, skipped = exports.bad_rows[name], exports.skipped[name]
    assert _problem_lines(report, skipped=True) == skipped
    assert _problem_lines(report, skipped=False) == set(bad) - skipped
    assert report["stored"] == report["rows"] - len(skipped) == 1000 - len(skipped)
    assert report["created"] == report["stored"]
    assert counts(url)["lead"] == report["stored"]
    # the printed report names each bad row with its line and what is wrong
    text = run(url, "import", str(exports.hubspot.parent / name), "--as-of", AS_OF, "--no-progress").stdout
    for line in bad:
        assert f"line {line}:" in text
    assert "not an email address" in text and "no email and no name" in text


def test_every_imported_field_is_a_fact_with_the_file_and_row(exports: Files, tmp_path: Path,
                                                                clean_env: None) -> None:
    url = sqlite_url(tmp_path / "a.db")
    _import(url, exports.hubspot)
    with exports.hubspot.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    row = rows[4]  # line 6 of the file
    shown = run(url, "show", "5", "--json")
    lead = json.loads(shown.stdout)
    assert lead["lead"]["email"] == row["Email"]
    sources = lead["sources"]
    assert sources["contact.job_title"]["evidence"]["quote"] == row["Job Title"]
    assert sources["contact.job_title"]["origin"] == "hubspot-contacts.csv:6"
    assert sources["contact.job_title"]["provenance"] == "import"
    assert sources["contact.name"]["evidence"]["quote"] == f"{row['First Name']} {row['Last Name']}"
    assert sources["company.country"]["evidence"]["quote"] == row["Country/Region"]
    # seniority stands on the title's words
    assert sources["contact.seniority"]["evidence"] == {"quote": row["Job Title"], "start": None, "end": None,
                                                        "via": "contact.job_title"}
    changes = {c["field"]: c for c in lead["fact_changes"]}
    assert changes["company.name"]["provenance"] == "import"
    assert changes["company.name"]["origin"] == "hubspot-contacts.csv:6"
    table = run(url, "show", "5").stdout
    assert "import · hubspot-contacts.csv:6" in table
    # the CRM's own fields are kept for the export, and the verdict is there
    exported = list(csv.DictReader(run(url, "export", "--format", "hubspot").stdout.splitlines()))
    first = exported[0]
    assert first["Lifecycle Stage"] == rows[0]["Lifecycle Stage"]
    assert first["Lead Status"] == rows[0]["Lead Status"]
    assert first["Original Source"] == rows[0]["Original Source"]
    assert first["Leadqual Stage"] in {"LEAD", "MQL", "SQL", "PQL", "DISQUALIFIED"}
    assert first["Leadqual Reason"] and first["Leadqual Grade"] in "ABCD"


def test_a_description_is_read_as_a_note_and_its_interactions_count(exports: Files, tmp_path: Path,
                                                                      clean_env: None) -> None:
    url = sqlite_url(tmp_path / "a.db")
    _import(url, exports.salesforce)
    with exports.salesforce.open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if "Asked for a demo" in r["Description"])
    leads = json.loads(run(url, "leads", "--json", "--search", row["Email"]).stdout)
    lead = json.loads(run(url, "show", str(leads[0]["id"]), "--json").stdout)
    assert [n["text"] for n in lead["notes"]] == [row["Description"]]
    kinds = {i["kind"] for i in lead["interactions"]}
    assert "demo_request" in kinds
    assert all(i["evidence"] in row["Description"] for i in lead["interactions"])
    if lead["facts"]["contact"]["job_title"] and lead["verdict"]["stage"] != "disqualified":
        assert lead["verdict"]["engagement"]["score"] > 0


def test_importing_the_same_file_twice_changes_nothing(exports: Files, tmp_path: Path, clean_env: None) -> None:
    url = sqlite_url(tmp_path / "a.db")
    files = (exports.hubspot, exports.salesforce, exports.hubspot_notes, exports.salesforce_tasks)
    _import(url, *files)
    before = counts(url)
    snapshot = _snapshot(url)
    again = _import(url, *files)
    assert counts(url) == before
    assert _snapshot(url) == snapshot
    assert [r["created"] for r in again] == [0, 0, 0, 0]
    assert [r["updated"] for r in again] == [0, 0, 0, 0]
    assert [r["notes_added"] for r in again] == [0, 0, 0, 0]


def test_notes_go_to_their_leads_with_their_own_date(exports: Files, tmp_path: Path, clean_env: None) -> None:
    url = sqlite_url(tmp_path / "a.db")
    _import(url, exports.hubspot)
    (report,) = _import(url, exports.hubspot_notes)
    assert _problem_lines(report, skipped=True) == exports.skipped[exports.hubspot_notes.name]
    assert any("import the contacts first" in p["message"] for p in report["problems"])
    assert report["notes_added"] == 500 - len(exports.skipped[exports.hubspot_notes.name])
    with exports.hubspot_notes.open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if "attended the webinar" in r["Note body"])
    email = row["Associated Contact"].split("(")[1].rstrip(")")
    lead_id = json.loads(run(url, "leads", "--json", "--search", email).stdout)[0]["id"]
    lead = json.loads(run(url, "show", str(lead_id), "--json").stdout)
    note = next(n for n in lead["notes"] if n["text"] == row["Note body"])
    assert note["as_of"] == row["Activity date"][:10]
    assert note["created_at"].startswith(row["Activity date"][:10])
    assert note["status"] == "qualified" and note["extractor"] == "rules"
    webinar = [i for i in lead["interactions"] if i["kind"] == "webinar_attendance" and i["note_id"] == note["id"]]
    assert webinar and webinar[0]["evidence"] in row["Note body"]
    assert lead["lead"]["last_activity"][:10] >= row["Activity date"][:10]


@pytest.mark.parametrize("system", ["hubspot", "salesforce"])
def test_export_then_import_is_identity(exports: Files, tmp_path: Path, system: str, clean_env: None) -> None:
    source = exports.hubspot if system == "hubspot" else exports.salesforce
    first, second = sqlite_url(tmp_path / "first.db"), sqlite_url(tmp_path / "second.db")
    _import(first, source)
    exported = tmp_path / f"{system}-export.csv"
    assert run(first, "export", "--format", system, "--output", str(exported)).exit_code == 0
    # into a fresh database: the same leads with the same facts, interactions (from the
    # descriptions), CRM cells and ids, and verdicts
    _import(second, exported)
    assert _snapshot(second) == _snapshot(first)
    again = tmp_path / f"{system}-again.csv"
    run(second, "export", "--format", system, "--output", str(again))
    assert again.read_bytes() == exported.read_bytes()
    # and back into the first database: nothing changes
    before = counts(first)
    (report,) = _import(first, exported)
    assert (report["created"], report["updated"]) == (0, 0)
    assert counts(first) == before


def test_export_to_the_other_crm_reads_back_the_same_facts(exports: Files, tmp_path: Path,
                                                          clean_env: None) -> None:
    first, second = sqlite_url(tmp_path / "first.db"), sqlite_url(tmp_path / "second.db")
    _import(first, exports.hubspot)
    as_salesforce = tmp_path / "to-salesforce.csv"
    run(first, "export", "--format", "salesforce", "--output", str(as_salesforce))
    _import(second, as_salesforce)
    a, b = _snapshot(first), _snapshot(second)
    assert {k: v["facts"] for k, v in a.items()} == {k: v["facts"] for k, v in b.items()}


def test_a_rep_correction_survives_a_reimport_and_a_crm_change_is_applied(tmp_path: Path, settings: Settings) -> None:
    url = settings.effective_database_url
    path = tmp_path / "contacts.csv"
    header = "Record ID,First Name,Last Name,Email,Job Title,Company Name,Number of Employees,Lifecycle Stage\n"
    path.write_text(header + "7,Ola,Berg,ola@lumina.example,Marketing Manager,Lumina Apps,40,Lead\n", encoding="utf-8")
    _import(url, path)
    with Pipeline.open(settings) as p:
        lead_id = p.list_leads()[0].id
        p.correct_fact(lead_id, "company.employees", 120, said="they have 120 people now")
    _import(url, path)
    with Pipeline.open(settings) as p:
        assert p.get_lead(lead_id).facts.company.employees == 120
    # the CRM changes the title and the headcount: the title follows, the rep's headcount stays
    path.write_text(header + "7,Ola,Berg,ola@lumina.example,Head of Marketing,Lumina Apps,45,Lead\n",
                    encoding="utf-8")
    (report,) = _import(url, path)
    assert report["updated"] == 1
    with Pipeline.open(settings) as p:
        detail = p.get_lead(lead_id)
        assert detail.facts.contact.job_title == "Head of Marketing"
        assert detail.facts.contact.seniority.value == "director"
        assert detail.facts.company.employees == 120
        assert detail.verdict is not None and detail.verdict.as_of.isoformat() == AS_OF


def test_headers_in_any_case_and_map_override(tmp_path: Path, settings: Settings) -> None:
    url = settings.effective_database_url
    path = tmp_path / "sf.csv"
    path.write_text("ID;FIRSTNAME;LASTNAME;EMAIL;COMPANY;STATUS;Mobile;Notes\n"
                    "00Q1;Anna;Rossi;anna@vela.example;Vela Srl;Open - Not Contacted;+39 333 1234567;vip\n",
                    encoding="utf-8")
    (report,) = _import(url, path, extra=("--map", "mobile=contact.phone", "--map", "Notes=ignore"))
    assert report["format"] == "salesforce" and report["created"] == 1
    assert report["unread_columns"] == []
    lead = json.loads(run(url, "show", "1", "--json").stdout)
    assert lead["lead"]["name"] == "Anna Rossi" and lead["facts"]["contact"]["phone"] == "+39 333 1234567"
    # a header leadqual cannot place: a clear error, nothing stored
    odd = tmp_path / "odd.csv"
    odd.write_text("Who,Mail\nAnna,anna@x.example\n", encoding="utf-8")
    result = run(url, "import", str(odd))
    assert result.exit_code == 2
    assert "--format" in result.output and "--map" in result.output
    result = run(url, "import", str(odd), "--format", "hubspot", "--map", "Mail=contact.email", "--map", "Who=first_name",
                 "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "1 new leads" in result.stdout
    bad_map = run(url, "import", str(odd), "--map", "Mail=e-mail")
    assert bad_map.exit_code == 2 and "is not a field" in bad_map.output


def test_reading_in_other_processes_stores_the_same(exports: Files, tmp_path: Path, clean_env: None) -> None:
    here, there = sqlite_url(tmp_path / "one.db"), sqlite_url(tmp_path / "two.db")
    _import(here, exports.salesforce, exports.salesforce_tasks, extra=("--workers", "1"))
    _import(there, exports.salesforce, exports.salesforce_tasks, extra=("--workers", "2"))
    assert _snapshot(there) == _snapshot(here)
    assert counts(there) == counts(here)


def test_with_the_llm_a_text_it_cannot_read_is_said_on_its_line(tmp_path: Path, clean_env: None) -> None:
    from tests.llm_server import error, fake_llm

    url = sqlite_url(tmp_path / "a.db")
    path = tmp_path / "leads.csv"
    path.write_text("Id,FirstName,LastName,Email,Company,Description\n"
                    "00Q1,Anna,Rossi,anna@vela.example,Vela Srl,Asked for a demo yesterday.\n"
                    "00Q2,Marco,Bianchi,marco@vela.example,Vela Srl,\n", encoding="utf-8")
    with fake_llm() as server:
        server.default = error(500, "down")
        env = {**server.env(), "LEADQUAL_DATABASE_URL": url, "LEADQUAL_FALLBACK_TO_RULES": "false"}
        result = runner_invoke(env, "import", str(path), "--extractor", "llm", "--as-of", AS_OF, "--json")
        (report,) = json.loads(result.stdout)
        assert report["stored"] == 2 and report["notes_added"] == 0
        assert [(p["line"], p["skipped"]) for p in report["problems"]] == [(2, False)]
        assert "could not be read" in report["problems"][0]["message"]
        # with the fallback the rules read it, and the row says so
        env["LEADQUAL_FALLBACK_TO_RULES"] = "true"
        result = runner_invoke(env, "import", str(path), "--extractor", "llm", "--as-of", AS_OF, "--json")
        (report,) = json.loads(result.stdout)
        assert report["notes_added"] == 1
        assert "the rules extractor read it instead" in report["problems"][0]["message"]
    lead = json.loads(run(url, "show", "1", "--json").stdout)
    assert [i["kind"] for i in lead["interactions"]] == ["demo_request"]


def runner_invoke(env: dict[str, str], *args: str):
    from assistant.cli import app
    from tests.crm.helpers import runner

    result = runner.invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_line_numbers_count_lines_inside_quoted_cells_and_other_encodings(tmp_path: Path, clean_env: None) -> None:
    url = sqlite_url(tmp_path / "a.db")
    path = tmp_path / "leads.csv"
    text = ('Id,FirstName,LastName,Email,Company,Description\r\n'
            '00Q1,Anna,Müller,anna@vela.example,Vela GmbH,"Asked for a demo.\r\nBudget approved."\r\n'
            '00Q2,,,,Nobody Inc,\r\n'
            '00Q3,Marco,Bianchi,marco@vela.example,Vela GmbH,\r\n')
    path.write_bytes(text.encode("cp1252"))
    (report,) = _import(url, path)
    assert report["encoding"] == "cp1252"
    assert [(p["line"], p["skipped"]) for p in report["problems"]] == [(4, True)]  # the row after the 2-line cell
    assert report["stored"] == 2
    lead = json.loads(run(url, "show", "1", "--json").stdout)
    assert lead["lead"]["name"] == "Anna Müller"
    assert lead["notes"][0]["text"] == "Asked for a demo.\r\nBudget approved."
    assert lead["sources"]["contact.name"]["origin"] == "leads.csv:2"


def test_descriptions_and_notes_on_every_backend(tmp_path: Path, settings: Settings) -> None:
    url = settings.effective_database_url
    leads = tmp_path / "leads.csv"
    leads.write_text("Id,FirstName,LastName,Email,Title,Company,NumberOfEmployees,Description\n"
                     "00Q1,Anna,Rossi,anna@vela.example,CFO,Vela Srl,120,Asked for a demo yesterday.\n",
                     encoding="utf-8")
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("Id,WhoId,Subject,Description,ActivityDate\n"
                     "00T1,00Q1,Call,She attended the webinar on reporting and downloaded the pricing guide.,2026-02-20\n",
                     encoding="utf-8")
    _import(url, leads, tasks)
    before = counts(url)
    _import(url, leads, tasks)
    assert counts(url) == before
    lead = json.loads(run(url, "show", "1", "--json").stdout)
    kinds = sorted(i["kind"] for i in lead["interactions"])
    assert kinds == ["content_download", "demo_request", "webinar_attendance"]
    notes = {n["id"]: n for n in lead["notes"]}
    assert all(i["note_id"] in notes for i in lead["interactions"])
    assert [n["as_of"] for n in lead["notes"]] == [AS_OF, "2026-02-20"]
    assert lead["sources"]["company.employees"]["origin"] == "leads.csv:2"
    assert lead["verdict"]["stage"] == "sql"
