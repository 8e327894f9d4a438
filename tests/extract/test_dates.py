"""Dates in rep notes, resolved against a fixed reference date, in English, Italian, Polish."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.extract import dates as dates_module
from assistant.extract.dates import DateSpan, find_dates, find_deadline_days, resolve_date

AS_OF = date(2026, 3, 16)  # a Monday


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


# (lang, phrase, expected date): each phrase alone must resolve to the date, and the whole
# phrase must be the span found.
RESOLVED = [
    # today / yesterday / the day before / tomorrow / the day after
    ("en", "today", d(3, 16)),
    ("en", "this morning", d(3, 16)),
    ("en", "earlier today", d(3, 16)),
    ("it", "oggi", d(3, 16)),
    ("it", "stamattina", d(3, 16)),
    ("it", "stasera", d(3, 16)),
    ("pl", "dziś", d(3, 16)),
    ("pl", "dzisiaj", d(3, 16)),
    ("pl", "dziś rano", d(3, 16)),
    ("pl", "dzis rano", d(3, 16)),  # written without diacritics
    ("en", "yesterday", d(3, 15)),
    ("en", "yesterday afternoon", d(3, 15)),
    ("en", "last night", d(3, 15)),
    ("it", "ieri", d(3, 15)),
    ("it", "ieri sera", d(3, 15)),
    ("pl", "wczoraj", d(3, 15)),
    ("pl", "wczoraj wieczorem", d(3, 15)),
    ("en", "the day before yesterday", d(3, 14)),
    ("it", "l'altro ieri", d(3, 14)),
    ("it", "l’altro ieri", d(3, 14)),  # typographic apostrophe
    ("it", "ieri l'altro", d(3, 14)),
    ("it", "l'altroieri", d(3, 14)),
    ("pl", "przedwczoraj", d(3, 14)),
    ("en", "tomorrow", d(3, 17)),
    ("it", "domani", d(3, 17)),
    ("pl", "jutro", d(3, 17)),
    ("en", "the day after tomorrow", d(3, 18)),
    ("it", "dopodomani", d(3, 18)),
    ("pl", "pojutrze", d(3, 18)),
    # N units ago, in digits and in words
    ("en", "3 days ago", d(3, 13)),
    ("en", "two weeks ago", d(3, 2)),
    ("en", "a week ago", d(3, 9)),
    ("en", "a couple of days ago", d(3, 14)),
    ("en", "5d ago", d(3, 11)),
    ("en", "2 weeks back", d(3, 2)),
    ("en", "a month ago", d(2, 14)),
    ("it", "3 giorni fa", d(3, 13)),
    ("it", "due settimane fa", d(3, 2)),
    ("it", "una settimana fa", d(3, 9)),
    ("it", "un mese fa", d(2, 14)),
    ("it", "dieci giorni fa", d(3, 6)),
    ("pl", "5 dni temu", d(3, 11)),
    ("pl", "dwa tygodnie temu", d(3, 2)),
    ("pl", "3 tygodnie temu", d(2, 23)),
    ("pl", "tydzień temu", d(3, 9)),
    ("pl", "tydzien temu", d(3, 9)),
    ("pl", "miesiąc temu", d(2, 14)),
    ("pl", "dwa miesiące temu", d(1, 15)),
    ("pl", "pięć dni temu", d(3, 11)),
    # last week / last month (7 and 30 days, SPEC 2)
    ("en", "last week", d(3, 9)),
    ("en", "last wk", d(3, 9)),
    ("it", "la settimana scorsa", d(3, 9)),
    ("it", "settimana scorsa", d(3, 9)),
    ("it", "la scorsa settimana", d(3, 9)),
    ("it", "la settimana passata", d(3, 9)),
    ("pl", "w zeszłym tygodniu", d(3, 9)),
    ("pl", "w ubiegłym tygodniu", d(3, 9)),
    ("pl", "w poprzednim tygodniu", d(3, 9)),
    ("pl", "w zeszlym tygodniu", d(3, 9)),
    ("en", "last month", d(2, 14)),
    ("it", "il mese scorso", d(2, 14)),
    ("it", "lo scorso mese", d(2, 14)),
    ("pl", "w zeszłym miesiącu", d(2, 14)),
    ("pl", "w ubiegłym miesiącu", d(2, 14)),
    # weekdays: bare = latest on or before as_of; last = strictly before; next = after
    ("en", "Monday", d(3, 16)),
    ("en", "Tuesday", d(3, 10)),
    ("en", "Friday", d(3, 13)),
    ("en", "last Friday", d(3, 13)),
    ("en", "last Monday", d(3, 9)),
    ("en", "next Tuesday", d(3, 17)),
    ("en", "next Monday", d(3, 23)),
    ("en", "this Friday", d(3, 20)),
    ("it", "lunedì", d(3, 16)),
    ("it", "martedi", d(3, 10)),
    ("it", "venerdì scorso", d(3, 13)),
    ("it", "lo scorso venerdì", d(3, 13)),
    ("it", "martedì prossimo", d(3, 17)),
    ("it", "il prossimo giovedì", d(3, 19)),
    ("pl", "poniedziałek", d(3, 16)),
    ("pl", "środę", d(3, 11)),
    ("pl", "zeszły piątek", d(3, 13)),
    ("pl", "zeszłą środę", d(3, 11)),
    ("pl", "przyszły wtorek", d(3, 17)),
    ("pl", "przyszłą środę", d(3, 18)),
    ("pl", "najbliższy piątek", d(3, 20)),
    # in N units / next week
    ("en", "in two days", d(3, 18)),
    ("en", "in a week", d(3, 23)),
    ("en", "in 3 weeks", d(4, 6)),
    ("en", "next week", d(3, 23)),
    ("en", "next month", d(4, 15)),
    ("it", "tra due giorni", d(3, 18)),
    ("it", "fra tre giorni", d(3, 19)),
    ("it", "tra una settimana", d(3, 23)),
    ("it", "la prossima settimana", d(3, 23)),
    ("it", "la settimana prossima", d(3, 23)),
    ("pl", "za dwa dni", d(3, 18)),
    ("pl", "za tydzień", d(3, 23)),
    ("pl", "za miesiąc", d(4, 15)),
    ("pl", "w przyszłym tygodniu", d(3, 23)),
    # absolute, numeric
    ("en", "2026-03-14", d(3, 14)),
    ("it", "14/03/2026", d(3, 14)),
    ("pl", "14.03.2026", d(3, 14)),
    ("it", "14-03-2026", d(3, 14)),
    ("en", "14/03/26", d(3, 14)),
    ("pl", "14.03", d(3, 14)),
    ("it", "05/03", d(3, 5)),
    ("pl", "14.III.2026", d(3, 14)),
    ("en", "03/25/2026", d(3, 25)),  # US order when the day cannot be a month
    # absolute, month names
    ("en", "March 14", d(3, 14)),
    ("en", "March 14th, 2025", d(3, 14, 2025)),
    ("en", "14 March 2026", d(3, 14)),
    ("en", "14th of March", d(3, 14)),
    ("en", "Friday, 13 March", d(3, 13)),
    ("en", "Sept. 5", d(9, 5, 2025)),  # no year, far ahead: last year's
    ("en", "5 Mar", d(3, 5)),
    ("it", "14 marzo", d(3, 14)),
    ("it", "3 aprile", d(4, 3)),  # no year, a few weeks ahead: this year's
    ("it", "12 novembre 2025", d(11, 12, 2025)),
    ("it", "28 aprile di quest'anno", d(4, 28)),
    ("it", "venerdì 13 marzo", d(3, 13)),
    ("pl", "14 marca", d(3, 14)),
    ("pl", "3 kwietnia 2026", d(4, 3)),
    ("pl", "12 maja", d(5, 12)),
    ("pl", "1 października 2025", d(10, 1, 2025)),
    ("pl", "5-go marca", d(3, 5)),
    ("pl", "5 grudnia", d(12, 5, 2025)),
    ("pl", "20 lutego br.", d(2, 20)),
    ("en", "the 5th", d(3, 5)),
    ("en", "the 20th", d(2, 20)),  # still ahead this month: last month's
    # dateparser-backed leftovers: month names glued by dashes or slashes
    ("en", "14-Mar-2026", d(3, 14)),
    ("en", "Mar-14", d(3, 14)),
    ("en", "14/mar/2026", d(3, 14)),
    ("it", "3-mag-2026", d(5, 3)),
    ("pl", "14-marca-2026", d(3, 14)),
]


@pytest.mark.parametrize(
    ("lang", "phrase", "expected"), RESOLVED, ids=[f"{c[0]}:{c[1]}" for c in RESOLVED]
)
def test_phrase_resolves_alone(lang: str, phrase: str, expected: date) -> None:
    spans = find_dates(phrase, AS_OF, lang)
    assert [(s.raw, s.value) for s in spans] == [(phrase, expected)]
    assert resolve_date(phrase, AS_OF) == expected  # without a language hint too


# (lang, text, [(raw, date)]): phrases inside notes; the span leaves out prepositions.
IN_CONTEXT = [
    (
        "en",
        "Met her at the booth yesterday; she downloaded the guide last week.",
        [("yesterday", d(3, 15)), ("last week", d(3, 9))],
    ),
    ("en", "clicked our ad on Tuesday.", [("Tuesday", d(3, 10))]),
    ("en", "booked a call for Thursday", [("Thursday", d(3, 19))]),  # a booking looks ahead
    ("en", "Opened 3 emails three weeks ago", [("three weeks ago", d(2, 23))]),
    ("en", "Webinar on 24 September.", [("24 September", d(9, 24, 2025))]),
    ("en", "sent on the 5th, no reply", [("the 5th", d(3, 5))]),
    (
        "it",
        "Ieri sera mi ha scritto, martedì prossimo la demo",
        [("Ieri sera", d(3, 15)), ("martedì prossimo", d(3, 17))],
    ),
    ("it", "ha scaricato l'ebook il 3 aprile", [("3 aprile", d(4, 3))]),
    ("it", "abbiamo fissato una call per giovedì alle 11", [("giovedì", d(3, 19))]),
    ("it", "due giorni fa ha compilato il form", [("due giorni fa", d(3, 14))]),
    (
        "pl",
        "W zeszły piątek pobrał e-book, dziś rano zadzwonił",
        [("zeszły piątek", d(3, 13)), ("dziś rano", d(3, 16))],
    ),
    ("pl", "we wtorek odpisał na maila", [("wtorek", d(3, 10))]),
    ("pl", "spotkanie w przyszły wtorek", [("przyszły wtorek", d(3, 17))]),
    ("pl", "Notatka, 13.03: zapisał się na webinar", [("13.03", d(3, 13))]),
    # things that are not dates
    ("en", "Black Friday campaign, 2.5 FTE, 24/7 support, 50/50 split", []),
    ("it", "alle 9.05 ha chiamato, prezzo 12.05 €", []),
    ("en", "she may call, the 3rd time we tried, we sat down", []),
    ("it", "ha visto 3 set di slide, 12 ago", []),
    ("en", "a few days ago, some weeks ago", []),
    ("it", "qualche giorno fa", []),
    ("pl", "kilka dni temu", []),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), IN_CONTEXT, ids=[f"{c[0]}:{c[1][:40]}" for c in IN_CONTEXT]
)
def test_dates_in_context(lang: str, text: str, expected: list[tuple[str, date]]) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, AS_OF, lang)] == expected


def test_case_is_kept_and_spans_are_exact_slices() -> None:
    texts = [
        "IERI ha scaricato la guida; L'ALTRO IERI il webinar; Łukasz: W ZESZŁYM TYGODNIU",
        "Spotkanie 3 KWIETNIA 2026 i ŚRODĘ; call on MARCH 14th, 2026; Dziś Rano",
        "Rep: “yesterday” 👇 then 2026-03-02, 14.III.2026 and 14-Mar-2026 (via dateparser)",
        "İstanbul trip two weeks ago; dopodomani; pojutrze; za tydzień; tra due giorni",
    ]
    for text in texts:
        spans = find_dates(text, AS_OF)
        assert len(spans) >= 3, text
        for span in spans:
            assert isinstance(span, DateSpan)
            assert span.raw == text[span.start : span.end]
        starts = [s.start for s in spans]
        assert starts == sorted(starts)


def test_resolve_date_none_without_a_date() -> None:
    assert resolve_date("no time given here", AS_OF) is None
    assert resolve_date("", AS_OF) is None


def test_dateparser_only_for_leftover_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = dates_module._dateparser_parse

    def spy(phrase: str, as_of: date, lang: str | None) -> date | None:
        calls.append(phrase)
        return real(phrase, as_of, lang)

    monkeypatch.setattr(dates_module, "_dateparser_parse", spy)
    find_dates("yesterday, 3 kwietnia 2026, martedì prossimo, 14/03/2026", AS_OF)
    assert calls == []
    assert resolve_date("on 14-Mar-2026", AS_OF) == d(3, 14)
    assert calls == ["14-Mar-2026"]


# (lang, text, days from AS_OF, evidence)
DEADLINES = [
    ("en", "they want it live within 3 months", 90, "within 3 months"),
    ("en", "within a month", 30, "within a month"),
    ("en", "within two weeks", 14, "within two weeks"),
    ("en", "in the next 6 weeks", 42, "in the next 6 weeks"),
    ("en", "over the next two months", 60, "over the next two months"),
    ("en", "in 2-3 months", 90, "in 2-3 months"),
    ("en", "must be done by end of Q3", 198, "by end of Q3"),
    ("en", "by the end of the year", 290, "by the end of the year"),
    ("en", "by year-end", 290, "by year-end"),
    ("en", "decision EOY", 290, "EOY"),
    ("en", "by end of month", 15, "by end of month"),
    ("en", "by June", 106, "by June"),
    ("en", "by the end of June", 106, "by the end of June"),
    ("en", "by February", 349, "by February"),  # the next February: next year's
    ("en", "contract signed by 31 Jul.", 137, "by 31 Jul."),
    ("en", "by July 31", 137, "by July 31"),
    ("en", "before summer", 97, "before summer"),
    ("en", "next quarter", 106, "next quarter"),
    ("en", "this quarter", 15, "this quarter"),
    ("en", "in Q4", 290, "in Q4"),
    ("en", "by Q1 2027", 380, "by Q1 2027"),
    ("en", "in the third quarter", 198, "in the third quarter"),
    ("it", "vogliono partire entro 3 mesi", 90, "entro 3 mesi"),
    ("it", "entro un mese", 30, "entro un mese"),
    ("it", "entro fine anno", 290, "entro fine anno"),
    ("it", "entro la fine dell'anno", 290, "entro la fine dell'anno"),
    ("it", "entro l'anno", 290, "entro l'anno"),
    ("it", "entro giugno", 106, "entro giugno"),
    ("it", "entro fine giugno", 106, "entro fine giugno"),
    ("it", "entro fine marzo", 15, "entro fine marzo"),
    ("it", "entro il Q2", 106, "entro il Q2"),
    ("it", "entro il 31 luglio", 137, "entro il 31 luglio"),
    ("it", "nei prossimi due mesi", 60, "nei prossimi due mesi"),
    ("it", "nelle prossime 6 settimane", 42, "nelle prossime 6 settimane"),
    ("it", "nel prossimo trimestre", 106, "nel prossimo trimestre"),
    ("it", "il prossimo trimestre", 106, "il prossimo trimestre"),
    ("it", "entro il terzo trimestre", 198, "entro il terzo trimestre"),
    ("it", "prima dell'estate", 97, "prima dell'estate"),
    ("it", "entro fine mese", 15, "entro fine mese"),
    ("pl", "w ciągu 3 miesięcy", 90, "w ciągu 3 miesięcy"),
    ("pl", "w ciągu miesiąca", 30, "w ciągu miesiąca"),
    ("pl", "w ciągu najbliższych 2 tygodni", 14, "w ciągu najbliższych 2 tygodni"),
    ("pl", "w najbliższych 3 miesiącach", 90, "w najbliższych 3 miesiącach"),
    ("pl", "do końca roku", 290, "do końca roku"),
    ("pl", "do końca tego roku", 290, "do końca tego roku"),
    ("pl", "do czerwca", 106, "do czerwca"),
    ("pl", "do końca czerwca", 106, "do końca czerwca"),
    ("pl", "do końca kwartału", 15, "do końca kwartału"),
    ("pl", "w przyszłym kwartale", 106, "w przyszłym kwartale"),
    ("pl", "w tym kwartale", 15, "w tym kwartale"),
    ("pl", "w III kwartale", 198, "w III kwartale"),
    ("pl", "do 30.06", 106, "do 30.06"),
    ("pl", "do wakacji", 106, "do wakacji"),
    ("pl", "do konca roku", 290, "do konca roku"),
]


@pytest.mark.parametrize(
    ("lang", "text", "days", "evidence"), DEADLINES, ids=[f"{c[0]}:{c[1]}" for c in DEADLINES]
)
def test_deadline_days(lang: str, text: str, days: int, evidence: str) -> None:
    assert find_deadline_days(text, AS_OF, lang) == (days, evidence)
    assert evidence in text


@pytest.mark.parametrize(
    "text",
    [
        "no timeline yet",
        "nic konkretnego",
        "will follow up next week",  # a follow-up, not a purchase deadline
        "call in 10 days",
        "za 10 dni oddzwonię",
        "send the deck by Friday",  # the rep's own task
        "od poniedziałku do piątku",
        "entro domani mi manda i dati",
        "by next week",
        "Ha partecipato al webinar di fine anno sulle tendenze.",  # an event, no cue
        "Registered for the end of year webinar",
        "sent the proposal before Christmas last year",
        "Downloaded the Q3 benchmark report. Attended the webinar in March.",
        "Pobrał raport za III kwartał 2025.",
        "Był na konferencji do końca, rozmawialiśmy 20 minut.",
        "ha lavorato in Amazon fino a giugno",
        "do 5 osób w zespole",
        "Before joining them he was at Oracle",
        "sent by email, done by hand",
        "budget for this year",
    ],
)
def test_no_deadline(text: str) -> None:
    assert find_deadline_days(text, AS_OF) is None


def test_first_deadline_in_the_text_wins() -> None:
    text = "Decision by end of Q2, rollout within 6 months"
    assert find_deadline_days(text, AS_OF) == (106, "by end of Q2")


# Forms reps type that are easy to miss: possessives, typed accents, abbreviations, US order.
MORE_FORMS = [
    ("en", "yesterday's webinar", [("yesterday", d(3, 15))]),
    ("en", "Friday's call went well", [("Friday", d(3, 13))]),
    ("it", "lunedi' scorso ha chiamato", [("lunedi' scorso", d(3, 9))]),
    ("pl", "w miniony piątek", [("miniony piątek", d(3, 13))]),
    ("pl", "w minionym tygodniu", [("w minionym tygodniu", d(3, 9))]),
    ("en", "a fortnight ago", [("a fortnight ago", d(3, 2))]),
    ("en", "replied on 5/3", [("5/3", d(3, 5))]),
    ("en", "half of them (1/2) replied", []),
    ("en", "visited 3/14", [("3/14", d(3, 14))]),
    ("en", "on Mon 9/3", [("Mon 9/3", d(3, 9))]),
    ("it", "lunedì, 09/03/2026 ha chiamato", [("lunedì, 09/03/2026", d(3, 9))]),
    ("en", "on Friday. 13.03 was the call", [("Friday", d(3, 13)), ("13.03", d(3, 13))]),
    ("en", "this past Monday", [("this past Monday", d(3, 9))]),
    ("en", "over the weekend", [("over the weekend", d(3, 14))]),
    ("it", "nel weekend", [("nel weekend", d(3, 14))]),
    ("pl", "w weekend", [("w weekend", d(3, 14))]),
    ("en", "next weekend", [("next weekend", d(3, 21))]),
    ("en", "2 wks ago", [("2 wks ago", d(3, 2))]),
    ("en", "twenty one days ago", [("twenty one days ago", d(2, 23))]),
    ("it", "ventuno giorni fa", [("ventuno giorni fa", d(2, 23))]),
    ("pl", "dwadzieścia jeden dni temu", [("dwadzieścia jeden dni temu", d(2, 23))]),
    ("en", "three days from now", [("three days from now", d(3, 19))]),
    ("en", "l8r: 2026/03/01", [("2026/03/01", d(3, 1))]),
    ("pl", "dnia 12 III 2026", [("12 III 2026", d(3, 12))]),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), MORE_FORMS, ids=[f"{c[0]}:{c[1]}" for c in MORE_FORMS]
)
def test_more_forms(lang: str, text: str, expected: list[tuple[str, date]]) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, AS_OF, lang)] == expected


MORE_DEADLINES = [
    ("en", "by the end of next month", 45),
    ("it", "entro la fine del prossimo mese", 45),
    ("pl", "do końca przyszłego miesiąca", 45),
    ("en", "by end of next quarter", 106),
    ("it", "entro fine del prossimo trimestre", 106),
    ("pl", "do końca przyszłego roku", 655),
    ("en", "by mid-April", 30),
    ("it", "entro metà aprile", 30),
    ("pl", "do połowy kwietnia", 30),
    ("en", "deadline: 30/06", 106),
    ("pl", "termin: koniec czerwca", 106),
    ("it", "scadenza: 30 giugno", 106),
    ("en", "Timeline - Q3", 198),
    ("en", "by the 20th", 4),
    ("en", "by the 15th", 30),
    ("en", "within the next quarter", 90),
    ("en", "in the next month", 30),
    ("pl", "w ciągu 2-3 tygodni", 21),
    ("it", "entro 60 giorni", 60),
    ("pl", "za 2 miesiące", 60),
    ("it", "prima di Natale", 283),
    ("pl", "przed świętami", 283),
]


@pytest.mark.parametrize(
    ("lang", "text", "days"), MORE_DEADLINES, ids=[f"{c[0]}:{c[1]}" for c in MORE_DEADLINES]
)
def test_more_deadlines(lang: str, text: str, days: int) -> None:
    assert find_deadline_days(text, AS_OF, lang) == (days, text)


def test_deadline_crossing_the_year() -> None:
    december = date(2026, 12, 10)
    assert find_deadline_days("by March", december) == (111, "by March")
    assert find_deadline_days("next quarter", december) == (111, "next quarter")
    assert find_deadline_days("entro fine mese", december) == (21, "entro fine mese")
    assert find_deadline_days("do końca przyszłego miesiąca", december) == (
        52,
        "do końca przyszłego miesiąca",
    )


def test_no_year_dates_lean_to_the_past_across_new_year() -> None:
    january = date(2026, 1, 5)
    assert resolve_date("15.12", january) == date(2025, 12, 15)
    assert resolve_date("20 dicembre", january) == date(2025, 12, 20)
    assert resolve_date("last Friday", january) == date(2026, 1, 2)
    assert resolve_date("w zeszłym miesiącu", january) == date(2025, 12, 6)


_PIECES = ["ieri", "l'altro ieri", "due", "settimane", "fa", "3", "w", "zeszły", "piątek",
           "tydzień", "temu", "za", "by", "end", "of", "Q3", "entro", "fine", "anno", "14", "03",
           "2026", "/", ".", "-", " ", ",", "March", "marca", "the", "5th", "next", "Tuesday",
           "do", "końca", "roku", "İ", "\u00a0", "'", "’", "Mon", "sat", "9", ":"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=60),
        st.lists(st.sampled_from(_PIECES), max_size=20).map(" ".join),
        st.lists(st.sampled_from(_PIECES), max_size=20).map("".join),
    ),
    as_of=st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)),
    lang=st.sampled_from([None, "en", "it", "pl"]),
)
def test_any_text_gives_ordered_exact_spans(text: str, as_of: date, lang: str | None) -> None:
    end = 0
    for span in find_dates(text, as_of, lang):
        assert span.raw == text[span.start : span.end]
        assert span.start >= end
        end = span.end
    deadline = find_deadline_days(text, as_of, lang)
    if deadline is not None:
        assert deadline[1] in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wdrożenie do końca III kwartału", (198, "do końca III kwartału")),
        ("do końca III kw.", (198, "do końca III kw.")),
        ("by the end of the third quarter", (198, "by the end of the third quarter")),
        # a firm deadline beats a plain "in 10 days" event, wherever it stands
        ("Fra 10 giorni una call, decisione entro fine anno", (290, "entro fine anno")),
        ("they want to roll out in 3 months", (90, "in 3 months")),
        ("za 2 miesiące", (60, "za 2 miesiące")),
        ("Tra 10 giorni una call; partenza tra 3 mesi", (90, "tra 3 mesi")),
    ],
)
def test_firm_deadlines_first(text: str, expected: tuple[int, str]) -> None:
    assert find_deadline_days(text, AS_OF) == expected


# CRM exports and e-mail headers: timestamps, abbreviations, weekday prefixes.
EXPORT_FORMS = [
    ("2026-03-12T10:32:00Z", "2026-03-12", d(3, 12)),
    ("Mar 12, 2026 10:32", "Mar 12, 2026", d(3, 12)),
    ("12.03.2026 10:32", "12.03.2026", d(3, 12)),
    ("Thu, 12 Mar 2026 10:32:00 +0100", "Thu, 12 Mar 2026", d(3, 12)),
    ("Sent: 13 October 2025 16:42", "13 October 2025", d(10, 13, 2025)),
    ("Date: Thursday, March 12, 2026", "Thursday, March 12, 2026", d(3, 12)),
    ("12 marzo 2026 alle 10:32", "12 marzo 2026", d(3, 12)),
    ("12 dic 2025", "12 dic 2025", d(12, 12, 2025)),
    ("12 sty 2026", "12 sty 2026", d(1, 12)),
    ("12 wrz 2025", "12 wrz 2025", d(9, 12, 2025)),
    ("3 lis 2025", "3 lis 2025", d(11, 3, 2025)),
    ("wt., 10.03.2026", "10.03.2026", d(3, 10)),
    ("gio 12/03", "12/03", d(3, 12)),
    ("12. 3. 2026", "12. 3. 2026", d(3, 12)),
    ("12.3.2026", "12.3.2026", d(3, 12)),
    ("12.03.26", "12.03.26", d(3, 12)),
]


@pytest.mark.parametrize(
    ("text", "raw", "expected"), EXPORT_FORMS, ids=[c[0] for c in EXPORT_FORMS]
)
def test_export_forms(text: str, raw: str, expected: date) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, AS_OF)] == [(raw, expected)]


@pytest.mark.parametrize(
    "text", ["ha visto 12 sie", "03.2026", "marzec 2026", "in March", "a marzo"]
)
def test_month_without_day_is_no_date(text: str) -> None:
    assert find_dates(text, AS_OF) == []


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        ("il 1° marzo", "1° marzo", d(3, 1)),
        ("il primo marzo", "primo marzo", d(3, 1)),
        ("dal 1º aprile", "1º aprile", d(4, 1)),
    ],
)
def test_italian_first_of_the_month(text: str, raw: str, expected: date) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, AS_OF, "it")] == [(raw, expected)]
    assert find_deadline_days("entro il 1° luglio", AS_OF, "it") == (107, "entro il 1° luglio")


WEDNESDAY = date(2026, 3, 18)


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        ("Monday last week", "Monday last week", d(3, 9)),
        ("on Friday of last week", "Friday of last week", d(3, 13)),
        ("Tuesday next week", "Tuesday next week", d(3, 24)),
        ("lunedì della settimana scorsa", "lunedì della settimana scorsa", d(3, 9)),
        ("giovedì della prossima settimana", "giovedì della prossima settimana", d(3, 26)),
        ("w poniedziałek w zeszłym tygodniu", "poniedziałek w zeszłym tygodniu", d(3, 9)),
        ("we wtorek w przyszłym tygodniu", "wtorek w przyszłym tygodniu", d(3, 24)),
    ],
)
def test_weekday_of_another_week(text: str, raw: str, expected: date) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, WEDNESDAY)] == [(raw, expected)]


def test_weekday_and_relative_phrase_stay_apart_across_a_comma() -> None:
    spans = find_dates("Friday, last week he called", WEDNESDAY)
    assert [(s.raw, s.value) for s in spans] == [("Friday", d(3, 13)), ("last week", d(3, 11))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("couple days ago", d(3, 14)),
        ("this Weds", d(3, 18)),
        ("yday", d(3, 15)),
        ("tommorow", d(3, 17)),
        ("this am", d(3, 16)),
        ("sta mattina", d(3, 16)),
        ("półtora tygodnia temu", d(3, 6)),  # 10.5 days
        ("półtora miesiąca temu", d(1, 30)),  # 45 days
        ("2-3 weeks ago", d(2, 26)),  # a range of past weeks: its middle
        ("two or three weeks ago", d(2, 26)),
        ("2 lub 3 tygodnie temu", d(2, 26)),
        ("3 o 4 giorni fa", d(3, 12)),
        ("za 2-3 tygodnie", d(4, 3)),
    ],
)
def test_typos_shorthand_halves_and_ranges(text: str, expected: date) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, AS_OF)] == [(text, expected)]


@pytest.mark.parametrize(
    ("text", "days"),
    [("within two or three months", 90), ("entro 2 o 3 mesi", 90), ("w ciągu 2-3 miesięcy", 90)],
)
def test_deadline_ranges_read_their_upper_bound(text: str, days: int) -> None:
    assert find_deadline_days(text, AS_OF) == (days, text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("in H2", 290),
        ("in the second half", 290),
        ("nel secondo semestre", 290),
        ("w drugim półroczu", 290),
        ("entro il primo semestre", 106),
        ("do końca pierwszego półrocza", 106),
        ("by the end of H1", 106),
        ("by H2", 290),
        # "before" a period points at its start
        ("before Q3", 106),
        ("before the second half", 106),
        ("prima di giugno", 76),
        ("before June", 76),
        ("before the end of June", 106),
        ("before March", 349),  # March has begun: 28 Feb next year
    ],
)
def test_half_years_and_before_a_period(text: str, days: int) -> None:
    assert find_deadline_days(text, AS_OF) == (days, text)


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        ("con la mail del 3 u.s.", "3 u.s.", d(2, 3)),  # ultimo scorso: last month
        ("il 5 c.m.", "5 c.m.", d(3, 5)),  # corrente mese
        ("dnia 3 ub.m.", "3 ub.m.", d(2, 3)),  # ubiegłego miesiąca
        ("5 b.m.", "5 b.m.", d(3, 5)),  # bieżącego miesiąca
        ("on the 3rd of last month", "the 3rd of last month", d(2, 3)),
        ("il 3 del mese scorso", "3 del mese scorso", d(2, 3)),
        ("3-go zeszłego miesiąca", "3-go zeszłego miesiąca", d(2, 3)),
        ("the 20th of next month", "the 20th of next month", d(4, 20)),
    ],
)
def test_day_of_another_month(text: str, raw: str, expected: date) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, AS_OF)] == [(raw, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "2 hours ago",
        "30 min ago",
        "an hour ago",
        "un'ora fa",
        "2 ore fa",
        "godzinę temu",
        "pół godziny temu",
        "poco fa",
        "przed chwilą",
        "just now",
        "tra 2 ore",
    ],
)
def test_hours_and_moments_are_today(text: str) -> None:
    assert [(s.raw, s.value) for s in find_dates(text, AS_OF)] == [(text, AS_OF)]


def test_clock_hours_are_no_date() -> None:
    assert find_dates("alle ore 10 ha chiamato", AS_OF) == []


@pytest.mark.parametrize(("text", "days"), [("within 48 hours", 2), ("entro 24 ore", 1)])
def test_deadline_in_hours(text: str, days: int) -> None:
    assert find_deadline_days(text, AS_OF) == (days, text)
