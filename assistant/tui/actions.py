"""Every action of the app, declared once: its keys, its slash command, its palette entry and
its help line all come from here (the bindings, the command palette, `/help`, the help
screen and README.md's TUI tables).

An action with `keys` and `where="anywhere"` is an app binding that runs `action_<name>`;
keys of a pane (the lead list, the lead card, the message box, the dialogs) are bound by
that widget from `bindings_for(where)`. Keys Textual itself handles (ctrl+p, ctrl+q, tab)
are listed for the help only (`bound=False`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    name: str  # runs action_<name> on the app, or on the widget of `where`
    help: str  # what it does, for the help screen and the README
    keys: str = ""  # Textual key names, comma separated ("ctrl+j,shift+enter")
    where: str = "anywhere"  # anywhere | message box | lead list | lead card | dialogs
    slash: str = ""  # "/new [name]"
    title: str = ""  # the command palette's entry (none: not in the palette)
    footer: str = ""  # the footer's label (none: not shown there)
    shown_keys: str = ""  # how the help writes the keys, when not as bound
    priority: bool = False  # before the focused widget (ctrl+w must not delete a word)
    bound: bool = True  # False: a key Textual handles itself, listed for the help

    @property
    def key_text(self) -> str:
        return self.shown_keys or " / ".join(self.keys.split(","))

    @property
    def command(self) -> str:
        """The slash command's name: '/new [name]' -> 'new'."""
        return self.slash.split()[0].lstrip("/") if self.slash else ""


ACTIONS: tuple[Action, ...] = (
    Action("new_lead", "a new lead (/new Name: named) and open it", keys="ctrl+n", slash="/new [name]", title="New lead",
           footer="New", priority=True),
    Action("focus_leads", "go to the lead list (enter opens the highlighted lead)", keys="ctrl+o",
           title="Lead list", footer="Leads"),
    Action("open", "open the lead whose name, company or email matches; no text: go to the list",
           slash="/open [text]"),
    Action("filter_leads", "filter the lead list (type; enter jumps to the list, the first match highlighted)",
           keys="ctrl+f", title="Filter leads"),
    Action("cycle_sort", "sort the lead list: recency, stage, score", keys="ctrl+s", title="Sort leads"),
    Action("focus_card", "go to the lead card's facts and interactions", keys="ctrl+t",
           title="Lead facts", footer="Card"),
    Action("focus_input", "go to the message box (also from the filter box)", keys="ctrl+w",
           title="Message box", priority=True),
    Action("next_pane", "next pane: leads, chat, card (one at a time below 100 columns)", keys="f2",
           title="Next pane", footer="Pane"),
    Action("retry_llm", "read the last note again on the LLM (after a fallback); says why not without one",
           keys="ctrl+r", title="Retry on LLM"),
    Action("cancel_or_back", "cancel reading; otherwise back to the message box", keys="escape"),
    Action("help", "this help", keys="f1", slash="/help", title="Help", footer="Help"),
    Action("command_palette", "command palette (every action, and open any lead by name)", keys="ctrl+p",
           bound=False),
    Action("focus_next", "next / previous pane", keys="tab,shift+tab", shown_keys="tab / shift+tab",
           bound=False),
    Action("quit", "quit", keys="ctrl+q", bound=False),
    Action("why", "why the open lead has its stage, with the points that count most", slash="/why",
           title="Why this stage"),
    Action("next_questions", "what to ask next (the discovery questions)", slash="/next",
           title="What to ask next"),
    Action("merge", "merge another lead into the open one: a preview of what moves first",
           slash="/merge <lead>", title="Merge a lead into this one"),
    Action("undo", "undo the last merge: both leads back exactly as they were", slash="/undo",
           title="Undo the last merge"),
    Action("pending", "place the notes saved on no lead yet (after a quit while asked)", slash="/pending",
           title="Place waiting notes"),
    Action("rules", "the scoring rules in force", slash="/rules", title="Scoring rules"),
    Action("export", "save the open lead (facts, verdict, transcript) as JSON", slash="/export",
           title="Export lead"),
    # the message box
    Action("send", "send the message", keys="enter", where="message box", bound=False),
    Action("newline", "new line (works in every terminal)", keys="ctrl+j", where="message box"),
    Action("newline_alt", "new line, where the terminal reports it", keys="shift+enter,alt+enter",
           where="message box", shown_keys="shift+enter / alt+enter"),
    Action("paste", "a pasted email or notes arrive whole, lines kept", keys="paste", where="message box",
           bound=False),
    # the lead list
    Action("move", "move", keys="up,down", where="lead list", shown_keys="up / down", bound=False),
    Action("open_highlighted", "open the lead with its transcript", keys="enter", where="lead list",
           bound=False),
    Action("delete_lead", "delete the lead (asks first)", keys="delete", where="lead list",
           footer="Delete"),
    Action("merge_highlighted", "merge the highlighted lead into the open one (preview first)", keys="m",
           where="lead list", footer="Merge"),
    # the lead card
    Action("pick", "pick a fact or an interaction", keys="up,down", where="lead card",
           shown_keys="up / down", bound=False),
    Action("reject", "reject the interaction, or clear the fact; re-scores", keys="x", where="lead card",
           footer="Reject / clear"),
    Action("edit", "edit the fact's value; re-scores", keys="e,enter", where="lead card",
           shown_keys="e / enter", footer="Edit"),
    # dialogs
    Action("confirm", "confirm / cancel", keys="enter,escape", where="dialogs", shown_keys="enter / escape",
           bound=False),
    Action("choose", "where a note goes: n new lead, e the existing lead, t this lead; escape decides later",
           keys="n,e,t", where="dialogs", shown_keys="n / e / t", bound=False),
)

BY_NAME = {a.name: a for a in ACTIONS}
SLASH = {a.command: a for a in ACTIONS if a.slash}
PLACES = ("anywhere", "message box", "lead list", "lead card", "dialogs")

CHAT_EXAMPLES: tuple[str, ...] = (
    "why is this an MQL? / why not SQL? / what should I ask next?",
    "perché non è SQL? / cosa devo chiedere?",
    "dlaczego to nie jest SQL? / o co zapytać?",
    "actually they have 40 employees / no, she is not the decision maker / budget is confirmed",
    "in realtà sono 40 dipendenti / właściwie mają 40 pracowników",
    "actually they are based in Munich / in realtà sono nel retail / właściwie to firma z Niemiec",
    "actually his name is Kacper Nowak / in realtà si chiama Giulia Ferrari / właściwie rozmawiałem z Kacprem Nowakiem",
    "actually she is the CFO / in realtà è il direttore commerciale / właściwie jest dyrektorem marketingu",
    "not a student after all / in realtà non è uno studente / właściwie nie jest konkurencją",
    "Sofia Rossi here, ... (a note that opens with its contact's name names the lead)",
)


def bindings_for(where: str) -> list[Binding]:
    """The Textual bindings of the actions of `where` (the app's: 'anywhere')."""
    out = []
    for action in ACTIONS:
        if action.where != where or not action.bound or not action.keys:
            continue
        out.append(Binding(action.keys, action.name, action.footer or action.help,
                           show=bool(action.footer), priority=action.priority))
    return out


def keys_table() -> list[tuple[str, str, str]]:
    """(where, keys, what it does) of every action with keys, pane by pane."""
    rows = []
    for place in PLACES:
        rows.extend((a.where, a.key_text, a.help) for a in ACTIONS if a.where == place and a.keys)
    return rows


def slash_table() -> list[tuple[str, str]]:
    return [(a.slash, a.help) for a in ACTIONS if a.slash]
