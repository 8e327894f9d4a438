"""`leadqual doctor` against the loopback server: healthy, and each problem in one line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.llm_server import closed_port_url, error, hang


@pytest.fixture
def run():
    from assistant.cli import _register, app

    _register()

    def invoke(env: dict[str, str], *args: str):
        return CliRunner().invoke(app, ["doctor", *args], env=env)

    return invoke


def _problem_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.startswith("problem:")]
    assert len(lines) == 1, result.output
    return lines[0]


def test_doctor_reports_healthy(run, llm_server):
    result = run(llm_server.env())
    assert result.exit_code == 0, result.output
    assert "provider:  compatible" in result.output and "model:     test-model" in result.output
    assert llm_server.base_url in result.output
    assert "api key:   not set" in result.output
    assert "ok: test-model answered with json_schema" in result.output
    assert len(llm_server.chat_requests) == 1


def test_doctor_never_shows_the_key(run, llm_server):
    result = run({**llm_server.env(), "LEADQUAL_LLM_API_KEY": "sk-very-secret-123"})
    assert result.exit_code == 0, result.output
    assert "sk-very-secret-123" not in result.output and "set (hidden)" in result.output
    assert llm_server.chat_requests[0].headers["authorization"] == "Bearer sk-very-secret-123"


def test_doctor_on_a_closed_port_says_unreachable_in_one_line(run):
    url = closed_port_url()
    result = run({"LEADQUAL_LLM_PROVIDER": "compatible", "LEADQUAL_LLM_BASE_URL": url,
                  "LEADQUAL_LLM_MAX_RETRIES": "0"})
    assert result.exit_code == 1
    line = _problem_line(result)
    assert "Cannot reach the LLM server" in line and url in line


def test_doctor_without_a_key_says_so(run):
    result = run({})
    assert result.exit_code == 1
    assert "No OpenAI API key" in _problem_line(result)


def test_doctor_names_an_unknown_model_and_what_the_server_offers(run, llm_server):
    llm_server.script(error(404, "model not found"))
    result = run(llm_server.env(llm_model="llama9"))
    assert result.exit_code == 1
    line = _problem_line(result)
    assert "'llama9'" in line and "The server offers: test-model." in line


def test_doctor_names_a_wrong_method(run, llm_server):
    llm_server.script(error(400, "response_format is not supported"))
    result = run(llm_server.env(llm_method="json_schema"))
    assert result.exit_code == 1
    line = _problem_line(result)
    assert "json_schema" in line and "LEADQUAL_LLM_METHOD=function_calling" in line


def test_doctor_reports_a_timeout(run, llm_server):
    llm_server.script(hang(5))
    result = run(llm_server.env(llm_timeout="0.3"))
    assert result.exit_code == 1
    assert "did not answer within 0.3 s" in _problem_line(result)


def test_doctor_can_try_another_method(run, llm_server):
    result = run(llm_server.env(), "--method", "json_mode")
    assert result.exit_code == 0, result.output
    assert llm_server.chat_requests[0].method_used == "json_mode"
