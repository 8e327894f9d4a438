"""What a few words say, for grounding: the numbers, sizes, places, currencies, deadlines
and BANT cues the offline extractor reads in a quote.

Grounding asks these questions of the evidence a model (or the rules) gave for a fact, so
that a value must agree with its own words: "~120 people" holds 120, "based in Hamburg"
names a place in DE. Every word comes from the vocabularies; this module only asks.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from assistant.extract import vocab
from assistant.extract.dates import find_dates, find_deadline_days
from assistant.extract.lexicon import Lexicon, lexicon, place_code
from assistant.extract.numbers import find_amounts, find_counts, find_numbers
from assistant.extract.vocab import fold

__all__ = [
    "authority_cue",
    "budget_cue",
    "countries_named",
    "currencies_named",
    "has_deadline",
    "headcounts",
    "numbers",
]


@cache
def _all() -> Lexicon:
    return lexicon(vocab.languages())


def numbers(text: str, lang: str | None = None) -> set[float]:
    """Every number written in `text`: digits ("1.200", "50k", "2,5 mln") and words ("two")."""
    found = {n.value for n in find_numbers(text, lang)}
    found |= {float(n.value) for n in find_counts(text, lang)}
    return found


def headcounts(text: str, lang: str | None = None) -> set[int]:
    """The whole numbers `text` could give as a headcount."""
    return {int(v) for v in numbers(text, lang) if v >= 1 and v == int(v)}


def countries_named(text: str) -> set[str]:
    """ISO codes of the places `text` names: cities, countries, regions, demonyms, in any
    language (inflected forms too: "w Krakowie")."""
    lex = _all()
    folded = fold(text)
    codes: set[str] = set()
    for pattern, table in (
        (lex.places, lex.place_codes),
        (lex.countries, lex.country_codes),
        (lex.demonyms, lex.demonym_codes),
    ):
        if pattern is None:
            continue
        for m in pattern.finditer(folded):
            code = place_code(table, m.group())
            if code:
                codes.add(code)
    return codes


def currencies_named(text: str, lang: str | None = None) -> set[str]:
    return {code for _, code in find_amounts(text, lang) if code}


def has_deadline(text: str, as_of: date, lang: str | None = None) -> bool:
    """Whether `text` states a date or a period a purchase deadline can be read from."""
    if find_deadline_days(text, as_of, lang) is not None:
        return True
    return bool(find_dates(text, as_of, lang)) or any(ch.isdigit() for ch in text)


def budget_cue(text: str, lang: str | None = None) -> bool:
    """Whether `text` talks about a budget or money (a budget word, or an amount)."""
    lex = _all()
    folded = fold(text)
    if lex.budget_words is not None and lex.budget_words.search(folded):
        return True
    return bool(find_amounts(text, lang))


def authority_cue(text: str) -> bool:
    """Whether `text` says who decides, signs or approves."""
    folded = fold(text)
    return any(p.search(folded) for p in _all().authority.values())
