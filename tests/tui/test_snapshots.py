"""Screenshots of the screens a rep sees, compared with the accepted ones in __snapshots__.

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


def _with_a_qualified_lead(app: Any):
    async def run_before(pilot: Any) -> None:
        await settle(app, pilot)  # snap_compare calls this as soon as the app starts: let it mount
        await send(app, pilot, SECOND_LEAD)
        await pilot.press("ctrl+n")
        await send(app, pilot, QUOTE_EMAIL, paste=True)
        await send(app, pilot, "what should I ask next?")
        app.clear_notifications()  # toasts time out on a real screen; keep them out of the picture
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen_with_a_qualified_lead(make: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    app = make()
    assert snap_compare(app, terminal_size=size, run_before=_with_a_qualified_lead(app))


def test_help_screen(make: Any, snap_compare: Any) -> None:
    app = make()
    assert snap_compare(app, terminal_size=(120, 40), press=["f1"])
