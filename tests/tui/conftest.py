"""TUI test fixtures: no cursor blink, a fresh SQLite file per test, the offline rules extractor,
a fixed reference date and clock, no polling unless a test asks, and helpers that type,
paste and read the screen."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, TextArea

from assistant.config import Settings, load_settings

AS_OF = date(2026, 3, 16)
# Earlier than any row the test writes, so "last activity" always reads "now" (no drift).
FIXED_NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
LLM_ENV = ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_EXTRACTOR",
           "LEADQUAL_AZURE_ENDPOINT", "LEADQUAL_DATABASE_URL", "LEADQUAL_LANGUAGE", "LEADQUAL_SCORING_FILE")


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ by the millisecond; keep it steady."""
    for widget in (TextArea, Input):
        steady = reactive(False, init=False)
        steady.__set_name__(widget, "cursor_blink")
        monkeypatch.setattr(widget, "cursor_blink", steady)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in LLM_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LEADQUAL_CONFIG_FILE", str(tmp_path / "no-config.toml"))
    return load_settings(
        database_url=f"sqlite:///{tmp_path / 'leads.db'}", data_dir=tmp_path, extractor="rules"
    )


@pytest.fixture
def make(settings: Settings) -> Callable[..., Any]:
    """Build the app over a real Pipeline on the test's SQLite file; overrides change settings."""
    from assistant.tui.app import make_app

    def build(*, poll_seconds: float | None = None, **overrides: Any) -> Any:
        chosen = type(settings).model_validate(settings.model_dump() | overrides) if overrides else settings
        return make_app(chosen, today=lambda: AS_OF, now=lambda: FIXED_NOW, poll_seconds=poll_seconds)

    return build


class Recorder:
    """Every message the app handles, for asserting on LeadQualified, QualificationFailed..."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    def of(self, kind: type) -> list[Any]:
        return [m for m in self.messages if isinstance(m, kind)]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def plain(renderable: Any, width: int = 200) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


async def settle(app: Any, pilot: Any) -> None:
    """Wait until the pipeline worker is done and its messages are handled."""
    from textual.worker import WorkerCancelled

    for _ in range(5):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive job replaced by a newer one: wait for that one
            continue
        await pilot.pause()
        if not app.workers:
            break


async def type_text(pilot: Any, text: str) -> None:
    """Key presses, one per character, as a terminal sends them when the rep types.

    Sent in one burst (then one wait), not with pilot.press's idle wait after each key,
    which costs ~50 ms a key on a busy machine; the events and their order are the same."""
    from textual.keys import _character_to_key

    driver = pilot.app._driver
    for ch in text:
        key = ch if ch.isalnum() else _character_to_key(ch)
        event = events.Key(key, ch)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


async def send(app: Any, pilot: Any, text: str, *, paste: bool = False) -> None:
    """Type (or paste) `text` in the message box and press Enter, then wait for the reply."""
    from assistant.tui.widgets.composer import Composer

    composer = app.query_one(Composer)
    composer.focus()
    await pilot.pause()
    if paste:
        # as a terminal does: the app gets the paste and forwards it to the focused widget
        app.post_message(events.Paste(text))
        await pilot.pause()
    else:
        await type_text(pilot, text)
    await pilot.press("enter")
    await settle(app, pilot)


def transcript_text(app: Any) -> str:
    from assistant.tui.widgets.transcript import ChatEntry

    return "\n".join(plain(entry.content) for entry in app.query(ChatEntry))


def card_text(app: Any) -> str:
    from textual.widgets import Static

    from assistant.tui.widgets.lead_card import CardItems, LeadCard

    card = app.query_one(LeadCard)
    parts = [plain(s.content) for s in card.query(Static)]
    items = card.query_one(CardItems)
    parts += [plain(items.get_option_at_index(i).prompt) for i in range(items.option_count)]
    return "\n".join(parts)


def leads_text(app: Any) -> str:
    from assistant.tui.widgets.lead_list import LeadOptions

    options = app.query_one(LeadOptions)
    return "\n".join(plain(options.get_option_at_index(i).prompt) for i in range(options.option_count))


def screen_text(app: Any) -> list[str]:
    """The screen as a terminal shows it, one string a row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def choose(app: Any, pilot: Any, key: str) -> None:
    """Answer the dialog on screen with `key` and wait for what it starts."""
    await pilot.press(key)
    await settle(app, pilot)
