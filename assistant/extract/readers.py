"""What a few words say, for grounding: the numbers, sizes, places, currencies, deadlines
and BANT cues the offline extractor reads in a quote.

Grounding asks these questions of the evidence a model (or the rules) gave for a fact, so
that a value must agree with its own words: "~120 people" holds 120, "based in Hamburg"
names a place in DE. Every word comes from the vocabularies; this module only asks.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.extract.dates import find_dates, find_deadline_days
from assistant.extract.numbers import find_amounts, find_counts, find_numbers

__all__ = [
    "Reading",
    "authority_cue",
    "budget_cue",
    "class_hits",
    "countries_named",
    "currencies_named",
    "has_deadline",
    "headcounts",
    "numbers",
]


def _hits(text: str):
    """The vocabulary classes found in `text` (the engine's lexicon, every language)."""
    from assistant.extract.engine.lexicon import lexicon

    lex = lexicon()
    return lex.find(lex.tokenize(text))


Found = tuple[str, int, int, object]  # class, start char, end char, value


def class_hits(text: str) -> list[Found]:
    """(class, start char, end char, value) of every vocabulary class found in `text`."""
    from assistant.extract.engine.lexicon import lexicon

    lex = lexicon()
    tokens = lex.tokenize(text)
    return [(h.cls, tokens[h.start].start, tokens[h.end - 1].end, h.value) for h in lex.find(tokens)]


class Reading:
    """The vocabulary classes of a whole note, read once, asked about any span of it."""

    def __init__(self, text: str, found: list[Found] | None = None) -> None:
        self.text = text
        self.found = sorted(class_hits(text) if found is None else found, key=lambda f: f[1])
        self._starts = [f[1] for f in self.found]

    def within(self, start: int, end: int) -> list[Found]:
        import bisect

        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [f for f in self.found[lo:hi] if f[2] <= end]

    def has(self, start: int, end: int, *classes: str) -> bool:
        return any(f[0] in classes for f in self.within(start, end))

    def countries(self, start: int, end: int) -> set[str]:
        """The countries of the places named at start..end: the vocabulary's, else any
        city the gazetteer knows among its capitalised words ("Cles", "Brno")."""
        named = {str(f[3]) for f in self.within(start, end) if f[0] in ("city", "country", "region", "demonym")}
        return named or gazetteer_countries(self.text[start:end])

    def headcounts(self, start: int, end: int, lang: str | None = None) -> set[int]:
        found = {int(v) for v in numbers(self.text[start:end], lang) if v >= 1 and v == int(v)}
        found |= {int(f[3]) for f in self.within(start, end) if f[0] == "vague_size"}
        return found


_CAPITALISED = re.compile(r"[^\W\d_][^\W\d_'’.-]*")


def gazetteer_countries(text: str, *, max_words: int = 3) -> set[str]:
    """Countries of the gazetteer's cities named by capitalised words of `text` (runs of up
    to `max_words` words)."""
    from assistant.extract.gazetteer import lookup

    words = [m.group() for m in _CAPITALISED.finditer(text)]
    found: set[str] = set()
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        for n in range(max_words, 0, -1):
            run = words[i : i + n]
            if len(run) == n and all(w[:1].isupper() for w in run):
                place = lookup(" ".join(run))
                if place is not None:
                    found.add(place.country)
                    break
    return found


def numbers(text: str, lang: str | None = None) -> set[float]:
    """Every number written in `text`: digits ("1.200", "50k", "2,5 mln") and words ("two")."""
    found = {n.value for n in find_numbers(text, lang)}
    found |= {float(n.value) for n in find_counts(text, lang)}
    return found


def headcounts(text: str, lang: str | None = None) -> set[int]:
    """The whole numbers `text` could give as a headcount, in digits, words or a size in
    words ("just me and my sister" is 2)."""
    found = {int(v) for v in numbers(text, lang) if v >= 1 and v == int(v)}
    found |= {int(h.value) for h in _hits(text) if h.cls == "vague_size"}
    return found


def countries_named(text: str) -> set[str]:
    """ISO codes of the places `text` names: cities, countries, regions, demonyms, in any
    language (inflected forms too: "w Krakowie")."""
    return {str(h.value) for h in _hits(text) if h.cls in ("city", "country", "region", "demonym")}


def currencies_named(text: str, lang: str | None = None) -> set[str]:
    return {code for _, code in find_amounts(text, lang) if code}


def has_deadline(text: str, as_of: date, lang: str | None = None) -> bool:
    """Whether `text` states a date or a period a purchase deadline can be read from."""
    if find_deadline_days(text, as_of, lang) is not None:
        return True
    return bool(find_dates(text, as_of, lang)) or any(ch.isdigit() for ch in text)


def budget_cue(text: str, lang: str | None = None) -> bool:
    """Whether `text` talks about a budget or money (a budget word, or an amount)."""
    if any(h.cls.startswith("budget") for h in _hits(text)):
        return True
    return bool(find_amounts(text, lang))


def authority_cue(text: str) -> bool:
    """Whether `text` says who decides, signs or approves."""
    return any(h.cls in ("decides", "needs_approval") for h in _hits(text))
