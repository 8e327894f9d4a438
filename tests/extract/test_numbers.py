"""Numbers, counts and amounts as reps write them in English, Italian and Polish."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.extract.numbers import (
    NumberSpan,
    count_word,
    find_amounts,
    find_counts,
    find_numbers,
    parse_amount,
    parse_number,
)

PARSE_NUMBER = [
    # digits and separators
    ("1200", None, 1200),
    ("1.200", "it", 1200),
    ("1.200", "en", 1200),
    ("1 200", "pl", 1200),
    ("1\u00a0200", "pl", 1200),
    ("1\u202f200", None, 1200),
    ("1,200", "en", 1200),
    ("2,5", "it", 2.5),
    ("2,5", "pl", 2.5),
    ("2.5", "en", 2.5),
    ("2.50", None, 2.5),
    ("0.125", None, 0.125),
    ("12,75", None, 12.75),
    ("1234.567", None, 1234.567),
    ("1.200.000", None, 1_200_000),
    ("1,200,000", None, 1_200_000),
    ("1 200 000", None, 1_200_000),
    ("1.200,50", "it", 1200.5),
    ("1,200.50", "en", 1200.5),
    # multipliers
    ("50k", None, 50_000),
    ("50K", None, 50_000),
    ("2.5k", None, 2500),
    ("1.5M", None, 1_500_000),
    ("2m", None, 2_000_000),
    ("3B", None, 3_000_000_000),
    ("2,5 mln", "pl", 2_500_000),
    ("2,5mln", "pl", 2_500_000),
    ("3 mld", "pl", 3_000_000_000),
    ("120 tys.", "pl", 120_000),
    ("120 tys", "pl", 120_000),
    ("5 tysięcy", "pl", 5000),
    ("2 million", "en", 2_000_000),
    ("2 milioni", "it", 2_000_000),
    ("1 milione", "it", 1_000_000),
    ("1,2 mln zł", "pl", 1_200_000),
    ("30 mila", "it", 30_000),
    ("1.5 billion", "en", 1_500_000_000),
    ("2 mln.", "pl", 2_000_000),
    # words
    ("one", "en", 1),
    ("two", "en", 2),
    ("four", "en", 4),
    ("twelve", "en", 12),
    ("twenty-five", "en", 25),
    ("twenty five", "en", 25),
    ("two hundred", "en", 200),
    ("a hundred", "en", 100),
    ("a dozen", "en", 12),
    ("a couple", "en", 2),
    ("two million", "en", 2_000_000),
    ("due", "it", 2),
    ("quattro", "it", 4),
    ("una", "it", 1),
    ("un paio", "it", 2),
    ("una dozzina", "it", 12),
    ("ventitré", "it", 23),
    ("ventotto", "it", 28),
    ("trentuno", "it", 31),
    ("duecento", "it", 200),
    ("trentamila", "it", 30_000),
    ("un milione", "it", 1_000_000),
    ("dwa", "pl", 2),
    ("dwie", "pl", 2),
    ("dwóch", "pl", 2),
    ("trzy", "pl", 3),
    ("trzech", "pl", 3),
    ("pięć", "pl", 5),
    ("piec", "pl", 5),  # written without diacritics
    ("pięciu", "pl", 5),
    ("dwadzieścia pięć", "pl", 25),
    ("dwa miliony", "pl", 2_000_000),
    ("trzy tysiące", "pl", 3000),
    ("Two", None, 2),
    ("DUE", None, 2),
]


@pytest.mark.parametrize(
    ("text", "lang", "expected"), PARSE_NUMBER, ids=[c[0] for c in PARSE_NUMBER]
)
def test_parse_number(text: str, lang: str | None, expected: float) -> None:
    assert parse_number(text, lang) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "   ", "hello", "14.03.2026", "1.2.3", "nessuno"])
def test_parse_number_none(text: str) -> None:
    assert parse_number(text) is None


FIND_NUMBERS = [
    ("en", "Acme has ~140 staff and 3 brands", [("140", 140), ("3", 3)]),
    ("en", "about 1,100 employees, opened four emails", [("1,100", 1100), ("four", 4)]),
    ("en", "due to the delay they opened two emails", [("two", 2)]),  # "due" is not 2 in en
    ("it", "1.200 dipendenti e due whitepaper scaricati", [("1.200", 1200), ("due", 2)]),
    ("it", "ha scaricato una guida", []),  # an article is not a count
    ("it", "ha visto un paio di pagine", [("un paio", 2)]),
    ("pl", "ok. 1 200 pracowników, pobrał dwa e-booki", [("1 200", 1200), ("dwa", 2)]),
    ("pl", "budżet 2,5 mln zł na 15 stanowisk", [("2,5 mln", 2_500_000), ("15", 15)]),
    # phone numbers, dates and times are not quantities
    ("pl", "Tel. 604 221 873, 40 licencji", [("40", 40)]),
    ("it", "cell. 335 781 4420 - 65 dipendenti", [("65", 65)]),
    ("en", "call +44 20 7946 0958 at 11:30 on 2026-03-14", []),
    ("it", "il 14/03/2026 e il 14.03.2026", []),
    # glued to letters: not a number (B2B, Q3); a number glued to a unit still is
    ("en", "B2B SaaS, Q3 plan, 50km away", [("50", 50)]),
    ("en", "revenue 1.5M, budget 50k", [("1.5M", 1_500_000), ("50k", 50_000)]),
    ("en", 'CSV: "Leeds",310,"x"', [("310", 310)]),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), FIND_NUMBERS, ids=[c[1] for c in FIND_NUMBERS]
)
def test_find_numbers(lang: str, text: str, expected: list[tuple[str, float]]) -> None:
    spans = find_numbers(text, lang)
    assert [(s.raw, s.value) for s in spans] == [(raw, pytest.approx(v)) for raw, v in expected]


AMOUNTS = [
    ("€50k", (50_000, "EUR")),
    ("€ 60.000", (60_000, "EUR")),
    ("50.000 euro", (50_000, "EUR")),
    ("15.000 €", (15_000, "EUR")),
    ("50 tys. zł", (50_000, "PLN")),
    ("80 tys. zl", (80_000, "PLN")),
    ("$120,000", (120_000, "USD")),
    ("US$ 2M", (2_000_000, "USD")),
    ("100k EUR", (100_000, "EUR")),
    ("EUR 100k", (100_000, "EUR")),
    ("2,5 mln PLN", (2_500_000, "PLN")),
    ("30 mila euro", (30_000, "EUR")),
    ("2 milioni di euro", (2_000_000, "EUR")),
    ("£40k", (40_000, "GBP")),
    ("40 000 złotych", (40_000, "PLN")),
    ("10k CHF", (10_000, "CHF")),
    ("budget around 50k", (50_000, None)),
    ("100k", (100_000, None)),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS, ids=[c[0] for c in AMOUNTS])
def test_parse_amount(text: str, expected: tuple[float, str | None]) -> None:
    value, currency = parse_amount(text)  # type: ignore[misc]
    assert (value, currency) == (pytest.approx(expected[0]), expected[1])


def test_parse_amount_none() -> None:
    assert parse_amount("no budget yet") is None


def test_find_amounts_spans_cover_the_currency() -> None:
    text = "Budget approved, €60k this FY; ma zarezerwowane 80 tys. zł; 3 brands"
    found = find_amounts(text)
    assert [(s.raw, s.value, c) for s, c in found] == [
        ("€60k", 60_000, "EUR"),
        ("80 tys. zł", 80_000, "PLN"),
    ]


COUNTS = [
    ("once", 1),
    ("twice", 2),
    ("thrice", 3),
    ("three times", 3),
    ("3 times", 3),
    ("one time", 1),
    ("3x", 3),
    ("x3", 3),
    ("una volta", 1),
    ("due volte", 2),
    ("tre volte", 3),
    ("4 volte", 4),
    ("raz", 1),
    ("jeden raz", 1),
    ("dwa razy", 2),
    ("trzy razy", 3),
    ("pięć razy", 5),
    ("piec razy", 5),
    ("dwukrotnie", 2),
    ("Twice", 2),
]


@pytest.mark.parametrize(("token", "expected"), COUNTS, ids=[c[0] for c in COUNTS])
def test_count_word(token: str, expected: int) -> None:
    assert count_word(token) == expected


@pytest.mark.parametrize("token", ["several times", "kilka razy", "più volte", "times", ""])
def test_count_word_vague_is_none(token: str) -> None:
    assert count_word(token) is None


def test_find_counts() -> None:
    text = "clicked the ad twice, trzy razy oglądał cennik, ha aperto due volte la mail, 2x"
    assert [(s.raw, s.value) for s in find_counts(text)] == [
        ("twice", 2),
        ("trzy razy", 3),
        ("due volte", 2),
        ("2x", 2),
    ]


SPAN_TEXTS = [
    "Acme ~1,100 FTE, €2,5 mln budget, opened four emails twice, tel. 604 221 873",
    "Ferretti: 65 dipendenti, 30 mila euro, due whitepaper, ventitré utenti, cell. 335 781 4420",
    "DentaPlus 1\u00a0200 osób, 80 tys. zł, dwa razy, pięć e-booków, 2026-01-13, 14.03",
    "TWO HUNDRED users and a Dozen seats, 1.5M ARR, $120,000, una dozzina di licenze",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_every_span_is_a_slice_of_the_text(text: str) -> None:
    spans: list[NumberSpan] = [
        *find_numbers(text),
        *(s for s, _ in find_amounts(text)),
        *find_counts(text),
    ]
    assert spans
    for lang in ("en", "it", "pl"):
        spans += find_numbers(text, lang)
    for span in spans:
        assert span.raw == text[span.start : span.end]
        assert span.start < span.end


def test_spans_do_not_overlap_and_are_in_order() -> None:
    spans = find_numbers(SPAN_TEXTS[0] + " " + SPAN_TEXTS[1])
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


@pytest.mark.parametrize(
    ("text", "expected"),
    [("three", 3), ("a couple", 2), ("1.200", 1200), ("three weeks", None), ("our three", None)],
)
def test_parse_number_whole(text: str, expected: float | None) -> None:
    assert parse_number(text, "en", whole=True) == expected


MORE_NUMBERS = [
    ("półtora miliona", "pl", 1_500_000),
    ("pół miliona", "pl", 500_000),
    ("1,5 miliona", "pl", 1_500_000),
    ("mezzo milione", "it", 500_000),
    ("centomila", "it", 100_000),
    ("duecentomila", "it", 200_000),
    ("dwa tysiące", "pl", 2000),
    ("pięć tysięcy", "pl", 5000),
]


@pytest.mark.parametrize(
    ("text", "lang", "expected"), MORE_NUMBERS, ids=[c[0] for c in MORE_NUMBERS]
)
def test_more_numbers(text: str, lang: str, expected: float) -> None:
    assert parse_number(text, lang) == pytest.approx(expected)


def test_half_alone_is_not_a_number() -> None:
    assert find_numbers("mezzo team", "it") == []
    assert find_numbers("pół dnia", "pl") == []


@pytest.mark.parametrize(
    ("token", "expected"),
    [("a couple of times", 2), ("un paio di volte", 2), ("3-krotnie", 3), ("a few times", None)],
)
def test_more_counts(token: str, expected: int | None) -> None:
    assert count_word(token) == expected


def test_amounts_with_word_numbers() -> None:
    assert parse_amount("pół miliona zł") == (500_000, "PLN")
    assert parse_amount("duecentomila euro") == (200_000, "EUR")
    assert parse_amount("pięć tysięcy złotych") == (5000, "PLN")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=60),
        st.lists(
            st.sampled_from(
                [
                    "1",
                    "200",
                    ".",
                    ",",
                    " ",
                    "\u00a0",
                    "k",
                    "mln",
                    "zł",
                    "€",
                    "due",
                    "dwa",
                    "razy",
                    "times",
                    "a",
                    "dozen",
                    "tys.",
                    "-",
                    "+48",
                ]
            ),
            max_size=20,
        ).map("".join),
    ),
    st.sampled_from([None, "en", "it", "pl"]),
)
def test_any_text_gives_ordered_exact_spans(text: str, lang: str | None) -> None:
    for spans in (
        find_numbers(text, lang),
        [s for s, _ in find_amounts(text, lang)],
        find_counts(text, lang),
    ):
        end = 0
        for span in spans:
            assert span.raw == text[span.start : span.end]
            assert span.start >= end
            end = span.end
    parse_number(text, lang)
    parse_amount(text, lang)
    count_word(text, lang)


def test_clock_times_and_short_dates_are_not_quantities() -> None:
    text = "ieri sera alle 22.15; contatto del 15/01, 24/7, at 9.30 am, 2.5 FTE"
    assert [s.raw for s in find_numbers(text, "it")] == ["2.5"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50 000,00 zł", (50_000, "PLN")),
        ("1 200,50 zł", (1200.5, "PLN")),
        ("12 500 000 zł", (12_500_000, "PLN")),
    ],
)
def test_space_grouped_amounts(text: str, expected: tuple[float, str]) -> None:
    assert parse_amount(text, "pl") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("budget 50-60k", [("50", 50_000), ("60k", 60_000)]),
        ("€50–60k", [("50", 50_000), ("60k", 60_000)]),
        ("2-3 mln zł", [("2", 2_000_000), ("3 mln", 3_000_000)]),
        ("50 to 60k", [("50", 50_000), ("60k", 60_000)]),
        ("1-2 giorni e 30k", [("1", 1), ("2", 2), ("30k", 30_000)]),  # no range: separate
        ("około stu pracowników", [("stu", 100)]),
        ("dwustu pracowników", [("dwustu", 200)]),
        ("osiemdziesięciu osób", [("osiemdziesięciu", 80)]),
        ("una cinquantina di persone", [("una cinquantina", 50)]),
        ("un migliaio di utenti", [("un migliaio", 1000)]),
    ],
)
def test_ranges_and_more_words(text: str, expected: list[tuple[str, float]]) -> None:
    assert [(s.raw, s.value) for s in find_numbers(text)] == expected


def test_ordinals_are_not_quantities() -> None:
    assert [s.raw for s in find_numbers("the 3rd webinar, il 1° aprile, 5th time, 40 seats")] == [
        "40"
    ]


def test_bare_phone_numbers_and_post_codes_are_not_quantities() -> None:
    text = "tel 604221873, +48604221873, 00-950 Warszawa, 20-50 osób, 10-100 users"
    assert [s.raw for s in find_numbers(text, "pl")] == ["20", "50", "10", "100"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2-3 mln zł", [("2", 2_000_000, "PLN"), ("3 mln zł", 3_000_000, "PLN")]),
        ("20-30 mila euro", [("20", 20_000, "EUR"), ("30 mila euro", 30_000, "EUR")]),
        ("€50–60k", [("€50", 50_000, "EUR")]),
        ("3 FTE, 80 tys. zł", [("80 tys. zł", 80_000, "PLN")]),  # no range: 3 stays bare
        ("between 50 and 60k EUR", [("50", 50_000, "EUR"), ("60k EUR", 60_000, "EUR")]),
        ("tra 50 e 60 mila euro", [("50", 50_000, "EUR"), ("60 mila euro", 60_000, "EUR")]),
        ("od 50 do 60 tys. zł", [("50", 50_000, "PLN"), ("60 tys. zł", 60_000, "PLN")]),
        ("3 FTE and 60k €", [("60k €", 60_000, "EUR")]),
    ],
)
def test_a_range_shares_its_currency(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(s.raw, s.value, c) for s, c in find_amounts(text)] == expected
    assert parse_amount(text) == (expected[0][1], expected[0][2])


@pytest.mark.parametrize(
    ("token", "expected"), [("a volte", None), ("a time", None), ("una volta", 1)]
)
def test_articles_count_only_in_una_volta(token: str, expected: int | None) -> None:
    assert count_word(token) == expected
