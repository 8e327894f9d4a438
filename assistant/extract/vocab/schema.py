"""The schema of the schema-checked vocabulary files, and their validated, cached loading.

`<lang>/language.toml`, `<lang>/numbers.toml`, `<lang>/dates.toml` and `symbols.toml` are
read through `read(lang, "dates")` / `symbols()`: each file is checked against its model
here, unknown keys are errors (a typo is never silently ignored), and a malformed entry
raises `VocabError` naming the file, the key and the problem:

    .../vocab/de/dates.toml: months.names: 12 lists needed (January first), found 11

Words are written as a rep types them, with or without diacritics: the readers fold them
(lowercase, no diacritics) the way they fold the note. README.md beside this file documents
every key.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from assistant.extract import vocab

__all__ = [
    "DatesVocab",
    "LanguageVocab",
    "NumbersVocab",
    "Symbols",
    "VocabError",
    "languages_with",
    "read",
    "symbols",
    "validate_file",
]


class VocabError(ValueError):
    """A vocabulary file is missing, not TOML, or breaks its schema. The message names the
    file, the key and the problem; fix the file (README.md beside it lists the keys)."""


def _word(value: str) -> str:
    if not value or value != value.strip():
        raise ValueError(f"{value!r}: a word must be non-empty, with no space around it")
    if "  " in value:
        raise ValueError(f"{value!r}: one space between the words of a phrase")
    return value


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"{value!r} is not a valid regex: {exc}") from None
    return value


Word = Annotated[str, AfterValidator(_word)]
Words = list[Word]
Pattern = Annotated[str, AfterValidator(_pattern)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _File(_Model):
    FILE: ClassVar[str]  # the file's stem in each language folder


def _forms_table(value: list[list[str]], count: int, what: str) -> list[list[str]]:
    if len(value) != count:
        raise ValueError(f"{count} lists needed ({what} first), found {len(value)}")
    for i, forms in enumerate(value, start=1):
        if not forms:
            raise ValueError(f"list {i} is empty: each needs at least one form")
    return value


# --- language.toml --------------------------------------------------------------------------


class LanguageVocab(_File):
    """How a note in this language is recognised (assistant/extract/language.py)."""

    FILE = "language"

    tie_rank: int = Field(ge=0)
    stopwords: Words = Field(min_length=1)
    letters: str = ""
    final_letters: str = ""
    elisions: Words = []
    endings: Words = []
    clusters: Words = []

    @field_validator("elisions")
    @classmethod
    def _elided(cls, value: list[str]) -> list[str]:
        for word in value:
            if not word.endswith("'"):
                raise ValueError(f"{word!r}: an elision ends with an apostrophe (l', dell')")
        return value


# --- numbers.toml ---------------------------------------------------------------------------


class Multiplier(_Model):
    value: float = Field(gt=0)
    words: Words = Field(min_length=1)
    abbreviations: Words = []  # may end with a full stop: "3 tys.", "2 mln."
    after_digits_only: Words = []  # "3 tys." but never "trzy tys"


class Scale(_Model):
    value: float = Field(gt=0)
    words: Words = Field(min_length=1)


class CountWords(_Model):
    value: int = Field(ge=0)  # 0: a vague count ("a few times"), read as no count
    words: Words = Field(min_length=1)


class Counts(_Model):
    times: Words = []
    suffixes: Words = []
    adverbs: list[CountWords] = []
    alone: list[CountWords] = []


class CurrencyWords(_Model):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    words: Words = Field(min_length=1)


class Ranges(_Model):
    to: Words = []
    both: Words = []
    between: Words = []


class Clock(_Model):
    before: Words = []
    before_meridiem: Words = []
    meridiem: Words = []


class NumbersVocab(_File):
    """Number words, multipliers, counts and currency words (assistant/extract/numbers.py)."""

    FILE = "numbers"

    words: dict[str, Words] = Field(min_length=1)
    articles: Words = []
    collective: Words = []
    not_alone: Words = []
    scales: list[Scale] = []
    multipliers: list[Multiplier] = []
    ordinal_suffixes: Words = []
    clock: Clock = Clock()
    not_quantities: list[Pattern] = []
    ranges: Ranges = Ranges()
    counts: Counts = Counts()
    currencies: list[CurrencyWords] = []
    currency_of: Words = []

    @field_validator("words")
    @classmethod
    def _numeric_keys(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, forms in value.items():
            try:
                number = float(key)
            except ValueError:
                raise ValueError(f"key {key!r} is not a number (write 21 = [...])") from None
            if number < 0:
                raise ValueError(f"key {key!r}: numbers are not negative")
            if not forms:
                raise ValueError(f"{key}: no word given")
        return value

    def values(self) -> dict[str, float]:
        """Each word with its value, in the order written (the first value of a word wins)."""
        out: dict[str, float] = {}
        for key, forms in self.words.items():
            for form in forms:
                out.setdefault(form, float(key))
        return out


# --- dates.toml -----------------------------------------------------------------------------


class Weekdays(_Model):
    names: list[Words]
    weak: Words = []
    ignore: Words = []
    not_after: Words = []

    @field_validator("names")
    @classmethod
    def _seven(cls, value: list[list[str]]) -> list[list[str]]:
        return _forms_table(value, 7, "Monday")


class Months(_Model):
    names: list[Words]
    month_day: bool = False
    weak: Words = []
    strict: Words = []
    capitalised: Words = []
    not_deadline: Words = []

    @field_validator("names")
    @classmethod
    def _twelve(cls, value: list[list[str]]) -> list[list[str]]:
        return _forms_table(value, 12, "January")


class Unit(_Model):
    days: float | None = Field(default=None, gt=0)
    hours: float | None = Field(default=None, gt=0)
    minutes: float | None = Field(default=None, gt=0)
    forms: Words = Field(min_length=1)
    short: Words = []
    singular: Words = []
    implicit_one: Words = []
    events: bool = True

    @model_validator(mode="after")
    def _one_length(self) -> Unit:
        given = [x for x in (self.days, self.hours, self.minutes) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of days, hours, minutes")
        return self

    @property
    def length(self) -> float:
        """The unit's length in days."""
        if self.days is not None:
            return self.days
        if self.hours is not None:
            return self.hours / 24
        assert self.minutes is not None
        return self.minutes / 1440


class Offset(_Model):
    days: int
    phrases: Words = Field(min_length=1)


class Directions(_Model):
    past: Words = []
    next: Words = []
    this: Words = []
    past_after: Words = []
    next_after: Words = []


class Preps(_Model):
    plain: Words = []
    forward: Words = []
    by: Words = []
    cues: Words = []


class Weekend(_Model):
    words: Words = []
    past: list[Pattern] = []
    next: list[Pattern] = []

    @model_validator(mode="after")
    def _gated(self) -> Weekend:
        # the reader skips the weekend patterns of a note holding none of `words`
        words = [vocab.fold(w) for w in self.words]
        for pattern in [*self.past, *self.next]:
            if not any(w in vocab.fold_pattern(pattern) for w in words):
                raise ValueError(f"{pattern!r} holds none of weekend.words: add its word there")
        return self


class Relative(_Model):
    ago: Words = []
    from_now: Words = []
    ago_before: Words = []
    in_before: Words = []


class DayWords(_Model):
    day: int = Field(ge=1, le=31)
    words: Words = Field(min_length=1)


class DayAlone(_Model):
    cues: Words = []
    articles: Words = []
    followed_by: Words = []
    suffixes: Words = []


class DayOfMonth(_Model):
    last: Words = []
    this: Words = []
    next: Words = []


class Years(_Model):
    this: Words = []
    last: Words = []


class Season(_Model):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    words: Words = Field(min_length=1)


class Periods(_Model):
    year: Words = []
    month: Words = []
    quarter: Words = []
    half: Words = []


class RelativeDeadline(_Model):
    days: int
    phrases: Words = Field(min_length=1)


class Duration(_Model):
    firm: Words = []
    plain: Words = []
    need_number: Words = []


class Deadline(_Model):
    by: Words = []
    before: Words = []
    labels: Words = []
    label_fillers: Words = []
    named: Words = []
    copulas: Words = []
    end_of: Words = []
    period_next: Words = []
    year_end: Words = []
    free_year_end: Words = []
    mid: Words = []
    month_end: Words = []
    quarter_end: Words = []
    next_quarter: Words = []
    this_quarter: Words = []
    during: Words = []
    relative: list[RelativeDeadline] = []
    duration: Duration = Duration()


class DatesVocab(_File):
    """Month and weekday names, units, relative expressions, deadline cues (dates.py)."""

    FILE = "dates"

    weekdays: Weekdays
    months: Months
    keep_dot: Words = []
    units: list[Unit] = []
    fixed: list[Offset] = []
    day_parts: Words = []
    weekend: Weekend = Weekend()
    directions: Directions = Directions()
    preps: Preps = Preps()
    relative: Relative = Relative()
    day_words: list[DayWords] = []
    day_suffixes: Words = []
    day_of: Words = []
    day_alone: DayAlone = DayAlone()
    day_of_month: DayOfMonth = DayOfMonth()
    years: Years = Years()
    articles: Words = []
    week_of: Words = []
    date_cues: Words = []
    clock_cues: Words = []
    not_date_after: Words = []
    count_of: Words = []
    count_ranges: Words = []
    ordinals: list[Words] = []
    seasons: list[Season] = []
    periods: Periods = Periods()
    deadline: Deadline = Deadline()

    @field_validator("ordinals")
    @classmethod
    def _at_most_four(cls, value: list[list[str]]) -> list[list[str]]:
        if len(value) > 4:
            raise ValueError(f"first to fourth at most (quarters), found {len(value)} lists")
        return value


# --- symbols.toml ---------------------------------------------------------------------------


class Currency(_Model):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    signs: list[str] = []


class Symbols(_Model):
    """Language-neutral signs: currencies, multiplier letters, roman numerals, Q1/H1."""

    currencies: list[Currency] = Field(min_length=1)
    multiplier_letters: dict[str, float] = {}
    ordinal_signs: list[str] = []
    not_date_after: list[str] = []
    roman: Words = Field(min_length=12, max_length=12)
    quarter_prefix: Word
    half_prefix: Word

    @field_validator("multiplier_letters")
    @classmethod
    def _letters(cls, value: dict[str, float]) -> dict[str, float]:
        for key, factor in value.items():
            if len(key) != 1 or not key.isalpha():
                raise ValueError(f"key {key!r}: one letter glued to the digits (k, M)")
            if factor <= 0:
                raise ValueError(f"{key}: the factor must be positive")
        return value


# --- loading --------------------------------------------------------------------------------

M = TypeVar("M", bound=_Model)
F = TypeVar("F", bound=_File)


def validate_file(path: Path, model: type[M]) -> M:
    """`path` parsed and checked against `model`; VocabError names file, key and problem."""
    try:
        with path.open("rb") as fh:
            data: Any = tomllib.load(fh)
    except FileNotFoundError:
        raise VocabError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise VocabError(f"{path}: not valid TOML: {exc}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(part) for part in err["loc"]) or "(top level)"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "unknown key (see README.md for the keys of this file)"
            elif err["type"] == "missing":
                message = "required key is missing"
            problems.append(f"{path}: {key}: {message}")
        raise VocabError("\n".join(problems)) from None


def languages_with(model: type[_File]) -> tuple[str, ...]:
    """The languages of the folder in use that have the model's file; VocabError if none."""
    langs = vocab.languages(model.FILE)
    if not langs:
        raise VocabError(f"{vocab.root()}: no language folder has a {model.FILE}.toml")
    return langs


def read(lang: str, model: type[F]) -> F:
    """The checked `<lang>/<file>.toml` of the vocabulary folder in use (cached)."""
    return _read(vocab.root(), lang, model)  # type: ignore[return-value]


@cache
def _read(folder: Path, lang: str, model: type[_File]) -> _File:
    return validate_file(folder / lang / f"{model.FILE}.toml", model)


def symbols() -> Symbols:
    """The checked `symbols.toml` of the vocabulary folder in use (cached)."""
    return _symbols(vocab.root())


@cache
def _symbols(folder: Path) -> Symbols:
    return validate_file(folder / "symbols.toml", Symbols)
