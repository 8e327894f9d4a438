"""The offline extractor's vocabularies: TOML data per language, read once and cached.

Layout (README.md): `common.toml` and `symbols.toml` (language-neutral data) and one folder
per language (`en/`, `it/`, `pl/`) holding the engine's `words.toml`, `kinds.toml`,
`people.toml`, `companies.toml`, `deals.toml`, `places.toml` and the schema-checked
`dates.toml`, `numbers.toml` and `language.toml` (see `schema.py`). Adding a language is
adding a folder; adding a synonym is adding a line.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

VOCAB_DIR = Path(__file__).resolve().parent
_root = VOCAB_DIR


def root() -> Path:
    """The vocabulary folder in use: this package's, unless `use_root` says otherwise."""
    return _root


@contextmanager
def use_root(folder: Path) -> Iterator[Path]:
    """Read the vocabularies from `folder` (a copy of this one, say, with a new language).

    Every cache of this package is keyed by the folder, so leaving the block goes back to
    the vocabularies read before it. For tests and tools trying out data; the extractor
    itself never switches.
    """
    global _root
    previous, _root = _root, Path(folder).resolve()
    try:
        yield _root
    finally:
        _root = previous


# Letters whose decomposition does not strip to an ASCII base, and typographic variants.
_SPECIAL = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ß", "æ": "æ",
            "’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "}  # fmt: skip


@cache
def _fold_char(c: str) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    low = c.lower()
    if len(low) != 1:
        low = low[0]
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """Lowercase, strip diacritics, ł -> l, curly apostrophes -> '. Keeps every character at
    its place (`len(fold(t)) == len(t)`), so offsets in the folded text are offsets in `t`."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def fold_pattern(pattern: str) -> str:
    """Fold the letters of a regex, leaving escapes (\\W, \\S, \\d ...) untouched."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(_fold_char(c))
        i += 1
    return "".join(out)


def common() -> dict[str, Any]:
    """The language-neutral data (common.toml)."""
    return _common(_root)


@cache
def _common(folder: Path) -> dict[str, Any]:
    with (folder / "common.toml").open("rb") as fh:
        return tomllib.load(fh)


def languages(needs: str = "kinds") -> tuple[str, ...]:
    """The languages whose folder has `<needs>.toml`, sorted.

    The engine reads every file of a language, so by default a language is a folder with
    `kinds.toml`; the date, number and language readers ask for their own file
    (`languages("dates")`), so a folder holding only those files is a language to them.
    """
    return _languages(_root, needs)


@cache
def _languages(folder: Path, needs: str) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in folder.iterdir() if (p / f"{needs}.toml").is_file()))
