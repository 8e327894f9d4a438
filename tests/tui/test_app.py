"""The chat app driven like a rep drives it: keys, pastes, and what the screen then shows."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.tui.messages import (
    FactsCorrected,
    LeadCreated,
    LeadOpened,
    NoteQualified,
    QuestionAnswered,
)
from assistant.tui.widgets.composer import Composer
from assistant.tui.widgets.lead_card import CardItems, LeadCard
from assistant.tui.widgets.lead_list import LeadList, LeadOptions
from tests.tui.conftest import (
    Recorder,
    card_text,
    leads_text,
    send,
    settle,
    transcript_text,
    type_text,
)
from tests.tui.notes import ENGAGED_SMALL_FIT, MQL_NOTE, QUOTE_EMAIL, SECOND_LEAD

BIG = (120, 40)


async def highlight_lead(app, pilot, lead_id: int) -> None:
    """ctrl+o to the lead list, then the arrow keys down to `lead_id`."""
    await pilot.press("ctrl+o")
    ids = app.query_one(LeadList).shown_ids()
    await pilot.press("home")
    for _ in range(ids.index(lead_id)):
        await pilot.press("down")


def _stage_on_card(app) -> str:
    view = app.query_one(LeadCard).view
    assert view is not None and view.verdict is not None
    return view.verdict.stage.value


def _notes(app, lead_id: int) -> list[str]:
    return [n.text for n in app.pipeline.get_lead(lead_id).notes]


async def test_header_names_the_offline_extractor(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        assert "offline rules" in app.sub_title
        assert app.focused is app.query_one(Composer)


async def test_typed_note_shows_the_stage_on_the_card(make, recorder: Recorder) -> None:
    app = make()
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        await send(app, pilot, MQL_NOTE)
        qualified = recorder.of(NoteQualified)
        assert len(qualified) == 1
        assert qualified[0].placed.view.stage.value == "mql"
        assert _stage_on_card(app) == "mql"
        assert "MQL" in card_text(app)
        assert "MQL: engagement" in transcript_text(app)  # the one-line verdict in the reply card
        assert "Tomas Berg" in leads_text(app)
        assert app.query_one(Composer).text == ""  # sent, box cleared
        assert app.query_one(Composer).border_title == "note → Tomas Berg (Fjordlane)"


async def test_pasted_multiline_email_stays_whole(make, recorder: Recorder) -> None:
    app = make()
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        await send(app, pilot, QUOTE_EMAIL, paste=True)
        lead_id = recorder.of(NoteQualified)[0].placed.view.lead_id
        assert _notes(app, lead_id) == [QUOTE_EMAIL]  # one note, every line kept
        assert _stage_on_card(app) == "sql"
        shown = transcript_text(app)
        assert "Subject: Pricing for our team" in shown and "Thanks," in shown
        assert "SQL: asked for a quote" in shown
        assert "quote request" in shown  # the interaction found, with its evidence
        assert "Could you send us a quote" in shown


async def test_ctrl_j_adds_a_line_and_enter_sends(make, recorder: Recorder) -> None:
    app = make()
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        await type_text(pilot, "Line one")
        await pilot.press("ctrl+j")
        await type_text(pilot, "Line two")
        assert app.query_one(Composer).text == "Line one\nLine two"
        await pilot.press("enter")
        await settle(app, pilot)
        lead_id = recorder.of(NoteQualified)[0].placed.view.lead_id
        assert _notes(app, lead_id) == ["Line one\nLine two"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("why not SQL?", "Not SQL yet. Missing:"),
        ("what should I ask next?", "Ask next:"),
        ("why is this an MQL?", "It is MQL because:"),
        ("perché non è SQL?", "Non ancora SQL. Manca:"),
        ("cosa devo chiedere?", "Da chiedere:"),
        ("dlaczego to nie jest SQL?", "Jeszcze nie SQL. Brakuje:"),
        ("o co zapytać?", "O co zapytać:"),
    ],
    ids=["en-why-not", "en-next", "en-why", "it-why-not", "it-next", "pl-why-not", "pl-next"],
)
async def test_questions_are_answered_in_the_reps_language(make, recorder: Recorder, question, expected) -> None:
    app = make()
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        await send(app, pilot, MQL_NOTE, paste=True)
        await send(app, pilot, question)
        answered = recorder.of(QuestionAnswered)
        assert len(answered) == 1
        assert expected in answered[0].answered.card.text
        assert expected in transcript_text(app)
        # answered, not extracted: still one note, and no new verdict
        assert len(recorder.of(NoteQualified)) == 1
        assert len(_notes(app, app.lead_id)) == 1
        assert "Next: SQL" in card_text(app)  # the card stays in the lead's language


async def test_a_correction_changes_the_verdict(make, recorder: Recorder) -> None:
    app = make()
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        await send(app, pilot, ENGAGED_SMALL_FIT, paste=True)
        assert _stage_on_card(app) == "lead"
        await send(app, pilot, "actually they have 200 employees")
        corrected = recorder.of(FactsCorrected)
        assert len(corrected) == 1
        view = corrected[0].corrected.view
        assert view.facts.company.employees == 200
        assert "company.employees" in view.rep_fields
        assert _stage_on_card(app) == "mql"
        assert corrected[0].corrected.stage_change == "LEAD -> MQL"
        assert "LEAD -> MQL" in transcript_text(app)
        assert "Noted: employees = 200." in transcript_text(app)
        assert len(recorder.of(NoteQualified)) == 1  # the correction was not read as a note
        sources = app.pipeline.get_lead(app.lead_id).sources
        assert sources["company.employees"].evidence.quote == "actually they have 200 employees"


async def test_reopening_a_lead_restores_its_transcript_from_the_database(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        await send(app, pilot, QUOTE_EMAIL, paste=True)
        await send(app, pilot, "why?")
        first = transcript_text(app)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, SECOND_LEAD, paste=True)
        assert "Orbit Analytics" not in transcript_text(app)
    again = make()  # a new app on the same database file
    async with again.run_test(size=BIG) as pilot:
        await settle(again, pilot)
        await highlight_lead(again, pilot, 1)
        await pilot.press("enter")
        await settle(again, pilot)
        restored = transcript_text(again)
        assert "Subject: Pricing for our team" in restored
        assert "It is SQL because:" in restored
        assert restored == first


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: the LLM call fails at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_llm_failure_falls_back_to_rules_and_says_so(make, recorder: Recorder, closed_port: int) -> None:
    app = make(
        extractor="llm", llm_base_url=f"http://127.0.0.1:{closed_port}/v1", llm_max_retries=0,
        llm_timeout=3.0, llm_api_key="test-key",
    )
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        assert "LLM" in app.sub_title
        await send(app, pilot, QUOTE_EMAIL, paste=True)
        qualified = recorder.of(NoteQualified)
        assert qualified and qualified[0].placed.fell_back
        shown = transcript_text(app)
        assert "LLM failed:" in shown
        assert "offline rules extractor" in shown
        assert _stage_on_card(app) == "sql"  # the rules still read it
        assert _notes(app, app.lead_id) == [QUOTE_EMAIL]  # the note is kept
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "Reading the note again on the" in transcript_text(app)
        assert len(recorder.of(NoteQualified)) == 2
        assert _notes(app, app.lead_id) == [QUOTE_EMAIL]  # read again, not copied


async def test_ctrl_r_without_an_llm_says_why_nothing_happens(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        await send(app, pilot, SECOND_LEAD)
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = transcript_text(app)
        assert "no LLM is configured" in shown and "LEADQUAL_LLM_API_KEY" in shown


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A server that accepts and never answers, so the LLM call hangs until we cancel."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


async def test_escape_cancels_reading_and_keeps_the_note(make, silent_server: int) -> None:
    app = make(extractor="llm", llm_base_url=f"http://127.0.0.1:{silent_server}/v1", llm_max_retries=0,
               llm_timeout=2.0, llm_api_key="test-key")
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        app.query_one(Composer).load_text(SECOND_LEAD)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reading
        assert "reading..." in str(app.query_one("#status").content)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.reading
        assert "The note is saved" in transcript_text(app)
        assert [p.text for p in app.pipeline.pending_notes()] == [SECOND_LEAD]  # saved before it was read


async def test_keyboard_only_every_action(make, recorder: Recorder, tmp_path: Path) -> None:
    app = make()
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        # ctrl+n: a new, empty lead
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert len(recorder.of(LeadCreated)) == 1
        await send(app, pilot, QUOTE_EMAIL, paste=True)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, MQL_NOTE, paste=True)
        # ctrl+s cycles the sort; ctrl+f filters
        assert app.query_one(LeadList).sort == "recency"
        await pilot.press("ctrl+s")
        assert app.query_one(LeadList).sort == "stage"
        assert leads_text(app).index("Orbit") < leads_text(app).index("Tomas")  # SQL above MQL
        await pilot.press("ctrl+s")
        assert app.query_one(LeadList).sort == "score"
        await pilot.press("ctrl+f")
        await type_text(pilot, "fjord")
        assert "Tomas" in leads_text(app) and "Orbit" not in leads_text(app)
        await pilot.press("enter")  # from the filter box into the list
        assert isinstance(app.focused, LeadOptions)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.query_one(LeadCard).view.summary.name == "Tomas Berg"
        await pilot.press("ctrl+f", "ctrl+u")  # clear the filter
        assert "Orbit" in leads_text(app)
        # ctrl+t: the card's facts and interactions; x rejects an interaction and re-scores
        await pilot.press("ctrl+t")
        assert isinstance(app.focused, CardItems)
        items = app.query_one(CardItems)
        ix_index = next(i for i in range(items.option_count) if (items.get_option_at_index(i).id or "").startswith("ix:"))
        await pilot.press("home")
        for _ in range(ix_index):
            await pilot.press("down")
        await pilot.press("x")
        await settle(app, pilot)
        assert "rejected" in card_text(app)
        assert any(i.status == "rejected" for i in app.query_one(LeadCard).view.interactions)
        # e edits a fact: company.name
        items = app.query_one(CardItems)
        fact_index = next(i for i in range(items.option_count) if items.get_option_at_index(i).id == "fact:company.name")
        await pilot.press("ctrl+t", "home")
        for _ in range(fact_index):
            await pilot.press("down")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Fjordlane AS")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.query_one(LeadCard).view.facts.company.name == "Fjordlane AS"
        # escape returns to the message box; slash commands
        await pilot.press("escape")
        assert isinstance(app.focused, Composer)
        await send(app, pilot, "/why")  # the rejected download took it below the MQL bar
        shown = transcript_text(app)
        assert "It is LEAD because:" in shown and "engagement 30 (MQL needs 40)" in shown
        await send(app, pilot, "/next")
        assert "Ask next:" in transcript_text(app)
        await send(app, pilot, "/export")
        exported = json.loads((tmp_path / "exports" / "lead-2.json").read_text())
        assert exported["verdict"]["stage"] == "lead"
        assert any("Exported to" in line for line in transcript_text(app).splitlines())
        await send(app, pilot, "/rules")
        assert type(app.screen).__name__ == "TextScreen"
        await pilot.press("escape")
        await send(app, pilot, "/help")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("f1")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await send(app, pilot, "/open orbit")
        assert app.query_one(LeadCard).view.summary.company == "Orbit Analytics"
        await send(app, pilot, "/new Zofia Kram")
        assert app.query_one(LeadCard).view.summary.name == "Zofia Kram"
        # the command palette lists the actions and the leads
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
        await type_text(pilot, "Open: Tomas")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.query_one(LeadCard).view.summary.name == "Tomas Berg"
        # delete on the lead list asks, then deletes
        await highlight_lead(app, pilot, 3)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert 3 not in app.query_one(LeadList).shown_ids()
        assert len(recorder.of(LeadOpened)) >= 2


async def test_a_new_user_does_the_whole_job_by_keyboard(make, recorder: Recorder) -> None:
    """Create a lead, qualify it from a pasted note, ask why and what next, correct facts,
    and switch to another lead: keys and a paste only."""
    app = make()
    async with app.run_test(size=BIG, message_hook=recorder) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, MQL_NOTE, paste=True)
        assert _stage_on_card(app) == "mql"
        await send(app, pilot, "why is this an MQL?")
        assert "It is MQL because:" in transcript_text(app)
        await send(app, pilot, "what should I ask next?")
        assert "Ask next:" in transcript_text(app)
        await send(app, pilot, "budget is confirmed")
        await send(app, pilot, "he is the decision maker")
        await send(app, pilot, "actually the deadline is in 2 months")
        assert _stage_on_card(app) == "sql"  # BANT 3 of 4 after the corrections
        assert "MQL -> SQL" in transcript_text(app)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, SECOND_LEAD, paste=True)
        await highlight_lead(app, pilot, 1)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.query_one(LeadCard).view.summary.name == "Tomas Berg"
        assert "It is MQL because:" in transcript_text(app)
        await pilot.press("ctrl+w")
        assert isinstance(app.focused, Composer)


async def test_malformed_llm_answers_fall_back_then_retry_reads_on_the_llm(make, recorder: Recorder) -> None:
    """Against the loopback OpenAI-compatible server: the model answers garbage (every method),
    the rules read the note and the chat says why; once the model answers, ctrl+r re-reads it."""
    from tests.llm_server import answer, content, fake_llm

    with fake_llm() as server:
        server.default = content("Sorry, I cannot help with that {")  # every request, every method
        app = make(**server.settings_overrides())
        async with app.run_test(size=BIG, message_hook=recorder) as pilot:
            await settle(app, pilot)
            assert "LLM test-model" in app.sub_title
            await send(app, pilot, QUOTE_EMAIL, paste=True)
            first = recorder.of(NoteQualified)[0]
            assert first.placed.fell_back and _stage_on_card(app) == "sql"
            assert "LLM failed:" in transcript_text(app)
            assert server.chat_requests and "Could you send us a quote" in server.chat_requests[0].text
            quote = {"interactions": [{"kind": "quote_request", "count": 1, "occurred_on": None, "detail": None,
                                       "evidence": "Could you send us a quote for 40 seats?"}]}
            server.default = answer(quote)
            await pilot.press("ctrl+r")
            await settle(app, pilot)
            second = recorder.of(NoteQualified)[-1]
            assert not second.placed.fell_back
            assert "read by llm" in transcript_text(app).lower()
            assert len(_notes(app, app.lead_id)) == 1  # the same note, read again, not a copy


async def test_a_rep_lifts_a_disqualifier_in_the_chat(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "Lena Vogt, Head of Marketing at Kaltwerk (300 employees, Berlin), is a student "
                               "writing her thesis; she asked for a demo yesterday.", paste=True)
        assert _stage_on_card(app) == "disqualified"
        await send(app, pilot, "no, she is not a student")
        assert _stage_on_card(app) == "sql"
        assert "DISQUALIFIED -> SQL" in transcript_text(app)
        assert app.query_one(LeadCard).view.facts.disqualifiers == []


async def test_a_name_correction_in_polish_gives_the_nominative(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "Lumen z Krakowa, 80 pracowników: wczoraj pobrali nasz przewodnik.")
        await send(app, pilot, "właściwie rozmawiałem z Kacprem Nowakiem")
        assert app.query_one(LeadCard).view.title == "Kacper Nowak"
        assert "Kacper Nowak" in leads_text(app)
        lead = app.pipeline.get_lead(app.lead_id)
        assert lead.sources["contact.name"].evidence.quote == "właściwie rozmawiałem z Kacprem Nowakiem"
