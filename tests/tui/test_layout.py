"""The screen as a rep sees it in a real terminal: one pane at a time at 80x24, three at
120x40, nothing broken mid-word, the message box's keys always in sight, the chat on the
latest reply, toasts off the message box, the lead list current with other processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input
from textual.widgets._toast import Toast

from assistant.tui.widgets.composer import HINT, Composer
from assistant.tui.widgets.lead_card import LeadCard
from assistant.tui.widgets.lead_list import LeadList, LeadOptions
from assistant.tui.widgets.transcript import Transcript
from tests.tui.conftest import leads_text, screen_text, send, settle, type_text
from tests.tui.notes import MQL_NOTE, QUOTE_EMAIL, SECOND_LEAD

SMALL, BIG = (80, 24), (120, 40)
ROOT = Path(__file__).resolve().parents[2]
# a note with a budget amount, a timeline and many facts: long labels in a narrow pane
RICH_NOTE = (
    "Spoke with Helena Marsh, Head of Marketing at Copperfield Outdoor, an online retailer in Leeds with "
    "230 employees, helena.marsh@copperfield-outdoor.co.uk. Budget around 40k approved for this year; she "
    "decides; they need faster reporting and want it live within 3 months. She downloaded our guide last "
    "week and asked for a demo yesterday."
)


def _visible_panes(app) -> set[str]:
    return {pane for pane in ("leads", "transcript", "card") if app.query_one(f"#{pane}").display
            and app.query_one(f"#{pane}").region.width > 0}


async def test_at_80x24_one_pane_shows_at_a_time_with_a_switcher(make) -> None:
    app = make()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await send(app, pilot, MQL_NOTE, paste=True)
        rows = screen_text(app)
        assert any("Leads" in r and "Chat" in r and "Card" in r and "ctrl+o" in r for r in rows[:3])  # the switcher
        assert _visible_panes(app) == {"transcript"}
        assert app.query_one("#transcript").region.width == 80  # the whole width
        await pilot.press("ctrl+o")
        assert _visible_panes(app) == {"leads"}
        await pilot.press("ctrl+t")
        assert _visible_panes(app) == {"card"}
        await pilot.press("f2")
        assert _visible_panes(app) == {"leads"}
        await pilot.press("ctrl+w")
        assert _visible_panes(app) == {"transcript"} and isinstance(app.focused, Composer)


async def test_at_120x40_three_panes_side_by_side(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        assert _visible_panes(app) == {"leads", "transcript", "card"}
        assert not app.query_one("#panes").display  # no switcher needed


@pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "120x40"])
async def test_no_label_or_value_is_broken_mid_word(make, size) -> None:
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await send(app, pilot, RICH_NOTE, paste=True)
        await pilot.press("ctrl+t")
        await pilot.pause()
        card = app.query_one(LeadCard)
        view = card.view
        words = {w for item in view.items for w in f"{item.label} {item.value}".split() if len(w) > 3}
        words |= {w for row in view.bant for w in row.label.split()}
        words |= {w for row in view.points for w in row.rule.split() if len(w) > 3}
        seen: set[str] = set()

        def read() -> None:
            seen.update(w.strip("()\"',.;:") for r in screen_text(app) for w in r.replace("│", " ").split())

        card.scroll_home(animate=False)  # the head of the card first
        await pilot.pause()
        read()
        await pilot.press("ctrl+t")
        await pilot.pause()
        for _ in view.items:  # down through the facts and interactions, as a rep would
            read()
            await pilot.press("down")
        for _ in range(8):  # then the rest of the card
            read()
            card.scroll_page_down(animate=False)
            await pilot.pause()
        broken = {w for w in words if w.strip("()\"',.;:") not in seen}
        assert not broken, f"shown broken or not at all: {sorted(broken)}"


@pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "120x40"])
async def test_the_message_boxs_keys_are_always_in_sight(make, size) -> None:
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert any(HINT in r for r in screen_text(app))
        await type_text(pilot, "something half typed")  # the placeholder is gone, the keys are not
        assert any(HINT in r for r in screen_text(app))
        await pilot.press("ctrl+o")
        assert any(HINT in r for r in screen_text(app))


async def test_the_chat_follows_the_latest_reply_after_a_long_paste(make) -> None:
    app = make()
    long_note = QUOTE_EMAIL + "\n" + "\n".join(f"> quoted line {i} of an earlier thread" for i in range(80))
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await send(app, pilot, long_note, paste=True)
        await pilot.pause()
        transcript = app.query_one(Transcript)
        assert transcript.max_scroll_y > 0
        assert transcript.scroll_y == transcript.max_scroll_y  # at the bottom
        assert any("read by rules" in r for r in screen_text(app))  # the reply is on the screen
        await send(app, pilot, "what should I ask next?")
        await pilot.pause()
        assert transcript.scroll_y == transcript.max_scroll_y
        assert any("In which country" in r for r in screen_text(app))


async def test_filtering_highlights_the_first_match_and_ctrl_w_leaves_the_filter(make) -> None:
    app = make()
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        await send(app, pilot, MQL_NOTE, paste=True)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await send(app, pilot, SECOND_LEAD, paste=True)
        await pilot.press("ctrl+f")
        await type_text(pilot, "fjord")
        options = app.query_one(LeadOptions)
        assert options.highlighted == 0
        assert app.query_one(LeadList).highlighted_id() == 1  # Tomas Berg, the one match
        await pilot.press("ctrl+w")  # not eaten by the filter box (there: delete a word)
        assert isinstance(app.focused, Composer)
        assert app.query_one("#lead-filter", Input).value == "fjord"


async def test_notifications_never_cover_the_message_box(make) -> None:
    app = make()
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")  # "Leads sorted by stage."
        app.notify("A long notification that wraps over a few lines of the screen, to be sure of it")
        await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts
        composer = app.query_one(Composer).region
        for toast in toasts:
            assert not toast.region.overlaps(composer), (toast.region, composer)


async def test_the_lead_list_shows_leads_another_process_adds(make, settings) -> None:
    app = make(poll_seconds=0.2)
    async with app.run_test(size=BIG) as pilot:
        await settle(app, pilot)
        env = {**os.environ, "LEADQUAL_DATABASE_URL": settings.database_url, "LEADQUAL_EXTRACTOR": "rules",
               "LEADQUAL_CONFIG_FILE": str(Path(settings.data_dir) / "no-config.toml")}
        subprocess.run([sys.executable, "-m", "assistant", "qualify", "--save", SECOND_LEAD, "--as-of", "2026-03-16"],
                       cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
        for _ in range(200):  # until the poll has seen it (no ctrl+n, no restart)
            if "Omar Haddad" in leads_text(app):
                break
            await pilot.pause(0.05)
        assert "Omar Haddad" in leads_text(app)
