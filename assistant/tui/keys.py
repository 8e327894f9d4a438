"""Every key and slash command of the app, in one table: the help screen and the README read it."""

from __future__ import annotations

# (where, key, what it does). Bindings in the widgets use the same keys; the help-screen
# test checks every binding the app declares is listed here.
KEYS: tuple[tuple[str, str, str], ...] = (
    ("anywhere", "ctrl+n", "new lead"),
    ("anywhere", "ctrl+o", "go to the lead list (enter opens the highlighted lead)"),
    ("anywhere", "ctrl+f", "filter the lead list (type; enter jumps to the list)"),
    ("anywhere", "ctrl+s", "sort the lead list: recency, stage, score"),
    ("anywhere", "ctrl+t", "go to the lead card's facts and interactions"),
    ("anywhere", "ctrl+w", "go to the message box"),
    ("anywhere", "ctrl+r", "retry the last note on the LLM (after a fallback)"),
    ("anywhere", "escape", "cancel reading; otherwise back to the message box"),
    ("anywhere", "f1", "this help"),
    ("anywhere", "ctrl+p", "command palette (every action, and open any lead by name)"),
    ("anywhere", "tab / shift+tab", "next / previous pane"),
    ("anywhere", "ctrl+q", "quit"),
    ("message box", "enter", "send the message"),
    ("message box", "ctrl+j", "new line (works in every terminal)"),
    ("message box", "shift+enter / alt+enter", "new line, where the terminal reports it"),
    ("message box", "paste", "a pasted email or notes arrive whole, lines kept"),
    ("lead list", "up / down", "move"),
    ("lead list", "enter", "open the lead with its transcript"),
    ("lead list", "delete", "delete the lead (asks first)"),
    ("lead card", "up / down", "pick a fact or an interaction"),
    ("lead card", "x", "reject the interaction, or clear the fact; re-scores"),
    ("lead card", "e / enter", "edit the fact's value; re-scores"),
    ("dialogs", "enter / escape", "confirm / cancel"),
)

SLASH_COMMANDS: tuple[tuple[str, str], ...] = (
    ("/new [name]", "create a lead (optionally named) and open it"),
    ("/open [text]", "open the lead whose name, company or email matches; no text: go to the list"),
    ("/why", "why the open lead has its stage, with the points that count most"),
    ("/next", "what to ask next (the discovery questions)"),
    ("/rules", "the scoring rules in force"),
    ("/export", "save the open lead (facts, verdict, transcript) as JSON"),
    ("/help", "this help"),
)

CHAT_EXAMPLES: tuple[str, ...] = (
    "why is this an MQL? / why not SQL? / what should I ask next?",
    "perché non è SQL? / cosa devo chiedere?",
    "dlaczego to nie jest SQL? / o co zapytać?",
    "actually they have 40 employees / no, she is not the decision maker / budget is confirmed",
    "in realtà sono 40 dipendenti / właściwie mają 40 pracowników",
    "actually they are based in Munich / in realtà sono nel retail / właściwie to firma z Niemiec",
)
