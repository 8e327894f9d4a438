"""Which language a rep wrote in, from function words, letters and word shapes.

The languages and their signs are data: `vocab/<lang>/language.toml` (stop words, letters
only that language writes, accented final letters, elisions, typical endings and letter
clusters). Letters and accented endings are strong signs; frequent function words decide
the rest, also for Polish written without diacritics. On a tie or with no evidence the
answer is the language of the lowest `tie_rank` (English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from assistant.extract import vocab

__all__ = ["LANGUAGES", "best_language", "detect_language", "language_scores"]

LANGUAGES: tuple[str, ...]  # the languages with a language.toml, by tie rank; read when asked

# A capitalised word with letters of one language is often only a name ("Łukasz", "Kraków").
_NAME_WEIGHT = 0.3
# Weaker hints from word shapes, for notes with few function words ("Scaricato ebook").
_SHAPE_WEIGHT = 0.4
# A word ending in an accented letter of one language ("perché", "città").
_FINAL_WEIGHT = 1.5
_APOSTROPHES = "'’"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class _Detector:
    langs: tuple[str, ...]  # by tie rank: the first is the answer on a tie
    stop: dict[str, int]  # word -> index into langs
    elisions: tuple[tuple[int, tuple[str, ...]], ...]
    shapes: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]  # endings, clusters
    letters: tuple[tuple[int, frozenset[str]], ...]
    finals: tuple[tuple[int, frozenset[str]], ...]
    votes: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)  # word -> its votes, as met


@cache
def _detector(folder: Path) -> _Detector:
    """The detector of the vocabulary in `folder` (derived once a vocabulary: kept in the
    cache directory)."""
    from assistant.extract.engine.lexicon import cached_build

    return cached_build(Path(__file__).stem, folder, __file__, lambda: _derive(folder))


def _derive(folder: Path) -> _Detector:
    from assistant.extract.vocab import schema

    found = {
        lang: schema.read(lang, schema.LanguageVocab)
        for lang in schema.languages_with(schema.LanguageVocab)
    }
    langs = tuple(sorted(found, key=lambda lang: (found[lang].tie_rank, lang)))
    stop: dict[str, int] = {}
    elisions, shapes, letters, finals = [], [], [], []
    for i, lang in enumerate(langs):
        data = found[lang]
        for word in data.stopwords:
            stop.setdefault(word, i)
        if data.elisions:
            forms = tuple(e[:-1] + q for e in data.elisions for q in _APOSTROPHES)
            elisions.append((i, forms))
        if data.endings or data.clusters:
            shapes.append((i, tuple(data.endings), tuple(data.clusters)))
        if data.letters:
            letters.append((i, frozenset(data.letters)))
        if data.final_letters:
            finals.append((i, frozenset(data.final_letters)))
    return _Detector(langs, stop, tuple(elisions), tuple(shapes), tuple(letters), tuple(finals))


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "LANGUAGES":
        return _detector(vocab.root()).langs
    raise AttributeError(name)


def detect_language(text: str) -> str:
    """The language of `text` ("en", "it", "pl", ...): the best score; on a tie or with no
    evidence the language of the lowest tie rank."""
    return best_language(language_scores(text))


def best_language(scores: dict[str, float]) -> str:
    """The language of the best score; on a tie or with none above 0, the lowest tie rank."""
    langs = _detector(vocab.root()).langs
    best = max((scores.get(lang, 0.0) for lang in langs), default=0.0)
    if best <= 0:
        return langs[0]
    return next(lang for lang in langs if scores.get(lang, 0.0) == best)


def language_scores(text: str) -> dict[str, float]:
    """Each language's evidence in `text` (function words, letters, shapes)."""
    det = _detector(vocab.root())
    scores = [0.0] * len(det.langs)
    votes = det.votes
    for word in _WORD.findall(text):
        vote = votes.get(word)
        if vote is None:
            vote = _word_votes(det, word)
            if len(votes) < _MAX_REMEMBERED:
                votes[word] = vote
        for i, weight in vote:
            scores[i] += weight
    return dict(zip(det.langs, scores, strict=True))


_MAX_REMEMBERED = 100_000  # words whose votes a process keeps (a note's words recur)


def _word_votes(det: _Detector, word: str) -> tuple[tuple[int, float], ...]:
    """The (language index, weight) votes of one word: a function word or an elision is one
    language's; a word of four letters or more (ascii) votes by its shape; another by its
    letters or, failing those, its last letter."""
    low = word.lower()
    index = det.stop.get(low)
    if index is not None:
        return ((index, 1.0),)
    if "'" in low or "’" in low:
        elided = next((i for i, forms in det.elisions if low.startswith(forms)), None)
        if elided is not None:
            return ((elided, 1.0),)
    if low.isascii():
        if len(low) > 3:
            return tuple((i, _SHAPE_WEIGHT) for i, endings, clusters in det.shapes
                         if low.endswith(endings) or any(c in low for c in clusters))
        return ()
    for i, letters in det.letters:
        if not letters.isdisjoint(low):
            return ((i, _NAME_WEIGHT if word[0].isupper() else 1.0),)
    for i, finals in det.finals:
        if low[-1] in finals:
            return ((i, _FINAL_WEIGHT),)
    return ()
