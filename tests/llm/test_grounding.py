"""Grounding and validation as tables: what the text supports stays, the rest is reported."""

from __future__ import annotations

import pytest

from assistant.domain import Disqualifier, Extraction, Interaction
from assistant.extract.grounding import coerce_extraction, evidence_in_text, ground, normalise

TEXT = (
    "Marta Kowal (Head of IT, 1 200 pracowników) said: “we’re comparing three vendors”. "
    "She  visited the pricing page 4 times\nand downloaded two whitepapers — then asked for a quote."
)


@pytest.mark.parametrize(
    ("evidence", "found"),
    [
        ("visited the pricing page 4 times", True),
        ("visited the pricing page 4 times and downloaded", True),  # newline and double space
        ('"we\'re comparing three vendors"', True),  # curly vs straight quotes
        ("We’re comparing three vendors", True),  # case
        ("downloaded two whitepapers - then asked for a quote.", True),  # dash, trailing dot
        ("visited the pricing page ... asked for a quote", True),  # shortened with an ellipsis
        ("asked for a quote ... visited the pricing page", False),  # fragments out of order
        ("asked for a demo", False),
        ("visited the pricing page 5 times", False),
        ("", False),
        ("a", False),  # too short to show anything
        ("chiesto un preventivo", False),  # a translation is not evidence
    ],
)
def test_evidence_must_be_in_the_text(evidence, found):
    assert evidence_in_text(evidence, TEXT) is found


def test_normalise_folds_quotes_dashes_spaces_and_case():
    assert normalise("  “Ciao”\u00a0–  ‘Mondo’ … ") == "\"ciao\" - 'mondo' ..."


def _interaction(kind: str, evidence: str, count: int = 1) -> Interaction:
    return Interaction(kind=kind, evidence=evidence, count=count)


def test_ground_drops_items_without_evidence_and_keeps_the_rest():
    extraction = Extraction(
        interactions=[
            _interaction("pricing_page_visit", "visited the pricing page 4 times", 4),
            _interaction("demo_request", "asked for a live demo"),
            _interaction("quote_request", "asked for a quote"),
        ],
        disqualifiers=[
            Disqualifier(kind="competitor", evidence="we're comparing three vendors"),
            Disqualifier(kind="student", evidence="she is a student"),
        ],
    )
    grounded, dropped = ground(extraction, TEXT)
    assert [i.kind.value for i in grounded.interactions] == ["pricing_page_visit", "quote_request"]
    assert [d.kind.value for d in grounded.disqualifiers] == ["competitor"]
    assert sorted((d.item, d.data.get("kind")) for d in dropped) == [
        ("disqualifier", "student"), ("interaction", "demo_request"),
    ]
    assert extraction.interactions[1].kind.value == "demo_request"  # the input is not changed


@pytest.mark.parametrize(
    ("evidence", "count", "expected"),
    [
        ("visited the pricing page 4 times", 4, 4),
        ("visited the pricing page 4 times", 7, 4),  # the evidence names one number: take it
        ("downloaded two whitepapers", 2, 2),  # number words count
        ("downloaded two whitepapers", 3, 2),
        ("asked for a quote", 3, 3),  # no number in the evidence: nothing to check against
    ],
)
def test_counts_are_checked_against_the_evidence(evidence, count, expected):
    grounded, dropped = ground(Extraction(interactions=[_interaction("content_download", evidence, count)]), TEXT)
    assert grounded.interactions[0].count == expected
    assert bool(dropped) is (count != expected)


def test_amounts_not_written_in_the_text_are_dropped():
    extraction, _ = coerce_extraction({"company": {"employees": 1200, "annual_revenue": 5e6}, "bant": {"budget_amount": 1200}})
    grounded, dropped = ground(extraction, TEXT)
    assert grounded.company.employees == 1200  # "1 200" is 1200
    assert grounded.company.annual_revenue is None
    assert {d.item for d in dropped} == {"company.annual_revenue"}


def test_coerce_keeps_good_fields_and_reports_bad_ones():
    extraction, dropped = coerce_extraction(
        {
            "contact": {"name": "Marta Kowal", "seniority": "Director", "department": "wizardry"},
            "company": {"country": "pl", "employees": "lots", "currency": "pln"},
            "lead_source": "carrier pigeon",
            "interactions": [
                {"kind": "Pricing Page Visit", "evidence": "visited the pricing page", "count": None},
                {"kind": "demo_request", "evidence": "asked", "occurred_on": "next tuesday"},
                {"kind": "mind_reading", "evidence": "visited"},
                {"kind": "quote_request"},
                "not an object",
            ],
            "disqualifiers": {"kind": "student"},
            "surprise": 42,
        }
    )
    assert extraction.contact.name == "Marta Kowal" and extraction.contact.seniority.value == "director"
    assert extraction.contact.department is None
    assert extraction.company.country == "PL" and extraction.company.currency == "PLN"
    assert extraction.company.employees is None and extraction.lead_source is None
    kinds = [(i.kind.value, i.count, i.occurred_on) for i in extraction.interactions]
    assert kinds == [("pricing_page_visit", 1, None), ("demo_request", 1, None)]
    assert extraction.disqualifiers == []
    items = sorted(d.item for d in dropped)
    assert items == sorted([
        "contact.department", "company.employees", "lead_source", "interaction.occurred_on",
        "interaction", "interaction", "interaction", "disqualifiers",
    ])
    assert all(d.reason for d in dropped)


@pytest.mark.parametrize("data", [[], "text", 3, None])
def test_coerce_rejects_an_answer_that_is_not_an_object(data):
    with pytest.raises(ValueError):
        coerce_extraction(data)


def test_a_date_after_the_reference_date_is_cleared():
    from datetime import date

    extraction = Extraction(interactions=[
        Interaction(kind="meeting_booked", evidence="asked for a quote", occurred_on=date(2026, 4, 2)),
        Interaction(kind="quote_request", evidence="asked for a quote", occurred_on=date(2026, 3, 1)),
    ])
    grounded, dropped = ground(extraction, TEXT, as_of=date(2026, 3, 16))
    assert [i.occurred_on for i in grounded.interactions] == [None, date(2026, 3, 1)]
    assert [d.item for d in dropped] == ["interactions.meeting_booked.occurred_on"]
