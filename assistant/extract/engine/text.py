"""A note as tokens: words, numbers, emails, urls and symbols with their offsets and the
forms the vocabularies are matched on.

Every token keeps `start`/`end` in the note, so evidence is always the note's own words.
A word is matched by its folded form (lower case, no diacritics: "pobrala" and "pobrała"
read alike) and by its lemma in each vocabulary language (simplemma: "pobrała" ->
"pobrać", "scaricato" -> "scaricare", "Krakowie" -> "Kraków"), so an inflection, or a note
typed without Polish or Italian letters, meets the same cue. No word of any language is
named here: elisions (Italian "l'", "dell'") come from the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.extract.spans import fold

__all__ = ["Token", "tokenize"]

# One pass, longest shapes first: an email, a url, a number (with its separators: "1.200",
# "2,5"; a glued unit is a word of its own: "50k" is "50" "k", "3x" is "3" "x"), a word (with apostrophes inside: "didn't";
# a hyphen is a token of its own, so "e-book" is "e", "-", "book", and a term written
# "lead scoring" also meets "lead-scoring"), or any other visible character.
_TOKEN = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})"
    r"|(?P<url>(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?])"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’`][^\W\d_]+)*)"
    r"|(?P<sym>\S)"
)


@dataclass(slots=True)
class Token:
    i: int
    start: int
    end: int
    text: str
    kind: str  # word | num | email | url | sym
    fold: str
    keys: frozenset[str] = field(default_factory=frozenset)  # fold and lemmas (folded)
    forms: dict[str, str] | None = None  # lemma -> the languages it is a form in ("it pl")

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def capitalised(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        return self.kind == "word" and len(self.text) > 1 and self.text.isupper()


def tokenize(
    text: str, *, langs: tuple[str, ...] = (), elisions: frozenset[str] = frozenset(),
    clitics: frozenset[str] = frozenset(), forms: dict[str, tuple[tuple[str, str], ...]] | None = None,
) -> list[Token]:
    """The tokens of `text`; a word's keys are its folded form and, with `forms` (folded
    form -> vocabulary lemmas, engine/lemmas.py), its lemmas. A word opening with an
    elision of the vocabulary ("l'ebook", "dell'azienda") is two tokens: "l'" and "ebook";
    a word ending in a clitic ("we'd", "didn't") is two too: "we" + "'d", "did" + "n't"."""
    tokens: list[Token] = []
    folded = fold(text)  # one pass: a token's folded form is a slice of it
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sym"
        start, end = m.start(), m.end()
        raw = m.group()
        if kind == "word" and elisions:
            cut = _elision_cut(raw, elisions)
            if cut:
                _add(tokens, text, folded, start, start + cut, "word", forms)
                start += cut
                raw = text[start:end]
                if not raw:
                    continue
        if kind == "word" and clitics and ("'" in raw or "’" in raw):
            cut = _clitic_cut(raw, clitics)
            if cut:
                _add(tokens, text, folded, start, start + cut, "word", forms)
                _add(tokens, text, folded, start + cut, end, "word", forms)
                continue
        _add(tokens, text, folded, start, end, kind, forms)
    return tokens


def _clitic_cut(word: str, clitics: frozenset[str]) -> int:
    folded = fold(word)
    for clitic in clitics:
        if folded.endswith(clitic) and len(folded) > len(clitic):
            return len(word) - len(clitic)
    return 0


def _elision_cut(word: str, elisions: frozenset[str]) -> int:
    for i, ch in enumerate(word):
        if ch in "'’`" and i + 1 < len(word):
            return i + 1 if fold(word[: i + 1]) in elisions else 0
    return 0


def _add(tokens: list[Token], text: str, folded_text: str, start: int, end: int, kind: str,
         forms: dict[str, tuple[tuple[str, str], ...]] | None) -> None:
    raw = text[start:end]
    folded = folded_text[start:end]
    lemmas = forms.get(folded) if forms and kind == "word" else None
    if lemmas:
        keys = frozenset((folded, *(lemma for lemma, _ in lemmas)))
        tokens.append(Token(len(tokens), start, end, raw, kind, folded, keys, dict(lemmas)))
    else:
        tokens.append(Token(len(tokens), start, end, raw, kind, folded, frozenset((folded,))))
