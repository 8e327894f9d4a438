"""One lead's explanation as plain parts, shared by its Markdown and HTML exports."""

from __future__ import annotations

from typing import Any

from assistant.domain import LeadDetail


def _n(value: float) -> str:
    return f"{value:g}"


def explanation_parts(detail: LeadDetail) -> dict[str, Any]:
    v = detail.verdict
    if v is None:
        raise ValueError(f"lead {detail.summary.id} has no verdict yet")
    e = v.explanation
    s = detail.summary
    return {
        "title": f"Lead #{s.id}: {s.label}",
        "subtitle": f"as of {v.as_of.isoformat()} · scoring {v.scoring_hash}",
        "cards": [("stage", v.stage.value.upper()), ("fit", f"{_n(v.fit.score)} ({v.fit.grade})"),
                  ("engagement", _n(v.engagement.score)), ("BANT met", f"{len(v.bant_met)} of 4")],
        "reason": e.reason,
        "contributions": [{"axis": c.axis.value, "rule": c.rule, "points": c.points, "evidence": c.evidence or "",
                           "detail": c.detail or ""} for c in e.contributions],
        "bant": [[b.criterion, b.value, "yes" if b.met else "no", b.evidence or ""] for b in e.bant],
        "next": e.next_stage.summary,
        "missing": list(e.next_stage.missing),
        "questions": list(e.questions),
    }


def explanation_markdown(detail: LeadDetail) -> str:
    e = explanation_parts(detail)
    out = [f"# {e['title']}", "", f"_{e['subtitle']}_", "",
           " · ".join(f"**{k}** {v}" for k, v in e["cards"]), "", "## Why", "", e["reason"], ""]
    if e["contributions"]:
        out += ["## Every point", "", "| axis | rule | points | words | how |", "|---|---|--:|---|---|"]
        out += [f"| {c['axis']} | {_md(c['rule'])} | {_n(c['points'])} | {_md(c['evidence'])} | {_md(c['detail'])} |"
                for c in e["contributions"]]
        out.append("")
    if e["bant"]:
        out += ["## BANT", "", "| criterion | value | met | words |", "|---|---|---|---|"]
        out += ["| " + " | ".join(_md(x) for x in row) + " |" for row in e["bant"]]
        out.append("")
    out += ["## Next stage", "", e["next"], ""]
    out += [f"- {m}" for m in e["missing"]]
    if e["missing"]:
        out.append("")
    if e["questions"]:
        out += ["## What to ask next", ""] + [f"{i}. {q}" for i, q in enumerate(e["questions"], start=1)] + [""]
    return "\n".join(out)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
