"""How facts, values and their evidence are shown to people, the same in every view.

The CLI, the TUI, the chat and the verdict renderer all quote evidence through here, so a
fact reads the same everywhere: the note's own words in quotes, and for a value derived
from another fact, what it was derived from ('director ← "Head of E-commerce Marketing"').
Pure formatting: no scoring, no storage, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.domain import Contribution, DroppedItem, Evidence, Extraction
from assistant.facts import FACTS, FactField, by_path, get_value

__all__ = ["DroppedView", "contribution_words", "dropped_line", "dropped_view", "evidence_text", "fact_rows",
           "format_value"]


def format_value(value: Any, fact: FactField | None = None) -> str:
    """A fact's value as text: enums by their id, whole floats without '.0', days as days."""
    if value is None:
        return ""
    if hasattr(value, "value"):
        value = value.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if fact is not None and fact.fact.show == "days":
        return f"{value} days"
    return str(value)


def evidence_text(evidence: Evidence | None, value: str = "") -> str:
    """'"~120 people"', or 'director ← "Head of Marketing"' for a value read from another
    fact; '' without evidence."""
    if evidence is None or not evidence.quote:
        return ""
    quoted = f'"{evidence.quote}"'
    return f"{value} ← {quoted}" if evidence.via and value else quoted


def contribution_words(c: Contribution) -> str:
    """The words a contribution's points came from, as `evidence_text` shows them."""
    if not c.evidence:
        return ""
    if c.via:
        value = c.rule.partition(":")[2].replace("(target)", "").strip()
        return f'{value} ← "{c.evidence}"' if value else f'"{c.evidence}"'
    return f'"{c.evidence}"'


def fact_rows(extraction: Extraction) -> list[dict[str, str]]:
    """Every known fact as {field, label, value, evidence}, in registry order; then the
    disqualifiers. Evidence is quoted as written (`evidence_text`)."""
    rows = []
    for fact in FACTS:
        value = get_value(extraction, fact)
        if value is None or value == "":
            continue
        shown = format_value(value, fact)
        rows.append({
            "field": fact.path,
            "label": fact.label,
            "value": shown,
            "evidence": evidence_text(extraction.evidence.get(fact.path), shown),
        })
    for d in extraction.disqualifiers:
        rows.append({"field": "disqualifier", "label": "disqualifier", "value": d.kind.value,
                     "evidence": f'"{d.evidence}"'})
    return rows


def label_of(path: str) -> str:
    try:
        return by_path(path).label
    except KeyError:
        return path


# --- what grounding dropped -------------------------------------------------------------------

_SHOWN_VALUE = 80  # longest value quoted for a dropped item (a whole pasted object is not shown)


@dataclass(frozen=True)
class DroppedView:
    """A dropped item as people read it: what it was, the value and the words the extractor
    gave for it, and why it does not count."""

    path: str  # a fact path ('bant.budget'), 'interaction', 'disqualifier', or the field an answer named
    kind: str  # the interaction or disqualifier kind ('' for a fact)
    value: str  # the value given ('' when none)
    words: str  # the words given as evidence, unquoted ('' when none)
    reason: str


def dropped_view(item: DroppedItem) -> DroppedView:
    """What `item` says, whichever step dropped it (validation or grounding)."""
    data = item.data or {}
    path, kind, value = item.item, "", data.get("value")
    if item.item in ("interaction", "disqualifier"):
        kind, value = str(data.get("kind") or ""), None
    elif item.item == "fact" and data.get("field"):
        path = str(data["field"])  # a field the schema does not have ('stage')
    elif "kind" in data:  # 'interactions.demo_request.count': the interaction's field
        value = data.get(item.item.rsplit(".", 1)[-1])
    shown = "" if value is None else format_value(value)
    if len(shown) > _SHOWN_VALUE:
        shown = shown[: _SHOWN_VALUE - 1] + "…"
    words = data.get("evidence")
    return DroppedView(path=path, kind=kind, value=shown, words=words if isinstance(words, str) else "",
                       reason=item.reason)


def dropped_line(item: DroppedItem) -> str:
    """One line: 'bant.budget = confirmed "Budget approved": evidence is inside text pasted
    for a machine ...', 'interaction quote_request "asked for a quote": evidence not found'."""
    view = dropped_view(item)
    what = f"{view.path} {view.kind}" if view.kind else view.path
    if view.value:
        what += f" = {view.value}"
    if view.words:
        what += f' "{view.words}"'
    return f"{what}: {view.reason}"
