"""Reading a rep's chat message (question / correction / note) and answering from a real verdict."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.chat import (
    Intent,
    QuestionKind,
    answer,
    describe_changes,
    read_message,
    stage_change_line,
    verdict_line,
)
from assistant.domain import (
    Authority,
    Bant,
    Company,
    Contact,
    Department,
    Extraction,
    Industry,
    Interaction,
    InteractionKind,
    Seniority,
    Stage,
)
from assistant.extract.numbers import parse_number
from assistant.scoring import load_scoring, score

AS_OF = date(2026, 3, 16)


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


# --- answers, from verdicts the real scorer produces -----------------------------------


def _mql_facts() -> Extraction:
    return Extraction(
        contact=Contact(name="Lena Ostrowska", job_title="Head of Marketing",
                        seniority=Seniority.director, department=Department.marketing),
        company=Company(name="Vellum Labs", employees=200, industry=Industry.software, country="PL"),
        interactions=[
            Interaction(kind=InteractionKind.content_download, count=2, occurred_on=date(2026, 3, 10),
                        evidence="grabbed two of our guides"),
            Interaction(kind=InteractionKind.webinar_attendance, occurred_on=date(2026, 3, 12),
                        evidence="sat through the whole webinar"),
            Interaction(kind=InteractionKind.pricing_page_visit, occurred_on=date(2026, 3, 14),
                        evidence="looked at the pricing page"),
        ],
    )


def _verdict(facts: Extraction, lang: str):
    return score(facts, as_of=AS_OF, model=load_scoring(), lang=lang)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("why is this an MQL?", ["It is MQL because engagement", "Points that count most:", "guides"]),
        ("why not SQL?", ["Not SQL yet. Missing:", "no hand-raise within 90 days"]),
        ("what should I ask next?", ["Ask next:", "1. ", "budget"]),
        ("perché non è SQL?", ["Non ancora SQL. Manca:", "nessuna richiesta esplicita"]),
        ("cosa devo chiedere?", ["Da chiedere:", "budget"]),
        ("dlaczego to nie jest SQL?", ["Jeszcze nie SQL. Brakuje:", "brak wyraźnej prośby"]),
        ("o co zapytać?", ["O co zapytać:", "budżet"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_answers_come_from_the_explanation_in_the_reps_language(text, expected) -> None:
    question = read_message(text).question
    assert question is not None
    verdict = _verdict(_mql_facts(), question.lang)
    assert verdict.stage is Stage.mql
    reply = answer(question, verdict)
    for words in expected:
        assert words in reply, reply


def test_why_not_a_stage_already_passed_says_so() -> None:
    facts = _mql_facts()
    facts.interactions.append(
        Interaction(kind=InteractionKind.quote_request, occurred_on=date(2026, 3, 14), evidence="wants a quote")
    )
    verdict = _verdict(facts, "en")
    assert verdict.stage is Stage.sql
    reply = answer(read_message("why not MQL?").question, verdict)
    assert reply.startswith("It is already SQL, which is past MQL")


def test_why_names_the_real_stage_when_the_rep_guessed_wrong() -> None:
    verdict = _verdict(_mql_facts(), "en")
    reply = answer(read_message("why is it SQL?").question, verdict)
    assert reply.startswith("It is MQL, not SQL:")


def test_no_verdict_yet_says_what_to_do() -> None:
    reply = answer(read_message("why is this an MQL?").question, None)
    assert "paste a note" in reply


def test_corrected_authority_changes_the_verdict() -> None:
    """A correction's changes, applied to the facts, move the stage (BANT 3 of 4 -> 2 of 4)."""
    facts = Extraction(
        contact=Contact(seniority=Seniority.executive, department=Department.executive),
        company=Company(employees=80, industry=Industry.retail, country="IT"),
        bant=Bant(budget="confirmed", authority=Authority.decision_maker, need="faster invoicing"),
    )
    assert _verdict(facts, "en").stage is Stage.sql
    change = read_message("no, she is not the decision maker").correction.changes[0]
    section, name = change.field.split(".")
    setattr(getattr(facts, section), name, Authority(change.value))
    assert _verdict(facts, "en").stage is not Stage.sql
    assert "bant.authority = influencer" in describe_changes(read_message("no, she is not the decision maker").correction)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "SQL: asked for a quote 2 days ago (+39); fit A 85"),
        ("it", "SQL: ha chiesto un preventivo 2 giorni fa (+39); fit A 85"),
        ("pl", "SQL: poprosił o wycenę 2 dni temu (+39); dopasowanie A 85"),
    ],
    ids=["en", "it", "pl"],
)
def test_one_line_verdict_names_the_hand_raise_and_its_age(lang, expected) -> None:
    facts = _mql_facts()
    facts.interactions.append(
        Interaction(kind=InteractionKind.quote_request, occurred_on=date(2026, 3, 14), evidence="wants a quote")
    )
    assert verdict_line(_verdict(facts, lang), facts, lang) == expected


def test_one_line_verdict_for_mql_names_the_engagement() -> None:
    facts = _mql_facts()
    line = verdict_line(_verdict(facts, "en"), facts, "en")
    assert line.startswith("MQL: engagement 48 (downloaded content +19")
    assert line.endswith("fit A 85")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [(Stage.mql, Stage.sql, "MQL -> SQL"), (None, Stage.sql, None), (Stage.sql, Stage.sql, None),
     (Stage.lead, Stage.disqualified, "LEAD -> DISQUALIFIED")],
    ids=["up", "first", "same", "down"],
)
def test_stage_change_is_called_out(old, new, expected) -> None:
    assert stage_change_line(old, new) == expected


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
    "message",
    ["actually not a competitor after all", "non è un concorrente", "właściwie nie jest studentem"],
)
def test_saying_a_disqualifier_does_not_hold_clears_the_disqualifiers(message: str) -> None:
    reading = read_message(message)
    assert reading.intent is Intent.correction
    assert [(c.field, c.value) for c in reading.correction.changes] == [("disqualifiers", [])]
