"""Finding a quote in a note: the same words whatever their case, accents, quotes or spacing.

`fold(text)` keeps every character at its place (`len(fold(t)) == len(t)`): lower case,
diacritics stripped (ł -> l), typographic quotes, dashes and spaces made plain. So an
offset found in the folded text is an offset in the note, and `locate` returns the note's
own words for a quote an extractor or a model wrote with other quotes, spaces or case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

__all__ = ["fold", "locate", "quote_at"]

# Characters whose decomposition has no plain base, and typographic variants (one for one).
_SPECIAL = {
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ß", "æ": "æ", "Æ": "æ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "`": "'",
    "\u00b4": "'", "\u2039": "'", "\u203a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ", "\r": " ",
    "\u2026": ".",
}  # fmt: skip


@cache
def _fold_char(c: str) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    low = c.lower()
    if len(low) != 1:
        low = low[0]
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


class _FoldTable(dict):
    """str.translate table folding each character (filled as characters are met)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case, no diacritics, plain quotes, dashes and spaces; same length as `text`."""
    if text.isascii() and "`" not in text and "\t" not in text and "\r" not in text:
        return text.lower()
    return text.translate(_TABLE)


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.+|\u2026|\[\.\.\.\])\s*")
_EDGE = " \n\"'.,;:!?()[]{}-*>"
_MIN_FRAGMENT = 3
# A quote shortened with "..." may leave out this much of the note between its fragments.
_MAX_SKIPPED = 200


@lru_cache(maxsize=20_000)
def _pattern(fragment: str) -> re.Pattern[str] | None:
    words = fold(fragment).split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def locate(
    quote: str | None,
    text: str,
    *,
    folded: str | None = None,
    avoid: list[tuple[int, int]] | None = None,
    shortest: int = _MIN_FRAGMENT,
) -> tuple[int, int] | None:
    """Where `quote` stands in `text` as (start, end), or None when it is not there.

    Case, accents, quotes, dashes and spacing may differ; surrounding punctuation is
    ignored; a quote shorter than `shortest` letters shows nothing ("MD" is a title: pass 2). A quote shortened with "..." is found when its fragments appear in order,
    close together; the span then runs from the first to the last. An occurrence outside
    the `avoid` spans is preferred to one inside them.
    """
    if not quote:
        return None
    haystack = folded if folded is not None else fold(text)
    fragments = [f.strip(_EDGE) for f in _ELLIPSIS.split(quote)]
    fragments = [f for f in fragments if f]
    if not fragments or len(fold(fragments[0])) < shortest:
        return None
    if len(fragments) > 1 and any(len(f) < _MIN_FRAGMENT for f in fragments):
        return None
    patterns = [_pattern(f) for f in fragments]
    if any(p is None for p in patterns):
        return None
    first, rest = patterns[0], patterns[1:]
    fallback: tuple[int, int] | None = None
    for m in first.finditer(haystack):  # type: ignore[union-attr]
        span = _follow(haystack, m.start(), m.end(), rest)  # type: ignore[arg-type]
        if span is None:
            continue
        if not avoid or not any(a <= span[0] and span[1] <= b for a, b in avoid):
            return span
        fallback = fallback or span
    return fallback


def _follow(
    haystack: str, start: int, end: int, rest: list[re.Pattern[str]]
) -> tuple[int, int] | None:
    for pattern in rest:
        m = pattern.search(haystack, end, end + _MAX_SKIPPED + 400)
        if m is None or m.start() - end > _MAX_SKIPPED:
            return None
        end = m.end()
    return start, end


def quote_at(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]
