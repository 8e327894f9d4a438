"""Charts as inline SVG, drawn by pygal: they open in any browser with no script and no
network (pygal's optional tooltip script, loaded from the web, is switched off), and they
print. Each chart gets a stable id, so the same figures give the same file."""

from __future__ import annotations

import re
from typing import Any

import pygal
from pygal.style import Style

STYLE = Style(
    background="white", plot_background="white", foreground="#333", foreground_strong="#111",
    foreground_subtle="#888", opacity=".9", opacity_hover="1", transition="0ms",
    colors=("#3b6ea8", "#e07b39", "#5a9e4b", "#b8423c", "#7a5aa6", "#8c8c8c"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    title_font_size=16, label_font_size=12, major_label_font_size=12, legend_font_size=12,
    value_font_size=11,
)
_COMMON: dict[str, Any] = {
    "js": [],  # no script from the web: the SVG is complete as it is
    "disable_xml_declaration": True,
    "style": STYLE,
    "width": 720,
    "height": 340,
    "explicit_size": False,
    "print_values": True,
    "print_zeroes": False,
    "show_y_guides": True,
    "margin": 16,
}
_UUID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _svg(chart: Any, name: str) -> str:
    svg = chart.render(is_unicode=True)
    svg = _UUID.sub(f"chart-{name}", svg)
    return _COMMENT.sub("", svg)


def bar(name: str, title: str, labels: list[str], series: dict[str, list[float]], *,
        horizontal: bool = False, stacked: bool = False, x_title: str | None = None,
        y_title: str | None = None, height: int | None = None) -> str:
    cls = pygal.HorizontalStackedBar if horizontal and stacked else pygal.HorizontalBar if horizontal \
        else pygal.StackedBar if stacked else pygal.Bar
    options = dict(_COMMON, title=title, show_legend=len(series) > 1, x_title=x_title, y_title=y_title,
                   legend_at_bottom=True)
    if height:
        options["height"] = height
    chart = cls(**options)
    if horizontal:  # pygal draws the first bar at the bottom: the first given goes on top
        labels = labels[::-1]
        series = {label: values[::-1] for label, values in series.items()}
    chart.x_labels = labels
    for label, values in series.items():
        chart.add(label, values)
    return _svg(chart, name)


def dots(name: str, title: str, x_labels: list[str], rows: dict[str, list[int]], *, x_title: str) -> str:
    """A grid of dots sized by their count (fit grade x engagement band)."""
    chart = pygal.Dot(**dict(_COMMON, title=title, show_legend=False, x_title=x_title, x_label_rotation=0,
                             print_values=True))
    chart.x_labels = x_labels
    for label, values in rows.items():
        chart.add(label, values)
    return _svg(chart, name)
