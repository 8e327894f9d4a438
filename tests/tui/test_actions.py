"""One action registry: the app's keys, the command palette, the slash commands and the help
all come from assistant/tui/actions.py, so none of them can miss an action."""

from __future__ import annotations

from assistant.tui.actions import ACTIONS, SLASH, bindings_for, keys_table, slash_table
from assistant.tui.app import LeadqualApp
from assistant.tui.screens.help import help_renderables
from assistant.tui.widgets.composer import Composer
from assistant.tui.widgets.lead_card import CardItems
from assistant.tui.widgets.lead_list import LeadOptions
from tests.tui.conftest import plain, settle


def test_every_binding_is_a_registered_action_with_a_handler() -> None:
    for owner, where in ((LeadqualApp, "anywhere"), (Composer, "message box"), (LeadOptions, "lead list"),
                         (CardItems, "lead card")):
        declared = {(b.key, b.action) for b in owner.BINDINGS}
        assert declared == {(b.key, b.action) for b in bindings_for(where)}
        for _key, action in declared:
            assert hasattr(owner, f"action_{action}"), (owner.__name__, action)


def test_every_slash_command_and_palette_entry_has_a_handler() -> None:
    for name, action in SLASH.items():
        assert hasattr(LeadqualApp, f"action_{action.name}"), name
    titled = [a for a in ACTIONS if a.title]
    assert all(hasattr(LeadqualApp, f"action_{a.name}") for a in titled)


def test_the_help_lists_every_key_and_command() -> None:
    text = "\n".join(plain(part, width=160) for part in help_renderables())
    for _where, keys, does in keys_table():
        assert keys in text and does[:30] in text
    for command, _does in slash_table():
        assert command in text


async def test_the_palette_offers_every_titled_action(make) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {a.title for a in ACTIONS if a.title} <= titles
