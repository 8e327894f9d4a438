"""CRM export formats (HubSpot, Salesforce) read from `formats.toml`: detection from the
header, column -> field mapping with `--map` overrides, and the CRMs' values in our terms.

A cell's text is read into a fact's value here (`read_value`); a value is written back as
CRM text (`write_value`). Both are pure and table-driven so export -> import is identity.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from assistant.domain import Industry, LeadSource
from assistant.facts import FACTS

_FILE = Path(__file__).with_name("formats.toml")

# fields a column can feed besides the facts themselves
NAME_PARTS = ("first_name", "last_name")
CRM_FIELDS = ("crm.id", "crm.lifecycle_stage", "crm.lead_status", "crm.last_activity")
NOTE_FIELDS = ("note.id", "note.body", "note.subject", "note.date", "note.created", "note.contact_id",
               "note.contact", "note.email")
OUT_FIELDS = ("out.stage", "out.fit", "out.grade", "out.engagement", "out.reason", "out.last_activity")
# facts a CRM column can give (seniority and department are read from the job title)
IMPORTABLE_FACTS = tuple(f.path for f in FACTS if f.path not in ("contact.seniority", "contact.department"))
FIELDS = (*IMPORTABLE_FACTS, *NAME_PARTS, *CRM_FIELDS, "description", *NOTE_FIELDS, *OUT_FIELDS, "ignore")


class FormatError(ValueError):
    """The file's format cannot be told, or a --map is wrong: the message says what to do."""


def fold_column(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True)
class Format:
    id: str
    system: str  # hubspot | salesforce
    kind: str  # contacts | notes
    label: str
    columns: dict[str, str]  # folded column name -> field
    headers: dict[str, str]  # field -> the CRM's own column name (the first one listed)
    signature: frozenset[str]
    min_signature: int
    requires: frozenset[str] = field(default_factory=frozenset)

    def score(self, header: list[str]) -> int:
        folded = {fold_column(h) for h in header}
        if self.requires and not (self.requires & folded):
            return 0
        hits = len(self.signature & folded)
        return hits if hits >= self.min_signature else 0


@cache
def _data() -> dict[str, Any]:
    with _FILE.open("rb") as fh:
        return tomllib.load(fh)


@cache
def formats() -> dict[str, Format]:
    out = {}
    for fid, spec in _data()["formats"].items():
        columns: dict[str, str] = {}
        headers: dict[str, str] = {}
        for column, target in spec["columns"].items():
            if target not in FIELDS:
                raise FormatError(f"formats.toml: {fid}: {column!r} maps to unknown field {target!r}")
            columns[fold_column(column)] = target
            headers.setdefault(target, column)
        out[fid] = Format(
            id=fid, system=spec["system"], kind=spec["kind"], label=spec["label"], columns=columns,
            headers=headers, signature=frozenset(fold_column(c) for c in spec["signature"]),
            min_signature=int(spec["min_signature"]),
            requires=frozenset(fold_column(c) for c in spec.get("requires", [])),
        )
    return out


def detect(header: list[str], *, wanted: str | None = None) -> Format:
    """The format whose columns the header shows best (or `wanted`, by id or system)."""
    known = formats()
    if wanted is not None:
        if wanted in known:
            return known[wanted]
        raise FormatError(f"--format {wanted!r}: choose one of {', '.join(known)}")
    scored = sorted(((f.score(header), f.id) for f in known.values()), reverse=True)
    best, fid = scored[0]
    if best == 0:
        shown = ", ".join(header[:12]) + (" ..." if len(header) > 12 else "")
        raise FormatError(
            f"cannot tell which CRM export this is from its header ({shown}). Give --format "
            f"({', '.join(known)}) and, for columns with other names, --map COLUMN=FIELD "
            "(e.g. --map 'E-mail address=contact.email')."
        )
    return known[fid]


def parse_maps(maps: list[str]) -> dict[str, str]:
    """--map 'Column=field' pairs -> {folded column: field}."""
    out = {}
    for item in maps:
        column, sep, target = item.rpartition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column:
            raise FormatError(f"--map {item!r}: write it as COLUMN=FIELD (e.g. 'Mobile=contact.phone')")
        if target not in FIELDS:
            raise FormatError(f"--map {item!r}: {target!r} is not a field; use one of {', '.join(FIELDS)}")
        out[fold_column(column)] = target
    return out


def column_fields(fmt: Format, header: list[str], maps: dict[str, str]) -> tuple[list[str | None], list[str]]:
    """The field of each column (None: not read), and the columns not read."""
    out: list[str | None] = []
    unread: list[str] = []
    seen: set[str] = set()
    for column in header:
        key = fold_column(column)
        target = maps.get(key, fmt.columns.get(key))
        # a field named by two columns (Activity date and Due Date) is read from the first
        if target in (None, "ignore") or (target in seen and not target.startswith("out.")):
            out.append(None)
            if target is None and column.strip():
                unread.append(column)
            continue
        seen.add(target)
        out.append(target)
    return out, unread


# --- values -------------------------------------------------------------------------------


@cache
def _value_maps() -> dict[str, dict[str, str]]:
    maps: dict[str, dict[str, str]] = {}
    for kind, table in _data()["values"].items():
        maps[kind] = {fold_column(label): value for value, labels in table.items() for label in labels}
    return maps


@cache
def _countries() -> dict[str, str]:
    """Country names in the languages CRMs are kept in (and ISO codes) -> ISO 3166-1 alpha-2."""
    from babel import Locale

    names: dict[str, str] = {}
    for lang in ("de", "fr", "es", "pl", "it", "en"):  # English last: it wins a clash
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names[fold_column(name)] = code
    for code in list(names.values()):
        names[code.casefold()] = code
    names.update({"usa": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US",
                  "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
                  "wales": "GB", "holland": "NL", "the netherlands": "NL", "deutschland": "DE",
                  "czech republic": "CZ"})
    return names


@cache
def country_name(code: str) -> str:
    from babel import Locale

    return Locale("en").territories.get(code, code)


_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
_INT = re.compile(r"^\d{1,3}(?:[ ,.\u00a0']\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(\d[\d ,.\u00a0']*)\s*(?:-|–|to)\s*(\d[\d ,.\u00a0']*)$")
_PLUS = re.compile(r"^(\d[\d ,.\u00a0']*)\s*\+$")
_MONEY = re.compile(r"^[^\d\-]{0,4}(\d[\d ,.\u00a0']*)\s*([kKmM]|mln|million)?\s*[^\d]{0,4}$")


def _integer(text: str) -> int | None:
    text = text.strip()
    if _INT.match(text):
        return int(re.sub(r"\D", "", text))
    if re.fullmatch(r"\d+\.0+", text):  # a spreadsheet's 250.0
        return int(float(text))
    return None


class CellError(ValueError):
    """A cell that cannot be read as its field: the message says why."""


def read_value(path: str, text: str) -> Any:
    """A fact's value from a CRM cell, or None when the CRM value says nothing we score
    (an unmapped lead source). Raises CellError for a cell that cannot be a value."""
    text = text.strip()
    if path == "contact.email":
        if not _EMAIL.match(text):
            raise CellError(f"{text!r} is not an email address")
        return text
    if path == "company.employees":
        # HubSpot's contact property is a range ('25-50', '1000+'): its lower bound, what
        # is known for sure; the cell's text is kept and written back as it was
        for pattern in (_RANGE, _PLUS):
            match = pattern.match(text)
            if match:
                low = _integer(match.group(1).strip())
                if low is not None:
                    return low
        value = _integer(text)
        if value is None:
            raise CellError(f"{text!r} is not a number of employees")
        return value
    if path == "company.annual_revenue":
        match = _MONEY.match(text)
        number = None
        if match:
            digits = match.group(1).strip()
            number = _integer(digits)
            if number is None and re.fullmatch(r"\d+[.,]\d+", digits):
                number = float(digits.replace(",", "."))
            scale = (match.group(2) or "").casefold()
            if number is not None and scale:
                number = number * (1000 if scale == "k" else 1_000_000)
        if number is None:
            raise CellError(f"{text!r} is not an amount")
        return float(number)
    if path == "company.country":
        code = _countries().get(fold_column(text))
        if code is None:
            raise CellError(f"{text!r} is not a country leadqual knows (write its name or ISO code)")
        return code
    if path == "company.industry":
        return Industry(_value_maps()["industry"].get(fold_column(text), "other"))
    if path == "lead_source":
        value = _value_maps()["lead_source"].get(fold_column(text))
        return LeadSource(value) if value else None
    if path == "company.currency":
        if not re.fullmatch(r"[A-Za-z]{3}", text):
            raise CellError(f"{text!r} is not an ISO 4217 currency code")
        return text.upper()
    return text  # names, phone, job title, company, city: as written


def write_value(system: str, path: str, value: Any) -> str:
    """A fact's value as the CRM `system` writes it."""
    if value is None:
        return ""
    raw = getattr(value, "value", value)
    table = _data().get("export", {}).get(system, {})
    if path == "company.industry" and "industry" in table:
        return table["industry"].get(raw, str(raw))
    if path == "lead_source" and "lead_source" in table:
        return table["lead_source"].get(raw, str(raw))
    if path == "company.country":
        return country_name(raw)
    if isinstance(raw, float):
        return f"{raw:.0f}" if raw.is_integer() else f"{raw}"
    return str(raw)


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S.%f", "%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p",
                 "%d.%m.%Y", "%d.%m.%Y %H:%M")


def read_datetime(text: str) -> datetime:
    """A CRM date or timestamp ('2026-03-14', '2026-03-14T10:22:00.000Z', '03/14/2026 10:22',
    '14.03.2026'); a day first when it cannot be a month ('14/03/2026'). Raises CellError."""
    text = text.strip()
    cleaned = re.sub(r"(?:Z|[+-]\d{2}:?\d{2})$", "", text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    try:
        return datetime.strptime(cleaned.split(" ")[0], "%d/%m/%Y")
    except ValueError:
        raise CellError(f"{text!r} is not a date (write it as YYYY-MM-DD)") from None


def read_date(text: str) -> date:
    return read_datetime(text).date()
