"""The offline extractor: rep text -> Extraction with vocabularies and rules, no model.

It is the default extractor when no LLM is configured, so a rep must be able to trust it:
it states only what the text says, cancels negated, hedged and not-yet actions and what our
side did, and every fact, interaction and disqualifier carries the note's words it was
read from. The reading is the engine's (`assistant/extract/engine/`); the words it knows
live in `assistant/extract/vocab/<lang>/*.toml`.
"""

from __future__ import annotations

from assistant.extract.engine import EngineExtractor

__all__ = ["RulesExtractor"]


class RulesExtractor(EngineExtractor):
    """Reads a rep's note in English, Italian or Polish without any network or model."""
