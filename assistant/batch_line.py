"""One line of a JSONL batch, apart from assistant.batch so that reading a batch without
saving it (`qualify --jsonl` with no --save) does not load the storage layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["BatchLine"]


@dataclass(frozen=True)
class BatchLine:
    number: int
    id: Any
    text: str
    as_of: date
