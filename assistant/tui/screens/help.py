"""The help screen: every key, every slash command (both from the action registry), and what
a rep can type in the chat."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant.tui.actions import CHAT_EXAMPLES, keys_table, slash_table


def help_renderables() -> list[Table | Text]:
    keys = Table(title="Keys", title_justify="left", expand=True, show_edge=False)
    keys.add_column("where", style="dim", no_wrap=True)
    keys.add_column("key", style="bold cyan", no_wrap=True)
    keys.add_column("does")
    for where, key, does in keys_table():  # Text, not markup: "[name]" is shown as written
        keys.add_row(Text(where), Text(key), Text(does))
    commands = Table(title="Slash commands (type in the message box; also in the palette, ctrl+p)",
                     title_justify="left", expand=True, show_edge=False)
    commands.add_column("command", style="bold cyan", no_wrap=True)
    commands.add_column("does")
    for command, does in slash_table():
        commands.add_row(Text(command), Text(does))
    chat = Text("In the chat: a note is read and scored; a question is answered; a short correction sets a fact.\n",
                style="bold")
    for example in CHAT_EXAMPLES:
        chat.append(f"  {example}\n", style="italic")
    return [keys, commands, chat]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "leadqual help"
            body.border_subtitle = "escape closes"
            for part in help_renderables():
                yield Static(part)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
