"""Reading a rep's chat message (question / correction / note) and answering from a real verdict."""

from __future__ import annotations

import pytest

from assistant.chat import (
    Intent,
    LiftDisqualifiers,
    QuestionKind,
    introduced_name,
    read_message,
    with_introduced_name,
)
from assistant.domain import DisqualifierKind, Extraction, Stage
from assistant.extract.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "kind", "lang", "stage"),
    [
        ("why is this an MQL?", QuestionKind.why, "en", Stage.mql),
        ("Why is it SQL", QuestionKind.why, "en", Stage.sql),
        ("so why not SQL?", QuestionKind.why_not, "en", Stage.sql),
        ("why isn't it sales qualified?", QuestionKind.why_not, "en", Stage.sql),
        ("what should I ask next?", QuestionKind.next, "en", None),
        ("What's missing?", QuestionKind.next, "en", None),
        ("perché è un MQL?", QuestionKind.why, "it", Stage.mql),
        ("Perche non è SQL?", QuestionKind.why_not, "it", Stage.sql),
        ("cosa devo chiedere?", QuestionKind.next, "it", None),
        ("allora, quali domande faccio?", QuestionKind.next, "it", None),
        ("dlaczego to nie jest SQL?", QuestionKind.why_not, "pl", Stage.sql),
        ("Dlaczego to jest MQL?", QuestionKind.why, "pl", Stage.mql),
        ("o co zapytać?", QuestionKind.next, "pl", None),
        ("O co mam zapytać dalej?", QuestionKind.next, "pl", None),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_questions_are_recognised_in_three_languages(text, kind, lang, stage) -> None:
    reading = read_message(text)
    assert reading.intent is Intent.question
    assert reading.question is not None
    assert (reading.question.kind, reading.question.lang, reading.question.stage) == (kind, lang, stage)


@pytest.mark.parametrize(
    ("text", "lang", "changes"),
    [
        ("actually they have 40 employees", "en", {"company.employees": 40}),
        ("Actually they have 1,200 employees", "en", {"company.employees": 1200}),
        ("no, she is not the decision maker", "en", {"bant.authority": "influencer"}),
        ("correction: he is the decision maker", "en", {"bant.authority": "decision_maker"}),
        ("budget is confirmed", "en", {"bant.budget": "confirmed"}),
        ("actually they have no budget", "en", {"bant.budget": "none"}),
        ("actually the deadline is in 3 months", "en", {"bant.timeline_days": 90}),
        ("actually budget of 50k", "en", {"bant.budget_amount": 50000}),
        ("in realtà sono 40 dipendenti", "it", {"company.employees": 40}),
        ("anzi, non è lei a decidere", "it", {"bant.authority": "influencer"}),
        ("il budget è stato approvato", "it", {"bant.budget": "confirmed"}),
        ("in realtà vogliono partire entro due mesi", "it", {"bant.timeline_days": 60}),
        ("właściwie mają 40 pracowników", "pl", {"company.employees": 40}),
        ("nie, ona nie jest osobą decyzyjną", "pl", {"bant.authority": "influencer"}),
        ("budżet jest już zatwierdzony", "pl", {"bant.budget": "confirmed"}),
        ("właściwie mają 1 200 pracowników", "pl", {"company.employees": 1200}),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_corrections_become_field_changes(text, lang, changes) -> None:
    reading = read_message(text)
    assert reading.intent is Intent.correction, reading
    assert reading.correction is not None
    assert reading.correction.lang == lang
    assert {c.field: c.value for c in reading.correction.changes} == changes


@pytest.mark.parametrize(
    "text",
    [
        "Met Jane Doe (Head of Sales, Brightloop, 120 employees) at the expo; she asked for a quote.",
        "Olga from a 40 employees shop downloaded our checklist twice and opened three mails",
        "Subject: follow-up\n\nHi, why not send us the pricing?\nThanks, Tom",
        "Asked why the trial is limited, then booked a call for Friday.",
        "She said the budget is confirmed for Q3 and they want to go live by June, "
        "plus they are comparing two vendors and need SSO for 300 users across offices",
    ],
    ids=["note-with-employees", "note-40-employees", "email-with-why", "note-with-why-inside", "long-note-budget"],
)
def test_notes_stay_notes(text) -> None:
    assert read_message(text).intent is Intent.note


@pytest.mark.parametrize(
    ("text", "name", "argument"),
    [("/new Acme lead", "new", "Acme lead"), ("/WHY", "why", ""), ("/export", "export", "")],
    ids=["new-with-arg", "upper", "export"],
)
def test_slash_commands(text, name, argument) -> None:
    reading = read_message(text)
    assert reading.intent is Intent.command
    assert reading.command is not None
    assert (reading.command.name, reading.command.argument) == (name, argument)


def test_empty_message() -> None:
    assert read_message("   \n ").intent is Intent.empty


@pytest.mark.parametrize(
    ("raw", "value"),
    [("40", 40), ("1.200", 1200), ("1,200", 1200), ("1 200", 1200), ("50k", 50000), ("2,5 mln", 2_500_000), ("2.5", 2.5)],
    ids=str,
)
def test_numbers_as_reps_write_them(raw, value) -> None:
    assert parse_number(raw, whole=True) == value


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("actually they are based in Munich", {"company.country": "DE", "company.city": "Munich"}),
        ("in realtà sono nel settore retail", {"company.industry": "retail"}),
        ("właściwie to firma z Niemiec", {"company.country": "DE"}),
        ("no, they are a software company", {"company.industry": "software"}),
    ],
)
def test_a_marked_correction_beyond_the_phrase_rules_is_read_by_the_offline_extractor(
    message: str, expected: dict[str, object]
) -> None:
    reading = read_message(message)
    assert reading.intent is Intent.correction
    assert {c.field: c.value for c in reading.correction.changes} == expected


def test_an_unmarked_short_message_without_facts_stays_a_note() -> None:
    assert read_message("actually hello").intent is Intent.note
    assert read_message("they downloaded the guide").intent is Intent.note




@pytest.mark.parametrize(
    ("message", "lang", "kinds"),
    [
        ("actually not a competitor after all", "en", ("competitor",)),
        ("not a student after all", "en", ("student",)),
        ("in realtà non è uno studente", "it", ("student",)),
        ("non è un concorrente", "it", ("competitor",)),
        ("właściwie nie jest studentem", "pl", ("student",)),
        ("właściwie nie jest konkurencją", "pl", ("competitor",)),
    ],
)
def test_a_disqualifier_that_does_not_hold_lifts_that_one(message: str, lang: str, kinds: tuple[str, ...]) -> None:
    reading = read_message(message)
    assert reading.intent is Intent.correction
    [change] = reading.correction.changes
    assert change.field == "disqualifiers" and reading.correction.lang == lang
    assert change.value == LiftDisqualifiers(tuple(DisqualifierKind(k) for k in kinds))
    both = [{"kind": "student", "evidence": "a student"}, {"kind": "competitor", "evidence": "works for a rival"}]
    assert [d["kind"] for d in change.value.remaining(both)] == [k for k in ("student", "competitor") if k not in kinds]


@pytest.mark.parametrize(
    ("message", "lang", "name"),
    [
        ("actually his name is Kacper Nowak", "en", "Kacper Nowak"),
        ("no, her name is Zofia Wójcik", "en", "Zofia Wójcik"),
        ("actually I spoke with Ines Carvalho", "en", "Ines Carvalho"),
        ("in realtà si chiama Giulia Ferrari", "it", "Giulia Ferrari"),
        ("in realtà ho parlato con Marco De Luca", "it", "Marco De Luca"),
        ("właściwie nazywa się Anna Kowalska", "pl", "Anna Kowalska"),
        ("właściwie rozmawiałem z Kacprem Nowakiem", "pl", "Kacper Nowak"),
        ("właściwie rozmawiałam z Anną Kowalską", "pl", "Anna Kowalska"),
        ("właściwie dzwoniłem do Kacpra Nowaka", "pl", "Kacper Nowak"),
        ("właściwie chodzi o Marka Wójcika", "pl", "Marek Wójcik"),
    ],
)
def test_a_name_correction_gives_the_name_in_the_nominative(message: str, lang: str, name: str) -> None:
    reading = read_message(message)
    assert reading.intent is Intent.correction, reading
    assert reading.correction.lang == lang
    [change] = reading.correction.changes
    assert (change.field, change.value) == ("contact.name", name)
    assert change.evidence in message  # the rep's own words, kept as the fact's evidence


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("actually she is the CFO", "CFO"),
        ("actually he is Head of Sales", "Head of Sales"),
        ("no, she is the marketing director", "marketing director"),
        ("actually his title is VP of Engineering", "VP of Engineering"),
        ("in realtà è il direttore commerciale", "direttore commerciale"),
        ("in realtà è la responsabile marketing", "responsabile marketing"),
        ("właściwie jest dyrektorem marketingu", "dyrektor marketingu"),
        ("właściwie jest kierownikiem sprzedaży", "kierownik sprzedaży"),
    ],
)
def test_a_title_correction_leaves_seniority_and_department_to_follow_it(message: str, title: str) -> None:
    reading = read_message(message)
    assert reading.intent is Intent.correction, reading
    assert [(c.field, c.value) for c in reading.correction.changes] == [("contact.job_title", title)]


def test_not_the_director_is_not_a_title() -> None:
    assert read_message("he is not the director").intent is Intent.note


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("based in Munich", {"company.country": "DE", "company.city": "Munich"}),
        ("in realtà hanno sede a Torino", {"company.country": "IT", "company.city": "Torino"}),
    ],
)
def test_a_company_place_said_plainly(message: str, expected: dict[str, object]) -> None:
    reading = read_message(message)
    assert reading.intent is Intent.correction
    assert {c.field: c.value for c in reading.correction.changes} == expected


@pytest.mark.parametrize(
    ("text", "name", "quote"),
    [
        ("Sofia Rossi here, we are 40 people and want a demo", "Sofia Rossi", "Sofia Rossi"),
        ("Hi, Sofia Rossi here", "Sofia Rossi", "Sofia Rossi"),
        ("qui Sofia Rossi, vorremmo un preventivo", "Sofia Rossi", "Sofia Rossi"),
        ("Kacper Nowak z tej strony, mamy 40 osób", "Kacper Nowak", "Kacper Nowak"),
        ("Tu Kacprem", "Kacper", "Kacprem"),
    ],
)
def test_name_here_names_the_contact(text: str, name: str, quote: str) -> None:
    found = introduced_name(text)
    assert found is not None
    assert found[0] == name and found[1].quote == quote
    assert text[found[1].start : found[1].end] == quote
    extraction = with_introduced_name(text, Extraction())
    assert extraction.contact.name == name and extraction.evidence["contact.name"].quote == quote


def test_a_name_the_extractor_found_stays() -> None:
    from assistant.domain import Contact

    extraction = Extraction(contact=Contact(name="Sofia Rossi-Bianchi"))
    assert with_introduced_name("Sofia Rossi here", extraction) is extraction
    assert introduced_name("Called the client today, she is keen") is None


def test_a_polish_notes_name_comes_back_in_the_nominative() -> None:
    from assistant.chat import with_nominative_name
    from assistant.domain import Contact

    polish = Extraction(contact=Contact(name="Kacprem Nowakiem"))
    assert with_nominative_name(polish, "pl").contact.name == "Kacper Nowak"
    assert with_nominative_name(polish, "en") is polish  # only a Polish note is read that way
    nominative = Extraction(contact=Contact(name="Anna Kowalska"))
    assert with_nominative_name(nominative, "pl") is nominative
