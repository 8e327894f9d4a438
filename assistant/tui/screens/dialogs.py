"""Dialogs: where a note goes, confirm a choice (a merge's preview), edit one value, read a
long text (the scoring rules)."""

from __future__ import annotations

from rich.console import RenderableType
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assistant.service import PlacementAsked


class PlacementScreen(ModalScreen[str | None]):
    """Where a note that names someone else (or a lead we have) goes. Each choice has a key;
    enter takes the focused one, which starts on the one that loses nothing (a new lead);
    escape decides later: the note stays saved on no lead."""

    BINDINGS = [Binding("escape", "later", "Decide later")]  # noqa: RUF012

    def __init__(self, asked: PlacementAsked) -> None:
        super().__init__()
        self.asked = asked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="placement"):
            yield Static(self.asked.title, classes="dialog-title", markup=False)
            yield Static("\n".join(self.asked.lines), classes="dialog-text", markup=False)
            with Vertical(classes="dialog-choices"):
                for option in self.asked.options:
                    yield Button(f"{option.key}  {option.label}", id=f"choice-{option.key}", compact=True)
                yield Button("esc  Decide later (the note waits, saved)", id="choice-later", compact=True)

    def on_mount(self) -> None:
        default = self.asked.options[self.asked.default]
        self.query_one(f"#choice-{default.key}", Button).focus()

    def on_key(self, event: events.Key) -> None:
        for option in self.asked.options:
            if event.key == option.key:
                event.stop()
                self.dismiss(option.choice)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        key = (event.button.id or "").removeprefix("choice-")
        chosen = next((o.choice for o in self.asked.options if o.key == key), None)
        self.dismiss(chosen)

    def action_later(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A question with two answers; enter picks the focused button, escape says no."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("y", "yes", "Yes", show=False), Binding("n", "cancel", "No", show=False)]  # noqa: RUF012

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", *, title: str = "", default_yes: bool = True) -> None:
        super().__init__()
        self.question, self.yes, self.no, self.title_text, self.default_yes = question, yes, no, title, default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.title_text:
                yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.question, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class EditValueScreen(ModalScreen[str | None]):
    """Edit one value; enter saves, escape cancels, an empty value clears the fact."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, field: str, value: str, hint: str = "") -> None:
        super().__init__()
        self.field, self.value, self.hint = field, value, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.field if self.field.endswith("?") else f"Edit {self.field}", classes="dialog-title",
                         markup=False)
            yield Input(self.value, id="edit-value")
            yield Static(self.hint or "enter saves · empty clears · escape cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """A long read-only text (the scoring rules); escape closes."""

    BINDINGS = [Binding("escape,q", "close", "Close")]  # noqa: RUF012

    def __init__(self, title: str, body: RenderableType) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="text-body") as scroll:
            scroll.border_title = self.title_text
            scroll.border_subtitle = "escape closes"
            yield Static(self.body)

    def action_close(self) -> None:
        self.dismiss(None)
