"""Reply cards as rich renderables: the data of `views.ReplyCard`, drawn (no Textual here).

A card is stored with its chat message, so a lead reopened later is drawn exactly as it was.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from assistant.domain import Stage
from assistant.tui.widgets.style import STAGE_STYLE
from assistant.views import ReplyCard

_TONES = {"change": "bold yellow", "warning": "dim yellow", "error": "red", "info": "cyan", "muted": "dim"}


def render_card(card: ReplyCard) -> RenderableType:
    """The card: lines before the headline, the headline (its stage in the stage's colour),
    notices, sections of label / value / words, and the footer."""
    parts: list[RenderableType] = [Text(line) for line in card.intro]
    if card.head_stage or card.head:
        stage = Stage(card.stage) if card.stage in {s.value for s in Stage} else None
        if card.head_stage:
            parts.append(Text.assemble((card.head_stage, STAGE_STYLE[stage]), (": " + card.head, "bold")))
        else:
            parts.append(Text(card.head, style="bold"))
    parts.extend(Text(line) for line in card.body)
    for notice in card.notices:
        style = _TONES.get(notice.tone, "")
        if notice.tone == "error" and not notice.text.startswith(" "):
            style = "bold red"
        parts.append(Text(notice.text, style=style))
    for section in card.sections:
        parts.append(Text(section.title, style="bold underline"))
        for line in section.lines:
            row = Text("  ")
            row.append(line.label + (": " if line.value else ""), style="dim red" if line.tone == "error" else "dim")
            if line.value:
                row.append(line.value, style="dim red" if line.tone == "error" else "bold")
            if line.evidence:
                row.append(f"  {line.evidence}", style="italic dim" if line.tone == "error" else "italic green")
            if line.why:
                row.append(f" — {line.why}", style="dim red")
            parts.append(row)
    if card.footer:
        parts.append(Text(card.footer, style="dim"))
    return Group(*parts)
