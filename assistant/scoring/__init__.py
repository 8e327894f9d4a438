"""Deterministic scoring: the scoring file, fit, engagement, stage and explanation.

`load_scoring(path=None)` reads and checks a scoring file (default: the packaged
default_scoring.toml); `score(extraction, as_of=..., model=..., lang=...)` turns an
extraction into a `Verdict`. Pure functions, no I/O besides reading the scoring file.
"""

from __future__ import annotations

from assistant.scoring.model import ScoringFileError, ScoringModel, load_scoring
from assistant.scoring.scorer import score

__all__ = ["ScoringFileError", "ScoringModel", "load_scoring", "score"]
