"""A rep's note survives any LLM failure, and every LLM call is kept with it (through the Pipeline)."""

from __future__ import annotations

import pytest

from assistant.extract.errors import ExtractionError
from tests.llm.conftest import AS_OF
from tests.llm_server import closed_port_url, error

NOTE = "Tomás Ruiz, COO at Farola Foods, booked a call with our sales team for next Tuesday."


@pytest.fixture
def pipeline_for(tmp_path):
    from assistant.config import load_settings
    from assistant.pipeline import Pipeline

    opened = []

    def open_(**overrides):
        settings = load_settings(database_url=f"sqlite:///{tmp_path / 'leads.db'}", data_dir=tmp_path,
                                 **overrides)
        pipeline = Pipeline.open(settings)
        opened.append(pipeline)
        return pipeline

    yield open_
    for pipeline in opened:
        pipeline.close()


def test_the_note_is_kept_when_the_llm_is_unreachable(pipeline_for):
    url = closed_port_url()
    p = pipeline_for(llm_provider="compatible", llm_base_url=url, llm_max_retries=0, extractor="llm",
                     fallback_to_rules=False)
    lead = p.create_lead()
    with pytest.raises(ExtractionError) as caught:
        p.add_note(lead.id, NOTE, as_of=AS_OF)
    assert caught.value.kind == "unreachable"

    (note,) = p.get_lead(lead.id).notes
    assert note.text == NOTE and note.status == "failed"
    assert "Cannot reach the LLM server" in note.error
    (call,) = p.llm_calls(note.id)
    assert call.error.startswith("unreachable") and call.model == "gpt-4o-mini"


def test_a_failing_llm_falls_back_to_rules_and_says_so(pipeline_for, llm_server):
    pytest.importorskip("assistant.extract.rules")
    llm_server.script(error(500, "model crashed"), error(500, "model crashed"))
    p = pipeline_for(**llm_server.settings_overrides(fallback_to_rules=True))
    lead = p.create_lead()
    outcome = p.add_note(lead.id, NOTE, as_of=AS_OF)

    assert outcome.fell_back and outcome.error.kind == "server_error"
    assert outcome.result.extractor == "rules"
    assert len(p.llm_calls(outcome.note_id)) == 2  # the failed call and its one fallback


def test_a_good_answer_is_stored_with_its_call_record(pipeline_for, llm_server):
    from tests.llm.test_extractor import record

    answer_data = record(
        contact={"name": "Tomás Ruiz", "job_title": "COO", "seniority": "executive", "department": "operations"},
        company={"name": "Farola Foods"},
        interactions=[{"kind": "meeting_booked", "count": 1, "occurred_on": None, "detail": "sales call",
                       "evidence": "booked a call with our sales team"}],
    )
    from tests.llm_server import answer

    llm_server.script(answer(answer_data))
    p = pipeline_for(**llm_server.settings_overrides())
    lead = p.create_lead()
    outcome = p.add_note(lead.id, NOTE, as_of=AS_OF)

    assert outcome.verdict.stage.value == "sql"
    (call,) = p.llm_calls(outcome.note_id)
    assert call.error is None and '"meeting_booked"' in call.raw_answer
    assert call.prompt_version == outcome.result.prompt_version
