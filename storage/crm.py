"""Repository functions for CRM files: importing contacts and notes in batches, reading
leads for an export, and the note keys that make re-imports and resumed batches add
nothing twice. Like `storage.repo`, every function takes `*, session` and never commits.

An imported value is a fact with provenance `import`, its words the cell's text and its
origin the file and line ("contacts.csv:12"). What each CRM cell said is kept per lead and
CRM (`crm_record.cells`), so an export can write the CRM's own text back, and so a cell
that says what it said at the last import changes nothing: a re-import of the same file
is a no-op, and a newer note or a rep's correction is not overwritten by an old CRM value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from assistant.domain import Evidence, ExtractionResult, Provenance
from assistant.facts import FACTS
from storage import bulk, repo
from storage.tables import (
    CrmRecordRow,
    FactChangeRow,
    InteractionRow,
    LeadRow,
    NoteRow,
    NoteSourceRow,
    VerdictRow,
)

IMPORT = Provenance.imported


@dataclass(frozen=True)
class ImportedFact:
    """One fact an imported row states: its value, the cell's text, and the cell it is
    read from (`cell`: the field whose text it stands on, e.g. seniority on the title)."""

    path: str
    value: Any
    quote: str
    cell: str
    via: str | None = None


@dataclass
class ImportedContact:
    """One contacts row, read: who it is, its facts, every cell's text, its description."""

    origin: str  # "contacts.csv:12"
    external_id: str | None
    email: str | None
    name: str | None
    company: str | None
    facts: list[ImportedFact]
    cells: dict[str, str]
    description: str | None = None
    description_key: str | None = None
    description_result: ExtractionResult | None = None


@dataclass
class ImportedNote:
    """One row of a notes or tasks export, read, with the lead it names."""

    origin: str
    key: str
    text: str
    at: datetime
    contact_ids: list[str]
    email: str | None
    result: ExtractionResult | None  # None for a note stored before (it is not read again)


@dataclass
class RowOutcome:
    origin: str
    lead_id: int | None
    created: bool = False
    changed_fields: list[str] = field(default_factory=list)
    kept_rep_fields: list[str] = field(default_factory=list)
    note_id: int | None = None
    added_interactions: int = 0
    problem: str | None = None  # the row was not stored, and why

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changed_fields) or self.note_id is not None


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _records(session: Session, system: str, ids: Iterable[str]) -> dict[str, CrmRecordRow]:
    ids = sorted({i for i in ids if i})
    out: dict[str, CrmRecordRow] = {}
    for chunk in _chunks(ids, 500):
        for rec in session.scalars(
            sa.select(CrmRecordRow).where(CrmRecordRow.system == system, CrmRecordRow.external_id.in_(chunk))
        ):
            out[rec.external_id or ""] = rec
    return out


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _ids_by(session: Session, column: Any, keys: Iterable[str | None], *where: Any) -> dict[str, int]:
    keys = sorted({k for k in keys if k})
    out: dict[str, int] = {}
    for chunk in _chunks(keys, 500):
        # the oldest lead with the key is the original (as find_matching_lead decides)
        for key, lead_id in session.execute(
            sa.select(column, sa.func.min(LeadRow.id)).where(column.in_(chunk), *where).group_by(column)
        ):
            out[key] = lead_id
    return out


def _rep_locked(session: Session, lead_ids: Iterable[int]) -> dict[int, set[str]]:
    ids = sorted(set(lead_ids))
    out: dict[int, set[str]] = {}
    for chunk in _chunks(ids, 500):
        for lead_id, path in session.execute(
            sa.select(FactChangeRow.lead_id, FactChangeRow.field)
            .where(FactChangeRow.lead_id.in_(chunk), FactChangeRow.provenance == Provenance.rep.value)
            .distinct()
        ):
            if not path.startswith("interactions["):
                out.setdefault(lead_id, set()).add(repo.TIMELINE_FIELD if path == "bant.timeline_due" else path)
    return out


def existing_note_keys(*, session: Session, keys: Iterable[str]) -> dict[str, int]:
    """{key: note id} of the keys already stored."""
    keys = sorted(set(keys))
    out: dict[str, int] = {}
    for chunk in _chunks(keys, 500):
        for key, note_id in session.execute(
            sa.select(NoteSourceRow.key, NoteSourceRow.note_id).where(NoteSourceRow.key.in_(chunk))
        ):
            out[key] = note_id
    return out


def add_note_key(*, session: Session, note_id: int, key: str, origin: str | None,
                 now: datetime | None = None) -> None:
    session.add(NoteSourceRow(note_id=note_id, key=key[:300], origin=(origin or None) and origin[:300],
                              created_at=now or repo.utcnow()))
    session.flush()


def _provenance_of(result: ExtractionResult) -> Provenance:
    return Provenance.llm if result.extractor == "llm" else Provenance.rules


_LEAD_TABLE = LeadRow.__table__  # type: ignore[attr-defined]
_LEAD_COLUMN_NAMES = tuple(c.name for c in _LEAD_TABLE.columns if c.name != "id")
_LEAD_JSON_COLUMNS = tuple(c.name for c in _LEAD_TABLE.columns if isinstance(c.type, sa.JSON))


class _NewLead:
    """A lead this batch creates, built as plain values and inserted in one statement
    (building SQLModel rows one attribute at a time costs more than the rest of an import)."""

    def __init__(self, now: datetime) -> None:
        for name in _LEAD_COLUMN_NAMES:
            setattr(self, name, None)
        self.id: int | None = None
        self.created_at = self.updated_at = now

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _LEAD_COLUMN_NAMES}


@dataclass
class _Writes:
    """What a batch writes with one multi-row statement per table, once the leads (and
    notes) it refers to have their ids."""

    changes: list[tuple[Any, Any, dict[str, Any]]] = field(default_factory=list)  # (lead, note, row)
    interactions: list[tuple[Any, Any, dict[str, Any]]] = field(default_factory=list)
    notes: list[tuple[Any, dict[str, Any], str, str]] = field(default_factory=list)  # (lead, row, key, origin)
    # fact words that point at a note not inserted yet: (lead, fact path, note row)
    links: list[tuple[Any, str, dict[str, Any]]] = field(default_factory=list)


def _set_fact(lead: Any, path: str, value: Any, words: repo.Words, *, provenance: Provenance, now: datetime,
              writes: _Writes, note: dict[str, Any] | None = None) -> bool:
    """`repo._set_scalar` for a batch: the lead changes in place, the fact change is queued."""
    column = repo.SCALAR_FIELDS[path]
    new = repo._clip(column, repo._plain(value))
    old = getattr(lead, column)
    if old == new:
        if words.evidence is not None and path not in (lead.evidence or {}):
            _remember(lead, path, words, provenance=provenance, now=now, writes=writes, note=note)
        return False
    setattr(lead, column, new)
    writes.changes.append((lead, note, {
        "field": path, "old_value": repo._plain(old), "new_value": new, "provenance": provenance._value_,
        "evidence": _words(words), "author": None, "created_at": now}))
    _remember(lead, path, words, provenance=provenance, now=now, writes=writes, note=note)
    if column in ("name", "email", "company_name") and not isinstance(lead, _NewLead):
        repo._refresh_keys(lead)  # a new lead gets its keys once, when it is inserted
    return True


def _words(words: repo.Words) -> dict[str, Any] | None:
    """`repo._words_json`, without a pydantic dump per fact (an import writes tens of thousands)."""
    ev = words.evidence
    if ev is None:
        return None
    out = {"quote": ev.quote, "start": ev.start, "end": ev.end, "via": ev.via}
    if words.origin:
        out["origin"] = words.origin
    return out


_ISO: dict[datetime, str] = {}


def _iso(moment: datetime) -> str:
    """now.isoformat(), once per batch (every fact of a batch is stamped with the same time)."""
    text = _ISO.get(moment)
    if text is None:
        _ISO.clear()
        text = _ISO[moment] = moment.isoformat()
    return text


def _remember(lead: Any, path: str, words: repo.Words, *, provenance: Provenance, now: datetime, writes: _Writes,
              note: dict[str, Any] | None) -> None:
    """Keep the words of the fact at `path` on the lead (`repo._remember_words`; a new lead's
    entry is built in place), and queue the link to `note` once it has its id."""
    if isinstance(lead, _NewLead):  # no change tracking to keep: the entry is written in place
        if words.evidence is None:
            if lead.evidence:
                lead.evidence.pop(path, None)
            return
        if lead.evidence is None:
            lead.evidence = {}
        ev = words.evidence  # the keys in the order repo._remember_words writes them
        entry = {"quote": ev.quote, "start": ev.start, "end": ev.end, "via": ev.via, "note_id": None,
                 "source": provenance._value_, "author": words.author, "at": _iso(now)}
        if words.origin:
            entry["origin"] = words.origin
        lead.evidence[path] = entry
    else:
        repo._remember_words(lead, path, words, note_id=None, provenance=provenance, now=now)
    if note is not None and path in (lead.evidence or {}):
        writes.links.append((lead, path, note))  # its note_id once the note is inserted (see _write)


def _cell_words(quote: str, via: str | None) -> Evidence:
    return repo._trusted(Evidence, repo._EVIDENCE_FIELDS, {"quote": quote, "start": None, "end": None, "via": via})


def _merge_into(lead: Any, extraction: Any, note: dict[str, Any], *, given: set[str], locked: set[str],
                ix_keys: set[tuple[str, str]], as_of: date, provenance: Provenance, now: datetime,
                writes: _Writes, subject: str | None) -> tuple[list[str], int]:
    """`repo.merge_extraction` for a batch: one note's facts (except those its row's columns
    give, and those a rep set) and its interactions (except those already recorded).
    Returns the changed fact paths and how many interactions were added."""
    changed = []
    for path in repo.SCALAR_FIELDS:
        if path in given or path in locked:
            continue
        group, _, name = path.rpartition(".")
        value = getattr(getattr(extraction, group) if group else extraction, name)
        if value is None or value == "":
            continue
        if _set_fact(lead, path, value, repo.Words(extraction.evidence.get(path)), provenance=provenance,
                     now=now, writes=writes, note=note):
            changed.append(path)
    days = extraction.bant.timeline_days
    timeline = repo.TIMELINE_FIELD
    if days is not None and timeline not in given and not ({timeline, "bant.timeline_due"} & locked):
        due = as_of + timedelta(days=days)
        if due != lead.timeline_due:
            words = repo.Words(extraction.evidence.get(timeline))
            writes.changes.append((lead, note, {
                "field": "bant.timeline_due", "old_value": repo._plain(lead.timeline_due),
                "new_value": due.isoformat(), "provenance": provenance._value_, "evidence": repo._words_json(words),
                "author": None, "created_at": now}))
            lead.timeline_due = due
            _remember(lead, timeline, words, provenance=provenance, now=now, writes=writes, note=note)
            changed.append(timeline)
    if extraction.disqualifiers and repo.DISQUALIFIERS_FIELD not in locked:
        current = list(lead.disqualifiers or [])
        seen = {(d["kind"], repo.evidence_key(d.get("evidence", ""))) for d in current}
        for d in extraction.disqualifiers:
            key = (d.kind._value_, repo.evidence_key(d.evidence))
            if key not in seen:
                seen.add(key)
                current.append(d.model_dump(mode="json"))
        if current != list(lead.disqualifiers or []):
            writes.changes.append((lead, note, {
                "field": repo.DISQUALIFIERS_FIELD, "old_value": list(lead.disqualifiers or []), "new_value": current,
                "provenance": provenance._value_, "evidence": None, "author": None, "created_at": now}))
            lead.disqualifiers = current
            changed.append(repo.DISQUALIFIERS_FIELD)
    added = 0
    for i in extraction.interactions:
        key = (i.kind._value_, repo.evidence_key(i.evidence, subject))
        if key in ix_keys:
            continue
        ix_keys.add(key)
        added += 1
        writes.interactions.append((lead, note, {
            "kind": i.kind._value_, "count": i.count, "occurred_on": i.occurred_on, "detail": repo._clip_detail(i.detail),
            "evidence": i.evidence, "evidence_key": key[1], "provenance": provenance._value_, "status": None,
            "created_at": now}))
    if extraction is not None and getattr(lead, "language", None) is None and note.get("language"):
        lead.language = note["language"]
    return changed, added


def _note_row(text: str, result: ExtractionResult, *, as_of: date, created_at: datetime) -> dict[str, Any]:
    return {"text": text, "created_at": created_at, "as_of": as_of, "status": "qualified",
            "extractor": result.extractor[:16], "language": (result.language or None) and result.language[:8],
            "extraction": result.model_dump(mode="json", exclude={"llm_calls"}), "author": None, "error": None}


def _interaction_keys(session: Session, lead_ids: Sequence[int]) -> dict[int, set[tuple[str, str]]]:
    out: dict[int, set[tuple[str, str]]] = {}
    for chunk in _chunks(sorted(set(lead_ids)), 500):
        for lead_id, kind, key in session.execute(
            sa.select(InteractionRow.lead_id, InteractionRow.kind, InteractionRow.evidence_key)
            .where(InteractionRow.lead_id.in_(chunk))
        ):
            out.setdefault(lead_id, set()).add((kind, key))
    return out


def apply_contacts(
    *, session: Session, system: str, contacts: Sequence[ImportedContact], as_of: date,
    now: datetime | None = None,
) -> list[RowOutcome]:
    """Store a batch of contacts rows: each merges into the lead it names (its CRM id,
    else its email, else the same person at the same company) or becomes a new lead."""
    now = now or repo.utcnow()
    records = _records(session, system, (c.external_id for c in contacts))
    emails = [repo.email_key(c.email) for c in contacts]
    by_email = _ids_by(session, LeadRow.email_key, emails)
    names = [repo.name_key(c.name, c.company) for c in contacts]
    by_name = _ids_by(session, LeadRow.name_key, names)
    # a row with an email matches by name only a lead that has no email yet (a lead
    # first told in a note): another email is another person with the same name
    by_name_unmailed = _ids_by(session, LeadRow.name_key, names, LeadRow.email_key.is_(None))
    desc_keys = existing_note_keys(session=session, keys=(c.description_key for c in contacts if c.description_key))

    # who each row is: a stored lead, one made earlier in this batch, or a new one
    targets: list[int | _NewLead] = []
    pending: dict[str, _NewLead] = {}
    for c, ekey, nkey in zip(contacts, emails, names, strict=True):
        rec = records.get(c.external_id or "")
        found: int | _NewLead | None = rec.lead_id if rec is not None else None
        # earlier rows of this batch: the same rules (by name only for a row with no email)
        for key in (f"id:{c.external_id}" if c.external_id else None, f"@{ekey}" if ekey else None,
                    f"n:{nkey}" if nkey and not ekey else None):
            if found is None and key is not None:
                found = pending.get(key)
        if found is None and ekey:
            found = by_email.get(ekey)
        if found is None and nkey:
            found = (by_name_unmailed if ekey else by_name).get(nkey)
        if found is None:
            found = _NewLead(now)
        if isinstance(found, _NewLead):
            for key in (f"id:{c.external_id}" if c.external_id else None, f"@{ekey}" if ekey else None,
                        f"n:{nkey}" if nkey else None):
                if key:
                    pending[key] = found
        targets.append(found)

    existing_ids = sorted({t for t in targets if isinstance(t, int)})
    rows: dict[int, LeadRow] = {}
    for chunk in _chunks(existing_ids, 500):
        rows.update({r.id: r for r in session.scalars(sa.select(LeadRow).where(LeadRow.id.in_(chunk)))})
    locked = _rep_locked(session, existing_ids)
    described = [t for t, c in zip(targets, contacts, strict=True)
                 if isinstance(t, int) and c.description_key and c.description_key not in desc_keys]
    ix_keys = _interaction_keys(session, described)
    record_of: dict[Any, CrmRecordRow | dict[str, Any]] = {}
    for chunk in _chunks(existing_ids, 500):
        for rec in session.scalars(
            sa.select(CrmRecordRow).where(CrmRecordRow.system == system, CrmRecordRow.lead_id.in_(chunk))
        ):
            record_of[rec.lead_id] = rec

    writes = _Writes()
    seen_new: set[int] = set()
    outcomes = []
    for c, target in zip(contacts, targets, strict=True):
        lead: Any = rows[target] if isinstance(target, int) else target
        is_new = isinstance(lead, _NewLead)
        out = RowOutcome(origin=c.origin, lead_id=lead.id, created=is_new and id(lead) not in seen_new)
        seen_new.add(id(lead))
        ref = lead.id if not is_new else ("new", id(lead))
        rec = record_of.get(ref)
        before = dict((rec.cells if isinstance(rec, CrmRecordRow) else rec["cells"]) if rec is not None else {})
        rep = locked.get(lead.id, set()) if not is_new else set()
        for f in c.facts:
            if before.get(f.cell) == c.cells.get(f.cell):
                continue  # the CRM says what it said last time: what we know now stands
            if f.path in rep:
                if repo._plain(f.value) != getattr(lead, repo.SCALAR_FIELDS[f.path]):
                    out.kept_rep_fields.append(f.path)
                continue
            # the cell's text as read: built without a check (thousands a batch)
            words = repo.Words(_cell_words(f.quote, f.via), None, c.origin)
            if _set_fact(lead, f.path, f.value, words, provenance=IMPORT, now=now, writes=writes):
                out.changed_fields.append(f.path)
        cells = {**before, **c.cells}
        if rec is None:
            record_of[ref] = {"lead": lead, "system": system, "external_id": c.external_id, "cells": cells,
                              "origin": c.origin[:300], "updated_at": now}
        elif isinstance(rec, dict):
            rec.update(cells=cells, origin=c.origin[:300], external_id=c.external_id or rec["external_id"])
        elif cells != before or (c.external_id and rec.external_id != c.external_id):
            rec.cells = cells
            rec.external_id = c.external_id or rec.external_id
            rec.origin = c.origin[:300]
            rec.updated_at = now
        if c.description and c.description_key and c.description_result is not None \
                and c.description_key not in desc_keys:
            result = c.description_result
            note = _note_row(c.description, result, as_of=as_of, created_at=now)
            desc_keys[c.description_key] = -1
            writes.notes.append((lead, note, c.description_key, c.origin))
            changed, added = _merge_into(
                lead, result.extraction, note, given={f.path for f in c.facts}, locked=rep,
                ix_keys=ix_keys.setdefault(lead.id, set()) if not is_new else set(), as_of=as_of,
                provenance=_provenance_of(result), now=now, writes=writes, subject=lead.name)
            out.changed_fields.extend(p for p in changed if p not in out.changed_fields)
            out.note_id, out.added_interactions = -1, added
        if out.changed:
            lead.updated_at = now
        outcomes.append((out, lead))
    _write(session, writes, record_of, now)
    for out, lead in outcomes:
        out.lead_id = lead.id
    return [out for out, _ in outcomes]


def _write(session: Session, writes: _Writes, record_of: dict[Any, Any], now: datetime) -> None:
    """Insert the batch's new leads, their notes, fact changes, interactions and CRM records."""
    new_leads: list[_NewLead] = []
    seen: set[int] = set()
    for lead, *_ in (*writes.changes, *writes.interactions, *writes.notes):
        if isinstance(lead, _NewLead) and id(lead) not in seen:
            seen.add(id(lead))
            new_leads.append(lead)
    for rec in record_of.values():
        lead = rec["lead"] if isinstance(rec, dict) else None
        if isinstance(lead, _NewLead) and id(lead) not in seen:
            seen.add(id(lead))
            new_leads.append(lead)
    session.flush()
    for lead in new_leads:
        repo._refresh_keys(lead)
    if new_leads:
        ids = bulk.insert_ids(session, _LEAD_TABLE, [lead.values() for lead in new_leads], _LEAD_JSON_COLUMNS)
        for lead, lead_id in zip(new_leads, ids, strict=True):
            lead.id = lead_id
    note_table = NoteRow.__table__  # type: ignore[attr-defined]
    if writes.notes:
        note_ids = bulk.insert_ids(session, note_table, [{**row, "lead_id": lead.id} for lead, row, _key, _origin
                                                     in writes.notes], ("extraction",))
        for (_lead, row, _key, _origin), note_id in zip(writes.notes, note_ids, strict=True):
            row["id"] = note_id
        session.execute(sa.insert(NoteSourceRow.__table__), [  # type: ignore[attr-defined]
            {"note_id": row["id"], "key": key[:300], "origin": origin[:300], "created_at": now}
            for _lead, row, key, origin in writes.notes])
    # the words of facts read from a note now point at it (new leads went in before their notes)
    relinked: dict[int, Any] = {}
    for lead, path, note in writes.links:
        entry = (lead.evidence or {}).get(path)
        if isinstance(entry, dict) and entry.get("note_id") is None:
            entry["note_id"] = note["id"]
            relinked[id(lead)] = lead
    stale = []
    for lead in relinked.values():
        if isinstance(lead, _NewLead):
            stale.append({"lead_id": lead.id, "evidence": lead.evidence})
        else:
            flag_modified(lead, "evidence")
    if stale:
        session.execute(sa.update(_LEAD_TABLE).where(_LEAD_TABLE.c.id == sa.bindparam("lead_id")), stale)
    if writes.changes:
        bulk.insert_rows(session, FactChangeRow.__table__, _with_ids(writes.changes),  # type: ignore[attr-defined]
                     ("old_value", "new_value", "evidence"))
    if writes.interactions:
        bulk.insert_rows(session, InteractionRow.__table__, _with_ids(writes.interactions), ())  # type: ignore[attr-defined]
    new_records = [
        {k: v for k, v in rec.items() if k != "lead"} | {"lead_id": rec["lead"].id}
        for rec in record_of.values() if isinstance(rec, dict)
    ]
    bulk.insert_rows(session, CrmRecordRow.__table__, new_records, ("cells",))  # type: ignore[attr-defined]
    session.flush()


def _with_ids(queued: list[tuple[Any, Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The queued rows (lead, note, row) with their lead's and note's ids filled in, in
    place: each row is built for this batch's one INSERT and used by nothing else."""
    out = []
    for lead, note, row in queued:
        row["lead_id"] = lead.id
        row["note_id"] = note["id"] if note is not None else None
        out.append(row)
    return out


def apply_notes(
    *, session: Session, system: str, notes: Sequence[ImportedNote], now: datetime | None = None,
) -> list[RowOutcome]:
    """Store a batch of notes rows on the leads they name (the CRM id of the contact or
    lead, else the email); a note whose key is stored already is skipped."""
    now = now or repo.utcnow()
    records = _records(session, system, (i for n in notes for i in n.contact_ids))
    by_email = _ids_by(session, LeadRow.email_key, (repo.email_key(n.email) for n in notes))
    stored = existing_note_keys(session=session, keys=(n.key for n in notes))
    owners: list[int | None] = []
    for n in notes:
        lead_id = next((records[i].lead_id for i in n.contact_ids if i in records), None)
        if lead_id is None and n.email:
            lead_id = by_email.get(repo.email_key(n.email) or "")
        owners.append(lead_id)
    ids = sorted({i for i, n in zip(owners, notes, strict=True) if i is not None and n.key not in stored})
    rows: dict[int, LeadRow] = {}
    for chunk in _chunks(ids, 500):
        rows.update({r.id: r for r in session.scalars(sa.select(LeadRow).where(LeadRow.id.in_(chunk)))})
    locked = _rep_locked(session, ids)
    ix_keys = _interaction_keys(session, ids)
    writes = _Writes()
    outcomes = []
    for n, lead_id in zip(notes, owners, strict=True):
        if lead_id is None:
            who = ", ".join([*n.contact_ids, *([n.email] if n.email else [])]) or "no contact given"
            outcomes.append(RowOutcome(origin=n.origin, lead_id=None,
                                       problem=f"no stored lead matches it ({who}): import the contacts first"))
            continue
        if n.key in stored or n.result is None:
            outcomes.append(RowOutcome(origin=n.origin, lead_id=lead_id))
            continue
        stored[n.key] = -1
        lead = rows[lead_id]
        at = _utc(n.at)
        note = _note_row(n.text, n.result, as_of=n.at.date(), created_at=at)
        writes.notes.append((lead, note, n.key, n.origin))
        changed, added = _merge_into(lead, n.result.extraction, note, given=set(), locked=locked.get(lead_id, set()),
                                     ix_keys=ix_keys.setdefault(lead_id, set()), as_of=n.at.date(),
                                     provenance=_provenance_of(n.result), now=now, writes=writes,
                                     subject=lead.name)
        if lead.last_activity is None or _utc(lead.last_activity) < at:
            lead.last_activity = at
        lead.updated_at = now
        outcomes.append(RowOutcome(origin=n.origin, lead_id=lead_id, note_id=-1, changed_fields=changed,
                                   added_interactions=added))
    _write(session, writes, {}, now)
    return outcomes


def lead_id_range(*, session: Session) -> tuple[int, int] | None:
    """The lowest and highest lead id, or None with no leads."""
    low, high = session.execute(sa.select(sa.func.min(LeadRow.id), sa.func.max(LeadRow.id))).one()
    return None if low is None else (low, high)


# --- export -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportLead:
    """One lead as an export writes it: its facts, what the CRM's cells said, its verdict."""

    lead_id: int
    facts: dict[str, Any]  # fact path -> current value (timeline as its due date)
    cells: dict[str, str]  # this CRM's cells as last imported
    external_id: str | None
    stage: str | None
    fit: float | None
    grade: str | None
    engagement: float | None
    reason: str | None
    as_of: date | None
    last_activity: datetime | None
    evidence: dict[str, dict[str, Any]]
    records: dict[str, dict[str, Any]]  # every CRM's record: system -> {id, cells}


_EXPORT_FACTS = tuple((f.path, getattr(LeadRow, f.column)) for f in FACTS)


def iter_export(*, session: Session, system: str | None, batch: int = 2000) -> Iterator[list[ExportLead]]:
    """Every lead, in id order, in batches: facts, the CRM `system`'s cells, the verdict."""
    after = 0
    while True:
        rows = session.execute(
            sa.select(LeadRow.id, *(c for _, c in _EXPORT_FACTS), LeadRow.stage, LeadRow.fit, LeadRow.grade,
                      LeadRow.engagement, VerdictRow.reason, VerdictRow.as_of, LeadRow.last_activity,
                      LeadRow.evidence, LeadRow.disqualifiers)
            .outerjoin(VerdictRow, VerdictRow.id == LeadRow.verdict_id)
            .where(LeadRow.id > after).order_by(LeadRow.id).limit(batch)
        ).all()
        if not rows:
            return
        first, last = rows[0][0], rows[-1][0]
        records: dict[int, dict[str, dict[str, Any]]] = {}
        for lead_id, rec_system, external_id, cells in session.execute(
            sa.select(CrmRecordRow.lead_id, CrmRecordRow.system, CrmRecordRow.external_id, CrmRecordRow.cells)
            .where(CrmRecordRow.lead_id.between(first, last))
        ):
            records.setdefault(lead_id, {})[rec_system] = {"id": external_id, "cells": dict(cells or {})}
        out = []
        n = len(_EXPORT_FACTS)
        for r in rows:
            facts = {path: r[1 + i] for i, (path, _) in enumerate(_EXPORT_FACTS) if r[1 + i] is not None}
            stage, fit, grade, engagement, reason, as_of, last_activity, evidence, disqualifiers = r[1 + n:]
            if disqualifiers:
                facts["disqualifiers"] = list(disqualifiers)
            recs = records.get(r[0], {})
            mine = recs.get(system or "", {})
            out.append(ExportLead(r[0], facts, mine.get("cells", {}), mine.get("id"), stage, fit, grade,
                                  engagement, reason, as_of, last_activity, dict(evidence or {}), recs))
        yield out
        after = rows[-1][0]


def interactions_between(*, session: Session, first: int, last: int) -> dict[int, list[dict[str, Any]]]:
    """The interactions of the leads with ids in first..last, as JSON-able dicts."""
    out: dict[int, list[dict[str, Any]]] = {}
    for r in session.scalars(
        sa.select(InteractionRow).where(InteractionRow.lead_id.between(first, last))
        .order_by(InteractionRow.lead_id, InteractionRow.id)
    ):
        out.setdefault(r.lead_id, []).append({
            "id": r.id, "kind": r.kind, "count": r.count,
            "occurred_on": r.occurred_on.isoformat() if r.occurred_on else None, "detail": r.detail,
            "evidence": r.evidence, "provenance": r.provenance, "status": r.status, "note_id": r.note_id,
        })
    return out
