"""The report as Markdown: the same sections as the HTML, as tables (for a wiki, a ticket,
or a terminal)."""

from __future__ import annotations

from assistant.report.data import BINS, ENGAGEMENT_BANDS, Report, band_label


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def _bar(n: int, most: int, width: int = 30) -> str:
    return "█" * max(1 if n else 0, round(width * n / most)) if most else ""


def report_markdown(r: Report) -> str:
    order = ["lead", "mql", "pql", "sql", "disqualified"]
    scored = sum(r.funnel.get(s, 0) for s in order)
    out = ["# Lead qualification report", "",
           f"_{r.leads} leads · scoring file {r.scoring_source} ({r.scoring_hash}) · each lead as of its last "
           f"scoring date · generated {r.generated.isoformat()}_", ""]
    if r.unscored:
        out += [f"{r.unscored} leads have no verdict yet and are not counted below.", ""]
    most = max((r.funnel.get(s, 0) for s in order), default=0)
    out += ["## Leads by stage", "", "| stage | leads | share | |", "|---|--:|--:|---|"]
    for s in order:
        n = r.funnel.get(s, 0)
        out.append(_row([s.upper(), n, f"{(100 * n / scored if scored else 0):.0f}%", _bar(n, most)]))
    bands = [band_label(*b) for b in ENGAGEMENT_BANDS]
    out += ["", "## Fit × engagement", "", "Rows: fit grade; columns: engagement.", "",
            _row(["fit grade", *bands]), "|---|" + "--:|" * len(bands)]
    for g in r.grades:
        out.append(_row([g, *(r.grid.get(g, {}).get(b, 0) for b in bands)]))
    out += ["", "## Score distributions", "", "| score | fit | engagement |", "|---|--:|--:|"]
    for b in BINS:
        out.append(_row([f"{b}-{b + 9 if b < 90 else 100}", r.fit_bins.get(b, 0), r.engagement_bins.get(b, 0)]))
    for stage in ("sql", "mql"):
        out += ["", f"## What drives {stage.upper()}", ""]
        rules = [(rule, n) for (s, rule), n in r.deciding.most_common() if s == stage]
        if rules:
            out += ["Deciding rule: " + ", ".join(f"{rule} ({n} leads)" for rule, n in rules), ""]
        for axis, what in (("engagement", "interaction"), ("fit", "fit rule")):
            top = r.top_drivers((stage,), axis)
            if top:
                out += [_row([what, "leads", "average points"]), "|---|--:|--:|"]
                out += [_row([d.rule, d.leads, f"{d.average:g}"]) for d in top]
                out.append("")
    out += ["## Leads a small change would move", ""]
    near = r.near_misses()
    if near:
        shown = f"the {len(near)} closest" if r.near_total > len(near) else "all of them"
        out += [f"{r.near_total} leads are within 10 points of MQL, or one BANT criterion from SQL; {shown}:", "",
                "| lead | stage | next | what is missing |", "|---|---|---|---|"]
        out += [_row([f"#{m.lead_id} {m.label}", m.stage.upper(), m.next_stage.upper(), m.missing]) for m in near]
    else:
        out.append("No lead is a small change from its next stage.")
    return "\n".join(out) + "\n"
