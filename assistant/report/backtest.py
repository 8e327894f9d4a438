"""Backtests that explain: how each lead would score under a new scoring file, beside the
one in force, on the same reference date, and why it moves.

`rescore --dry-run --scoring NEW.toml` compares the file in force with NEW on one date
per lead (`--as-of`, else the lead's last scoring date), so the comparison shows the
rules change alone, not the passing of time. Without a new file it compares each lead's
current verdict (its last scoring date) with the file in force on `--as-of` (default
today): what time alone would change. Leads are read and scored in batches (the bulk path
of `rescore`); only the movers are kept, with the points that changed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import sessionmaker

from assistant.domain import Stage, Verdict
from assistant.scoring import ScoringModel, score
from storage import crm as crm_store
from storage import repo

if TYPE_CHECKING:
    from assistant.pipeline import Pipeline

BATCH = 2000
# leads from which a backtest scores in other processes (below it, starting them costs more)
PROCESSES_FROM = 20_000

_CURRENT: Backtest | None = None  # the backtest a forked process runs (see _score_range)


def _score_range(job: tuple[int, int, int]) -> tuple[list[Move], Summary]:
    """In a forked process: the movers and counts of the leads with ids first..last."""
    first, last, batch = job
    test = _CURRENT
    assert test is not None
    test.pipeline.engine.dispose(close=False)  # the parent's connections stay the parent's
    test.summary = Summary()
    moves = list(test._between(first - 1, last, None, batch))
    return moves, test.summary


def default_workers(leads: int) -> int:
    """Processes for a backtest of `leads` leads: the cores (at most 4) for a big one."""
    return max(1, min(os.cpu_count() or 1, 4)) if leads >= PROCESSES_FROM else 1


@dataclass(frozen=True)
class Side:
    """One lead's verdict on one side of the comparison."""

    stage: Stage
    fit: float
    grade: str
    engagement: float
    rule: str
    reason: str
    as_of: date

    @classmethod
    def of(cls, v: Verdict) -> Side:
        return cls(v.stage, v.fit.score, v.fit.grade, v.engagement.score, v.explanation.rule,
                   v.explanation.reason, v.as_of)


@dataclass(frozen=True)
class PointChange:
    axis: str
    rule: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class Move:
    """A lead whose stage differs between the two sides, and what changed its points."""

    lead_id: int
    name: str | None
    company: str | None
    before: Side
    after: Side
    changes: tuple[PointChange, ...]

    @property
    def label(self) -> str:
        who = self.name or f"lead #{self.lead_id}"
        return f"{who} ({self.company})" if self.company else who

    def as_json(self) -> dict[str, Any]:
        b, a = self.before, self.after
        return {
            "lead_id": self.lead_id, "name": self.name, "company": self.company,
            "old_stage": b.stage.value, "new_stage": a.stage.value,
            "as_of": {"old": b.as_of.isoformat(), "new": a.as_of.isoformat()},
            "fit": {"old": b.fit, "new": a.fit}, "grade": {"old": b.grade, "new": a.grade},
            "engagement": {"old": b.engagement, "new": a.engagement},
            "rule": {"old": b.rule, "new": a.rule}, "reason": {"old": b.reason, "new": a.reason},
            "changes": [{"axis": c.axis, "rule": c.rule, "old": c.before, "new": c.after} for c in self.changes],
        }


@dataclass
class Summary:
    leads: int = 0
    matrix: Counter[tuple[str, str]] = field(default_factory=Counter)
    file_changes: list[str] = field(default_factory=list)
    moving_rules: Counter[str] = field(default_factory=Counter)  # rule -> movers whose points it changed

    @property
    def moved(self) -> int:
        return sum(n for (old, new), n in self.matrix.items() if old != new)

    def as_json(self) -> dict[str, Any]:
        matrix: dict[str, dict[str, int]] = {}
        for (old, new), n in sorted(self.matrix.items()):
            matrix.setdefault(old, {})[new] = n
        return {"leads": self.leads, "moved": self.moved, "matrix": matrix, "file_changes": self.file_changes,
                "moving_rules": dict(self.moving_rules.most_common())}


def _points(v: Verdict) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for c in v.explanation.contributions:
        key = (c.axis.value, c.rule)
        out[key] = round(out.get(key, 0.0) + c.points, 1)
    return out


def point_changes(before: Verdict, after: Verdict) -> tuple[PointChange, ...]:
    """Every (axis, rule) whose points differ, the biggest change first."""
    a, b = _points(before), _points(after)
    changes = [PointChange(axis, rule, a.get((axis, rule), 0.0), b.get((axis, rule), 0.0))
               for axis, rule in {*a, *b} if a.get((axis, rule), 0.0) != b.get((axis, rule), 0.0)]
    return tuple(sorted(changes, key=lambda c: (-abs(c.delta), c.axis, c.rule)))


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: data}


def file_changes(old: ScoringModel, new: ScoringModel) -> list[str]:
    """What NEW changes in the scoring file: 'stages.mql.min_engagement: 40 → 50'."""
    a, b = _flat(old.rules.model_dump(mode="json")), _flat(new.rules.model_dump(mode="json"))
    return [f"{key}: {_show(a.get(key))} → {_show(b.get(key))}" for key in sorted({*a, *b}) if a.get(key) != b.get(key)]


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


class Backtest:
    """Run with `moves()`: yields each mover; `summary` holds the counts once it is done."""

    def __init__(self, pipeline: Pipeline, *, new: ScoringModel | None, as_of: date | None) -> None:
        self.pipeline = pipeline
        self.old = pipeline.scoring
        self.new = new
        self.as_of = as_of
        self.summary = Summary(file_changes=file_changes(self.old, new) if new is not None else [])

    def describe(self) -> str:
        if self.new is not None:
            when = f"as of {self.as_of}" if self.as_of else "each lead as of its last scoring date"
            return (f"the scoring file in force ({self.old.hash}) against {self.new.source} ({self.new.hash}), "
                    f"{when}")
        return (f"each lead's verdict (as of its last scoring date) against the scoring file in force "
                f"({self.old.hash}) as of {self.as_of or date.today()}")

    def size(self) -> int:
        """About how many leads there are (the span of their ids)."""
        sessions = sessionmaker(self.pipeline.engine, expire_on_commit=False)
        with sessions() as session, session.begin():
            bounds = crm_store.lead_id_range(session=session)
        return 0 if bounds is None else bounds[1] - bounds[0] + 1

    def moves(self, *, progress: Callable[[int], None] | None = None, batch: int = BATCH,
              workers: int = 1) -> Iterator[Move]:
        """Each mover, in lead id order. With `workers` > 1 the leads are split into that
        many id ranges scored in other processes (scoring is CPU-bound)."""
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            yield from self._in_processes(workers, progress, batch)
            return
        yield from self._between(0, None, progress, batch)

    def _between(self, after_id: int, last_id: int | None, progress: Callable[[int], None] | None,
                 batch: int) -> Iterator[Move]:
        sessions = sessionmaker(self.pipeline.engine, expire_on_commit=False)
        while True:
            with sessions() as session, session.begin():
                # both sides on one date (the lead's own, or --as-of), or the target date
                when = self.as_of if self.new is not None else (self.as_of or date.today())
                leads = repo.iter_leads_to_score(session=session, as_of=when, after_id=after_id, limit=batch)
            if last_id is not None:
                leads = [lead for lead in leads if lead.lead_id <= last_id]
            if not leads:
                return
            for lead in leads:
                move = self._compare(lead) if self.new is not None else self._compare_in_time(lead)
                if move is not None:
                    yield move
            self.summary.leads += len(leads)
            after_id = leads[-1].lead_id
            if progress is not None:
                progress(self.summary.leads)

    def _in_processes(self, workers: int, progress: Callable[[int], None] | None, batch: int) -> Iterator[Move]:
        global _CURRENT
        sessions = sessionmaker(self.pipeline.engine, expire_on_commit=False)
        with sessions() as session, session.begin():
            bounds = crm_store.lead_id_range(session=session)
        if bounds is None:
            return
        low, high = bounds
        step = (high - low) // workers + 1
        ranges = [(low + i * step, min(high, low + (i + 1) * step - 1), batch) for i in range(workers)]
        _CURRENT = self
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                # in id order: the first range's movers first
                for moves, summary in pool.imap(_score_range, ranges):
                    self.summary.leads += summary.leads
                    self.summary.matrix.update(summary.matrix)
                    self.summary.moving_rules.update(summary.moving_rules)
                    yield from moves
                    if progress is not None:
                        progress(self.summary.leads)
        finally:
            _CURRENT = None

    def _lang(self, lead: repo.LeadToScore) -> str:
        return self.pipeline.settings.language or lead.language or "en"

    def _compare(self, lead: repo.LeadToScore) -> Move | None:
        """The file in force and NEW on the same date."""
        assert self.new is not None
        when = self.as_of or lead.scored_as_of or date.today()
        lang = self._lang(lead)
        after = score(lead.extraction, as_of=when, model=self.new, lang=lang)
        if lead.stage == after.stage.value and lead.scoring_hash == self.old.hash and when == lead.scored_as_of:
            # the current verdict is the file in force on this very date: the lead stays
            self.summary.matrix[(lead.stage, lead.stage)] += 1
            return None
        before = score(lead.extraction, as_of=when, model=self.old, lang=lang)
        self.summary.matrix[(before.stage.value, after.stage.value)] += 1
        return self._move(lead, before, after) if before.stage is not after.stage else None

    def _compare_in_time(self, lead: repo.LeadToScore) -> Move | None:
        """The lead's current verdict against the file in force on the target date: one
        scoring a lead, the current verdict's explanation only for the leads that move."""
        target = self.as_of or date.today()
        lang = self._lang(lead)
        after = score(lead.extraction, as_of=target, model=self.old, lang=lang)
        if lead.stage is not None and lead.stage == after.stage.value:
            self.summary.matrix[(lead.stage, lead.stage)] += 1
            return None
        then = lead.scored_as_of or target
        facts = lead.extraction
        if then != target and facts.bant.timeline_days is not None:
            # the deadline stays on its day: more days were left on the earlier date
            days = facts.bant.timeline_days + (target - then).days
            facts = facts.model_copy(update={"bant": facts.bant.model_copy(update={"timeline_days": days})})
        before = score(facts, as_of=then, model=self.old, lang=lang)
        old_stage = lead.stage or before.stage.value
        self.summary.matrix[(old_stage, after.stage.value)] += 1
        if old_stage == after.stage.value:
            return None
        return self._move(lead, before, after)

    def _move(self, lead: repo.LeadToScore, before: Verdict, after: Verdict) -> Move:
        changes = point_changes(before, after)
        for c in changes:
            self.summary.moving_rules[f"{c.axis}: {c.rule}"] += 1
        return Move(lead.lead_id, lead.name, lead.company, Side.of(before), Side.of(after), changes)


STAGE_ORDER = [s.value for s in Stage]


def matrix_lines(summary: Summary, *, after_label: str) -> list[str]:
    """The stage-to-stage table: rows now, columns after, each cell a count of leads."""
    names = [s.upper() for s in STAGE_ORDER]
    width = max(len(n) for n in names) + 2
    head = " " * width + "".join(f"{n:>{width}}" for n in names) + f"{'total':>{width}}"
    lines = [f"Stage to stage (rows: now; columns: {after_label}):", head]
    for old in STAGE_ORDER:
        row = [summary.matrix.get((old, new), 0) for new in STAGE_ORDER]
        lines.append(f"{old.upper():<{width}}" + "".join(f"{n:>{width}}" for n in row) + f"{sum(row):>{width}}")
    totals = [sum(summary.matrix.get((old, new), 0) for old in STAGE_ORDER) for new in STAGE_ORDER]
    lines.append(f"{'total':<{width}}" + "".join(f"{n:>{width}}" for n in totals) + f"{sum(totals):>{width}}")
    return lines
