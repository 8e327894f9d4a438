"""The lead card: stage, fit and engagement bars, engagement over time, BANT, next stage, questions,
the facts and interactions (select one to reject or edit it) and every contribution with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from assistant.domain import LeadDetail, Verdict
from assistant.present import contribution_words
from assistant.tui.messages import LeadView
from assistant.tui.present import fact_rows
from assistant.tui.widgets.style import bar, stage_badge

BAR_WIDTH = 12  # fits the 30-column card at 80x24 with "fit " and " B 65"
BANT = ("budget", "authority", "need", "timeline")


def bant_rows(detail: LeadDetail) -> list[tuple[str, str, str]]:
    """(criterion, state, value): state is confirmed, missing (known but not met) or unknown."""
    bant = detail.facts.bant
    met = set(detail.verdict.bant_met) if detail.verdict else set()
    values = {
        "budget": bant.budget.value if bant.budget else None,
        "authority": bant.authority.value if bant.authority else None,
        "need": bant.need,
        "timeline": f"{bant.timeline_days} days" if bant.timeline_days is not None else None,
    }
    rows = []
    for criterion in BANT:
        value = values[criterion]
        state = "confirmed" if criterion in met else "unknown" if value is None else "missing"
        rows.append((criterion, state, value or ""))
    return rows


_BANT_MARK = {"confirmed": ("✔", "green"), "missing": ("✘", "red"), "unknown": ("?", "yellow")}


class CardItems(OptionList):
    """The facts and interactions of the open lead; x rejects, e edits the highlighted one."""

    BINDINGS = [  # noqa: RUF012
        Binding("x", "reject", "Reject / clear"),
        Binding("e,enter", "edit", "Edit"),
    ]

    @dataclass
    class RejectRequested(Message):
        item_id: str  # "ix:<interaction id>" or "fact:<field path>"

    @dataclass
    class EditRequested(Message):
        item_id: str

    def _current(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def action_reject(self) -> None:
        if (item := self._current()) is not None:
            self.post_message(self.RejectRequested(item))

    def action_edit(self) -> None:
        if (item := self._current()) is not None:
            self.post_message(self.EditRequested(item))


class LeadCard(VerticalScroll):
    """Renders `view` (the open lead) through watch_view."""

    view: reactive[LeadView | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        yield Static(id="card-head")
        yield Sparkline([], id="card-spark")
        yield Static(id="card-next")
        yield Static(id="card-bant")
        yield Static("Facts & interactions  [dim](ctrl+t, then x reject / e edit)[/]", id="card-items-title")
        yield CardItems(id="card-items", compact=True)
        yield Static(id="card-points")

    def on_mount(self) -> None:
        self.border_title = "Lead card"
        self.watch_view(self.view)

    def watch_view(self, view: LeadView | None) -> None:
        if not self.is_mounted:
            return
        head = self.query_one("#card-head", Static)
        items = self.query_one(CardItems)
        spark = self.query_one(Sparkline)
        if view is None:
            head.update(Text("No lead open.\nctrl+n new lead · ctrl+o pick one from the list", style="dim"))
            for name in ("#card-next", "#card-bant", "#card-points"):
                self.query_one(name, Static).update("")
            spark.data = []
            spark.display = False
            items.set_options([])
            return
        detail, verdict = view.detail, view.detail.verdict
        head.update(self._head(detail, verdict))
        spark.data = view.engagement_history or []
        spark.display = len(view.engagement_history) > 1
        self.query_one("#card-next", Static).update(self._next(verdict))
        self.query_one("#card-bant", Static).update(self._bant(detail))
        self.query_one("#card-points", Static).update(self._points(verdict))
        highlighted = items.highlighted
        items.set_options(self._items(detail, verdict))
        if highlighted is not None and items.option_count:
            items.highlighted = min(highlighted, items.option_count - 1)

    def _head(self, detail: LeadDetail, verdict: Verdict | None) -> Group:
        s = detail.summary
        who = Text(s.name or s.email or f"lead #{s.id}", style="bold")
        if s.company:
            who.append(f" · {s.company}", style="italic")
        if verdict is None:
            return Group(who, Text.assemble(stage_badge(None), ("  no verdict yet: paste a note", "dim")))
        fit, eng = verdict.fit, verdict.engagement.score
        return Group(
            who,
            Text.assemble(stage_badge(verdict.stage, wide=True), ("  as of ", "dim"), (verdict.as_of.isoformat(), "dim")),
            Text.assemble(("fit ", "dim"), bar(fit.score, BAR_WIDTH, style="cyan"),
                          f" {fit.grade} {fit.score:.0f}" + (" poor" if fit.poor else "")),
            Text.assemble(("eng ", "dim"), bar(eng, BAR_WIDTH, style="magenta"), f" {eng:.0f}"),
        )

    def _next(self, verdict: Verdict | None) -> Group | str:
        if verdict is None:
            return ""
        nxt = verdict.explanation.next_stage
        # at the top stage the summary itself says so ("Top stage; to strengthen it: ...")
        label = f"Next: {nxt.stage.value.upper()} " if nxt.stage else ""
        parts: list[Text] = [Text.assemble((label, "bold"), nxt.summary)]
        if verdict.explanation.questions:
            parts.append(Text("Ask next", style="bold"))
            parts.extend(Text(f" {i}. {q}") for i, q in enumerate(verdict.explanation.questions, 1))
        return Group(*parts)

    def _bant(self, detail: LeadDetail) -> Text:
        text = Text("BANT ", style="bold")
        for criterion, state, value in bant_rows(detail):
            mark, style = _BANT_MARK[state]
            text.append(f"\n {mark} ", style=f"bold {style}")
            text.append(criterion)
            text.append(f" {state}", style=style)
            if value:
                text.append(f" ({value})", style="dim")
        return text

    def _items(self, detail: LeadDetail, verdict: Verdict | None) -> list[Option]:
        options: list[Option] = []
        rep = set(detail.rep_fields)
        for row in fact_rows(detail.facts, verdict):
            if row["field"] == "disqualifier":
                prompt = Text.assemble(("✖ ", "red"), (row["value"], "bold"), (f' {row["evidence"]}', "italic"))
                options.append(Option(prompt, id=f"dq:{row['value']}"))
                continue
            prompt = Text.assemble((row["field"] + " ", "dim"), (row["value"], "bold"))
            if row["field"] in rep:
                prompt.append(" (rep)", style="cyan")
            options.append(Option(prompt, id=f"fact:{row['field']}"))
        for ix in detail.interactions:
            rejected = ix.status == "rejected"
            style = "strike dim" if rejected else "bold"
            date = ix.occurred_on.isoformat() if ix.occurred_on else "no date"
            prompt = Text.assemble(
                (ix.kind.value + (f" x{ix.count}" if ix.count > 1 else ""), style), (f" {date}", "dim"),
                (f'\n  "{ix.evidence}"', "italic dim" if rejected else "italic green"),
            )
            if rejected:
                prompt.append(" rejected", style="red")
            options.append(Option(prompt, id=f"ix:{ix.id}"))
        return options

    def _points(self, verdict: Verdict | None) -> Text | str:
        if verdict is None or not verdict.explanation.contributions:
            return ""
        text = Text("Points", style="bold")
        for c in verdict.explanation.contributions:
            style = "green" if c.points > 0 else "red" if c.points < 0 else "dim"
            text.append(f"\n {c.points:+6.1f} ", style=style)
            text.append(("fit " if c.axis.value == "fit" else "eng ") + c.rule)
            if c.evidence:
                text.append(f" {contribution_words(c)}", style="italic green")
            if c.detail:
                text.append(f" {c.detail}", style="dim")
        return text
