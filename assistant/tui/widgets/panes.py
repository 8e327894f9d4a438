"""The pane switcher shown below 100 columns, where one pane shows at a time: which pane is
in view, and the keys that bring up each. A click on a name switches to it too."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

PANES = (("leads", "Leads", "ctrl+o"), ("chat", "Chat", "ctrl+w"), ("card", "Card", "ctrl+t"))


class PaneBar(Static):
    DEFAULT_CSS = """
    PaneBar { height: 1; padding: 0 1; background: $boost; }
    """

    pane: reactive[str] = reactive("chat")

    @dataclass
    class Chosen(Message):
        pane: str

    def render(self) -> Text:
        text = Text()
        self._spans: list[tuple[int, int, str]] = []
        for i, (name, label, key) in enumerate(PANES):
            if i:
                text.append("  │  ", style="dim")
            start = len(text)
            active = name == self.pane
            text.append(f" {label} ", style="bold reverse" if active else "bold")
            text.append(f" {key}", style="dim")
            self._spans.append((start, len(text), name))
        text.append("   f2 next", style="dim")
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, name in getattr(self, "_spans", []):
            if start <= event.x - 1 < end:
                self.post_message(self.Chosen(name))
                return
