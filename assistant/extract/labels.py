"""Record labels of a note: "Title: ...", "Ruolo: ...", "Stanowisko: ...", parts of one
line split by | • –, and CSV exports (a header line of labels over a line of values).

The label words are vocabulary (`people.toml` [labels]); values are spans of the text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from assistant.extract.segments import Doc, trim
from assistant.extract.vocab import fold

_LABEL_LINE = re.compile(
    r"[ \t]*[-•*>]?[ \t]*([^:\n=|]{1,40}?)[ \t]*[:=][ \t]*([^\n]*?)[ \t]*$", re.MULTILINE
)
_CSV_FIELD = re.compile(r'\s*(?:"([^"]*)"|([^,\n]*))\s*(?:,|$)')
# parts of a line: "Name: X | Company: Y", or sentences ("... emails. Company: Pinecrest")
_SEPARATORS = re.compile(r"\s+[|•–—]\s+|(?<=[a-z)][.!?])\s+(?=[A-Z])")
# The end of a legal form whose final dot belongs to the name ("S.A.", "sp. z o.o.", "Ltd.").
DOTTED_END = re.compile(
    r"(?:\b\w\.\w\.|\b(?:ltd|inc|corp|co|o\.o|s\.a|s\.p\.a|s\.r\.l|b\.v|n\.v)\.)$", re.IGNORECASE
)


@dataclass
class Labelled:
    """Values of labelled fields: name -> (start, end) of the value in the text."""

    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def trim_name(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim like `trim`, but keep the dot of a legal form ("S.A.", "sp. z o.o.", "Ltd.")."""
    a, b = trim(text, s, e)
    if text[b : b + 1] == "." and DOTTED_END.search(text, a, b + 1):
        b += 1
    return a, b


def value_head(text: str, start: int, end: int) -> tuple[int, int]:
    """The value up to its first bracket, comma, dash or bar ("Vistula S.A. (leasing...)")."""
    m = re.search(r"\s*(?:\(|,|\s[–—|-]\s|<|;)", text[start:end])
    if m:
        end = start + m.start()
    return trim_name(text, start, end)


def read_labels(doc: Doc) -> Labelled:
    out = Labelled()
    labels = doc.lex.labels
    text = doc.text

    def label_of(raw: str) -> str | None:
        key = fold(raw.strip().strip("*_#\"' ").strip()).replace("_", " ")
        for name, pat in labels.items():
            if pat.fullmatch(key):
                return name
        return None

    for line_m in re.finditer(r"[^\n]+", text):
        ls, le = line_m.start(), line_m.end()
        # a line may hold several "Label: value" parts separated by | • –
        parts = []
        pos = ls
        for sep in _SEPARATORS.finditer(text, ls, le):
            parts.append((pos, sep.start()))
            pos = sep.end()
        parts.append((pos, le))
        for ps, pe in parts:
            m = _LABEL_LINE.match(text, ps, pe)
            if not m or not m.group(2):
                continue
            name = label_of(m.group(1))
            if name and name not in out.spans:
                out.spans[name] = (m.start(2), m.end(2))
    # CSV: a header line of labels followed by a line of values
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for (hs, he), (vs, ve) in itertools.pairwise(lines):
        header = text[hs:he]
        if header.count(",") < 2:
            continue
        names = [label_of(h) for h in header.split(",")]
        if sum(1 for n in names if n) < 3:
            continue
        fields = []
        pos = vs
        while pos < ve:
            m = _CSV_FIELD.match(text, pos, ve)
            if not m or m.end() == pos:
                break
            if m.group(1) is not None:
                fields.append((m.start(1), m.end(1)))
            else:
                fields.append(trim(text, m.start(2), m.end(2)))
            pos = m.end()
        for name, span in zip(names, fields, strict=False):
            if name and name not in out.spans and span[1] > span[0]:
                out.spans[name] = span
    return out
