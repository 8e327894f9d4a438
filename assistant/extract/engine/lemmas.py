"""Every inflected form of the vocabulary's words, for matching a note's words by lemma.

A vocabulary writes a word once ("scaricare", "pobrać", "download"); a note inflects it
("scaricato", "pobrała", "pobrala", "downloaded"). simplemma's dictionaries know the forms,
but loading them costs seconds (Polish holds 3.7 million forms, 5 s), too much for each
CLI start. So the first process keeps, from each language's dictionary, only the forms
whose lemma is a word of that language's vocabulary, folded (lower case, no diacritics: "pobrala"
then meets "pobrać" too), and caches that small table next to the gazetteer's index
($LEADQUAL_CACHE_DIR, else the user's cache directory), in a file named after a hash of
the vocabulary's words and simplemma's version: a vocabulary edit builds a new one. Later
processes read only that file. Without simplemma, words match by their folded form and
the vocabulary's stems.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
from pathlib import Path

from assistant.extract.spans import fold

__all__ = ["form_lemmas"]

log = logging.getLogger(__name__)
_FORMAT = 2


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("simplemma")
    except Exception:  # not installed
        return ""


def _cache_file(keys: dict[str, frozenset[str]]) -> Path:
    from assistant.extract.gazetteer import cache_dir

    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}|{_version()}|".encode())
    for lang in sorted(keys):
        digest.update(f"{lang}:".encode())
        for key in sorted(keys[lang]):
            digest.update(key.encode())
            digest.update(b"\0")
    return cache_dir() / f"lemmas-{digest.hexdigest()[:16]}.marshal"


def _build(keys_by_lang: dict[str, frozenset[str]]) -> dict[str, tuple[tuple[str, str], ...]]:
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
    except ImportError:
        return {}
    factory = DefaultDictionaryFactory()
    found: dict[str, dict[str, set[str]]] = {}
    for lang, keys in sorted(keys_by_lang.items()):
        try:
            dictionary = factory.get_dictionary(lang)
        except (ValueError, KeyError, OSError):
            continue
        for form, lemma in dictionary.items():
            if isinstance(lemma, bytes):
                lemma = lemma.decode("utf-8")
            if isinstance(form, bytes):
                form = form.decode("utf-8")
            key = fold(lemma.lower())
            if key not in keys:
                continue
            written = fold(form.lower())
            if written != key:
                found.setdefault(written, {}).setdefault(key, set()).add(lang)
    return {form: tuple((lemma, " ".join(sorted(langs))) for lemma, langs in sorted(lemmas.items()))
            for form, lemmas in found.items()}


_LOADED: dict[Path, dict[str, tuple[tuple[str, str], ...]]] = {}


def form_lemmas(keys: dict[str, frozenset[str]]) -> dict[str, tuple[tuple[str, str], ...]]:
    """{folded form: ((vocabulary lemma, the languages whose dictionary says so), ...)},
    built once and cached on disk. `keys` holds
    each language's own vocabulary words: a language's dictionary inflects only those (a
    Polish form of the English city "Graz" is no reason to read Italian "Grazie" as it)."""
    path = _cache_file(keys)
    if path in _LOADED:
        return _LOADED[path]
    table: dict[str, tuple[tuple[str, str], ...]] | None = None
    try:
        with path.open("rb") as fh:
            table = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        table = None
    if not isinstance(table, dict):
        log.info("leadqual: reading the word forms of the vocabulary (first run only)")
        table = _build(keys)
        _write(path, table)
    _LOADED[path] = table
    return table


def _write(path: Path, table: dict[str, tuple[tuple[str, str], ...]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lemmas-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(table, fh)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache only costs the next process the same build
        log.warning("could not cache the word forms in %s: %s", path.parent, exc)
