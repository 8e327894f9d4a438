"""The message box: multi-line, Enter sends, ctrl+j (or shift+enter where the terminal reports it)
adds a line. Its keys are written in its border, so they are always in sight."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from assistant.tui.actions import bindings_for

HINT = "enter sends · ctrl+j new line"


class Composer(TextArea):
    """A TextArea that sends on Enter. A pasted email arrives as one paste and stays whole."""

    BINDINGS = bindings_for("message box")

    DEFAULT_CSS = """
    Composer {
        height: auto;
        min-height: 3;
        max-height: 10;
    }
    """

    @dataclass
    class Submitted(Message):
        composer: Composer
        text: str

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=placeholder,
            compact=True,
        )

    def on_mount(self) -> None:
        self.border_subtitle = HINT

    async def _on_key(self, event: events.Key) -> None:
        # Enter sends; every other key keeps TextArea's behaviour (its handler runs next).
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))

    def action_newline(self) -> None:
        start, end = self.selection
        self._replace_via_keyboard("\n", start, end)

    def action_newline_alt(self) -> None:
        self.action_newline()
