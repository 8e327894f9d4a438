"""Keep only what the text supports: validate a model's raw answer, then check it against the note.

Two pure steps, usable by any extractor:

- `coerce_extraction(data)`: a raw JSON object -> `Extraction`, field by field. A value
  outside the schema (an unknown interaction kind, a seniority that does not exist, a date
  that is not a date) is rejected and reported, never guessed into place; the rest stands.
- `ground(extraction, text, as_of=)`: every interaction and disqualifier whose evidence
  is not a verbatim substring of the text (after whitespace, quote and case
  normalisation) is dropped; an interaction count its evidence contradicts is corrected;
  a date after the reference date is cleared; a company size, revenue or budget amount
  written nowhere in the text is dropped.

Dropped items are returned as `DroppedItem`s so they are reported, not scored.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.domain import (
    Bant,
    Company,
    Contact,
    Disqualifier,
    DroppedItem,
    Extraction,
    Interaction,
)

__all__ = ["coerce_extraction", "evidence_in_text", "ground", "normalise"]

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2039": "'", "\u203a": "'", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
        "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2026": "...",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_EDGE = " \t\n\"'.,;:!?()[]"
_ELLIPSIS = re.compile(r"\s*\.\.\.+\s*")
_MIN_FRAGMENT = 3


def normalise(text: str) -> str:
    """Text as compared for grounding: NFC, straight quotes and dashes, one space, casefolded."""
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    return _SPACES.sub(" ", text).strip().casefold()


def evidence_in_text(evidence: str | None, text: str, *, normalised_text: str | None = None) -> bool:
    """True when `evidence` is a verbatim substring of `text` (modulo `normalise`).

    Surrounding quotes and punctuation are ignored. Evidence a model shortened with "..."
    counts when every fragment is in the text, in order.
    """
    if not evidence:
        return False
    haystack = normalised_text if normalised_text is not None else normalise(text)
    needle = normalise(evidence).strip(_EDGE)
    if len(needle) < _MIN_FRAGMENT:
        return False
    if needle in haystack:
        return True
    fragments = [f.strip(_EDGE) for f in _ELLIPSIS.split(needle)]
    fragments = [f for f in fragments if f]
    if len(fragments) < 2 or any(len(f) < _MIN_FRAGMENT for f in fragments):
        return False
    position = 0
    for fragment in fragments:
        found = haystack.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


# --- validation: raw answer -> Extraction ---------------------------------------------------


def coerce_extraction(data: Any) -> tuple[Extraction, list[DroppedItem]]:
    """Validate a model's answer field by field; bad values are dropped and reported.

    Raises ValueError when `data` is not a JSON object at all.
    """
    if not isinstance(data, dict):
        raise ValueError(f"the answer is a JSON {type(data).__name__}, not an object")
    dropped: list[DroppedItem] = []
    contact = _coerce_object(Contact, data.get("contact"), "contact", dropped)
    company = _coerce_object(Company, data.get("company"), "company", dropped)
    bant = _coerce_object(Bant, data.get("bant"), "bant", dropped)
    lead_source = _coerce_fields(Extraction, {"lead_source": data.get("lead_source")}, "", dropped)
    interactions = [
        item
        for item in (
            _coerce_item(Interaction, raw, "interaction", dropped)
            for raw in _as_list(data.get("interactions"), "interactions", dropped)
        )
        if item is not None
    ]
    disqualifiers = [
        item
        for item in (
            _coerce_item(Disqualifier, raw, "disqualifier", dropped)
            for raw in _as_list(data.get("disqualifiers"), "disqualifiers", dropped)
        )
        if item is not None
    ]
    extraction = Extraction(
        contact=contact,
        company=company,
        bant=bant,
        lead_source=lead_source.get("lead_source"),
        interactions=interactions,
        disqualifiers=disqualifiers,
    )
    return extraction, dropped


def _as_list(value: Any, path: str, dropped: list[DroppedItem]) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    dropped.append(DroppedItem(item=path, reason="not a list", data={"value": _jsonable(value)}))
    return []


def _coerce_object(model: type[BaseModel], value: Any, path: str, dropped: list[DroppedItem]) -> Any:
    if value is None:
        return model()
    if not isinstance(value, dict):
        dropped.append(DroppedItem(item=path, reason="not an object", data={"value": _jsonable(value)}))
        return model()
    return model(**_coerce_fields(model, value, path, dropped))


def _coerce_fields(
    model: type[BaseModel], values: dict[str, Any], path: str, dropped: list[DroppedItem]
) -> dict[str, Any]:
    """The fields of `values` that `model` accepts, one at a time; others reported."""
    good: dict[str, Any] = {}
    for name, value in values.items():
        field = model.model_fields.get(name)
        if field is None or value is None:
            continue  # keys the schema does not have are ignored; null is the default
        value = _tidy(field.annotation, name, value)
        try:
            checked = model.model_validate({name: value})
        except ValidationError as exc:
            dropped.append(
                DroppedItem(
                    item=f"{path}.{name}" if path else name,
                    reason=_first_error(exc),
                    data={"value": _jsonable(value)},
                )
            )
            continue
        good[name] = getattr(checked, name)
    return good


def _coerce_item(model: type[BaseModel], raw: Any, item: str, dropped: list[DroppedItem]) -> Any:
    """An interaction or disqualifier; one whose kind or evidence is unusable is dropped whole."""
    if not isinstance(raw, dict):
        dropped.append(DroppedItem(item=item, reason="not an object", data={"value": _jsonable(raw)}))
        return None
    values = {k: v for k, v in raw.items() if k in model.model_fields and v is not None}
    for required in ("kind", "evidence"):
        if not values.get(required):
            dropped.append(DroppedItem(item=item, reason=f"no {required}", data=_jsonable(raw)))
            return None
    values = {name: _tidy(model.model_fields[name].annotation, name, v) for name, v in values.items()}
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        if bad & {"kind", "evidence"}:
            dropped.append(DroppedItem(item=item, reason=_first_error(exc), data=_jsonable(raw)))
            return None
        # A bad count, date or detail loses only that field (reported), not the whole item.
        for name in sorted(bad):
            dropped.append(
                DroppedItem(
                    item=f"{item}.{name}", reason=_first_error(exc, name), data={"value": _jsonable(raw.get(name))}
                )
            )
            values.pop(name, None)
        try:
            return model.model_validate(values)
        except ValidationError as exc2:
            dropped.append(DroppedItem(item=item, reason=_first_error(exc2), data=_jsonable(raw)))
            return None


def _tidy(annotation: Any, name: str, value: Any) -> Any:
    """Forgive spelling of the schema's own ids ('Demo Request' -> 'demo_request'), codes' case."""
    if isinstance(value, str):
        if _enum_in(annotation) is not None:
            return value.strip().lower().replace(" ", "_").replace("-", "_")
        if name == "country" or name == "currency":
            return value.strip().upper()
    return value


def _enum_in(annotation: Any) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, Enum):
            return arg
    return None


def _first_error(exc: ValidationError, name: str | None = None) -> str:
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        if name is None or (err["loc"] and err["loc"][0] == name):
            msg = err["msg"]
            if err["type"] == "enum":
                msg = f"{err['input']!r} is not one of the schema's values"
            return f"{loc}: {msg}" if loc else msg
    return str(exc).splitlines()[0]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


# --- grounding: Extraction vs the text ------------------------------------------------------


def ground(
    extraction: Extraction, text: str, *, as_of: date | None = None
) -> tuple[Extraction, list[DroppedItem]]:
    """The extraction with only what `text` supports, and what was dropped and why.

    With `as_of`, an interaction dated after the reference date loses its date (a note
    reports what happened; a future date would earn more than full points).
    """
    haystack = normalise(text)
    dropped: list[DroppedItem] = []

    interactions: list[Interaction] = []
    for item in extraction.interactions:
        if not evidence_in_text(item.evidence, text, normalised_text=haystack):
            dropped.append(
                DroppedItem(
                    item="interaction",
                    reason="evidence not found in the text",
                    data=item.model_dump(mode="json"),
                )
            )
            continue
        stated = _numbers_in(item.evidence)
        if item.count > 1 and stated and item.count not in stated:
            # The evidence names a different number: take it when it is the only one.
            count = next(iter(stated)) if len(stated) == 1 and next(iter(stated)) >= 1 else 1
            dropped.append(
                DroppedItem(
                    item=f"interactions.{item.kind.value}.count",
                    reason=f"count {item.count} is not in the evidence; counted {count}",
                    data=item.model_dump(mode="json"),
                )
            )
            item = item.model_copy(update={"count": count})
        if as_of is not None and item.occurred_on is not None and item.occurred_on > as_of:
            dropped.append(
                DroppedItem(
                    item=f"interactions.{item.kind.value}.occurred_on",
                    reason=f"{item.occurred_on.isoformat()} is after the reference date {as_of.isoformat()}",
                    data=item.model_dump(mode="json"),
                )
            )
            item = item.model_copy(update={"occurred_on": None})
        interactions.append(item)

    disqualifiers: list[Disqualifier] = []
    for item in extraction.disqualifiers:
        if evidence_in_text(item.evidence, text, normalised_text=haystack):
            disqualifiers.append(item)
        else:
            dropped.append(
                DroppedItem(
                    item="disqualifier",
                    reason="evidence not found in the text",
                    data=item.model_dump(mode="json"),
                )
            )

    company, bant = extraction.company, extraction.bant
    text_numbers = _numbers_in(text, as_int=False)
    if text_numbers is not None:
        company_updates = _unstated(company, ("employees", "annual_revenue"), "company", text_numbers, dropped)
        bant_updates = _unstated(bant, ("budget_amount",), "bant", text_numbers, dropped)
        company = company.model_copy(update=company_updates) if company_updates else company
        bant = bant.model_copy(update=bant_updates) if bant_updates else bant

    grounded = extraction.model_copy(
        update={
            "interactions": interactions,
            "disqualifiers": disqualifiers,
            "company": company,
            "bant": bant,
        }
    )
    return grounded, dropped


def _unstated(
    part: BaseModel, names: tuple[str, ...], path: str, text_numbers: set[float], dropped: list[DroppedItem]
) -> dict[str, Any]:
    """Fields of `part` whose number is written nowhere in the text, set to None (reported)."""
    updates: dict[str, Any] = {}
    for name in names:
        value = getattr(part, name)
        if value is None or any(_close(value, n) for n in text_numbers):
            continue
        dropped.append(
            DroppedItem(item=f"{path}.{name}", reason=f"{value:g} is not written in the text", data={"value": value})
        )
        updates[name] = None
    return updates


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.5, 0.005 * abs(b))


def _numbers_in(text: str, *, as_int: bool = True) -> Any:
    """Numbers written in `text` (digits, words, "twice"); None when numbers can't be read here."""
    try:
        from assistant.extract.numbers import find_counts, find_numbers
    except ImportError:  # the number reader is another module; without it, check digits only
        values = {float(m.replace(",", "")) for m in re.findall(r"\d[\d,]*", text) if m.replace(",", "")}
        if not as_int:
            return None
        return {int(v) for v in values}
    values = {span.value for span in find_numbers(text)} | {span.value for span in find_counts(text)}
    if as_int:
        return {int(v) for v in values if v == int(v)}
    return values
