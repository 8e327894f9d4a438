"""`leadqual score` and `leadqual rules check|show`: the scorer and the scoring file from a shell.

The scoring file in force: `--scoring FILE` beats `LEADQUAL_SCORING_FILE` (or
`scoring_file` in the config file) beats the packaged default. Heavy imports happen
inside the commands so `leadqual --help` stays fast.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.cli import app

if TYPE_CHECKING:
    from assistant.domain import Extraction
    from assistant.scoring import ScoringModel

rules_app = typer.Typer(
    name="rules",
    help="Check a scoring file, or show the scoring rules in force.",
    no_args_is_help=True,
)
app.add_typer(rules_app, name="rules")

EXIT_BAD_INPUT = 2

ScoringOption = Annotated[
    Path | None,
    typer.Option(
        "--scoring",
        help="Your own scoring TOML file (default: LEADQUAL_SCORING_FILE, then the packaged one).",
        show_default=False,
    ),
]


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def load_scoring_in_force(scoring: Path | None = None) -> ScoringModel:
    """The scoring model a command should use: the flag, else the settings, else the default.

    Raises ScoringFileError for a bad file.
    """
    from assistant.scoring import load_scoring

    if scoring is None:
        from assistant.config import load_settings

        scoring = load_settings().scoring_file
    return load_scoring(scoring)


def _read_input(source: str) -> tuple[str, str]:
    """The text of `source` ('-' = stdin) and a name for it in messages."""
    if source == "-":
        return sys.stdin.read(), "stdin"
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise _fail(f"{source}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{source}: cannot read it: {exc}") from None


def parse_extraction_json(text: str, name: str) -> tuple[Extraction, str | None]:
    """An Extraction from JSON text: a bare extraction, `{"extraction": ...}`, or a SPEC §7
    output line. Also returns the object's own `as_of`, if it carries one.
    Raises ValueError with a one-line message."""
    import json

    from pydantic import ValidationError

    from assistant.domain import Extraction

    if not text.strip():
        raise ValueError(f"{name} is empty: expected an extraction as JSON")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a JSON object (an extraction), got {type(data).__name__}")
    as_of = data.get("as_of") if isinstance(data.get("as_of"), str) else None
    if "extraction" in data:
        data = data["extraction"]
    try:
        return Extraction.model_validate(data), as_of
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise ValueError(f"{name} is not a valid extraction: {where}: {first['msg']}{more}") from None


def _parse_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{what} {value!r} is not a date; write it as YYYY-MM-DD") from None


@app.command("score")
def score_command(
    source: Annotated[
        str, typer.Argument(metavar="[FILE|-]", help="Extraction JSON file; '-' or nothing reads stdin.")
    ] = "-",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: the input's as_of, else today)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the SPEC section 7 JSON object.")] = False,
    scoring: ScoringOption = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the explanation and questions: en, it or pl.")
    ] = "en",
) -> None:
    """Score an extraction (JSON) and print the verdict with its explanation."""
    import json

    from assistant.scoring import ScoringFileError, score
    from assistant.scoring.texts import languages

    text, name = _read_input(source)
    try:
        extraction, input_as_of = parse_extraction_json(text, name)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if as_of is not None:
        reference = _parse_date(as_of, "--as-of")
    elif input_as_of is not None:
        reference = _parse_date(input_as_of, f"{name}: as_of")
    else:
        reference = date.today()
    if lang.lower() not in languages():
        typer.echo(f"warning: no texts for language {lang!r}; using en", err=True)
    try:
        model = load_scoring_in_force(scoring)
    except ScoringFileError as exc:
        raise _fail(str(exc)) from None
    verdict = score(extraction, as_of=reference, model=model, lang=lang)
    if as_json:
        from assistant.scoring.machine import verdict_json

        typer.echo(json.dumps(verdict_json(verdict), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from assistant.scoring.render import render_verdict

    Console().print(render_verdict(verdict, extraction))


@rules_app.command("check")
def rules_check(
    file: Annotated[Path, typer.Argument(help="The scoring TOML file to check.")],
) -> None:
    """Check a scoring file: exit 0 when it is valid, 1 with every problem and its line."""
    from assistant.scoring import ScoringFileError, load_scoring

    try:
        model = load_scoring(file)
    except ScoringFileError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    for warning in model.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"ok: {file} is a valid scoring file (hash {model.hash})")


@rules_app.command("show")
def rules_show(scoring: ScoringOption = None) -> None:
    """Print the scoring rules in force as tables."""
    from rich.console import Console

    from assistant.scoring import ScoringFileError
    from assistant.scoring.rules_view import render_rules

    try:
        model = load_scoring_in_force(scoring)
    except ScoringFileError as exc:
        raise _fail(str(exc), code=1) from None
    Console().print(render_rules(model))
