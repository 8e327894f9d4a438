"""`leadqual qualify` (text to verdict, one note or a JSONL batch) and `leadqual eval`.

`qualify` reads a note from an argument, a file or stdin, or many from `--jsonl`, and
prints the verdict with its explanation (text, or SPEC section 7 JSON). With `--save` or
`--lead ID` the note goes through the Pipeline and is stored. `eval` measures an
extractor on a labelled dataset. Heavy imports happen inside the commands.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.cli import app
from assistant.cli.score_cmds import ScoringOption, _fail, _parse_date, load_scoring_in_force

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.extract import Extractor
    from assistant.scoring import ScoringModel

ExtractorOption = Annotated[
    str | None,
    typer.Option(
        "--extractor",
        help="rules (offline) or llm; default: llm when an API key, base URL or Azure endpoint "
        "is configured, rules otherwise.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Reference date YYYY-MM-DD that relative dates are read against (default: today).",
                 show_default=False),
]

# Batch progress is written to stderr every this many lines (when stderr is a terminal,
# or always with --progress).
PROGRESS_EVERY = 200


def _settings() -> Settings:
    from assistant.config import load_settings

    try:
        return load_settings()
    except Exception as exc:  # a bad config file or env var: say which
        raise _fail(f"bad configuration: {exc}") from None


def _extractor(settings: Settings, choice: str | None) -> Extractor:
    from assistant.extract import make_extractor
    from assistant.extract.errors import ExtractionError

    if choice is not None and choice not in ("rules", "llm", "auto"):
        raise _fail(f"--extractor {choice!r}: choose rules or llm")
    if choice == "llm" and not settings.llm_configured:
        raise _fail("--extractor llm, but no LLM is configured: set LEADQUAL_LLM_API_KEY (or OPENAI_API_KEY), "
                    "LEADQUAL_LLM_BASE_URL for a local server, or LEADQUAL_AZURE_ENDPOINT; "
                    "`leadqual doctor` checks the set-up. Or use --extractor rules.")
    try:
        return make_extractor(settings, choice)
    except ExtractionError as exc:
        raise _fail(exc.user_message) from None


def _scoring(path: Path | None) -> ScoringModel:
    from assistant.scoring import ScoringFileError

    try:
        return load_scoring_in_force(path)
    except ScoringFileError as exc:
        raise _fail(str(exc)) from None


def _read_note(text: str | None, file: Path | None) -> str:
    if text is not None and file is not None:
        raise _fail("give the note as TEXT or --file, not both")
    if file is not None:
        if str(file) == "-":
            return sys.stdin.read()
        try:
            return file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise _fail(f"{file}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"{file}: cannot read it: {exc}") from None
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            raise _fail("no note given: pass it as TEXT, --file FILE, or on stdin "
                        "(e.g. `pbpaste | leadqual qualify`)")
        return sys.stdin.read()
    return text


class _Qualifier:
    """One note -> (result, verdict), with the offline fallback when the LLM fails."""

    def __init__(self, extractor: Extractor, scoring: ScoringModel, *, fallback: bool, lang: str | None) -> None:
        self.extractor, self.scoring, self.fallback, self.lang = extractor, scoring, fallback, lang
        self._rules: Extractor | None = None

    def __call__(self, text: str, as_of: date) -> tuple[Any, Any, str | None]:
        """(ExtractionResult, Verdict, fallback reason or None). Raises ExtractionError."""
        from assistant.extract.errors import ExtractionError
        from assistant.qualify import qualify_text

        try:
            q = qualify_text(text, as_of=as_of, extractor=self.extractor, scoring=self.scoring, lang=self.lang)
            return q.result, q.verdict, None
        except ExtractionError as exc:
            if not self.fallback or getattr(self.extractor, "name", "") == "rules":
                raise
            if self._rules is None:
                from assistant.extract.rules import RulesExtractor

                self._rules = RulesExtractor()
            q = qualify_text(text, as_of=as_of, extractor=self._rules, scoring=self.scoring, lang=self.lang)
            return q.result, q.verdict, exc.user_message


def _output(result: Any, verdict: Any, *, id: Any = None, fell_back: str | None = None,
            lead_id: int | None = None) -> dict[str, Any]:
    from assistant.scoring.machine import verdict_json

    out = verdict_json(verdict, result.extraction, id=id)
    out["language"] = result.language
    out["extractor"] = result.extractor
    if result.model:
        out["model"] = result.model
    if result.dropped:
        out["dropped"] = [d.model_dump(mode="json") for d in result.dropped]
    if result.warnings:
        out["warnings"] = list(result.warnings)
    if fell_back:
        out["fallback_reason"] = fell_back
    if lead_id is not None:
        out["lead_id"] = lead_id
    return out


def _print_verdict(result: Any, verdict: Any, fell_back: str | None) -> None:
    from rich.console import Console

    from assistant.scoring.render import render_verdict

    console = Console()
    if fell_back:
        Console(stderr=True).print(f"[yellow]LLM failed: {fell_back}\nRead with the offline rules extractor instead.[/]")
    console.print(render_verdict(verdict, result.extraction))
    print_dropped(console, result.dropped)


def print_dropped(console: Any, dropped: list[Any], *, indent: str = "") -> None:
    """'Dropped N item(s), not counted:' and one line each: what, its value and words, why."""
    from rich.text import Text

    from assistant.present import dropped_line

    if not dropped:
        return
    console.print(Text(f"{indent}Dropped {len(dropped)} item(s), not counted (not supported by the note's words):",
                       style="dim"))
    for d in dropped:
        console.print(Text(f"{indent}  • {dropped_line(d)}", style="dim"))


@app.command("qualify")
def qualify_command(
    text: Annotated[str | None, typer.Argument(metavar="[TEXT|-]",
                                               help="The note; '-' or nothing reads stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the note from this file.")] = None,
    jsonl: Annotated[Path | None, typer.Option(
        "--jsonl", help='Qualify many: one {"id", "text", "as_of"} object a line (- for stdin); '
        "prints one JSON object a line, errors per line.")] = None,
    extractor: ExtractorOption = None,
    as_of: AsOfOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print SPEC section 7 JSON instead of text.")] = False,
    scoring: ScoringOption = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Answer in en, it or pl (default: the note's language).",
                                             show_default=False)] = None,
    fallback: Annotated[str | None, typer.Option(
        "--fallback", help="rules: when the LLM fails, read with the offline extractor and say so; "
        "none: fail. Default: LEADQUAL_FALLBACK_TO_RULES.", show_default=False)] = None,
    save: Annotated[bool, typer.Option("--save", help="Store the note and verdict as a lead (a new one, or the "
                                                      "lead it matches) and print its id.")] = False,
    lead: Annotated[int | None, typer.Option("--lead", help="Add the note to this stored lead.",
                                             show_default=False)] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Progress on stderr for --jsonl (default: when stderr is a terminal).")]
    = sys.stderr.isatty(),
    concurrency: Annotated[int, typer.Option(
        "--concurrency", min=1, max=64,
        help="With --jsonl --save and the LLM: notes read at once (rate limits pause them all).")] = 4,
) -> None:
    """Qualify a note: extract the facts, score them, explain the verdict."""
    settings = _settings()
    if fallback not in (None, "rules", "none"):
        raise _fail(f"--fallback {fallback!r}: choose rules or none")
    use_fallback = settings.fallback_to_rules if fallback is None else fallback == "rules"
    reference = _parse_date(as_of, "--as-of") if as_of else date.today()
    model = _scoring(scoring)
    if jsonl is not None:
        if text is not None or file is not None:
            raise _fail("--jsonl reads its notes from the file; do not also give TEXT or --file")
        if lead is not None:
            raise _fail("--lead works on one note, not on --jsonl (--save stores each line as a lead)")
        if save:
            _save_jsonl(settings, jsonl, extractor=extractor, fallback=use_fallback, scoring=model,
                        default_as_of=reference, as_of_given=as_of is not None, progress=progress,
                        concurrency=concurrency)
            return
        qualifier = _Qualifier(_extractor(settings, extractor), model, fallback=use_fallback, lang=lang)
        _qualify_jsonl(jsonl, qualifier, default_as_of=reference, as_of_given=as_of is not None, progress=progress)
        return
    note = _read_note(text, file)
    if not note.strip():
        raise _fail("the note is empty: nothing to qualify")
    if save or lead is not None:
        _qualify_and_store(settings, note, lead_id=lead, as_of=reference, extractor=extractor,
                           fallback=use_fallback, as_json=as_json, scoring=model)
        return
    qualifier = _Qualifier(_extractor(settings, extractor), model, fallback=use_fallback, lang=lang)
    from assistant.extract.errors import ExtractionError

    try:
        result, verdict, fell_back = qualifier(note, reference)
    except ExtractionError as exc:
        raise _fail(exc.user_message, code=1) from None
    if as_json:
        typer.echo(json.dumps(_output(result, verdict, fell_back=fell_back), ensure_ascii=False, indent=2))
    else:
        _print_verdict(result, verdict, fell_back)


# A --jsonl batch read by the rules extractor is spread over the machine's cores (forked
# workers that inherit the vocabularies already loaded) when it has at least this many notes.
PARALLEL_MIN_NOTES = 64
_CHUNK = 8
_WARM = 8


def _jsonl_record(qualify: _Qualifier, number: int, line: str, *, default_as_of: date,
                  as_of_given: bool) -> dict[str, Any]:
    """The output object of one line of a --jsonl batch (its verdict or its error)."""
    from assistant.extract.errors import ExtractionError

    parsed = _jsonl_line(number, line, default_as_of=default_as_of, as_of_given=as_of_given)
    if isinstance(parsed, dict):
        return parsed
    try:
        result, verdict, fell_back = qualify(parsed.text, parsed.as_of)
        return _output(result, verdict, id=parsed.id, fell_back=fell_back)
    except ExtractionError as exc:
        return {"id": parsed.id, "error": f"line {number}: {exc.user_message}"}
    except ValueError as exc:
        return {"id": parsed.id, "error": f"line {number}: {exc}"}


def _encoded(record: dict[str, Any]) -> tuple[str, bool]:
    return json.dumps(record, ensure_ascii=False) + "\n", "error" in record


_WORKER: tuple[_Qualifier, date, bool] | None = None  # what forked workers read their lines with


def _work(item: tuple[int, str]) -> tuple[str, bool]:
    assert _WORKER is not None
    qualify, default_as_of, as_of_given = _WORKER
    number, line = item
    return _encoded(_jsonl_record(qualify, number, line, default_as_of=default_as_of, as_of_given=as_of_given))


def _cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _workers(qualify: _Qualifier, count: int) -> int:
    """How many forked workers read a batch of `count` notes (0: read them here): only with
    the offline rules extractor (CPU-bound, no connections to share) on a machine with
    several cores and fork (the workers inherit what is loaded instead of loading it again)."""
    import multiprocessing

    cores = _cores()
    if (count < PARALLEL_MIN_NOTES or cores < 2 or getattr(qualify.extractor, "name", "") != "rules"
            or "fork" not in multiprocessing.get_all_start_methods()):
        return 0
    return min(cores, max(1, count // PARALLEL_MIN_NOTES))


def _qualify_jsonl(path: Path, qualify: _Qualifier, *, default_as_of: date, as_of_given: bool,
                   progress: bool) -> None:
    global _WORKER

    try:
        handle = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{path}: cannot read it: {exc.strerror or exc}") from None
    out = sys.stdout
    started, done, failed = time.perf_counter(), 0, 0

    def emit(encoded: tuple[str, bool]) -> None:
        nonlocal done, failed
        text, error = encoded
        failed += error
        done += 1
        out.write(text)
        if progress and done % PROGRESS_EVERY == 0:
            rate = done / max(time.perf_counter() - started, 1e-9)
            print(f"{done} notes, {failed} errors, {rate:.0f} notes/s", file=sys.stderr, flush=True)

    with handle:
        items = [(number, line) for number, line in enumerate(handle, start=1) if line.strip()]
    workers = 0
    if len(items) > PARALLEL_MIN_NOTES:
        # the first notes load the vocabularies (and each language's tables), here, before
        # any worker is forked
        for number, line in items[:_WARM]:
            emit(_encoded(_jsonl_record(qualify, number, line, default_as_of=default_as_of,
                                        as_of_given=as_of_given)))
        items = items[_WARM:]
        workers = _workers(qualify, len(items))
    if not workers:
        for number, line in items:
            emit(_encoded(_jsonl_record(qualify, number, line, default_as_of=default_as_of,
                                        as_of_given=as_of_given)))
    else:
        import gc
        import multiprocessing

        gc.freeze()  # what is loaded stays shared with the workers (and is never collected)
        _WORKER = (qualify, default_as_of, as_of_given)
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for encoded in pool.imap(_work, items, chunksize=_CHUNK):  # in the lines' order
                    emit(encoded)
        finally:
            _WORKER = None
            gc.unfreeze()
    if progress or failed:
        elapsed = time.perf_counter() - started
        print(f"done: {done} notes, {failed} errors, {elapsed:.1f} s", file=sys.stderr)


def _jsonl_line(number: int, line: str, *, default_as_of: date, as_of_given: bool) -> Any:
    """One line of a --jsonl batch as a BatchLine, or as the error record of a line that is
    no note."""
    from assistant.batch_line import BatchLine

    id_: Any = number
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        id_ = data.get("id", number)
        note = data.get("text")
        if not isinstance(note, str) or not note.strip():
            raise ValueError('no "text" in the line')
        when = default_as_of
        if data.get("as_of") and not as_of_given:
            when = date.fromisoformat(str(data["as_of"]))
        return BatchLine(number, id_, note, when)
    except json.JSONDecodeError as exc:
        return {"id": id_, "error": f"line {number}: not valid JSON ({exc.msg})"}
    except ValueError as exc:
        return {"id": id_, "error": f"line {number}: {exc}"}


def _jsonl_lines(handle: Any, *, default_as_of: date, as_of_given: bool) -> Iterator[Any]:
    """Each line as a BatchLine, or as the error record of a line that is no note."""
    for number, line in enumerate(handle, start=1):
        if line.strip():
            yield _jsonl_line(number, line, default_as_of=default_as_of, as_of_given=as_of_given)


def _save_jsonl(settings: Settings, path: Path, *, extractor: str | None, fallback: bool, scoring: ScoringModel,
                default_as_of: date, as_of_given: bool, progress: bool, concurrency: int) -> None:
    """`qualify --jsonl FILE --save`: each line stored with its verdict (assistant.batch)."""
    from assistant.batch import Batch, RateGate, RateLimitedExtractor
    from assistant.pipeline import Pipeline

    chosen = _extractor(settings, extractor)
    is_llm = getattr(chosen, "name", "") == "llm"
    reader = RateLimitedExtractor(chosen, RateGate()) if is_llm else chosen
    workers = concurrency if is_llm else 1  # the rules extractor is CPU-bound: threads would only contend
    try:
        handle = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{path}: cannot read it: {exc.strerror or exc}") from None
    try:
        pipeline = Pipeline.open(settings.model_copy(update={"fallback_to_rules": fallback}), scoring=scoring,
                                 extractor=reader)
    except Exception as exc:
        raise _fail(f"cannot open the database {settings.effective_database_url}: {exc}") from None
    started = time.perf_counter()
    last = [0.0]

    def show(counts: Any) -> None:
        elapsed = time.perf_counter() - started
        if progress and (counts.done % PROGRESS_EVERY == 0 or elapsed - last[0] >= 2.0):
            last[0] = elapsed
            print(f"{counts.done} notes: {counts.saved} saved, {counts.skipped} saved before, {counts.errors} errors, "
                  f"{counts.done / max(elapsed, 1e-9):.1f} notes/s", file=sys.stderr, flush=True)

    def output(id_: Any, _line: Any, outcome: Any) -> dict[str, Any]:
        fell_back = outcome.error.user_message if outcome.fell_back and outcome.error else None
        return _output(outcome.result, outcome.verdict, id=id_, fell_back=fell_back)

    batch = Batch(pipeline, output=output, source=path.name)
    with pipeline, handle:
        lines = _jsonl_lines(handle, default_as_of=default_as_of, as_of_given=as_of_given)
        for record in batch.run(lines, concurrency=workers, progress=show):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    c = batch.counts
    print(f"done: {c.done} notes, {c.saved} saved, {c.skipped} saved before, {c.errors} errors in "
          f"{time.perf_counter() - started:.1f} s ({workers} at once)"
          + ("; run it again once fixed: the saved notes are skipped, the unread ones read again"
             if c.errors else ""), file=sys.stderr)


def _qualify_and_store(settings: Settings, note: str, *, lead_id: int | None, as_of: date,
                       extractor: str | None, fallback: bool, as_json: bool, scoring: ScoringModel) -> None:
    """The note through the Pipeline: saved first, then read, merged and scored."""
    from assistant.extract.errors import ExtractionError
    from assistant.pipeline import Pipeline
    from storage.errors import StorageError

    if extractor is not None:
        _extractor(settings, extractor)  # a clear error for a bad choice, before anything is saved
    try:
        pipeline = Pipeline.open(settings.model_copy(update={"fallback_to_rules": fallback}), scoring=scoring)
    except Exception as exc:
        raise _fail(f"cannot open the database {settings.effective_database_url}: {exc}") from None
    with pipeline:
        try:
            outcome = pipeline.save_text(note, as_of=as_of, lead_id=lead_id, extractor=extractor,
                                         author=settings.author)
        except ExtractionError as exc:
            where = f"lead {lead_id}" if lead_id is not None else "a new lead (`leadqual leads` lists it)"
            raise _fail(f"{exc.user_message}\nThe note is saved, unread, on {where}.", code=1) from None
        except StorageError as exc:
            raise _fail(str(exc)) from None
        if outcome.matched_existing is not None and lead_id is None:
            typer.echo(f"This note is about a lead you already have, {outcome.matched_existing.label}: "
                       "added it there.", err=True)
        fell_back = outcome.error.user_message if outcome.fell_back and outcome.error else None
        if as_json:
            out = _output(outcome.result, outcome.verdict, fell_back=fell_back, lead_id=outcome.lead_id)
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            _print_verdict(outcome.result, outcome.verdict, fell_back)
            typer.echo(f"saved as lead {outcome.lead_id}")


@app.command("eval")
def eval_command(
    dataset: Annotated[Path | None, typer.Option(
        "--dataset", help="Labelled JSONL cases (default: ../shared/eval/dev.jsonl when present).",
        show_default=False)] = None,
    extractor: ExtractorOption = None,
    scoring: ScoringOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    min_stage_accuracy: Annotated[float | None, typer.Option(
        "--min-stage-accuracy", help="Exit 1 when stage accuracy (in any language) is below this.",
        show_default=False)] = None,
    min_kind_f1: Annotated[float | None, typer.Option(
        "--min-kind-f1", help="Exit 1 when interaction-kind micro F1 (in any language) is below this.",
        show_default=False)] = None,
    min_attribute_accuracy: Annotated[float | None, typer.Option(
        "--min-attribute-accuracy", help="Exit 1 when any attribute's accuracy (in any language) is below this.",
        show_default=False)] = None,
    show_failures: Annotated[bool, typer.Option("--failures", help="List each case with a wrong stage, kind or "
                                                                  "attribute.")] = False,
) -> None:
    """Measure extraction and verdicts on a labelled dataset, overall and per language."""
    from assistant.evaluation import DatasetError, default_dataset, evaluate, load_cases

    path = dataset or default_dataset()
    if path is None:
        raise _fail("no dataset: pass --dataset FILE (../shared/eval/dev.jsonl is not here)")
    try:
        cases = load_cases(path)
    except FileNotFoundError:
        raise _fail(f"{path}: no such file") from None
    except DatasetError as exc:
        raise _fail(str(exc)) from None
    settings = _settings()
    report = evaluate(cases, extractor=_extractor(settings, extractor), scoring=_scoring(scoring),
                      progress=_eval_progress if sys.stderr.isatty() and not as_json else None)
    if as_json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        from assistant.cli.eval_view import render_report

        Console().print(render_report(report, failures=show_failures))
    worst = report.worst()
    missed = [
        f"{label} {worst[key]:.3f} < {floor}"
        for key, label, floor in (("stage_accuracy", "stage accuracy", min_stage_accuracy),
                                  ("kind_f1", "kind micro F1", min_kind_f1),
                                  ("attribute_accuracy", "attribute accuracy", min_attribute_accuracy))
        if floor is not None and worst[key] < floor
    ]
    if missed:
        typer.echo("below target (worst language): " + "; ".join(missed), err=True)
        raise typer.Exit(1)


def _eval_progress(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)
