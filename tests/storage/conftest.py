"""Fixtures of the storage and pipeline tests: a database per test (a SQLite file in a temp
dir, and a real PostgreSQL when LEADQUAL_TEST_POSTGRES_URL is set, else a visible skip),
settings with no user config leaking in, the scripted extractor and a pipeline over both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings, load_settings
from tests.storage.helpers import ScriptedExtractor, postgres_url, reset_postgres

USER_ENV = ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_EXTRACTOR",
            "LEADQUAL_AZURE_ENDPOINT", "LEADQUAL_DATABASE_URL", "LEADQUAL_LANGUAGE", "LEADQUAL_SCORING_FILE",
            "LEADQUAL_AUTHOR", "LEADQUAL_FALLBACK_TO_RULES")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'leads.db'}"
    url = postgres_url()
    reset_postgres(url)
    return url


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in USER_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "no-config.toml"))


@pytest.fixture
def settings(db_url: str, tmp_path: Path, clean_env: None) -> Settings:
    return load_settings(database_url=db_url, data_dir=tmp_path, extractor="rules")


@pytest.fixture
def extractor() -> ScriptedExtractor:
    return ScriptedExtractor()


@pytest.fixture
def pipeline(settings: Settings, extractor: ScriptedExtractor) -> Iterator[Any]:
    from assistant.pipeline import Pipeline

    p = Pipeline.open(settings, extractor=extractor)
    yield p
    p.close()
