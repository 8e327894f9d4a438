"""A verdict for people (a rich renderable for the terminal) and for machines (SPEC section 7).

Both only present what the scorer decided; nothing here computes a score.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assistant.domain import Extraction, Stage, Verdict
from assistant.present import contribution_words, fact_rows
from assistant.scoring.machine import verdict_json

__all__ = ["contributions_table", "render_verdict", "verdict_json"]

STAGE_STYLES: dict[Stage, str] = {
    Stage.disqualified: "bold red",
    Stage.lead: "bold white",
    Stage.mql: "bold cyan",
    Stage.pql: "bold magenta",
    Stage.sql: "bold green",
}


def _points(value: float) -> Text:
    style = "green" if value > 0 else "red" if value < 0 else "dim"
    return Text(f"{value:+.1f}", style=style)


def contributions_table(verdict: Verdict) -> Table:
    table = Table(title="Contributions", title_justify="left", expand=True)
    table.add_column("axis", style="dim", no_wrap=True)
    table.add_column("rule", ratio=2)
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("evidence / how", ratio=3, overflow="fold")
    for c in verdict.explanation.contributions:
        words = Text(contribution_words(c), style="italic")
        if c.detail:
            words.append(("\n" if c.evidence else "") + c.detail, style="dim")
        table.add_row("fit" if c.axis.value == "fit" else "eng", c.rule, _points(c.points), words)
    return table


def _facts(extraction: Extraction) -> Table:
    """The facts read, each with the note's words it stands on."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim")
    table.add_column()
    table.add_column(style="italic")
    rows = fact_rows(extraction)
    for row in rows:
        table.add_row(row["label"], row["value"], row["evidence"])
    if not rows:
        table.add_row("facts", "none stated", "")
    return table


def _bant(verdict: Verdict) -> Text | None:
    checks = verdict.explanation.bant
    if not checks:
        return None
    text = Text("BANT: ", style="bold")
    for i, c in enumerate(checks):
        text.append(("; " if i else "") + f"{c.criterion} {c.value} ")
        text.append("met" if c.met else "not met", style="green" if c.met else "yellow")
        if c.evidence:
            text.append(f' "{c.evidence}"', style="italic")
    return text


def render_verdict(verdict: Verdict, extraction: Extraction | None = None) -> RenderableType:
    """The verdict as a person reads it: stage, scores, reason, points, next step, questions."""
    fit, explanation = verdict.fit, verdict.explanation
    headline = Text.assemble(
        ("Stage ", "bold"),
        (verdict.stage.value.upper(), STAGE_STYLES[verdict.stage]),
        "   fit ",
        (f"{fit.score:g}", "bold"),
        f" (grade {fit.grade}{', poor' if fit.poor else ''})",
        "   engagement ",
        (f"{verdict.engagement.score:g}", "bold"),
        ("   as of ", "dim"),
        (verdict.as_of.isoformat(), "dim"),
    )
    parts: list[RenderableType] = [headline, Text(explanation.reason)]
    if extraction is not None:
        parts.append(_facts(extraction))
    bant = _bant(verdict)
    if bant is not None:
        parts.append(bant)
    if explanation.contributions:
        parts.append(contributions_table(verdict))
    nxt = explanation.next_stage
    label = f"Next: {nxt.stage.value.upper()}: " if nxt.stage else ""  # the top stage's summary says so
    parts.append(Text.assemble((label, "bold"), nxt.summary))
    if explanation.questions:
        parts.append(Text("Ask next:", style="bold"))
        parts.extend(Text(f"  • {q}") for q in explanation.questions)
    return Panel(
        Group(*parts),
        title=f"leadqual verdict ({explanation.rule})",
        subtitle=f"scoring {verdict.scoring_hash}",
        border_style=STAGE_STYLES[verdict.stage].replace("bold ", ""),
    )
