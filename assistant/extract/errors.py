"""Typed extraction failures, each with a one-line message a rep understands."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.domain import LLMCallRecord


class ExtractionError(Exception):
    """The extractor could not read the text. The text itself is never lost by this.

    kind: a short id (timeout, rate_limit, server_error, unreachable, auth, bad_request,
    malformed, refusal, not_configured, ...); message says what happened, hint what to do;
    raw keeps the model's answer when there was one; calls every LLM call made.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        hint: str = "",
        raw: str | None = None,
        calls: Sequence[LLMCallRecord] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.hint = hint
        self.raw = raw
        self.calls = list(calls)

    @property
    def user_message(self) -> str:
        return f"{self.message} {self.hint}".strip()
