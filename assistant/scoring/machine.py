"""A verdict for machines (SPEC section 7): the JSON object `qualify --json`, `--jsonl` and the
service print. Kept apart from render.py so that a batch imports no terminal library.
"""

from __future__ import annotations

from typing import Any

from assistant.domain import Extraction, Verdict


def verdict_json(
    verdict: Verdict, extraction: Extraction | None = None, id: Any = None
) -> dict[str, Any]:
    """SPEC section 7: {id, stage, fit, engagement, extraction?, explanation} plus extras."""
    explanation = verdict.explanation
    out: dict[str, Any] = {
        "id": id,
        "stage": verdict.stage.value,
        "fit": {
            "score": verdict.fit.score,
            "grade": verdict.fit.grade,
            "poor": verdict.fit.poor,
            "known_attributes": verdict.fit.known_attributes,
        },
        "engagement": {"score": verdict.engagement.score},
    }
    if extraction is not None:
        out["extraction"] = extraction.model_dump(mode="json")
    out["explanation"] = {
        "rule": explanation.rule,
        "reason": explanation.reason,
        "contributions": [c.model_dump(mode="json") for c in explanation.contributions],
        "next_stage": explanation.next_stage.model_dump(mode="json"),
        "questions": list(explanation.questions),
        "bant": [b.model_dump(mode="json") for b in explanation.bant],
    }
    out["bant_met"] = list(verdict.bant_met)
    out["as_of"] = verdict.as_of.isoformat()
    out["scoring_hash"] = verdict.scoring_hash
    return out
