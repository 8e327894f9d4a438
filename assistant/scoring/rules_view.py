"""The rules of a scoring model as rich tables, for `leadqual rules show` and the TUI."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from assistant.scoring.model import KINDS, ScoringModel


def _n(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def render_rules(model: ScoringModel) -> RenderableType:
    rules = model.rules
    eng, fit, stages, bant = rules.engagement, rules.fit, rules.stages, rules.bant
    header = Text.assemble(
        ("Scoring rules in force: ", "bold"), model.source, ("  hash ", "dim"), (model.hash, "dim")
    )

    engagement = Table(title="Engagement points per occurrence", title_justify="left")
    engagement.add_column("kind")
    engagement.add_column("points", justify="right")
    engagement.add_column("cap per kind", justify="right")
    engagement.add_column("hand-raise", justify="center")
    for kind in KINDS:
        engagement.add_row(
            kind,
            _n(eng.points[kind]),
            _n(eng.caps.get(kind)),
            "yes" if kind in model.hand_raise_kinds else "",
        )
    decay = Text(
        f"Decay: points x 0.5 ^ (age_days / {_n(eng.half_life_days)}); older than "
        f"{eng.max_age_days} days counts 0; undated counts as the reference date. "
        f"Engagement is clamped to {_n(eng.min_score)}..{_n(eng.max_score)}."
    )

    fit_table = Table(title="Fit points", title_justify="left")
    fit_table.add_column("attribute")
    fit_table.add_column("value")
    fit_table.add_column("points", justify="right")
    for level, points in fit.seniority.items():
        fit_table.add_row("seniority", level, _n(points))
    fit_table.add_row("department", "target: " + ", ".join(fit.department.targets),
                      _n(fit.department.target_points))
    fit_table.add_row("department", "any other known", _n(fit.department.other_points))
    for band in fit.employees.bands:
        span = f"{band.min}-{band.max}" if band.max is not None else f"{band.min} and more"
        fit_table.add_row("employees", span, _n(band.points))
    fit_table.add_row("industry", "target: " + ", ".join(fit.industry.targets),
                      _n(fit.industry.target_points))
    fit_table.add_row("industry", "any other known", _n(fit.industry.other_points))
    fit_table.add_row("country", "target: " + ", ".join(fit.country.targets),
                      _n(fit.country.target_points))
    fit_table.add_row("country", "any other known", _n(fit.country.other_points))
    fit_table.add_row("enriched contact", "job title, company, email or phone",
                      _n(fit.enriched.points))
    fit_table.add_row("personal email domain", ", ".join(fit.personal_email.domains),
                      _n(fit.personal_email.points))

    grades = Table(title="Grades and poor fit", title_justify="left")
    grades.add_column("grade")
    grades.add_column("fit at least", justify="right")
    for name, lowest in rules.grades.items():
        grades.add_row(name, _n(lowest))
    poor = rules.poor_fit
    poor_text = Text(
        f"Fit is poor when the grade is {', '.join(poor.grades)} and at least "
        f"{poor.min_known_attributes} of {', '.join(poor.attributes)} are known. "
        f"Fit is clamped to {_n(fit.min_score)}..{_n(fit.max_score)}."
    )

    stage_table = Table(title="Stages (the first rule that holds decides)", title_justify="left")
    stage_table.add_column("stage")
    stage_table.add_column("rule")
    stage_table.add_row("disqualified", "any disqualifier")
    stage_table.add_row(
        "sql",
        f"fit not poor, and a hand-raise ({', '.join(stages.sql.hand_raise_kinds)}) within "
        f"{stages.sql.hand_raise_window_days} days or undated, or at least "
        f"{stages.sql.bant_min_met} of 4 BANT criteria",
    )
    stage_table.add_row(
        "pql",
        f"fit not poor, and {', '.join(stages.pql.usage_kinds)} within "
        f"{stages.pql.usage_window_days} days or undated",
    )
    stage_table.add_row(
        "mql", f"engagement >= {_n(stages.mql.min_engagement)} and fit >= {_n(stages.mql.min_fit)}"
    )
    stage_table.add_row("lead", "otherwise")

    bant_table = Table(title="BANT criteria", title_justify="left")
    bant_table.add_column("criterion")
    bant_table.add_column("met when")
    bant_table.add_row("budget", "budget is " + " or ".join(bant.budget))
    bant_table.add_row("authority", "authority is " + " or ".join(bant.authority))
    bant_table.add_row("need", "a need is stated")
    bant_table.add_row(
        "timeline", f"timeline_days between {bant.timeline_min_days} and {bant.timeline_max_days}"
    )

    return Group(
        header, engagement, decay, Text(), fit_table, Text(), grades, poor_text, Text(),
        stage_table, Text(), bant_table,
    )
