"""Turning pipeline results into what the screen shows: fact rows, reply-card payloads, rich cards.

No Textual here: plain data in, rich renderables out, so it is easy to test and reuse.
A reply card is stored as a chat message payload, so reopening a lead redraws it exactly.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from assistant.domain import Extraction, Stage, Verdict
from assistant.tui.widgets.style import STAGE_STYLE

FACT_FIELDS: tuple[str, ...] = (
    "contact.name", "contact.email", "contact.phone", "contact.job_title", "contact.seniority",
    "contact.department", "company.name", "company.industry", "company.employees",
    "company.annual_revenue", "company.currency", "company.country", "company.city",
    "lead_source", "bant.budget", "bant.budget_amount", "bant.authority", "bant.need",
    "bant.timeline_days",
)
# which fit contribution (by its rule's first word) shows the evidence of which field
_EVIDENCE_OF = {
    "contact.seniority": "seniority", "contact.job_title": "seniority",
    "contact.department": "department", "company.employees": "employees",
    "company.industry": "industry", "company.country": "country",
}


def _plain(value: Any) -> str:
    if hasattr(value, "value"):
        value = value.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def field_value(extraction: Extraction, path: str) -> Any:
    node: Any = extraction
    for part in path.split("."):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def fact_rows(extraction: Extraction, verdict: Verdict | None = None) -> list[dict[str, str]]:
    """Every known fact as {field, value, evidence}; evidence from the fit points when there is some."""
    evidence: dict[str, str] = {}
    for c in verdict.explanation.contributions if verdict else []:
        if c.axis.value == "fit" and c.evidence:
            evidence.setdefault(c.rule.split(":")[0].strip(), c.evidence)
    rows = []
    for path in FACT_FIELDS:
        value = field_value(extraction, path)
        if value is None or value == "":
            continue
        rows.append({"field": path, "value": _plain(value), "evidence": evidence.get(_EVIDENCE_OF.get(path, ""), "")})
    for d in extraction.disqualifiers:
        rows.append({"field": "disqualifier", "value": d.kind.value, "evidence": d.evidence})
    return rows


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
                row.append(f'  "{f["evidence"]}"', style="italic green")
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
        parts.append(Text(f"Dropped ({len(dropped)}, no evidence in the text)", style="bold underline"))
        for d in dropped:
            parts.append(Text(f"  {d.get('item', '?')}: {d.get('reason', '')}", style="dim red"))
    for warning in payload.get("warnings") or []:
        parts.append(Text(f"  note: {warning}", style="dim yellow"))
    source = payload.get("extractor") or "?"
    if payload.get("model"):
        source += f" · {payload['model']}"
    parts.append(Text(f"read by {source}", style="dim"))
    return Group(*parts)
