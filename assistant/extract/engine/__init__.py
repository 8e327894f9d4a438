"""The offline extractor's engine: one reader for every language, whose words all live in
the vocabulary folders (see `assistant/extract/vocab/README.md`)."""

from __future__ import annotations

from datetime import date

from assistant.domain import ExtractionResult
from assistant.extract.grounding import ground

__all__ = ["EngineExtractor"]


class EngineExtractor:
    """Reads a rep's note with the vocabularies and general rules, no model."""

    name = "rules"

    def extract(self, text: str, *, as_of: date, lang: str | None = None) -> ExtractionResult:
        from assistant.extract.engine.reader import read_note
        from assistant.extract.readers import Reading

        extraction, language, found = read_note(text, as_of=as_of, lang=lang)
        grounded, dropped = ground(extraction, text, as_of=as_of, lang=language, reading=Reading(text, found))
        return ExtractionResult(extraction=grounded, language=language, extractor=self.name, dropped=dropped)
