"""Text -> extraction -> verdict, with no storage: the stateless core of qualification.

The CLI's `qualify` and `eval` use this directly; the `Pipeline` wraps it with storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.domain import ExtractionResult, Verdict
from assistant.extract import Extractor
from assistant.scoring import ScoringModel, score


@dataclass(frozen=True)
class Qualification:
    result: ExtractionResult
    verdict: Verdict


def qualify_text(
    text: str,
    *,
    as_of: date,
    extractor: Extractor,
    scoring: ScoringModel,
    lang: str | None = None,
) -> Qualification:
    """Extract facts from `text` and score them against `as_of`. Raises ExtractionError."""
    result = extractor.extract(text, as_of=as_of, lang=lang)
    verdict = score(result.extraction, as_of=as_of, model=scoring, lang=lang or result.language)
    return Qualification(result=result, verdict=verdict)
