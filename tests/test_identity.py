"""Who a note is about, compared with a lead; Polish names back to the nominative."""

from __future__ import annotations

import pytest

from assistant.identity import Identity, compare, nominative_name, polish_nominative


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Kacprem", "Kacper"), ("Nowakiem", "Nowak"), ("Markiem", "Marek"), ("Pawłem", "Paweł"),
        ("Piotrem", "Piotr"), ("Michałem", "Michał"), ("Kaczmarkiem", "Kaczmarek"), ("Wójcikiem", "Wójcik"),
        ("Kowalskim", "Kowalski"), ("Kowalskiego", "Kowalski"), ("Nowakowi", "Nowak"), ("Mazurem", "Mazur"),
        ("Anną", "Anna"), ("Kowalską", "Kowalska"), ("Annę", "Anna"), ("Kasią", "Kasia"), ("Zofią", "Zofia"),
        # already nominative: unchanged
        ("Kacper", "Kacper"), ("Anna", "Anna"), ("Nowak", "Nowak"), ("Giulia", "Giulia"), ("Ferrari", "Ferrari"),
    ],
)
def test_polish_names_in_the_instrumental_and_other_clear_cases(word: str, nominative: str) -> None:
    assert polish_nominative(word) == nominative


@pytest.mark.parametrize(
    ("word", "nominative"),
    [("Kacpra", "Kacper"), ("Nowaka", "Nowak"), ("Marka", "Marek"), ("Anny", "Anna"), ("Kowalskiej", "Kowalska"),
     ("Marii", "Maria")],
)
def test_polish_names_in_the_genitive_when_the_words_around_say_so(word: str, nominative: str) -> None:
    assert polish_nominative(word, genitive=True) == nominative
    assert polish_nominative("Anna", genitive=True) == "Anna"


def test_a_full_name_word_by_word() -> None:
    assert nominative_name("Kacprem Nowakiem") == "Kacper Nowak"
    assert nominative_name("Anną Nowak-Kowalską") == "Anna Nowak-Kowalska"


@pytest.mark.parametrize(
    ("note", "lead", "someone_else", "differ"),
    [
        (Identity("Mark Thompson", company="Bright Logistics"), Identity("Giulia Ferrari", company="Vela"),
         True, {"name", "company"}),
        (Identity("Giulia"), Identity("Giulia Ferrari", company="Vela"), False, set()),
        (Identity("Kacprem Nowakiem"), Identity("Kacper Nowak"), False, set()),
        (Identity(company="Vela"), Identity("Giulia Ferrari", company="Vela S.r.l."), False, set()),
        (Identity(email="mark@bright.com"), Identity("Giulia Ferrari", email="giulia@vela.it"), True, {"email"}),
        # the same email is the same person, even with a new company or a nickname
        (Identity("Gigi", email="GIULIA@vela.it", company="Acme"), Identity("Giulia Ferrari", email="giulia@vela.it",
                                                                            company="Vela"), False, {"name", "company"}),
        (Identity("Giulia Ferrari", company="Acme"), Identity("Giulia Ferrari", company="Vela"), True, {"company"}),
        (Identity(phone="0113 496 0000"), Identity("Ann", phone="+44 113 496 0000"), False, set()),
        (Identity(), Identity("Giulia Ferrari"), False, set()),
    ],
    ids=["other-person", "first-name", "polish-case", "legal-form", "other-email", "same-email",
         "same-name-other-company", "same-phone", "nobody-named"],
)
def test_who_the_note_is_about(note: Identity, lead: Identity, someone_else: bool, differ: set[str]) -> None:
    result = compare(note, lead)
    assert result.someone_else is someone_else
    assert set(result.differ) == differ
