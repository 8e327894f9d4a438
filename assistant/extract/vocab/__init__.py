"""The rules extractor's vocabularies: TOML data per language, read once and cached.

Layout: `common.toml` and `symbols.toml` (language-neutral data) and one folder per language
(`en/`, `it/`, `pl/`) holding `interactions.toml`, `grammar.toml`, `people.toml`,
`places.toml`, `industries.toml`, `bant.toml`, `qualifiers.toml`, and the schema-checked
`dates.toml`, `numbers.toml` and `language.toml` (see `schema.py`). Adding a language is
adding a folder; adding a synonym is adding a line. Patterns are regexes matched on a *folded* copy of the
note (see `fold`), with the macros of `common.toml` expanded (`{gap}`, `{past}`, ...).
"""

from __future__ import annotations

import re
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


def languages(needs: str = "interactions") -> tuple[str, ...]:
    """The languages whose folder has `<needs>.toml`, sorted.

    The rules extractor reads every file of a language, so by default a language is a folder
    with `interactions.toml`; the date, number and language readers ask for their own file
    (`languages("dates")`), so a folder holding only those files is a language to them.
    """
    return _languages(_root, needs)


@cache
def _languages(folder: Path, needs: str) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in folder.iterdir() if (p / f"{needs}.toml").is_file()))


def load(lang: str) -> dict[str, dict[str, Any]]:
    """Every TOML file of one language, by file stem: `load("pl")["people"]["seniority"]`."""
    return _load(_root, lang)


@cache
def _load(root_folder: Path, lang: str) -> dict[str, dict[str, Any]]:
    folder = root_folder / lang
    if not folder.is_dir():
        raise KeyError(f"no vocabulary for language {lang!r}")
    data: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            data[path.stem] = tomllib.load(fh)
    return data


_MACRO = re.compile(r"\{(gap|gap1|gap5|num|past)\}")


def expand(pattern: str) -> str:
    """A vocabulary pattern ready to compile: macros expanded, letters folded."""
    macros = common()["macros"]
    return fold_pattern(_MACRO.sub(lambda m: macros[m.group(1)], pattern))


def alternation(patterns: list[str], *, boundary: bool = True) -> str | None:
    """One regex source matching any of `patterns` (expanded), longest written first, each
    starting at a word boundary unless `boundary` is False. None for an empty list."""
    parts = [expand(p) for p in patterns if p]
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    body = "|".join(f"(?:{p})" for p in parts)
    return f"(?<![\\w]){'(?:' + body + ')'}" if boundary else f"(?:{body})"


def compile_any(
    patterns: list[str], *, boundary: bool = True, end_boundary: bool = False
) -> re.Pattern[str] | None:
    """Compile `alternation(patterns)` (multiline); None when there is nothing to match."""
    src = alternation(patterns, boundary=boundary)
    if src is None:
        return None
    if end_boundary:
        src += r"(?!\w)"
    return re.compile(src, re.MULTILINE)


def merged(langs: tuple[str, ...], file: str, *keys: str) -> list[Any]:
    """The lists found at `file` / `keys` in each language of `langs`, concatenated."""
    out: list[Any] = []
    for lang in langs:
        node: Any = load(lang).get(file, {})
        for key in keys:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        if isinstance(node, list):
            out.extend(node)
        elif isinstance(node, str):
            out.append(node)
    return out


@cache
def territory_names(lang: str) -> dict[str, str]:
    """Country names in `lang` from babel's territory list -> ISO alpha-2 code."""
    try:
        from babel import Locale

        territories = Locale.parse(lang).territories
    except Exception:  # babel without this locale: the TOML extras still work
        return {}
    return {name: code for code, name in territories.items() if len(code) == 2 and code.isalpha()}
