"""The chat service over a real database and the offline rules extractor: corrections in
three languages keep the rep's words, a lead's views keep one language, a note costs at
most three transactions and fifteen statements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa

from assistant.config import Settings
from assistant.pipeline import Pipeline
from assistant.service import ChatService, FactsCorrected, NotePlaced, PlacementAsked
from tests.storage.helpers import lead_rows

AS_OF = date(2026, 3, 16)
ITALIAN = ("Ho sentito Giulia Ferrari, responsabile marketing di Vela, un'azienda di software di Milano con "
           "120 dipendenti. Ieri ha partecipato al nostro webinar e ha chiesto un preventivo.")
ENGLISH_FOLLOW_UP = "Giulia Ferrari visited the pricing page today and downloaded the ROI guide."
POLISH = ("Rozmawiałem z Kacprem Nowakiem, kierownikiem sprzedaży w firmie Lumen z Krakowa, 80 pracowników. "
          "Wczoraj pobrał nasz przewodnik.")


def _service(settings: Settings, **overrides) -> ChatService:
    chosen = settings.model_copy(update=overrides) if overrides else settings
    return ChatService(Pipeline.open(chosen), chosen, today=lambda: AS_OF)


@pytest.fixture
def service(settings: Settings) -> Iterator[ChatService]:
    svc = _service(settings)
    yield svc
    svc.pipeline.close()


def _placed(result) -> NotePlaced:
    assert isinstance(result, NotePlaced), result
    return result


def _correct(service: ChatService, lead_id: int, text: str) -> FactsCorrected:
    reading = service.read(text)
    assert reading.correction is not None, text
    return service.correct(text, lead_id, reading.correction)


def test_the_card_keeps_the_language_of_the_leads_first_note(service: ChatService) -> None:
    first = _placed(service.note(ITALIAN, None))
    assert first.view.lang == "it" and first.view.next_text.startswith("Fase più alta")
    again = _placed(service.note(ENGLISH_FOLLOW_UP, first.view.lead_id))
    assert again.view.lang == "it"  # an English note does not switch the card
    assert again.card.lang == "it" and "Interazioni" in again.card.text
    assert service.pipeline.get_lead(first.view.lead_id).verdict.explanation.reason.startswith("SQL: richiesta")


def test_the_reps_chosen_language_wins(settings: Settings) -> None:
    svc = _service(settings, language="pl")
    try:
        placed = _placed(svc.note(ITALIAN, None))
        assert placed.view.lang == "pl" and placed.view.next_text.startswith("Najwyższy etap")
        question = svc.read("why not SQL?").question
        answered = svc.question("why not SQL?", placed.view.lead_id, question)
        assert answered.card.lang == "pl"
    finally:
        svc.pipeline.close()


def test_a_question_is_answered_in_its_language_and_the_card_stays(service: ChatService) -> None:
    placed = _placed(service.note(ENGLISH_FOLLOW_UP, None))
    answered = service.question("cosa devo chiedere?", placed.view.lead_id, service.read("cosa devo chiedere?").question)
    assert answered.card.body[0] == "Da chiedere:"
    assert service.open(placed.view.lead_id).view.lang == "en"


@pytest.mark.parametrize(
    ("text", "path", "value"),
    [
        ("actually his name is Kacper Nowak", "contact.name", "Kacper Nowak"),
        ("właściwie rozmawiałem z Kacprem Nowakiem", "contact.name", "Kacper Nowak"),
        ("in realtà si chiama Giulia Bianchi", "contact.name", "Giulia Bianchi"),
        ("actually they have 300 employees", "company.employees", 300),
        ("in realtà sono 300 dipendenti", "company.employees", 300),
        ("właściwie mają 300 pracowników", "company.employees", 300),
        ("actually they are based in Munich", "company.country", "DE"),
        ("in realtà hanno sede a Torino", "company.country", "IT"),
        ("właściwie to firma z Niemiec", "company.country", "DE"),
        ("no, she is not the decision maker", "bant.authority", "influencer"),
        ("in realtà decide lui", "bant.authority", "decision_maker"),
        ("właściwie on decyduje", "bant.authority", "decision_maker"),
    ],
)
def test_a_correction_sets_the_fact_with_the_reps_words(service: ChatService, text: str, path: str, value) -> None:
    lead = _placed(service.note(POLISH, None)).view.lead_id
    corrected = _correct(service, lead, text)
    detail = service.pipeline.get_lead(lead)
    group, _, name = path.rpartition(".")
    got = getattr(getattr(detail.facts, group), name)
    assert getattr(got, "value", got) == value
    assert path in detail.rep_fields  # a later note does not change it
    assert detail.sources[path].evidence.quote == text  # the rep's words are its evidence
    assert corrected.added[0].text == text and corrected.added[0].role == "rep"


@pytest.mark.parametrize(
    ("text", "title", "seniority", "department"),
    [
        ("actually she is the CFO", "CFO", "executive", "finance"),
        ("in realtà è il direttore commerciale", "direttore commerciale", "director", "sales"),
        ("właściwie jest dyrektorem marketingu", "dyrektor marketingu", "director", "marketing"),
    ],
)
def test_a_corrected_title_re_reads_seniority_and_department(service: ChatService, text, title, seniority,
                                                             department) -> None:
    lead = _placed(service.note(POLISH, None)).view.lead_id
    assert service.pipeline.get_lead(lead).facts.contact.seniority.value == "manager"
    _correct(service, lead, text)
    contact = service.pipeline.get_lead(lead).facts.contact
    assert (contact.job_title, contact.seniority.value, contact.department.value) == (title, seniority, department)
    sources = service.pipeline.get_lead(lead).sources
    assert sources["contact.seniority"].evidence.via == "contact.job_title"


def test_not_a_student_lifts_only_that_disqualifier(service: ChatService) -> None:
    placed = _placed(service.note("Lena Vogt, Head of Marketing at Kaltwerk (300 employees, Berlin), is a student "
                                  "writing her thesis and also works for a competitor; she asked for a demo.", None))
    kinds = {d.kind.value for d in service.pipeline.get_lead(placed.view.lead_id).facts.disqualifiers}
    assert "student" in kinds
    corrected = _correct(service, placed.view.lead_id, "in realtà non è uno studente")
    left = {d.kind.value for d in service.pipeline.get_lead(placed.view.lead_id).facts.disqualifiers}
    assert left == kinds - {"student"}  # any other disqualifier still holds
    assert corrected.added[0].text == "in realtà non è uno studente"


def test_name_here_names_a_new_lead(service: ChatService) -> None:
    placed = _placed(service.note("Sofia Rossi here: we are 40 people and would like a quote.", None))
    assert placed.view.title == "Sofia Rossi"
    assert placed.view.summary.name == "Sofia Rossi"


def test_a_note_costs_three_transactions_and_fifteen_statements(service: ChatService) -> None:
    lead = _placed(service.note(ITALIAN, None)).view.lead_id
    statements: list[str] = []
    begins: list[int] = []
    sa.event.listen(service.pipeline.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    sa.event.listen(service.pipeline.engine, "begin", lambda *a: begins.append(1))
    _placed(service.note(ENGLISH_FOLLOW_UP, lead))
    assert len(begins) <= 3
    assert len(statements) <= 15, "\n".join(s.split("\n")[0] for s in statements)


def test_someone_elses_note_asks_in_three_transactions_and_writes_nothing(service: ChatService) -> None:
    lead = _placed(service.note(ITALIAN, None)).view.lead_id
    before = lead_rows(service.pipeline.engine)
    begins: list[int] = []
    sa.event.listen(service.pipeline.engine, "begin", lambda *a: begins.append(1))
    asked = service.note(POLISH, lead)
    asking = len(begins)
    assert isinstance(asked, PlacementAsked)
    assert lead_rows(service.pipeline.engine) == before
    assert [o.choice for o in asked.options][asked.default] == "new"  # the default loses nothing
    begins.clear()
    placed = _placed(service.place(asked.pending_id, "new"))
    assert asking + len(begins) <= 3
    assert placed.view.summary.name == "Kacper Nowak" and placed.new_lead


def test_the_merge_preview_is_in_the_reps_language(settings: Settings) -> None:
    svc = _service(settings, language="it")
    try:
        giulia = _placed(svc.note(ITALIAN, None)).view.lead_id
        kacper = _placed(svc.place(svc.note(POLISH, giulia).pending_id, "new")).view.lead_id
        preview = svc.merge_preview(kacper, giulia)
        assert preview.title == "Unisci due lead"
        assert preview.lines[0] == f"Unire il lead #{kacper} Kacper Nowak (Lumen) a #{giulia} Giulia Ferrari (Vela)?"
        assert any(line.startswith(f"Tiene i valori di #{giulia}: nome Giulia Ferrari (non Kacper Nowak)")
                   for line in preview.lines)
    finally:
        svc.pipeline.close()
