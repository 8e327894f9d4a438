"""The LLM extractor end to end: the real openai client and LangChain chain over loopback HTTP."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from assistant.domain import InteractionKind, Seniority
from assistant.extract.errors import ExtractionError
from assistant.extract.llm import extraction_schema, schema_hash
from tests.llm.conftest import AS_OF
from tests.llm_server import (
    EMPTY_ANSWER,
    answer,
    closed_port_url,
    content,
    error,
    fact,
    hang,
    tool_call,
)

NOTE = (
    "Call with Elena Marsh, VP Marketing at Quillstone Analytics (software, 220 employees, Dublin). "
    "She downloaded our ROI calculator yesterday and asked for a live demo for her team."
)


def record(*facts: dict[str, Any], **parts: Any) -> dict[str, Any]:
    """A full answer: these facts, and the interactions and disqualifiers given."""
    data = json.loads(json.dumps(EMPTY_ANSWER))
    data["facts"] = list(facts)
    data.update(parts)
    return data


def item(kind: str, evidence: str, *, count: int = 1, on: str | None = None, detail: str | None = None) -> dict:
    return {"kind": kind, "count": count, "occurred_on": on, "detail": detail, "evidence": evidence}


GOOD = record(
    fact("contact.name", "Elena Marsh", "Elena Marsh"),
    fact("contact.job_title", "VP Marketing", "VP Marketing"),
    fact("contact.seniority", "vp", "VP Marketing"),
    fact("contact.department", "marketing", "VP Marketing"),
    fact("company.name", "Quillstone Analytics", "Quillstone Analytics"),
    fact("company.industry", "software", "software"),
    fact("company.employees", 220, "220 employees"),
    fact("company.country", "IE", "Dublin"),
    fact("company.city", "Dublin", "Dublin"),
    interactions=[
        item("content_download", "downloaded our ROI calculator yesterday", on="2026-03-15", detail="ROI calculator"),
        item("demo_request", "asked for a live demo for her team"),
    ],
)


# --- the three structured-output methods -------------------------------------------------------


def test_json_schema_answer_is_read_and_the_request_is_right(llm_server, extractor_for, records):
    llm_server.script(answer(GOOD))
    result = extractor_for(llm_method="json_schema").extract(NOTE, as_of=AS_OF)

    assert result.extractor == "llm" and result.model == "test-model" and result.language == "en"
    assert result.extraction.contact.seniority is Seniority.vp
    assert result.extraction.company.employees == 220
    assert [i.kind for i in result.extraction.interactions] == [
        InteractionKind.content_download, InteractionKind.demo_request,
    ]
    assert result.dropped == []

    (request,) = llm_server.chat_requests
    body = request.body
    assert body["model"] == "test-model"
    assert body["temperature"] == 0
    assert body["max_completion_tokens"] == body["max_tokens"] > 0  # max_tokens too, for llama.cpp
    assert body["response_format"]["type"] == "json_schema"
    sent = body["response_format"]["json_schema"]
    assert sent["strict"] is True and sent["schema"]["required"] == list(extraction_schema()["properties"])
    assert sent["schema"]["properties"] == extraction_schema()["properties"]
    assert request.messages[0]["role"] == "system" and "verbatim" in request.messages[0]["content"]
    last = request.messages[-1]
    assert last["role"] == "user" and NOTE in last["content"] and "2026-03-16 (Monday)" in last["content"]
    # Few-shot turns in all three languages sit between the system prompt and the note.
    assert any("ha seguito" in m["content"] for m in request.messages[1:-1])
    assert any("studentka" in m["content"] for m in request.messages[1:-1])
    assert request.headers["authorization"] == "Bearer not-needed"  # a base URL without a key works


def test_function_calling_sends_the_schema_as_a_forced_tool(llm_server, extractor_for):
    llm_server.script(answer(GOOD))
    result = extractor_for(llm_method="function_calling").extract(NOTE, as_of=AS_OF)

    assert len(result.extraction.interactions) == 2
    body = llm_server.chat_requests[0].body
    (tool,) = body["tools"]
    assert tool["function"]["name"] == "extraction"
    assert tool["function"]["parameters"]["properties"] == extraction_schema()["properties"]
    assert body["tool_choice"]["function"]["name"] == "extraction"
    assert "response_format" not in body and body["temperature"] == 0


def test_json_mode_puts_the_schema_in_the_prompt_and_reads_fenced_json(llm_server, extractor_for):
    llm_server.script(content("```json\n" + json.dumps(GOOD) + "\n```"))
    result = extractor_for(llm_method="json_mode").extract(NOTE, as_of=AS_OF)

    assert result.extraction.contact.name == "Elena Marsh"
    body = llm_server.chat_requests[0].body
    # a compatible server also gets the schema beside JSON mode (llama.cpp constrains to it)
    assert body["response_format"] == {"type": "json_object", "schema": extraction_schema()}
    system = body["messages"][0]["content"]
    assert "JSON Schema" in system and '"interactions"' in system
    assert sum(m["role"] == "system" for m in body["messages"]) == 1  # one system message, first


def test_a_tool_call_wrapped_in_a_key_is_unwrapped(llm_server, extractor_for):
    llm_server.script(tool_call({"answer": GOOD}))
    result = extractor_for(llm_method="function_calling").extract(NOTE, as_of=AS_OF)
    assert result.extraction.company.name == "Quillstone Analytics"


# --- grounding and validation over HTTP ----------------------------------------------------------


def test_hallucinated_evidence_is_dropped_and_reported_not_scored(llm_server, extractor_for):
    invented = item("quote_request", "asked for a quote for 50 licences")
    llm_server.script(answer(record(
        interactions=[*GOOD["interactions"], invented],
        disqualifiers=[{"kind": "competitor", "evidence": "works for a competitor"}],
    )))
    result = extractor_for().extract(NOTE, as_of=AS_OF)

    kinds = {i.kind for i in result.extraction.interactions}
    assert InteractionKind.quote_request not in kinds and len(kinds) == 2
    assert result.extraction.disqualifiers == []
    reasons = {(d.item, d.reason) for d in result.dropped}
    assert ("interaction", "evidence not found in the text") in reasons
    assert ("disqualifier", "evidence not found in the text") in reasons

    from assistant.scoring import load_scoring, score

    verdict = score(result.extraction, as_of=AS_OF, model=load_scoring())
    assert verdict.stage.value != "disqualified"
    assert all("quote" not in (c.rule or "") for c in verdict.explanation.contributions)


def test_values_outside_the_schema_are_rejected_field_by_field(llm_server, extractor_for):
    bad = record(
        fact("contact.name", "Elena Marsh", "Elena Marsh"),
        fact("contact.job_title", "VP Marketing", "VP Marketing"),
        fact("contact.seniority", "overlord", "VP Marketing"),
        fact("contact.department", "marketing", "VP Marketing"),
        fact("company.industry", "space mining", "software"),
        fact("company.employees", 220, "220 employees"),
        interactions=[item("telepathy", "asked for a live demo"), item("demo_request", "asked for a live demo")],
    )
    llm_server.script(answer(bad))
    result = extractor_for().extract(NOTE, as_of=AS_OF)

    assert result.extraction.contact.seniority is None
    assert result.extraction.contact.department.value == "marketing"
    assert result.extraction.company.industry is None and result.extraction.company.employees == 220
    assert [i.kind for i in result.extraction.interactions] == [InteractionKind.demo_request]
    dropped = {d.item for d in result.dropped}
    assert {"contact.seniority", "company.industry", "interaction"} <= dropped
    assert len(llm_server.chat_requests) == 1  # a wrong value is not a reason to ask again


def test_a_number_the_text_does_not_state_is_dropped(llm_server, extractor_for):
    llm_server.script(answer(record(
        fact("company.employees", 5000, "220 employees"),
        fact("bant.budget_amount", 90000, "asked for a live demo"),
    )))
    result = extractor_for().extract(NOTE, as_of=AS_OF)
    assert result.extraction.company.employees is None and result.extraction.bant.budget_amount is None
    assert {"company.employees", "bant.budget_amount"} <= {d.item for d in result.dropped}


# --- malformed answers and the one fallback --------------------------------------------------------


def test_malformed_json_falls_back_once_to_the_next_method(llm_server, extractor_for, records):
    llm_server.script(content('{"contact": {"name": "Elena'), answer(GOOD))
    result = extractor_for(llm_method="json_schema").extract(NOTE, as_of=AS_OF)

    assert len(result.extraction.interactions) == 2
    assert [r.method_used for r in llm_server.chat_requests] == ["json_schema", "function_calling"]
    assert [r.method for r in result.llm_calls] == ["json_schema", "function_calling"]
    assert result.llm_calls[0].error.startswith("malformed")
    assert result.llm_calls[0].raw_answer == '{"contact": {"name": "Elena'
    assert "LEADQUAL_LLM_METHOD=function_calling" in result.warnings[0]
    assert records == result.llm_calls


def test_malformed_twice_is_an_error_that_keeps_the_raw_answer(llm_server, extractor_for, records):
    llm_server.script(content("Sure! Elena is a VP."), content("I think she wants a demo"))
    with pytest.raises(ExtractionError) as caught:
        extractor_for(llm_method="json_schema").extract(NOTE, as_of=AS_OF)

    exc = caught.value
    assert exc.kind == "malformed"
    assert exc.raw == "I think she wants a demo"
    assert len(exc.calls) == 2 and records == exc.calls
    assert "\n" not in exc.user_message and "LEADQUAL_LLM_METHOD" in exc.user_message
    assert len(llm_server.chat_requests) == 2  # once more, never a loop


def test_a_function_calling_answer_without_a_tool_call_is_read_from_content(llm_server, extractor_for):
    llm_server.script(content(json.dumps(GOOD)))  # servers without tool support answer in text
    result = extractor_for(llm_method="function_calling").extract(NOTE, as_of=AS_OF)
    assert len(result.extraction.interactions) == 2 and len(llm_server.chat_requests) == 1


def test_truncated_output_says_so(llm_server, extractor_for):
    llm_server.script(content('{"contact": {"name": "Ele', finish_reason="length"))
    with pytest.raises(ExtractionError) as caught:
        extractor_for(llm_method="json_mode").extract(NOTE, as_of=AS_OF)
    assert caught.value.kind == "truncated" and caught.value.raw == '{"contact": {"name": "Ele'


def test_truncated_json_schema_output_keeps_the_raw_answer(llm_server, extractor_for):
    # With json_schema the openai client itself raises on finish_reason=length.
    llm_server.script(answer('{"contact": {"na', finish_reason="length"))
    with pytest.raises(ExtractionError) as caught:
        extractor_for(llm_method="json_schema").extract(NOTE, as_of=AS_OF)
    assert caught.value.kind == "truncated" and caught.value.raw == '{"contact": {"na'


def test_a_refusal_is_reported_as_such(llm_server, extractor_for):
    llm_server.script(content(None, refusal="I can't help with that."))
    with pytest.raises(ExtractionError) as caught:
        extractor_for(llm_method="json_schema").extract(NOTE, as_of=AS_OF)
    assert caught.value.kind == "refusal" and "can't help" in caught.value.message
    assert len(llm_server.chat_requests) == 1


# --- HTTP failures ----------------------------------------------------------------------------------


def test_429_with_retry_after_is_waited_out_then_succeeds(llm_server, extractor_for):
    llm_server.script(error(429, "slow down", retry_after=1), answer(GOOD))
    started = time.monotonic()
    result = extractor_for(llm_max_retries=1).extract(NOTE, as_of=AS_OF)

    assert time.monotonic() - started >= 0.9  # the client honoured Retry-After: 1
    assert len(result.extraction.interactions) == 2
    assert len(llm_server.chat_requests) == 2 and len(result.llm_calls) == 1


def test_429_past_the_retries_is_a_rate_limit_error(llm_server, extractor_for):
    llm_server.script(error(429, "slow down", retry_after=30))
    with pytest.raises(ExtractionError) as caught:
        extractor_for(llm_max_retries=0).extract(NOTE, as_of=AS_OF)
    assert caught.value.kind == "rate_limit"
    assert "429" in caught.value.message and "wait 30 s" in caught.value.message


def test_quota_exhausted_is_not_called_a_rate_limit(llm_server, extractor_for):
    llm_server.script(error(429, "You exceeded your current quota", code="insufficient_quota"))
    with pytest.raises(ExtractionError) as caught:
        extractor_for().extract(NOTE, as_of=AS_OF)
    assert caught.value.kind == "quota"


def test_500_on_json_schema_falls_back_to_function_calling(llm_server, extractor_for):
    # llama-cpp-python answers HTTP 500 to json_schema requests.
    llm_server.script(error(500, "Internal error: unsupported response_format"), answer(GOOD))
    result = extractor_for(llm_method="json_schema").extract(NOTE, as_of=AS_OF)
    assert [r.method_used for r in llm_server.chat_requests] == ["json_schema", "function_calling"]
    assert result.llm_calls[0].error.startswith("server_error")
    assert len(result.extraction.interactions) == 2


def test_500_every_time_is_a_server_error(llm_server, extractor_for):
    llm_server.script(error(500, "boom"), error(500, "boom"))
    with pytest.raises(ExtractionError) as caught:
        extractor_for().extract(NOTE, as_of=AS_OF)
    exc = caught.value
    assert exc.kind == "server_error" and "HTTP 500: boom" in exc.message
    assert "boom" in exc.raw and len(exc.calls) == 2


def test_a_rejected_method_falls_back_once(llm_server, extractor_for):
    llm_server.script(error(400, "response_format json_schema is not supported"), answer(GOOD))
    result = extractor_for(llm_method="json_schema").extract(NOTE, as_of=AS_OF)
    assert [r.method_used for r in llm_server.chat_requests] == ["json_schema", "function_calling"]
    assert result.llm_calls[0].error.startswith("bad_request")


def test_a_hang_past_the_timeout_is_a_timeout_error(llm_server, extractor_for):
    llm_server.script(hang(5))
    started = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        extractor_for(llm_timeout=0.3, llm_max_retries=0).extract(NOTE, as_of=AS_OF)
    assert time.monotonic() - started < 3
    assert caught.value.kind == "timeout" and "0.3 s" in caught.value.message
    assert len(caught.value.calls) == 1  # a timeout is not a reason to try another method


def test_a_closed_port_is_unreachable(settings_for, records):
    from assistant.config import load_settings
    from assistant.extract.llm import LLMExtractor

    url = closed_port_url()
    settings = load_settings(llm_provider="compatible", llm_base_url=url, llm_max_retries=0, llm_model="m")
    with pytest.raises(ExtractionError) as caught:
        LLMExtractor(settings, recorder=records.append).extract(NOTE, as_of=AS_OF)
    exc = caught.value
    assert exc.kind == "unreachable" and url in exc.message
    assert len(exc.calls) == 1 and exc.calls[0].error.startswith("unreachable")
    assert records == exc.calls


@pytest.mark.parametrize(
    ("status", "kind"),
    [(401, "auth"), (403, "auth"), (404, "unknown_model"), (422, "bad_request")],
    ids=["unauthorised", "forbidden", "unknown-model", "unprocessable"],
)
def test_http_errors_map_to_a_kind_with_a_one_line_message(llm_server, extractor_for, status, kind):
    llm_server.script(error(status, "nope"), error(status, "nope"))
    with pytest.raises(ExtractionError) as caught:
        extractor_for().extract(NOTE, as_of=AS_OF)
    exc = caught.value
    assert exc.kind == kind
    assert exc.hint and "\n" not in exc.user_message
    assert f"HTTP {status}" in exc.message


def test_an_unknown_model_names_the_model(llm_server, extractor_for):
    llm_server.script(error(404, "model 'llama9' not found"))
    with pytest.raises(ExtractionError) as caught:
        extractor_for(llm_model="llama9").extract(NOTE, as_of=AS_OF)
    assert "'llama9'" in caught.value.message and "LEADQUAL_LLM_MODEL" in caught.value.hint


# --- configuration, records, wiring ----------------------------------------------------------------


def test_no_key_and_no_url_fails_before_any_request(llm_server):
    from assistant.config import load_settings
    from assistant.extract.llm import LLMExtractor

    with pytest.raises(ExtractionError) as caught:
        LLMExtractor(load_settings(llm_provider="openai")).extract(NOTE, as_of=AS_OF)
    assert caught.value.kind == "not_configured" and "OPENAI_API_KEY" in caught.value.hint
    assert llm_server.requests == []


def test_every_call_is_recorded_with_what_it_needs(llm_server, extractor_for, records):
    import prompts

    llm_server.script(answer(GOOD))
    result = extractor_for().extract(NOTE, as_of=AS_OF)
    (call,) = records
    assert result.llm_calls == [call]
    assert (call.provider, call.model, call.method) == ("compatible", "test-model", "json_schema")
    assert call.prompt_version == prompts.PROMPT_VERSION == result.prompt_version
    assert call.schema_hash == schema_hash() and len(call.schema_hash) == 12
    assert (call.prompt_tokens, call.completion_tokens) == (120, 40)
    assert call.latency_ms >= 0 and call.error is None and call.dropped == []
    assert json.loads(call.raw_answer) == GOOD


def test_a_failing_recorder_does_not_lose_the_extraction(llm_server, settings_for):
    from assistant.extract.llm import LLMExtractor

    def broken(_record):
        raise RuntimeError("disk full")

    llm_server.script(answer(GOOD))
    result = LLMExtractor(settings_for(), recorder=broken).extract(NOTE, as_of=AS_OF)
    assert len(result.extraction.interactions) == 2


def test_make_extractor_builds_it_from_settings(llm_server, settings_for):
    from assistant.extract import make_extractor
    from assistant.extract.llm import LLMExtractor

    extractor = make_extractor(settings_for(), "llm")
    assert isinstance(extractor, LLMExtractor) and extractor.name == "llm"
    assert extractor.extract(NOTE, as_of=AS_OF).extractor == "llm"  # the server's default answer


def test_the_language_is_passed_through_or_detected(llm_server, extractor_for):
    extractor = extractor_for()
    assert extractor.extract(NOTE, as_of=AS_OF, lang="it").language == "it"
    assert extractor.extract("Ha scaricato la guida e non ha ancora risposto.", as_of=AS_OF).language == "it"
    assert extractor.extract("Pobrał cennik i poprosił o ofertę.", as_of=AS_OF).language == "pl"


def test_azure_uses_the_deployment_url_and_api_key_header(llm_server, records):
    from assistant.config import load_settings
    from assistant.extract.llm import LLMExtractor

    settings = load_settings(
        llm_provider="azure", azure_endpoint=f"http://127.0.0.1:{llm_server.port}",
        azure_deployment="leads-gpt", llm_api_key="azure-secret", llm_max_retries=0, llm_timeout=5,
    )
    llm_server.script(answer(GOOD))
    result = LLMExtractor(settings, recorder=records.append).extract(NOTE, as_of=AS_OF)

    (request,) = llm_server.chat_requests
    assert request.path.startswith("/openai/deployments/leads-gpt/chat/completions?api-version=")
    assert request.headers["api-key"] == "azure-secret"
    assert "max_tokens" not in request.body  # the cloud gets max_completion_tokens only
    assert result.model == "leads-gpt" and records[0].provider == "azure"


def test_json_mode_on_openai_sends_plain_json_mode(llm_server, extractor_for):
    llm_server.script(answer(GOOD))
    extractor_for(llm_provider="openai", llm_api_key="sk-test", llm_method="json_mode").extract(NOTE, as_of=AS_OF)
    body = llm_server.chat_requests[0].body
    assert body["response_format"] == {"type": "json_object"}
    assert body["max_tokens"] == body["max_completion_tokens"]  # a base URL that is not OpenAI's
