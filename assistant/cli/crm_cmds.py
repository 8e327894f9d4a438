"""`leadqual import` and `leadqual export`: CRM files in and out (assistant.crm).

Exit codes as for the lead commands: 0 ok (an import with bad rows still exits 0 and
names them, unless --strict); 1 the database cannot be opened; 2 bad input (no such
file, a format or column that cannot be told, a bad --map).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import app
from assistant.cli.lead_cmds import EXIT_BAD_INPUT, _date, _fail, open_pipeline, write_output

PROGRESS_EVERY_S = 1.0


@app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(metavar="FILE.csv...", help="HubSpot or Salesforce CSV exports: "
                                                  "contacts/leads, or their notes/tasks (after the contacts).")],
    format_id: Annotated[str | None, typer.Option(
        "--format", help="hubspot, salesforce, hubspot_notes or salesforce_notes (default: told from the header).",
        show_default=False)] = None,
    maps: Annotated[list[str] | None, typer.Option(
        "--map", help="COLUMN=FIELD for a column with another name, e.g. 'Mobile=contact.phone' or "
        "'Notes=ignore'; repeat for more.", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Reference date YYYY-MM-DD the leads are scored against, and descriptions read "
        "(default: today; a note is read as of its own date).", show_default=False)] = None,
    extractor: Annotated[str, typer.Option(
        "--extractor", help="What reads the Description column and note bodies: rules or llm.")] = "rules",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 2 when any row could not be stored.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, max=16, help="Processes that read the descriptions and notes of a big file with the "
        "rules extractor (default: the machine's cores, at most 4; 1 reads them in this one).",
        show_default=False)] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Progress on stderr (default: when stderr is a terminal).")]
    = sys.stderr.isatty(),
) -> None:
    """Import CRM exports: each row merges into its lead (by CRM id, email, or name and
    company) or makes a new one; bad rows are named by line and the rest is stored."""
    import json

    from assistant.crm.formats import FormatError
    from assistant.crm.importer import default_workers, import_file

    if extractor not in ("rules", "llm"):
        raise _fail(f"--extractor {extractor!r}: choose rules or llm", EXIT_BAD_INPUT)
    reference = _date(as_of)
    for path in files:
        if not path.is_file():
            raise _fail(f"{path}: no such file", EXIT_BAD_INPUT)
    reports = []
    last = [0.0]

    def show(rows: int, seconds: float) -> None:
        if progress and seconds - last[0] >= PROGRESS_EVERY_S:
            last[0] = seconds
            print(f"  {rows} rows, {rows / max(seconds, 1e-9):.0f} rows/s", file=sys.stderr, flush=True)

    with open_pipeline() as p:
        for path in files:
            last[0] = 0.0
            try:
                report = import_file(p, path, as_of=reference, format_id=format_id, maps=maps or [],
                                     extractor=extractor, progress=show, workers=workers or default_workers())
            except FormatError as exc:
                raise _fail(str(exc), EXIT_BAD_INPUT) from None
            except OSError as exc:
                raise _fail(f"{path}: cannot read it: {exc.strerror or exc}", EXIT_BAD_INPUT) from None
            reports.append(report)
            if not as_json:
                _print_report(report)
    if as_json:
        typer.echo(json.dumps([r.as_json() for r in reports], ensure_ascii=False, indent=2))
    if strict and any(r.skipped for r in reports):
        raise typer.Exit(EXIT_BAD_INPUT)


def _print_report(report) -> None:  # type: ignore[no-untyped-def]
    r = report
    typer.echo(f"{r.file}: {r.format.label}, {r.rows} rows in {r.seconds:.1f} s "
               f"({r.rows / max(r.seconds, 1e-9):.0f} rows/s)")
    if r.format.kind == "contacts":
        typer.echo(f"  {r.created} new leads, {r.updated} updated, {r.unchanged} unchanged"
                   + (f", {r.notes_added} descriptions read as notes" if r.notes_added else ""))
    else:
        typer.echo(f"  {r.notes_added} notes added to {r.updated} leads, {r.unchanged} already imported")
    if r.encoding != "utf-8":
        typer.echo(f"  the file is not UTF-8: read as {r.encoding}")
    if r.unread_columns:
        typer.echo("  columns not read: " + ", ".join(r.unread_columns) + " (--map COLUMN=FIELD reads one)")
    if r.problems:
        typer.echo(f"  {r.skipped} rows not stored" + (f", {len(r.problems) - r.skipped} cells left out"
                                                      if len(r.problems) > r.skipped else "") + ":")
        for problem in r.problems:
            typer.echo(f"    {problem}")


@app.command("export")
def export_command(
    format_id: Annotated[str, typer.Option(
        "--format", help="hubspot or salesforce (their import columns, plus leadqual's stage, scores, reason "
        "and last activity), csv (every fact) or jsonl (every fact with its words, interactions, verdict).")
    ] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).",
                                                show_default=False)] = None,
) -> None:
    """Export every stored lead, for the CRM or a spreadsheet."""
    from assistant.crm.exporter import EXPORT_FORMATS, export_leads

    if format_id not in EXPORT_FORMATS:
        raise _fail(f"--format {format_id!r}: choose one of {', '.join(EXPORT_FORMATS)}", EXIT_BAD_INPUT)
    started = time.perf_counter()
    with open_pipeline() as p:
        if output is None:
            sys.stdout.reconfigure(newline="")  # type: ignore[attr-defined]  # CSV rows end in CRLF
            n = export_leads(p, sys.stdout, format_id=format_id)
            sys.stdout.flush()
            return
        tmp = output.with_name(output.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = export_leads(p, fh, format_id=format_id)
            tmp.replace(output)  # a failed export never leaves half a file under the name asked for
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise _fail(f"{output}: cannot write it: {exc.strerror or exc}", EXIT_BAD_INPUT) from None
    typer.echo(f"{n} leads written to {output} ({format_id}) in {time.perf_counter() - started:.1f} s", err=True)


@app.command("report")
def report_command(
    html: Annotated[Path | None, typer.Option("--html", help="Write the report as one HTML file with charts "
                                                             "(opens offline; - for stdout).", show_default=False)] = None,
    md: Annotated[Path | None, typer.Option("--md", help="Write it as Markdown (- for stdout).",
                                            show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """A report a marketer can share: the funnel, fit x engagement, score distributions,
    what drives MQL and SQL, and the leads a small change would move. With no file, the
    Markdown goes to stdout."""
    import json

    from assistant.report.data import build_report
    from assistant.report.html import report_html
    from assistant.report.markdown import report_markdown

    show = sys.stderr.isatty()

    def progress(n: int) -> None:
        if show:
            sys.stderr.write(f"\rread {n} leads...")
            sys.stderr.flush()

    with open_pipeline() as p:
        report = build_report(p, progress=progress)
    if show:
        sys.stderr.write("\r\033[K")
    if as_json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    if html is not None:
        write_output(html, report_html(report))
    if md is not None:
        write_output(md, report_markdown(report))
    if html is None and md is None and not as_json:
        sys.stdout.write(report_markdown(report))
