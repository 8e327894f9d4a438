"""`leadqual import FILE.csv`: a HubSpot or Salesforce export (contacts/leads, or their
notes and tasks) into stored leads, in batches, with every bad row named by its line.

The format is told from the header (or `--format`); columns are matched without regard
to case, and `--map COLUMN=FIELD` names any other. Each row merges into the lead it names
(its CRM id, else its email, else the same person at the same company) or makes a new
one. Every imported value is a fact with provenance `import`, its words the cell's text
and its origin "file.csv:LINE". A Description column and each note's body are read by an
extractor (the rules one by default) like any note, so their facts and interactions
count; a note keeps its CRM date as its date. Leads that changed are scored again as of
the import's reference date. Importing the same file twice changes nothing.

The rules extractor is CPU-bound: a big file's texts are read in other processes (forked,
so they start with the vocabularies loaded), a batch ahead of the rows being stored.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import io
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import sessionmaker

from assistant.crm import formats as fm
from assistant.domain import ExtractionResult
from assistant.extract.errors import ExtractionError
from assistant.scoring import score
from storage import crm as store
from storage import repo

if TYPE_CHECKING:
    from assistant.extract import Extractor
    from assistant.pipeline import Pipeline

BATCH_ROWS = 500
LLM_BATCH_ROWS = 20
MAX_READINGS = 20_000  # readings kept for texts that come again (the oldest half goes past it)
# texts per task sent to a reading process, and the fewest texts worth the processes
TEXTS_PER_TASK = 40
MIN_TEXTS_FOR_WORKERS = 200

_worker_extractor: Any = None


def _start_worker(settings: Any, choice: str) -> None:
    """A reading process: its own extractor (after a fork, with the vocabularies loaded)."""
    global _worker_extractor
    from assistant.extract import make_extractor

    _worker_extractor = make_extractor(settings, choice)


def _read_texts(items: list[tuple[str, date, str | None]]) -> list[ExtractionResult]:
    return [_worker_extractor.extract(text, as_of=when, lang=lang) for text, when, lang in items]


def default_workers() -> int:
    """Reading processes for a big file: the machine's cores, at most 4 (1: read in this one)."""
    return max(1, min(os.cpu_count() or 1, 4))


_EMAIL_IN_TEXT = re.compile(r"[^@\s,;<>()\[\]]+@[^@\s,;<>()\[\]]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Problem:
    """A row not stored (`skipped`), or a cell of a stored row that was left out."""

    line: int
    message: str
    skipped: bool

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" + ("" if self.skipped else " (the rest of the row is stored)")


@dataclass
class ImportReport:
    file: str
    format: fm.Format
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes_added: int = 0
    problems: list[Problem] = field(default_factory=list)
    unread_columns: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    seconds: float = 0.0
    texts_read: int = 0  # texts the extractor read (the same text on the same day is read once)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    @property
    def stored(self) -> int:
        return self.rows - self.skipped

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file, "format": self.format.id, "rows": self.rows, "stored": self.stored,
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "notes_added": self.notes_added, "skipped": self.skipped,
            "problems": [{"line": p.line, "message": p.message, "skipped": p.skipped} for p in self.problems],
            "unread_columns": self.unread_columns, "encoding": self.encoding, "texts_read": self.texts_read,
            "seconds": round(self.seconds, 3),
        }


# --- reading the file ---------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as cp1252; every byte decodes, so nothing is lost
        return data.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]], str]:
    """The header, then (first line number, cells) of each record, and the encoding."""
    text, encoding = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        header = next(reader)
    except StopIteration:
        raise fm.FormatError(f"{path}: the file is empty (no header row)") from None
    except csv.Error as exc:
        raise fm.FormatError(f"{path}: line 1 is not CSV: {exc}") from None

    def records() -> Iterator[tuple[int, list[str]]]:
        end = reader.line_num
        while True:
            start = end + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                end = reader.line_num
                yield start, [f"\x00{exc}"]
                continue
            end = reader.line_num
            if cells and any(c.strip() for c in cells):
                yield start, cells

    return header, records(), encoding


# --- rows -> what to store ---------------------------------------------------------------


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


class _Reader:
    """Turns rows into store.ImportedContact / ImportedNote, reading text with the extractor."""

    def __init__(self, fmt: fm.Format, fields: list[str | None], header: list[str], source: str,
                 extractor: Extractor, as_of: date, lang: str | None) -> None:
        self.fmt, self.fields, self.header, self.source = fmt, fields, header, source
        self.extractor, self.as_of, self.lang = extractor, as_of, lang
        self._titles: dict[str, tuple[Any, Any]] = {}
        self._texts: dict[tuple[str, date], ExtractionResult] = {}
        self._undated: dict[str, ExtractionResult] = {}
        self.stored: set[str] = set()  # keys of the notes stored before this import
        self.fallback: Extractor | None = None  # reads a text when the LLM cannot
        self.fell_back: dict[str, str] = {}
        self._failed: dict[tuple[str, date], ExtractionError] = {}
        self.texts_read = 0
        self.column_of = {f: header[i] for i, f in enumerate(fields) if f}

    def read(self, text: str, as_of: date) -> ExtractionResult:
        # the same text on the same day reads the same (the extractors are deterministic):
        # CRM exports repeat boilerplate ("Web form lead", "Left a voicemail") across rows
        key = (text, as_of)
        found = self._texts.get(key) or self._undated.get(text)
        if found is None:
            if key in self._failed:
                raise self._failed[key]
            try:
                found = self.extractor.extract(text, as_of=as_of, lang=self.lang)
            except ExtractionError as exc:
                if self.fallback is None:
                    self._failed[key] = exc  # said once on its row, not asked again
                    raise
                self.fell_back[text] = exc.user_message
                found = self.fallback.extract(text, as_of=as_of, lang=self.lang)
            self._texts[key] = found
            self.texts_read += 1
            self._keep(text, found)
        return found

    def _read_for(self, line: int, what: str, text: str, as_of: date,
                  problems: list[Problem]) -> ExtractionResult | None:
        """The reading of a row's text; an LLM failure is said on the row's line."""
        try:
            result = self.read(text, as_of)
        except ExtractionError as exc:
            problems.append(Problem(line, f"the {what} could not be read ({exc.user_message}); "
                                          "import the file again to read it", False))
            return None
        if text in self.fell_back:
            problems.append(Problem(line, f"the LLM could not read the {what} ({self.fell_back[text]}); "
                                          "the rules extractor read it instead", False))
        return result

    def forget_old(self) -> None:
        """Keep the readings of a big file's recent texts only: memory stays flat."""
        for cache in (self._texts, self._undated):
            if len(cache) > MAX_READINGS:
                for key in list(cache)[: len(cache) // 2]:
                    del cache[key]

    def _keep(self, text: str, result: ExtractionResult) -> None:
        """A reading with nothing dated in it (no interaction date, no deadline) did not use
        its reference date, which only resolves dates: it stands for the text on any day."""
        facts = result.extraction
        if facts.bant.timeline_days is None and all(i.occurred_on is None for i in facts.interactions):
            self._undated[text] = result

    def known(self, text: str, as_of: date) -> bool:
        return (text, as_of) in self._texts or text in self._undated

    def texts_of(self, rows: list[tuple[int, list[str]]]) -> list[tuple[str, str, date]]:
        """(note key, text, reference date) of each text these rows have read: descriptions,
        note bodies."""
        out = []
        for line, cells in rows:
            values = self.values(line, cells)
            if isinstance(values, Problem):
                continue
            if self.fmt.kind == "contacts":
                description = values.get("description")
                if description:
                    out.append((self._description_key(values, description), description, self.as_of))
                continue
            text = _note_text(values)
            when = values.get("note.date") or values.get("note.created")
            try:
                at = fm.read_datetime(when) if when else datetime.combine(self.as_of, datetime.min.time())
            except fm.CellError:
                continue
            if text:
                out.append((self._note_key(values, at, text), text, at.date()))
        return out

    def _description_key(self, values: dict[str, str], description: str) -> str:
        name = values.get("contact.name") or " ".join(values[p] for p in fm.NAME_PARTS if values.get(p)) or None
        email = values.get("contact.email")
        who = (values.get("crm.id") or repo.email_key(email) or repo.name_key(name, values.get("company.name"))
               or _digest(*sorted(values.values())))
        return f"{self.fmt.system}:description:{who}:{_digest(description)}"

    def _note_key(self, values: dict[str, str], at: datetime, text: str) -> str:
        ext = values.get("note.id")
        if ext:
            return f"{self.fmt.system}:note:{ext}"
        ids = [i for i in re.split(r"[;,\s]+", values.get("note.contact_id", "")) if i]
        return f"{self.fmt.system}:note:{_digest(';'.join(ids), self._note_email(values) or '', at.isoformat(), text)}"

    @staticmethod
    def _note_email(values: dict[str, str]) -> str | None:
        email = values.get("note.email")
        if not email and values.get("note.contact"):
            found = _EMAIL_IN_TEXT.search(values["note.contact"])
            email = found.group(0) if found else None
        return email

    def prefetch(self, rows: list[tuple[int, list[str]]], pool: ProcessPoolExecutor | None,
                 stored_keys: Callable[[list[str]], Iterable[str]]) -> list[Any]:
        """Start reading the rows' texts not read yet: in `pool` when there is one and
        enough of them, otherwise here when `collect` is called."""
        texts = self.texts_of(rows)
        self.stored |= set(stored_keys([key for key, _text, _day in texts]))
        # a text whose note is stored already (a re-import) is not read again
        wanted = list(dict.fromkeys((text, day) for key, text, day in texts
                                    if key not in self.stored and not self.known(text, day)))
        if pool is None or len(wanted) < TEXTS_PER_TASK:
            return [wanted]
        # one reading per text first; the same text on other days only if it holds a date
        first: dict[str, tuple[str, date]] = {}
        later: list[tuple[str, date]] = []
        for key in wanted:
            if key[0] in first:
                later.append(key)
            else:
                first[key[0]] = key
        once = list(first.values())
        chunks = [once[i : i + TEXTS_PER_TASK] for i in range(0, len(once), TEXTS_PER_TASK)]
        return [*((chunk, pool.submit(_read_texts, [(t, d, self.lang) for t, d in chunk])) for chunk in chunks),
                later]

    def collect(self, pending: list[Any]) -> None:
        for item in pending:
            if isinstance(item, tuple):
                chunk, future = item
                for key, result in zip(chunk, future.result(), strict=True):
                    self._texts[key] = result
                    self.texts_read += 1
                    self._keep(key[0], result)
            else:
                for text, day in item:
                    with contextlib.suppress(ExtractionError):  # said on the row's line
                        self.read(text, day)

    def title(self, text: str) -> tuple[Any, Any]:
        """Seniority and department read from a job title (SPEC: they follow the title)."""
        if text not in self._titles:
            contact = self.read(text, self.as_of).extraction.contact
            self._titles[text] = (contact.seniority, contact.department)
        return self._titles[text]

    def values(self, line: int, cells: list[str]) -> dict[str, str] | Problem:
        if cells and cells[0].startswith("\x00"):
            return Problem(line, f"not valid CSV ({cells[0][1:]})", True)
        if len(cells) > len(self.header) and any(c.strip() for c in cells[len(self.header):]):
            return Problem(line, f"{len(cells)} cells but the header has {len(self.header)} columns "
                                 "(a comma or quote out of place?)", True)
        return {f: c.strip() for f, c in zip(self.fields, cells, strict=False) if f and c.strip()}

    def contact(self, line: int, cells: list[str]) -> tuple[store.ImportedContact | None, list[Problem]]:
        values = self.values(line, cells)
        if isinstance(values, Problem):
            return None, [values]
        origin = f"{self.source}:{line}"
        problems: list[Problem] = []
        name = values.get("contact.name") or " ".join(
            values[p] for p in fm.NAME_PARTS if values.get(p)) or None
        email = values.get("contact.email")
        if email is not None and not fm._EMAIL.match(email):
            column = self.column_of.get("contact.email", "Email")
            return None, [Problem(line, f"{column} {email!r} is not an email address: fix it in the CRM "
                                        "and import again", True)]
        if not email and not name:
            return None, [Problem(line, "no email and no name: leadqual cannot tell who this is", True)]
        cells_kept = {f: v for f, v in values.items() if not f.startswith("out.")}
        if name:
            cells_kept["contact.name"] = name
        facts: list[store.ImportedFact] = []
        for path in fm.IMPORTABLE_FACTS:
            text = name if path == "contact.name" else values.get(path)
            if not text:
                continue
            try:
                value = fm.read_value(path, text)
            except fm.CellError as exc:
                problems.append(Problem(line, f"{self.column_of.get(path, path)} {exc}; left out", False))
                continue
            if value is None:
                continue
            facts.append(store.ImportedFact(path, value, text, path))
            if path == "contact.job_title":
                seniority, department = self.title(text)
                for derived, derived_value in (("contact.seniority", seniority), ("contact.department", department)):
                    if derived_value is not None:
                        facts.append(store.ImportedFact(derived, derived_value, text, path, via=path))
        description = values.get("description")
        key = self._description_key(values, description) if description else None
        company = values.get("company.name")
        read = description is not None and key not in self.stored
        return store.ImportedContact(
            origin=origin, external_id=values.get("crm.id"), email=email, name=name, company=company,
            facts=facts, cells=cells_kept, description=description, description_key=key,
            description_result=self._read_for(line, "description", description, self.as_of, problems)
            if read and description else None,
        ), problems

    def note(self, line: int, cells: list[str]) -> tuple[store.ImportedNote | None, list[Problem]]:
        values = self.values(line, cells)
        if isinstance(values, Problem):
            return None, [values]
        problems: list[Problem] = []
        text = _note_text(values)
        if not text:
            return None, [Problem(line, "no note text", True)]
        when = values.get("note.date") or values.get("note.created")
        if when:
            try:
                at = fm.read_datetime(when)
            except fm.CellError as exc:
                column = self.column_of.get("note.date" if values.get("note.date") else "note.created", "date")
                return None, [Problem(line, f"{column} {exc}", True)]
        else:
            at = datetime.combine(self.as_of, datetime.min.time())
            problems.append(Problem(line, f"no date: read as of {self.as_of}", False))
        ids = [i for i in re.split(r"[;,\s]+", values.get("note.contact_id", "")) if i]
        key = self._note_key(values, at, text)
        result = None
        if key not in self.stored:
            result = self._read_for(line, "note", text, at.date(), problems)
            if result is None:
                return None, [*problems[:-1], Problem(line, problems[-1].message, True)]
        return store.ImportedNote(origin=f"{self.source}:{line}", key=key, text=text, at=at, contact_ids=ids,
                                  email=self._note_email(values), result=result), problems


def _note_text(values: dict[str, str]) -> str:
    """A note's text: its subject (a task's "Demo request") and its body."""
    body, subject = values.get("note.body"), values.get("note.subject")
    if subject and body and subject.casefold() not in body.casefold():
        return f"{subject}\n{body}"
    return body or subject or ""


# --- the import ------------------------------------------------------------------------------


def import_file(
    pipeline: Pipeline,
    path: Path,
    *,
    as_of: date,
    format_id: str | None = None,
    maps: Sequence[str] = (),
    extractor: str = "rules",
    progress: Callable[[int, float], None] | None = None,
    batch_rows: int = BATCH_ROWS,
    workers: int = 1,
) -> ImportReport:
    """Import one CSV export into the pipeline's database. Raises FormatError (nothing
    stored) for a file whose format or columns cannot be told.

    `workers` > 1: when the file has many texts to read with the rules extractor, that
    many other processes read them while this one stores the rows read before (the
    extractor is CPU-bound; threads would take turns)."""
    started = time.perf_counter()
    mapped = fm.parse_maps(list(maps))
    header, records, encoding = read_rows(path)
    fmt = fm.detect(header, wanted=format_id)
    fields, unread = fm.column_fields(fmt, header, mapped)
    _check_columns(fmt, fields, path)
    report = ImportReport(file=str(path), format=fmt, unread_columns=unread, encoding=encoding)
    reader = _Reader(fmt, fields, header, path.name, pipeline.extractor_for(extractor), as_of,
                     pipeline.settings.language)
    if extractor != "rules" and pipeline.settings.fallback_to_rules:
        reader.fallback = pipeline.extractor_for("rules")
    sessions = sessionmaker(pipeline.engine, expire_on_commit=False)
    pending_items: list[Any] = []

    def flush() -> None:
        if not pending_items:
            return
        with sessions() as session, session.begin():
            if fmt.kind == "contacts":
                outcomes = store.apply_contacts(session=session, system=fmt.system, contacts=pending_items,
                                                as_of=as_of)
            else:
                outcomes = store.apply_notes(session=session, system=fmt.system, notes=pending_items)
            _rescore(pipeline, session, [o.lead_id for o in outcomes if o.changed and o.lead_id], as_of)
        for o in outcomes:
            if o.problem:
                report.problems.append(Problem(int(o.origin.rsplit(":", 1)[1]), o.problem, True))
            elif o.created:
                report.created += 1
            elif o.changed:
                report.updated += 1
            else:
                report.unchanged += 1
            report.notes_added += o.note_id is not None
        pending_items.clear()
        if progress is not None:
            progress(report.rows, time.perf_counter() - started)

    read_row = reader.contact if fmt.kind == "contacts" else reader.note

    def stored_keys(keys: list[str]) -> Iterable[str]:
        with sessions() as session, session.begin():
            return store.existing_note_keys(session=session, keys=keys).keys()

    def store_rows(rows: list[tuple[int, list[str]]], pending: list[Any]) -> None:
        first = report.rows == 0
        reader.forget_old()
        reader.collect(pending)
        for line, cells in rows:
            report.rows += 1
            item, problems = read_row(line, cells)
            report.problems.extend(problems)
            if item is not None:
                pending_items.append(item)
        if first:
            leave_out()  # the vocabularies the first batch's texts and titles loaded
        flush()

    pool = None
    with _long_lived_left_out() as leave_out:
        try:
            previous: tuple[list[tuple[int, list[str]]], list[Any]] | None = None
            # an LLM takes seconds a text: small batches keep progress and commits coming
            size = batch_rows if extractor == "rules" else min(batch_rows, LLM_BATCH_ROWS)
            for rows in _batches(records, size):
                if pool is None and workers > 1 and extractor == "rules" \
                        and len(reader.texts_of(rows)) >= min(MIN_TEXTS_FOR_WORKERS, batch_rows // 2):
                    pool = _pool(pipeline, extractor, workers)
                # the next batch is read in the other processes while this one is stored
                pending = reader.prefetch(rows, pool, stored_keys)
                if previous is not None:
                    store_rows(*previous)
                previous = (rows, pending)
            if previous is not None:
                store_rows(*previous)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
    report.texts_read = reader.texts_read
    report.problems.sort(key=lambda p: p.line)
    report.seconds = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _long_lived_left_out() -> Iterator[Callable[[], None]]:
    """While an import runs, the objects alive before it (the rules extractor's vocabularies,
    millions of them) are left out of the garbage collector's full passes, each of which
    cost about 150 ms every thousand rows stored; the function yielded leaves out what is
    alive when it is called too (the vocabularies a first batch loaded). Results do not
    change: unreachable objects are still freed when their last reference goes. At the
    end the objects go back to the collector, unless some were frozen before (the TUI
    freezes its own for good)."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        if not frozen_before:
            gc.unfreeze()


def _batches(records: Iterator[tuple[int, list[str]]], size: int) -> Iterator[list[tuple[int, list[str]]]]:
    batch: list[tuple[int, list[str]]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pool(pipeline: Pipeline, extractor: str, workers: int) -> ProcessPoolExecutor:
    # fork where there is one: the children start with the vocabularies already loaded
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker, initargs=(pipeline.settings, extractor))


def _check_columns(fmt: fm.Format, fields: list[str | None], path: Path) -> None:
    present = set(fields)
    if fmt.kind == "contacts":
        needed = {"contact.email", "contact.name", "first_name", "last_name"}
        what = "an email or a name column"
    else:
        needed = {"note.body", "note.subject"}
        what = "a note body column"
    if not present & needed:
        raise fm.FormatError(f"{path}: read as a {fmt.label}, but no column gives {what}; "
                             "name it with --map COLUMN=FIELD")
    if fmt.kind == "notes" and not present & {"note.contact_id", "note.email", "note.contact"}:
        raise fm.FormatError(f"{path}: a notes export must say whose note each row is (a contact id or "
                             "email column); name it with --map COLUMN=note.contact_id or note.email")


def _rescore(pipeline: Pipeline, session: Any, lead_ids: list[int], as_of: date) -> None:
    """Score the leads an import batch changed, as of the import's reference date."""
    ids = sorted(set(lead_ids))
    if not ids:
        return
    session.flush()
    verdicts = []
    for lead in repo.iter_leads_to_score(session=session, as_of=as_of, lead_ids=ids, limit=len(ids)):
        lang = pipeline.settings.language or lead.language or "en"
        verdicts.append((lead.lead_id, score(lead.extraction, as_of=as_of, model=pipeline.scoring, lang=lang)))
    repo.save_verdicts_bulk(session=session, verdicts=verdicts, cause="import")
