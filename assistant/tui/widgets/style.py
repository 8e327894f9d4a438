"""Shared looks for stages and bars, so the list, the card and the transcript agree."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text

from assistant.domain import Stage

STAGE_STYLE: dict[Stage | None, str] = {
    Stage.disqualified: "bold white on dark_red",
    Stage.lead: "bold black on grey70",
    Stage.mql: "bold black on dark_cyan",
    Stage.pql: "bold white on dark_magenta",
    Stage.sql: "bold black on green3",
    None: "black on grey35",
}

STAGE_LABEL: dict[Stage | None, str] = {
    Stage.disqualified: "DQ",
    Stage.lead: "LEAD",
    Stage.mql: "MQL",
    Stage.pql: "PQL",
    Stage.sql: "SQL",
    None: "NEW",
}


def stage_badge(stage: Stage | None, *, wide: bool = False) -> Text:
    label = "DISQUALIFIED" if wide and stage is Stage.disqualified else STAGE_LABEL[stage]
    return Text(f" {label:^4} ", style=STAGE_STYLE[stage])


def bar(value: float | None, width: int, *, style: str) -> Text:
    """A 0..100 score as a bar of `width` cells: '██████░░░░'."""
    if value is None:
        return Text("░" * width, style="grey35")
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "grey35"))


def ago(when: datetime | None, now: datetime) -> str:
    """'now', '5m', '3h', '2d' — short enough for the lead list."""
    if when is None:
        return "—"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{seconds // 60}m"
    if seconds < 86400:
        return f"{seconds // 3600}h"
    return f"{seconds // 86400}d"


def stage_label_badge(stage: Stage | None, label: str) -> Text:
    """The stage as the card writes it (in the view's language), in the stage's colour."""
    return Text(f" {label:^4} ", style=STAGE_STYLE[stage])
