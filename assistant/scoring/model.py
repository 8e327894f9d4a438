"""The scoring file: its schema, the loader that rejects mistakes by line, the compiled model.

Every number the scorer uses comes from here (SPEC sections 4 and 5). `load_scoring`
reads a TOML file, checks its shape with pydantic (strict types, unknown keys rejected)
and its meaning by hand (known kinds, ordered bands, caps not below points ...), and
turns every problem into a `ScoringFileError` naming the file, the line and the key.
The `ScoringModel` precomputes lookups (decay table, kind tables, domain sets) so that
scoring a lead is dictionary look-ups and arithmetic.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.domain import Department, Industry, InteractionKind, Seniority

DEFAULT_SOURCE = "default"
_DEFAULT_RESOURCE = "default_scoring.toml"

KINDS: tuple[str, ...] = tuple(k.value for k in InteractionKind)
SENIORITIES: tuple[str, ...] = tuple(s.value for s in Seniority)
DEPARTMENTS: tuple[str, ...] = tuple(d.value for d in Department)
INDUSTRIES: tuple[str, ...] = tuple(i.value for i in Industry)
FIT_ATTRIBUTES: tuple[str, ...] = ("seniority", "department", "employees", "industry", "country")
BANT_BUDGETS: tuple[str, ...] = ("confirmed", "planned", "none")
BANT_AUTHORITIES: tuple[str, ...] = ("decision_maker", "influencer")


class ScoringFileError(ValueError):
    """A scoring file that cannot be used; the message says where and what is wrong."""

    def __init__(self, message: str, *, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: list[str] = list(problems) or [message]


# --- the file's shape ------------------------------------------------------------------


class _Strict(BaseModel):
    # strict: "90" is not a number, true is not a number; extra keys are mistakes.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EngagementRules(_Strict):
    half_life_days: float
    max_age_days: int
    min_score: float
    max_score: float
    points: dict[str, float]
    caps: dict[str, float] = Field(default_factory=dict)


class DepartmentRule(_Strict):
    targets: list[str]
    target_points: float
    other_points: float


class EmployeeBand(_Strict):
    min: int
    max: int | None = None
    points: float


class EmployeeRule(_Strict):
    bands: list[EmployeeBand]


class TargetRule(_Strict):
    targets: list[str]
    target_points: float
    other_points: float


class EnrichedRule(_Strict):
    points: float


class PersonalEmailRule(_Strict):
    points: float
    domains: list[str]


class FitRules(_Strict):
    min_score: float
    max_score: float
    seniority: dict[str, float]
    department: DepartmentRule
    employees: EmployeeRule
    industry: TargetRule
    country: TargetRule
    enriched: EnrichedRule
    personal_email: PersonalEmailRule


class PoorFitRule(_Strict):
    grades: list[str]
    min_known_attributes: int
    attributes: list[str]


class SqlRule(_Strict):
    hand_raise_kinds: list[str]
    hand_raise_window_days: int
    bant_min_met: int


class PqlRule(_Strict):
    usage_kinds: list[str]
    usage_window_days: int


class MqlRule(_Strict):
    min_engagement: float
    min_fit: float


class StageRules(_Strict):
    sql: SqlRule
    pql: PqlRule
    mql: MqlRule


class BantRules(_Strict):
    budget: list[str]
    authority: list[str]
    timeline_min_days: int
    timeline_max_days: int


class ScoringRules(_Strict):
    """The whole scoring file, as written."""

    engagement: EngagementRules
    fit: FitRules
    grades: dict[str, float]
    poor_fit: PoorFitRule
    stages: StageRules
    bant: BantRules


# --- the compiled model ----------------------------------------------------------------

# Points and detail texts of `count` occurrences of a kind, computed once when first met:
# (points by age in days, detail by age in days, detail when undated, detail when future)
CountTable = tuple[tuple[float, ...], tuple[str, ...], str, str]
# Counts below this get a CountTable; larger ones (rare) are computed each time.
TABLE_COUNTS = 11
# (id, points, points as text, cap or None, is a hand-raise, is product usage,
#  CountTable by count, filled lazily)
KindFacts = tuple[str, float, str, float | None, bool, bool, list[CountTable | None]]


class ScoringModel:
    """A checked scoring file plus the lookups the scorer needs, computed once."""

    def __init__(self, rules: ScoringRules, *, hash: str, source: str) -> None:
        self.rules = rules
        self.hash = hash
        self.source = source
        eng, fit = rules.engagement, rules.fit
        # a kind or level the file does not name scores 0 (a warning says so)
        self.points: dict[str, float] = {k.value: eng.points.get(k.value, 0.0) for k in InteractionKind}
        self.warnings: list[str] = []
        self.caps: dict[str, float] = dict(eng.caps)
        self.max_age_days = eng.max_age_days
        self.half_life_days = eng.half_life_days
        # decay by whole days of age: index = age; ages beyond the table count 0
        self.decay: tuple[float, ...] = tuple(
            0.5 ** (age / eng.half_life_days) for age in range(eng.max_age_days + 1)
        )
        self.age_texts: tuple[str, ...] = (
            "today",
            *(f"{age} day{'' if age == 1 else 's'} old, decay x{self.decay[age]:.3f}"
              for age in range(1, eng.max_age_days + 1)),
        )
        # kind id -> KindFacts
        sql, pql = rules.stages.sql, rules.stages.pql
        self.kind_table: dict[str, KindFacts] = {}
        for kind in InteractionKind:
            per = self.points[kind.value]
            self.kind_table[kind.value] = (
                kind.value,
                per,
                f"{per:g}",
                eng.caps.get(kind.value),
                kind.value in sql.hand_raise_kinds,
                kind.value in pql.usage_kinds,
                [None] * TABLE_COUNTS,
            )
        self.engagement_bounds = (eng.min_score, eng.max_score)
        self.fit_bounds = (fit.min_score, fit.max_score)
        # fit points are shown and summed at one decimal, so round them once here
        self.seniority_points = {s: round(fit.seniority.get(s, 0.0), 1) for s in SENIORITIES}
        self.department_targets = frozenset(fit.department.targets)
        self.department_points = (round(fit.department.target_points, 1),
                                  round(fit.department.other_points, 1))
        self.employee_bands = tuple(
            (b.min, b.max, round(b.points, 1),
             f"employees: {b.min}-{b.max}" if b.max is not None else f"employees: {b.min} or more")
            for b in fit.employees.bands
        )
        self.industry_targets = frozenset(fit.industry.targets)
        self.industry_points = (round(fit.industry.target_points, 1),
                                round(fit.industry.other_points, 1))
        self.country_targets = frozenset(c.upper() for c in fit.country.targets)
        self.country_points = (round(fit.country.target_points, 1),
                               round(fit.country.other_points, 1))
        self.enriched_points = round(fit.enriched.points, 1)
        self.personal_points = round(fit.personal_email.points, 1)
        domains = [d.lower().strip() for d in fit.personal_email.domains]
        self.personal_domains = frozenset(d for d in domains if "." in d)
        self.personal_providers = frozenset(d for d in domains if "." not in d)
        self.grades: tuple[tuple[str, float], ...] = tuple(rules.grades.items())
        self.poor_grades = frozenset(rules.poor_fit.grades)
        self.poor_min_known = rules.poor_fit.min_known_attributes
        self.poor_attributes = tuple(rules.poor_fit.attributes)
        # 1 when the attribute counts towards "known attributes", in FIT_ATTRIBUTES order
        self.poor_counts = tuple(int(a in rules.poor_fit.attributes) for a in FIT_ATTRIBUTES)
        mql = rules.stages.mql
        self.hand_raise_kinds = frozenset(sql.hand_raise_kinds)
        self.hand_raise_window = sql.hand_raise_window_days
        self.bant_min_met = sql.bant_min_met
        self.usage_kinds = frozenset(pql.usage_kinds)
        self.usage_window = pql.usage_window_days
        self.mql_min_engagement = mql.min_engagement
        self.mql_min_fit = mql.min_fit
        self.bant_budgets = frozenset(rules.bant.budget)
        self.bant_authorities = frozenset(rules.bant.authority)
        self.timeline_range = (rules.bant.timeline_min_days, rules.bant.timeline_max_days)
        # explanation fragments that depend only on the model, the language and a few facts
        self.text_cache: dict[tuple, tuple[tuple[str, ...], str]] = {}
        self.summary_cache: dict[tuple, str] = {}
        self.usage_gap_texts: dict[int, str] = {}

    def __repr__(self) -> str:
        return f"ScoringModel(source={self.source!r}, hash={self.hash!r})"

    def count_table(self, kind: str, count: int) -> CountTable:
        """Points and detail texts of `count` occurrences of `kind`, by age in days."""
        per = self.points[kind]
        head = f"{count} x {per:g}, "
        return (
            tuple(round(per * count * d, 1) for d in self.decay),
            tuple(head + text for text in self.age_texts),
            head + "undated, counts as the reference date",
            head + "dated after the reference date, counts as today",
        )

    def grade_of(self, score: float) -> str:
        for name, lowest in self.grades:
            if score >= lowest:
                return name
        return self.grades[-1][0]  # unreachable for a checked file; kept total


# --- loading ---------------------------------------------------------------------------


def load_scoring(path: Path | str | None = None) -> ScoringModel:
    """The scoring model in `path`, or the packaged default. Raises ScoringFileError."""
    if path is None:
        data = resources.files("assistant.scoring").joinpath(_DEFAULT_RESOURCE).read_bytes()
        return parse_scoring(data, source=DEFAULT_SOURCE, name=_DEFAULT_RESOURCE)
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScoringFileError(f"{path}: no such scoring file") from None
    except OSError as exc:
        raise ScoringFileError(f"{path}: cannot read the scoring file: {exc.strerror}") from None
    return parse_scoring(data, source=str(path), name=str(path))


def parse_scoring(data: bytes, *, source: str, name: str) -> ScoringModel:
    """Check the bytes of a scoring file and compile them; `name` prefixes error messages."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScoringFileError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScoringFileError(_toml_syntax_message(name, str(exc))) from None
    lines = _KeyLines(text)
    try:
        rules = ScoringRules.model_validate(raw)
    except ValidationError as exc:
        _raise(name, lines, _pydantic_problems(exc))
    _raise(name, lines, list(_check_meaning(rules)))
    digest = hashlib.sha256(data).hexdigest()[:12]
    model = ScoringModel(rules, hash=digest, source=source)
    model.warnings = [_located(name, lines, loc, what) for loc, what in _check_gaps(rules)]
    return model


Loc = tuple[str | int, ...]


def _located(name: str, lines: _KeyLines, loc: Loc, what: str) -> str:
    key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    return f"{name}:{lines.line_of(loc)}: {key or '(top level)'}: {what}"


def _raise(name: str, lines: _KeyLines, problems: list[tuple[Loc, str]]) -> None:
    if not problems:
        return
    messages = [_located(name, lines, loc, what) for loc, what in problems]
    raise ScoringFileError("\n".join(messages), problems=messages)


def _toml_syntax_message(name: str, error: str) -> str:
    # tomllib says "Invalid value (at line 14, column 9)"; move the line to the front.
    match = re.search(r"\(at line (\d+), column (\d+)\)", error)
    if match:
        what = error[: match.start()].strip()
        return f"{name}:{match.group(1)}: TOML syntax error: {what} (column {match.group(2)})"
    return f"{name}: TOML syntax error: {error}"


_TYPE_WORDS = {
    "float": "a number",
    "int": "a whole number",
    "bool": "true or false",
    "string": "text in quotes",
    "list": "a list [...]",
    "dict": "a table",
    "model": "a table",
}


def _pydantic_problems(exc: ValidationError) -> list[tuple[Loc, str]]:
    """One problem per error; a key reported missing because it is misspelt is reported
    once, as the misspelling (which names the key it should be)."""
    errors = exc.errors()
    misspelt: set[Loc] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            close = difflib.get_close_matches(str(loc[-1]), _fields_at(loc[:-1]), n=1, cutoff=0.6)
            if close:
                misspelt.add((*loc[:-1], close[0]))
    return [
        _pydantic_problem(e)
        for e in errors
        if not (e["type"] == "missing" and tuple(e["loc"]) in misspelt)
    ]


def _pydantic_problem(error: Any) -> tuple[Loc, str]:
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    if kind == "missing":
        if _is_section(loc):
            return loc, "missing required section; copy it from the default scoring file"
        return loc, "missing required key; copy it from the default scoring file"
    if kind == "extra_forbidden":
        known = _fields_at(loc[:-1])
        hint = _suggest(str(loc[-1]), known)
        return loc, f"unknown key {loc[-1]!r}{hint}; known keys here: {', '.join(known)}"
    for prefix, words in _TYPE_WORDS.items():
        if kind.startswith(prefix) or kind == f"{prefix}_type":
            return loc, f"wrong type: expected {words}, got {_describe(value)}"
    return loc, f"{error['msg']} (got {_describe(value)})"


def _describe(value: Any) -> str:
    type_name = {bool: "a boolean", str: "text", int: "a whole number", float: "a number",
                 list: "a list", dict: "a table"}.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{type_name} {shown}" if not isinstance(value, dict) else type_name


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The pydantic model class that describes the table at `loc`, if any."""
    model: type[BaseModel] | None = ScoringRules
    item: type[BaseModel] | None = None  # the model of a list's entries, awaiting an index
    for part in loc:
        if isinstance(part, int):
            if item is None:
                return None
            model, item = item, None
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return None
        annotation = field.annotation
        args = get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif get_origin(annotation) is list and args and issubclass(args[0], BaseModel):
            model, item = None, args[0]
        else:
            return None
    return model


def _is_section(loc: Loc) -> bool:
    parent = _model_at(loc[:-1])
    if parent is None:
        return False
    field = parent.model_fields.get(str(loc[-1]))
    if field is None:
        return False
    annotation = field.annotation
    return (isinstance(annotation, type) and issubclass(annotation, BaseModel)) or (
        get_origin(annotation) is dict
    )


def _fields_at(loc: Loc) -> list[str]:
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []


def _suggest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- warnings: what a valid file leaves out ---------------------------------------------


def _check_gaps(rules: ScoringRules) -> Iterable[tuple[Loc, str]]:
    """Kinds and levels a file gives no points: they score 0. A file written before a kind
    or level existed stays valid; `rules check` says what it leaves out."""
    missing = [k for k in KINDS if k not in rules.engagement.points]
    if missing:
        yield ("engagement", "points"), f"no points for {', '.join(missing)}: they score 0"
    missing = [s for s in SENIORITIES if s not in rules.fit.seniority]
    if missing:
        yield ("fit", "seniority"), f"no points for {', '.join(missing)}: they score 0"


# --- meaning: what a well-typed file can still get wrong -------------------------------


def _check_meaning(rules: ScoringRules) -> Iterable[tuple[Loc, str]]:
    eng, fit = rules.engagement, rules.fit
    yield from _check_names(("engagement", "points"), eng.points, KINDS, "interaction kind")
    yield from _check_names(("engagement", "caps"), eng.caps, KINDS, "interaction kind")
    for kind, cap in eng.caps.items():
        points = eng.points.get(kind)
        if points is None:
            continue
        if points <= 0:
            yield ("engagement", "caps", kind), (
                f"a cap needs positive points, but {kind} has {_n(points)}; remove the cap"
            )
        elif cap < points:
            yield ("engagement", "caps", kind), (
                f"cap {_n(cap)} is below the {_n(points)} points of a single {kind}"
            )
    if eng.half_life_days <= 0:
        yield ("engagement", "half_life_days"), f"must be above 0 days, got {_n(eng.half_life_days)}"
    if eng.max_age_days < 0:
        yield ("engagement", "max_age_days"), f"must be 0 or more days, got {eng.max_age_days}"
    yield from _check_bounds(("engagement",), eng.min_score, eng.max_score)

    yield from _check_bounds(("fit",), fit.min_score, fit.max_score)
    yield from _check_names(("fit", "seniority"), fit.seniority, SENIORITIES, "seniority")
    yield from _check_list(("fit", "department", "targets"), fit.department.targets, DEPARTMENTS,
                           "department")
    yield from _check_list(("fit", "industry", "targets"), fit.industry.targets, INDUSTRIES,
                           "industry")
    for i, code in enumerate(fit.country.targets):
        if not re.fullmatch(r"[A-Za-z]{2}", code):
            yield ("fit", "country", "targets", i), (
                f"{code!r} is not an ISO 3166-1 alpha-2 country code (like 'IT' or 'PL')"
            )
    yield from _check_bands(fit.employees.bands)
    for i, domain in enumerate(fit.personal_email.domains):
        if not domain.strip() or "@" in domain or " " in domain.strip():
            yield ("fit", "personal_email", "domains", i), (
                f"{domain!r} is not a domain (write 'gmail' or 'wp.pl', without @)"
            )

    yield from _check_grades(rules.grades, fit.min_score)
    poor = rules.poor_fit
    yield from _check_list(("poor_fit", "grades"), poor.grades, tuple(rules.grades), "grade")
    yield from _check_list(("poor_fit", "attributes"), poor.attributes, FIT_ATTRIBUTES,
                           "fit attribute")
    if not 0 <= poor.min_known_attributes <= len(poor.attributes):
        yield ("poor_fit", "min_known_attributes"), (
            f"must be between 0 and the {len(poor.attributes)} attributes listed, "
            f"got {poor.min_known_attributes}"
        )

    sql, pql, mql = rules.stages.sql, rules.stages.pql, rules.stages.mql
    yield from _check_list(("stages", "sql", "hand_raise_kinds"), sql.hand_raise_kinds, KINDS,
                           "interaction kind")
    yield from _check_list(("stages", "pql", "usage_kinds"), pql.usage_kinds, KINDS,
                           "interaction kind")
    for loc, days in (
        (("stages", "sql", "hand_raise_window_days"), sql.hand_raise_window_days),
        (("stages", "pql", "usage_window_days"), pql.usage_window_days),
    ):
        if days <= 0:
            yield loc, f"a window must be above 0 days, got {days}"
    if not 1 <= sql.bant_min_met <= 4:
        yield ("stages", "sql", "bant_min_met"), (
            f"must be between 1 and 4 (there are 4 BANT criteria), got {sql.bant_min_met}"
        )
    if not eng.min_score <= mql.min_engagement <= eng.max_score:
        yield ("stages", "mql", "min_engagement"), (
            f"{_n(mql.min_engagement)} can never be reached: engagement runs "
            f"{_n(eng.min_score)}..{_n(eng.max_score)}"
        )
    if not fit.min_score <= mql.min_fit <= fit.max_score:
        yield ("stages", "mql", "min_fit"), (
            f"{_n(mql.min_fit)} can never be reached: fit runs "
            f"{_n(fit.min_score)}..{_n(fit.max_score)}"
        )

    bant = rules.bant
    yield from _check_list(("bant", "budget"), bant.budget, BANT_BUDGETS, "budget status")
    yield from _check_list(("bant", "authority"), bant.authority, BANT_AUTHORITIES, "authority")
    if bant.timeline_max_days < bant.timeline_min_days:
        yield ("bant", "timeline_max_days"), (
            f"{bant.timeline_max_days} is below timeline_min_days {bant.timeline_min_days}"
        )


def _n(value: float) -> str:
    return f"{value:g}"


def _check_names(
    loc: Loc, table: dict[str, float], known: Sequence[str], what: str
) -> Iterable[tuple[Loc, str]]:
    for key in table:
        if key not in known:
            yield (*loc, key), (
                f"unknown {what} {key!r}{_suggest(key, known)}; known: {', '.join(known)}"
            )


def _check_list(
    loc: Loc, values: Sequence[str], known: Sequence[str], what: str
) -> Iterable[tuple[Loc, str]]:
    for i, value in enumerate(values):
        if value not in known:
            yield (*loc, i), (
                f"unknown {what} {value!r}{_suggest(value, known)}; known: {', '.join(known)}"
            )


def _check_bounds(loc: Loc, low: float, high: float) -> Iterable[tuple[Loc, str]]:
    if high <= low:
        yield (*loc, "max_score"), f"max_score {_n(high)} must be above min_score {_n(low)}"


def _check_bands(bands: Sequence[EmployeeBand]) -> Iterable[tuple[Loc, str]]:
    loc: Loc = ("fit", "employees", "bands")
    if not bands:
        yield loc, "needs at least one band"
    previous_max: int | None = None
    for i, band in enumerate(bands):
        if band.min < 0:
            yield (*loc, i), f"min {band.min} is below 0 employees"
        if band.max is not None and band.max < band.min:
            yield (*loc, i), f"max {band.max} is below min {band.min}"
        if band.max is None and i != len(bands) - 1:
            yield (*loc, i), "only the last band may leave out max"
        if i > 0 and previous_max is not None and band.min <= previous_max:
            yield (*loc, i), (
                f"min {band.min} overlaps the band before (bands must ascend without overlap)"
            )
        previous_max = band.max


def _check_grades(grades: dict[str, float], fit_min: float) -> Iterable[tuple[Loc, str]]:
    if not grades:
        yield ("grades",), "needs at least one grade"
        return
    previous: tuple[str, float] | None = None
    for name, lowest in grades.items():
        if previous is not None and lowest >= previous[1]:
            yield ("grades", name), (
                f"{name} = {_n(lowest)} is not below {previous[0]} = {_n(previous[1])}: "
                "grades must be listed best first with strictly descending lowest scores"
            )
        previous = (name, lowest)
    last_name, last_min = list(grades.items())[-1]
    if last_min > fit_min:
        yield ("grades", last_name), (
            f"the last grade starts at {_n(last_min)}, so scores from fit.min_score "
            f"{_n(fit_min)} up would have no grade; set it to {_n(fit_min)}"
        )


# --- finding the line of a key ---------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _split_key(key: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""", key)
    return [p.strip("\"'") for p in parts]


class _KeyLines:
    """Where each table and key of a TOML text is: tomllib does not say, so we scan."""

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str, ...], int] = {}
        self.items: dict[tuple[str, ...], list[int]] = {}
        table: tuple[str, ...] = ()
        open_array: tuple[str, ...] | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header and open_array is None:
                table = tuple(_split_key(header.group(1)))
                self.lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key and open_array is None:
                path = table + tuple(_split_key(key.group(1)))
                self.lines.setdefault(path, number)
                rest = line[key.end():]
                if rest.count("[") > rest.count("]"):
                    open_array = path
                    self.items[path] = []
                    rest_items = rest.split("[", 1)[1]
                    if rest_items.strip() and not rest_items.strip().startswith("#"):
                        self.items[path].append(number)
                continue
            if open_array is not None:
                stripped = line.strip()
                if stripped and not stripped.startswith("#") and not stripped.startswith("]"):
                    # one entry per line is the usual layout of a multi-line array
                    for _ in range(max(1, stripped.count("{"))):
                        self.items[open_array].append(number)
                if "]" in line and line.count("]") > line.count("["):
                    open_array = None

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest part of `loc` found in the text (1 when none is)."""
        best = 1
        path: tuple[str, ...] = ()
        for part in loc:
            if isinstance(part, int):
                items = self.items.get(path, [])
                if part < len(items):
                    return items[part]  # keys inside an inline table sit on its line
                return best
            path = (*path, part)
            if path in self.lines:
                best = self.lines[path]
        return best
