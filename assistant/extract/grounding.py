"""Keep only what the text supports: validate a model's raw answer, then check it against the note.

Two pure steps, usable by any extractor:

- `coerce_answer(data, as_of=)`: a model's raw JSON object -> `Extraction`, item by item.
  It reads the flat answer the prompt asks for (`facts`: field, value, evidence) and the
  nested shape of `Extraction` alike. A value outside the schema (an unknown interaction
  kind, a seniority that does not exist, a date that is not a date) is rejected and
  reported, never guessed into place; the rest stands.
- `ground(extraction, text, as_of=)`: every fact, interaction and disqualifier must stand
  on words of the note. Evidence not found in the text (after case, accent, quote and
  spacing normalisation), or found only inside text pasted for a machine (a JSON object,
  a code block, a fake system turn), drops the item. A fact must also agree with its
  words: a headcount readable from them, a country from a place they name, a budget from
  words about money, authority from words about deciding, a deadline from a date or
  period. Seniority and department stand on the job title when it stands. Evidence kept
  is replaced by the note's own words with their offsets; an interaction count its
  evidence contradicts is corrected; a date after the reference date is cleared.

Dropped items are returned as `DroppedItem`s so they are reported, not scored.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.domain import (
    Bant,
    Company,
    Contact,
    Disqualifier,
    DroppedItem,
    Evidence,
    Extraction,
    Ground,
    Interaction,
)
from assistant.extract import readers, vocab
from assistant.extract.numbers import parse_number
from assistant.extract.spans import fold, locate
from assistant.facts import FACTS, FactField, by_path, get_value

__all__ = ["coerce_answer", "coerce_extraction", "evidence_in_text", "ground", "machine_spans", "normalise"]

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
    """True when `evidence` stands in `text`: the same words, whatever their case, accents,
    quotes or spacing; surrounding punctuation is ignored. Evidence shortened with "..."
    counts when its fragments are in the text, in order and close together.
    (`normalised_text` is accepted for callers that fold once; it must be `spans.fold(text)`.)"""
    return locate(evidence, text, folded=normalised_text) is not None


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


# --- the flat answer the prompt asks for -----------------------------------------------------


def coerce_answer(data: Any, *, as_of: date | None = None) -> tuple[Extraction, list[DroppedItem]]:
    """A model's answer -> Extraction with the evidence it gave for each fact.

    The prompt asks for `{"facts": [{"field", "value", "evidence"}], "interactions": [...],
    "disqualifiers": [...]}`; an answer in the nested shape of `Extraction` is read too (its
    facts then come without evidence, and grounding drops them). A fact's value is read as
    its type: "1.200" -> 1200, "Director" -> director; a timeline may be the deadline's
    date ("2026-06-30"), counted in days from `as_of`. Raises ValueError when `data` is not
    a JSON object.
    """
    if not isinstance(data, dict):
        raise ValueError(f"the answer is a JSON {type(data).__name__}, not an object")
    if "facts" not in data and ({"contact", "company", "bant"} & data.keys()):
        return coerce_extraction(data)
    dropped: list[DroppedItem] = []
    values: dict[str, dict[str, Any]] = {"contact": {}, "company": {}, "bant": {}, "": {}}
    evidence: dict[str, Evidence] = {}
    for raw in _as_list(data.get("facts"), "facts", dropped):
        if not isinstance(raw, dict):
            dropped.append(DroppedItem(item="fact", reason="not an object", data={"value": _jsonable(raw)}))
            continue
        path = str(raw.get("field") or "").strip()
        try:
            fact = by_path(path)
        except KeyError:
            dropped.append(DroppedItem(item="fact", reason=f"{path!r} is not a fact field", data=_jsonable(raw)))
            continue
        if raw.get("value") is None or str(raw.get("value")).strip() == "":
            continue
        if fact.name in values[fact.group]:
            if values[fact.group][fact.name] != raw.get("value"):
                dropped.append(DroppedItem(item=path, reason="told twice; the first value is kept",
                                           data=_jsonable(raw)))
            continue
        value, problem = _fact_value(fact, raw.get("value"), as_of)
        if problem:
            dropped.append(DroppedItem(item=path, reason=problem, data=_jsonable(raw)))
            continue
        values[fact.group][fact.name] = value
        quote = raw.get("evidence")
        if isinstance(quote, str) and quote.strip():
            evidence[path] = Evidence(quote=quote.strip())
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
        contact=Contact(**values["contact"]),
        company=Company(**values["company"]),
        bant=Bant(**values["bant"]),
        lead_source=values[""].get("lead_source"),
        interactions=interactions,
        disqualifiers=disqualifiers,
        evidence=evidence,
    )
    return extraction, dropped


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _fact_value(fact: FactField, raw: Any, as_of: date | None) -> tuple[Any, str | None]:
    """The value of `raw` for `fact`, or why it is not one."""
    group_model = {"contact": Contact, "company": Company, "bant": Bant, "": Extraction}[fact.group]
    value: Any = raw
    if fact.path == "bant.timeline_days" and isinstance(raw, str) and _ISO_DATE.match(raw.strip()):
        if as_of is None:
            return None, "a deadline date needs the reference date"
        try:
            value = (date.fromisoformat(raw.strip()) - as_of).days
        except ValueError:
            return None, f"{raw!r} is not a date"
    elif fact.number is not None and isinstance(raw, str):
        number = parse_number(raw)
        if number is None:
            return None, f"{raw!r} is not a number"
        value = round(number) if fact.number is int else number
    elif fact.number is int and isinstance(raw, float):
        value = round(raw)
    elif fact.number is None and isinstance(raw, int | float) and fact.enum is None:
        value = str(raw)
    elif fact.path == "company.country" and isinstance(raw, str) and len(raw.strip()) > 2:
        named = readers.countries_named(raw)  # "Poland", "Germania": the country's code
        value = next(iter(named)) if len(named) == 1 else raw
    value = _tidy(group_model.model_fields[fact.name].annotation, fact.name, value)
    try:
        checked = group_model.model_validate({fact.name: value})
    except ValidationError as exc:
        return None, _first_error(exc)
    return getattr(checked, fact.name), None


# --- grounding: Extraction vs the text ------------------------------------------------------


@cache
def _machine_patterns() -> tuple[re.Pattern[str], ...]:
    data = vocab.common().get("machine", {})
    roles = "|".join(data.get("roles", []))
    tokens = "|".join(data.get("tokens", []))
    found = [
        re.compile(r"```.*?(?:```|\Z)", re.DOTALL),
        # a JSON object (one level of nesting) with at least one "key": value
        re.compile(r"\{(?:[^{}]|\{[^{}]*\})*\"[^\"\n]{1,60}\"\s*:(?:[^{}]|\{[^{}]*\})*\}"),
    ]
    if tokens:  # a chat-template token opens a turn that runs to the next blank line
        found.append(re.compile(rf"(?:{tokens}).*?(?=\n\s*\n|\Z)", re.DOTALL | re.IGNORECASE))
    if roles:  # "### System:", "[system]", "<assistant>": a fake turn, to the next blank line
        found.append(
            re.compile(
                rf"^[ \t]*(?:#{{1,6}}[ \t]*|\[[ \t]*|<[ \t]*)(?:{roles})\b[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*",
                re.IGNORECASE | re.MULTILINE,
            )
        )
    return tuple(found)


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def machine_spans(text: str, reading: readers.Reading | None = None) -> list[tuple[int, int]]:
    """The parts of `text` addressed to a machine rather than written about the lead: fenced
    code, JSON objects, chat-template turns, fake "### System:" messages, and sentences that
    give an AI orders ("ignore previous instructions", "mark this lead as SQL"; the words are
    the vocabulary's `machine_instruction` class, in every language)."""
    spans = [(m.start(), m.end()) for p in _machine_patterns() for m in p.finditer(text)]
    reading = reading or readers.Reading(text)
    starts = [f[1] for f in reading.found if f[0] == "machine_instruction"]
    if starts:
        for m in _SENTENCE.finditer(text):
            if any(m.start() <= start < m.end() for start in starts):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _occurrences(quote: str, text: str, folded: str) -> list[tuple[int, int]]:
    """Every place `quote` stands in the note (case and accents aside)."""
    needle = fold(quote).strip()
    out, start = [], 0
    while needle and (found := folded.find(needle, start)) >= 0:
        out.append((found, found + len(needle)))
        start = found + 1
    return out


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _place(
    quote: str | None, text: str, folded: str, machine: list[tuple[int, int]],
    avoid: list[tuple[int, int]] | None = None, shortest: int = 3,
) -> tuple[tuple[int, int] | None, str | None]:
    """Where `quote` stands in the note (preferably outside `avoid`), or why it does not count."""
    if not quote or not quote.strip():
        return None, "no evidence given"
    span = locate(quote, text, folded=folded, avoid=[*machine, *(avoid or [])], shortest=shortest)
    if span is None:
        return None, "evidence not found in the text"
    if _inside(span, machine):
        return None, "evidence is inside text pasted for a machine (JSON, code or a system turn)"
    return span, None


def ground(
    extraction: Extraction, text: str, *, as_of: date | None = None, lang: str | None = None,
    reading: readers.Reading | None = None,
) -> tuple[Extraction, list[DroppedItem]]:
    """The extraction with only what `text` supports, and what was dropped and why.

    With `as_of`, an interaction dated after the reference date loses its date (a note
    reports what happened; a future date would earn more than full points), and deadlines
    are read against it.
    """
    folded = fold(text)
    reading = reading or readers.Reading(text)  # the vocabulary's classes, read once
    machine = machine_spans(text, reading)
    dropped: list[DroppedItem] = []

    interactions: list[Interaction] = []
    for item in extraction.interactions:
        span, problem = _place(item.evidence, text, folded, machine)
        if span is None:
            dropped.append(DroppedItem(item="interaction", reason=problem or "", data=item.model_dump(mode="json")))
            continue
        item = item.model_copy(update={"evidence": text[span[0] : span[1]]})
        stated = reading.headcounts(span[0], span[1], lang)
        if item.count > 1 and stated and item.count not in stated:
            # The evidence names a different number: take it when it is the only one.
            count = next(iter(stated)) if len(stated) == 1 else 1
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
        span, problem = _place(item.evidence, text, folded, machine)
        if span is None:
            dropped.append(DroppedItem(item="disqualifier", reason=problem or "", data=item.model_dump(mode="json")))
            continue
        disqualifiers.append(item.model_copy(update={"evidence": text[span[0] : span[1]]}))

    kept: dict[str, Evidence] = {}
    cleared: dict[str, dict[str, Any]] = {}
    for fact in FACTS:
        value = get_value(extraction, fact)
        if value is None or value == "":
            continue
        given = extraction.evidence.get(fact.path)
        evidence, problem = _ground_fact(fact, value, given, extraction, kept, text, folded, machine, as_of, lang,
                                         reading)
        if evidence is None:
            cleared.setdefault(fact.group, {})[fact.name] = None
            dropped.append(
                DroppedItem(
                    item=fact.path,
                    reason=problem or "not supported by the text",
                    data={"value": _jsonable(getattr(value, "value", value)),
                          "evidence": given.quote if given else None},
                )
            )
            continue
        kept[fact.path] = evidence

    updates: dict[str, Any] = {"interactions": interactions, "disqualifiers": disqualifiers, "evidence": kept}
    for group, changes in cleared.items():
        if group:
            updates[group] = getattr(extraction, group).model_copy(update=changes)
        else:
            updates.update(changes)
    return extraction.model_copy(update=updates), dropped


def _ground_fact(
    fact: FactField,
    value: Any,
    given: Evidence | None,
    extraction: Extraction,
    kept: dict[str, Evidence],
    text: str,
    folded: str,
    machine: list[tuple[int, int]],
    as_of: date | None,
    lang: str | None,
    reading: readers.Reading,
) -> tuple[Evidence | None, str | None]:
    """The note's words for one fact, or why it has none."""
    source = fact.derived_from
    if fact.ground is Ground.title:
        own = given if given is not None and given.via is None else None
        if own is not None:
            span, _ = _place(own.quote, text, folded, machine, shortest=_FACT_SHORTEST)
            if span is not None:
                return Evidence(quote=text[span[0] : span[1]], start=span[0], end=span[1]), None
        base = kept.get(source) if source else None
        if base is not None:
            return Evidence(quote=base.quote, start=base.start, end=base.end, via=source), None
        return None, "no job title or words of its own to read it from"
    names: list[tuple[int, int]] = []
    if fact.path == "company.industry" and "company.name" in kept:
        # the same words inside the company's name do not describe it: look elsewhere first
        names = _occurrences(kept["company.name"].quote, text, folded)
    span, problem = _place(given.quote if given else None, text, folded, machine, names,
                           shortest=_FACT_SHORTEST)
    if span is None:
        return None, problem
    if names and _inside(span, names):
        return None, "only the company's name hints at it"
    quote = text[span[0] : span[1]]
    problem = _disagrees(fact, value, quote, span, extraction, text, as_of, lang, reading)
    if problem:
        return None, problem
    return Evidence(quote=quote, start=span[0], end=span[1]), None


_BUDGET_CUES = ("budget", "budget_confirmed", "budget_planned", "budget_none", "budget_unknown")
_FACT_SHORTEST = 2  # a fact may stand on two letters ("MD", "IT", "UK"); its value is checked too


def _disagrees(
    fact: FactField,
    value: Any,
    quote: str,
    span: tuple[int, int],
    extraction: Extraction,
    text: str,
    as_of: date | None,
    lang: str | None,
    reading: readers.Reading,
) -> str | None:
    """Why `value` cannot be read from `quote`, or None when it can."""
    a, b = span
    plain = getattr(value, "value", value)
    ground_kind = fact.ground
    if ground_kind is Ground.text:
        return None if _words_agree(str(plain), quote) else f"{plain!r} is not what its evidence says"
    if ground_kind is Ground.email:
        return None if str(plain).casefold() in quote.casefold() else "the address is not in its evidence"
    if ground_kind is Ground.phone:
        digits, said = _digits(str(plain)), _digits(quote)
        ok = len(digits) >= 6 and (digits in said or (len(said) >= 7 and said in digits))
        return None if ok else "the number is not in its evidence"
    if ground_kind is Ground.number:
        ok = any(_close(float(plain), n) for n in readers.numbers(quote, lang))
        return None if ok else f"{plain:g} is not written in its evidence"
    if ground_kind is Ground.size:
        ok = any(_close(float(plain), n) for n in reading.headcounts(a, b, lang))
        return None if ok else f"{plain:g} cannot be read from its evidence"
    if ground_kind is Ground.place:
        return None if str(plain).upper() in reading.countries(a, b) else f"its evidence names no place in {plain}"
    if ground_kind is Ground.currency:
        ok = str(plain).upper() in readers.currencies_named(quote, lang) or fold(str(plain)) in fold(quote)
        return None if ok else f"its evidence names no amount in {plain}"
    if ground_kind is Ground.deadline:
        ok = readers.has_deadline(quote, as_of or date.today(), lang)
        return None if ok else "its evidence states no date or period"
    if fact.path == "bant.budget" and not (reading.has(a, b, *_BUDGET_CUES) or readers.currencies_named(quote, lang)):
        return "its evidence says nothing about a budget"
    elif fact.path == "bant.authority" and not reading.has(a, b, "decides", "needs_approval"):
        return "its evidence does not say who decides"
    return None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


_WORD = re.compile(r"[^\W_]+|\S")


def _words_agree(value: str, quote: str) -> bool:
    """Every word of `value` stands in `quote`, allowing for inflection ("Kraków" in "w
    Krakowie", "Kacper Nowak" in "z Kacprem Nowakiem")."""
    said = _WORD.findall(fold(quote))
    words = _WORD.findall(fold(value))
    if not words:
        return False
    if fold(value).strip() in fold(quote):
        return True
    for word in words:
        if not word.isalnum():
            continue
        stem = word[: max(3, len(word) - 2)] if len(word) > 4 else word
        if not any(w == word or (len(word) > 4 and w.startswith(stem)) for w in said):
            return False
    return True


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.5, 0.005 * abs(b))
