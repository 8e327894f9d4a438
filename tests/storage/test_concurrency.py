"""Two processes writing the same database at once lose no note, no interaction and no
verdict: SQLite takes the write lock at BEGIN (IMMEDIATE) and waits its turn; on
PostgreSQL the lead row is locked while a note is merged into it."""

from __future__ import annotations

import multiprocessing as mp
import sys
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from assistant.config import Settings
from assistant.pipeline import Pipeline
from tests.storage.helpers import AS_OF, ScriptedExtractor, facts, ix

NOTES_EACH = 15


class _EchoExtractor(ScriptedExtractor):
    """Every note has one interaction whose evidence is the note itself: all distinct."""

    def extract(self, text: str, *, as_of: date, lang: str | None = None):
        self.on(text, facts(ix("email_reply", text, on=as_of), email="shared@lead.io"))
        return super().extract(text, as_of=as_of, lang=lang)


def _writer(settings_json: str, lead_id: int, worker: int, start: mp.Event) -> None:  # type: ignore[valid-type]
    settings = Settings.model_validate_json(settings_json)
    with Pipeline.open(settings, extractor=_EchoExtractor()) as p:
        start.wait(10)
        own = p.create_lead(f"worker {worker}")
        for i in range(NOTES_EACH):
            p.add_note(lead_id, f"worker {worker} note {i}", as_of=AS_OF)
            p.add_note(own.id, f"worker {worker} own note {i}", as_of=AS_OF)
            p.add_chat_message(lead_id, "rep", f"w{worker} m{i}")


def _run_together(target: Any, args: list[tuple[Any, ...]]) -> None:
    """One forked process per args, released at the same moment; all must exit cleanly."""
    ctx = mp.get_context("fork")
    start = ctx.Event()
    workers = [ctx.Process(target=target, args=(*a, start)) for a in args]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0] * len(workers)


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork")
def test_two_processes_writing_at_once_lose_nothing(settings: Settings) -> None:
    with Pipeline.open(settings, extractor=_EchoExtractor()) as p:
        lead = p.create_lead("Shared lead")
    _run_together(_writer, [(settings.model_dump_json(), lead.id, w) for w in (1, 2)])

    with Pipeline.open(settings) as p:
        shared = p.get_lead(lead.id)
        expected = {f"worker {w} note {i}" for w in (1, 2) for i in range(NOTES_EACH)}
        assert {n.text for n in shared.notes} == expected
        assert all(n.status == "qualified" for n in shared.notes)
        assert {i.evidence for i in shared.interactions} == expected
        assert len(p.history(lead.id)) == 2 * NOTES_EACH
        assert len(p.transcript(lead.id)) == 2 * NOTES_EACH
        assert len(p.list_leads()) == 3
        with p.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM note")).scalar_one() == 4 * NOTES_EACH
        # the email fact was written by both, and recorded once
        assert [c.field for c in p.fact_changes(lead.id)].count("contact.email") == 1


def _opener(settings_json: str, start: mp.Event) -> None:  # type: ignore[valid-type]
    settings = Settings.model_validate_json(settings_json)
    start.wait(10)
    with Pipeline.open(settings, extractor=_EchoExtractor()) as p:
        lead = p.create_lead()
        p.add_note(lead.id, "first words", as_of=AS_OF)


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork")
def test_two_processes_starting_on_an_empty_database_both_migrate(settings: Settings) -> None:
    _run_together(_opener, [(settings.model_dump_json(),)] * 2)
    with Pipeline.open(settings) as p:
        assert len(p.list_leads()) == 2
