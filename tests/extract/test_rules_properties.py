"""Properties of the rules extractor over many inputs: evidence is always a verbatim
substring, the same input gives the same output, and the vocabularies are complete."""

from __future__ import annotations

import random
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain import Department, DisqualifierKind, Industry, InteractionKind, Seniority
from assistant.extract import vocab
from assistant.extract.rules import RulesExtractor

AS_OF = date(2025, 6, 18)
EXTRACTOR = RulesExtractor()

# Fragments in the three languages, glued at random into notes with random punctuation.
FRAGMENTS = [
    "downloaded two guides yesterday",
    "asked for a quote",
    "did not ask for a demo",
    "opened 4 emails",
    "visited the pricing page 3 times",
    "Head of Marketing at Orbit (SaaS, 40 people, Leeds)",
    "budget approved, €30k",
    "is a student",
    "not interested",
    "booked a call for Friday",
    "ha scaricato due whitepaper",
    "non ha ancora chiesto un preventivo",
    "vuole un preventivo",
    "si è iscritta alla newsletter",
    "responsabile acquisti di Rossi Srl (ente pubblico, 1.200 dipendenti, Lecco)",
    "pobrała e-booka",
    "nie prosił o wycenę",
    "trzy razy oglądał cennik",
    "chce wycenę",
    "kierownik IT w Sowex (sklep internetowy, 55 osób, Łódź)",
    "budżet: 80 tys. zł zatwierdzony",
    "„Carrelli abbandonati: come recuperarli”",
    "'Request a quote'",
    "2025-05-02",
    "12/04/2025",
    "mail wrócił jako niedoręczony",
    "unsubscribed",
    "Pain: manual invoicing",
]
SEPARATORS = [". ", ", ", "; ", "\n", " - ", " e ", " i ", " and ", " (", ") ", " • ", ": "]


def _note(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 8)):
        parts.append(rng.choice(FRAGMENTS))
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts)


def _check(text: str) -> None:
    result = EXTRACTOR.extract(text, as_of=AS_OF)
    e = result.extraction
    for item in [*e.interactions, *e.disqualifiers]:
        assert item.evidence and item.evidence in text
    assert result.language in vocab.languages()
    for i in e.interactions:
        assert i.count >= 1
        assert i.occurred_on is None or i.occurred_on <= AS_OF


def test_evidence_is_verbatim_over_generated_notes() -> None:
    rng = random.Random(20251125)
    for _ in range(400):
        _check(_note(rng))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_evidence_is_verbatim_for_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + SEPARATORS), max_size=14))
def test_same_input_same_output(parts: list[str]) -> None:
    text = "".join(parts)
    first = EXTRACTOR.extract(text, as_of=AS_OF).model_dump()
    assert EXTRACTOR.extract(text, as_of=AS_OF).model_dump() == first


def test_every_language_has_every_kind_and_disqualifier() -> None:
    for lang in vocab.languages():
        data = vocab.load(lang)
        assert set(data["interactions"]["kinds"]) == {k.value for k in InteractionKind}, lang
        assert set(data["qualifiers"]["disqualifiers"]) == {k.value for k in DisqualifierKind}, lang


def test_vocabulary_ids_are_domain_ids_and_patterns_compile() -> None:
    for lang in vocab.languages():
        data = vocab.load(lang)
        assert set(data["people"]["seniority"]) - {"exclude"} <= {s.value for s in Seniority}
        assert set(data["people"]["department"]) <= {d.value for d in Department}
        assert {r["industry"] for r in data["industries"]["rule"]} <= {i.value for i in Industry}
        for section in ("interactions", "bant", "qualifiers", "people", "grammar", "industries"):
            for pattern in _strings(data[section]):
                re.compile(vocab.expand(pattern))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for x in node for s in _strings(x)]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k != "industry" for s in _strings(v)]
    return []


def test_fold_keeps_offsets() -> None:
    text = "Łódź, Kraków — Città, naïve ŻÓŁW’s"
    folded = vocab.fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("lodz, krakow")
