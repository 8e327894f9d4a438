"""A note cut into sentences and clauses, with its quoted titles, for the rules extractor.

Sentences end at line breaks, bullets, `;`, `!`, `?` and at a full stop before a word
(not after an abbreviation such as "ok." or "Sp.": reps often start sentences in lowercase). Clauses also end at commas, colons,
brackets, dashes and the language's conjunctions ("and", "e", "i"): negation and dates
reach only as far as their clause. Quoted titles ("Carrelli abbandonati: come recuperarli")
are remembered so their words are not read as actions.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from assistant.extract.lexicon import Lexicon
from assistant.extract.vocab import fold

_SENTENCE_END = re.compile(r"\n|[•·▪●]|\s[|]\s|;|[!?]+|\.(?=\s+[\"“„'(]?[^\W_])|\.\s*$")
_CLAUSE_END = re.compile(r"(?<!\d),|,(?!\d)|:(?!\d)|[()\[\]|→⇒]|\s[–—-]\s|\s\+\s|\s&\s(?=[a-z])")
_QUOTES = re.compile(
    r"\"[^\"\n]{1,160}\"|“[^”\n]{1,160}”|„[^”“\n]{1,160}[”“]|«[^»\n]{1,160}»|‘[^’\n]{1,160}’"
    r"|(?<![\w])'[^'\n]{1,120}'(?![\w])"
)
_WORD_BEFORE_DOT = re.compile(r"([\w.]+)$")


@dataclass
class Doc:
    text: str
    folded: str
    lex: Lexicon
    sentences: list[tuple[int, int]] = field(default_factory=list)
    clauses: list[tuple[int, int]] = field(default_factory=list)
    clause_sentence: list[int] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    # where the lead speaks ("I downloaded...", "vi seguo", "pobrałam"): a quoted message or
    # the body of an email from them; there the first person is the lead, not the rep
    voice: list[tuple[int, int]] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def clause_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._clause_starts, pos) - 1)

    def in_voice(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.voice)

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The multi-word quoted span containing `pos`, if any."""
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        if i >= 0:
            s, e = self.quotes[i]
            if s <= pos < e:
                return s, e
        return None


def _is_abbreviation(folded: str, dot: int, lex: Lexicon) -> bool:
    m = _WORD_BEFORE_DOT.search(folded, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    # an initial ("J.") or a dotted abbreviation ("a.m."), not a number ending a sentence ("Opens: 5.")
    if word.isdigit():
        return False
    return word in lex.abbreviations or len(word) == 1 or bool(re.fullmatch(r"(?:\w\.)+\w?", word))


def segment(text: str, lex: Lexicon) -> Doc:
    folded = fold(text)
    doc = Doc(text=text, folded=folded, lex=lex)
    cuts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _is_abbreviation(folded, m.start(), lex):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    bounds = sorted(set(cuts))
    sentences = [(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
    if not sentences:
        sentences = [(0, len(text))]
    doc.sentences = sentences
    doc._sent_starts = [s for s, _ in sentences]
    conj = lex.conjunctions
    # a short quoted title is one phrase: 'Live Demo: scoring in 15 minutes' is not cut at ":"
    titles = [
        (m.start(), m.end())
        for m in _QUOTES.finditer(text)
        if m.end() - m.start() <= 70 and not re.search(r"[.!?]\s", m.group())
    ]

    def in_title(pos: int) -> bool:
        return any(a < pos < b - 1 for a, b in titles)

    for si, (s, e) in enumerate(sentences):
        inner = [s]
        for m in _CLAUSE_END.finditer(text, s, e):
            if not in_title(m.start()):
                inner.append(m.end())
        if conj is not None:
            for m in conj.finditer(text, s, e):
                # a conjunction starts a clause only between spaces; matched on the text as
                # written, so the Italian verb "è" is not the conjunction "e"
                if (
                    m.start() > s
                    and text[m.start() - 1].isspace()
                    and m.end() < e
                    and text[m.end()].isspace()
                ):
                    inner.append(m.start())
        inner.append(e)
        pts = sorted(set(inner))
        for a, b in itertools.pairwise(pts):
            if b > a:
                doc.clauses.append((a, b))
                doc.clause_sentence.append(si)
    doc._clause_starts = [s for s, _ in doc.clauses]
    doc.quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(text) if " " in m.group().strip()]
    doc.voice = _voice(text)
    doc._quote_starts = [s for s, _ in doc.quotes]
    return doc


_MESSAGE = re.compile(r"\"[^\"\n]{30,}\"|“[^”\n]{30,}”|„[^”“\n]{30,}[”“]|«[^»\n]{30,}»")
_MAIL_FROM = re.compile(
    r"^[ \t>]*(?:from|da|od)\s*:[^\n<]*<[^>\n]+@[^>\n]+>", re.MULTILINE | re.IGNORECASE
)
_MAIL_END = re.compile(
    r"^[ \t]*(?:-{2,}|_{2,}|(?:nb|n\.b\.|note|notes|context|contesto|nota|note\s+\w+|notatka|uwaga|kontekst|rep|ae|sdr)\b[^:\n]{0,20}:)",
    re.MULTILINE | re.IGNORECASE,
)


def _voice(text: str) -> list[tuple[int, int]]:
    # a message, not a title: it has a comma or a sentence end inside ("Hi, I downloaded...")
    spans = [
        (m.start(), m.end())
        for m in _MESSAGE.finditer(text)
        if re.search(r"[,.!?](?:\s|$)", m.group()[1:-1])
    ]
    for m in _MAIL_FROM.finditer(text):
        end = _MAIL_END.search(text, m.end())
        spans.append((m.end(), end.start() if end else len(text)))
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding spaces, bullets and dangling punctuation."""
    strip = " \t\r\n-–—•·*>,;:.|+→"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end
