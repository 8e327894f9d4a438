"""`leadqual qualify --jsonl FILE --save`: every note and verdict stored, a re-run skips
the ids already saved, and with the LLM (the loopback server) N requests go at once and a
rate limit pauses them all for as long as the provider asks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app
from assistant.config import load_settings
from assistant.pipeline import Pipeline
from tests.llm_server import answer, error, fake_llm, hang

_register()
runner = CliRunner()

NOTES = [
    {"id": "n1", "text": "Anna Rossi, CFO at Vela Srl, asked for a quote yesterday.", "as_of": "2026-03-01"},
    {"id": "n2", "text": "Marco Bianchi downloaded the pricing guide and attended the webinar.", "as_of": "2026-03-01"},
    {"id": "n3", "text": "Ola Berg visited our site twice.", "as_of": "2026-03-02"},
    {"id": "n4", "text": "Anna Rossi from Vela Srl booked a call for Friday.", "as_of": "2026-03-02"},
]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name in ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_EXTRACTOR",
                 "LEADQUAL_DATABASE_URL", "LEADQUAL_SCORING_FILE", "LEADQUAL_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "no-config.toml"))
    return {"LEADQUAL_DATABASE_URL": f"sqlite:///{tmp_path / 'batch.db'}"}


def _write(path: Path, lines: list[dict | str]) -> Path:
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
                    encoding="utf-8")
    return path


def _run(env: dict[str, str], *args: str) -> tuple[int, list[dict], str]:
    result = runner.invoke(app, ["qualify", *args], env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines() if line.strip()], result.stderr


def _pipeline(env: dict[str, str]) -> Pipeline:
    return Pipeline.open(load_settings(database_url=env["LEADQUAL_DATABASE_URL"], extractor="rules"))


def test_each_note_and_verdict_is_stored_and_a_rerun_skips_them(env: dict[str, str], tmp_path: Path) -> None:
    path = _write(tmp_path / "notes.jsonl", [*NOTES[:2], "not json", *NOTES[2:]])
    code, out, err = _run(env, "--jsonl", str(path), "--save", "--extractor", "rules", "--progress")
    assert code == 0
    assert [r["id"] for r in out] == ["n1", "n2", 3, "n3", "n4"]
    assert out[2]["error"].startswith("line 3: not valid JSON")
    assert out[0]["stage"] == "sql" and out[0]["lead_id"] and out[0]["note_id"]
    # n4 is about the lead of n1: it went there, and the verdict printed is that lead's
    assert out[4]["lead_id"] == out[0]["lead_id"]
    assert "done: 5 notes, 4 saved, 0 saved before, 1 errors" in err
    with _pipeline(env) as p:
        leads = p.list_leads()
        assert len(leads) == 3
        anna = p.get_lead(out[0]["lead_id"])
        assert [n.text for n in anna.notes] == [NOTES[0]["text"], NOTES[3]["text"]]
        assert all(n.status == "qualified" for n in anna.notes)
        assert anna.verdict is not None and anna.verdict.stage.value == out[4]["stage"]
        history = len(p.history(anna.summary.id))
    code, again, err = _run(env, "--jsonl", str(path), "--save", "--extractor", "rules", "--progress")
    assert [r.get("skipped") for r in again if "error" not in r] == ["saved already"] * 4
    assert "0 saved, 4 saved before" in err
    with _pipeline(env) as p:
        assert len(p.list_leads()) == 3
        assert len(p.history(anna.summary.id)) == history
    # the same id with another text is not skipped silently
    changed = _write(tmp_path / "changed.jsonl", [{**NOTES[1], "text": "Marco asked for a demo."}])
    _code, (record,), _err = _run(env, "--jsonl", str(changed), "--save", "--extractor", "rules")
    assert "saved already" in record["error"] and "another text" in record["error"]


def test_with_the_llm_n_notes_are_read_at_once(env: dict[str, str], tmp_path: Path) -> None:
    notes = [{"id": f"c{i}", "text": f"Lead {i} visited our site.", "as_of": "2026-03-02"} for i in range(8)]
    path = _write(tmp_path / "notes.jsonl", notes)
    with fake_llm() as server:
        server.default = hang(1.0)  # long enough for the 4 workers to be in flight together
        code, out, _err = _run({**env, **server.env()}, "--jsonl", str(path), "--save", "--concurrency", "4",
                               "--fallback", "none")
        assert code == 0
        assert server.max_in_flight == 4
        assert [r["id"] for r in out] == [n["id"] for n in notes]
        assert all(r["extractor"] == "llm" for r in out)
    with _pipeline(env) as p:
        notes_read = [n for lead in p.list_leads() for n in p.get_lead(lead.id).notes]
        assert len(notes_read) == 8 and all(n.extractor == "llm" for n in notes_read)
        assert len(p.llm_calls(notes_read[0].id)) == 1
    one = _write(tmp_path / "one-at-a-time.jsonl", [{**n, "id": f"s{i}"} for i, n in enumerate(notes[:3])])
    with fake_llm() as server:
        server.default = hang(0.1)
        _run({**env, **server.env()}, "--jsonl", str(one), "--save", "--concurrency", "1", "--fallback", "none")
        assert server.max_in_flight == 1


def test_a_rate_limit_pauses_every_worker_for_the_time_asked(env: dict[str, str], tmp_path: Path) -> None:
    notes = [{"id": f"r{i}", "text": f"Lead {i} downloaded the pricing guide.", "as_of": "2026-03-02"}
             for i in range(6)]
    path = _write(tmp_path / "notes.jsonl", notes)
    with fake_llm() as server:
        server.script(error(429, "slow down", retry_after=1.5))
        server.default = hang(1.0)  # the others are still in flight when the 429 arrives
        code, out, _err = _run({**env, **server.env()}, "--jsonl", str(path), "--save", "--concurrency", "4",
                               "--fallback", "none")
        assert code == 0
        assert all("error" not in r and r["extractor"] == "llm" for r in out), out
        chat = server.chat_requests
        assert len(chat) == 7  # one note asked twice
        limited = chat[0].at
        later = [r.at - limited for r in chat[4:]]
        # nobody asked again before the provider's 1.5 s were up (the 3 others were in flight)
        assert min(later) >= 1.45, later


def test_a_note_saved_but_not_read_is_read_by_the_next_run(env: dict[str, str], tmp_path: Path) -> None:
    path = _write(tmp_path / "notes.jsonl", NOTES[:2])
    with fake_llm() as server:
        server.default = error(500, "down")
        _code, out, _err = _run({**env, **server.env()}, "--jsonl", str(path), "--save", "--fallback", "none")
        assert all("The note is saved" in r["error"] for r in out)
    with fake_llm() as server:
        server.default = answer({"facts": [], "interactions": [], "disqualifiers": []})
        _code, out, _err = _run({**env, **server.env()}, "--jsonl", str(path), "--save", "--fallback", "none")
        assert [r.get("extractor") for r in out] == ["llm", "llm"]
    with _pipeline(env) as p:
        assert len(p.list_leads()) == 2  # read again, not saved twice
        assert all(n.status == "qualified" for lead in p.list_leads() for n in p.get_lead(lead.id).notes)
