"""Extractors: rep text -> ExtractionResult. `make_extractor` picks one from the settings."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from assistant.config import ExtractorChoice, Settings
from assistant.domain import ExtractionResult


class Extractor(Protocol):
    """Anything that turns a rep's text into an extraction, given the reference date."""

    name: str

    def extract(self, text: str, *, as_of: date, lang: str | None = None) -> ExtractionResult: ...


def make_extractor(settings: Settings, choice: ExtractorChoice | str | None = None) -> Extractor:
    """The extractor named by `choice` (or the settings): 'rules' or 'llm'."""
    chosen = ExtractorChoice(choice) if choice else settings.effective_extractor
    if chosen is ExtractorChoice.auto:
        chosen = settings.effective_extractor
    if chosen is ExtractorChoice.llm:
        from assistant.extract.llm import LLMExtractor  # imported late: LangChain is slow to load

        return LLMExtractor(settings)
    from assistant.extract.rules import RulesExtractor

    return RulesExtractor()
