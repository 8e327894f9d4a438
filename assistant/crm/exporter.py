"""`leadqual export`: the stored leads as a HubSpot or Salesforce import file (the CRM's
own column names, plus leadqual's stage, scores, grade, deciding reason and last
activity), as a flat CSV of every fact, or as JSON lines.

A value that still reads as what an imported cell said is written as that cell's text
("25-50" employees, "Computer Software"), so export -> import is identity; a value
leadqual learned since is written in the CRM's terms (`formats.toml` [export.*]).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy.orm import sessionmaker

from assistant.crm import formats as fm
from assistant.facts import FACTS
from storage import crm as store

if TYPE_CHECKING:
    from assistant.pipeline import Pipeline

EXPORT_FORMATS = ("hubspot", "salesforce", "csv", "jsonl")
_OUT_HEADERS = {
    "out.stage": "stage", "out.fit": "fit", "out.grade": "grade", "out.engagement": "engagement",
    "out.reason": "reason", "out.last_activity": "last_activity",
}
CSV_COLUMNS = ("id", *(f.path for f in FACTS), "disqualifiers", "stage", "fit", "grade", "engagement",
               "reason", "as_of", "last_activity", "hubspot_id", "salesforce_id")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def crm_columns(fmt: fm.Format) -> list[tuple[str, str]]:
    """(column header, field) an export to this CRM writes, in formats.toml order."""
    return [(header, target) for target, header in fmt.headers.items() if target != "ignore"]


def _split_name(name: str) -> tuple[str, str]:
    first, _, last = name.rpartition(" ")
    return (first, last) if first else ("", name)


def crm_row(system: str, columns: list[tuple[str, str]], lead: store.ExportLead) -> dict[str, str]:
    cells, facts = lead.cells, lead.facts
    row: dict[str, str] = {}
    name = facts.get("contact.name")
    same_name = name is not None and cells.get("contact.name") == name
    for header, target in columns:
        value = ""
        if target == "crm.id":
            value = lead.external_id or ""
        elif target in fm.NAME_PARTS:
            if same_name or name is None:
                value = cells.get(target, "")
            else:
                value = _split_name(name)[fm.NAME_PARTS.index(target)]
        elif target.startswith("crm.") or target == "description":
            value = cells.get(target, "")
        elif target.startswith("out."):
            value = _out(target, lead, crm=True)
        else:
            value = _fact_cell(system, target, facts.get(target), cells.get(target))
        row[header] = value
    return row


def _fact_cell(system: str, path: str, current: Any, cell: str | None) -> str:
    if cell is not None:
        try:
            said = _plain(fm.read_value(path, cell))
        except fm.CellError:
            said = None  # a cell leadqual could not read: the CRM's text stands, unless we know better
        # the CRM's text stands when it still says our value, or says nothing in our terms
        # (a lead source "Other"): an export never turns a CRM value into one we guessed at
        if said == _plain(current) or current is None or said is None:
            return cell
    return fm.write_value(system, path, current)


def _out(target: str, lead: store.ExportLead, *, crm: bool) -> str:
    if target == "out.stage":
        return (lead.stage.upper() if crm else lead.stage) if lead.stage else ""
    if target == "out.fit":
        return _num(lead.fit)
    if target == "out.grade":
        return lead.grade or ""
    if target == "out.engagement":
        return _num(lead.engagement)
    if target == "out.reason":
        return lead.reason or ""
    if target == "out.last_activity":
        return lead.last_activity.date().isoformat() if lead.last_activity else ""
    raise KeyError(target)


def _timeline_days(lead: store.ExportLead) -> int | None:
    due = lead.facts.get("bant.timeline_days")
    if due is None:
        return None
    ref = lead.as_of or date.today()
    return (due - ref).days if isinstance(due, date) else due


def csv_row(lead: store.ExportLead) -> dict[str, Any]:
    row: dict[str, Any] = {"id": lead.lead_id}
    for f in FACTS:
        value = _timeline_days(lead) if f.path == "bant.timeline_days" else lead.facts.get(f.path)
        row[f.path] = "" if value is None else _plain(value)
    row["disqualifiers"] = "; ".join(f"{d.get('kind')}: {d.get('evidence')}" for d in lead.facts.get("disqualifiers") or [])
    for target in ("out.stage", "out.fit", "out.grade", "out.engagement", "out.reason", "out.last_activity"):
        row[_OUT_HEADERS[target]] = _out(target, lead, crm=False)
    row["as_of"] = lead.as_of.isoformat() if lead.as_of else ""
    for system in ("hubspot", "salesforce"):
        row[f"{system}_id"] = (lead.records.get(system) or {}).get("id") or ""
    return row


def json_row(lead: store.ExportLead, interactions: list[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[str, dict[str, Any]] = {"contact": {}, "company": {}, "bant": {}}
    top: dict[str, Any] = {}
    for f in FACTS:
        value = _timeline_days(lead) if f.path == "bant.timeline_days" else lead.facts.get(f.path)
        (groups[f.group] if f.group else top)[f.name] = _plain(value)
    return {
        "id": lead.lead_id,
        "facts": {**groups, **top},
        "sources": lead.evidence,
        "interactions": interactions,
        "verdict": {"stage": lead.stage, "fit": lead.fit, "grade": lead.grade, "engagement": lead.engagement,
                    "reason": lead.reason, "as_of": lead.as_of.isoformat() if lead.as_of else None},
        "last_activity": lead.last_activity.isoformat() if lead.last_activity else None,
        "crm": lead.records,
    }


def export_leads(pipeline: Pipeline, out: TextIO, *, format_id: str,
                 progress: Callable[[int], None] | None = None) -> int:
    """Write every stored lead to `out` in `format_id`; returns how many were written."""
    if format_id not in EXPORT_FORMATS:
        raise fm.FormatError(f"--format {format_id!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    sessions = sessionmaker(pipeline.engine, expire_on_commit=False)
    system = format_id if format_id in ("hubspot", "salesforce") else None
    written = 0
    with sessions() as session, session.begin():
        batches: Iterator[list[store.ExportLead]] = store.iter_export(session=session, system=system)
        if format_id == "jsonl":
            for batch in batches:
                ixs = store.interactions_between(session=session, first=batch[0].lead_id, last=batch[-1].lead_id)
                for lead in batch:
                    out.write(json.dumps(json_row(lead, ixs.get(lead.lead_id, [])), ensure_ascii=False,
                                         default=str) + "\n")
                written += len(batch)
                if progress:
                    progress(written)
            return written
        if system is not None:
            columns = crm_columns(fm.formats()[system])
            writer = csv.DictWriter(out, fieldnames=[h for h, _ in columns], lineterminator="\r\n")
            make: Callable[[store.ExportLead], dict[str, Any]] = lambda lead: crm_row(system, columns, lead)  # noqa: E731
        else:
            writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
            make = csv_row
        writer.writeheader()
        for batch in batches:
            writer.writerows(make(lead) for lead in batch)
            written += len(batch)
            if progress:
                progress(written)
    return written


__all__ = ["CSV_COLUMNS", "EXPORT_FORMATS", "export_leads"]
