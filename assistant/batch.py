"""`leadqual qualify --jsonl FILE --save`: a batch of notes, each stored with its verdict.

Resumable: each line's id is kept with its note (`note_source`, key "jsonl:ID"), so a
re-run skips the ids already read and reads again the ones saved but not read (an LLM
failure, an interrupted run). With the LLM, `concurrency` notes are read at once; a rate
limit (HTTP 429) pauses every worker for as long as the provider asks (its Retry-After;
the openai client also waits that long between its own retries), then the note is tried
again. Results come out in the order of the lines.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import sessionmaker

from assistant.batch_line import BatchLine
from assistant.domain import ExtractionResult
from assistant.extract.errors import ExtractionError
from storage import crm as crm_store
from storage import repo
from storage.errors import StorageError

if TYPE_CHECKING:
    from assistant.extract import Extractor
    from assistant.pipeline import Pipeline, QualifyOutcome

RATE_LIMIT_RETRIES = 5
MAX_PAUSE_S = 60.0
_WAIT = re.compile(r"wait (\d+(?:\.\d+)?) s")


class RateGate:
    """One pause shared by every worker: when a request is told to wait, all wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self._until = 0.0
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep
        self.pauses: list[float] = []

    def wait(self) -> None:
        while True:
            with self._lock:
                delay = self._until - self._clock()
            if delay <= 0:
                return
            self._sleep(delay)

    def pause(self, seconds: float) -> None:
        with self._lock:
            self.pauses.append(seconds)
            self._until = max(self._until, self._clock() + seconds)


def retry_after(exc: ExtractionError) -> float | None:
    """The wait a rate-limited provider asked for (its Retry-After), when it said."""
    found = _WAIT.search(exc.message)
    return float(found.group(1)) if found else None


class RateLimitedExtractor:
    """An extractor that waits out rate limits together with the other workers."""

    def __init__(self, inner: Extractor, gate: RateGate, *, retries: int = RATE_LIMIT_RETRIES) -> None:
        self.inner, self.gate, self.retries = inner, gate, retries
        self.name = inner.name

    def extract(self, text: str, *, as_of: date, lang: str | None = None) -> ExtractionResult:
        for attempt in range(self.retries + 1):
            self.gate.wait()
            try:
                return self.inner.extract(text, as_of=as_of, lang=lang)
            except ExtractionError as exc:
                if exc.kind != "rate_limit" or attempt == self.retries:
                    raise
                # the provider's own wait, else back off: 1, 2, 4 ... seconds
                self.gate.pause(min(retry_after(exc) or 2.0 ** attempt, MAX_PAUSE_S))
        raise AssertionError("unreachable")


@dataclass
class BatchCounts:
    done: int = 0
    saved: int = 0
    skipped: int = 0
    errors: int = 0


def note_key(id_: Any) -> str:
    return f"jsonl:{id_}"


class Batch:
    """Stores and reads the lines of one JSONL file through the pipeline."""

    def __init__(self, pipeline: Pipeline, *, output: Callable[[Any, BatchLine, QualifyOutcome], dict[str, Any]],
                 source: str) -> None:
        self.pipeline = pipeline
        self.output = output
        self.source = source
        self._sessions = sessionmaker(pipeline.engine, expire_on_commit=False)
        self._merge_lock = threading.Lock()
        self.counts = BatchCounts()

    def _saved_note(self, line: BatchLine) -> tuple[int, int, str] | None:
        """(note id, lead id, status) of the note saved for this id, or None."""
        with self._sessions() as s, s.begin():
            found = crm_store.existing_note_keys(session=s, keys=[note_key(line.id)])
            if not found:
                return None
            note = repo.get_note(session=s, note_id=found[note_key(line.id)])
            if note.text != line.text:
                raise ValueError(f"id {line.id!r} is saved already (note {note.id} of lead {note.lead_id}) "
                                 "with another text: give this note an id of its own")
            return note.id, note.lead_id, note.status

    def _save(self, line: BatchLine) -> tuple[int, int]:
        """A new lead with the note, and the note's key, in one transaction."""
        with self._sessions() as s, s.begin():
            lead = repo.create_lead(session=s)
            note = repo.add_note(session=s, lead_id=lead.id, text=line.text, author=self.pipeline.settings.author)
            crm_store.add_note_key(session=s, note_id=note.id, key=note_key(line.id),
                                   origin=f"{self.source}:{line.number}")
            return note.id, lead.id

    def run_line(self, line: BatchLine) -> dict[str, Any]:
        saved = self._saved_note(line)
        if saved is not None and saved[2] == "qualified":
            return {"id": line.id, "skipped": "saved already", "note_id": saved[0], "lead_id": saved[1]}
        note_id, lead_id = saved[:2] if saved is not None else self._save(line)
        try:
            outcome = self.pipeline.qualify_note(note_id, as_of=line.as_of)
        except ExtractionError as exc:
            return {"id": line.id, "error": f"line {line.number}: {exc.user_message} The note is saved (note "
                    f"{note_id} of lead {lead_id}); run the same command again to read it again.",
                    "note_id": note_id, "lead_id": lead_id}
        outcome = self._merge_duplicate(outcome, line.as_of)
        out = self.output(line.id, line, outcome)
        out["lead_id"], out["note_id"] = outcome.lead_id, note_id
        return out

    def _merge_duplicate(self, outcome: QualifyOutcome, as_of: date) -> QualifyOutcome:
        """As `qualify --save` does: a note about a lead already stored goes to that lead,
        and the verdict is that lead's. One merge at a time, the match looked up again
        under the lock (two workers may have read notes about the same person)."""
        with self._merge_lock:
            matched = self.pipeline.find_matching_lead(outcome.result.extraction, exclude=outcome.lead_id)
            if matched is None:
                return outcome
            record = self.pipeline.merge_leads(outcome.lead_id, matched.id, as_of=as_of)
            return replace(outcome, lead_id=matched.id, verdict=record.to_verdict(), previous_stage=matched.stage,
                           verdict_record=record, matched_existing=matched)

    def run(self, lines: Iterable[BatchLine | dict[str, Any]], *, concurrency: int,
            progress: Callable[[BatchCounts], None] | None = None) -> Iterator[dict[str, Any]]:
        """Each line's JSON result, in the order of the lines; `lines` may hold ready error
        records (a line that is no note) which pass through in their place."""
        counts = self.counts = BatchCounts()

        def one(line: BatchLine) -> dict[str, Any]:
            try:
                return self.run_line(line)
            except (ValueError, StorageError) as exc:
                return {"id": line.id, "error": f"line {line.number}: {exc}"}

        def tally(record: dict[str, Any]) -> dict[str, Any]:
            counts.done += 1
            if "error" in record:
                counts.errors += 1
            elif "skipped" in record:
                counts.skipped += 1
            else:
                counts.saved += 1
            if progress is not None:
                progress(counts)
            return record

        window: deque[Future[dict[str, Any]] | dict[str, Any]] = deque()
        with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="batch") as pool:
            for line in lines:
                window.append(pool.submit(one, line) if isinstance(line, BatchLine) else line)
                while len(window) > 2 * concurrency:
                    yield tally(_result(window.popleft()))
            while window:
                yield tally(_result(window.popleft()))


def _result(item: Future[dict[str, Any]] | dict[str, Any]) -> dict[str, Any]:
    return item.result() if isinstance(item, Future) else item
