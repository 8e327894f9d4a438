"""A fourth language is a data change: a tiny German vocabulary, and no line of code.

The test copies the vocabulary folder, adds `de/` with only the three files the date,
number and language readers need (no interactions.toml), and reads German through the
unchanged engine: "gestern", "vor 2 Wochen", "3. März 2026", "zwei".
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant.extract import vocab
from assistant.extract.dates import find_dates, find_deadline_days, resolve_date
from assistant.extract.language import detect_language
from assistant.extract.numbers import find_counts, find_numbers, parse_amount, parse_number

AS_OF = date(2026, 3, 16)  # a Monday

DE_DATES = """
[weekdays]
names = [["montag"], ["dienstag"], ["mittwoch"], ["donnerstag"], ["freitag"], ["samstag"],
         ["sonntag"]]

[months]
names = [["januar"], ["februar"], ["märz"], ["april"], ["mai"], ["juni"], ["juli"], ["august"],
         ["september"], ["oktober"], ["november"], ["dezember"]]

[[fixed]]
days = 0
phrases = ["heute"]
[[fixed]]
days = -1
phrases = ["gestern"]
[[fixed]]
days = -2
phrases = ["vorgestern"]

[[units]]
days = 1
forms = ["tag", "tage", "tagen"]
[[units]]
days = 7
forms = ["woche", "wochen"]
[[units]]
days = 30
forms = ["monat", "monate", "monaten"]

[directions]
past = ["letzten", "letzter"]
next = ["nächsten", "nächster"]

[preps]
plain = ["am"]

[relative]
ago_before = ["vor"]
in_before = ["in"]

[deadline]
by = ["bis"]
"""

DE_NUMBERS = """
[words]
1 = ["eins"]
2 = ["zwei"]
3 = ["drei"]
4 = ["vier"]
5 = ["fünf"]
10 = ["zehn"]
20 = ["zwanzig"]

[[multipliers]]
value = 1e3
words = ["tausend"]
[[multipliers]]
value = 1e6
words = ["millionen", "million"]

[counts]
times = ["mal"]
"""

DE_LANGUAGE = """
tie_rank = 3
stopwords = ["der", "die", "das", "und", "ist", "nicht", "wir", "hat", "mit", "gestern", "heute"]
letters = "ß"
"""


@pytest.fixture
def german(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "vocab"
    shutil.copytree(vocab.VOCAB_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    (folder / "de").mkdir()
    (folder / "de" / "dates.toml").write_text(DE_DATES, encoding="utf-8")
    (folder / "de" / "numbers.toml").write_text(DE_NUMBERS, encoding="utf-8")
    (folder / "de" / "language.toml").write_text(DE_LANGUAGE, encoding="utf-8")
    with vocab.use_root(folder):
        yield folder


def test_without_the_folder_german_is_not_read() -> None:
    """The control: the shipped vocabulary knows no German, so the test below is the data."""
    assert "de" not in vocab.languages("dates")
    assert find_dates("gestern angerufen", AS_OF) == []
    assert resolve_date("vor 2 Wochen", AS_OF) is None
    assert parse_number("zwei", "de") is None


def test_german_dates_resolve_from_data_alone(german: Path) -> None:
    assert "de" in vocab.languages("dates")
    assert "de" not in vocab.languages()  # the rules extractor's languages are unchanged
    assert resolve_date("gestern", AS_OF, "de") == date(2026, 3, 15)
    assert resolve_date("heute früh", AS_OF, "de") == AS_OF
    assert resolve_date("vor 2 Wochen", AS_OF, "de") == date(2026, 3, 2)
    assert resolve_date("vor zwei Wochen", AS_OF, "de") == date(2026, 3, 2)
    assert resolve_date("in 3 Tagen", AS_OF, "de") == date(2026, 3, 19)
    assert resolve_date("3. März 2026", AS_OF, "de") == date(2026, 3, 3)
    assert resolve_date("am 12. Februar", AS_OF, "de") == date(2026, 2, 12)
    assert resolve_date("letzten Freitag", AS_OF, "de") == date(2026, 3, 13)
    assert resolve_date("am Donnerstag", AS_OF, "de") == date(2026, 3, 12)
    spans = find_dates("Gestern Demo angefragt, Angebot vor 2 Wochen, Termin 3. März 2026.", AS_OF)
    assert [(s.raw, s.value) for s in spans] == [
        ("Gestern", date(2026, 3, 15)),
        ("vor 2 Wochen", date(2026, 3, 2)),
        ("3. März 2026", date(2026, 3, 3)),
    ]
    assert find_deadline_days("Entscheidung bis 30. Juni", AS_OF, "de") == (106, "bis 30. Juni")


def test_german_numbers_resolve_from_data_alone(german: Path) -> None:
    assert parse_number("zwei", "de") == 2.0
    assert [(n.raw, n.value) for n in find_numbers("zwei Whitepaper, 3 Tausend Nutzer", "de")] == [
        ("zwei", 2.0),
        ("3 Tausend", 3000.0),
    ]
    assert parse_number("zwanzig drei", "de") == 23.0  # tens + unit, the engine's arithmetic
    assert parse_amount("2,5 Millionen EUR", "de") == (2_500_000.0, "EUR")
    assert [(c.raw, c.value) for c in find_counts("hat die Preisseite dreimal besucht", "de")] == [
        ("dreimal", 3.0)
    ]
    # with lang="de", Italian "due" is no number, as "zwei" is none in Italian
    assert parse_number("due", "de") is None
    assert parse_number("zwei", "it") is None


def test_german_is_detected_and_the_others_still_read(german: Path) -> None:
    assert detect_language("Wir haben gestern mit der Firma telefoniert, das ist gut.") == "de"
    assert detect_language("Ieri ha chiesto un preventivo per il team.") == "it"
    assert resolve_date("ieri", AS_OF, "it") == date(2026, 3, 15)
    assert resolve_date("tydzień temu", AS_OF, "pl") == date(2026, 3, 9)
    assert parse_number("dwa", "pl") == 2.0
