"""A rep's note survives a dead LLM from the command line: kept, its failed call logged,
and read again once the server answers (real openai client over loopback HTTP)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app
from tests.llm_server import answer, closed_port_url, fake_llm

_register()
NOTE = "Giulia Neri, CFO di Vellano Spa, ha chiesto un preventivo ieri."
AS_OF = "2026-03-16"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "LEADQUAL_LLM_API_KEY", "LEADQUAL_EXTRACTOR", "LEADQUAL_SCORING_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "none.toml"))
    monkeypatch.setenv("LEADQUAL_DATABASE_URL", f"sqlite:///{tmp_path / 'leads.db'}")
    monkeypatch.setenv("LEADQUAL_LLM_PROVIDER", "compatible")
    monkeypatch.setenv("LEADQUAL_LLM_MODEL", "test-model")
    monkeypatch.setenv("LEADQUAL_LLM_MAX_RETRIES", "0")
    monkeypatch.setenv("LEADQUAL_LLM_TIMEOUT", "3")
    monkeypatch.setenv("LEADQUAL_FALLBACK_TO_RULES", "false")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_a_dead_server_loses_nothing_and_the_note_is_read_again(env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADQUAL_LLM_BASE_URL", closed_port_url())
    failed = run("note", "new", NOTE, "--as-of", AS_OF, "--extractor", "llm")
    assert failed.exit_code == 3
    assert "note 1 of lead 1" in failed.output  # says where the text is kept

    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["notes"][0]["text"] == NOTE and shown["notes"][0]["status"] == "failed"
    logged = json.loads(run("calls", "1", "--json").stdout)
    assert len(logged) == 1 and logged[0]["error"] and logged[0]["model"] == "test-model"

    quote = {"interactions": [{"kind": "quote_request", "count": 1, "occurred_on": "2026-03-15",
                               "detail": None, "evidence": "ha chiesto un preventivo ieri"}],
             "contact": {"name": "Giulia Neri", "job_title": "CFO", "seniority": "executive",
                         "department": "finance"}}
    with fake_llm() as server:
        server.script(answer(quote))
        monkeypatch.setenv("LEADQUAL_LLM_BASE_URL", server.base_url)
        again = run("reread", "1", "--extractor", "llm", "--json")
        assert again.exit_code == 0, again.output
        assert NOTE in server.chat_requests[0].text  # the saved text went to the model
    verdict = json.loads(again.stdout)
    assert verdict["stage"] == "sql"
    logged = json.loads(run("calls", "1", "--json").stdout)
    assert len(logged) == 2 and "preventivo" in logged[1]["raw_answer"]
    assert "test-model" in run("calls", "1").stdout


def test_an_unknown_note_is_named(env: None) -> None:
    result = run("calls", "42")
    assert result.exit_code == 1 and "42" in result.output
