"""The lead list: a filter box and every lead with a coloured stage badge, fit, engagement and last activity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from assistant.domain import LeadSummary, Stage
from assistant.tui.actions import bindings_for
from assistant.tui.widgets.style import STAGE_STYLE, ago
from assistant.views import LeadRowView, lead_row

SORTS = ("recency", "stage", "score")


def _sorted(leads: list[LeadSummary], sort: str) -> list[LeadSummary]:
    if sort == "stage":
        return sorted(leads, key=lambda s: (-(s.stage.rank if s.stage else -1), -(s.fit or 0), -s.id))
    if sort == "score":
        return sorted(leads, key=lambda s: (-((s.fit or 0) + (s.engagement or 0)), -s.id))
    return sorted(leads, key=lambda s: (s.last_activity or s.updated_at).timestamp(), reverse=True)


def _matches(lead: LeadSummary, needle: str) -> bool:
    if not needle:
        return True
    stage = lead.stage.value if lead.stage else "new"
    haystack = " ".join(x for x in (lead.name, lead.company, lead.email, stage) if x).lower()
    return all(word in haystack for word in needle.lower().split())


class LeadOptions(OptionList):
    BINDINGS = bindings_for("lead list")

    @dataclass
    class DeleteRequested(Message):
        lead_id: int

    @dataclass
    class MergeRequested(Message):
        lead_id: int

    def _highlighted_id(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id else None

    def action_delete_lead(self) -> None:
        if (lead_id := self._highlighted_id()) is not None:
            self.post_message(self.DeleteRequested(lead_id))

    def action_merge_highlighted(self) -> None:
        if (lead_id := self._highlighted_id()) is not None:
            self.post_message(self.MergeRequested(lead_id))


def render_row(row: LeadRowView, now: datetime) -> Text:
    """Three lines, each cut with "…" when the list is narrow, never wrapped."""
    line1 = Text.assemble((f" {row.stage_label:^4} ", STAGE_STYLE[row.stage]), " ", (row.name, "bold"))
    line2 = Text.assemble(("  " + row.company, "italic"))
    when = row.summary.last_activity or row.summary.updated_at
    line3 = Text.assemble("  ", (row.fit, "bold"), (" · eng ", "dim"), row.engagement, (" · " + ago(when, now), "dim"))
    prompt = Text("\n").join([line1, line2, line3])
    prompt.no_wrap, prompt.overflow = True, "ellipsis"
    return prompt


class LeadList(Vertical):
    """Renders `leads` (filtered by the box, sorted by `sort`); selecting one posts LeadChosen."""

    leads: reactive[list[LeadSummary]] = reactive(list, always_update=True)
    sort: reactive[str] = reactive("recency")
    filter_text: reactive[str] = reactive("")
    current_id: reactive[int | None] = reactive(None)

    @dataclass
    class LeadChosen(Message):
        lead_id: int

    def __init__(self, *, now: Callable[[], datetime] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._now = now or (lambda: datetime.now(UTC))

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter leads (ctrl+f)", id="lead-filter", compact=True)
        yield Static(id="lead-sort")
        yield LeadOptions(id="lead-options")

    def on_mount(self) -> None:
        self.border_title = "Leads"
        self._render_sort()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(LeadOptions).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.LeadChosen(int(event.option.id)))

    def watch_leads(self) -> None:
        self._rebuild()

    def watch_filter_text(self) -> None:
        self._rebuild(first=True)

    def watch_current_id(self) -> None:
        self._rebuild()

    def watch_sort(self) -> None:
        self._render_sort()
        self._rebuild()

    def cycle_sort(self) -> str:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        return self.sort

    def upsert(self, lead: LeadSummary) -> None:
        """One lead as it is now (a note, a correction): replaced in place, or added."""
        others = [x for x in self.leads if x.id != lead.id]
        self.leads = [lead, *others]

    def _render_sort(self) -> None:
        if self.is_mounted:
            self.query_one("#lead-sort", Static).update(
                Text.assemble(("sort: ", "dim"), (self.sort, "bold"), ("  ctrl+s", "dim"))
            )

    def _rebuild(self, *, first: bool = False) -> None:
        if not self.is_mounted:
            return
        options = self.query_one(LeadOptions)
        shown = [lead for lead in _sorted(self.leads, self.sort) if _matches(lead, self.filter_text)]
        now = self._now()
        options.set_options(Option(render_row(lead_row(lead), now), id=str(lead.id)) for lead in shown)
        ids = [lead.id for lead in shown]
        if shown:
            # filtering highlights the first match; otherwise the open lead stays highlighted
            if first or self.current_id not in ids:
                options.highlighted = 0
            else:
                options.highlighted = ids.index(self.current_id)
        count = f"{len(shown)}/{len(self.leads)}" if self.filter_text else str(len(self.leads))
        self.border_subtitle = f"{count} leads"

    def shown_ids(self) -> list[int]:
        options = self.query_one(LeadOptions)
        return [int(options.get_option_at_index(i).id or 0) for i in range(options.option_count)]

    def highlighted_id(self) -> int | None:
        return self.query_one(LeadOptions)._highlighted_id()


__all__ = ["SORTS", "LeadList", "LeadOptions", "Stage"]
