"""The LLM extractor: prompt files | ChatOpenAI (or AzureChatOpenAI) with structured output.

One call per note. The structured-output method comes from the settings (json_schema,
function_calling, json_mode) because local servers support different ones; a request the
server rejects, or an answer that holds no record, is retried once with the next method,
then becomes an `ExtractionError` that keeps the raw answer. Every call, good or bad, is
an `LLMCallRecord` in the result (or the error) and goes to the optional `recorder`.
The answer is validated field by field and grounded against the note (`grounding`), so
nothing the note does not say is ever scored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import prompts
from assistant.config import LLMMethod, LLMProvider, Settings
from assistant.domain import DroppedItem, ExtractionResult, LLMCallRecord
from assistant.extract.answer import Answer
from assistant.extract.errors import ExtractionError
from assistant.extract.grounding import coerce_answer, ground

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "LLMExtractor",
    "Recorder",
    "extraction_schema",
    "map_llm_error",
    "schema_hash",
]

log = logging.getLogger(__name__)

Recorder = Callable[[LLMCallRecord], None]

DEFAULT_MAX_TOKENS = 4096
"""Output token limit per call; a full record of a long note stays well under it."""

# The method tried after the configured one fails with a rejection or an empty parse.
NEXT_METHOD: dict[str, str] = {
    LLMMethod.json_schema.value: LLMMethod.function_calling.value,
    LLMMethod.function_calling.value: LLMMethod.json_mode.value,
    LLMMethod.json_mode.value: LLMMethod.function_calling.value,
}
# Failures another structured-output method may cure (a schema the server rejects:
# 400/422, or the HTTP 500 llama-cpp-python answers to json_schema; an answer with no record).
_FALLBACK_KINDS = frozenset({"bad_request", "server_error", "malformed", "empty"})
_LINE = 160  # longest provider message quoted in a one-line error


# --- the schema the model fills ---------------------------------------------------------


@cache
def extraction_schema() -> dict[str, Any]:
    """`answer.Answer` as a self-contained strict JSON Schema, descriptions kept.

    Strict structured output wants every key required (unknown is null, not absent),
    `additionalProperties: false` and no `$ref`s, which also suits local servers that
    turn the schema into a grammar. Numeric bounds are left to validation afterwards.
    """
    source = Answer.model_json_schema()
    defs = source.pop("$defs", {})
    dropped_keys = {"title", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}

    def resolve(node: Any) -> Any:
        if isinstance(node, list):
            return [resolve(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = dict(defs[node["$ref"].rsplit("/", 1)[-1]])
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        out = {k: resolve(v) for k, v in node.items() if k not in dropped_keys}
        options = out.get("anyOf")
        if options and len(options) == 2 and {"type": "null"} in options:
            # {"anyOf": [{"type": "string"}, {"type": "null"}]} -> {"type": ["string", "null"]}
            other = next(o for o in options if o != {"type": "null"})
            if set(other) == {"type"}:
                out.pop("anyOf")
                out["type"] = [other["type"], "null"]
        if out.get("type") == "object" and "properties" in out:
            out["required"] = list(out["properties"])
            out["additionalProperties"] = False
        return out

    schema = resolve(source)
    return {"title": "extraction", **{k: v for k, v in schema.items() if k != "description"}}


@cache
def schema_hash() -> str:
    """Short hash of the schema sent to the model; recorded with every call."""
    text = json.dumps(extraction_schema(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


# --- the prompt ---------------------------------------------------------------------------


def build_prompt(method: str) -> Any:
    """System prompt, the few-shot examples as turns, then the note (variables as_of, weekday, text)."""
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
    from langchain_core.prompts import ChatPromptTemplate

    system = prompts.system_prompt()
    if method == LLMMethod.json_mode.value:
        # JSON mode sends no schema, so the prompt carries it (one system message: some
        # local chat templates accept only one, and only first).
        schema = json.dumps(extraction_schema(), ensure_ascii=False, separators=(",", ":"))
        system = f"{system}\n\n{prompts.json_mode_instruction()}\n{schema}"
    messages: list[Any] = [SystemMessage(content=system)]
    for example in prompts.examples():
        messages.append(HumanMessage(content=prompts.render_note(example.text, example.as_of)))
        messages.append(
            AIMessage(content=json.dumps(example.answer, ensure_ascii=False, separators=(",", ":")))
        )
    messages.append(("human", prompts.note_template()))
    return ChatPromptTemplate.from_messages(messages)


# --- the extractor --------------------------------------------------------------------------


@dataclass
class _Attempt:
    method: str
    data: dict[str, Any] | None = None
    raw: str | None = None
    error: ExtractionError | None = None
    record: LLMCallRecord | None = None


@dataclass
class _Outcome:
    attempts: list[_Attempt] = field(default_factory=list)

    @property
    def calls(self) -> list[LLMCallRecord]:
        return [a.record for a in self.attempts if a.record is not None]


class LLMExtractor:
    """Reads a rep's note with an LLM. `make_extractor(settings, "llm")` builds one."""

    name = "llm"

    def __init__(self, settings: Settings, *, recorder: Recorder | None = None) -> None:
        self.settings = settings
        self.recorder = recorder
        self._chains: dict[str, Any] = {}

    # --- what it talks to ------------------------------------------------------------

    @property
    def provider(self) -> str:
        return LLMProvider(self.settings.llm_provider).value

    @property
    def model(self) -> str:
        """The model as the provider knows it (the deployment on Azure)."""
        if self.provider == LLMProvider.azure.value:
            return self.settings.azure_deployment or self.settings.llm_model
        return self.settings.llm_model

    @property
    def endpoint(self) -> str:
        """Where requests go, for messages (never includes the key)."""
        if self.provider == LLMProvider.azure.value:
            return self.settings.azure_endpoint or "(no Azure endpoint)"
        return self.settings.llm_base_url or "https://api.openai.com/v1"

    def configuration_problem(self) -> ExtractionError | None:
        """What stops a call before it is made (a missing key, URL or deployment), or None."""
        s = self.settings
        key = s.llm_api_key.get_secret_value() if s.llm_api_key else ""
        if self.provider == LLMProvider.azure.value:
            missing = [
                name
                for name, value in (
                    ("LEADQUAL_AZURE_ENDPOINT", s.azure_endpoint),
                    ("LEADQUAL_AZURE_DEPLOYMENT", s.azure_deployment),
                    ("LEADQUAL_LLM_API_KEY", key),
                )
                if not value
            ]
            if missing:
                return ExtractionError(
                    f"Azure OpenAI is not configured: {', '.join(missing)} not set.",
                    kind="not_configured",
                    hint=f"Set {' and '.join(missing)}, or use --extractor rules.",
                )
            return None
        if self.provider == LLMProvider.compatible.value and not s.llm_base_url:
            return ExtractionError(
                "No server URL for the OpenAI-compatible provider.",
                kind="not_configured",
                hint="Set LEADQUAL_LLM_BASE_URL (e.g. http://localhost:11434/v1 for Ollama).",
            )
        if self.provider == LLMProvider.openai.value and not key and not s.llm_base_url:
            return ExtractionError(
                "No OpenAI API key is set.",
                kind="not_configured",
                hint="Set LEADQUAL_LLM_API_KEY (or OPENAI_API_KEY), or LEADQUAL_LLM_BASE_URL for a "
                "local server, or use --extractor rules.",
            )
        return None

    def _is_openai_cloud(self) -> bool:
        base = self.settings.llm_base_url
        return self.provider != LLMProvider.compatible.value and (not base or "api.openai.com" in base)

    def chat_model(self) -> Any:
        """The LangChain chat model for these settings: temperature 0, timeout, retries."""
        s = self.settings
        key = s.llm_api_key.get_secret_value() if s.llm_api_key else None
        max_tokens = int(getattr(s, "llm_max_tokens", None) or DEFAULT_MAX_TOKENS)
        common: dict[str, Any] = {
            "temperature": 0,
            "timeout": s.llm_timeout,
            "max_retries": s.llm_max_retries,  # the openai client retries 429/5xx/timeouts,
            "max_tokens": max_tokens,  # with backoff, honouring Retry-After
            "use_responses_api": False,  # local servers speak chat completions only
        }
        if self.provider == LLMProvider.azure.value:
            from langchain_openai import AzureChatOpenAI

            return AzureChatOpenAI(
                azure_endpoint=s.azure_endpoint,
                azure_deployment=s.azure_deployment,
                api_version=s.azure_api_version,
                api_key=key,
                **common,
            )
        from langchain_openai import ChatOpenAI

        extra: dict[str, Any] = {}
        if not self._is_openai_cloud():
            # llama.cpp-style servers ignore max_completion_tokens; send max_tokens too.
            extra["extra_body"] = {"max_tokens": max_tokens}
        return ChatOpenAI(
            model=s.llm_model,
            base_url=s.llm_base_url,
            api_key=key or "not-needed",  # local servers need none; the client wants one
            **common,
            **extra,
        )

    def chain(self, method: str) -> Any:
        """prompt | model.with_structured_output(schema, method, include_raw=True)."""
        if method not in self._chains:
            kwargs: dict[str, Any] = {}
            if method == LLMMethod.json_schema.value:
                kwargs["strict"] = True
            elif method == LLMMethod.json_mode.value and self.provider == LLMProvider.compatible.value:
                # llama.cpp and llama-cpp-python constrain JSON mode to a schema given
                # alongside; other servers ignore the extra key. OpenAI rejects it.
                kwargs["response_format"] = {"type": "json_object", "schema": extraction_schema()}
            structured = self.chat_model().with_structured_output(
                extraction_schema(), method=method, include_raw=True, **kwargs
            )
            self._chains[method] = build_prompt(method) | structured
        return self._chains[method]

    # --- extraction ------------------------------------------------------------------

    def extract(self, text: str, *, as_of: date, lang: str | None = None) -> ExtractionResult:
        """Extract, validate and ground the facts of `text`. Raises ExtractionError."""
        problem = self.configuration_problem()
        if problem is not None:
            raise problem
        language = detect_language(text, lang)
        outcome = _Outcome()
        method = LLMMethod(self.settings.llm_method).value
        attempt = self._attempt(method, text, as_of)
        outcome.attempts.append(attempt)
        if attempt.error is not None and attempt.error.kind in _FALLBACK_KINDS:
            attempt = self._attempt(NEXT_METHOD[method], text, as_of)
            outcome.attempts.append(attempt)
        if attempt.error is not None:
            raise self._final_error(outcome)

        extraction, invalid = coerce_answer(attempt.data, as_of=as_of)
        grounded, ungrounded = ground(extraction, text, as_of=as_of, lang=language)
        dropped: list[DroppedItem] = [*invalid, *ungrounded]
        if attempt.record is not None:
            # the call log keeps what grounding dropped from this answer, beside the answer
            attempt.record = attempt.record.model_copy(update={"dropped": dropped})
        self._record(attempt.record)
        warnings = []
        if len(outcome.attempts) > 1:
            first = outcome.attempts[0]
            warnings.append(
                f"{first.method} failed ({first.error.message if first.error else 'no answer'}); "
                f"answered with {attempt.method}. Set LEADQUAL_LLM_METHOD={attempt.method} to skip the "
                "failing method."
            )
        return ExtractionResult(
            extraction=grounded,
            language=language,
            extractor=self.name,
            dropped=dropped,
            model=self.model,
            prompt_version=prompts.prompt_version(),
            warnings=warnings,
            llm_calls=outcome.calls,
        )

    def _attempt(self, method: str, text: str, as_of: date) -> _Attempt:
        """One call with `method`; never raises for provider or parsing trouble."""
        attempt = _Attempt(method=method)
        inputs = {"as_of": as_of.isoformat(), "weekday": as_of.strftime("%A"), "text": text}
        started = time.perf_counter()
        prompt_tokens = completion_tokens = None
        try:
            out = self.chain(method).invoke(inputs)
        except Exception as exc:  # every provider failure becomes a typed error below
            attempt.error = map_llm_error(exc, self, method)
            attempt.raw = attempt.error.raw
        else:
            message = out.get("raw")
            attempt.raw = raw_text(message)
            usage = getattr(message, "usage_metadata", None) or {}
            prompt_tokens, completion_tokens = usage.get("input_tokens"), usage.get("output_tokens")
            attempt.data, attempt.error = self._read_answer(message, out.get("parsing_error"), method)
        latency_ms = round((time.perf_counter() - started) * 1000)
        attempt.record = LLMCallRecord(
            provider=self.provider,
            model=self.model,
            method=method,
            prompt_version=prompts.prompt_version(),
            schema_hash=schema_hash(),
            latency_ms=latency_ms,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            raw_answer=attempt.raw,
            error=f"{attempt.error.kind}: {attempt.error.message}" if attempt.error else None,
        )
        if attempt.error is not None:  # a good answer is recorded once it is grounded
            self._record(attempt.record)
        return attempt

    def _read_answer(
        self, message: Any, parsing_error: Any, method: str
    ) -> tuple[dict[str, Any] | None, ExtractionError | None]:
        from langchain_core.exceptions import ModelRefusalError

        raw = raw_text(message)
        if isinstance(parsing_error, ModelRefusalError):
            return None, _refusal(str(parsing_error), raw)
        refusal = (getattr(message, "additional_kwargs", None) or {}).get("refusal")
        if refusal:
            return None, _refusal(str(refusal), raw)
        finish = (getattr(message, "response_metadata", None) or {}).get("finish_reason")
        data, problem = parse_answer(message)
        if data is not None:
            try:
                coerce_answer(data)
            except ValueError as exc:
                data, problem = None, str(exc)
        if data is not None:
            return data, None
        if finish == "length":
            return None, ExtractionError(
                "The model's answer was cut off at its output token limit.",
                kind="truncated",
                hint="Shorten the note, or use a model with a larger output limit.",
                raw=raw,
            )
        kind = "empty" if problem.startswith("no ") else "malformed"
        return None, ExtractionError(
            f"The model's answer ({method}) is not a usable record: {problem}.",
            kind=kind,
            hint="Try again, or set LEADQUAL_LLM_METHOD to another method (json_schema, "
            "function_calling, json_mode); the raw answer is kept in the call log.",
            raw=raw,
        )

    def _final_error(self, outcome: _Outcome) -> ExtractionError:
        last = outcome.attempts[-1]
        error = last.error
        assert error is not None
        raw = next((a.raw for a in reversed(outcome.attempts) if a.raw), None)
        message = error.message
        if len(outcome.attempts) > 1:
            first = outcome.attempts[0]
            message = f"{message} ({first.method} was tried first: {first.error.kind if first.error else '?'})"
        return ExtractionError(message, kind=error.kind, hint=error.hint, raw=raw, calls=outcome.calls)

    def _record(self, record: LLMCallRecord) -> None:
        if self.recorder is None:
            return
        try:
            self.recorder(record)
        except Exception:  # a log that cannot be written must not lose the extraction
            log.exception("could not record the LLM call")


# --- reading answers ------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*```(?:json|JSON)?\s*(.*?)\s*```\s*$", re.DOTALL)


def raw_text(message: Any) -> str | None:
    """What the model said, as text: the tool-call arguments, else the message content."""
    if message is None:
        return None
    extra = getattr(message, "additional_kwargs", None) or {}
    for call in extra.get("tool_calls") or []:
        arguments = (call.get("function") or {}).get("arguments")
        if arguments is not None:
            return str(arguments)
    content = getattr(message, "content", None)
    if isinstance(content, list):
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    if content:
        return str(content)
    tool_calls = getattr(message, "tool_calls", None) or []
    if tool_calls:
        return json.dumps(tool_calls[0].get("args"), ensure_ascii=False)
    return content if content is not None else None


def parse_answer(message: Any) -> tuple[dict[str, Any] | None, str]:
    """The record in an answer (tool call, or JSON content) and, when there is none, why."""
    tool_calls = getattr(message, "tool_calls", None) or []
    if tool_calls:
        return _unwrap(tool_calls[0].get("args")), ""
    if getattr(message, "invalid_tool_calls", None):
        bad = message.invalid_tool_calls[0]
        return None, f"the tool-call arguments are not valid JSON ({bad.get('error') or 'unparseable'})"
    text = raw_text(message)
    if not text or not text.strip():
        return None, "no record in the answer (empty content, no tool call)"
    return _loads(text)


def _loads(text: str) -> tuple[dict[str, Any] | None, str]:
    fenced = _FENCE.match(text)
    candidate = fenced.group(1) if fenced else text.strip()
    try:
        data = json.loads(candidate)
    except json.JSONDecodeError as exc:
        start, end = candidate.find("{"), candidate.rfind("}")
        if 0 <= start < end:
            try:
                data = json.loads(candidate[start : end + 1])
            except json.JSONDecodeError:
                return None, f"not valid JSON ({exc.msg} at character {exc.pos})"
        else:
            return None, f"not valid JSON ({exc.msg} at character {exc.pos})"
    if not isinstance(data, dict):
        return None, f"a JSON {type(data).__name__}, not an object"
    return _unwrap(data), ""


def _unwrap(data: Any) -> Any:
    """Some models wrap the record: {"answer": {...}}; take the inside."""
    if isinstance(data, dict) and len(data) == 1:
        (inner,) = data.values()
        if isinstance(inner, dict) and ({"facts", "contact", "interactions", "company"} & inner.keys()):
            return inner
    return data


# --- errors -----------------------------------------------------------------------------------


def _one_line(text: Any) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= _LINE else line[: _LINE - 1] + "…"


def _refusal(reason: str, raw: str | None) -> ExtractionError:
    return ExtractionError(
        f"The model refused to read this note: {_one_line(reason)}",
        kind="refusal",
        hint="Qualify it with --extractor rules, or rephrase the note.",
        raw=raw,
    )


def _status_detail(exc: Any) -> str:
    status = getattr(exc, "status_code", None)
    message = getattr(exc, "message", None) or str(exc)
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error") if isinstance(body.get("error"), dict) else body
        message = inner.get("message") or message
    message = _one_line(message)
    return f"HTTP {status}: {message}" if status else message


def _response_text(exc: Any) -> str | None:
    response = getattr(exc, "response", None)
    try:
        return response.text if response is not None else None
    except Exception:  # a streamed or closed body
        return None


def _retry_after(exc: Any) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return float(value) / divisor
        except ValueError:
            continue
    return None


def map_llm_error(exc: BaseException, extractor: LLMExtractor, method: str) -> ExtractionError:
    """A provider, client or parsing failure as a one-line ExtractionError with a hint."""
    import openai
    from langchain_core import exceptions as lc
    from pydantic import ValidationError

    s = extractor.settings
    if isinstance(exc, ExtractionError):
        return exc
    if isinstance(exc, lc.ModelRefusalError | openai.ContentFilterFinishReasonError):
        return _refusal(str(exc) or "content filter", None)
    if isinstance(exc, openai.LengthFinishReasonError):
        raw = None
        with contextlib.suppress(AttributeError, IndexError):
            raw = exc.completion.choices[0].message.content
        return ExtractionError(
            "The model's answer was cut off at its output token limit.",
            kind="truncated",
            hint="Shorten the note, or use a model with a larger output limit.",
            raw=raw,
        )
    if isinstance(exc, openai.APITimeoutError | lc.ModelTimeoutError):
        return ExtractionError(
            f"The LLM at {extractor.endpoint} did not answer within {s.llm_timeout:g} s.",
            kind="timeout",
            hint="Try again, raise LEADQUAL_LLM_TIMEOUT, or use a faster model.",
        )
    if isinstance(exc, openai.APIConnectionError | lc.ModelConnectionError):
        return ExtractionError(
            f"Cannot reach the LLM server at {extractor.endpoint}.",
            kind="unreachable",
            hint="Check that the server is running and that the URL (LEADQUAL_LLM_BASE_URL or "
            "LEADQUAL_AZURE_ENDPOINT) is right.",
        )
    if isinstance(exc, openai.RateLimitError | lc.ModelRateLimitError):
        wait = _retry_after(exc)
        body = getattr(exc, "body", None)
        code = body.get("code") if isinstance(body, dict) else None
        if code == "insufficient_quota":
            return ExtractionError(
                "The LLM provider says the account's quota is used up (429).",
                kind="quota",
                hint="Check the plan and billing of the API key's account.",
                raw=_response_text(exc),
            )
        waited = f"; it asks to wait {wait:g} s" if wait is not None else ""
        return ExtractionError(
            f"The LLM provider is rate-limiting requests (429){waited}.",
            kind="rate_limit",
            hint=f"Wait a little and try again (retried {s.llm_max_retries}x; "
            "LEADQUAL_LLM_MAX_RETRIES sets how often).",
            raw=_response_text(exc),
        )
    auth_errors = (openai.AuthenticationError, openai.PermissionDeniedError)
    if isinstance(exc, (*auth_errors, lc.ModelAuthenticationError, lc.ModelPermissionDeniedError)):
        return ExtractionError(
            f"The LLM provider refused the API key ({_status_detail(exc)}).",
            kind="auth",
            hint="Set LEADQUAL_LLM_API_KEY (or OPENAI_API_KEY) to a valid key for this provider.",
            raw=_response_text(exc),
        )
    if isinstance(exc, openai.NotFoundError | lc.ModelNotFoundError):
        return ExtractionError(
            f"The server at {extractor.endpoint} does not know the model '{extractor.model}' "
            f"({_status_detail(exc)}).",
            kind="unknown_model",
            hint="Check LEADQUAL_LLM_MODEL (on Azure, LEADQUAL_AZURE_DEPLOYMENT) and that the base "
            "URL ends in /v1; `leadqual doctor` lists the models the server offers.",
            raw=_response_text(exc),
        )
    if isinstance(exc, lc.ContextOverflowError):
        return ExtractionError(
            "The note is too long for the model's context window.",
            kind="too_long",
            hint="Split the note, or use a model with a larger context.",
            raw=_response_text(exc),
        )
    if isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError | lc.ModelInvalidRequestError):
        return ExtractionError(
            f"The server rejected the {method} request ({_status_detail(exc)}).",
            kind="bad_request",
            hint="Set LEADQUAL_LLM_METHOD to a method the server supports (json_schema, "
            "function_calling, json_mode).",
            raw=_response_text(exc),
        )
    if isinstance(exc, openai.InternalServerError | lc.ModelAPIError) or (
        isinstance(exc, openai.APIStatusError) and exc.status_code >= 500
    ):
        return ExtractionError(
            f"The LLM server failed ({_status_detail(exc)}).",
            kind="server_error",
            hint="Try again later; if it fails every time with json_schema, set "
            "LEADQUAL_LLM_METHOD=function_calling or json_mode.",
            raw=_response_text(exc),
        )
    if isinstance(exc, openai.APIStatusError):
        return ExtractionError(
            f"The LLM server answered with an error ({_status_detail(exc)}).",
            kind="bad_request",
            hint="Check the LLM settings with `leadqual doctor`.",
            raw=_response_text(exc),
        )
    if isinstance(exc, ValidationError | json.JSONDecodeError):
        return ExtractionError(
            f"The model's answer ({method}) is not a usable record: {_one_line(exc)}.",
            kind="malformed",
            hint="Try again, or set LEADQUAL_LLM_METHOD to another method.",
        )
    if isinstance(exc, openai.OpenAIError):
        return ExtractionError(
            f"The LLM client is not set up: {_one_line(exc)}",
            kind="not_configured",
            hint="Check the LLM settings with `leadqual doctor`.",
        )
    return ExtractionError(
        f"The LLM call failed unexpectedly: {type(exc).__name__}: {_one_line(exc)}",
        kind="error",
        hint="Run `leadqual doctor`; qualify with --extractor rules meanwhile.",
    )


# --- language ---------------------------------------------------------------------------------

_POLISH = re.compile(r"[ąćęłńśźż]", re.IGNORECASE)
_ITALIAN_WORDS = frozenset(
    ["il", "lo", "la", "gli", "le", "di", "che", "ha", "per", "con", "non", "una", "della", "è"]
)
_ENGLISH_WORDS = frozenset(["the", "and", "of", "to", "with", "has", "for", "not", "is", "was", "our"])


def detect_language(text: str, lang: str | None = None) -> str:
    """`lang` when given; else the language module's answer; else a small guess (en/it/pl)."""
    if lang:
        return lang
    try:
        from assistant.extract.language import detect_language as detect
    except ImportError:
        detect = None
    if detect is not None:
        try:
            found = detect(text)
        except Exception:  # the detector is another module's; a failure here must not block
            found = None
        found = getattr(found, "lang", found)
        if isinstance(found, str) and found:
            return found
    if _POLISH.search(text):
        return "pl"
    words = re.findall(r"[^\W\d_]+", text.lower())
    italian = sum(w in _ITALIAN_WORDS for w in words)
    english = sum(w in _ENGLISH_WORDS for w in words)
    return "it" if italian > english else "en"
