"""The figures of `leadqual report`: the funnel, the fit x engagement grid, the score
distributions, what drives MQL and SQL, and the leads a small change would move.

Every lead is read in bulk and scored with the file in force as of its own last scoring
date (so the figures are those of its current verdict, with every point explained);
only counters and a short list of near misses are kept, so memory stays flat.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import sessionmaker

from assistant.domain import Stage, Verdict
from assistant.scoring import ScoringModel, score
from storage import repo

if TYPE_CHECKING:
    from assistant.pipeline import Pipeline

STAGES = [s.value for s in Stage]
ENGAGEMENT_BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))
BINS = tuple(range(0, 100, 10))  # 0-9, 10-19, ... 90-100
NEAR_MISSES = 25
# how close counts as "a small change": points short of a threshold
SMALL_GAP = 10.0


def band_label(low: int, high: int) -> str:
    """'20-39'; the top band includes 100."""
    return f"{low}-{high - 1}" if high <= 100 else f"{low}-100"


@dataclass(frozen=True, order=True)
class NearMiss:
    """A lead a small change would move up a stage: how far it is, and what is missing."""

    gap: float
    lead_id: int
    label: str = field(compare=False)
    stage: str = field(compare=False)
    next_stage: str = field(compare=False)
    missing: str = field(compare=False)


@dataclass
class Driver:
    """A rule (an interaction kind, a fit attribute value) and how often it counts for leads
    of a stage, with the points it gave them."""

    rule: str
    leads: int = 0
    points: float = 0.0

    @property
    def average(self) -> float:
        return round(self.points / self.leads, 1) if self.leads else 0.0


@dataclass
class Report:
    scoring_hash: str
    scoring_source: str
    generated: date
    leads: int = 0
    unscored: int = 0
    funnel: Counter[str] = field(default_factory=Counter)
    grid: dict[str, Counter[str]] = field(default_factory=dict)  # grade -> engagement band -> leads
    fit_bins: Counter[int] = field(default_factory=Counter)
    engagement_bins: Counter[int] = field(default_factory=Counter)
    deciding: Counter[tuple[str, str]] = field(default_factory=Counter)  # (stage, rule) -> leads
    drivers: dict[str, dict[tuple[str, str], Driver]] = field(default_factory=dict)  # stage -> (axis, rule)
    near: list[NearMiss] = field(default_factory=list)  # the closest NEAR_MISSES
    near_total: int = 0  # every lead a small change would move
    grades: list[str] = field(default_factory=list)
    thresholds: dict[str, float] = field(default_factory=dict)

    def top_drivers(self, stages: tuple[str, ...], axis: str, n: int = 10) -> list[Driver]:
        merged: dict[str, Driver] = {}
        for stage in stages:
            for (ax, rule), d in self.drivers.get(stage, {}).items():
                if ax != axis:
                    continue
                m = merged.setdefault(rule, Driver(rule))
                m.leads += d.leads
                m.points += d.points
        return sorted(merged.values(), key=lambda d: (-d.leads, -d.points, d.rule))[:n]

    def near_misses(self) -> list[NearMiss]:
        return sorted(self.near)

    def as_json(self) -> dict[str, Any]:
        return {
            "scoring": self.scoring_hash, "generated": self.generated.isoformat(), "leads": self.leads,
            "unscored": self.unscored, "funnel": {s: self.funnel.get(s, 0) for s in STAGES},
            "grid": {g: {band_label(*b): self.grid.get(g, Counter()).get(band_label(*b), 0) for b in ENGAGEMENT_BANDS}
                     for g in self.grades},
            "fit_distribution": {f"{b}-{b + 9 if b < 90 else 100}": self.fit_bins.get(b, 0) for b in BINS},
            "engagement_distribution": {f"{b}-{b + 9 if b < 90 else 100}": self.engagement_bins.get(b, 0) for b in BINS},
            "deciding_rules": [{"stage": s, "rule": r, "leads": n} for (s, r), n in self.deciding.most_common()],
            "drivers": {
                label: {axis: [{"rule": d.rule, "leads": d.leads, "average_points": d.average}
                               for d in self.top_drivers(stages, axis)] for axis in ("engagement", "fit")}
                for label, stages in (("sql", ("sql",)), ("mql", ("mql",)))
            },
            "near_misses_total": self.near_total,
            "near_misses": [{"lead_id": m.lead_id, "lead": m.label, "stage": m.stage, "next_stage": m.next_stage,
                             "gap": m.gap, "missing": m.missing} for m in self.near_misses()],
        }


def _bin(value: float) -> int:
    return min(int(value // 10) * 10, 90)


def _band(value: float) -> str:
    for low, high in ENGAGEMENT_BANDS:
        if low <= value < high:
            return band_label(low, high)
    return band_label(*ENGAGEMENT_BANDS[-1])


def _gap(v: Verdict, model: ScoringModel) -> float | None:
    """How many points (or criteria, counted as 10 points each) the lead is from its next
    stage, when that is a small change; None otherwise."""
    stage = v.stage
    if stage in (Stage.disqualified, Stage.sql):
        return None
    gaps = []
    if stage is Stage.lead:
        eng_gap = max(0.0, model.mql_min_engagement - v.engagement.score)
        fit_gap = max(0.0, model.mql_min_fit - v.fit.score)
        if eng_gap + fit_gap <= SMALL_GAP:
            gaps.append(eng_gap + fit_gap)
    if not v.fit.poor and len(v.bant_met) == model.bant_min_met - 1:
        gaps.append(SMALL_GAP)  # one BANT criterion from SQL
    return min(gaps) if gaps else None


def _label(lead: repo.LeadToScore) -> str:
    who = lead.name or f"lead #{lead.lead_id}"
    return f"{who} ({lead.company})" if lead.company else who


def build_report(pipeline: Pipeline, *, progress: Callable[[int], None] | None = None,
                 batch: int = 2000) -> Report:
    model = pipeline.scoring
    report = Report(scoring_hash=model.hash, scoring_source=model.source, generated=date.today(),
                    grades=[g for g, _ in model.grades],
                    thresholds={"mql_min_engagement": model.mql_min_engagement, "mql_min_fit": model.mql_min_fit,
                                "bant_min_met": model.bant_min_met})
    sessions = sessionmaker(pipeline.engine, expire_on_commit=False)
    lang_default = pipeline.settings.language
    after = 0
    near: list[tuple[float, int, NearMiss]] = []  # a max-heap of the closest, by -gap
    while True:
        with sessions() as session, session.begin():
            leads = repo.iter_leads_to_score(session=session, as_of=None, after_id=after, limit=batch)
        if not leads:
            break
        for lead in leads:
            report.leads += 1
            if lead.scored_as_of is None:
                report.unscored += 1
                continue
            v = score(lead.extraction, as_of=lead.scored_as_of, model=model,
                      lang=lang_default or lead.language or "en")
            stage = v.stage.value
            report.funnel[stage] += 1
            report.grid.setdefault(v.fit.grade, Counter())[_band(v.engagement.score)] += 1
            report.fit_bins[_bin(v.fit.score)] += 1
            report.engagement_bins[_bin(v.engagement.score)] += 1
            report.deciding[(stage, v.explanation.rule)] += 1
            if stage in ("mql", "sql", "pql"):
                per_rule: dict[tuple[str, str], float] = {}
                for c in v.explanation.contributions:
                    if c.points > 0 and c.rule != "clamp":
                        key = (c.axis.value, c.rule)
                        per_rule[key] = per_rule.get(key, 0.0) + c.points
                table = report.drivers.setdefault(stage, {})
                for key, points in per_rule.items():
                    d = table.setdefault(key, Driver(key[1]))
                    d.leads += 1
                    d.points += points
            gap = _gap(v, model)
            if gap is not None:
                report.near_total += 1
                nxt = v.explanation.next_stage
                miss = NearMiss(round(gap, 1), lead.lead_id, _label(lead), stage,
                                nxt.stage.value if nxt.stage else "", nxt.summary)
                item = (-miss.gap, -lead.lead_id, miss)
                if len(near) < NEAR_MISSES:
                    heapq.heappush(near, item)
                elif item > near[0]:
                    heapq.heapreplace(near, item)
        after = leads[-1].lead_id
        if progress is not None:
            progress(report.leads)
    report.near = [m for _, _, m in near]
    return report
