"""Measure the scorer on the dev set's gold facts: fed what a careful reader extracts, it
must give the gold stage. Reads ../shared/eval/dev.jsonl when present (texts are never
used, only the gold labels), and skips otherwise."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Bant, Company, Contact, Disqualifier, Extraction, Interaction
from assistant.scoring import load_scoring, score

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"


def _cases() -> list[dict]:
    if not DEV.is_file():
        return []
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_extraction(gold: dict) -> Extraction:
    """An Extraction holding exactly the gold facts. The gold says whether the record is
    enriched rather than giving title and company, so placeholders stand in for them."""
    enriched = bool(gold.get("enriched"))
    email = gold.get("email")
    return Extraction(
        contact=Contact(
            job_title="(title)" if enriched else None,
            email=email,
            phone="(phone)" if enriched and not email else None,
            seniority=gold.get("seniority"),
            department=gold.get("department"),
        ),
        company=Company(
            name="(company)" if enriched else None,
            employees=gold.get("employees"),
            industry=gold.get("industry"),
            country=gold.get("country"),
        ),
        interactions=[
            Interaction(kind=i["kind"], count=i.get("count") or 1,
                        occurred_on=i.get("occurred_on"), evidence="(gold)")
            for i in gold.get("interactions", [])
        ],
        bant=Bant(
            budget=gold.get("budget"),
            authority=gold.get("authority"),
            need="(stated)" if gold.get("need") else None,
            timeline_days=gold.get("timeline_days"),
        ),
        disqualifiers=[Disqualifier(kind=k, evidence="(gold)") for k in gold.get("disqualifiers", [])],
    )


CASES = _cases()


@pytest.mark.skipif(not CASES, reason=f"no dev set at {DEV}")
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_gold_facts_give_the_gold_stage(case: dict) -> None:
    model = load_scoring()
    verdict = score(gold_extraction(case["gold"]), as_of=date.fromisoformat(case["as_of"]), model=model)
    assert verdict.stage.value == case["gold"]["stage"], verdict.explanation.reason
