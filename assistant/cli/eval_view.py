"""The `leadqual eval` report as rich tables: summary per language, confusion, kinds, failures."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from assistant.evaluation import ATTRIBUTES, STAGES, EvalReport, Slice, attribute_correct


def _pct(value: float | None) -> Text:
    if value is None:
        return Text("–", style="dim")
    style = "green" if value >= 0.9 else "yellow" if value >= 0.8 else "red"
    return Text(f"{value:.1%}", style=style)


def _summary(report: EvalReport) -> Table:
    slices: list[tuple[str, Slice]] = [*sorted(report.languages.items()), ("all", report.overall)]
    table = Table(title=f"leadqual eval · extractor {report.extractor} · {report.overall.cases} cases "
                        f"in {report.seconds:.2f} s", title_justify="left")
    table.add_column("figure")
    for name, _ in slices:
        table.add_column(name, justify="right")
    table.add_row("cases", *[str(s.cases) for _, s in slices])
    table.add_row("extraction errors", *[str(s.errors) for _, s in slices])
    table.add_row("stage accuracy", *[_pct(s.stage_accuracy) for _, s in slices])
    table.add_row("kinds precision (micro)", *[_pct(s.kind_micro.precision) for _, s in slices])
    table.add_row("kinds recall (micro)", *[_pct(s.kind_micro.recall) for _, s in slices])
    table.add_row("kinds F1 (micro)", *[_pct(s.kind_micro.f1) for _, s in slices])
    for name in ATTRIBUTES:
        label = "timeline (±7 days)" if name == "timeline_days" else name
        table.add_row(label, *[_pct(s.attribute_accuracy(name)) for _, s in slices])
    table.add_row("interaction dates", *[_pct(s.date_accuracy) for _, s in slices])
    table.add_row("evidence verbatim", *[_pct(s.grounding) for _, s in slices])
    return table


def _confusion(overall: Slice) -> Table:
    table = Table(title="stage confusion (rows: gold, columns: predicted)", title_justify="left")
    table.add_column("gold \\ predicted")
    for stage in STAGES:
        table.add_column(stage, justify="right")
    for gold in STAGES:
        row = []
        for predicted in STAGES:
            n = overall.confusion.get((gold, predicted), 0)
            style = "bold green" if gold == predicted and n else "red" if n else "dim"
            row.append(Text(str(n), style=style))
        table.add_row(gold, *row)
    return table


def _kinds(overall: Slice) -> Table:
    table = Table(title="interaction kinds", title_justify="left")
    for column in ("kind", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, s in sorted(overall.kinds.items()):
        table.add_row(kind, str(s.tp), str(s.fp), str(s.fn), _pct(s.precision), _pct(s.recall), _pct(s.f1))
    return table


def _failures(report: EvalReport) -> Table:
    table = Table(title="cases with a mistake", title_justify="left")
    for column in ("case", "stage", "missing kinds", "extra kinds", "wrong attributes"):
        table.add_column(column)
    for r in report.results:
        gold = r.case.gold
        wrong = [n for n in ATTRIBUTES if n in gold and not attribute_correct(n, gold[n], r.attributes[n])]
        missing, extra = sorted(r.gold_kinds - r.kinds), sorted(r.kinds - r.gold_kinds)
        stage_ok = gold.get("stage", r.stage) == r.stage
        if stage_ok and not (missing or extra or wrong or r.error):
            continue
        stage = r.stage or "?" if stage_ok else f"{gold.get('stage')} → {r.stage}"
        attrs = ", ".join(f"{n}={r.attributes[n]!r} (want {gold[n]!r})" for n in wrong)
        table.add_row(r.case.id, Text(stage, style="" if stage_ok else "red"), ", ".join(missing),
                      ", ".join(extra), (r.error or "") + attrs)
    return table


def render_report(report: EvalReport, *, failures: bool = False) -> RenderableType:
    parts: list[RenderableType] = [_summary(report), _confusion(report.overall), _kinds(report.overall)]
    if failures:
        parts.append(_failures(report))
    return Group(*parts)
