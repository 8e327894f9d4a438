"""The text the LLM reads, kept as files: the system prompt, the note template, few-shot examples.

`PROMPT_VERSION` is a short hash of every file here, so each extraction records exactly
which prompt produced it. Editing a prompt or an example changes the version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

PROMPTS_DIR = Path(__file__).resolve().parent
EXAMPLES_DIR = PROMPTS_DIR / "examples"


@dataclass(frozen=True)
class Example:
    """One few-shot example: a note, its reference date, and the answer a careful reader gives."""

    name: str
    as_of: date
    text: str
    answer: dict[str, Any]


def _prompt_files() -> list[Path]:
    files = [p for p in PROMPTS_DIR.rglob("*") if p.is_file() and p.suffix in (".md", ".json")]
    return sorted(files, key=lambda p: p.relative_to(PROMPTS_DIR).as_posix())


def _read(name: str) -> str:
    return (PROMPTS_DIR / name).read_text(encoding="utf-8").strip()


def system_prompt() -> str:
    """The instructions: what each field and interaction kind means, and the reading rules."""
    return _read("system.md")


def note_template() -> str:
    """The user message around a note; placeholders {as_of}, {weekday} and {text}."""
    return _read("note.md")


def json_mode_instruction() -> str:
    """Said before the JSON Schema when the provider only offers plain JSON mode."""
    return _read("json_mode.md")


def render_note(text: str, as_of: date) -> str:
    """The user message for `text` read against `as_of` (as the model sees it)."""
    return note_template().format(as_of=as_of.isoformat(), weekday=as_of.strftime("%A"), text=text)


@cache
def examples() -> tuple[Example, ...]:
    """The few-shot examples, in file-name order (English, Italian, Polish)."""
    found = []
    for path in sorted(EXAMPLES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append(
            Example(
                name=path.stem,
                as_of=date.fromisoformat(data["as_of"]),
                text=data["text"],
                answer=data["answer"],
            )
        )
    return tuple(found)


@cache
def prompt_version() -> str:
    """Short hash of every prompt file (computed once, on first use)."""
    digest = hashlib.sha256()
    for path in _prompt_files():
        digest.update(path.relative_to(PROMPTS_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def __getattr__(name: str) -> str:
    # `PROMPT_VERSION` is computed on first use, not at import time.
    if name == "PROMPT_VERSION":
        return prompt_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "PROMPT_VERSION",
    "Example",
    "examples",
    "json_mode_instruction",
    "note_template",
    "prompt_version",
    "render_note",
    "system_prompt",
]
