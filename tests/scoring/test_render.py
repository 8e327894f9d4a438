"""The verdict rendered for people (rich) and machines (SPEC section 7)."""

from __future__ import annotations

import json

from rich.console import Console

from assistant.scoring import load_scoring, score
from assistant.scoring.render import render_verdict, verdict_json
from tests.scoring.builders import AS_OF, GOOD_COMPANY, GOOD_CONTACT, act, lead

MODEL = load_scoring()


def _text(renderable) -> str:
    console = Console(width=140, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_render_shows_stage_scores_reason_points_next_and_questions() -> None:
    extraction = lead(act("webinar_attendance", days_ago=4, evidence="sat through the whole webinar"),
                      act("unsubscribe", evidence="asked to stop the newsletter"),
                      contact=GOOD_CONTACT, company=GOOD_COMPANY)
    verdict = score(extraction, as_of=AS_OF, model=MODEL)
    text = _text(render_verdict(verdict, extraction))
    assert "Stage LEAD" in text
    assert "fit 90 (grade A)" in text and "engagement 0" in text
    assert verdict.explanation.reason in " ".join(text.split())
    assert '"sat through the whole webinar"' in text and "-20.0" in text and "clamp" in text
    assert "Next: MQL" in text and "engagement 0 of 40" in text
    assert "Brightgrid" in text  # the facts, since the extraction was given
    for question in verdict.explanation.questions:
        assert question in text


def test_render_without_extraction() -> None:
    verdict = score(lead(disqualifiers=[("job_seeker", "sent a CV")]), as_of=AS_OF, model=MODEL)
    text = _text(render_verdict(verdict))
    assert "Stage DISQUALIFIED" in text and 'job_seeker: "sent a CV"' in text


def test_verdict_json_spec_shape() -> None:
    extraction = lead(act("demo_request", evidence="booked a live demo slot"), contact=GOOD_CONTACT,
                      company=GOOD_COMPANY)
    verdict = score(extraction, as_of=AS_OF, model=MODEL)
    out = verdict_json(verdict, extraction, id="case-7")
    assert list(out)[:6] == ["id", "stage", "fit", "engagement", "extraction", "explanation"]
    assert out["id"] == "case-7" and out["stage"] == "sql"
    assert out["fit"]["score"] == 90 and out["fit"]["grade"] == "A"
    assert out["engagement"] == {"score": 40.0}
    assert out["extraction"] == extraction.model_dump(mode="json")
    assert set(out["explanation"]) == {"rule", "reason", "contributions", "next_stage", "questions", "bant"}
    assert out["explanation"]["next_stage"]["stage"] is None
    assert out["scoring_hash"] == MODEL.hash and out["as_of"] == "2025-06-30"
    json.dumps(out)  # plain JSON all the way down
    assert "extraction" not in verdict_json(verdict)
