"""The report and one lead's explanation as a single HTML file: inline CSS, inline SVG
charts (assistant.report.charts), no script or font from the web, so it opens offline,
prints, and can be mailed as is. A short inline script checks on opening that each chart
was laid out and drew its shapes, and marks it (`data-rendered`): how the browser test
knows the charts render."""

from __future__ import annotations

from html import escape
from typing import Any

from assistant.report import charts
from assistant.report.data import BINS, ENGAGEMENT_BANDS, STAGES, Report, band_label

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;margin:2rem auto;max-width:980px;
padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
.meta{color:#666;font-size:.9rem}.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.4rem}figure.chart{margin:1rem 0}figure.chart svg{width:100%;height:auto}
table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}th,td{border:1px solid #ddd;padding:.25rem .55rem;
text-align:left;vertical-align:top}th{background:#f4f6f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
.pos{color:#2f7d32}.neg{color:#b3261e}q{font-style:italic}
@media print{figure.chart{break-inside:avoid}}
"""
CHECK = """
<script>
// marks each chart with whether the browser laid it out and drew its shapes
document.querySelectorAll('figure.chart').forEach(function (figure) {
  var svg = figure.querySelector('svg'), drawn = 0;
  if (svg) {
    svg.querySelectorAll('rect, path, circle, polygon, polyline, line').forEach(function (shape) {
      try { var b = shape.getBBox(); if (b.width > 0 || b.height > 0) { drawn++; } } catch (e) {}
    });
  }
  var box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  figure.setAttribute('data-shapes', String(drawn));
  figure.setAttribute('data-rendered', svg && box.width > 0 && box.height > 0 && drawn > 0 ? 'yes' : 'no');
});
document.body.setAttribute('data-charts-checked', 'yes');
</script>
"""


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n{CHECK}</body></html>\n")


def figure(name: str, svg: str, caption: str) -> str:
    return (f'<figure class="chart" data-chart="{escape(name)}">{svg}'
            f"<figcaption class=\"meta\">{escape(caption)}</figcaption></figure>")


def table(head: list[str], rows: list[list[Any]], *, numeric: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    out = [f"<table><thead><tr>{cells}</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(
            f'<td class="n">{escape(_fmt(v))}</td>' if i in numeric else f"<td>{escape(_fmt(v))}</td>"
            for i, v in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def report_html(r: Report) -> str:
    funnel_order = ["lead", "mql", "pql", "sql", "disqualified"]
    counts = [r.funnel.get(s, 0) for s in funnel_order]
    scored = sum(counts)
    parts = [f"<h1>Lead qualification report</h1><p class=\"meta\">{r.leads} leads · scoring file "
             f"{escape(r.scoring_source)} ({escape(r.scoring_hash)}) · each lead as of its last scoring date · "
             f"generated {r.generated.isoformat()}</p>"]
    parts.append('<div class="cards">' + "".join(
        f'<div class="card"><span class="meta">{s.upper()}</span><b>{n}</b>'
        f'<span class="meta">{(100 * n / scored if scored else 0):.0f}%</span></div>'
        for s, n in zip(funnel_order, counts, strict=True)) + "</div>")
    if r.unscored:
        parts.append(f'<p class="meta">{r.unscored} leads have no verdict yet and are not counted below.</p>')

    parts.append("<h2>Leads by stage</h2>")
    parts.append(figure("funnel", charts.bar("funnel", "Leads by stage", [s.upper() for s in funnel_order],
                                             {"leads": counts}), "The funnel: how many leads are at each stage."))

    parts.append("<h2>Fit × engagement</h2>")
    bands = [band_label(*b) for b in ENGAGEMENT_BANDS]
    rows = {g: [r.grid.get(g, {}).get(b, 0) for b in bands] for g in r.grades}
    parts.append(figure("grid", charts.dots("grid", "Leads by fit grade and engagement", bands, rows,
                                            x_title="engagement"),
                        f"Rows: fit grade; columns: engagement. MQL needs engagement ≥ "
                        f"{r.thresholds['mql_min_engagement']:g} and fit ≥ {r.thresholds['mql_min_fit']:g}."))
    parts.append(table(["fit grade", *bands], [[g, *rows[g]] for g in r.grades], numeric=set(range(1, len(bands) + 1))))

    parts.append("<h2>Score distributions</h2>")
    bins = [f"{b}-{b + 9 if b < 90 else 100}" for b in BINS]
    parts.append(figure("distributions", charts.bar(
        "distributions", "Fit and engagement scores", bins,
        {"fit": [r.fit_bins.get(b, 0) for b in BINS], "engagement": [r.engagement_bins.get(b, 0) for b in BINS]},
        x_title="score", y_title="leads"), "How many leads have each score, in steps of 10."))

    for stage, label in (("sql", "SQL"), ("mql", "MQL")):
        parts.append(f"<h2>What drives {label}</h2>")
        rules = [(rule, n) for (s, rule), n in r.deciding.most_common() if s == stage]
        if rules:
            parts.append("<p>Deciding rule: " + ", ".join(f"{escape(rule)} ({n} leads)" for rule, n in rules) + "</p>")
        for axis, what in (("engagement", "interactions"), ("fit", "fit rules")):
            top = r.top_drivers((stage,), axis)
            if not top:
                parts.append(f"<p class=\"meta\">No {label} lead has {what} with points.</p>")
                continue
            name = f"{stage}-{axis}"
            parts.append(figure(name, charts.bar(
                name, f"{what.capitalize()} of {label} leads", [d.rule for d in top], {"leads": [d.leads for d in top]},
                horizontal=True, height=60 + 30 * len(top)),
                f"How many {label} leads each gives points to (average points in the table)."))
            parts.append(table([what[:-1] if axis == "engagement" else "fit rule", "leads", "average points"],
                               [[d.rule, d.leads, d.average] for d in top], numeric={1, 2}))

    parts.append("<h2>Leads a small change would move</h2>")
    near = r.near_misses()
    if near:
        shown = f"the {len(near)} closest" if r.near_total > len(near) else "all of them"
        parts.append(f"<p>{r.near_total} leads are within 10 points of MQL, or one BANT criterion from SQL; "
                     f"{shown}, with what is missing in the scorer's words.</p>")
        parts.append(table(["lead", "stage", "next", "what is missing"],
                           [[f"#{m.lead_id} {m.label}", m.stage.upper(), m.next_stage.upper(), m.missing] for m in near]))
    else:
        parts.append("<p class=\"meta\">No lead is a small change from its next stage.</p>")
    return page("Lead qualification report", "\n".join(parts))


def explanation_html(detail: Any) -> str:
    """One lead's verdict explained, as a page: stage, scores, the deciding rule, every point
    with its words, BANT, what is missing, what to ask."""
    from assistant.report.lead import explanation_parts

    e = explanation_parts(detail)
    parts = [f"<h1>{escape(e['title'])}</h1>",
             f"<p class=\"meta\">{escape(e['subtitle'])}</p>",
             '<div class="cards">' + "".join(f'<div class="card"><span class="meta">{escape(k)}</span><b>{escape(v)}</b></div>'
                                             for k, v in e["cards"]) + "</div>",
             f"<h2>Why</h2><p>{escape(e['reason'])}</p>"]
    contributions = e["contributions"]
    if contributions:
        labels = [f"{c['axis']}: {c['rule']}" for c in contributions]
        svg = charts.bar("points", "Points", labels, {"points": [c["points"] for c in contributions]},
                         horizontal=True, height=60 + 28 * len(labels))
        parts.append(figure("points", svg, "Every point, signed, after decay and caps."))
        parts.append(table(["axis", "rule", "points", "words", "how"],
                           [[c["axis"], c["rule"], c["points"], c["evidence"], c["detail"]] for c in contributions],
                           numeric={2}))
    if e["bant"]:
        parts.append("<h2>BANT</h2>" + table(["criterion", "value", "met", "words"], e["bant"]))
    parts.append(f"<h2>Next stage</h2><p>{escape(e['next'])}</p>")
    if e["missing"]:
        parts.append("<ul>" + "".join(f"<li>{escape(m)}</li>" for m in e["missing"]) + "</ul>")
    if e["questions"]:
        parts.append("<h2>What to ask next</h2><ol>" + "".join(f"<li>{escape(q)}</li>" for q in e["questions"]) + "</ol>")
    return page(e["title"], "\n".join(parts))


__all__ = ["STAGES", "explanation_html", "report_html"]
