"""The lead card: it renders a `views.LeadView` as it is (stage, fit and engagement bars,
engagement over time, next stage, questions, BANT, the facts and interactions, where x
rejects and e edits one, and every point with its evidence). No scoring, no translating."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from assistant.tui.actions import bindings_for
from assistant.tui.widgets.style import bar, stage_label_badge
from assistant.views import CardItem, EmptyCard, LeadView

BAR_WIDTH = 12
_BANT_MARK = {"met": ("✔", "green"), "not_met": ("✘", "red"), "unknown": ("?", "yellow")}


class CardItems(OptionList):
    """The facts and interactions of the open lead; x rejects, e edits the highlighted one."""

    BINDINGS = bindings_for("lead card")

    @dataclass
    class RejectRequested(Message):
        item_id: str  # "ix:<interaction id>", "fact:<field path>" or "dq:<kind>"

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


def item_prompt(item: CardItem) -> Text:
    if item.id.startswith("ix:"):
        style = "strike dim" if item.rejected else "bold"
        prompt = Text.assemble((item.label + (f" {item.value}" if item.value else ""), style), (f" {item.date}", "dim"),
                               (f"\n  {item.evidence}", "italic dim" if item.rejected else "italic green"))
        if item.tag:
            prompt.append(f" {item.tag}", style="red")
        return prompt
    if item.id.startswith("dq:"):
        return Text.assemble(("✖ ", "red"), (item.value, "bold"), (f" {item.evidence}", "italic"))
    prompt = Text.assemble((item.label + " ", "dim"), (item.value, "bold"))
    if item.tag:
        prompt.append(f" {item.tag}", style="cyan")
    if item.evidence:
        prompt.append(f"  {item.evidence}", style="italic green")
    return prompt


class LeadCard(VerticalScroll):
    """Renders `view` (the open lead) through watch_view; `empty` when no lead is open."""

    view: reactive[LeadView | None] = reactive(None, always_update=True)

    def __init__(self, *, empty: EmptyCard, id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty = empty

    def compose(self) -> ComposeResult:
        yield Static(id="card-head")
        yield Sparkline([], id="card-spark")
        yield Static(id="card-next")
        yield Static(id="card-bant")
        yield Static(id="card-items-title")
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
            head.update(Text.assemble((self.empty.title, "dim"), "\n", (self.empty.hint, "dim")))
            for name in ("#card-next", "#card-bant", "#card-points", "#card-items-title"):
                self.query_one(name, Static).update("")
            spark.data = []
            spark.display = False
            items.set_options([])
            return
        head.update(self._head(view))
        spark.data = list(view.history)
        spark.display = len(view.history) > 1
        self.query_one("#card-next", Static).update(self._next(view))
        self.query_one("#card-bant", Static).update(self._bant(view))
        self.query_one("#card-items-title", Static).update(
            Text.assemble((view.items_title, "bold"), (f"  {view.items_hint}", "dim")))
        self.query_one("#card-points", Static).update(self._points(view))
        highlighted = items.highlighted
        items.set_options(Option(item_prompt(i), id=i.id) for i in view.items)
        if highlighted is not None and items.option_count:
            items.highlighted = min(highlighted, items.option_count - 1)

    @staticmethod
    def _head(view: LeadView) -> Group:
        who = Text(view.title, style="bold")
        if view.company:
            who.append(f" · {view.company}", style="italic")
        if view.no_verdict is not None:
            return Group(who, Text.assemble(stage_label_badge(view.stage, view.stage_label), ("  " + view.no_verdict, "dim")))
        return Group(
            who,
            Text.assemble(stage_label_badge(view.stage, view.stage_label), ("  " + view.as_of, "dim")),
            Text.assemble((f"{view.fit.label:<6}", "dim"), bar(view.fit.value, BAR_WIDTH, style="cyan"), f" {view.fit.text}"),
            Text.assemble((f"{view.engagement.label:<6}", "dim"), bar(view.engagement.value, BAR_WIDTH, style="magenta"),
                          f" {view.engagement.text}"),
        )

    @staticmethod
    def _next(view: LeadView) -> Group | str:
        if not view.next_text:
            return ""
        parts: list[Text] = [Text(view.next_title, style="bold")] if view.next_title else []
        parts.append(Text(view.next_text))
        if view.questions:
            parts.append(Text(view.questions_title, style="bold"))
            parts.extend(Text(f" {i}. {q}") for i, q in enumerate(view.questions, 1))
        return Group(*parts)

    @staticmethod
    def _bant(view: LeadView) -> Text:
        text = Text(view.bant_title, style="bold")
        for row in view.bant:
            mark, style = _BANT_MARK[row.state]
            text.append(f"\n {mark} ", style=f"bold {style}")
            text.append(row.label)
            text.append(f" {row.state_label}", style=style)
            if row.value:
                text.append(f" ({row.value})", style="dim")
        return text

    @staticmethod
    def _points(view: LeadView) -> Text | str:
        if not view.points:
            return ""
        text = Text(view.points_title, style="bold")
        for row in view.points:
            style = {"plus": "green", "minus": "red"}.get(row.tone, "dim")
            text.append(f"\n {row.points:>6} ", style=style)
            text.append(f"{row.axis} {row.rule}")
            if row.words:
                text.append(f" {row.words}", style="italic green")
        return text
