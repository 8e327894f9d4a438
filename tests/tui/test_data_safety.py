"""A note is never applied to the wrong lead, and merging leads is explicit and undoable:
driven by keys on a real SQLite file, checking every stored row of every lead.

Until the rep answers, every lead is as it was (its row, notes, facts with their words,
interactions, verdicts, transcript); whatever the rep answers, the note ends up on exactly
one lead and no rep correction is lost.
"""

from __future__ import annotations

from typing import Any

from assistant.tui.screens.dialogs import ConfirmScreen, PlacementScreen
from tests.storage.helpers import lead_rows
from tests.tui.conftest import choose, screen_text, send, settle, transcript_text

BIG = (120, 40)
GIULIA = ("Giulia Ferrari, Head of Marketing at Vela (120 employees, Milano), giulia.ferrari@vela.it, "
          "attended our webinar yesterday.")
MARK = ("Mark Thompson from Bright Logistics wrote to us about pricing, mark.thompson@brightlogistics.com; "
        "he visited the pricing page today and asked for a quote.")
KACPER = "Kacper Nowak from Lumen is a student writing his thesis; he downloaded our guide yesterday."
FOLLOW_UP = "Follow-up from giulia.ferrari@vela.it: she asked for a demo for next week."


def _rows(app: Any) -> dict[str, list[dict[str, Any]]]:
    return lead_rows(app.pipeline.engine)


def _lead(app: Any, name: str) -> Any:
    return next(s for s in app.pipeline.list_leads() if s.name == name)


def _everywhere(app: Any, text: str) -> list[int]:
    """The leads that hold this note (it must be exactly one), and none is left pending."""
    holders = [s.id for s in app.pipeline.list_leads()
               if text in [n.text for n in app.pipeline.get_lead(s.id).notes]]
    assert app.pipeline.pending_notes() == []
    return holders


async def _giulia_with_a_correction(app: Any, pilot: Any) -> int:
    await send(app, pilot, GIULIA, paste=True)
    await send(app, pilot, "actually she is the CMO")  # a rep's correction that must survive
    giulia = _lead(app, "Giulia Ferrari").id
    assert app.pipeline.get_lead(giulia).facts.contact.job_title == "CMO"
    return giulia


async def test_a_note_about_someone_else_waits_for_the_rep_and_a_new_lead_loses_nothing(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        giulia = await _giulia_with_a_correction(app, pilot)
        before = _rows(app)

        await send(app, pilot, MARK, paste=True)
        assert isinstance(app.screen, PlacementScreen)
        shown = "\n".join(screen_text(app))
        assert "Mark Thompson (Bright Logistics), not Giulia Ferrari (Vela)" in shown
        assert "Nothing goes into any lead until you choose" in shown
        assert _rows(app) == before  # nothing written to any lead while asked
        assert [p.text for p in app.pipeline.pending_notes()] == [MARK]  # but the words are saved

        await pilot.press("escape")  # decide later: still nothing on any lead, the note waits
        await settle(app, pilot)
        assert _rows(app) == before and len(app.pipeline.pending_notes()) == 1
        assert "waits on no lead" in transcript_text(app)

        await send(app, pilot, "/pending")  # asked again
        assert isinstance(app.screen, PlacementScreen)
        assert _rows(app) == before
        await pilot.press("enter")  # the default: a new lead, which loses nothing
        await settle(app, pilot)

        mark = _lead(app, "Mark Thompson")
        assert _everywhere(app, MARK) == [mark.id]
        assert app.current.lead_id == mark.id and "Bright Logistics" in app.current.summary.label
        after = _rows(app)
        for table in ("lead", "note", "fact_change", "verdict", "interaction", "chat_message"):
            mine = [r for r in after[table] if r.get("lead_id", r.get("id")) == giulia]
            was = [r for r in before[table] if r.get("lead_id", r.get("id")) == giulia]
            assert mine == was, table  # Giulia exactly as she was
        assert app.pipeline.get_lead(giulia).facts.contact.job_title == "CMO"


async def test_adding_someone_elses_note_to_this_lead_keeps_who_the_lead_is(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        giulia = await _giulia_with_a_correction(app, pilot)
        await send(app, pilot, MARK, paste=True)
        assert isinstance(app.screen, PlacementScreen)
        await choose(app, pilot, "t")  # the rep says: it belongs here all the same
        lead = app.pipeline.get_lead(giulia)
        assert (lead.summary.name, lead.summary.company, lead.summary.email) == (
            "Giulia Ferrari", "Vela", "giulia.ferrari@vela.it")  # not Mark, not Bright Logistics
        assert lead.facts.contact.job_title == "CMO"  # the correction stands
        assert _everywhere(app, MARK) == [giulia]
        assert "Kept this lead's name, email, company; the note says Mark Thompson" in transcript_text(app)


async def test_a_follow_up_with_another_leads_email_goes_to_that_lead_and_merges_nothing(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        giulia = await _giulia_with_a_correction(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, KACPER, paste=True)
        kacper = _lead(app, "Kacper Nowak").id
        assert app.current.lead_id == kacper and app.current.stage.value == "disqualified"
        before = _rows(app)

        await send(app, pilot, FOLLOW_UP, paste=True)  # typed into Kacper's lead, about Giulia
        assert isinstance(app.screen, PlacementScreen)
        shown = "\n".join(screen_text(app))
        assert f"#{giulia} Giulia Ferrari (Vela)" in shown
        assert _rows(app) == before
        await choose(app, pilot, "e")  # the existing lead the note names

        assert _everywhere(app, FOLLOW_UP) == [giulia]
        giulia_now = app.pipeline.get_lead(giulia)
        assert giulia_now.summary.stage.value != "disqualified"  # not Kacper's student flag
        assert giulia_now.facts.contact.job_title == "CMO"
        after = _rows(app)
        assert [r for r in after["lead"] if r["id"] == kacper] == [r for r in before["lead"] if r["id"] == kacper]
        assert [r for r in after["note"] if r["lead_id"] == kacper] == [r for r in before["note"] if r["lead_id"] == kacper]
        assert app.current.lead_id == giulia  # the app shows where the note went
        assert FOLLOW_UP in transcript_text(app)


async def test_a_duplicate_in_a_new_lead_asks_and_the_existing_lead_keeps_everything(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        giulia = await _giulia_with_a_correction(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        empty = app.current.lead_id
        before = _rows(app)
        await send(app, pilot, "Giulia Ferrari from Vela called back: she wants a quote for 20 seats.", paste=True)
        assert isinstance(app.screen, PlacementScreen)
        assert _rows(app) == before
        await choose(app, pilot, "e")
        assert _everywhere(app, "Giulia Ferrari from Vela called back: she wants a quote for 20 seats.") == [giulia]
        assert app.pipeline.get_lead(empty).notes == []  # the empty lead got nothing
        assert app.pipeline.get_lead(giulia).facts.contact.job_title == "CMO"


async def test_merging_shows_what_moves_first_and_undo_puts_both_leads_back(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        giulia = await _giulia_with_a_correction(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, KACPER, paste=True)
        kacper = _lead(app, "Kacper Nowak").id
        await send(app, pilot, "actually they have 30 employees")  # his correction must survive the undo
        await send(app, pilot, f"/open #{giulia}")
        assert app.current.lead_id == giulia
        before = _rows(app)

        await send(app, pilot, "/merge Kacper")
        assert isinstance(app.screen, ConfirmScreen)
        shown = "\n".join(screen_text(app))
        assert f"Merge lead #{kacper} Kacper Nowak" in shown and "Moves: 1 note(s)" in shown
        assert "Adds disqualifiers: student" in shown
        assert _rows(app) == before  # a preview writes nothing
        await pilot.press("enter")  # the focused answer is Cancel
        await settle(app, pilot)
        assert _rows(app) == before and "Nothing merged." in transcript_text(app)

        await send(app, pilot, "/merge Kacper")
        await choose(app, pilot, "y")
        ids = [s.id for s in app.pipeline.list_leads()]
        assert kacper not in ids
        assert len(app.pipeline.get_lead(giulia).notes) == 2
        assert "/undo puts both leads back" in transcript_text(app)

        await send(app, pilot, "/undo")
        assert _rows(app) == before  # every row back, with its id: facts, words, notes, verdicts, chats
        assert "Undid the merge" in transcript_text(app)
        assert app.pipeline.get_lead(kacper).facts.company.employees == 30


async def test_undo_after_a_new_note_refuses_and_loses_nothing(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        giulia = await _giulia_with_a_correction(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, KACPER, paste=True)
        await send(app, pilot, f"/open #{giulia}")
        await send(app, pilot, "/merge Kacper")
        await choose(app, pilot, "y")
        await send(app, pilot, "Giulia Ferrari asked for a quote today.")
        before = _rows(app)
        await send(app, pilot, "/undo")
        assert "changed after the merge" in transcript_text(app)
        assert _rows(app) == before


async def test_a_note_left_waiting_at_quit_is_offered_again_on_the_next_start(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        giulia = await _giulia_with_a_correction(app, pilot)
        await send(app, pilot, MARK, paste=True)
        assert isinstance(app.screen, PlacementScreen)
        before = _rows(app)
    # the app is gone (a quit, a crash) while it asked: the note waits, saved, on no lead
    again = make()
    async with again.run_test(size=BIG) as pilot:
        await settle(again, pilot)
        assert _rows(again) == before
        assert "1 note(s) saved earlier are on no lead yet: /pending places them." in transcript_text(again)
        await send(again, pilot, "/pending")
        assert isinstance(again.screen, PlacementScreen)
        await choose(again, pilot, "n")
        assert _everywhere(again, MARK) == [_lead(again, "Mark Thompson").id]
        assert again.pipeline.get_lead(giulia).facts.contact.job_title == "CMO"


async def test_clearing_a_disqualifier_on_the_card_says_which(make) -> None:
    from assistant.tui.widgets.lead_card import CardItems

    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        await send(app, pilot, KACPER, paste=True)
        await pilot.press("ctrl+t")
        items = app.query_one(CardItems)
        index = next(i for i in range(items.option_count) if items.get_option_at_index(i).id == "dq:student")
        await pilot.press("home")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("x")
        await settle(app, pilot)
        assert app.pipeline.get_lead(app.lead_id).facts.disqualifiers == []
        assert "disqualifier student: cleared" in transcript_text(app)
