"""Shared helpers of the rules-extractor pattern tables (tests/extract/test_rules_*.py).

A note is read as a user meets the extractor: no language hint, a fixed reference date.
A table is a list of `row(lang, slug, text, want)`; every table speaks English, Italian and
Polish, and a row the engine gets wrong keeps its place with `xfail="the rule it needs"`
(a strict xfail: the day the engine learns the rule, the mark must go).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import pytest

from assistant.domain import Extraction, Interaction
from assistant.extract.rules import RulesExtractor

AS_OF = date(2025, 6, 18)  # a Wednesday
YESTERDAY = date(2025, 6, 17)
LANGS = ("en", "it", "pl")


@cache
def _extractor() -> RulesExtractor:
    return RulesExtractor()


def read(text: str, as_of: date = AS_OF) -> Extraction:
    """The extraction of `text`; every interaction and disqualifier quotes the note."""
    extraction = _extractor().extract(text, as_of=as_of).extraction
    for item in [*extraction.interactions, *extraction.disqualifiers]:
        assert item.evidence and item.evidence in text, f"evidence not verbatim: {item.evidence!r}"
    return extraction


def kinds(text: str, as_of: date = AS_OF) -> set[str]:
    return {i.kind.value for i in read(text, as_of).interactions}


def disqualifiers(text: str) -> set[str]:
    return {d.kind.value for d in read(text).disqualifiers}


def one(text: str, kind: str, as_of: date = AS_OF) -> Interaction:
    """The first interaction of `kind` (the test fails when there is none)."""
    found = [i for i in read(text, as_of).interactions if i.kind.value == kind]
    assert found, f"no {kind} in {text!r}: {kinds(text, as_of)}"
    return found[0]


def value(x: Any) -> Any:
    """An enum's value, or the plain value (None stays None)."""
    return getattr(x, "value", x)


def row(lang: str, slug: str, *values: Any, xfail: str | None = None) -> Any:
    """One table row with the id `<lang>-<slug>`; `xfail` names the engine rule it needs."""
    assert lang in LANGS, lang
    marks = [pytest.mark.xfail(reason=f"engine: {xfail}", strict=True)] if xfail else []
    return pytest.param(*values, id=f"{lang}-{slug}", marks=marks)


def table(*rows: Any) -> list[Any]:
    """The rows, checked: ids are unique and every language of LANGS has rows."""
    ids = [r.id for r in rows]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    missing = set(LANGS) - {i.split("-", 1)[0] for i in ids}
    assert not missing, f"a table without {sorted(missing)}"
    return list(rows)
