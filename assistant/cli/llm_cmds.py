"""`leadqual doctor`: show the LLM configuration, make one tiny call, say plainly what is wrong.

The key is never printed, only whether one is set. Exit 0 when the LLM answered a small
extraction with the configured method, 1 with a one-line `problem:` otherwise.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli import app

if TYPE_CHECKING:
    from assistant.domain import ExtractionResult
    from assistant.extract.llm import LLMExtractor

EXIT_PROBLEM = 1

# Small enough to be quick and cheap; rich enough to show the record comes back usable.
PROBE_NOTE = "Anna Rossi, CTO at Example Ltd, visited our pricing page today."


@app.command("doctor")
def doctor(
    method: Annotated[
        str | None,
        typer.Option("--method", help="Try this structured-output method instead of LEADQUAL_LLM_METHOD."),
    ] = None,
) -> None:
    """Check the LLM settings and make one tiny call; say in one line what is wrong."""
    from pydantic import ValidationError

    from assistant.config import load_settings
    from assistant.extract.errors import ExtractionError
    from assistant.extract.llm import LLMExtractor

    try:
        settings = load_settings(llm_method=method)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        typer.echo(f"problem: the setting {where} is invalid: {err['msg']}.", err=True)
        raise typer.Exit(EXIT_PROBLEM) from None

    extractor = LLMExtractor(settings)
    for line in describe(extractor):
        typer.echo(line)

    problem = extractor.configuration_problem()
    if problem is not None:
        _problem(problem.user_message)

    typer.echo("check:     one tiny extraction ...")
    try:
        result = extractor.extract(PROBE_NOTE, as_of=date.today(), lang="en")
    except ExtractionError as exc:
        message = exc.user_message
        if exc.kind == "unknown_model":
            offered = _models_offered(extractor)
            if offered:
                message = f"{message} The server offers: {', '.join(offered[:8])}."
        _problem(message)

    _report(extractor, result)


def describe(extractor: LLMExtractor) -> list[str]:
    """The configuration as `name: value` lines; the key only as set / not set."""
    import prompts
    from assistant.extract.llm import schema_hash

    s = extractor.settings
    key = "set (hidden)" if s.llm_api_key else "not set"
    if not s.llm_api_key and extractor.provider == "compatible":
        key += " (fine for a local server)"
    lines = [
        f"provider:  {extractor.provider}",
        f"model:     {extractor.model}",
        f"endpoint:  {extractor.endpoint}",
    ]
    if extractor.provider == "azure":
        lines.append(f"api ver.:  {s.azure_api_version}")
    lines += [
        f"api key:   {key}",
        f"method:    {s.llm_method.value}",
        f"timeout:   {s.llm_timeout:g} s, {s.llm_max_retries} retries",
        f"prompt:    version {prompts.prompt_version()}, schema {schema_hash()}",
    ]
    return lines


def _report(extractor: LLMExtractor, result: ExtractionResult) -> None:
    calls = result.llm_calls
    last = calls[-1]
    if len(calls) > 1:
        first = calls[0]
        why = (first.error or "no usable answer").split(": ", 1)[-1].rstrip(".")
        _problem(
            f"the configured method {first.method} fails here ({why}); {last.method} works: "
            f"set LEADQUAL_LLM_METHOD={last.method}."
        )
    tokens = ""
    if last.prompt_tokens is not None and last.completion_tokens is not None:
        tokens = f", {last.prompt_tokens}+{last.completion_tokens} tokens"
    kinds = ", ".join(i.kind.value for i in result.extraction.interactions) or "none"
    typer.echo(
        f"ok: {extractor.model} answered with {last.method} in {last.latency_ms} ms{tokens}; "
        f"interactions read: {kinds}."
    )


def _models_offered(extractor: LLMExtractor) -> list[str]:
    """The models the server lists (GET /models), or [] when it cannot say."""
    if extractor.provider == "azure":
        return []
    try:
        import openai

        s = extractor.settings
        key = s.llm_api_key.get_secret_value() if s.llm_api_key else "not-needed"
        client = openai.OpenAI(base_url=s.llm_base_url, api_key=key, timeout=s.llm_timeout, max_retries=0)
        return sorted(m.id for m in client.models.list())
    except Exception:  # only a hint: any failure means "cannot say"
        return []


def _problem(message: str) -> None:
    typer.echo(f"problem: {' '.join(message.split())}", err=True)
    raise typer.Exit(EXIT_PROBLEM)
