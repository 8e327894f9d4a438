"""The chat transcript: the rep's notes and questions, and the assistant's reply cards and answers.

It follows the latest message: anchored to the bottom, so a long pasted note and the reply
that comes after it are both scrolled into view once they are laid out.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from assistant.domain import ChatMessage
from assistant.tui.present import render_card
from assistant.views import ReplyCard

_CSS_OF = {"reply": "reply", "answer": "answer", "correction": "answer", "error": "error", "system": "system"}


class ChatEntry(Static):
    """One message; its role and card kind choose the CSS class (rep, reply, answer, error, system)."""

    DEFAULT_CSS = """
    ChatEntry { height: auto; margin: 0 0 1 0; padding: 0 1; }
    ChatEntry.rep { border-left: thick $accent; background: $boost; }
    ChatEntry.reply { border-left: thick $success; }
    ChatEntry.answer { border-left: thick $primary; }
    ChatEntry.error { border-left: thick $error; color: $text-error; }
    ChatEntry.system { color: $text-muted; }
    """

    def __init__(self, message: ChatMessage) -> None:
        if message.role == "rep":
            css, body = "rep", Text(message.text)  # Text, not markup: pasted text stays literal
        else:
            card = ReplyCard.from_payload(message.payload, message.text)
            kind = "system" if message.role == "system" else card.kind
            css, body = _CSS_OF.get(kind, "answer"), render_card(card)
        super().__init__(body, classes=css)
        self.message = message


class Transcript(VerticalScroll):
    """Renders `messages`; appending only mounts the new ones, replacing redraws all."""

    messages: reactive[list[ChatMessage]] = reactive(list, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[ChatMessage] = []
        self.can_focus = True

    def on_mount(self) -> None:
        self.border_title = "Chat"
        self.anchor()

    @staticmethod
    def _same(a: list[ChatMessage], b: list[ChatMessage]) -> bool:
        # A message shown at once (before it is saved) has no id yet; as saved it is the same
        # message. Compare what is on the screen, so reloading the transcript from the
        # database after each note mounts only the new entries instead of redrawing all.
        return all(x.role == y.role and x.text == y.text for x, y in zip(a, b, strict=True))

    async def watch_messages(self, messages: list[ChatMessage]) -> None:
        shown = self._shown
        if len(messages) >= len(shown) and self._same(messages[: len(shown)], shown):
            new = messages[len(shown):]
        else:
            await self.remove_children()
            new = messages
        self._shown = list(messages)
        if new:
            await self.mount_all(ChatEntry(m) for m in new)
        self.anchor()  # follow the newest message (again, if the rep had scrolled up)

    def append(self, message: ChatMessage) -> None:
        self.messages = [*self.messages, message]

    def extend(self, messages: list[ChatMessage]) -> None:
        """The saved messages of a reply: a message already shown (the rep's, before it was
        saved) is not shown twice."""
        current = list(self.messages)
        for m in messages:
            if current and current[-1].id is None and current[-1].role == m.role and current[-1].text == m.text:
                current[-1] = m
            else:
                current.append(m)
        self.messages = current

    def text(self) -> str:
        """The transcript as plain text (what a test or an export reads)."""
        return "\n".join(str(entry.render()) for entry in self.query(ChatEntry))
