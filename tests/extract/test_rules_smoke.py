"""The rules extractor end to end on one short note per language (fresh texts)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.extract.rules import RulesExtractor

AS_OF = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("text", "lang", "kinds"),
    [
        (
            "Anna Rossi downloaded our pricing guide yesterday and asked for a demo.",
            "en",
            {"content_download", "demo_request"},
        ),
        (
            "Ieri Marco ha scaricato la guida e vuole un preventivo.",
            "it",
            {"content_download", "quote_request"},
        ),
        ("Wczoraj pobrała e-booka i poprosiła o demo.", "pl", {"content_download", "demo_request"}),
    ],
    ids=["en", "it", "pl"],
)
def test_kinds_and_language(text: str, lang: str, kinds: set[str]) -> None:
    result = RulesExtractor().extract(text, as_of=AS_OF)
    assert result.language == lang
    assert result.extractor == "rules"
    assert {i.kind.value for i in result.extraction.interactions} == kinds
    assert all(i.evidence in text for i in result.extraction.interactions)


def test_a_wrong_language_hint_does_not_hide_the_note() -> None:
    result = RulesExtractor().extract(
        "Ieri ha scaricato la guida e vuole un preventivo.", as_of=AS_OF, lang="pl"
    )
    assert result.language == "it"
    assert {i.kind.value for i in result.extraction.interactions} == {
        "content_download",
        "quote_request",
    }


def test_a_short_note_misdetected_is_still_read() -> None:
    # too short to be sure of its language: cue words are read in every language
    result = RulesExtractor().extract("Webinar: iscritto", as_of=AS_OF)
    assert {i.kind.value for i in result.extraction.interactions} == {"webinar_registration"}


def test_words_of_another_language_do_not_misfire() -> None:
    e = RulesExtractor().extract(
        "They stand by their current vendor. The account is based in Leeds.", as_of=AS_OF
    )
    assert e.extraction.interactions == []
    assert e.extraction.contact.seniority is None
