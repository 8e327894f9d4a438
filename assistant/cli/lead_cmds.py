"""Stored leads from a shell: `leadqual leads | show | explain | history | note | correct |
reject | rescore | delete`. All go through `assistant.pipeline.Pipeline`.

Exit codes: 0 ok; 1 the lead (or interaction) does not exist, or the database cannot be
opened; 2 bad input (a date, a fact value, a scoring file); 3 the note could not be read
(it is saved all the same). Heavy imports happen inside the commands.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.cli import app

if TYPE_CHECKING:
    from assistant.domain import LeadDetail, LeadSummary, VerdictRecord
    from assistant.pipeline import Pipeline, QualifyOutcome
    from assistant.scoring import ScoringModel

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_EXTRACTION = 3

LeadId = Annotated[int, typer.Argument(metavar="ID", help="The lead's id (see `leadqual leads`).")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: today).", show_default=False)
]


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD", EXIT_BAD_INPUT) from None


@contextmanager
def open_pipeline(scoring: ScoringModel | None = None) -> Iterator[Pipeline]:
    """The pipeline over the configured database; storage errors become clear exits."""
    from sqlalchemy.exc import OperationalError

    from assistant.config import load_settings
    from assistant.pipeline import Pipeline
    from storage.errors import InteractionNotFound, InvalidFact, LeadNotFound, NoteNotFound

    settings = load_settings()
    try:
        pipeline = Pipeline.open(settings, scoring=scoring)
    except OperationalError as exc:
        url = settings.effective_database_url
        raise _fail(f"cannot open the database {url}: {exc.orig or exc}", EXIT_NOT_FOUND) from None
    try:
        yield pipeline
    except (LeadNotFound, NoteNotFound, InteractionNotFound) as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from None
    except InvalidFact as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    finally:
        pipeline.close()


def _console() -> Any:
    from rich.console import Console

    return Console(soft_wrap=False)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _stage(value: Any) -> str:
    return value.value.upper() if value is not None else "-"


# --- leads -----------------------------------------------------------------------------------


TABLE_ROWS = 100  # the table shows this many unless --limit says otherwise; JSON and CSV show all
LEAD_COLUMNS = ("id", "name", "company", "email", "stage", "fit", "grade", "engagement", "last_activity")


def _lead_row(lead: LeadSummary) -> dict[str, Any]:
    return {
        "id": lead.id,
        "name": lead.name,
        "company": lead.company,
        "email": lead.email,
        "stage": lead.stage.value if lead.stage else None,
        "fit": lead.fit,
        "grade": lead.grade,
        "engagement": lead.engagement,
        "last_activity": lead.last_activity.isoformat() if lead.last_activity else None,
    }


@app.command("leads")
def leads_command(
    stage: Annotated[
        str | None, typer.Option("--stage", help="Only this stage: disqualified, lead, mql, pql, sql.")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Text in the name, company or email (any case, any accents).")
    ] = None,
    as_json: JsonFlag = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (with a header row).")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="At most this many leads (table default: 100).", min=1)
    ] = None,
) -> None:
    """List stored leads, the most recently active first."""
    from assistant.domain import Stage

    if stage is not None:
        try:
            stage = Stage(stage.lower()).value
        except ValueError:
            choices = ", ".join(s.value for s in Stage)
            raise _fail(f"--stage {stage!r}: choose one of {choices}", EXIT_BAD_INPUT) from None
    table_mode = not (as_json or as_csv)
    cap = limit or (TABLE_ROWS + 1 if table_mode else None)
    with open_pipeline() as p:
        leads = p.list_leads(stage=stage, search=search, limit=cap)
    more = table_mode and limit is None and len(leads) > TABLE_ROWS
    leads = leads[:TABLE_ROWS] if more else leads
    rows = [_lead_row(lead) for lead in leads]
    if as_json:
        import json

        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if as_csv:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=LEAD_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    if not leads:
        typer.echo("No leads" + (" match." if stage or search else " yet. Add one with `leadqual qualify --save`."))
        return
    from rich.table import Table

    table = Table(title=f"{len(leads)} lead{'s' if len(leads) != 1 else ''}", title_justify="left")
    for name, justify in (("id", "right"), ("name", "left"), ("company", "left"), ("stage", "left"),
                          ("fit", "right"), ("engagement", "right"), ("last activity", "left")):
        table.add_column(name, justify=justify, no_wrap=name not in ("name", "company"))  # type: ignore[arg-type]
    for lead in leads:
        fit = f"{_num(lead.fit)} {lead.grade}" if lead.grade else _num(lead.fit)
        table.add_row(str(lead.id), lead.name or lead.email or "", lead.company or "", _stage(lead.stage),
                      fit, _num(lead.engagement), _when(lead.last_activity))
    _console().print(table)
    if more:
        typer.echo(f"Showing the {TABLE_ROWS} most recently active; --limit N shows more, --csv or --json all.")


# --- show / explain / history -------------------------------------------------------------


def _fact_sources(p: Pipeline, lead_id: int) -> dict[str, str]:
    """field -> 'rules · note 4' (or 'rep · Anna · 2026-03-02') for the change that set its
    current value."""
    sources: dict[str, str] = {}
    for change in p.fact_changes(lead_id):
        field = "bant.timeline_days" if change.field == "bant.timeline_due" else change.field
        where = f" · note {change.note_id}" if change.note_id else (f" · {change.origin}" if change.origin else "")
        who = f" · {change.author}" if change.author and change.provenance.value == "rep" else ""
        when = f" · {change.at.date().isoformat()}" if change.provenance.value == "rep" else ""
        sources[field] = f"{change.provenance.value}{where}{who}{when}"
    return sources


def _detail_json(detail: LeadDetail, history: list[VerdictRecord], changes: list[Any]) -> dict[str, Any]:
    from assistant.scoring.machine import verdict_json

    return {
        "lead": detail.summary.model_dump(mode="json"),
        "facts": detail.facts.model_dump(mode="json", exclude={"interactions"}),
        "rep_fields": detail.rep_fields,
        "sources": {k: v.model_dump(mode="json") for k, v in detail.sources.items()},
        "interactions": [i.model_dump(mode="json") for i in detail.interactions],
        "verdict": verdict_json(detail.verdict, id=detail.summary.id) if detail.verdict else None,
        "notes": [n.model_dump(mode="json") for n in detail.notes],
        "history": [_history_json(v) for v in history],
        "fact_changes": [c.model_dump(mode="json") for c in changes],
    }


def _history_json(v: VerdictRecord) -> dict[str, Any]:
    return v.model_dump(mode="json", exclude={"explanation"}) | {"stage_changed": v.stage_changed}


@app.command("show")
def show_command(lead_id: LeadId, as_json: JsonFlag = False) -> None:
    """Everything stored about a lead: facts and where each came from, interactions with
    their evidence, provenance and ids, notes, and the verdict history."""
    from rich.table import Table

    from assistant.present import fact_rows

    with open_pipeline() as p:
        detail = p.get_lead(lead_id)
        history = p.history(lead_id)
        changes = p.fact_changes(lead_id)
        sources = _fact_sources(p, lead_id)
    if as_json:
        import json

        typer.echo(json.dumps(_detail_json(detail, history, changes), ensure_ascii=False, indent=2))
        return
    console = _console()
    s = detail.summary
    head = f"Lead #{s.id}: {s.label}"
    if detail.verdict:
        v = detail.verdict
        head += (f"   {_stage(v.stage)}  fit {v.fit.score:g} ({v.fit.grade})  engagement "
                 f"{v.engagement.score:g}  as of {v.as_of}")
    console.print(head, style="bold", highlight=False)

    facts = Table(title="Facts", title_justify="left")
    for col in ("field", "value", "words", "source"):
        facts.add_column(col, overflow="fold")
    for row in fact_rows(detail.facts):
        path = row["field"]
        if path == "disqualifier":
            facts.add_row("disqualifier", row["value"], row["evidence"], sources.get("disqualifiers", ""))
            continue
        source = sources.get(path, "")
        if path in detail.rep_fields:
            source = f"{source} (locked: set by a rep)" if source else "rep (locked)"
        facts.add_row(path, row["value"], row["evidence"] or "(no words recorded)", source)
    console.print(facts if facts.row_count else "Facts: none known yet.")

    ix = Table(title="Interactions", title_justify="left")
    for col in ("id", "kind", "count", "date", "detail", "evidence", "source", "status"):
        ix.add_column(col)
    for i in detail.interactions:
        where = f" · note {i.note_id}" if i.note_id else ""
        ix.add_row(str(i.id), i.kind.value, str(i.count), i.occurred_on.isoformat() if i.occurred_on else "",
                   i.detail or "", f'"{i.evidence}"', f"{i.provenance.value}{where}", i.status or "",
                   style="dim strike" if i.status == "rejected" else None)
    console.print(ix if ix.row_count else "Interactions: none recorded.")

    notes = Table(title="Notes", title_justify="left")
    for col in ("id", "saved", "as of", "status", "read by", "text"):
        notes.add_column(col)
    for n in detail.notes:
        text = " ".join(n.text.split())
        status = n.status + (f": {n.error}" if n.error else "")
        notes.add_row(str(n.id), _when(n.created_at), str(n.as_of or ""), status, n.extractor or "",
                      text[:70] + ("…" if len(text) > 70 else ""))
    console.print(notes if notes.row_count else "Notes: none.")

    hist = Table(title="Verdict history", title_justify="left")
    for col in ("when", "as of", "stage", "fit", "engagement", "cause", "reason"):
        hist.add_column(col)
    for v in history:
        stage = f"{_stage(v.previous_stage)} → {_stage(v.stage)}" if v.stage_changed else _stage(v.stage)
        cause = v.cause + (f" (note {v.note_id})" if v.note_id else "")
        hist.add_row(_when(v.created_at), str(v.as_of), stage, f"{v.fit:g} {v.grade}", f"{v.engagement:g}",
                     cause, v.reason)
    console.print(hist if hist.row_count else "Verdict history: no verdict yet.")


def write_output(path: Path, text: str) -> None:
    """Write `text` to `path` (- is stdout) whole: a temporary file renamed into place."""
    if str(path) == "-":
        sys.stdout.write(text)
        return
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _fail(f"{path}: cannot write it: {exc.strerror or exc}", EXIT_BAD_INPUT) from None
    typer.echo(f"wrote {path}", err=True)


def _no_verdict(lead_id: int) -> typer.Exit:
    return _fail(f"lead {lead_id} has no verdict yet: add a note with `leadqual note {lead_id} TEXT`.",
                 EXIT_NOT_FOUND)


@app.command("explain")
def explain_command(
    lead_id: LeadId,
    as_json: JsonFlag = False,
    md: Annotated[Path | None, typer.Option("--md", help="Write the explanation as Markdown to this file "
                                                         "(- for stdout).", show_default=False)] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write it as an HTML page with a chart of the "
                                                             "points (opens offline).", show_default=False)] = None,
) -> None:
    """The lead's current verdict explained: stage, scores, every point, what is missing
    for the next stage and what to ask."""
    with open_pipeline() as p:
        detail = p.get_lead(lead_id)
    if detail.verdict is None:
        raise _no_verdict(lead_id)
    if md is not None or html is not None:
        from assistant.report.html import explanation_html
        from assistant.report.lead import explanation_markdown

        for path, render in ((md, explanation_markdown), (html, explanation_html)):
            if path is not None:
                write_output(path, render(detail))
        return
    if as_json:
        import json

        from assistant.scoring.machine import verdict_json

        typer.echo(json.dumps(verdict_json(detail.verdict, detail.facts, id=lead_id), ensure_ascii=False, indent=2))
        return
    from assistant.scoring.render import render_verdict

    console = _console()
    console.print(f"Lead #{lead_id}: {detail.summary.label}", style="bold", highlight=False)
    console.print(render_verdict(detail.verdict, detail.facts))


@app.command("history")
def history_command(
    lead_id: LeadId,
    as_json: JsonFlag = False,
    every: Annotated[bool, typer.Option("--all", help="Every verdict, not only stage changes.")] = False,
) -> None:
    """Every stage change of the lead: when, from what to what, what caused it and why."""
    with open_pipeline() as p:
        history = p.history(lead_id)
        label = p.get_lead(lead_id).summary.label
    shown = history if every else [v for v in history if v.stage_changed]
    if as_json:
        import json

        typer.echo(json.dumps([_history_json(v) for v in shown], ensure_ascii=False, indent=2))
        return
    if not history:
        raise _no_verdict(lead_id)
    console = _console()
    console.print(f"Lead #{lead_id}: {label}: {len(shown)} "
                  f"{'verdict' if every else 'stage change'}{'s' if len(shown) != 1 else ''}",
                  style="bold", highlight=False)
    for v in shown:
        move = f"{_stage(v.previous_stage)} → {_stage(v.stage)}" if v.stage_changed else f"{_stage(v.stage)} (unchanged)"
        cause = {"note": "a note", "correction": "a rep's correction", "rejection": "a rejected interaction",
                 "rescore": "a re-score", "merge": "a merge of leads", "import": "an import"}.get(v.cause, v.cause)
        if v.note_id:
            cause += f" (note {v.note_id})"
        console.print(f"{_when(v.created_at)}  as of {v.as_of}  {move}  after {cause}, scoring {v.scoring_hash}",
                      highlight=False)
        console.print(f"    {v.reason}", highlight=False, style="dim")


# --- notes and corrections --------------------------------------------------------------------


def _print_outcome(p: Pipeline, outcome: QualifyOutcome, as_json: bool) -> None:
    detail = p.get_lead(outcome.lead_id)
    if as_json:
        import json

        from assistant.scoring.machine import verdict_json

        out = verdict_json(outcome.verdict, outcome.result.extraction, id=outcome.lead_id)
        out |= {
            "lead_id": outcome.lead_id,
            "note_id": outcome.note_id,
            "previous_stage": outcome.previous_stage.value if outcome.previous_stage else None,
            "fell_back": outcome.fell_back,
            "error": outcome.error.user_message if outcome.error else None,
            "matched_existing": outcome.matched_existing.id if outcome.matched_existing else None,
            "dropped": [d.model_dump(mode="json") for d in outcome.result.dropped],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from assistant.cli.qualify_cmds import print_dropped
    from assistant.scoring.render import render_verdict

    console = _console()
    if outcome.fell_back and outcome.error is not None:
        console.print(f"warning: the LLM failed ({outcome.error.user_message}); read with the rules instead.",
                      style="yellow", highlight=False)
    console.print(f"Lead #{outcome.lead_id}: {detail.summary.label} · note {outcome.note_id} saved",
                  style="bold", highlight=False)
    if outcome.stage_changed:
        console.print(f"Stage changed: {_stage(outcome.previous_stage)} → {_stage(outcome.verdict.stage)}",
                      style="bold yellow", highlight=False)
    console.print(render_verdict(outcome.verdict, detail.facts))
    print_dropped(console, outcome.result.dropped)
    if outcome.kept_rep_fields:
        console.print("Kept the rep's values of: " + ", ".join(outcome.kept_rep_fields), highlight=False)
    if outcome.matched_existing is not None:
        m = outcome.matched_existing
        console.print(f"This note matches lead #{m.id} ({m.label}): merge with "
                      f"`leadqual merge {outcome.lead_id} {m.id}`.", style="yellow", highlight=False)


@app.command("note")
def note_command(
    lead: Annotated[str, typer.Argument(metavar="ID|new", help="The lead's id, or 'new' for a new lead.")],
    text: Annotated[str, typer.Argument(help="The note; '-' reads stdin.")],
    as_of: AsOfOption = None,
    extractor: Annotated[
        str | None, typer.Option("--extractor", help="rules, llm or auto (default: the settings').")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a rep's note to a lead (or to a new one), read it and print the new verdict."""

    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise _fail("the note is empty", EXIT_BAD_INPUT)
    reference = _date(as_of)
    if extractor is not None and extractor not in ("rules", "llm", "auto"):
        raise _fail(f"--extractor {extractor!r}: choose rules, llm or auto", EXIT_BAD_INPUT)
    with open_pipeline() as p:
        if lead == "new":
            lead_id = p.create_lead().id
        else:
            try:
                lead_id = int(lead)
            except ValueError:
                raise _fail(f"{lead!r} is not a lead id (a number) or 'new'", EXIT_BAD_INPUT) from None
        note_id = p.save_note(lead_id, text)
        _read_and_print(p, note_id, lead_id, as_of=reference, extractor=extractor, as_json=as_json)


def _read_and_print(p: Pipeline, note_id: int, lead_id: int, *, as_of: date, extractor: str | None,
                    as_json: bool) -> None:
    """Read a saved note and print the outcome; on failure say where the note is kept."""
    from assistant.extract.errors import ExtractionError

    try:
        outcome = p.qualify_note(note_id, as_of=as_of, extractor=extractor)
    except ExtractionError as exc:
        raise _fail(f"{exc.user_message} The note is saved (note {note_id} of lead {lead_id}); "
                    f"`leadqual reread {note_id}` reads it again.", EXIT_EXTRACTION) from None
    _print_outcome(p, outcome, as_json)


@app.command("reread")
def reread_command(
    note_id: Annotated[int, typer.Argument(metavar="NOTE", help="The note's id (see `leadqual show ID`).")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Reference date YYYY-MM-DD (default: the date the note was first read against, else today).",
        show_default=False)] = None,
    extractor: Annotated[
        str | None, typer.Option("--extractor", help="rules, llm or auto (default: the settings').")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Read a saved note again (after an LLM failure, or with another extractor) and re-score its lead."""
    if extractor is not None and extractor not in ("rules", "llm", "auto"):
        raise _fail(f"--extractor {extractor!r}: choose rules, llm or auto", EXIT_BAD_INPUT)
    with open_pipeline() as p:
        note = p.get_note(note_id)
        reference = _date(as_of) if as_of is not None else (note.as_of or date.today())
        _read_and_print(p, note_id, note.lead_id, as_of=reference, extractor=extractor, as_json=as_json)


@app.command("calls")
def calls_command(
    note_id: Annotated[int, typer.Argument(metavar="NOTE", help="The note's id (see `leadqual show ID`).")],
    as_json: JsonFlag = False,
) -> None:
    """Every LLM call made for a note: model, method, prompt version, timing, tokens, error, the
    raw answer exactly as the model gave it, and what grounding dropped from it and why."""
    import json

    with open_pipeline() as p:
        p.get_note(note_id)  # a clear error for an unknown note
        calls = p.llm_calls(note_id)
    if as_json:
        typer.echo(json.dumps([c.model_dump(mode="json") for c in calls], ensure_ascii=False, indent=2))
        return
    if not calls:
        typer.echo(f"Note {note_id} was read without an LLM (no calls recorded).")
        return
    from rich.panel import Panel
    from rich.text import Text

    from assistant.present import dropped_line

    console = _console()
    for n, c in enumerate(calls, start=1):
        tokens = f"{c.prompt_tokens or '?'} in / {c.completion_tokens or '?'} out"
        head = Text.assemble(
            (f"{c.provider} {c.model}", "bold"), f" · {c.method} · prompt {c.prompt_version} · schema "
            f"{c.schema_hash[:12]} · {c.latency_ms} ms · {tokens}",
        )
        body = [head]
        if c.error:
            body.append(Text(f"error: {c.error}", style="red"))
        body.append(Text(c.raw_answer if c.raw_answer is not None else "(no answer)", style="dim"))
        if c.dropped:
            body.append(Text(f"dropped {len(c.dropped)}, not counted:", style="yellow"))
            body.extend(Text(f"  • {dropped_line(d)}", style="yellow") for d in c.dropped)
        elif c.error is None:
            body.append(Text("dropped: nothing (every item stands on the note's words)", style="dim"))
        console.print(Panel(Text("\n").join(body), title=f"call {n} of {len(calls)}", title_align="left"))


@app.command("correct")
def correct_command(
    lead_id: LeadId,
    field: Annotated[str, typer.Argument(help="A fact path: company.employees, bant.authority, disqualifiers ...")],
    value: Annotated[str, typer.Argument(help="The new value; '' or 'none' clears it.")],
    as_of: AsOfOption = None,
) -> None:
    """Set a fact as the rep knows it (it then always wins over what notes say) and re-score."""
    cleared = value.strip().lower() in ("", "none", "null", "unknown")
    new: Any = None if cleared else value
    if field == "disqualifiers":
        if not cleared:
            raise _fail("disqualifiers can only be cleared here: `leadqual correct ID disqualifiers none`",
                        EXIT_BAD_INPUT)
        new = []
    with open_pipeline() as p:
        before = p.get_lead(lead_id).summary.stage
        record = p.correct_fact(lead_id, field, new, as_of=_date(as_of) if as_of else None,
                                said=None if cleared else value)
    shown = "(unknown)" if new in (None, []) else value
    move = f"{_stage(before)} → {_stage(record.stage)}" if before != record.stage else _stage(record.stage)
    typer.echo(f"Lead #{lead_id}: {field} = {shown} (set by a rep). Stage {move}, fit {record.fit:g}, "
               f"engagement {record.engagement:g}.")


@app.command("reject")
def reject_command(
    lead_id: LeadId,
    interaction_id: Annotated[int, typer.Argument(metavar="INTERACTION", help="The interaction id (see `leadqual show`).")],
) -> None:
    """Reject an interaction that did not happen: it stops counting, and the lead is re-scored."""
    with open_pipeline() as p:
        before = p.get_lead(lead_id).summary.stage
        record = p.reject_interaction(lead_id, interaction_id)
    move = f"{_stage(before)} → {_stage(record.stage)}" if before != record.stage else _stage(record.stage)
    typer.echo(f"Lead #{lead_id}: interaction {interaction_id} rejected. Stage {move}, "
               f"engagement {record.engagement:g}.")


@app.command("merge")
def merge_command(
    from_id: Annotated[int, typer.Argument(metavar="FROM", help="The duplicate lead; it is deleted.")],
    into_id: Annotated[int, typer.Argument(metavar="INTO", help="The lead that keeps everything.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Move a duplicate lead's notes, interactions and missing facts onto another lead."""
    with open_pipeline() as p:
        source, target = p.get_lead(from_id).summary, p.get_lead(into_id).summary
        if not yes and not typer.confirm(f"Merge #{from_id} {source.label} into #{into_id} {target.label}?"):
            raise typer.Exit(1)
        record, _undo = p.merge(from_id, into_id)  # kept, so the TUI's /undo can put both back
    stage = _stage(record.stage) if record else "-"
    typer.echo(f"Merged lead #{from_id} into #{into_id}; stage {stage}. /undo in the terminal UI puts both back.")


@app.command("delete")
def delete_command(
    lead_id: LeadId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a lead with all its notes, facts, verdicts and chat."""
    with open_pipeline() as p:
        detail = p.get_lead(lead_id)
        label = detail.summary.label
        if not yes and not typer.confirm(
            f"Delete lead #{lead_id} {label} and its {len(detail.notes)} note(s)?", default=False
        ):
            typer.echo("Kept.")
            raise typer.Exit(1)
        p.delete_lead(lead_id)
    typer.echo(f"Deleted lead #{lead_id} {label}.")


# --- rescore ---------------------------------------------------------------------------------


@app.command("rescore")
def rescore_command(
    scoring: Annotated[
        Path | None,
        typer.Option("--scoring", help="Score with this scoring file (default: the one in force).", show_default=False),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="A backtest: show which leads would change stage, by how much and "
                                             "why, with a stage-to-stage matrix; save nothing.")
    ] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Reference date YYYY-MM-DD (default: today; for --dry-run --scoring, each lead's last "
        "scoring date).", show_default=False)] = None,
    summary: Annotated[bool, typer.Option("--summary", help="Only the counts of each stage move (and the matrix).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line per change (with --dry-run, "
                                                         "then one with the summary and matrix).")] = False,
) -> None:
    """Re-score every lead (with the current or a new scoring file) and print which leads
    change stage, from what to what: a backtest of a rules change with --dry-run."""
    import json
    from collections import Counter

    from assistant.cli.score_cmds import load_scoring_in_force
    from assistant.scoring import ScoringFileError

    try:
        model = load_scoring_in_force(scoring)
    except ScoringFileError as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    if dry_run:
        _backtest(model if scoring is not None else None, _date(as_of) if as_of else None,
                  summary=summary, as_json=as_json)
        return
    reference = _date(as_of)
    moves: Counter[tuple[str, str]] = Counter()
    done = 0

    show_progress = sys.stderr.isatty() and not as_json

    def count(n: int) -> None:
        nonlocal done
        done = n
        if show_progress:
            sys.stderr.write(f"\rre-scored {n} leads...")
            sys.stderr.flush()

    with open_pipeline(scoring=model) as p:
        for change in p.rescore_all(as_of=reference, scoring=model, dry_run=False, progress=count):
            old, new = _stage(change.old_stage), _stage(change.new_stage)
            moves[(old, new)] += 1
            if as_json:
                typer.echo(json.dumps(change.model_dump(mode="json"), ensure_ascii=False))
            elif not summary:
                who = change.name or f"lead #{change.lead_id}"
                if change.company:
                    who += f" ({change.company})"
                typer.echo(f"#{change.lead_id} {who}: {old} → {new}")
    if show_progress:
        sys.stderr.write("\r\033[K")
    if as_json:
        return
    total = sum(moves.values())
    typer.echo(f"{total} of {done} leads changed stage (as of {reference}, scoring {model.hash}).")
    for (old, new), n in sorted(moves.items(), key=lambda kv: -kv[1]):
        typer.echo(f"  {old} → {new}: {n}")


def _points(value: float) -> str:
    return f"{value:g}"


def _backtest(new: ScoringModel | None, as_of: date | None, *, summary: bool, as_json: bool) -> None:
    """`rescore --dry-run`: each mover with its score change and the rules that moved it,
    then the counts and the stage-to-stage matrix (assistant.report.backtest)."""
    import json

    from assistant.report.backtest import Backtest, default_workers, matrix_lines

    out = sys.stdout
    show_progress = sys.stderr.isatty() and not as_json

    def count(n: int) -> None:
        if show_progress:
            sys.stderr.write(f"\rcompared {n} leads...")
            sys.stderr.flush()

    with open_pipeline() as p:
        test = Backtest(p, new=new, as_of=as_of)
        if not as_json:
            out.write(f"Backtest: {test.describe()}.\n")
            if test.summary.file_changes:
                out.write("Changed in the scoring file: " + "; ".join(test.summary.file_changes) + "\n")
            elif new is not None:
                out.write("The two scoring files score alike: no rule differs.\n")
        for move in test.moves(progress=count, workers=default_workers(test.size())):
            if as_json:
                out.write(json.dumps(move.as_json(), ensure_ascii=False) + "\n")
                continue
            if summary:
                continue
            b, a = move.before, move.after
            out.write(f"#{move.lead_id} {move.label}: {_stage(b.stage)} → {_stage(a.stage)}   "
                      f"fit {_points(b.fit)} → {_points(a.fit)} ({a.grade}), engagement {_points(b.engagement)} → "
                      f"{_points(a.engagement)}\n")
            out.write(f"    rule {b.rule} → {a.rule}: {a.reason}\n")
            if move.changes:
                shown = "; ".join(f"{c.rule} {_points(c.before)} → {_points(c.after)}" for c in move.changes[:4])
                more = f" (+{len(move.changes) - 4} more)" if len(move.changes) > 4 else ""
                out.write(f"    points: {shown}{more}\n")
            else:
                out.write("    points: unchanged; a threshold moved\n")
    if show_progress:
        sys.stderr.write("\r\033[K")
    s = test.summary
    if as_json:
        out.write(json.dumps({"summary": s.as_json(), "before": p.scoring.hash,
                              "after": (new or p.scoring).hash,
                              "as_of": as_of.isoformat() if as_of else None}, ensure_ascii=False) + "\n")
        return
    after = (new or p.scoring).hash
    out.write(f"{s.moved} of {s.leads} leads would change stage (scoring {after}): dry run, nothing saved.\n")
    for (old, new_stage), n in sorted(((k, v) for k, v in s.matrix.items() if k[0] != k[1]), key=lambda kv: -kv[1]):
        out.write(f"  {old.upper()} → {new_stage.upper()}: {n}\n")
    if s.moving_rules:
        top = ", ".join(f"{rule} ({n})" for rule, n in s.moving_rules.most_common(5))
        out.write(f"Points that moved them most often: {top}\n")
    for line in matrix_lines(s, after_label="with the new file" if new is not None else "re-scored"):
        out.write(line + "\n")
