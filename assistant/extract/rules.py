"""The offline extractor: rep text -> Extraction with vocabularies and rules, no model.

It is the default extractor when no LLM is configured, so a rep must be able to trust it:
it states only what the text says, cancels negated and not-yet actions, and every
interaction and disqualifier carries its evidence copied verbatim from the input. The
words it knows live in `assistant/extract/vocab/<lang>/*.toml`.
"""

from __future__ import annotations

from datetime import date

from assistant.domain import Extraction, ExtractionResult
from assistant.extract.attributes import read_facts
from assistant.extract.dates import find_dates
from assistant.extract.interactions import find_disqualifiers, find_interactions
from assistant.extract.language import detect_language
from assistant.extract.lexicon import lexicon_for
from assistant.extract.segments import segment


class RulesExtractor:
    """Reads a rep's note in English, Italian or Polish without any network or model."""

    name = "rules"

    def extract(self, text: str, *, as_of: date, lang: str | None = None) -> ExtractionResult:
        # the vocabulary follows the text's own language; a language asked for by the caller
        # (the rep's interface) is read too, so a mismatch never hides the note's words
        language = detect_language(text)
        lex = lexicon_for(language, lang)
        doc = segment(text, lex)
        dates = find_dates(text, as_of, language)
        facts = read_facts(doc, as_of=as_of, date_spans=[(d.start, d.end) for d in dates])
        extraction = Extraction(
            contact=facts.contact,
            company=facts.company,
            lead_source=facts.lead_source,
            interactions=find_interactions(doc, as_of=as_of, dates=dates, lang=language),
            bant=facts.bant,
            disqualifiers=find_disqualifiers(doc),
        )
        return ExtractionResult(extraction=extraction, language=language, extractor=self.name)
