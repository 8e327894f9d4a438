"""The view models: one language per view, numbers written one way, answers from the
scorer's explanation, the one-line verdict from the verdict's figures (no strings read)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assistant.chat import read_message
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
    LeadState,
    LeadSummary,
    Seniority,
    Stage,
)
from assistant.scoring import load_scoring, score
from assistant.views import (
    Labels,
    ReplyCard,
    answer_card,
    headline,
    lead_view,
    number,
    points,
    stage_change,
)

AS_OF = date(2026, 3, 16)
MODEL = load_scoring()


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
    return score(facts, as_of=AS_OF, model=MODEL, lang=lang)


def _state(facts: Extraction, lang: str) -> LeadState:
    summary = LeadSummary(id=7, name=facts.contact.name, company=facts.company.name,
                          updated_at=datetime(2026, 3, 16, tzinfo=UTC))
    return LeadState(summary=summary, facts=facts, verdict=_verdict(facts, lang), language=lang,
                     engagement_history=[12.0, 48.0])


@pytest.mark.parametrize(("value", "text"), [(24.8, "24.8"), (25.0, "25"), (24.75, "24.8"), (0, "0"),
                                             (50000.0, "50000"), (2_500_000.0, "2500000"), (None, "—")])
def test_a_number_is_written_one_way(value, text) -> None:
    assert number(value) == text


def test_points_are_signed() -> None:
    assert (points(39.39), points(-10.0), points(0.0)) == ("+39.4", "-10", "0")


def test_the_card_writes_the_engagement_as_the_reason_does() -> None:
    facts = _mql_facts()
    facts.interactions = facts.interactions[:1]  # engagement with a decimal: 19.x
    view = lead_view(_state(facts, "en"), "en")
    engagement = view.engagement.text
    assert "." in engagement
    assert engagement in view.next_text  # "engagement 19.4 of 40": the same number as on the bar


@pytest.mark.parametrize(
    ("lang", "words", "not_words"),
    [
        ("en", ["Next: SQL", "Ask next", "employees", "budget", "unknown", "Points"], ["Prossima", "Następny"]),
        ("it", ["Prossima fase: SQL", "Da chiedere", "dipendenti", "sconosciuto", "Punti", "direttore"],
         ["Next:", "Ask next", "unknown", "employees"]),
        ("pl", ["Następny etap: SQL", "O co zapytać", "pracownicy", "nieznane", "Punkty", "dyrektor"],
         ["Next:", "Ask next", "unknown", "employees"]),
    ],
)
def test_every_label_of_the_card_is_in_the_views_language(lang: str, words: list[str], not_words: list[str]) -> None:
    view = lead_view(_state(_mql_facts(), lang), lang)
    text = " ".join([
        view.next_title, view.next_text, view.questions_title, *view.questions, view.bant_title,
        *(f"{b.label} {b.state_label} {b.value}" for b in view.bant), view.items_title,
        *(f"{i.label} {i.value}" for i in view.items), view.points_title,
        *(f"{p.axis} {p.rule}" for p in view.points), view.fit.label, view.engagement.label,
    ])
    for word in words:
        assert word in text, (word, text)
    for word in not_words:
        assert word not in text, (word, text)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ("SQL", "asked for a quote 2 days ago (+39.4); fit A 85")),
        ("it", ("SQL", "ha chiesto un preventivo 2 giorni fa (+39.4); fit A 85")),
        ("pl", ("SQL", "poprosił o wycenę 2 dni temu (+39.4); dopasowanie A 85")),
    ],
)
def test_the_one_line_verdict_names_the_hand_raise_and_its_age(lang, expected) -> None:
    facts = _mql_facts()
    facts.interactions.append(
        Interaction(kind=InteractionKind.quote_request, occurred_on=date(2026, 3, 14), evidence="wants a quote"))
    assert headline(_verdict(facts, lang), facts, MODEL, Labels(lang)) == expected


def test_the_one_line_verdict_for_an_mql_names_the_engagement() -> None:
    facts = _mql_facts()
    stage, rest = headline(_verdict(facts, "en"), facts, MODEL, Labels("en"))
    assert stage == "MQL"
    assert rest.startswith("engagement 48") and "downloaded content +19.1" in rest and rest.endswith("fit A 85")


def test_the_one_line_verdict_of_a_disqualified_lead_quotes_its_words() -> None:
    from assistant.domain import Disqualifier

    facts = _mql_facts()
    facts.disqualifiers = [Disqualifier(kind="student", evidence="writing her thesis")]
    assert headline(_verdict(facts, "it"), facts, MODEL, Labels("it")) == ("SQUALIFICATO", 'studente "writing her thesis"')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("why is this an MQL?", ["It is MQL because:", "MQL: engagement", "Points that count most:", "guides"]),
        ("why not SQL?", ["Not SQL yet. Missing:", "no hand-raise within 90 days"]),
        ("what should I ask next?", ["Ask next:", "1. ", "budget"]),
        ("perché non è SQL?", ["Non ancora SQL. Manca:", "nessuna richiesta esplicita"]),
        ("perché è MQL?", ["È MQL perché:", "I punti che contano di più:", "download di contenuti"]),
        ("cosa devo chiedere?", ["Da chiedere:", "budget"]),
        ("dlaczego to nie jest SQL?", ["Jeszcze nie SQL. Brakuje:", "brak wyraźnej prośby"]),
        ("o co zapytać?", ["O co zapytać:", "budżet"]),
    ],
)
def test_answers_come_from_the_explanation_in_the_questions_language(text, expected) -> None:
    question = read_message(text).question
    card = answer_card(question, _verdict(_mql_facts(), question.lang))
    reply = card.text
    for words in expected:
        assert words in reply, reply


def test_why_not_a_stage_already_passed_says_so() -> None:
    facts = _mql_facts()
    facts.interactions.append(
        Interaction(kind=InteractionKind.quote_request, occurred_on=date(2026, 3, 14), evidence="wants a quote"))
    card = answer_card(read_message("why not MQL?").question, _verdict(facts, "en"))
    assert card.body[0] == "It is already SQL, which is past MQL:"


def test_no_verdict_yet_says_what_to_do() -> None:
    assert "paste a note" in answer_card(read_message("why?").question, None).text


def test_a_corrected_authority_changes_the_verdict() -> None:
    facts = Extraction(
        contact=Contact(seniority=Seniority.executive, department=Department.executive),
        company=Company(employees=80, industry=Industry.retail, country="IT"),
        bant=Bant(budget="confirmed", authority=Authority.decision_maker, need="faster invoicing"),
    )
    assert _verdict(facts, "en").stage is Stage.sql
    change = read_message("no, she is not the decision maker").correction.changes[0]
    facts.bant.authority = Authority(change.value)
    assert _verdict(facts, "en").stage is not Stage.sql


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [(Stage.mql, Stage.sql, "MQL -> SQL"), (None, Stage.sql, None), (Stage.sql, Stage.sql, None),
     (Stage.lead, Stage.disqualified, "LEAD -> DISQUALIFIED")],
    ids=["up", "first", "same", "down"],
)
def test_a_stage_change_is_called_out(old, new, expected) -> None:
    assert stage_change(old, new, Labels("en")) == expected


def test_a_reply_card_survives_its_payload() -> None:
    facts = _mql_facts()
    view_state = _state(facts, "pl")
    from assistant.views import NoteFacts, note_card

    card = note_card(view_state, NoteFacts(extraction=facts, extractor="rules", note_id=3), Stage.lead, MODEL, "pl")
    assert ReplyCard.from_payload(card.to_payload()) == card
    assert "Interakcje" in card.text and "odczytane przez rules" in card.text
    assert "▲ zmiana etapu: LEAD -> MQL" in card.text


def test_a_reply_stored_before_cards_still_shows() -> None:
    old = {"kind": "reply", "stage": "sql", "verdict_line": "SQL: asked for a quote today (+40); fit B 60",
           "facts": [{"field": "company.employees", "value": "150", "evidence": '"150 employees"'}],
           "interactions": [{"kind": "quote_request", "count": "1", "date": "", "evidence": "send a quote"}],
           "extractor": "rules"}
    card = ReplyCard.from_payload(old)
    assert card.head_stage == "SQL" and "company.employees: 150" in card.text and "read by rules" in card.text
