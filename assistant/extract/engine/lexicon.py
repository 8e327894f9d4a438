"""The vocabularies as one matcher: every class of words of every language, found in a
note's tokens in one pass.

A *class* is a named list of terms ("download", "asset", "neg", "title"...); each language
folder adds its terms to the classes it knows, so a note mixing languages is read with all
of them. A *term* is written as the words a rep types, one pattern a token:

    download        the word, or any word whose lemma it is ("downloaded", "downloads")
    pobra*          any word starting so ("pobrał", "pobrała", "pobrala", "pobrali")
    *łem            any word ending so (Polish first person: "wysłałem", "dzwoniłem")
    =IT             exactly these letters (case kept: "IT" is a department, "it" is not)
    #               any number token ("3 times" is "# times")
    ?               any one word

Terms match case- and diacritic-free ("probna" meets "próbna"). Some classes carry a
value: a title's seniority and department, a vague size's number, a month's index. The
engine names classes, never words; the words are all in `assistant/extract/vocab/`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.extract import vocab
from assistant.extract.engine.text import Token, tokenize

if TYPE_CHECKING:
    from assistant.extract.engine.lemmas import WordTables
from assistant.extract.spans import fold

__all__ = ["VOCAB_DIR", "Hit", "Lexicon", "Term", "lexicon", "reading_langs"]

VOCAB_DIR = vocab.VOCAB_DIR  # the shipped vocabularies (vocab.root() is the one in use)
_MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class Part:
    mode: str  # key | stem | suffix | exact | num | any
    text: str

    def __reduce__(self) -> tuple:  # the constructor: quicker to unpickle than slot state
        return (Part, (self.mode, self.text))


@dataclass(frozen=True, slots=True)
class Term:
    cls: str
    lang: str  # the vocabulary it came from ("" for the common file)
    parts: tuple[Part, ...]
    written: str
    value: Any = None

    def __reduce__(self) -> tuple:
        return (Term, (self.cls, self.lang, self.parts, self.written, self.value))

    @property
    def shaped(self) -> bool:
        """A stem or an ending: a rule of one language's words, not a word."""
        return any(p.mode in ("stem", "suffix") for p in self.parts)


@dataclass(frozen=True, slots=True)
class Hit:
    """A term of a class found at tokens [start, end) of a note."""

    cls: str
    start: int  # first token
    end: int  # one past the last token
    term: Term
    langs: frozenset[str] = frozenset()  # every vocabulary with a term of the class that long here
    ties: tuple[Term, ...] = ()  # the other terms of the class as long here (another value)

    @property
    def lang(self) -> str:
        return self.term.lang

    @property
    def value(self) -> Any:
        return self.term.value


_SPLITS: dict[str, frozenset[str]] = {"elisions": frozenset(), "clitics": frozenset()}


def parse_term(written: str, *, cls: str, lang: str, value: Any = None) -> Term | None:
    """A term as the vocabulary writes it (see the module docstring); None when empty."""
    original = written
    parts: list[Part] = []
    head = fold(written).split(" ", 1)
    if head[0] in _SPLITS["clitics"]:  # "'d like": the clitic is a word of its own
        parts.append(Part("key", head[0]))
        written = head[1] if len(head) > 1 else ""
    tokens = tokenize(written, elisions=_SPLITS["elisions"], clitics=_SPLITS["clitics"])
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        glued = nxt is not None and nxt.start == tok.end
        if tok.text == "*" and glued and nxt.kind == "word":
            parts.append(Part("suffix", nxt.fold))
            i += 2
            continue
        if tok.text == "=" and glued and nxt.kind in ("word", "num"):
            parts.append(Part("exact", nxt.text))
            i += 2
            continue
        if tok.text == "#" and tok.kind == "sym":
            parts.append(Part("num", ""))
        elif tok.text == "?" and tok.kind == "sym" and len(written.strip()) > 1 \
                and not (i > 0 and tokens[i - 1].end == tok.start):
            parts.append(Part("any", ""))  # " ? ": any one word; "hiring?" is the question mark
        elif glued and nxt.text == "*" and tok.kind in ("word", "num"):
            parts.append(Part("stem", tok.fold))
            i += 2
            continue
        else:
            parts.append(Part("key", tok.fold))
        i += 1
    if not parts:
        return None
    return Term(cls, lang, tuple(parts), original, value)


class Lexicon:
    """Every term of every class, indexed by the form of its first word."""

    def __init__(self, terms: Iterable[Term], *, function_classes: frozenset[str], langs: tuple[str, ...],
                 data: dict[str, dict[str, Any]], common: dict[str, Any]) -> None:
        self.langs = langs
        self.function_classes = function_classes
        self.data = data  # raw per-language files: data[lang][file][section]
        self.common = common
        self.terms: list[Term] = list(terms)
        self._by_key: dict[str, list[Term]] = {}
        self._by_stem: dict[str, list[Term]] = {}
        self._by_exact: dict[str, list[Term]] = {}
        self._by_suffix: dict[str, list[Term]] = {}
        self._num_first: list[Term] = []
        self.classes: dict[str, list[Term]] = {}
        self._by_pair: dict[tuple[str, str], list[Term]] = {}
        for term in self.terms:
            self.classes.setdefault(term.cls, []).append(term)
            head = term.parts[0]
            if head.mode == "key" and len(term.parts) > 1 and term.parts[1].mode == "key":
                # most terms of several words start with a common one ("the", "di"): index
                # them by their first two words
                self._by_pair.setdefault((head.text, term.parts[1].text), []).append(term)
                self._by_key.setdefault(head.text, [])
            elif head.mode == "key":
                self._by_key.setdefault(head.text, []).append(term)
            elif head.mode == "stem":
                self._by_stem.setdefault(head.text, []).append(term)
            elif head.mode == "exact":
                self._by_exact.setdefault(head.text, []).append(term)
            elif head.mode == "suffix":
                self._by_suffix.setdefault(head.text, []).append(term)
            elif head.mode == "num":
                self._num_first.append(term)
        self._stem_lengths = sorted({len(s) for s in self._by_stem})
        # one typo away (a letter missing, extra, wrong or two swapped) from a one-word term
        # of five letters or more: "emplyees", "directr", "clikced", "procurment"
        self._near: dict[str, set[str]] = {}
        for key in self._by_key:
            if len(key) >= _MIN_FUZZY and key.isalpha():
                for variant in _deletions(key):
                    self._near.setdefault(variant, set()).add(key)
        self._suffix_lengths = sorted({len(s) for s in self._by_suffix})
        self._shape_cache: dict[str, list[Term]] = {}
        self.elisions = _SPLITS["elisions"]
        self.clitics = _SPLITS["clitics"]
        self._tables: WordTables | None = None

    @property
    def tables(self) -> WordTables:
        """Word forms, known words and name forms from the dictionaries (lemmas.py)."""
        if self._tables is None:
            from assistant.extract.engine.lemmas import word_tables

            keys: dict[str, set[str]] = {lang: set() for lang in self.langs}
            for t in self.terms:
                for lang in ([t.lang] if t.lang else self.langs):
                    if lang in keys:
                        keys[lang].update(p.text for p in t.parts if p.mode == "key" and p.text.isalpha())
            endings = {lang: dict(self.words(lang, "people", "name_endings")) for lang in self.langs}
            self._tables = word_tables({lang: frozenset(k) for lang, k in keys.items()},
                                       {lang: e for lang, e in endings.items() if e})
        return self._tables

    @property
    def forms(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Folded inflected forms -> (vocabulary lemma, languages) they are forms of."""
        return self.tables.forms

    def tokenize(self, text: str) -> list[Token]:
        return tokenize(text, elisions=self.elisions, clitics=self.clitics, forms=self.forms)

    def words(self, lang: str, file: str, section: str) -> Any:
        return self.data.get(lang, {}).get(file, {}).get(section, {})

    def merged(self, file: str, section: str) -> dict[str, Any]:
        """A table of every language merged (the first language naming a key wins)."""
        out: dict[str, Any] = {}
        for lang in self.langs:
            for key, value in self.words(lang, file, section).items():
                out.setdefault(key, value)
        return out

    def has(self, cls: str) -> bool:
        return cls in self.classes

    def known_key(self, key: str) -> bool:
        return key in self._by_key

    def typo_keys(self, folded: str) -> frozenset[str]:
        """Vocabulary words one typo away from `folded` (a word no dictionary knows)."""
        if len(folded) < _MIN_FUZZY or not folded.isalpha() or folded in self._by_key:
            return frozenset()
        found = set()
        for variant in _deletions(folded):
            for key in self._near.get(variant, ()):
                if _one_edit(folded, key):
                    found.add(key)
        return frozenset(found)

    def find(self, tokens: list[Token], *, at: Iterable[int] | None = None,
             allow: Callable[[Term, int], bool] | None = None) -> list[Hit]:
        """Every class term found in `tokens` (or at the starts `at`): the longest term of a
        class at each start, among the terms `allow(term, start)` lets count."""
        found: list[Hit] = []
        by_key, by_stem, by_exact, by_pair = self._by_key, self._by_stem, self._by_exact, self._by_pair
        lengths = self._stem_lengths
        count = len(tokens)
        for i in (range(count) if at is None else at):
            tok = tokens[i]
            candidates: list[Term] = []
            nxt = None
            if i + 1 < count:
                j = i + 2 if _glued_hyphen(tokens, i + 1) and i + 2 < count else i + 1
                nxt = tokens[j]
            # keys in a fixed order: a set's order changes with the process's string hashing,
            # and the first of two terms of one class and length wins (same text, same facts)
            keys = tok.keys if len(tok.keys) < 2 else sorted(tok.keys)
            next_keys = () if nxt is None else nxt.keys if len(nxt.keys) < 2 else sorted(nxt.keys)
            for key in keys:
                hit = by_key.get(key)
                if hit:
                    candidates.extend(hit)
                if nxt is not None and hit is not None:
                    for key2 in next_keys:
                        pair = by_pair.get((key, key2))
                        if pair:
                            candidates.extend(pair)
            if tok.kind == "word" or tok.kind == "num":
                shaped = self._shape_cache.get(tok.text)
                if shaped is None:  # stems, suffixes and exact terms depend on the word alone
                    shaped = []
                    folded = tok.fold
                    for n in lengths:
                        if n > len(folded):
                            break
                        hit = by_stem.get(folded[:n])
                        if hit:
                            shaped.extend(hit)
                    exact = by_exact.get(tok.text)
                    if exact:
                        shaped.extend(exact)
                    for n in self._suffix_lengths:
                        if n >= len(folded):
                            break
                        hit = self._by_suffix.get(folded[-n:])
                        if hit:
                            shaped.extend(hit)
                    if len(self._shape_cache) < 200_000:
                        self._shape_cache[tok.text] = shaped
                candidates.extend(shaped)
            if tok.kind == "num":
                candidates.extend(self._num_first)
            if not candidates:
                continue
            best: dict[str, tuple[int, Term, set[str], list[Term]]] = {}
            for term in candidates:
                parts = term.parts
                if len(parts) == 1:
                    mode = parts[0].mode
                    # one word found by this token's key, stem or exact form: it matches
                    sure = mode == "key" or mode == "stem" or mode == "exact"
                else:
                    # most terms of several words fail at their second: try that first
                    # (the token after a glued hyphen, as _match reads it)
                    second = parts[1]
                    if second.text != "-" and (
                            nxt is None
                            or (second.mode == "key" and second.text not in nxt.keys)
                            or (second.mode == "exact" and second.text != nxt.text)):
                        continue
                    sure = False
                if allow is not None and not allow(term, i):
                    continue
                if sure:
                    end = i + 1
                else:
                    end = _match(parts, tokens, i)
                    if end is None:
                        continue
                prev = best.get(term.cls)
                if prev is None or end > prev[0]:
                    best[term.cls] = (end, term, {term.lang}, [])
                elif end == prev[0]:
                    prev[2].add(term.lang)
                    if term.value != prev[1].value and term.lang != prev[1].lang:
                        prev[3].append(term)
            for cls, (end, term, langs, ties) in best.items():
                found.append(Hit(cls, i, end, term, frozenset(langs), tuple(ties)))
        return found


_MIN_FUZZY = 5


def reading_langs(term: Term, tokens: list[Token], i: int) -> list[str]:
    """For each word of `term` at tokens[i:] met only as an inflected form (its lemma), the
    languages whose dictionary makes it that form ("it pl"): such a reading is a rule of
    those languages, as a stem is of its own."""
    out: list[str] = []
    j = i
    for n, part in enumerate(term.parts):
        if n and j < len(tokens) and part.text != "-" and _glued_hyphen(tokens, j):
            j += 1
        if j >= len(tokens):
            break
        tok = tokens[j]
        if part.mode == "key" and tok.forms and part.text != tok.fold and part.text in tok.forms:
            out.append(tok.forms[part.text])
        j += 1
    return out


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance at most 1 (one letter inserted, deleted, replaced or two swapped)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def _part_matches(part: Part, tok: Token) -> bool:
    mode = part.mode
    if mode == "key":
        return part.text in tok.keys
    if mode == "stem":
        return tok.kind in ("word", "num") and tok.fold.startswith(part.text) and len(tok.fold) >= len(part.text)
    if mode == "suffix":
        return tok.kind == "word" and tok.fold.endswith(part.text) and len(tok.fold) > len(part.text)
    if mode == "exact":
        return tok.text == part.text
    if mode == "num":
        return tok.kind == "num"
    return tok.kind == "word"  # any


def _match(parts: tuple[Part, ...], tokens: list[Token], i: int) -> int | None:
    """End token (exclusive) of `parts` matched at tokens[i:], or None. A hyphen glued
    between two words may stand where the term has a space ("lead-scoring")."""
    j = i
    for n, part in enumerate(parts):
        if n and j < len(tokens) and part.text != "-" and _glued_hyphen(tokens, j):
            j += 1
        if j >= len(tokens) or not _part_matches(part, tokens[j]):
            return None
        j += 1
    return j


def _glued_hyphen(tokens: list[Token], j: int) -> bool:
    tok = tokens[j]
    return (tok.text == "-" and 0 < j < len(tokens) - 1
            and tokens[j - 1].end == tok.start and tokens[j + 1].start == tok.end)


# --- loading -----------------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@cache
def languages() -> tuple[str, ...]:
    """The languages the engine reads: the vocabulary folders with a `kinds.toml`, sorted."""
    return vocab.languages("kinds")


def _class_terms(lang: str, file: str, table: dict[str, Any]) -> Iterator[Term]:
    for cls, entries in table.items():
        if not isinstance(entries, list):
            raise ValueError(f"{lang}/{file}.toml: [classes] {cls} must be a list of terms")
        for written in entries:
            term = parse_term(str(written), cls=cls, lang=lang)
            if term is not None:
                yield term


def _valued_terms(lang: str, cls: str, table: dict[str, Any]) -> Iterator[Term]:
    """{written: value} -> terms of `cls` carrying their value."""
    for written, value in table.items():
        term = parse_term(str(written), cls=cls, lang=lang, value=value)
        if term is not None:
            yield term


def _listed_terms(lang: str, prefix: str, table: dict[str, Any]) -> Iterator[Term]:
    """{value: [written...]} -> terms of class `prefix` whose value is the key."""
    for value, entries in table.items():
        for written in entries:
            term = parse_term(str(written), cls=prefix, lang=lang, value=value)
            if term is not None:
                yield term


# Which sections of which files become classes, and how (see vocab/README.md).
_VALUED = {("people", "titles"): "title", ("companies", "sizes"): "vague_size"}
_LISTED = {
    ("people", "departments"): "department", ("people", "labels"): "label",
    ("companies", "industries"): "industry", ("deals", "sources"): "source",
    ("places", "cities"): None, ("places", "countries"): None, ("places", "demonyms"): None,
}


def _places(lang: str, data: dict[str, Any]) -> Iterator[Term]:
    inflect = data.get("inflect", {})
    for section, cls in (("cities", "city"), ("countries", "country"), ("demonyms", "demonym"),
                         ("regions", "region")):
        for written, code in data.get(section, {}).items():
            written = str(written)
            acronym = len(written) >= 2 and written.isalpha() and written.isupper()
            # an acronym ("USA", "UK") is no word ("Usa" is Italian "uses")
            term = parse_term("=" + written if acronym else written, cls=cls, lang=lang, value=code)
            if term is not None:
                yield term
            if acronym:
                continue
            # a language that inflects its place names: "w Krakowie", "z Poznania" typed
            # without diacritics meet the name's stem (with diacritics, its lemma)
            stem = fold(str(written)).rstrip("aeiouy")
            if inflect.get(section) and " " not in stem and len(stem) >= 5:
                yield Term(cls, lang, (Part("stem", stem),), str(written), code)


def _territories(lang: str) -> Iterator[Term]:
    """Country names in `lang` from babel's territory list (ISO alpha-2 codes)."""
    try:
        from babel import Locale

        territories = Locale.parse(lang).territories
    except Exception:  # babel without this locale: the vocabulary's own names still work
        return
    for code, name in territories.items():
        if len(code) == 2 and code.isalpha():
            term = parse_term(name, cls="country", lang=lang, value=code)
            if term is not None:
                yield term


def lexicon(langs: tuple[str, ...] | None = None) -> Lexicon:
    """Every vocabulary (or those of `langs`) of the folder in use compiled into one
    Lexicon, cached by folder."""
    return _lexicon(vocab.root(), langs or languages())


@cache
def _lexicon(root: Path, langs: tuple[str, ...]) -> Lexicon:
    """The compiled Lexicon, read from the cache file of these vocabularies when there is
    one (compiling ~35,000 terms costs a CLI start about a second), else built and cached."""
    import pickle

    path = _cache_file(root, langs)
    if path is not None:
        import gc

        collecting = gc.isenabled()
        try:
            gc.disable()  # a quarter of a million objects at once: collecting them is wasted time
            with path.open("rb") as fh:
                lex, elisions, clitics = pickle.load(fh)
            if isinstance(lex, Lexicon):
                _SPLITS["elisions"], _SPLITS["clitics"] = elisions, clitics
                return lex
        except Exception:  # missing, stale or unreadable: build it
            pass
        finally:
            if collecting:
                gc.enable()
    lex = _build_lexicon(root, langs)
    if path is not None:
        _write_cache(path, (lex, _SPLITS["elisions"], _SPLITS["clitics"]))
    return lex


_CACHE_FORMAT = 2


@cache
def _file_digest(path: Path) -> bytes:
    """A file's path and contents, hashed (read once a process whoever keys a cache on it)."""
    import hashlib

    return hashlib.sha256(str(path).encode() + b"\0" + (path.read_bytes() if path.is_file() else b"")).digest()


def _hashed_cache_path(name: str, head: str, files: list[Path]) -> Path:
    """`<cache dir>/<name>-<hash>.pickle`, the hash of `head` and of `files`' contents."""
    import hashlib

    from assistant.extract.gazetteer import cache_dir

    digest = hashlib.sha256(f"{_CACHE_FORMAT}|{head}|".encode())
    for p in files:
        digest.update(_file_digest(p))
    return cache_dir() / f"{name}-{digest.hexdigest()[:16]}.pickle"


def _cache_file(root: Path, langs: tuple[str, ...]) -> Path | None:
    """The cache file named after a hash of everything the Lexicon is built from: the
    vocabulary files, the code that compiles them and babel's version (territory names)."""
    try:
        try:
            from importlib.metadata import version

            babel = version("babel")
        except Exception:  # babel not installed: no territory names either
            babel = "-"
        here = Path(__file__).resolve().parent
        sources = [here / "lexicon.py", here / "text.py", here / "lemmas.py", here.parent / "spans.py"]
        files = [root / "common.toml"] + [p for lang in langs for p in sorted((root / lang).glob("*.toml"))]
        return _hashed_cache_path("lexicon", f"{root}|{'/'.join(langs)}|{babel}", [*sources, *files])
    except Exception:
        return None


def cached_build(name: str, folder: Path, module_file: str, build: Callable[[], Any]) -> Any:
    """`build()`'s result (tables derived from the vocabulary in `folder` by the module in
    `module_file`), kept in the cache directory under a hash of that folder's files and of
    the module, so that a process start reads it instead of validating and deriving it
    again (the date, number and language tables: about a third of a second)."""
    import pickle

    path: Path | None = None
    try:
        files = [Path(module_file), *sorted(folder.rglob("*.toml")), *sorted(folder.rglob("*.py"))]
        path = _hashed_cache_path(name, str(folder), files)
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # no cache yet, stale or unreadable: build it
        pass
    found = build()
    if path is not None:
        _write_cache(path, found)
    return found


def _write_cache(path: Path, payload: object) -> None:
    import os
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # a read-only cache only costs the next process the same build
        pass


def _build_lexicon(root: Path, langs: tuple[str, ...]) -> Lexicon:
    common = _read(root / "common.toml") if (root / "common.toml").is_file() else {}
    data: dict[str, dict[str, Any]] = {lang: {p.stem: _read(p) for p in sorted((root / lang).glob("*.toml"))}
                                       for lang in langs}
    # how words split (Italian "l'ebook", English "we'd") before any term is read
    _SPLITS["elisions"] = frozenset(fold(e) for lang in langs for e in data[lang].get("words", {}).get("elisions", []))
    _SPLITS["clitics"] = frozenset(fold(c) for lang in langs for c in data[lang].get("words", {}).get("clitics", []))
    terms: list[Term] = []
    for lang in langs:
        files = data[lang]
        for file, content in files.items():
            if file == "places":
                terms.extend(_places(lang, content))
                continue
            if "classes" in content:
                terms.extend(_class_terms(lang, file, content["classes"]))
            for (f, section), cls in _VALUED.items():
                if f == file and section in content:
                    terms.extend(_valued_terms(lang, cls, content[section]))
            for (f, section), cls in _LISTED.items():
                if f == file and cls and section in content:
                    terms.extend(_listed_terms(lang, cls, content[section]))
        terms.extend(_territories(lang))
    if "classes" in common:
        terms.extend(_class_terms("", "common", common["classes"]))
    function = frozenset(common.get("engine", {}).get("function_classes", []))
    return Lexicon(terms, function_classes=function, langs=langs, data=data, common=common)
