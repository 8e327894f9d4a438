"""What the engine takes from simplemma's dictionaries: word forms, known words, name forms.

A vocabulary writes a word once ("scaricare", "pobrać", "download"); a note inflects it
("scaricato", "pobrała", "pobrala", "downloaded"). simplemma's dictionaries know the forms,
but loading them costs seconds (Polish holds 3.7 million forms), too much for each CLI
start or note. So one pass over each language's dictionary keeps three small tables:

- `forms`: every folded form whose lemma is a word of that language's vocabulary, with
  its lemmas and the languages saying so ("pobrala" -> "pobrac", pl);
- `known`: a hash (CRC-32) of every folded word of the dictionaries, sorted, so a word
  one letter from a vocabulary word can be told a real word ("razem" is no typo of
  "gazem") without loading a dictionary; `own` the same per language, so a term of one
  language is not read into a word of another ("lost" of a Polish CRM status is an
  English word in an English sentence);
- `names`: capitalised forms whose lemma is capitalised too, for the name endings a
  language marks "=lemma" (Polish "Kacprem" -> "Kacper"), where cutting the ending does
  not give the lemma.

They are cached next to the gazetteer's index ($LEADQUAL_CACHE_DIR, else the user's cache
directory) in a file named after a hash of what they were built from (the vocabulary's
words and endings, simplemma's version): a vocabulary edit builds a new one. Later
processes read only that file. Without simplemma, words match by their folded form and
the vocabulary's stems, and no word is taken for a typo.
"""

from __future__ import annotations

import array
import bisect
import hashlib
import logging
import marshal
import os
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.extract.spans import fold

__all__ = ["WordTables", "word_tables"]

log = logging.getLogger(__name__)
_FORMAT = 5


@dataclass
class WordTables:
    forms: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    known: array.array = field(default_factory=lambda: array.array("I"))
    own: dict[str, array.array] = field(default_factory=dict)  # lang -> its words' hashes
    names_file: Path | None = None  # lang -> {Form: Lemma}, read when a name first needs it
    heads: array.array = field(default_factory=lambda: array.array("I"))  # names that are lemmas
    built: bool = False  # False without simplemma: nothing is known
    _names: dict[str, dict[str, str]] | None = None

    def is_word(self, folded: str) -> bool:
        """Whether a dictionary holds this folded word (a CRC-32 may, rarely, say yes for
        a word it does not hold: then a typo is left unread, never misread)."""
        return not self.built or _has(self.known, folded)

    def is_word_of(self, folded: str, lang: str) -> bool:
        """Whether `lang`'s dictionary holds this folded word (False when unknown)."""
        table = self.own.get(lang)
        return table is not None and _has(table, folded)

    def name_lemma(self, lang: str, word: str, ending: str) -> str:
        """A capitalised word ending in `ending` (a name ending marked "=lemma") in its
        dictionary form: itself when the dictionary has it as a lemma ("Anna"), the
        dictionary's lemma where cutting the ending is not it ("Kacprem" -> "Kacper"),
        else the word without the ending ("Nowakiem" -> "Nowak"); a word no dictionary
        holds stays as written."""
        written = word[:1].upper() + word[1:].lower() if word.isupper() or word.islower() else word
        if not self.built:
            return word
        lemma = self.names.get(lang, {}).get(written)
        if lemma is not None:
            return lemma
        if _has(self.heads, written):
            return word
        if not self.is_word(fold(word)):
            return word
        base = written[: len(written) - len(ending)]
        return base[:1].upper() + base[1:]


    @property
    def names(self) -> dict[str, dict[str, str]]:
        if self._names is None:
            self._names = {}
            if self.names_file is not None:
                try:
                    with self.names_file.open("rb") as fh:
                        self._names = marshal.load(fh)
                except (OSError, EOFError, ValueError, TypeError):
                    log.warning("could not read the name forms in %s", self.names_file)
        return self._names


def _has(table: array.array, text: str) -> bool:
    h = zlib.crc32(text.encode())
    k = bisect.bisect_left(table, h)
    return k < len(table) and table[k] == h


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("simplemma")
    except Exception:  # not installed
        return ""


def _cache_file(keys: dict[str, frozenset[str]], name_endings: dict[str, dict[str, str]]) -> Path:
    from assistant.extract.gazetteer import cache_dir

    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}|{_version()}|".encode())
    for lang in sorted(keys):
        digest.update(f"{lang}:".encode())
        for key in sorted(keys[lang]):
            digest.update(key.encode())
            digest.update(b"\0")
    for lang in sorted(name_endings):
        digest.update(f"{lang}=".encode())
        for ending, replacement in sorted(name_endings[lang].items()):
            digest.update(f"{ending}>{replacement}\0".encode())
    return cache_dir() / f"words-{digest.hexdigest()[:16]}.marshal"


def _build(keys_by_lang: dict[str, frozenset[str]], name_endings: dict[str, dict[str, str]]) -> WordTables:
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
    except ImportError:
        return WordTables()
    factory = DefaultDictionaryFactory()
    found: dict[str, dict[str, set[str]]] = {}
    known: set[int] = set()
    own: dict[str, set[int]] = {}
    heads: set[int] = set()
    names: dict[str, dict[str, str]] = {}
    crc = zlib.crc32
    for lang, keys in sorted(keys_by_lang.items()):
        try:
            dictionary = factory.get_dictionary(lang)
        except (ValueError, KeyError, OSError):
            continue
        lemma_key: dict[str, str] = {}
        mine = own.setdefault(lang, set())
        cut = sorted((e for e, r in name_endings.get(lang, {}).items() if r == "=lemma"), key=len, reverse=True)
        ends = tuple(cut)
        by_name = names.setdefault(lang, {})
        for form, lemma in dictionary.items():
            if isinstance(lemma, bytes):
                lemma = lemma.decode("utf-8")
            if isinstance(form, bytes):
                form = form.decode("utf-8")
            written = fold(form.lower())
            h = crc(written.encode())
            known.add(h)
            mine.add(h)
            key = lemma_key.get(lemma)
            if key is None:
                key = lemma_key[lemma] = fold(lemma.lower())
            if key in keys and written != key:
                found.setdefault(written, {}).setdefault(key, set()).add(lang)
            if ends and form[:1].isupper() and form.endswith(ends):
                if form == lemma:
                    heads.add(crc(form.encode()))  # a nominative that looks inflected: "Anna"
                else:
                    ending = next(e for e in cut if form.endswith(e))
                    if form[: len(form) - len(ending)] != lemma:
                        by_name[form] = lemma
        known.update(crc(k.encode()) for k in keys)
    forms = {form: tuple((lemma, " ".join(sorted(langs))) for lemma, langs in sorted(lemmas.items()))
             for form, lemmas in found.items()}
    tables = WordTables(forms, array.array("I", sorted(known)), {k: array.array("I", sorted(v)) for k, v in own.items()},
                        None, array.array("I", sorted(heads)), True)
    tables._names = {k: v for k, v in names.items() if v}
    return tables


def _names_path(path: Path) -> Path:
    return path.with_name(path.stem + "-names.marshal")


_LOADED: dict[Path, WordTables] = {}


def word_tables(keys: dict[str, frozenset[str]], name_endings: dict[str, dict[str, str]] | None = None) -> WordTables:
    """The tables for these vocabulary words (`keys`: each language's own; a language's
    dictionary inflects only those, so a Polish form of the English city "Graz" is no
    reason to read Italian "Grazie" as it) and name endings, built once and cached."""
    name_endings = name_endings or {}
    path = _cache_file(keys, name_endings)
    if path in _LOADED:
        return _LOADED[path]
    tables = _read_mapped(path)
    if tables is not None:
        _LOADED[path] = tables
        return tables
    try:
        with path.open("rb") as fh:
            raw = marshal.load(fh)
        known, heads = array.array("I"), array.array("I")
        known.frombytes(raw["known"])
        heads.frombytes(raw["heads"])
        own = {}
        for lang, data in raw["own"].items():
            own[lang] = array.array("I")
            own[lang].frombytes(data)
        tables = WordTables(raw["forms"], known, own, _names_path(path), heads, raw["built"])
        _write_mapped(path, tables)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        tables = None
    if tables is None:
        log.warning("leadqual: reading the dictionaries' word forms (first run only, about 30 s)")
        tables = _build(keys, name_endings)
        _write(path, tables)
        _write_mapped(path, tables)
    _LOADED[path] = tables
    return tables


# The same tables as two files the next processes read quicker: the forms (small) marshalled
# with where each hash table lies in the second file, the hash tables' raw 32-bit words,
# mapped into memory rather than read (30 MB: a CLI start would spend ~0.3 s copying them;
# a lookup touches a few pages).


def _mapped_paths(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.stem + "-forms.marshal"), path.with_name(path.stem + "-hashes.bin")


def _read_mapped(path: Path) -> WordTables | None:
    import gc
    import mmap

    meta_path, bin_path = _mapped_paths(path)
    collecting = gc.isenabled()
    try:
        gc.disable()  # 40,000 forms at once, among the vocabularies' objects: collecting is wasted time
        with meta_path.open("rb") as fh:
            meta = marshal.load(fh)
        if collecting:
            gc.enable()
        with bin_path.open("rb") as fh:
            if os.fstat(fh.fileno()).st_size != meta["size"] or meta["itemsize"] != array.array("I").itemsize:
                return None
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if meta["size"] else None
        words = memoryview(mapped).cast("I") if mapped is not None else memoryview(b"").cast("I")

        def table(name: str) -> memoryview:
            start, end = meta["tables"][name]
            return words[start:end]

        own = {lang: table("own:" + lang) for lang in meta["own"]}
        return WordTables(meta["forms"], table("known"), own, _names_path(path), table("heads"), meta["built"])
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    finally:
        if collecting:
            gc.enable()


def _write_mapped(path: Path, tables: WordTables) -> None:
    meta_path, bin_path = _mapped_paths(path)
    try:
        spans: dict[str, tuple[int, int]] = {}
        at = 0
        parts = [("known", tables.known), ("heads", tables.heads),
                 *(("own:" + lang, t) for lang, t in tables.own.items())]
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-")
        with os.fdopen(fd, "wb") as fh:
            for name, t in parts:
                fh.write(t.tobytes())
                spans[name] = (at, at + len(t))
                at += len(t)
        os.replace(tmp, bin_path)
        itemsize = array.array("I").itemsize
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump({"forms": tables.forms, "built": tables.built, "own": list(tables.own), "tables": spans,
                          "size": at * itemsize, "itemsize": itemsize}, fh)
        os.replace(tmp, meta_path)
    except OSError as exc:
        log.warning("could not cache the word forms in %s: %s", path.parent, exc)


def _write(path: Path, tables: WordTables) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(tables.names, fh)
        os.replace(tmp, _names_path(path))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump({"forms": tables.forms, "known": tables.known.tobytes(),
                          "own": {lang: t.tobytes() for lang, t in tables.own.items()},
                          "heads": tables.heads.tobytes(), "built": tables.built}, fh)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache only costs the next process the same build
        log.warning("could not cache the word forms in %s: %s", path.parent, exc)
