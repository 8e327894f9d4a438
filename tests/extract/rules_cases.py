"""Shared helpers for the rules-extractor tests: run a note, read kinds and attributes."""

from __future__ import annotations

from datetime import date

from assistant.domain import Extraction
from assistant.extract.rules import RulesExtractor

AS_OF = date(2025, 6, 18)  # a Wednesday
EXTRACTOR = RulesExtractor()


def read(text: str, lang: str | None = None, as_of: date = AS_OF) -> Extraction:
    result = EXTRACTOR.extract(text, as_of=as_of, lang=lang)
    for item in [*result.extraction.interactions, *result.extraction.disqualifiers]:
        assert item.evidence in text, f"evidence not verbatim: {item.evidence!r}"
    return result.extraction


def kinds(text: str, lang: str | None = None) -> set[str]:
    return {i.kind.value for i in read(text, lang).interactions}


def one(text: str, kind: str, lang: str | None = None, as_of: date = AS_OF):
    found = [i for i in read(text, lang, as_of).interactions if i.kind.value == kind]
    assert found, f"no {kind} in {text!r}"
    return found[0]
