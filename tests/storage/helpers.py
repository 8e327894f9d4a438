"""Helpers of the storage and pipeline tests: a scripted extractor (the extraction is not
what these tests test, so the extractor returns what each test tells it to) and builders."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest

from assistant.domain import (
    Bant,
    Company,
    Contact,
    Disqualifier,
    Extraction,
    ExtractionResult,
    Interaction,
    LLMCallRecord,
)
from assistant.extract.errors import ExtractionError

PG_ENV = "LEADQUAL_TEST_POSTGRES_URL"
PG_SKIP = f"{PG_ENV} is not set: PostgreSQL tests skipped (start a server with `.ci/start-postgres 55432`)"
AS_OF = date(2026, 3, 16)


def postgres_url() -> str:
    """The test server's URL, or a visible skip."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP)
    return url


def reset_postgres(url: str) -> None:
    """An empty public schema: every test starts from a database with no tables."""
    from storage import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


class ScriptedExtractor:
    """Returns the extraction a test registered for a text (an empty one otherwise);
    raises the ExtractionError registered for a text. Counts its calls."""

    def __init__(self, name: str = "rules", language: str = "en") -> None:
        self.name = name
        self.language = language
        self.script: dict[str, Extraction | ExtractionError] = {}
        self.calls = 0

    def on(self, text: str, extraction: Extraction | ExtractionError) -> str:
        self.script[text] = extraction
        return text

    def extract(self, text: str, *, as_of: date, lang: str | None = None) -> ExtractionResult:
        self.calls += 1
        found = self.script.get(text, Extraction())
        if isinstance(found, ExtractionError):
            raise found
        calls = [llm_call()] if self.name == "llm" else []
        return ExtractionResult(extraction=found, language=lang or self.language, extractor=self.name,
                                llm_calls=calls)


def llm_call(error: str | None = None) -> LLMCallRecord:
    return LLMCallRecord(provider="openai", model="test-model", method="json_schema", prompt_version="t1",
                         schema_hash="abc", latency_ms=12, raw_answer=None if error else "{}", error=error)


# --- extraction builders -------------------------------------------------------------------


def ix(kind: str, evidence: str, *, count: int = 1, on: date | None = None, detail: str | None = None) -> Interaction:
    return Interaction(kind=kind, evidence=evidence, count=count, occurred_on=on, detail=detail)


def facts(
    *interactions: Interaction,
    name: str | None = None,
    email: str | None = None,
    company: str | None = None,
    seniority: str | None = None,
    department: str | None = None,
    employees: int | None = None,
    country: str | None = None,
    industry: str | None = None,
    budget: str | None = None,
    authority: str | None = None,
    need: str | None = None,
    timeline_days: int | None = None,
    disqualifiers: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> Extraction:
    return Extraction(
        contact=Contact(name=name, email=email, seniority=seniority, department=department),
        company=Company(name=company, employees=employees, country=country, industry=industry),
        interactions=list(interactions),
        bant=Bant(budget=budget, authority=authority, need=need, timeline_days=timeline_days),
        disqualifiers=[Disqualifier(kind=k, evidence=e) for k, e in disqualifiers],
    )


# a marketer's favourite: fits the ICP well, no hand-raise yet
GOOD_FIT: dict[str, Any] = dict(
    name="Zofia Wójcik", company="Nordwind Software", seniority="director", department="marketing",
    employees=240, country="PL", industry="software",
)



# --- every lead as stored: what "nothing changed" and "back exactly as it was" compare ------

LEAD_TABLES = ("lead", "note", "interaction", "fact_change", "verdict", "chat_message", "llm_call")


def lead_rows(engine: Any, tables: tuple[str, ...] = LEAD_TABLES) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table that holds a lead or something recorded about one, in id
    order, as the database returns it (JSON columns parsed, so key order does not matter)."""
    import contextlib
    import json

    import sqlalchemy as sa

    out: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in tables:
            rows = conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id")).mappings().all()
            parsed = []
            for row in rows:
                values = {}
                for key, value in row.items():
                    if isinstance(value, str) and value[:1] in "[{":
                        with contextlib.suppress(ValueError):
                            value = json.loads(value)
                    values[key] = value
                parsed.append(values)
            out[table] = parsed
    return out
