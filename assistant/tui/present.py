"""Turning pipeline results into what the screen shows: fact rows, reply-card payloads, rich cards.

No Textual here: plain data in, rich renderables out, so it is easy to test and reuse.
A reply card is stored as a chat message payload, so reopening a lead redraws it exactly.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from assistant.domain import Extraction, Stage, Verdict
from assistant.present import fact_rows as shared_fact_rows
from assistant.tui.widgets.style import STAGE_STYLE


def fact_rows(extraction: Extraction, verdict: Verdict | None = None) -> list[dict[str, str]]:
    """Every known fact as {field, value, evidence}, evidence quoted as written."""
    return shared_fact_rows(extraction)


def interaction_rows(extraction: Extraction) -> list[dict[str, str]]:
    return [
        {
            "kind": i.kind.value,
            "count": str(i.count),
            "date": i.occurred_on.isoformat() if i.occurred_on else "",
            "detail": i.detail or "",
            "evidence": i.evidence,
        }
        for i in extraction.interactions
    ]


def reply_payload(
    *,
    extraction: Extraction,
    verdict: Verdict,
    line: str,
    stage_change: str | None,
    extractor: str,
    model: str | None,
    dropped: list[dict[str, str]],
    fell_back: str | None,
    note_id: int | None,
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "kind": "reply",
        "note_id": note_id,
        "stage": verdict.stage.value,
        "verdict_line": line,
        "stage_change": stage_change,
        "extractor": extractor,
        "model": model,
        "fell_back": fell_back,
        "facts": fact_rows(extraction, verdict),
        "interactions": interaction_rows(extraction),
        "dropped": dropped,
        "warnings": warnings or [],
    }


def render_reply(payload: dict[str, Any]) -> RenderableType:
    """The reply card: verdict line, stage change, what was found with evidence, what was dropped."""
    stage = Stage(payload["stage"]) if payload.get("stage") else None
    line = payload.get("verdict_line", "")
    head, sep, rest = line.partition(": ")
    # the stage word in the one-line verdict wears the stage's colour, as on the card
    parts: list[RenderableType] = [
        Text.assemble((head, STAGE_STYLE[stage]), (sep + rest, "bold")) if sep else Text(line, style="bold")
    ]
    if payload.get("stage_change"):
        parts.append(Text(f"▲ stage changed: {payload['stage_change']}", style="bold yellow"))
    if payload.get("fell_back"):
        parts.append(Text(f"⚠ LLM failed: {payload['fell_back']}", style="bold red"))
        parts.append(Text("  read with the offline rules extractor instead; ctrl+r retries on the LLM", style="red"))
    facts = payload.get("facts") or []
    if facts:
        parts.append(Text("Facts", style="bold underline"))
        for f in facts:
            row = Text.assemble(("  " + f["field"] + ": ", "dim"), (f["value"], "bold"))
            if f.get("evidence"):
                row.append(f'  {f["evidence"]}', style="italic green")
            parts.append(row)
    interactions = payload.get("interactions") or []
    if interactions:
        parts.append(Text("Interactions", style="bold underline"))
        for i in interactions:
            count = f" x{i['count']}" if i.get("count") not in (None, "1") else ""
            row = Text.assemble(("  " + i["kind"] + count, "bold"), (f" {i['date']}" if i.get("date") else " (no date)", "dim"))
            row.append(f'  "{i["evidence"]}"', style="italic green")
            parts.append(row)
    if not facts and not interactions:
        parts.append(Text("  nothing new found in this note", style="dim"))
    dropped = payload.get("dropped") or []
    if dropped:
        parts.append(Text(f"Dropped ({len(dropped)}, not supported by the note's words)", style="bold underline"))
        for d in dropped:
            parts.append(Text(f"  {d.get('item', '?')}: {d.get('reason', '')}", style="dim red"))
    for warning in payload.get("warnings") or []:
        parts.append(Text(f"  note: {warning}", style="dim yellow"))
    source = payload.get("extractor") or "?"
    if payload.get("model"):
        source += f" · {payload['model']}"
    parts.append(Text(f"read by {source}", style="dim"))
    return Group(*parts)
