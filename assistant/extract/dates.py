"""Dates in rep notes, absolute and relative, in English, Italian and Polish.

Every expression is resolved against the reference date `as_of`. Events lean to the past
("on Tuesday" is the latest Tuesday on or before `as_of`) unless the words point forward
("next Tuesday", "martedì prossimo", "w przyszły wtorek", "for Thursday"). Our own regexes
read the forms dateparser misses ("tra due giorni", "dopodomani", "za tydzień", "w zeszłym
tygodniu"); dateparser is only asked about leftover month-name spans ("14-Mar-2026").

Matching runs on a folded copy of the text (lowercase, no diacritics, same length), so the
patterns are plain ASCII and every span is an exact slice of the original text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from assistant.extract.numbers import fold_text, parse_number

__all__ = ["DateSpan", "find_dates", "find_deadline_days", "resolve_date"]


@dataclass(frozen=True)
class DateSpan:
    """A date expression found in a text: `raw == text[start:end]`, `value` the day it means."""

    start: int
    end: int
    value: date
    raw: str


# --- vocabulary -----------------------------------------------------------------------------

_WEEKDAYS: dict[str, int] = {}
for _i, _forms in enumerate(
    [
        "monday mon lunedi lun poniedzialek poniedzialku",
        "tuesday tue tues martedi wtorek wtorku",
        "wednesday wed weds mercoledi sroda srode srody srodzie",
        "thursday thu thur thurs giovedi czwartek czwartku",
        "friday fri venerdi piatek piatku",
        "saturday sat sabato sobota sobote soboty",
        "sunday sun domenica niedziela niedziele niedzieli",
    ]
):
    for _form in _forms.split():
        _WEEKDAYS[_form] = _i
# English abbreviations that are also words: only with a cue word or a capital letter.
_WEAK_WEEKDAYS = {"sat", "sun", "wed", "mon", "lun"}

_MONTH_FORMS = [
    "january jan gennaio gen styczen stycznia styczniu",
    "february feb febbraio luty lutego lutym",
    "march mar marzo marzec marca marcu",
    "april apr aprile kwiecien kwietnia kwietniu",
    "may maggio mag maj maja maju",
    "june jun giugno giu czerwiec czerwca czerwcu",
    "july jul luglio lug lipiec lipca lipcu",
    "august aug agosto ago sierpien sierpnia sierpniu",
    "september sep sept settembre set wrzesien wrzesnia wrzesniu",
    "october oct ottobre ott pazdziernik pazdziernika pazdzierniku",
    "november nov novembre listopad listopada listopadzie",
    "december dec dicembre dic grudzien grudnia grudniu",
]
_MONTHS: dict[str, int] = {}
for _i, _forms in enumerate(_MONTH_FORMS, start=1):
    for _form in _forms.split():
        _MONTHS[_form] = _i
# Polish abbreviations of CRM exports ("12 sty 2026", "3 wrz").
_PL_ABBREVIATIONS = "sty lut mar kwi maj cze lip sie wrz paz lis gru"
for _i, _form in enumerate(_PL_ABBREVIATIONS.split(), start=1):
    _MONTHS.setdefault(_form, _i)
# Abbreviations that are also everyday words: a month only with a dot or a year after.
_WEAK_MONTHS = {"ago", "set", "mar", "dec", "jan", "gen", "sie", "lis", "lip"}
_ROMAN_MONTHS = {r: i for i, r in enumerate(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii",
                                              "ix", "x", "xi", "xii"], start=1)}  # fmt: skip


def _alt(words: list[str] | set[str] | dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WD = _alt(_WEEKDAYS)
_MON = _alt(_MONTHS)

_UNIT_DAYS: dict[str, float] = {}
for _days, _forms in (
    (1 / 1440, "minute minutes min mins minuto minuti minut minuty minute"),
    (1 / 24, "hour hours hr hrs h ora ore godzina godzine godziny godzin godz"),
    (1, "day days d giorno giorni gg g dzien dnia dni dniach"),
    (14, "fortnight fortnights"),
    (7, "week weeks wk wks w settimana settimane sett tydzien tygodnia tygodnie tygodni "
        "tygodniach tyg"),
    (30, "month months mo mos mth mths mese mesi miesiac miesiaca miesiace miesiecy "
         "miesiacach mies"),
    (90, "quarter quarters trimestre trimestri kwartal kwartalu kwartaly kwartalow kwartalach"),
    (365, "year years yr yrs anno anni rok roku lata lat latach"),
):  # fmt: skip
    for _form in _forms.split():
        _UNIT_DAYS[_form] = _days
# Singular units that carry their own "one": "tydzień temu", "za miesiąc", "w ciągu roku".
_SINGULAR_UNITS = {"dzien", "dnia", "tydzien", "tygodnia", "miesiac", "miesiaca", "rok", "roku",
                   "kwartal", "kwartalu", "mese", "anno", "settimana", "trimestre", "giorno",
                   "day", "week", "month", "year", "quarter", "fortnight"}  # fmt: skip
# Polish singulars need no number ("tydzień temu", "za miesiąc"); other languages say "a"/"un".
_IMPLICIT_ONE = {"dzien", "dnia", "tydzien", "tygodnia", "miesiac", "miesiaca", "rok", "roku",
                 "kwartal", "kwartalu", "godzine"}  # fmt: skip
_SHORT_UNITS = {"d", "w", "g", "mo", "mos", "wk", "wks", "mth", "mths", "yr", "yrs", "gg", "h",
                "hr", "hrs", "min", "mins", "godz"}  # fmt: skip
_UNIT = _alt(_UNIT_DAYS)
_UNIT_LONG = _alt({u for u in _UNIT_DAYS if u not in _SHORT_UNITS and _UNIT_DAYS[u] != 90})

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


def _weekday(as_of: date, weekday: int, direction: str) -> date:
    back = (as_of.weekday() - weekday) % 7
    if direction == "on_or_before":
        return as_of - timedelta(days=back)
    if direction == "before":
        return as_of - timedelta(days=back or 7)
    ahead = (weekday - as_of.weekday()) % 7
    if direction == "on_or_after":
        return as_of + timedelta(days=ahead)
    if direction == "after":
        return as_of + timedelta(days=ahead or 7)
    # "this": the day of the same Monday-to-Sunday week
    return as_of + timedelta(days=weekday - as_of.weekday())


def _year(y: str | None, yy: str | None) -> int | None:
    if y:
        return int(y)
    if yy:
        return 2000 + int(yy)
    return None


_RANGE_SPLIT = re.compile(r"\s*[-–]\s*|\s+(?:or|to|o|oppure|lub|albo|czy)\s+")


def _count(words: str, lang: str | None, *, middle: bool = False) -> float | None:
    """A small count in digits or words: "3", "two", "due", "dwa", "a couple of", "półtora".

    A range ("2-3", "two or three", "2 lub 3") reads as its upper bound, or with `middle`
    as its midpoint: a deadline "within 2-3 months" is 3 months off, an event "2-3 weeks
    ago" about 2.5 weeks back.
    """
    words = re.sub(r"\s+(?:of|di)$", "", words.strip().rstrip("'"))  # "un'ora fa"
    if not words:
        return None
    parts = _RANGE_SPLIT.split(words)
    if len(parts) == 2:
        low, high = _count(parts[0], lang), _count(parts[1], lang)
        if low is None or high is None or low >= high:
            return None
        return (low + high) / 2 if middle else high
    value = parse_number(words, lang, whole=True)
    if value is None or not 0 < value < 1000:
        return None
    return value


# --- patterns -------------------------------------------------------------------------------

_DAY_PART = (
    r"(?:\s+(?:morning|afternoon|evening|night|sera|mattina|mattino|pomeriggio|notte"
    r"|rano|wieczorem|wieczor|po\s+poludniu|przed\s+poludniem|w\s+nocy))?"
)
_FIXED_OFFSETS: dict[int, list[str]] = {
    0: ["today", "tonight", "this morning", "this afternoon", "this evening", "earlier today",
        "just now", "a moment ago", "poco fa", "poco tempo fa", "przed chwila", "chwile temu",
        "this am", "this a.m.", "this a.m", "this pm", "this p.m.", "oggi", "stamattina", "sta mattina", "stamani", "stamane", "stasera",
        "stanotte", "questa mattina",
        "stamattina presto", "questo pomeriggio", "in mattinata",
        "dzis", "dzisiaj", "dzisiejszego dnia", "dzis rano", "dzisiaj rano", "dzis po poludniu",
        "dzis wieczorem", "dzisiaj wieczorem", "dzisiaj po poludniu", "dzis w nocy"],
    -1: ["yesterday", "last night", "yday", "yesterdy", "yesteday", "ieri", "iersera",
         "ieri sera", "wczoraj"],
    -2: ["the day before yesterday", "day before yesterday", "l'altro ieri", "l'altroieri",
         "altro ieri", "ieri l'altro", "avantieri", "przedwczoraj"],
    1: ["tomorrow", "tmrw", "tommorow", "tomorow", "tommorrow", "domani", "domattina", "jutro"],
    2: ["the day after tomorrow", "day after tomorrow", "dopodomani", "pojutrze"],
    -7: ["last week", "last wk", "la settimana scorsa", "settimana scorsa",
         "la scorsa settimana", "scorsa settimana", "la settimana passata", "settimana passata",
         "w zeszlym tygodniu", "w ubieglym tygodniu", "w poprzednim tygodniu",
         "w tamtym tygodniu", "w minionym tygodniu", "w zeszly tydzien", "w ostatnim tygodniu",
         "przed tygodniem", "zeszlego tygodnia", "w zeszlym tyg", "w ub. tyg", "w ub. tygodniu"],
    7: ["next week", "next wk", "la prossima settimana", "prossima settimana",
        "la settimana prossima", "settimana prossima", "la settimana che viene",
        "w przyszlym tygodniu", "w nastepnym tygodniu", "w przyszlym tyg", "przyszly tydzien",
        "w przyszly tydzien"],
    -14: ["the week before last", "two weeks back"],
    -30: ["last month", "il mese scorso", "mese scorso", "lo scorso mese", "il mese passato",
          "w zeszlym miesiacu", "w ubieglym miesiacu", "w poprzednim miesiacu",
          "przed miesiacem", "w zeszlym mies", "w minionym miesiacu"],
    30: ["next month", "il mese prossimo", "il prossimo mese", "prossimo mese", "mese prossimo",
         "w przyszlym miesiacu", "w nastepnym miesiacu"],
    -365: ["last year", "l'anno scorso", "l'anno passato", "anno scorso", "lo scorso anno",
           "w zeszlym roku", "w ubieglym roku", "w poprzednim roku", "rok temu"],
    365: ["next year", "l'anno prossimo", "il prossimo anno", "anno prossimo",
          "w przyszlym roku", "w nastepnym roku"],
}  # fmt: skip
_OFFSET_OF = {phrase: days for days, phrases in _FIXED_OFFSETS.items() for phrase in phrases}
_FIXED = re.compile(
    r"(?<![\w'])(?P<p>"
    + _alt({re.escape(p).replace("\\ ", " ").replace(" ", r"\s+") for p in _OFFSET_OF})
    + r")(?P<part>"
    + _DAY_PART
    + r")(?!\w)"
)
# Weekends: the last Saturday before today, or the next one.
_WEEKEND = re.compile(
    r"(?<![\w'])(?:(?P<past>last\s+weekend|over\s+the\s+weekend|this\s+past\s+weekend"
    r"|(?:lo\s+)?scorso\s+(?:weekend|fine\s+settimana)"
    r"|(?:il\s+|nel\s+)?(?:weekend|fine\s+settimana)\s+scors[oa]"
    r"|nel\s+weekend|w\s+(?:zeszly|ubiegly|ostatni)\s+weekend|w\s+weekend|przez\s+weekend)"
    r"|(?P<next>next\s+weekend|(?:il\s+)?prossimo\s+(?:weekend|fine\s+settimana)"
    r"|(?:il\s+)?(?:weekend|fine\s+settimana)\s+prossimo"
    r"|w\s+(?:przyszly|najblizszy)\s+weekend))(?!\w)"
)

_PAST_DIR = {"last", "past", "previous", "this past", "lo scorso", "la scorsa", "scorso",
             "scorsa", "passato", "passata", "zeszly", "zeszla", "zeszlego", "zeszlej", "ubiegly",
             "ubiegla", "ubieglego", "ubieglej", "ostatni", "ostatnia", "poprzedni",
             "poprzednia", "miniony", "miniona", "minionego"}  # fmt: skip
_NEXT_DIR = {"next", "coming", "il prossimo", "la prossima", "prossimo", "prossima", "przyszly",
             "przyszla", "przyszlego", "przyszlej", "nastepny", "nastepna", "najblizszy",
             "najblizsza", "this coming"}  # fmt: skip
_THIS_DIR = {"this", "questo", "questa", "ten", "te", "ta"}
_FORWARD_PREP = {"for", "per", "na"}
_BY_PREP = {"by", "until", "till", "entro", "do"}
_WEEKDAY_RE = re.compile(
    r"(?<![\w'])(?:(?P<prep>on|for|per|il(?!\s+prossim|\s+scors)|di|da|w|we|na|do|od|by|until"
    r"|till|entro)\s+)?"
    r"(?P<x>(?:(?P<dir1>" + _alt(_PAST_DIR | _NEXT_DIR | _THIS_DIR) + r")\s+)?"
    r"(?P<day>" + _WD + r")(?:'(?!\w))?(?!\w)"  # "lunedi'" is how some type "lunedì"
    r"(?:\s+(?P<dir2>scorso|scorsa|passato|passata|prossimo|prossima)(?!\w))?)"
)

_YEAR_TAIL = (
    r"(?:,?\s+(?:(?P<y>(?:19|20)\d{2})(?!\d)|'(?P<yy>\d{2})(?!\d)"
    r"|(?P<rel>di\s+quest'anno|dell'anno\s+scorso|of\s+this\s+year|of\s+last\s+year|this\s+year"
    r"|last\s+year|tego\s+roku|biezacego\s+roku|br\.?|zeszlego\s+roku|ubieglego\s+roku)(?!\w)))?"
)
_DAY_MONTH = re.compile(
    r"(?<![\w.,/])(?:(?P<wd>" + _WD + r")\.?,?\s+)?"
    r"(?P<d>[0-3]?\d|primo)(?:st|nd|rd|th|\.|-go|-ego|°|º)?\s+(?:of\s+)?(?P<mon>"
    + _MON
    + r")(?P<dot>\.)?"
    r"(?!\w)" + _YEAR_TAIL
)
_MONTH_DAY = re.compile(
    r"(?<![\w])(?:(?P<wd>" + _WD + r")\.?,?\s+)?"
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)(?P<dot>\.)?\s+(?:the\s+)?"
    r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\w.,:/]?\d)(?![\w])" + _YEAR_TAIL
)
_ISO = re.compile(
    r"(?<![\w.,/-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
)
_DMY = re.compile(
    r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?![\d]|[.,/-]\d)"
)
_DMY_SPACED = re.compile(r"(?<![\w.,/-])(?P<d>\d{1,2})\.\s(?P<m>\d{1,2})\.\s(?P<y>\d{4})(?!\d)")
_DMY_ROMAN = re.compile(
    r"(?<![\w.,/-])(?P<d>\d{1,2})[. ](?P<m>xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)[. ]"
    r"(?P<y>\d{4})(?!\d)"
)
_DM = re.compile(
    r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})"
    r"(?![\d]|[.,/-]\d|\s?(?:%|€|\$|£|zl|eur|pln|usd|k\b|m\b|mln|h\b))"
)
# "on the 5th", "since the 3rd", "5-go": a day of this month (or the last, if still ahead).
_ORDINAL_DAY = re.compile(
    r"(?<![\w])(?:(?:on|since|from)\s+(?P<x>the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th))"
    r"|(?P<x2>the\s+(?P<d3>[0-3]?\d)(?:st|nd|rd|th))(?=\s*(?:[,.;:!?)]|$|and\b|at\b))"
    r"|(?P<x3>(?P<d2>[0-3]?\d)-(?:go|ego|tego)))(?!\w)(?!\s+(?:of\s+)?(?:" + _MON + r")(?!\w))"
)
# A day of the last, this or next month: "il 3 u.s.", "il 5 c.m.", "3 ub.m.", "5 b.m.",
# "the 3rd of last month", "il 3 del mese scorso".
_DAY_OF_MONTH = re.compile(
    r"(?<![\w.,/])(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th|-go)?\s+"
    r"(?:(?P<last>u\.\s?s\.|ub\.\s?m\.|of\s+last\s+month|del\s+mese\s+scorso"
    r"|(?:zeszlego|ubieglego|poprzedniego)\s+miesiaca)"
    r"|(?P<this>c\.\s?m\.|b\.\s?m\.|of\s+this\s+month|(?:del|di)\s+questo\s+mese"
    r"|del\s+mese\s+corrente|(?:tego|biezacego)\s+miesiaca)"
    r"|(?P<next>of\s+next\s+month|del\s+(?:mese\s+prossimo|prossimo\s+mese)"
    r"|(?:przyszlego|nastepnego)\s+miesiaca))"
)
_DATE_CUE_BEFORE = re.compile(r"(?:on|il|dal|al|del|dnia|w\s+dniu|since|from|od|do)\s+$")
_CLOCK_BEFORE = re.compile(r"(?<![a-z])(?:alle|ore|at|godz\.?|o|around|verso|intorno\s+alle)\s*$")
_AGO = re.compile(
    r"(?<![^\W\d_])(?P<unit>" + _UNIT + r")\.?\s+(?P<dir>ago|back|fa|temu|from\s+now)(?!\w)"
)
_NUM_BEFORE = re.compile(r"(?:[\w']+(?:\s*[-–]\s*|\s+)){0,3}[\w']+\s*$")
_IN_N = re.compile(
    r"(?<![\w])(?P<pre>in|tra|fra|za)\s+(?:(?P<n>(?:[\w']+(?:\s*[-–]\s*|\s+)){0,3}?[\w']+)(?:\s+|(?<=\d)))?"
    r"(?P<unit>" + _UNIT_LONG + r")(?!\w)"
)
# Month names glued to digits by dashes or slashes, which our patterns leave to dateparser.
_FALLBACK = re.compile(
    r"(?<![\w])(?:\d{1,2}(?:st|nd|rd|th)?[-/.]\s*)?(?:" + _MON + r")\.?"
    r"(?:[-/]\s*\d{1,2}(?:st|nd|rd|th)?)?(?:[-/.,\s]+\d{2,4})?(?!\w)"
)

Found = tuple[int, int, date]
Finder = Callable[[str, str, frozenset[str], date, "str | None"], list[Found]]

# Each pattern runs only when one of its words is in the text: most notes skip most patterns.
_WORD_TOKEN = re.compile(r"[a-z][a-z0-9]*")
_HAS_DIGIT = re.compile(r"\d")
_COMMON_WORDS = {"the", "this", "la", "il", "lo", "w", "in", "questa", "questo", "day", "di"}
_FIXED_GATE = frozenset(w for p in _OFFSET_OF for w in _WORD_TOKEN.findall(p)) - _COMMON_WORDS
_WEEKEND_GATE = frozenset({"weekend", "settimana"})
_WEEKDAY_GATE = frozenset(_WEEKDAYS)
_MONTH_GATE = frozenset(_MONTHS)
_AGO_GATE = frozenset({"ago", "back", "fa", "temu", "now"})
_IN_GATE = frozenset({"in", "tra", "fra", "za"})


def _words(folded: str) -> frozenset[str]:
    return frozenset(_WORD_TOKEN.findall(folded))


def _find_fixed(
    text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    if _FIXED_GATE.isdisjoint(words) and _WEEKEND_GATE.isdisjoint(words):
        return out
    for m in _FIXED.finditer(folded):
        phrase = re.sub(r"\s+", " ", m.group("p"))
        out.append((m.start(), m.end(), as_of + timedelta(days=_OFFSET_OF[phrase])))
    for m in _WEEKEND.finditer(folded) if not _WEEKEND_GATE.isdisjoint(words) else ():
        direction = "before" if m.group("past") else "after"
        out.append((m.start(), m.end(), _weekday(as_of, 5, direction)))
    return out


def _find_weekdays(
    text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    if _WEEKDAY_GATE.isdisjoint(words):
        return out
    for m in _WEEKDAY_RE.finditer(folded):
        day, prep = m.group("day"), m.group("prep")
        direction_word = re.sub(r"\s+", " ", m.group("dir1") or m.group("dir2") or "")
        if folded.endswith(("black ", "cyber ", "good "), max(0, m.start() - 6), m.start()):
            continue  # "Black Friday" is a sale, not a date
        cued = direction_word or prep in {"on", "for", "by", "until", "till"}
        weak = day in _WEAK_WEEKDAYS and not cued
        if weak and not text[m.start("day")].isupper():
            continue
        if lang == "pl" and day == "sat":
            continue
        if direction_word in _PAST_DIR:
            direction = "before"
        elif direction_word in _NEXT_DIR:
            direction = "after"
        elif direction_word in _THIS_DIR:
            direction = "this"
        elif prep in _FORWARD_PREP:
            direction = "after"
        elif prep in _BY_PREP:
            direction = "on_or_after"
        else:
            direction = "on_or_before"
        out.append((m.start("x"), m.end("x"), _weekday(as_of, _WEEKDAYS[day], direction)))
    return out


def _resolve_year_tail(m: re.Match[str], month: int, day: int, as_of: date) -> date | None:
    year = _year(m.group("y"), m.group("yy"))
    rel = m.group("rel")
    if rel:
        past = any(w in rel for w in ("scorso", "last", "zeszlego", "ubieglego"))
        year = as_of.year - 1 if past else as_of.year
    if year is not None:
        return _safe_date(year, month, day)
    return _guess_year(month, day, as_of)


def _find_month_names(
    text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    if _MONTH_GATE.isdisjoint(words):
        return out
    for regex in (_DAY_MONTH, _MONTH_DAY):
        for m in regex.finditer(folded):
            mon = m.group("mon")
            weak = mon in _WEAK_MONTHS and not (m.group("dot") or m.group("y") or m.group("yy"))
            if weak and (mon in {"ago", "set"} or not text[m.start("mon")].isupper()):
                continue
            if mon == "may" and not text[m.start("mon")].isupper():
                continue  # "may" is mostly a verb
            day = 1 if m.group("d") == "primo" else int(m.group("d"))  # "il primo marzo"
            value = _resolve_year_tail(m, _MONTHS[mon], day, as_of)
            if value is not None:
                out.append((m.start(), _trim_dot(folded, m.end()), value))
    return out


_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                        "nov", "dec", "gen", "mag", "giu", "lug", "ago", "set", "ott", "dic",
                        "br", "kw"}  # fmt: skip
_LAST_WORD = re.compile(r"([a-z]+)\.$")


def _trim_dot(folded: str, end: int) -> int:
    """Leave out a full stop after a whole month name ("24 September."); keep "Jul."."""
    m = _LAST_WORD.search(folded, max(0, end - 12), end)
    if m and m.group(1) not in _MONTH_ABBREVIATIONS:
        return end - 1
    return end


def _find_numeric(
    text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
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
    for m in _DMY_ROMAN.finditer(folded):
        value = _safe_date(int(m.group("y")), _ROMAN_MONTHS[m.group("m")], int(m.group("d")))
        if value:
            out.append((m.start(), m.end(), value))
    for m in _DMY_SPACED.finditer(folded):
        value = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if value:
            out.append((m.start(), m.end(), value))
    for m in _DM.finditer(folded):
        d_raw, m_raw, sep = m.group("d"), m.group("m"), m.group("sep")
        if sep == "." and len(m_raw) != 2:
            continue  # "2.5" is a number, "13.01" a date
        if m.group() == "24/7":
            continue
        # "1/2" is a fraction unless a date word comes before: "on 5/3", "il 5/3"
        one_digit_each = sep == "/" and len(d_raw) == 1 and len(m_raw) == 1
        if one_digit_each and not _DATE_CUE_BEFORE.search(
            folded, max(0, m.start() - 12), m.start()
        ):
            continue
        if _CLOCK_BEFORE.search(folded, max(0, m.start() - 16), m.start()):
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
    for m in _ORDINAL_DAY.finditer(folded):
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
    for m in _DAY_OF_MONTH.finditer(folded):
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
    text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None
) -> list[Found]:
    out: list[Found] = []
    for m in _AGO.finditer(folded) if not _AGO_GATE.isdisjoint(words) else ():
        unit = m.group("unit")
        before = _NUM_BEFORE.search(folded, max(0, m.start() - 30), m.start())
        n, start = None, m.start()
        if before:
            # try the longest tail of words that reads as a number: "a couple of", "twenty five"
            chunk = before.group()
            parts = list(re.finditer(r"\d+|[a-z']+", chunk))
            for k in range(len(parts)):
                n = _count(chunk[parts[k].start() :], lang, middle=True)
                if n is not None:
                    start = before.start() + parts[k].start()
                    break
        if n is None:
            if unit not in _IMPLICIT_ONE:
                continue
            n = 1
        sign = 1 if m.group("dir").startswith("from") else -1
        days = round(n * _UNIT_DAYS[unit])
        out.append((start, m.end(), as_of + timedelta(days=sign * days)))
    for m in _IN_N.finditer(folded) if not _IN_GATE.isdisjoint(words) else ():
        unit, raw_n = m.group("unit"), m.group("n")
        if raw_n is None:
            if m.group("pre") != "za" or unit not in _IMPLICIT_ONE:
                continue
            n = 1
        else:
            n = _count(raw_n, lang, middle=True)
            if n is None:
                continue
        out.append((m.start(), m.end(), as_of + timedelta(days=round(n * _UNIT_DAYS[unit]))))
    return out


_FINDERS: tuple[Finder, ...] = (
    _find_fixed,
    _find_relative_counts,
    _find_month_names,
    _find_numeric,
)


def _dateparser_fallback(
    text: str, folded: str, words: frozenset[str], as_of: date, lang: str | None, taken: list[Found]
) -> list[Found]:
    """Month-name spans our patterns did not read ("14-Mar-2026"), handed to dateparser."""
    out: list[Found] = []
    if _MONTH_GATE.isdisjoint(words) or not _HAS_DIGIT.search(folded):
        return out
    for m in _FALLBACK.finditer(folded):
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


def _dateparser_parse(phrase: str, as_of: date, lang: str | None) -> date | None:
    import dateparser  # imported late: only leftover month-name forms need it

    languages = [lang] if lang in ("en", "it", "pl") else ["en", "it", "pl"]
    try:
        parsed = dateparser.parse(
            phrase,
            languages=languages,
            settings={
                "RELATIVE_BASE": datetime(as_of.year, as_of.month, as_of.day),
                "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month"],
                "DATE_ORDER": "DMY",
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


_WEEK_GAP = re.compile(r" ?(?:of |della |dalla )?")


def find_dates(text: str, as_of: date, lang: str | None = None) -> list[DateSpan]:
    """Every date expression in `text`, resolved against `as_of`, in text order.

    `lang` ("en", "it", "pl") narrows a few ambiguous forms; all three languages are read.
    """
    folded = fold_text(text)
    found: list[Found] = []
    words = _words(folded)
    for finder in _FINDERS:
        found.extend(finder(text, folded, words, as_of, lang))
    weekday_found = _find_weekdays(text, folded, words, as_of, lang)
    found.extend(weekday_found)
    weekdays = {(s, e) for s, e, _ in weekday_found}
    found.extend(_dateparser_fallback(text, folded, words, as_of, lang, found))
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
            week = _OFFSET_OF.get(" ".join(folded[item[0] : item[1]].split()))
            if week in (-7, 7) and _WEEK_GAP.fullmatch(folded[merged[-1][1] : item[0]]):
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

_MON_FULL = _alt(
    {m for m in _MONTHS if len(m) > 3 or m in {"may", "maj", "jun", "jul"}}
    | {"jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec"}
)
_CUE = (
    r"(?P<cue>by|before|until|till|no\s+later\s+than|ahead\s+of|entro|prima\s+(?:di|della|del|dell')"
    r"|non\s+oltre|najpozniej\s+do|do|przed"
    # a labelled field: "deadline: 30/06", "termin: koniec czerwca", "scadenza - fine anno"
    r"|(?:deadline|termin|scadenza|tempistica|tempi|timeline|timing|go[- ]live)\s*[:\-–]"
    r"(?:\s*(?:the|la|il|koniec|by|entro|do))?"
    # "deadline April 30", "scadenza il 30 aprile", "termin 30 kwietnia": no colon needed
    r"|(?:deadline|scadenza|termin)(?:\s+(?:is|è|e|jest|to))?(?:\s+(?:the|il|la))?(?=\s+\w))"
)
_Q_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "primo": 1, "secondo": 2, "terzo": 3, "quarto": 4, "pierwszego": 1,
            "drugiego": 2, "trzeciego": 3, "czwartego": 4, "pierwszym": 1, "drugim": 2,
            "trzecim": 3, "czwartym": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}  # fmt: skip
_Q_ORD = _alt(_Q_WORDS)
# Purchase deadlines are weeks or months away: "by Friday", "do jutra", "by next week" are
# far more often a rep's own task ("send the deck by Friday"), so they are not read here.
_DEADLINE_REL = {"next month": 30, "il prossimo mese": 30, "prossimo mese": 30,
                 "przyszlego miesiaca": 30}  # fmt: skip
_DEADLINE_TARGET = (
    r"(?:the\s+)?(?:"
    # end of a period: year, month, quarter, a named month or quarter, a year number
    r"(?:end\s+of\s+(?:the\s+|this\s+)?|fine\s+(?:dell'|del\s+|della\s+|di\s+|d')?"
    r"|(?:la\s+)?fine\s+(?:dell'|del\s+|della\s+|di\s+|d')?|konca\s+(?:tego\s+|biezacego\s+)?"
    r"|koncem\s+)(?:(?P<endqord>" + _Q_ORD + r")\s+(?:quarter|trimestre|kwartalu|kw\.?)"
    r"|(?P<endhord>" + _Q_ORD + r")\s+(?:half|semestre|polrocza)"
    r"|(?P<next>next\s+|(?:del\s+|della\s+)?prossim[oa]\s+|przyszlego\s+"
    r"|nastepnego\s+)?(?P<end>year|anno|roku|month|mese|miesiaca|quarter|trimestre|kwartalu"
    r"|q(?P<endq>[1-4])|h(?P<endh>[12])|(?P<endm>" + _MON_FULL + r")|(?P<endy>20\d{2}))"
    r"(?:\s+(?P<endyy>20\d{2}))?)"
    r"|(?P<yearend>year[- ]?end|eoy|l'anno|quest'anno)"
    r"|(?:mid[- ]|meta\s+(?:di\s+)?|polowy\s+|polowie\s+)(?P<midm>" + _MON_FULL + r")"
    r"|(?P<monthend>month[- ]?end|eom)"
    r"|(?P<qend>quarter[- ]?end|eoq)"
    r"|(?:il\s+|the\s+)?q(?P<q>[1-4])(?:\s*(?:'|20)(?P<qy>\d{2}))?"
    r"|(?:il\s+|the\s+)?h(?P<h>[12])(?:\s*(?:'|20)(?P<hy>\d{2}))?"
    r"|(?P<qord>" + _Q_ORD + r")\s+(?:quarter|trimestre|kwartal|kwartalu|kw\.?)"
    r"|(?P<hord>" + _Q_ORD + r")\s+(?:half|semestre|polrocza|polrocze)"
    r"|(?P<season>summer|the\s+summer|l'estate|estate|latem|lata|wakacji|wakacjami"
    r"|christmas|natale|swiat|swietami|bozego\s+narodzenia)"
    r"|(?P<dd>[0-3]?\d)(?:st|nd|rd|th|\.|°|º)?\s+(?:of\s+)?(?P<ddm>" + _MON_FULL + r")\.?"
    r"(?:,?\s+(?P<ddy>20\d{2}))?"
    r"|(?P<mdm>" + _MON_FULL + r")\.?\s+(?P<mdd>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    r"(?:,?\s+(?P<mdy>20\d{2}))?"
    r"|(?P<numd>[0-3]?\d)[./](?P<numm>[01]?\d)(?:[./](?P<numy>(?:20)?\d{2}))?(?![\d.])"
    r"|(?P<month>" + _MON_FULL + r")(?:\s+(?P<monthy>20\d{2}))?"
    r"|(?P<ordd>[0-3]?\d)(?:st|nd|rd|th)"
    r"|(?P<rel>" + _alt({p.replace(" ", r"\s+") for p in _DEADLINE_REL}) + r")"
    r")(?![\w])"
)
_DEADLINE_CUED = re.compile(
    r"(?<![\w'])"
    + _CUE
    + r"(?:\s+|(?<='))(?:il\s+|la\s+|l'|the\s+)?"
    + _DEADLINE_TARGET
    # "before Christmas last year" is history, not a deadline
    + r"(?!,?\s+(?:last\s+year|dell'anno\s+scorso|(?:zeszlego|ubieglego)\s+roku))"
)
_DEADLINE_FREE = re.compile(
    r"(?<![\w'])(?:"
    r"(?P<nextq>(?:in\s+the\s+|during\s+the\s+)?next\s+quarter"
    r"|(?:nel\s+|il\s+)?prossimo\s+trimestre"
    r"|(?:nel\s+)?trimestre\s+prossimo|w\s+(?:przyszlym|nastepnym|kolejnym)\s+kwartale"
    r"|(?:przyszly|nastepny)\s+kwartal)"
    r"|(?P<thisq>this\s+quarter|(?:in\s+)?questo\s+trimestre|w\s+tym\s+kwartale|this\s+qtr)"
    r"|(?P<inq>(?:in|during|nel|nel\s+corso\s+del|durante\s+il|w|we)\s+q(?P<q>[1-4])"
    r"(?:\s*(?:'|20)(?P<qy>\d{2}))?)"
    r"|(?P<inqord>(?:in|during|nel|nel\s+corso\s+del|durante\s+il|w|we)\s+(?:the\s+)?"
    r"(?P<qord>" + _Q_ORD + r")\s+(?:quarter|trimestre|kwartale))"
    r"|(?P<inh>(?:in|during|nel|nel\s+corso\s+del|durante\s+il|w|we)\s+(?:the\s+)?"
    r"(?:h(?P<h>[12])|(?P<hord>first|second|primo|secondo|pierwszym|drugim)\s+"
    r"(?:half|semestre|polroczu)))"
    # a bare "end of year" / "fine anno" is as often an event ("the end of year webinar"):
    # it counts after a cue ("by", "entro", "do") or a label ("tempi:") only
    r"|(?P<yearend>eoy)"
    r")(?![\w])"
)
_DEADLINE_DURATION = re.compile(
    r"(?<![\w'])(?P<pre>within(?:\s+the\s+next)?|in\s+the\s+next|over\s+the\s+next"
    r"|in\s+the\s+coming|during\s+the\s+next|in|entro(?:\s+(?:i|le)\s+prossim[ie])?"
    r"|nei\s+prossimi|nelle\s+prossime|nel\s+prossimo|nella\s+prossima|nel\s+giro\s+di|tra|fra"
    r"|w\s+ciagu(?:\s+najblizszych|\s+najblizszego)?|w\s+przeciagu(?:\s+najblizszych)?"
    r"|w\s+najblizszych|przez\s+najblizsze|w\s+ciagu\s+kolejnych|za)"
    r"\s+(?:(?P<n>(?:[\w']+(?:\s*[-–]\s*|\s+)){0,3}?[\w']+)(?:\s+|(?<=\d)))?"
    r"(?P<unit>" + _UNIT_LONG + r"|quarters?|trimestri|trimestre|kwartalow|kwartaly|kwartalu"
    r"|kwartal|kwartalach|miesiacach|tygodniach|dniach|latach)(?!\w)"
)


_BEFORE_CUES = ("before", "prima", "przed", "ahead")
# Period targets whose start (not end) a "before" points at: "before Q3" is by 30 June.
_PERIOD_MONTHS = {"q": 3, "qord": 3, "h": 6, "hord": 6, "month": 1}


def _deadline_from_cued(m: re.Match[str], as_of: date) -> date | None:
    end = _deadline_target(m, as_of)
    if end is None or not m.group("cue").startswith(_BEFORE_CUES):
        return end
    for group, months in _PERIOD_MONTHS.items():
        if m.group(group):
            start_month = end.month - months + 1
            start = date(end.year, start_month, 1) - timedelta(days=1)
            if start < as_of:  # already begun: "before March", said in March, is next year's
                start = date(end.year + 1, start_month, 1) - timedelta(days=1)
            return start
    return end


def _deadline_target(m: re.Match[str], as_of: date) -> date | None:
    g = m.groupdict()
    if g["endqord"]:
        return _next_quarter_end(_Q_WORDS[g["endqord"]], as_of, None)
    if g["endhord"] and _Q_WORDS[g["endhord"]] <= 2:
        return _next_quarter_end(_Q_WORDS[g["endhord"]] * 2, as_of, None)
    if g["end"]:
        end = g["end"]
        year = int(g["endyy"]) if g["endyy"] else None
        if g["endy"]:
            return date(int(g["endy"]), 12, 31)
        following = bool(g["next"])
        if end in ("year", "anno", "roku"):
            return date(as_of.year + following, 12, 31)
        if end in ("month", "mese", "miesiaca"):
            if following:
                return _month_end(as_of.year + (as_of.month == 12), as_of.month % 12 + 1)
            return _month_end(as_of.year, as_of.month)
        if end in ("quarter", "trimestre", "kwartalu"):
            if following:
                q = _current_quarter(as_of) % 4 + 1
                return _quarter_end(as_of.year + (q == 1), q)
            return _quarter_end(as_of.year, _current_quarter(as_of))
        if g["endq"]:
            return _next_quarter_end(int(g["endq"]), as_of, year)
        if g["endh"]:
            return _next_quarter_end(int(g["endh"]) * 2, as_of, year)
        return _next_on_or_after(_MONTHS[g["endm"]], None, as_of, year)
    if g["yearend"]:
        return date(as_of.year, 12, 31)
    if g["midm"]:
        return _next_on_or_after(_MONTHS[g["midm"]], 15, as_of, None)
    if g["monthend"]:
        return _month_end(as_of.year, as_of.month)
    if g["qend"]:
        return _quarter_end(as_of.year, _current_quarter(as_of))
    if g["q"]:
        return _next_quarter_end(int(g["q"]), as_of, _year(None, g["qy"]))
    if g["h"]:
        return _next_quarter_end(int(g["h"]) * 2, as_of, _year(None, g["hy"]))
    if g["qord"]:
        return _next_quarter_end(_Q_WORDS[g["qord"]], as_of, None)
    if g["hord"] and _Q_WORDS[g["hord"]] <= 2:  # a half year ends with its second quarter
        return _next_quarter_end(_Q_WORDS[g["hord"]] * 2, as_of, None)
    if g["season"]:
        season = g["season"]
        if season in ("christmas", "natale", "swiat", "swietami", "bozego narodzenia"):
            return _next_on_or_after(12, 24, as_of, None)
        if season in ("wakacji", "wakacjami"):
            return _next_on_or_after(6, 30, as_of, None)
        return _next_on_or_after(6, 21, as_of, None)
    if g["dd"]:
        return _next_on_or_after(_MONTHS[g["ddm"]], int(g["dd"]), as_of, _year(g["ddy"], None))
    if g["mdm"]:
        return _next_on_or_after(_MONTHS[g["mdm"]], int(g["mdd"]), as_of, _year(g["mdy"], None))
    if g["numd"]:
        month = int(g["numm"])
        if not 1 <= month <= 12:
            return None
        year = None
        if g["numy"]:
            year = int(g["numy"]) if len(g["numy"]) == 4 else 2000 + int(g["numy"])
        return _next_on_or_after(month, int(g["numd"]), as_of, year)
    if g["rel"]:
        return as_of + timedelta(days=_DEADLINE_REL[re.sub(r"\s+", " ", g["rel"])])
    if g["month"]:
        if g["month"] in {"ago", "set"} and not g["monthy"]:
            return None
        return _next_on_or_after(_MONTHS[g["month"]], None, as_of, _year(g["monthy"], None))
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


def _deadline_free(m: re.Match[str], as_of: date) -> date | None:
    if m.group("nextq"):
        q = _current_quarter(as_of) % 4 + 1
        return _quarter_end(as_of.year + (1 if q == 1 else 0), q)
    if m.group("thisq"):
        return _quarter_end(as_of.year, _current_quarter(as_of))
    if m.group("inq"):
        return _next_quarter_end(int(m.group("q")), as_of, _year(None, m.group("qy")))
    if m.group("inqord"):
        return _next_quarter_end(_Q_WORDS[m.group("qord")], as_of, None)
    if m.group("inh"):
        half = int(m.group("h")) if m.group("h") else _Q_WORDS[m.group("hord")]
        return _next_quarter_end(half * 2, as_of, None)
    return date(as_of.year, 12, 31)


_DEADLINE_FREE_GATE = frozenset(
    {"quarter", "trimestre", "kwartale", "kwartal", "qtr", "q1", "q2", "q3", "q4", "year", "eoy",
     "anno", "roku", "h1", "h2", "half", "semestre", "polroczu"}
)  # fmt: skip


def find_deadline_days(text: str, as_of: date, lang: str | None = None) -> tuple[int, str] | None:
    """The first purchase deadline in `text`: (days from `as_of`, the words that say it).

    "within 3 months" 90, "entro fine anno" -> Dec 31, "do czerwca" -> the end of the next
    June, "by end of Q3" -> Sep 30, "w przyszłym kwartale" -> the end of the next quarter.
    Months are 30 days, weeks 7, years 365.
    """
    folded = fold_text(text)
    found: list[Found] = []
    weak: list[Found] = []
    for m in _DEADLINE_CUED.finditer(folded):
        value = _deadline_from_cued(m, as_of)
        if value is not None:
            found.append((m.start(), m.end(), value))
    words = _words(folded)
    free_gate = not _DEADLINE_FREE_GATE.isdisjoint(words)
    for m in _DEADLINE_FREE.finditer(folded) if free_gate else ():
        value = _deadline_free(m, as_of)
        if value is not None:
            found.append((m.start(), m.end(), value))
    for m in _DEADLINE_DURATION.finditer(folded):
        unit, raw_n = m.group("unit"), m.group("n")
        if raw_n is None:
            if m.group("pre") in ("in", "tra", "fra", "within", "entro"):
                continue
            if unit not in _SINGULAR_UNITS:
                continue
            n = 1
        else:
            n = _count(raw_n, lang)
            if n is None:
                continue
        item = (m.start(), m.end(), as_of + timedelta(days=round(n * _UNIT_DAYS[unit])))
        # "in 10 days", "tra 10 giorni", "za 10 dni" also date a plain future event: they
        # count only when no firmer wording ("within", "entro", "do końca") is there
        # ... and only months away: "in 10 days" is a follow-up, not a purchase deadline
        if m.group("pre") in ("in", "tra", "fra", "za"):
            if _UNIT_DAYS[unit] >= 30:
                weak.append(item)
            continue
        found.append(item)
    picked = _pick(found) or _pick(weak)
    if not picked:
        return None
    start, end, value = picked[0]
    end = _trim_dot(folded, end)
    return (value - as_of).days, text[start:end]
