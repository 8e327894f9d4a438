"""Screenshots of the screens a rep sees, at 80x24 and 120x40, compared with the accepted
ones in __snapshots__.

Regenerate after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them. Textual is pinned in pyproject.toml, since
its rendering shifts between releases; the cursor does not blink (conftest) and the clock
and the reference date are fixed, so the same code draws the same screen.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.conftest import send, settle
from tests.tui.notes import QUOTE_EMAIL, SECOND_LEAD

SIZES = pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
GIULIA = ("Giulia Ferrari, Head of Marketing at Vela (120 employees, Milano), giulia.ferrari@vela.it, "
          "attended our webinar yesterday.")
MARK = ("Mark Thompson from Bright Logistics wrote to us about pricing, mark.thompson@brightlogistics.com; "
        "he visited the pricing page today.")
ITALIAN = ("Ho sentito Giulia Ferrari, responsabile marketing di Vela, un'azienda di software di Milano con "
           "120 dipendenti. Ieri ha partecipato al nostro webinar e ha scaricato due guide.")


def _steps(app: Any, *steps: Any):
    async def run_before(pilot: Any) -> None:
        await settle(app, pilot)  # snap_compare calls this as soon as the app starts: let it mount
        for step in steps:
            await step(pilot)
        app.clear_notifications()  # toasts time out on a real screen; keep them out of the picture
        await pilot.pause()

    return run_before


def _note(text: str, *, paste: bool = True):
    async def step(pilot: Any) -> None:
        await send(pilot.app, pilot, text, paste=paste)

    return step


def _keys(*keys: str):
    async def step(pilot: Any) -> None:
        await pilot.press(*keys)
        await settle(pilot.app, pilot)

    return step


@SIZES
def test_first_start(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    assert snap_compare(app, terminal_size=size, run_before=_steps(app))


@SIZES
def test_main_screen_with_a_qualified_lead(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    steps = (_note(SECOND_LEAD, paste=False), _keys("ctrl+n"), _note(QUOTE_EMAIL), _note("what should I ask next?",
                                                                                         paste=False))
    assert snap_compare(app, terminal_size=size, run_before=_steps(app, *steps))


@SIZES
def test_the_lead_card(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    assert snap_compare(app, terminal_size=size, run_before=_steps(app, _note(QUOTE_EMAIL), _keys("ctrl+t")))


@SIZES
def test_the_lead_list_filtered(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    steps = (_note(SECOND_LEAD, paste=False), _keys("ctrl+n"), _note(QUOTE_EMAIL), _keys("ctrl+f", "o", "r", "b"))
    assert snap_compare(app, terminal_size=size, run_before=_steps(app, *steps))


@SIZES
def test_a_note_about_someone_else_asks_where_it_goes(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    assert snap_compare(app, terminal_size=size, run_before=_steps(app, _note(GIULIA), _note(MARK)))


@SIZES
def test_a_merge_shows_what_moves_first(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    steps = (_note(MARK), _keys("ctrl+n"), _note(GIULIA), _note("/merge Mark", paste=False))
    assert snap_compare(app, terminal_size=size, run_before=_steps(app, *steps))


def test_an_italian_lead_in_one_language(make: Any, snap_compare: Any) -> None:
    app = make()
    steps = (_note(ITALIAN), _note("Giulia Ferrari visited the pricing page today."))
    assert snap_compare(app, terminal_size=(120, 40), run_before=_steps(app, *steps))


@SIZES
def test_help_screen(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    assert snap_compare(app, terminal_size=size, press=["f1"])
