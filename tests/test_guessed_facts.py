"""An LLM's guesses never score: BANT, industry, size, country (and seniority, department)
that the note does not state change no score or stage, and are listed as dropped.

The loopback server (`tests/llm_server.py`) answers for notes in English, Italian and Polish
that state none of them, as a model that guesses would: budget confirmed, a decision maker,
a need, a 60-day timeline, an industry, a headcount, a country, a seniority, a department,
with no words, with words the note does not hold, with the note's own words that do not
say it, or in the old nested shape with no evidence at all. The verdict must be the one of
the model's answer without the guesses, and each guess must be listed as dropped in
`qualify --json`, in the chat reply and in `leadqual calls`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import _register, app
from tests.llm_server import EMPTY_ANSWER, FakeLLMServer, answer, fact, fake_llm

_register()

AS_OF = "2026-03-16"
YESTERDAY = "2026-03-15"
USER_ENV = ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_LLM_PROVIDER",
            "LEADQUAL_LLM_MODEL", "LEADQUAL_LLM_METHOD", "LEADQUAL_EXTRACTOR", "LEADQUAL_AZURE_ENDPOINT",
            "LEADQUAL_SCORING_FILE", "LEADQUAL_LANGUAGE", "LEADQUAL_AUTHOR", "LEADQUAL_FALLBACK_TO_RULES",
            "OPENAI_BASE_URL")

# the facts a guessing model adds, with the value it guesses
GUESSES = {
    "bant.budget": "confirmed", "bant.authority": "decision_maker", "bant.need": "a new CRM",
    "bant.timeline_days": "60", "company.industry": "software", "company.employees": "2",
    "company.country": "US", "contact.seniority": "executive", "contact.department": "sales",
}  # fmt: skip


@dataclass(frozen=True)
class Note:
    text: str
    name: tuple[str, str]  # (the contact's name, its words)
    company: str
    download: str  # the words of the download, yesterday
    opens: str  # the words of two email opens
    invented: dict[str, str]  # per guess, words the note does not hold
    misread: dict[str, str]  # per guess, the note's own words that do not say it


NOTES = {
    "en": Note(
        "Spoke with Dana Price from Corvel Systems; she downloaded our ROI guide yesterday and opened two of our "
        "emails.",
        ("Dana Price", "Dana Price"), "Corvel Systems", "she downloaded our ROI guide yesterday",
        "opened two of our emails",
        invented={"bant.budget": "budget approved", "bant.authority": "she is the decision maker",
                  "bant.need": "they need a new CRM", "bant.timeline_days": "within 60 days",
                  "company.industry": "a software company", "company.employees": "2 employees",
                  "company.country": "based in Boston", "contact.seniority": "CEO", "contact.department": "Head of Sales"},
        misread={"bant.budget": "she downloaded our ROI guide", "bant.authority": "Dana Price",
                 "bant.need": "Corvel Systems", "bant.timeline_days": "opened two of our emails",
                 "company.industry": "Corvel Systems", "company.employees": "opened two of our emails",
                 "company.country": "Dana Price", "contact.seniority": "Dana Price",
                 "contact.department": "Corvel Systems"},
    ),
    "it": Note(
        "Sentito Luca Moretti di Brenta Sistemi: ieri ha scaricato la nostra guida al ROI e ha aperto due delle "
        "nostre email.",
        ("Luca Moretti", "Luca Moretti"), "Brenta Sistemi", "ieri ha scaricato la nostra guida al ROI",
        "ha aperto due delle nostre email",
        invented={"bant.budget": "budget approvato", "bant.authority": "decide lui",
                  "bant.need": "serve un nuovo CRM", "bant.timeline_days": "entro 60 giorni",
                  "company.industry": "azienda di software", "company.employees": "2 dipendenti",
                  "company.country": "con sede a Boston", "contact.seniority": "amministratore delegato",
                  "contact.department": "direttore commerciale"},
        misread={"bant.budget": "ha scaricato la nostra guida al ROI", "bant.authority": "Luca Moretti",
                 "bant.need": "Brenta Sistemi", "bant.timeline_days": "ha aperto due delle nostre email",
                 "company.industry": "Brenta Sistemi", "company.employees": "ha aperto due delle nostre email",
                 "company.country": "Luca Moretti", "contact.seniority": "Luca Moretti",
                 "contact.department": "Brenta Sistemi"},
    ),
    "pl": Note(
        "Rozmawiałem z Ewą Nowak z Orlex Systemy; wczoraj pobrała nasz przewodnik o ROI i otworzyła dwa nasze maile.",
        ("Ewa Nowak", "Ewą Nowak"), "Orlex Systemy", "wczoraj pobrała nasz przewodnik o ROI",
        "otworzyła dwa nasze maile",
        invented={"bant.budget": "budżet zatwierdzony", "bant.authority": "ona decyduje",
                  "bant.need": "potrzebują nowego CRM", "bant.timeline_days": "w ciągu 60 dni",
                  "company.industry": "firma programistyczna", "company.employees": "2 pracowników",
                  "company.country": "z siedzibą w Bostonie", "contact.seniority": "prezes",
                  "contact.department": "dyrektor sprzedaży"},
        misread={"bant.budget": "pobrała nasz przewodnik o ROI", "bant.authority": "Ewą Nowak",
                 "bant.need": "Orlex Systemy", "bant.timeline_days": "otworzyła dwa nasze maile",
                 "company.industry": "Orlex Systemy", "company.employees": "otworzyła dwa nasze maile",
                 "company.country": "Ewą Nowak", "contact.seniority": "Ewą Nowak",
                 "contact.department": "Orlex Systemy"},
    ),
}


def _interactions(note: Note) -> list[dict[str, Any]]:
    return [{"kind": "content_download", "count": 1, "occurred_on": YESTERDAY, "detail": None,
             "evidence": note.download},
            {"kind": "email_open", "count": 2, "occurred_on": None, "detail": None, "evidence": note.opens}]


def stated(note: Note) -> dict[str, Any]:
    """What the note states, as a careful model answers it."""
    data = json.loads(json.dumps(EMPTY_ANSWER))
    data["facts"] = [fact("contact.name", *note.name), fact("company.name", note.company, note.company)]
    data["interactions"] = _interactions(note)
    return data


def guessed(note: Note, words: str) -> dict[str, Any]:
    """The careful answer plus every guess, quoting no words, invented words, or the note's
    own words that do not say it; 'nested': the old shape, with no evidence for any fact."""
    if words == "nested":
        return {"contact": {"name": note.name[0], "seniority": "executive", "department": "sales"},
                "company": {"name": note.company, "industry": "software", "employees": 2, "country": "US"},
                "bant": {"budget": "confirmed", "authority": "decision_maker", "need": "a new CRM",
                         "timeline_days": 60},
                "interactions": _interactions(note), "disqualifiers": []}
    data = stated(note)
    quotes = {"none": dict.fromkeys(GUESSES, ""), "invented": note.invented, "misread": note.misread}[words]
    data["facts"] += [fact(path, value, quotes[path]) for path, value in GUESSES.items()]
    return data


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLMServer]:
    for name in USER_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "none.toml"))
    monkeypatch.setenv("LEADQUAL_DATABASE_URL", f"sqlite:///{tmp_path / 'leads.db'}")
    monkeypatch.setenv("LEADQUAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "250")
    with fake_llm() as llm:
        for name, value in llm.env(fallback_to_rules="false").items():
            monkeypatch.setenv(name, value)
        yield llm


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def qualify(text: str) -> dict[str, Any]:
    return json.loads(run("qualify", text, "--json", "--extractor", "llm", "--as-of", AS_OF).stdout)


def verdict(out: dict[str, Any]) -> tuple[Any, ...]:
    return (out["stage"], out["fit"]["score"], out["fit"]["grade"], out["fit"]["known_attributes"],
            out["engagement"]["score"], tuple(out["bant_met"]))


def dropped_paths(dropped: list[dict[str, Any]]) -> set[str]:
    return {d["item"] for d in dropped}


@pytest.mark.parametrize("words", ["none", "invented", "misread", "nested"])
@pytest.mark.parametrize("lang", list(NOTES))
def test_guesses_change_no_score_or_stage_and_are_listed(server, lang, words):
    note = NOTES[lang]
    server.script(answer(stated(note)), answer(guessed(note, words)))
    careful, guessing = qualify(note.text), qualify(note.text)

    assert careful.get("dropped", []) == [] and careful["stage"] == "lead"
    assert verdict(guessing) == verdict(careful)
    assert guessing["extraction"]["bant"] == careful["extraction"]["bant"]
    assert set(GUESSES) <= dropped_paths(guessing["dropped"])
    for d in guessing["dropped"]:
        assert d["reason"], d
    contributions = {c["rule"].split(":")[0] for c in guessing["explanation"]["contributions"]}
    assert contributions.isdisjoint({"seniority", "department", "employees", "industry", "country"})
    # what is kept stands on the note's words, at its offsets
    for path, e in guessing["extraction"]["evidence"].items():
        assert note.text[e["start"] : e["end"]] == e["quote"], path


@pytest.mark.parametrize("lang", list(NOTES))
def test_the_reply_and_the_call_log_list_the_guesses(server, lang):
    from assistant.config import load_settings
    from assistant.pipeline import Pipeline
    from assistant.service import ChatService, NotePlaced
    from assistant.views import Labels

    note = NOTES[lang]
    server.script(answer(guessed(note, "misread")))
    settings = load_settings()
    service = ChatService(Pipeline.open(settings), settings, today=lambda: date.fromisoformat(AS_OF))
    try:
        placed = service.note(note.text, None)
    finally:
        service.pipeline.close()
    assert isinstance(placed, NotePlaced), placed
    card = placed.card
    assert card.stage == "lead"
    labels = Labels(card.lang)
    dropped = [line for s in card.sections for line in s.lines if line.tone == "error"]
    assert {line.label for line in dropped} >= {labels.fact(path) for path in GUESSES}
    assert all(line.why and line.evidence for line in dropped)
    facts = [line.label for s in card.sections for line in s.lines if line.tone != "error"]
    assert not {labels.fact(path) for path in GUESSES} & set(facts)

    (call,) = json.loads(run("calls", str(placed.note_id), "--json").stdout)
    assert set(GUESSES) <= dropped_paths(call["dropped"])
    log = run("calls", str(placed.note_id)).stdout
    for path in GUESSES:
        assert f"• {path} = " in log, (path, log)
