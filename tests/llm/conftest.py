"""Fixtures for the LLM tests: a clean environment, the loopback server, extractors pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings, load_settings
from assistant.domain import LLMCallRecord
from tests.llm_server import FakeLLMServer, fake_llm

AS_OF = date(2026, 3, 16)  # a Monday

_ENV = (
    "LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_LLM_PROVIDER",
    "LEADQUAL_LLM_MODEL", "LEADQUAL_LLM_METHOD", "LEADQUAL_LLM_TIMEOUT", "LEADQUAL_LLM_MAX_RETRIES",
    "LEADQUAL_EXTRACTOR", "LEADQUAL_AZURE_ENDPOINT", "LEADQUAL_AZURE_DEPLOYMENT",
    "LEADQUAL_AZURE_API_VERSION", "OPENAI_BASE_URL", "OPENAI_API_BASE", "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION",
)  # fmt: skip


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No key, URL or config file of the machine leaks into a test."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "no-config.toml"))


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    with fake_llm() as server:
        yield server


@pytest.fixture
def settings_for(llm_server: FakeLLMServer) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        return load_settings(**llm_server.settings_overrides(**overrides))

    return make


@pytest.fixture
def records() -> list[LLMCallRecord]:
    return []


@pytest.fixture
def extractor_for(settings_for: Callable[..., Settings], records: list[LLMCallRecord]) -> Callable[..., Any]:
    """An LLMExtractor on the test server; every call record lands in `records`."""
    from assistant.extract.llm import LLMExtractor

    def make(**overrides: Any) -> LLMExtractor:
        return LLMExtractor(settings_for(**overrides), recorder=records.append)

    return make
