"""Measure extraction and verdicts against a labelled dataset (SPEC section 8).

`load_cases(path)` reads the JSONL cases; `evaluate(cases, extractor=..., scoring=...)`
runs the stateless qualify path on each and returns an `EvalReport` with stage accuracy
and a confusion matrix, interaction-kind precision/recall/F1 (micro and per kind),
accuracy per attribute, evidence grounding, all overall and per language. Only fields
present in a case's `gold` are judged. A case whose extraction fails is counted as an
error and judged as an empty extraction, so one bad case never stops the run.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant.domain import Extraction, Stage
from assistant.extract import Extractor
from assistant.extract.errors import ExtractionError
from assistant.qualify import qualify_text
from assistant.scoring import ScoringModel, score
from assistant.scoring.fit import is_enriched

# Attributes judged when the gold has them, in the order the report prints them.
ATTRIBUTES = (
    "seniority", "department", "employees", "industry", "country", "email", "enriched",
    "budget", "authority", "need", "timeline_days", "disqualifiers",
)
TIMELINE_TOLERANCE_DAYS = 7
STAGES = [s.value for s in Stage]


class DatasetError(ValueError):
    """A dataset line that is not a case; the message names the file and line."""


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    as_of: date
    text: str
    gold: dict[str, Any]


def load_cases(path: Path) -> list[Case]:
    """Every case of a JSONL dataset: {"id", "lang", "as_of", "text", "gold"} a line."""
    cases: list[Case] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{where}: not valid JSON ({exc.msg})") from None
            missing = [k for k in ("text", "as_of", "gold") if k not in data]
            if missing:
                raise DatasetError(f"{where}: missing {', '.join(missing)}")
            try:
                as_of = date.fromisoformat(data["as_of"])
            except (TypeError, ValueError):
                raise DatasetError(f"{where}: as_of {data['as_of']!r} is not YYYY-MM-DD") from None
            cases.append(Case(str(data.get("id", number)), str(data.get("lang") or "?"), as_of,
                              data["text"], dict(data["gold"])))
    return cases


# --- what one case predicted -------------------------------------------------------------


def _predicted_attributes(extraction: Extraction) -> dict[str, Any]:
    c, co, b = extraction.contact, extraction.company, extraction.bant
    return {
        "seniority": c.seniority.value if c.seniority else None,
        "department": c.department.value if c.department else None,
        "employees": co.employees,
        "industry": co.industry.value if co.industry else None,
        "country": co.country.upper() if co.country else None,
        "email": c.email.lower() if c.email else None,
        "enriched": is_enriched(extraction),
        "budget": b.budget.value if b.budget else None,
        "authority": b.authority.value if b.authority else None,
        "need": bool(b.need and b.need.strip()),
        "timeline_days": b.timeline_days,
        "disqualifiers": sorted({d.kind.value for d in extraction.disqualifiers}),
    }


def attribute_correct(name: str, gold: Any, predicted: Any) -> bool:
    """Whether one predicted attribute matches the gold value, by that attribute's rule."""
    if name == "timeline_days":
        if gold is None or predicted is None:
            return gold is None and predicted is None
        return abs(int(gold) - int(predicted)) <= TIMELINE_TOLERANCE_DAYS
    if name == "disqualifiers":
        return sorted(set(gold or [])) == sorted(set(predicted or []))
    if name == "need":
        return bool(gold) == bool(predicted)
    if name in ("email", "country") and isinstance(gold, str):
        return predicted is not None and gold.lower() == str(predicted).lower()
    return gold == predicted


def _evidences(extraction: Extraction) -> list[str]:
    return [i.evidence for i in extraction.interactions] + [d.evidence for d in extraction.disqualifiers]


@dataclass
class CaseResult:
    case: Case
    stage: str | None
    kinds: set[str]
    attributes: dict[str, Any]
    grounded: int
    evidences: int
    dated: list[tuple[str, str | None, bool]] = field(default_factory=list)  # (kind, gold date, found)
    error: str | None = None
    seconds: float = 0.0
    extraction: Extraction | None = None

    @property
    def gold_kinds(self) -> set[str]:
        return {i["kind"] for i in self.case.gold.get("interactions") or []}


def run_case(case: Case, *, extractor: Extractor, scoring: ScoringModel) -> CaseResult:
    started = time.perf_counter()
    error = None
    try:
        q = qualify_text(case.text, as_of=case.as_of, extractor=extractor, scoring=scoring)
        extraction, stage = q.result.extraction, q.verdict.stage.value
    except ExtractionError as exc:
        error = exc.user_message
        extraction = Extraction()
        stage = score(extraction, as_of=case.as_of, model=scoring).stage.value
    seconds = time.perf_counter() - started
    evidences = _evidences(extraction)
    # each gold interaction whose kind was found: is its date among the dates found for that kind?
    predicted_dates: dict[str, set[str | None]] = defaultdict(set)
    for i in extraction.interactions:
        predicted_dates[i.kind.value].add(i.occurred_on.isoformat() if i.occurred_on else None)
    dated = [
        (g["kind"], g.get("occurred_on"), g.get("occurred_on") in predicted_dates[g["kind"]])
        for g in case.gold.get("interactions") or [] if g["kind"] in predicted_dates
    ]
    return CaseResult(
        case=case, stage=stage, kinds={i.kind.value for i in extraction.interactions},
        attributes=_predicted_attributes(extraction),
        grounded=sum(1 for e in evidences if e and e in case.text), evidences=len(evidences),
        dated=dated, error=error, seconds=seconds, extraction=extraction,
    )


# --- the report ----------------------------------------------------------------------------


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Slice:
    """The figures for one set of cases (all of them, or one language)."""

    cases: int = 0
    errors: int = 0
    stage_correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    kinds: dict[str, KindScore] = field(default_factory=lambda: defaultdict(KindScore))
    attribute_hits: Counter[str] = field(default_factory=Counter)
    attribute_total: Counter[str] = field(default_factory=Counter)
    grounded: int = 0
    evidences: int = 0
    dates_correct: int = 0
    dates_total: int = 0

    def add(self, r: CaseResult) -> None:
        self.cases += 1
        self.errors += r.error is not None
        gold = r.case.gold
        if "stage" in gold:
            self.stage_correct += gold["stage"] == r.stage
            self.confusion[(gold["stage"], r.stage or "?")] += 1
        if "interactions" in gold:
            gold_kinds = r.gold_kinds
            for kind in gold_kinds | r.kinds:
                score_ = self.kinds[kind]
                if kind in gold_kinds and kind in r.kinds:
                    score_.tp += 1
                elif kind in r.kinds:
                    score_.fp += 1
                else:
                    score_.fn += 1
            for _kind, _want, found in r.dated:
                self.dates_total += 1
                self.dates_correct += found
        for name in ATTRIBUTES:
            if name in gold:
                self.attribute_total[name] += 1
                self.attribute_hits[name] += attribute_correct(name, gold[name], r.attributes[name])
        self.grounded += r.grounded
        self.evidences += r.evidences

    @property
    def stage_accuracy(self) -> float:
        judged = sum(self.confusion.values())
        return self.stage_correct / judged if judged else 1.0

    @property
    def kind_micro(self) -> KindScore:
        total = KindScore()
        for s in self.kinds.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    def attribute_accuracy(self, name: str) -> float | None:
        total = self.attribute_total[name]
        return self.attribute_hits[name] / total if total else None

    @property
    def grounding(self) -> float:
        return self.grounded / self.evidences if self.evidences else 1.0

    @property
    def date_accuracy(self) -> float | None:
        return self.dates_correct / self.dates_total if self.dates_total else None

    def as_json(self) -> dict[str, Any]:
        micro = self.kind_micro
        return {
            "cases": self.cases,
            "errors": self.errors,
            "stage_accuracy": round(self.stage_accuracy, 4),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "kinds": {
                "micro": {"precision": round(micro.precision, 4), "recall": round(micro.recall, 4),
                          "f1": round(micro.f1, 4)},
                "per_kind": {
                    k: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                        "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
                    for k, s in sorted(self.kinds.items())
                },
            },
            "attributes": {
                name: round(acc, 4)
                for name in ATTRIBUTES if (acc := self.attribute_accuracy(name)) is not None
            },
            "interaction_dates": None if self.date_accuracy is None else round(self.date_accuracy, 4),
            "grounding": round(self.grounding, 4),
            "evidences": self.evidences,
        }


@dataclass
class EvalReport:
    extractor: str
    overall: Slice
    languages: dict[str, Slice]
    results: list[CaseResult]
    seconds: float

    def failures(self) -> list[CaseResult]:
        """Cases with a wrong stage, for a developer to look at."""
        return [r for r in self.results if "stage" in r.case.gold and r.case.gold["stage"] != r.stage]

    def worst(self) -> dict[str, float]:
        """The lowest figure of each target across languages (what the targets are checked on)."""
        slices = list(self.languages.values()) or [self.overall]
        attrs = [a for s in slices for n in ATTRIBUTES if (a := s.attribute_accuracy(n)) is not None]
        return {
            "stage_accuracy": min(s.stage_accuracy for s in slices),
            "kind_f1": min(s.kind_micro.f1 for s in slices),
            "attribute_accuracy": min(attrs) if attrs else 1.0,
            "grounding": min(s.grounding for s in slices),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "extractor": self.extractor,
            "seconds": round(self.seconds, 3),
            "overall": self.overall.as_json(),
            "languages": {lang: s.as_json() for lang, s in sorted(self.languages.items())},
            "worst": {k: round(v, 4) for k, v in self.worst().items()},
            "cases": [
                {"id": r.case.id, "lang": r.case.lang, "gold_stage": r.case.gold.get("stage"),
                 "stage": r.stage, "missing_kinds": sorted(r.gold_kinds - r.kinds),
                 "extra_kinds": sorted(r.kinds - r.gold_kinds), "error": r.error,
                 "wrong_attributes": sorted(
                     n for n in ATTRIBUTES
                     if n in r.case.gold and not attribute_correct(n, r.case.gold[n], r.attributes[n])
                 )}
                for r in self.results
            ],
        }


def evaluate(
    cases: Sequence[Case],
    *,
    extractor: Extractor,
    scoring: ScoringModel,
    progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    """Qualify every case and measure the results against its gold."""
    started = time.perf_counter()
    overall, languages, results = Slice(), defaultdict(Slice), []
    for done, case in enumerate(cases, start=1):
        r = run_case(case, extractor=extractor, scoring=scoring)
        results.append(r)
        overall.add(r)
        languages[case.lang].add(r)
        if progress is not None:
            progress(done, len(cases))
    return EvalReport(getattr(extractor, "name", "?"), overall, dict(languages), results,
                      time.perf_counter() - started)


def default_dataset() -> Path | None:
    """`../shared/eval/dev.jsonl` from the working directory, or beside the source checkout."""
    here = Path(__file__).resolve().parents[1]
    for path in (Path("../shared/eval/dev.jsonl"), here.parent / "shared/eval/dev.jsonl"):
        if path.is_file():
            return path
    return None
