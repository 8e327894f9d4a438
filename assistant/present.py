"""How facts, values and their evidence are shown to people, the same in every view.

The CLI, the TUI, the chat and the verdict renderer all quote evidence through here, so a
fact reads the same everywhere: the note's own words in quotes, and for a value derived
from another fact, what it was derived from ('director ← "Head of E-commerce Marketing"').
Pure formatting: no scoring, no storage, no Textual.
"""

from __future__ import annotations

from typing import Any

from assistant.domain import Contribution, Evidence, Extraction
from assistant.facts import FACTS, FactField, by_path, get_value

__all__ = ["contribution_words", "evidence_text", "fact_rows", "format_value"]


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
