"""The schema-checked vocabulary files: the shipped ones are valid, a broken one is named.

A malformed entry in `vocab/<lang>/dates.toml`, `numbers.toml`, `language.toml` or
`vocab/symbols.toml` raises VocabError naming the file, the key and the problem.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.extract import vocab
from assistant.extract.dates import find_dates
from assistant.extract.numbers import find_numbers
from assistant.extract.vocab import schema
from assistant.extract.vocab.schema import (
    DatesVocab,
    LanguageVocab,
    NumbersVocab,
    Symbols,
    VocabError,
    validate_file,
)

MODELS = [DatesVocab, NumbersVocab, LanguageVocab]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.FILE)
def test_every_shipped_file_is_valid(model: type[DatesVocab]) -> None:
    langs = schema.languages_with(model)
    assert set(langs) >= {"en", "it", "pl"}
    for lang in langs:
        schema.read(lang, model)  # raises on any problem
    schema.symbols()


def _broken(tmp_path: Path, lang: str, file: str, old: str, new: str) -> Path:
    source = vocab.VOCAB_DIR / lang / file
    text = source.read_text(encoding="utf-8")
    assert old in text, f"the fixture expects {old!r} in {source}"
    target = tmp_path / lang / file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("lang", "file", "model", "old", "new", "key", "problem"),
    [
        ("en", "dates.toml", DatesVocab, '["may"],', "", "months.names", "12 lists needed"),
        ("it", "dates.toml", DatesVocab, "[weekdays]", "[weekdays]\nnmes = []",
         "weekdays.nmes", "unknown key"),
        ("en", "dates.toml", DatesVocab, '"next\\\\s+weekend"', '"next\\\\s+(weekend"',
         "weekend.next.0", "not a valid regex"),
        ("pl", "dates.toml", DatesVocab, '"przez\\\\s+weekend"', '"przez\\\\s+sobote"', "weekend",
         "holds none of weekend.words"),
        ("pl", "dates.toml", DatesVocab, "minutes = 1", "minutes = 1\ndays = 2",
         "units.0", "exactly one of days, hours, minutes"),
        ("en", "dates.toml", DatesVocab, '"yesterday", "last night"', '"yesterday", "last  night"',
         "fixed.1.phrases.1", "one space between the words"),
        ("en", "dates.toml", DatesVocab, '"on", "since", "from"]', '"on", "", "from"]',
         "date_cues.1", "non-empty"),
        ("en", "numbers.toml", NumbersVocab, '2 = ["two"', 'two = ["two"', "words",
         "key 'two' is not a number"),
        ("it", "numbers.toml", NumbersVocab, 'code = "EUR"', 'code = "euro"', "currencies.0.code",
         "should match pattern"),
        ("pl", "language.toml", LanguageVocab, "tie_rank = 2\n", "", "tie_rank",
         "required key is missing"),
        ("it", "language.toml", LanguageVocab, '"l\'", "un\'"', '"l", "un\'"', "elisions",
         "an elision ends with an apostrophe"),
    ],
)  # fmt: skip
def test_a_malformed_entry_names_file_key_and_problem(
    tmp_path: Path, lang: str, file: str, model: type, old: str, new: str, key: str, problem: str
) -> None:
    path = _broken(tmp_path, lang, file, old, new)
    with pytest.raises(VocabError) as caught:
        validate_file(path, model)
    message = str(caught.value)
    assert f"{path}: {key}: " in message
    assert problem in message


def test_not_toml_and_missing_files_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "dates.toml"
    bad.write_text("[months\nnames = 3\n", encoding="utf-8")
    with pytest.raises(VocabError, match=r"dates\.toml: not valid TOML"):
        validate_file(bad, DatesVocab)
    with pytest.raises(VocabError, match=r"symbols\.toml: file not found"):
        validate_file(tmp_path / "symbols.toml", Symbols)


def test_a_symbols_letter_must_be_one_letter(tmp_path: Path) -> None:
    path = tmp_path / "symbols.toml"
    text = (vocab.VOCAB_DIR / "symbols.toml").read_text(encoding="utf-8")
    path.write_text(text.replace("B = 1e9", "bn = 1e9"), encoding="utf-8")
    with pytest.raises(VocabError, match=r"multiplier_letters: .*'bn': one letter"):
        validate_file(path, Symbols)


def test_the_readers_stop_on_a_broken_copy_and_say_where(tmp_path: Path) -> None:
    """A rep-facing reader fails loudly, naming the file, instead of reading half a language."""
    folder = tmp_path / "vocab"
    shutil.copytree(vocab.VOCAB_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    dates = folder / "pl" / "dates.toml"
    dates.write_text(dates.read_text(encoding="utf-8").replace("[months]", "[mnths]"), "utf-8")
    numbers = folder / "it" / "numbers.toml"
    numbers.write_text("bogus = 1\n" + numbers.read_text(encoding="utf-8"), encoding="utf-8")
    with vocab.use_root(folder):
        with pytest.raises(VocabError) as caught:
            find_dates("wczoraj", date(2026, 3, 16))
        assert f"{dates}: mnths: unknown key" in str(caught.value)
        assert f"{dates}: months: required key is missing" in str(caught.value)
        with pytest.raises(VocabError, match=r"it/numbers\.toml: bogus: unknown key"):
            find_numbers("due")
    # leaving the block goes back to the package's own, valid data
    assert [s.raw for s in find_dates("wczoraj", date(2026, 3, 16))] == ["wczoraj"]
