"""The fact registry: every fact an extraction can state, read off the domain types.

Each scalar field of `Contact`, `Company`, `Bant` and `Extraction.lead_source` carries a
`domain.Fact` annotation saying how its evidence is grounded, which lead column stores it,
how people call it and what scores it. This module collects them once, in schema order
(a job title comes before the seniority read from it), so grounding, storage, the LLM
schema and every view walk one list instead of naming fields one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from assistant.domain import Bant, Company, Contact, Extraction, Fact, Ground

__all__ = ["FACTS", "FactField", "by_path", "fact_values", "get_value", "set_values"]

_GROUPS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("contact", Contact),
    ("company", Company),
    ("", Extraction),
    ("bant", Bant),
)


@dataclass(frozen=True, slots=True)
class FactField:
    """One fact: its path in an Extraction ('company.employees') and its registry entry."""

    path: str
    group: str  # contact | company | bant | "" (a field of Extraction itself)
    name: str
    fact: Fact
    enum: type[Enum] | None  # the value's enum type, when it has one
    number: type | None  # int or float, when the value is a number

    @property
    def column(self) -> str:
        return self.fact.column

    @property
    def ground(self) -> Ground:
        return self.fact.ground

    @property
    def label(self) -> str:
        return self.fact.label

    @property
    def derived_from(self) -> str | None:
        return self.fact.derived_from

    @property
    def max_length(self) -> int | None:
        return self.fact.max_length


def _value_types(annotation: Any) -> tuple[type[Enum] | None, type | None]:
    enum = number = None
    for arg in get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, Enum):
            enum = arg
        elif arg in (int, float):
            number = arg
    return enum, number


def _collect() -> tuple[FactField, ...]:
    found: list[FactField] = []
    for group, model in _GROUPS:
        for name, info in model.model_fields.items():
            fact = next((m for m in info.metadata if isinstance(m, Fact)), None)
            if fact is None:
                continue
            enum, number = _value_types(info.annotation)
            path = f"{group}.{name}" if group else name
            found.append(FactField(path, group, name, fact, enum, number))
    return tuple(found)


FACTS: tuple[FactField, ...] = _collect()
_BY_PATH: dict[str, FactField] = {f.path: f for f in FACTS}


def by_path(path: str) -> FactField:
    """The fact at `path`; KeyError for a path that is no fact."""
    return _BY_PATH[path]


def get_value(extraction: Extraction, fact: FactField) -> Any:
    part = getattr(extraction, fact.group) if fact.group else extraction
    return getattr(part, fact.name)


def fact_values(extraction: Extraction) -> dict[str, Any]:
    """{path: value} of every known fact of `extraction`."""
    out: dict[str, Any] = {}
    for fact in FACTS:
        value = get_value(extraction, fact)
        if value is not None and value != "":
            out[fact.path] = value
    return out


@cache
def _group_fields() -> dict[str, tuple[FactField, ...]]:
    groups: dict[str, list[FactField]] = {}
    for fact in FACTS:
        groups.setdefault(fact.group, []).append(fact)
    return {g: tuple(fs) for g, fs in groups.items()}


def set_values(extraction: Extraction, values: dict[str, Any]) -> Extraction:
    """A copy of `extraction` with the facts at these paths set (None clears one)."""
    updates: dict[str, Any] = {}
    by_group: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        fact = _BY_PATH[path]
        by_group.setdefault(fact.group, {})[fact.name] = value
    for group, changes in by_group.items():
        if group:
            updates[group] = getattr(extraction, group).model_copy(update=changes)
        else:
            updates.update(changes)
    return extraction.model_copy(update=updates)
