"""Dates in rep notes, absolute and relative, in every language of the vocabulary.

Every expression is resolved against the reference date `as_of`. Events lean to the past
("on Tuesday" is the latest Tuesday on or before `as_of`) unless the words point forward
("next Tuesday", "martedì prossimo", "w przyszły wtorek", "for Thursday"). Our own regexes
read the forms dateparser misses ("tra due giorni", "dopodomani", "za tydzień", "w zeszłym
tygodniu"); dateparser is only asked about leftover month-name spans ("14-Mar-2026").

The words are data: `vocab/<lang>/dates.toml` (month and weekday names, units, fixed days
like "yesterday", directions, prepositions, deadline cues, ...) and `vocab/symbols.toml`.
This module holds the regex skeletons, filled from the data on first use, and the date
arithmetic. Matching runs on a folded copy of the text (lowercase, no diacritics, same
length), so every span is an exact slice of the original text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from assistant.extract import vocab
from assistant.extract.numbers import fold_text, parse_number

__all__ = ["DateSpan", "find_dates", "find_deadline_days", "resolve_date"]


@dataclass(frozen=True)
class DateSpan:
    """A date expression found in a text: `raw == text[start:end]`, `value` the day it means."""

    start: int
    end: int
    value: date
    raw: str


# --- date arithmetic ------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


def _current_quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _guess_year(month: int, day: int, as_of: date) -> date | None:
    """A day and month with no year: this year, unless that is more than ~3 months ahead."""
    this_year = _safe_date(as_of.year, month, day)
    if this_year is None:
        return _safe_date(as_of.year - 1, month, day)  # 29 February
    if this_year > as_of + timedelta(days=92):
        return _safe_date(as_of.year - 1, month, day) or this_year
    return this_year


def _next_on_or_after(month: int, day: int | None, as_of: date, year: int | None) -> date | None:
    """The end of `month` (or `day` of it) next on or after `as_of`; with `year`, that year's."""
    for y in [year] if year else [as_of.year, as_of.year + 1]:
        target = _month_end(y, month) if day is None else _safe_date(y, month, day)
        if target is not None and (year or target >= as_of):
            return target
    return None


# Which day of a weekday `_weekday` picks: the last one before `as_of` (or on it), the one
# of the same Monday-to-Sunday week, the next one (or `as_of` itself).
_BEFORE, _ON_OR_BEFORE, _SAME_WEEK, _ON_OR_AFTER, _AFTER = range(5)


def _weekday(as_of: date, weekday: int, direction: int) -> date:
    back = (as_of.weekday() - weekday) % 7
    if direction == _ON_OR_BEFORE:
        return as_of - timedelta(days=back)
    if direction == _BEFORE:
        return as_of - timedelta(days=back or 7)
    ahead = (weekday - as_of.weekday()) % 7
    if direction == _ON_OR_AFTER:
        return as_of + timedelta(days=ahead)
    if direction == _AFTER:
        return as_of + timedelta(days=ahead or 7)
    return as_of + timedelta(days=weekday - as_of.weekday())


def _year(y: str | None, yy: str | None) -> int | None:
    if y:
        return int(y)
    if yy:
        return 2000 + int(yy)
    return None


# --- building the regexes from the vocabulary -----------------------------------------------

_NEVER = "(?!)"  # an alternation with nothing to match
_WORD_TOKEN = re.compile(r"[a-z][a-z0-9]*")


def _norm(words: str) -> str:
    return " ".join(words.split())


def _phrase(words: str) -> str:
    """A literal word or phrase as a regex: escaped, any whitespace between its words."""
    return r"\s+".join(re.escape(part) for part in words.split())


def _lead(words: str) -> str:
    """A phrase that leads into the next word: "end of" + spaces, "mid-" and "dell'" glued."""
    return _phrase(words) + ("" if words.endswith(("'", "-")) else r"\s+")


def _alt(patterns: Iterable[str]) -> str:
    """An alternation, longest first; one that never matches when there is nothing."""
    unique = sorted(set(patterns), key=lambda p: (-len(p), p))
    return "|".join(unique) if unique else _NEVER


def _gate_word(phrase: str) -> str:
    """The longest word of a phrase: a text where the phrase occurs has that word."""
    return max(_WORD_TOKEN.findall(phrase), key=len, default="")


def _gate(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in map(_gate_word, phrases) if w)


@dataclass(frozen=True)
class _Tables:
    langs: tuple[str, ...]
    weekdays: dict[str, int]
    weak_weekdays: frozenset[str]
    ignore_weekdays: dict[str, frozenset[str]]
    not_before_weekday: tuple[str, ...]
    not_before_window: int
    months: dict[str, int]
    weak_months: frozenset[str]
    strict_months: frozenset[str]
    capitalised_months: frozenset[str]
    keep_dot: frozenset[str]
    day_words: dict[str, int]
    roman: dict[str, int]
    unit_days: dict[str, float]
    singular_units: frozenset[str]
    implicit_one: dict[str, frozenset[str]]  # unit -> languages where it needs no number
    offsets: dict[str, int]
    past_dir: frozenset[str]
    next_dir: frozenset[str]
    this_dir: frozenset[str]
    forward_prep: frozenset[str]
    by_prep: frozenset[str]
    cue_prep: frozenset[str]
    year_last: frozenset[str]
    from_now: frozenset[str]
    ago_before: frozenset[str]
    in_langs: dict[str, frozenset[str]]  # "in"-word -> its languages
    q_words: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    deadline_rel: dict[str, int]
    need_number: frozenset[str]
    plain_in: frozenset[str]
    fixed_gate: frozenset[str]
    weekend_gate: frozenset[str]
    ago_gate: frozenset[str]
    in_gate: frozenset[str]
    free_gate: frozenset[str]
    count_of: re.Pattern[str]
    range_split: re.Pattern[str]
    fixed: re.Pattern[str]
    weekend: re.Pattern[str]
    weekday: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    roman_date: re.Pattern[str]
    day_month_digits: re.Pattern[str]
    ordinal_day: re.Pattern[str]
    day_of_month: re.Pattern[str]
    date_cue_before: re.Pattern[str]
    clock_before: re.Pattern[str]
    ago: re.Pattern[str]
    in_n: re.Pattern[str]
    fallback: re.Pattern[str]
    week_gap: re.Pattern[str]
    deadline_cued: re.Pattern[str]
    deadline_free: re.Pattern[str]
    deadline_duration: re.Pattern[str]


def _tables() -> _Tables:
    return _build(vocab.root())


@cache
def _build(folder: Path) -> _Tables:
    """Every table and regex of this module, from the vocabulary in `folder` (read once a
    process, and derived once a vocabulary: kept in the cache directory)."""
    from assistant.extract.engine.lexicon import cached_build

    return cached_build(Path(__file__).stem, folder, __file__, lambda: _derive(folder))


def _derive(folder: Path) -> _Tables:
    from assistant.extract.vocab import schema

    langs = schema.languages_with(schema.DatesVocab)
    data = {lang: schema.read(lang, schema.DatesVocab) for lang in langs}
    sym = schema.symbols()
    f = fold_text
    every = [data[lang] for lang in langs]

    def words(pick: Callable[[schema.DatesVocab], Iterable[str]]) -> list[str]:
        return [f(w) for d in every for w in pick(d)]

    def alt(pick: Callable[[schema.DatesVocab], Iterable[str]]) -> str:
        return _alt(_phrase(w) for w in words(pick))

    def lead(pick: Callable[[schema.DatesVocab], Iterable[str]]) -> str:
        return _alt(_lead(w) for w in words(pick))

    weekdays: dict[str, int] = {}
    months: dict[str, int] = {}
    month_day_forms: list[str] = []
    month_day_suffixes: list[str] = []
    for d in every:
        for i, forms in enumerate(d.weekdays.names):
            for form in forms:
                weekdays.setdefault(f(form), i)
        for i, forms in enumerate(d.months.names, start=1):
            for form in forms:
                months.setdefault(f(form), i)
                if d.months.month_day:
                    month_day_forms.append(f(form))
        if d.months.month_day:
            month_day_suffixes += [f(s) for s in d.day_suffixes]
    not_deadline = set(words(lambda d: d.months.not_deadline))
    mon_full = _alt(re.escape(m) for m in months if m not in not_deadline)
    wd = _alt(map(re.escape, weekdays))
    mon = _alt(map(re.escape, months))
    mon_md = _alt(map(re.escape, month_day_forms))
    roman = {r: i for i, r in enumerate(sym.roman, start=1)}

    unit_days: dict[str, float] = {}
    long_units: list[str] = []
    event_units: list[str] = []
    implicit_one: dict[str, set[str]] = {}
    for lang in langs:
        for unit in data[lang].units:
            short = {f(s) for s in unit.short}
            for form in [*map(f, unit.forms), *short]:
                unit_days.setdefault(form, unit.length)
                if form not in short:
                    long_units.append(form)
                    if unit.events:
                        event_units.append(form)
            for form in unit.implicit_one:
                implicit_one.setdefault(f(form), set()).add(lang)
    unit_any = _alt(map(re.escape, unit_days))
    unit_long = _alt(map(re.escape, event_units))
    unit_deadline = _alt(map(re.escape, long_units))

    offsets: dict[str, int] = {}
    for d in every:
        for entry in d.fixed:
            for phrase in entry.phrases:
                offsets[_norm(f(phrase))] = entry.days
    day_part = rf"(?:\s+(?:{alt(lambda d: d.day_parts)}))?"
    fixed = re.compile(rf"(?<![\w'])(?P<p>{_alt(map(_phrase, offsets))})(?P<part>{day_part})(?!\w)")
    # Weekends: the last Saturday before today, or the next one.
    past_weekend = "|".join(vocab.fold_pattern(p) for d in every for p in d.weekend.past)
    next_weekend = "|".join(vocab.fold_pattern(p) for d in every for p in d.weekend.next)
    weekend = re.compile(
        rf"(?<![\w'])(?:(?P<past>{past_weekend or _NEVER})|(?P<next>{next_weekend or _NEVER}))(?!\w)"
    )

    past_dir = words(lambda d: [*d.directions.past, *d.directions.past_after])
    next_dir = words(lambda d: [*d.directions.next, *d.directions.next_after])
    this_dir = words(lambda d: d.directions.this)
    after_dir = words(lambda d: [*d.directions.past_after, *d.directions.next_after])
    forward = words(lambda d: d.preps.forward)
    by = words(lambda d: d.preps.by)
    preps = set(words(lambda d: [*d.preps.plain, *d.preps.forward, *d.preps.by, *d.preps.cues]))
    prep_parts = []
    for prep in preps:
        # "il prossimo lunedì": a direction that opens with the preposition is the direction
        rests = [x[len(prep) + 1 :] for x in past_dir + next_dir if x.startswith(prep + " ")]
        guard = "".join(rf"(?!\s+{re.escape(rest)})" for rest in rests)
        prep_parts.append(re.escape(prep) + guard)
    weekday = re.compile(
        rf"(?<![\w'])(?:(?P<prep>{_alt(prep_parts)})\s+)?"
        rf"(?P<x>(?:(?P<dir1>{_alt(map(re.escape, past_dir + next_dir + this_dir))})\s+)?"
        rf"(?P<day>{wd})(?:'(?!\w))?(?!\w)"  # "lunedi'" is how some type "lunedì"
        rf"(?:\s+(?P<dir2>{_alt(map(re.escape, after_dir))})(?!\w))?)"
    )
    not_before = tuple(w + " " for w in words(lambda d: d.weekdays.not_after))

    year_last = [_norm(w) for w in words(lambda d: d.years.last)]
    year_tail = (
        r"(?:,?\s+(?:(?P<y>(?:19|20)\d{2})(?!\d)|'(?P<yy>\d{2})(?!\d)"
        rf"|(?P<rel>(?P<rellast>{alt(lambda d: d.years.last)})|{alt(lambda d: d.years.this)})"
        r"(?!\w)))?"
    )
    day_words = {f(w): e.day for d in every for e in d.day_words for w in e.words}
    day_suffix = alt(lambda d: d.day_suffixes)
    signs = _alt(map(re.escape, sym.ordinal_signs))
    day_of = alt(lambda d: d.day_of)
    day_article = alt(lambda d: d.day_alone.articles)
    day_month = re.compile(
        rf"(?<![\w.,/])(?:(?P<wd>{wd})\.?,?\s+)?"
        rf"(?P<d>[0-3]?\d|{_alt(map(re.escape, day_words))})(?:{day_suffix}|\.|{signs})?"
        rf"\s+(?:(?:{day_of})\s+)?(?P<mon>{mon})(?P<dot>\.)?(?!\w)" + year_tail
    )
    md_suffix = _alt(map(re.escape, month_day_suffixes))
    month_day = re.compile(
        rf"(?<![\w])(?:(?P<wd>{wd})\.?,?\s+)?"
        rf"(?P<mon>{mon_md})(?P<dot>\.)?\s+(?:(?:{day_article})\s+)?"
        rf"(?P<d>[0-3]?\d)(?:{md_suffix})?(?![\w.,:/]?\d)(?![\w])" + year_tail
    )
    roman_date = re.compile(
        r"(?<![\w.,/-])(?P<d>\d{1,2})[. ]"
        rf"(?P<m>{_alt(map(re.escape, roman))})[. ](?P<y>\d{{4}})(?!\d)"
    )
    not_after = [*sym.not_date_after]
    not_after += [re.escape(f(s)) for cur in sym.currencies for s in cur.signs]
    not_after += [re.escape(w) for w in words(lambda d: d.not_date_after)]
    day_month_digits = re.compile(
        r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})"
        rf"(?![\d]|[.,/-]\d|\s?(?:{'|'.join(not_after) or _NEVER}))"
    )
    # "on the 5th", "since the 3rd", "5-go": a day of this month (or the last, if still ahead).
    with_article = [d for d in every if d.day_alone.articles]
    bare = [d for d in every if not d.day_alone.articles]
    suffix_article = _alt(re.escape(f(s)) for d in with_article for s in d.day_alone.suffixes)
    suffix_bare = _alt(re.escape(f(s)) for d in bare for s in d.day_alone.suffixes)
    ordinal_day = re.compile(
        rf"(?<![\w])(?:(?:{alt(lambda d: d.day_alone.cues)})\s+"
        rf"(?P<x>(?:{day_article})\s+(?P<d>[0-3]?\d)(?:{suffix_article}))"
        rf"|(?P<x2>(?:{day_article})\s+(?P<d3>[0-3]?\d)(?:{suffix_article}))"
        rf"(?=\s*(?:[,.;:!?)]|$|(?:{alt(lambda d: d.day_alone.followed_by)})\b))"
        rf"|(?P<x3>(?P<d2>[0-3]?\d)(?:{suffix_bare})))"
        rf"(?!\w)(?!\s+(?:(?:{day_of})\s+)?(?:{mon})(?!\w))"
    )
    # A day of the last, this or next month: "il 3 u.s.", "5 b.m.", "the 3rd of last month".
    day_of_month = re.compile(
        rf"(?<![\w.,/])(?:(?:{day_article})\s+)?(?P<d>[0-3]?\d)(?:{day_suffix})?\s+"
        rf"(?:(?P<last>{alt(lambda d: d.day_of_month.last)})"
        rf"|(?P<this>{alt(lambda d: d.day_of_month.this)})"
        rf"|(?P<next>{alt(lambda d: d.day_of_month.next)}))"
    )
    date_cue_before = re.compile(rf"(?:{alt(lambda d: d.date_cues)})\s+$")
    clock_before = re.compile(rf"(?<![a-z])(?:{alt(lambda d: d.clock_cues)})\s*$")
    ago_words = words(lambda d: [*d.relative.ago, *d.relative.from_now])
    ago = re.compile(
        rf"(?<![^\W\d_])(?P<unit>{unit_any})\.?\s+(?P<dir>{_alt(map(_phrase, ago_words))})(?!\w)"
    )
    in_langs: dict[str, set[str]] = {}
    for lang in langs:
        for word in [*data[lang].relative.in_before, *data[lang].relative.ago_before]:
            in_langs.setdefault(_norm(f(word)), set()).add(lang)
    in_n = re.compile(
        rf"(?<![\w])(?P<pre>{_alt(map(_phrase, in_langs))})\s+"
        r"(?:(?P<n>(?:[\w']+(?:\s*[-–]\s*|\s+)){0,3}?[\w']+)(?:\s+|(?<=\d)))?"
        rf"(?P<unit>{unit_long})(?!\w)"
    )
    # Month names glued to digits by dashes or slashes, which our patterns leave to dateparser.
    fallback = re.compile(
        rf"(?<![\w])(?:\d{{1,2}}(?:{day_suffix})?[-/.]\s*)?(?:{mon})\.?"
        rf"(?:[-/]\s*\d{{1,2}}(?:{day_suffix})?)?(?:[-/.,\s]+\d{{2,4}})?(?!\w)"
    )
    week_gap = re.compile(rf" ?(?:(?:{_alt(map(re.escape, words(lambda d: d.week_of)))}) )?")

    # --- purchase deadlines
    q_words: dict[str, int] = {r: i for r, i in roman.items() if i <= 4}
    for d in every:
        for i, forms in enumerate(d.ordinals, start=1):
            for form in forms:
                q_words.setdefault(f(form), i)
    q_ord = _alt(map(re.escape, q_words))
    h_ord = _alt(re.escape(w) for w, i in q_words.items() if i <= 2)
    qp, hp = re.escape(f(sym.quarter_prefix)), re.escape(f(sym.half_prefix))
    article = _alt(_lead(w) for w in words(lambda d: d.articles))
    quarter = alt(lambda d: d.periods.quarter)
    half = alt(lambda d: d.periods.half)
    seasons = {_norm(f(w)): (s.month, s.day) for d in every for s in d.seasons for w in s.words}
    deadline_rel = {
        _norm(f(p)): r.days for d in every for r in d.deadline.relative for p in r.phrases
    }
    cue = (
        rf"(?P<cue>(?P<before>{alt(lambda d: d.deadline.before)})|{alt(lambda d: d.deadline.by)}"
        # a labelled field: "deadline: 30/06", "termin: koniec czerwca", "scadenza - fine anno"
        rf"|(?:{alt(lambda d: d.deadline.labels)})\s*[:\-–]"
        rf"(?:\s*(?:{alt(lambda d: d.deadline.label_fillers)}))?"
        # "deadline April 30", "scadenza il 30 aprile", "termin 30 kwietnia": no colon needed
        rf"|(?:{alt(lambda d: d.deadline.named)})(?:\s+(?:{alt(lambda d: d.deadline.copulas)}))?"
        rf"(?:\s+(?:{alt(lambda d: d.articles)}))?(?=\s+\w))"
    )
    target = (
        rf"(?:{article})?(?:"
        # end of a period: year, month, quarter, a named month or quarter, a year number
        rf"(?:{lead(lambda d: d.deadline.end_of)})"
        rf"(?:(?P<endqord>{q_ord})\s+(?:{quarter})"
        rf"|(?P<endhord>{q_ord})\s+(?:{half})"
        rf"|(?P<next>{lead(lambda d: d.deadline.period_next)})?"
        rf"(?P<end>(?P<endyear>{alt(lambda d: d.periods.year)})"
        rf"|(?P<endmonth>{alt(lambda d: d.periods.month)})|(?P<endquarter>{quarter})"
        rf"|{qp}(?P<endq>[1-4])|{hp}(?P<endh>[12])|(?P<endm>{mon_full})|(?P<endy>20\d{{2}}))"
        r"(?:\s+(?P<endyy>20\d{2}))?)"
        rf"|(?P<yearend>{alt(lambda d: d.deadline.year_end)})"
        rf"|(?:{lead(lambda d: d.deadline.mid)})(?P<midm>{mon_full})"
        rf"|(?P<monthend>{alt(lambda d: d.deadline.month_end)})"
        rf"|(?P<qend>{alt(lambda d: d.deadline.quarter_end)})"
        rf"|(?:{article})?{qp}(?P<q>[1-4])(?:\s*(?:'|20)(?P<qy>\d{{2}}))?"
        rf"|(?:{article})?{hp}(?P<h>[12])(?:\s*(?:'|20)(?P<hy>\d{{2}}))?"
        rf"|(?P<qord>{q_ord})\s+(?:{quarter})"
        rf"|(?P<hord>{q_ord})\s+(?:{half})"
        rf"|(?P<season>{_alt(map(_phrase, seasons))})"
        rf"|(?P<dd>[0-3]?\d)(?:{day_suffix}|\.|{signs})?\s+(?:(?:{day_of})\s+)?"
        rf"(?P<ddm>{mon_full})\.?(?:,?\s+(?P<ddy>20\d{{2}}))?"
        rf"|(?P<mdm>{mon_full})\.?\s+(?P<mdd>[0-3]?\d)(?:{md_suffix})?(?!\d)"
        r"(?:,?\s+(?P<mdy>20\d{2}))?"
        r"|(?P<numd>[0-3]?\d)[./](?P<numm>[01]?\d)(?:[./](?P<numy>(?:20)?\d{2}))?(?![\d.])"
        rf"|(?P<month>{mon_full})(?:\s+(?P<monthy>20\d{{2}}))?"
        rf"|(?P<ordd>[0-3]?\d)(?:{suffix_article})"
        rf"|(?P<rel>{_alt(map(_phrase, deadline_rel))})"
        r")(?![\w])"
    )
    deadline_cued = re.compile(
        rf"(?<![\w'])(?:{cue})(?:\s+|(?<='))(?:{article})?{target}"
        # "before Christmas last year" is history, not a deadline
        rf"(?!,?\s+(?:{alt(lambda d: d.years.last)}))"
    )
    during = alt(lambda d: d.deadline.during)
    deadline_free = re.compile(
        rf"(?<![\w'])(?:(?P<nextq>{alt(lambda d: d.deadline.next_quarter)})"
        rf"|(?P<thisq>{alt(lambda d: d.deadline.this_quarter)})"
        rf"|(?P<inq>(?:{during})\s+{qp}(?P<q>[1-4])(?:\s*(?:'|20)(?P<qy>\d{{2}}))?)"
        rf"|(?P<inqord>(?:{during})\s+(?:{article})?(?P<qord>{q_ord})\s+(?:{quarter}))"
        rf"|(?P<inh>(?:{during})\s+(?:{article})?"
        rf"(?:{hp}(?P<h>[12])|(?P<hord>{h_ord})\s+(?:{half})))"
        # a bare "end of year" / "fine anno" is as often an event ("the end of year webinar"):
        # it counts after a cue ("by", "entro", "do") or a label ("tempi:") only
        rf"|(?P<yearend>{alt(lambda d: d.deadline.free_year_end)}))(?![\w])"
    )
    duration = words(lambda d: [*d.deadline.duration.firm, *d.deadline.duration.plain])
    deadline_duration = re.compile(
        rf"(?<![\w'])(?P<pre>{_alt(map(_phrase, duration))})"
        r"\s+(?:(?P<n>(?:[\w']+(?:\s*[-–]\s*|\s+)){0,3}?[\w']+)(?:\s+|(?<=\d)))?"
        rf"(?P<unit>{unit_deadline})(?!\w)"
    )
    free_words = [
        *words(lambda d: [*d.deadline.next_quarter, *d.deadline.this_quarter]),
        *words(lambda d: [*d.periods.quarter, *d.periods.half, *d.deadline.free_year_end]),
    ]
    prefixed = [f"{qp}{i}" for i in "1234"] + [f"{hp}{i}" for i in "12"]

    return _Tables(
        langs=langs,
        weekdays=weekdays,
        weak_weekdays=frozenset(words(lambda d: d.weekdays.weak)),
        ignore_weekdays={lang: frozenset(map(f, data[lang].weekdays.ignore)) for lang in langs},
        not_before_weekday=not_before,
        not_before_window=max(map(len, not_before), default=0),
        months=months,
        weak_months=frozenset(words(lambda d: [*d.months.weak, *d.months.strict])),
        strict_months=frozenset(words(lambda d: d.months.strict)),
        capitalised_months=frozenset(words(lambda d: d.months.capitalised)),
        keep_dot=frozenset(words(lambda d: d.keep_dot)),
        day_words=day_words,
        roman=roman,
        unit_days=unit_days,
        singular_units=frozenset(words(lambda d: [w for u in d.units for w in u.singular])),
        implicit_one={unit: frozenset(ls) for unit, ls in implicit_one.items()},
        offsets=offsets,
        past_dir=frozenset(map(_norm, past_dir)),
        next_dir=frozenset(map(_norm, next_dir)),
        this_dir=frozenset(map(_norm, this_dir)),
        forward_prep=frozenset(forward),
        by_prep=frozenset(by),
        cue_prep=frozenset(words(lambda d: d.preps.cues)),
        year_last=frozenset(year_last),
        from_now=frozenset(_norm(w) for w in words(lambda d: d.relative.from_now)),
        ago_before=frozenset(_norm(w) for w in words(lambda d: d.relative.ago_before)),
        in_langs={word: frozenset(ls) for word, ls in in_langs.items()},
        q_words=q_words,
        seasons=seasons,
        deadline_rel=deadline_rel,
        need_number=frozenset(_norm(w) for w in words(lambda d: d.deadline.duration.need_number)),
        plain_in=frozenset(_norm(w) for w in words(lambda d: d.deadline.duration.plain)),
        fixed_gate=_gate(offsets),
        weekend_gate=frozenset(words(lambda d: d.weekend.words)),
        ago_gate=_gate(ago_words),
        in_gate=_gate(in_langs),
        free_gate=_gate(free_words) | frozenset(prefixed),
        count_of=re.compile(rf"\s+(?:{alt(lambda d: d.count_of)})$"),
        range_split=re.compile(rf"\s*[-–]\s*|\s+(?:{alt(lambda d: d.count_ranges)})\s+"),
        fixed=fixed,
        weekend=weekend,
        weekday=weekday,
        day_month=day_month,
        month_day=month_day,
        roman_date=roman_date,
        day_month_digits=day_month_digits,
        ordinal_day=ordinal_day,
        day_of_month=day_of_month,
        date_cue_before=date_cue_before,
        clock_before=clock_before,
        ago=ago,
        in_n=in_n,
        fallback=fallback,
        week_gap=week_gap,
        deadline_cued=deadline_cued,
        deadline_free=deadline_free,
        deadline_duration=deadline_duration,
    )


def _count(words: str, lang: str | None, *, middle: bool = False) -> float | None:
    """A small count in digits or words: "3", "two", "due", "dwa", "a couple of", "półtora".

    A range ("2-3", "two or three", "2 lub 3") reads as its upper bound, or with `middle`
    as its midpoint: a deadline "within 2-3 months" is 3 months off, an event "2-3 weeks
    ago" about 2.5 weeks back.
    """
    t = _tables()
    words = t.count_of.sub("", words.strip().rstrip("'"))  # "un'ora fa"
    if not words:
        return None
    parts = t.range_split.split(words)
    if len(parts) == 2:
        low, high = _count(parts[0], lang), _count(parts[1], lang)
        if low is None or high is None or low >= high:
            return None
        return (low + high) / 2 if middle else high
    value = parse_number(words, lang, whole=True)
    if value is None or not 0 < value < 1000:
        return None
    return value


# --- finding dates --------------------------------------------------------------------------

Found = tuple[int, int, date]
Finder = Callable[[_Tables, str, str, frozenset[str], date, str | None], list[Found]]

_HAS_DIGIT = re.compile(r"\d")
# ISO, day-month-year and "12. 03. 2026": digits and separators only.
_ISO = re.compile(
    r"(?<![\w.,/-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
)
_DMY = re.compile(
    r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?![\d]|[.,/-]\d)"
)
_DMY_SPACED = re.compile(r"(?<![\w.,/-])(?P<d>\d{1,2})\.\s(?P<m>\d{1,2})\.\s(?P<y>\d{4})(?!\d)")
_NUM_BEFORE = re.compile(r"(?:[\w']+(?:\s*[-–]\s*|\s+)){0,3}[\w']+\s*$")
_COUNT_PARTS = re.compile(r"\d+|[a-z']+")
_LAST_WORD = re.compile(r"([a-z]+)\.$")


def _words(folded: str) -> frozenset[str]:
    return frozenset(_WORD_TOKEN.findall(folded))


def _find_fixed(
    t: _Tables, text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    if t.fixed_gate.isdisjoint(words) and t.weekend_gate.isdisjoint(words):
        return out
    for m in t.fixed.finditer(folded):
        phrase = _norm(m.group("p"))
        out.append((m.start(), m.end(), as_of + timedelta(days=t.offsets[phrase])))
    for m in t.weekend.finditer(folded) if not t.weekend_gate.isdisjoint(words) else ():
        direction = _BEFORE if m.group("past") else _AFTER
        out.append((m.start(), m.end(), _weekday(as_of, 5, direction)))
    return out


def _find_weekdays(
    t: _Tables, text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    if words.isdisjoint(t.weekdays):
        return out
    ignored = t.ignore_weekdays.get(lang or "", frozenset())
    for m in t.weekday.finditer(folded):
        day, prep = m.group("day"), m.group("prep")
        direction_word = _norm(m.group("dir1") or m.group("dir2") or "")
        start = m.start()
        if t.not_before_weekday and folded.endswith(
            t.not_before_weekday, max(0, start - t.not_before_window), start
        ):
            continue  # "Black Friday" is a sale, not a date
        cued = direction_word or prep in t.cue_prep
        weak = day in t.weak_weekdays and not cued
        if weak and not text[m.start("day")].isupper():
            continue
        if day in ignored:
            continue
        if direction_word in t.past_dir:
            direction = _BEFORE
        elif direction_word in t.next_dir:
            direction = _AFTER
        elif direction_word in t.this_dir:
            direction = _SAME_WEEK
        elif prep in t.forward_prep:
            direction = _AFTER
        elif prep in t.by_prep:
            direction = _ON_OR_AFTER
        else:
            direction = _ON_OR_BEFORE
        out.append((m.start("x"), m.end("x"), _weekday(as_of, t.weekdays[day], direction)))
    return out


def _resolve_year_tail(m: re.Match[str], month: int, day: int, as_of: date) -> date | None:
    year = _year(m.group("y"), m.group("yy"))
    if m.group("rel"):
        year = as_of.year - 1 if m.group("rellast") else as_of.year
    if year is not None:
        return _safe_date(year, month, day)
    return _guess_year(month, day, as_of)


def _find_month_names(
    t: _Tables, text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    if words.isdisjoint(t.months):
        return out
    for regex in (t.day_month, t.month_day):
        for m in regex.finditer(folded):
            mon = m.group("mon")
            marked = m.group("dot") or m.group("y") or m.group("yy")
            capital = text[m.start("mon")].isupper()
            if mon in t.weak_months and not marked and (mon in t.strict_months or not capital):
                continue
            if mon in t.capitalised_months and not capital:
                continue  # "may" is mostly a verb
            raw_day = m.group("d")
            day = int(raw_day) if raw_day.isdigit() else t.day_words[raw_day]  # "il primo marzo"
            value = _resolve_year_tail(m, t.months[mon], day, as_of)
            if value is not None:
                out.append((m.start(), _trim_dot(t, folded, m.end()), value))
    return out


def _trim_dot(t: _Tables, folded: str, end: int) -> int:
    """Leave out a full stop after a whole month name ("24 September."); keep "Jul."."""
    m = _LAST_WORD.search(folded, max(0, end - 12), end)
    if m and m.group(1) not in t.keep_dot:
        return end - 1
    return end


def _find_numeric(
    t: _Tables, text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    if not _HAS_DIGIT.search(folded):
        return out
    for m in _ISO.finditer(folded):
        value = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if value:
            out.append((m.start(), m.end(), value))
    for m in _DMY.finditer(folded):
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        year = y if y >= 100 else 2000 + y
        value = _safe_date(year, mo, d)
        if value is None and m.group("sep") == "/":
            value = _safe_date(year, d, mo)  # US order, when the day cannot be a month
        if value:
            out.append((m.start(), m.end(), value))
    for m in t.roman_date.finditer(folded):
        value = _safe_date(int(m.group("y")), t.roman[m.group("m")], int(m.group("d")))
        if value:
            out.append((m.start(), m.end(), value))
    for m in _DMY_SPACED.finditer(folded):
        value = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if value:
            out.append((m.start(), m.end(), value))
    for m in t.day_month_digits.finditer(folded):
        d_raw, m_raw, sep = m.group("d"), m.group("m"), m.group("sep")
        if sep == "." and len(m_raw) != 2:
            continue  # "2.5" is a number, "13.01" a date
        if m.group() == "24/7":
            continue
        # "1/2" is a fraction unless a date word comes before: "on 5/3", "il 5/3"
        one_digit_each = sep == "/" and len(d_raw) == 1 and len(m_raw) == 1
        if one_digit_each and not t.date_cue_before.search(
            folded, max(0, m.start() - 12), m.start()
        ):
            continue
        if t.clock_before.search(folded, max(0, m.start() - 16), m.start()):
            continue  # "alle 9.05" is a time
        day, month = int(d_raw), int(m_raw)
        if sep == "/" and month > 12 >= day:
            day, month = month, day  # US order: "3/14"
        value = _guess_year(month, day, as_of) if 1 <= month <= 12 else None
        if sep == "/" and lang == "en" and day <= 12 and month <= 12 and day != month:
            # English notes are written both ways ("3/12" in Denver, "12/3" in Leeds): a
            # rep writes about the recent past, so the reading nearer the reference date wins
            us = _guess_year(day, month, as_of)
            if us and value and us <= as_of and (value > as_of or us > value):
                value = us
        if value:
            out.append((m.start(), m.end(), value))
    for m in t.ordinal_day.finditer(folded):
        day = int(m.group("d") or m.group("d2") or m.group("d3"))
        span_group = "x" if m.group("x") else ("x2" if m.group("x2") else "x3")
        if not 1 <= day <= 31:
            continue
        value = _safe_date(as_of.year, as_of.month, day)
        if value is None or value > as_of:
            prev = as_of.replace(day=1) - timedelta(days=1)
            value = _safe_date(prev.year, prev.month, day)
        if value:
            out.append((m.start(span_group), m.end(span_group), value))
    for m in t.day_of_month.finditer(folded):
        shift = -1 if m.group("last") else (1 if m.group("next") else 0)
        first = as_of.replace(day=1)
        if shift < 0:
            first = (first - timedelta(days=1)).replace(day=1)
        elif shift > 0:
            first = (first + timedelta(days=32)).replace(day=1)
        value = _safe_date(first.year, first.month, int(m.group("d")))
        if value:
            out.append((m.start(), m.end(), value))
    return out


def _find_relative_counts(
    t: _Tables, text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    for m in t.ago.finditer(folded) if not t.ago_gate.isdisjoint(words) else ():
        unit = m.group("unit")
        before = _NUM_BEFORE.search(folded, max(0, m.start() - 30), m.start())
        n, start = None, m.start()
        if before:
            # try the longest tail of words that reads as a number: "a couple of", "twenty five"
            chunk = before.group()
            parts = list(_COUNT_PARTS.finditer(chunk))
            for k in range(len(parts)):
                n = _count(chunk[parts[k].start() :], lang, middle=True)
                if n is not None:
                    start = before.start() + parts[k].start()
                    break
        if n is None:
            if unit not in t.implicit_one:
                continue
            n = 1
        sign = 1 if _norm(m.group("dir")) in t.from_now else -1
        days = round(n * t.unit_days[unit])
        out.append((start, m.end(), as_of + timedelta(days=sign * days)))
    for m in t.in_n.finditer(folded) if not t.in_gate.isdisjoint(words) else ():
        unit, raw_n, pre = m.group("unit"), m.group("n"), _norm(m.group("pre"))
        if raw_n is None:
            # "za tydzień": a singular that needs no number, after a word of its language
            if t.in_langs[pre].isdisjoint(t.implicit_one.get(unit, ())):
                continue
            n = 1
        else:
            n = _count(raw_n, lang, middle=True)
            if n is None:
                continue
        sign = -1 if pre in t.ago_before else 1  # "vor 2 Wochen" looks back
        days = round(n * t.unit_days[unit])
        out.append((m.start(), m.end(), as_of + timedelta(days=sign * days)))
    return out


_FINDERS: tuple[Finder, ...] = (
    _find_fixed,
    _find_relative_counts,
    _find_month_names,
    _find_numeric,
)


def _dateparser_fallback(
    t: _Tables,
    text: str,
    folded: str,
    words: frozenset[str],
    as_of: date,
    lang: str | None,
    taken: list[Found],
) -> list[Found]:
    """Month-name spans our patterns did not read ("14-Mar-2026"), handed to dateparser."""
    out: list[Found] = []
    if words.isdisjoint(t.months) or not _HAS_DIGIT.search(folded):
        return out
    for m in t.fallback.finditer(folded):
        raw = m.group().strip(" .,/-")
        if not any(c.isdigit() for c in raw) or not any(c in "-/" for c in raw):
            continue
        start = m.start() + m.group().index(raw)
        end = start + len(raw)
        if any(s < end and start < e for s, e, _ in taken):
            continue
        value = _dateparser_parse(text[start:end], as_of, lang)
        if value:
            out.append((start, end, value))
    return out


# dateparser's settings (its API, not words of a note).
_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "REQUIRE_PARTS": ["day", "month"],
    "DATE_ORDER": "DMY",
}


def _dateparser_parse(phrase: str, as_of: date, lang: str | None) -> date | None:
    import dateparser  # imported late: only leftover month-name forms need it

    langs = _tables().langs
    languages = [lang] if lang in langs else list(langs)
    try:
        parsed = dateparser.parse(
            phrase,
            languages=languages,
            settings={
                "RELATIVE_BASE": datetime(as_of.year, as_of.month, as_of.day),
                **_DATEPARSER_SETTINGS,
            },
        )
    except (ValueError, OverflowError):  # an odd span is no date, never an error for the note
        return None
    return parsed.date() if parsed else None


def _pick(found: list[Found]) -> list[Found]:
    """Non-overlapping spans, earliest first, the longest where two start together."""
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[Found] = []
    for item in found:
        if out and item[0] < out[-1][1]:
            continue
        out.append(item)
    return out


def find_dates(text: str, as_of: date, lang: str | None = None) -> list[DateSpan]:
    """Every date expression in `text`, resolved against `as_of`, in text order.

    `lang` narrows a few ambiguous forms; every language of the vocabulary is read.
    """
    t = _tables()
    folded = fold_text(text)
    found: list[Found] = []
    words = _words(folded)
    for finder in _FINDERS:
        found.extend(finder(t, text, folded, words, as_of, lang))
    weekday_found = _find_weekdays(t, text, folded, words, as_of, lang)
    found.extend(weekday_found)
    weekdays = {(s, e) for s, e, _ in weekday_found}
    found.extend(_dateparser_fallback(t, text, folded, words, as_of, lang, found))
    picked = _pick(found)
    merged: list[Found] = []
    for item in picked:
        # "Mon 9/3", "lunedì, 09/03/2026": the weekday only names the date that follows
        if (
            merged
            and (merged[-1][0], merged[-1][1]) in weekdays
            and (item[0], item[1]) not in weekdays
        ):
            # "Monday last week", "lunedì della settimana scorsa", "w poniedziałek w zeszłym
            # tygodniu": that weekday of the week before (or after) this one
            week = t.offsets.get(_norm(folded[item[0] : item[1]]))
            if week in (-7, 7) and t.week_gap.fullmatch(folded[merged[-1][1] : item[0]]):
                monday = as_of - timedelta(days=as_of.weekday())
                value = monday + timedelta(days=week + merged[-1][2].weekday())
                merged[-1] = (merged[-1][0], item[1], value)
                continue
            gap = text[merged[-1][1] : item[0]]
            dot_ok = merged[-1][1] - merged[-1][0] <= 5  # "Mon. 9/3", not "Friday. 13.03"
            absolute = _HAS_DIGIT.search(folded, item[0], item[1])
            if absolute and len(gap) <= 3 and not gap.strip(" ,\u00a0" + ("." if dot_ok else "")):
                merged[-1] = (merged[-1][0], item[1], item[2])
                continue
        merged.append(item)
    return [DateSpan(s, e, v, text[s:e]) for s, e, v in merged]


def resolve_date(phrase: str, as_of: date, lang: str | None = None) -> date | None:
    """The first date expression in `phrase`, resolved against `as_of`, or None."""
    spans = find_dates(phrase, as_of, lang)
    return spans[0].value if spans else None


# --- purchase deadlines ---------------------------------------------------------------------

# Period targets whose start (not end) a "before" points at: "before Q3" is by 30 June.
_PERIOD_MONTHS = {"q": 3, "qord": 3, "h": 6, "hord": 6, "month": 1}


def _deadline_from_cued(t: _Tables, m: re.Match[str], as_of: date) -> date | None:
    end = _deadline_target(t, m, as_of)
    if end is None or not m.group("before"):
        return end
    for group, months in _PERIOD_MONTHS.items():
        if m.group(group):
            start_month = end.month - months + 1
            start = date(end.year, start_month, 1) - timedelta(days=1)
            if start < as_of:  # already begun: "before March", said in March, is next year's
                start = date(end.year + 1, start_month, 1) - timedelta(days=1)
            return start
    return end


def _deadline_target(t: _Tables, m: re.Match[str], as_of: date) -> date | None:
    g = m.groupdict()
    if g["endqord"]:
        return _next_quarter_end(t.q_words[g["endqord"]], as_of, None)
    if g["endhord"] and t.q_words[g["endhord"]] <= 2:
        return _next_quarter_end(t.q_words[g["endhord"]] * 2, as_of, None)
    if g["end"]:
        year = int(g["endyy"]) if g["endyy"] else None
        if g["endy"]:
            return date(int(g["endy"]), 12, 31)
        following = bool(g["next"])
        if g["endyear"]:
            return date(as_of.year + following, 12, 31)
        if g["endmonth"]:
            if following:
                return _month_end(as_of.year + (as_of.month == 12), as_of.month % 12 + 1)
            return _month_end(as_of.year, as_of.month)
        if g["endquarter"]:
            if following:
                q = _current_quarter(as_of) % 4 + 1
                return _quarter_end(as_of.year + (q == 1), q)
            return _quarter_end(as_of.year, _current_quarter(as_of))
        if g["endq"]:
            return _next_quarter_end(int(g["endq"]), as_of, year)
        if g["endh"]:
            return _next_quarter_end(int(g["endh"]) * 2, as_of, year)
        return _next_on_or_after(t.months[g["endm"]], None, as_of, year)
    if g["yearend"]:
        return date(as_of.year, 12, 31)
    if g["midm"]:
        return _next_on_or_after(t.months[g["midm"]], 15, as_of, None)
    if g["monthend"]:
        return _month_end(as_of.year, as_of.month)
    if g["qend"]:
        return _quarter_end(as_of.year, _current_quarter(as_of))
    if g["q"]:
        return _next_quarter_end(int(g["q"]), as_of, _year(None, g["qy"]))
    if g["h"]:
        return _next_quarter_end(int(g["h"]) * 2, as_of, _year(None, g["hy"]))
    if g["qord"]:
        return _next_quarter_end(t.q_words[g["qord"]], as_of, None)
    if g["hord"] and t.q_words[g["hord"]] <= 2:  # a half year ends with its second quarter
        return _next_quarter_end(t.q_words[g["hord"]] * 2, as_of, None)
    if g["season"]:
        month, day = t.seasons[_norm(g["season"])]
        return _next_on_or_after(month, day, as_of, None)
    if g["dd"]:
        return _next_on_or_after(t.months[g["ddm"]], int(g["dd"]), as_of, _year(g["ddy"], None))
    if g["mdm"]:
        return _next_on_or_after(t.months[g["mdm"]], int(g["mdd"]), as_of, _year(g["mdy"], None))
    if g["numd"]:
        month = int(g["numm"])
        if not 1 <= month <= 12:
            return None
        year = None
        if g["numy"]:
            year = int(g["numy"]) if len(g["numy"]) == 4 else 2000 + int(g["numy"])
        return _next_on_or_after(month, int(g["numd"]), as_of, year)
    if g["rel"]:
        return as_of + timedelta(days=t.deadline_rel[_norm(g["rel"])])
    if g["month"]:
        if g["month"] in t.strict_months and not g["monthy"]:
            return None
        return _next_on_or_after(t.months[g["month"]], None, as_of, _year(g["monthy"], None))
    if g["ordd"]:
        day = int(g["ordd"])
        for month_start in (
            as_of.replace(day=1),
            _month_end(as_of.year, as_of.month) + timedelta(1),
        ):
            target = _safe_date(month_start.year, month_start.month, day)
            if target is not None and target >= as_of:
                return target
        return None
    return None


def _next_quarter_end(quarter: int, as_of: date, year: int | None) -> date:
    if year:
        return _quarter_end(year, quarter)
    end = _quarter_end(as_of.year, quarter)
    return end if end >= as_of else _quarter_end(as_of.year + 1, quarter)


def _deadline_free(t: _Tables, m: re.Match[str], as_of: date) -> date | None:
    if m.group("nextq"):
        q = _current_quarter(as_of) % 4 + 1
        return _quarter_end(as_of.year + (1 if q == 1 else 0), q)
    if m.group("thisq"):
        return _quarter_end(as_of.year, _current_quarter(as_of))
    if m.group("inq"):
        return _next_quarter_end(int(m.group("q")), as_of, _year(None, m.group("qy")))
    if m.group("inqord"):
        return _next_quarter_end(t.q_words[m.group("qord")], as_of, None)
    if m.group("inh"):
        half = int(m.group("h")) if m.group("h") else t.q_words[m.group("hord")]
        return _next_quarter_end(half * 2, as_of, None)
    return date(as_of.year, 12, 31)


def find_deadline_days(text: str, as_of: date, lang: str | None = None) -> tuple[int, str] | None:
    """The first purchase deadline in `text`: (days from `as_of`, the words that say it).

    "within 3 months" 90, "entro fine anno" -> Dec 31, "do czerwca" -> the end of the next
    June, "by end of Q3" -> Sep 30, "w przyszłym kwartale" -> the end of the next quarter.
    Months are 30 days, weeks 7, years 365.
    """
    t = _tables()
    folded = fold_text(text)
    found: list[Found] = []
    weak: list[Found] = []
    for m in t.deadline_cued.finditer(folded):
        value = _deadline_from_cued(t, m, as_of)
        if value is not None:
            found.append((m.start(), m.end(), value))
    words = _words(folded)
    for m in t.deadline_free.finditer(folded) if not t.free_gate.isdisjoint(words) else ():
        value = _deadline_free(t, m, as_of)
        if value is not None:
            found.append((m.start(), m.end(), value))
    for m in t.deadline_duration.finditer(folded):
        unit, raw_n, pre = m.group("unit"), m.group("n"), _norm(m.group("pre"))
        if raw_n is None:
            if pre in t.need_number or unit not in t.singular_units:
                continue
            n = 1.0
        else:
            count = _count(raw_n, lang)
            if count is None:
                continue
            n = count
        item = (m.start(), m.end(), as_of + timedelta(days=round(n * t.unit_days[unit])))
        # "in 10 days", "tra 10 giorni", "za 10 dni" also date a plain future event: they
        # count only when no firmer wording ("within", "entro", "do końca") is there
        # ... and only months away: "in 10 days" is a follow-up, not a purchase deadline
        if pre in t.plain_in:
            if t.unit_days[unit] >= 30:
                weak.append(item)
            continue
        found.append(item)
    picked = _pick(found) or _pick(weak)
    if not picked:
        return None
    start, end, value = picked[0]
    end = _trim_dot(t, folded, end)
    return (value - as_of).days, text[start:end]
