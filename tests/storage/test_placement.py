"""Placing a note safely, and merging leads explicitly with an exact undo, on a real
database (a SQLite file, and PostgreSQL when configured).

A note is saved first on no lead; its facts go into the open lead only when it is about
the same person. Someone else, or a lead we already have, writes nothing to any lead
until the rep chooses. A merge keeps both leads as they were, so undo restores them
row for row.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from assistant.pipeline import InvalidFact, Pipeline, PlacedNote, PlacementQuestion, Target
from tests.storage.helpers import AS_OF, ScriptedExtractor, facts, ix, lead_rows


def _note(p: Pipeline, text: str, lead_id: int | None, target: Target | None = None) -> PlacedNote | PlacementQuestion:
    pending = p.save_pending_note(text, open_lead_id=lead_id)
    read = p.read_pending(pending, as_of=AS_OF)
    return p.place_note(pending.id, read, as_of=AS_OF, target=target or Target.auto(lead_id))


@pytest.fixture
def giulia(pipeline: Pipeline, extractor: ScriptedExtractor) -> int:
    text = extractor.on("giulia's first call", facts(
        ix("webinar_attendance", "attended our webinar", on=AS_OF), name="Giulia Ferrari", company="Vela",
        employees=120, seniority="director", department="marketing", email="giulia@vela.it"))
    placed = _note(pipeline, text, None)
    assert isinstance(placed, PlacedNote)
    pipeline.correct_fact(placed.lead_id, "contact.job_title", "Head of Marketing", said="she is Head of Marketing")
    return placed.lead_id


def test_the_text_is_committed_on_no_lead_before_it_is_read(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    seen = []
    inner = extractor.extract

    def spying(text: str, **kw):
        with pipeline.engine.connect() as conn:  # another connection sees it: committed first
            seen.append(conn.execute(sa.text("SELECT text FROM pending_note")).scalars().all())
            seen.append(conn.execute(sa.text("SELECT count(*) FROM note")).scalar())
        return inner(text, **kw)

    extractor.extract = spying  # type: ignore[method-assign]
    placed = _note(pipeline, "a first note", None)
    assert seen == [["a first note"], 0]
    assert isinstance(placed, PlacedNote)
    assert [n.text for n in pipeline.get_lead(placed.lead_id).notes] == ["a first note"]
    assert pipeline.pending_notes() == []


def test_a_note_about_the_same_person_goes_into_the_open_lead(pipeline: Pipeline, extractor: ScriptedExtractor,
                                                             giulia: int) -> None:
    text = extractor.on("giulia again", facts(ix("quote_request", "Giulia asked for a quote", on=AS_OF),
                                              name="Giulia", email="GIULIA@vela.it"))
    placed = _note(pipeline, text, giulia)
    assert isinstance(placed, PlacedNote) and placed.lead_id == giulia
    assert placed.state.verdict.stage.value == "sql"
    assert len(pipeline.get_lead(giulia).notes) == 2


def test_a_note_about_someone_else_changes_no_lead_until_the_rep_chooses(
    pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int
) -> None:
    text = extractor.on("mark's email", facts(ix("pricing_page_visit", "visited the pricing page", on=AS_OF),
                                              name="Mark Thompson", company="Bright Logistics", employees=40))
    before = lead_rows(pipeline.engine)
    asked = _note(pipeline, text, giulia)
    assert isinstance(asked, PlacementQuestion)
    assert asked.someone_else and set(asked.comparison.differ) == {"name", "company"}
    assert lead_rows(pipeline.engine) == before  # no lead, note, fact or chat line written
    [pending] = pipeline.pending_notes()
    assert pending.text == text and pending.open_lead_id == giulia  # the words are safe

    placed = pipeline.place_note(pending.id, asked.read, as_of=AS_OF, target=Target.new())
    assert isinstance(placed, PlacedNote) and placed.new_lead and placed.lead_id != giulia
    assert placed.state.summary.label == "Mark Thompson (Bright Logistics)"
    after = lead_rows(pipeline.engine)
    giulia_rows = [r for r in after["lead"] if r["id"] == giulia]
    assert giulia_rows == [r for r in before["lead"] if r["id"] == giulia]  # Giulia as she was
    assert pipeline.pending_notes() == []


def test_adding_someone_elses_note_to_this_lead_keeps_this_leads_identity(
    pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int
) -> None:
    text = extractor.on("mark at vela", facts(ix("demo_request", "asked for a demo", on=AS_OF),
                                              name="Mark Thompson", company="Bright Logistics", employees=45))
    asked = _note(pipeline, text, giulia)
    assert isinstance(asked, PlacementQuestion)
    placed = pipeline.place_note(asked.pending.id, asked.read, as_of=AS_OF,
                                 target=Target.lead(giulia, keep_identity=True))
    assert isinstance(placed, PlacedNote) and placed.lead_id == giulia
    lead = pipeline.get_lead(giulia)
    assert (lead.summary.name, lead.summary.company) == ("Giulia Ferrari", "Vela")  # not Mark, not Bright
    assert lead.facts.company.employees == 45  # the rest of the note counts
    assert set(placed.report.kept_fields) == {"contact.name", "company.name"}
    assert lead.facts.contact.job_title == "Head of Marketing"  # the rep's correction stands


def test_an_email_of_another_lead_asks_even_when_this_lead_has_none(
    pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int
) -> None:
    kacper = _note(pipeline, extractor.on("kacper", facts(name="Kacper Nowak", company="Lumen")), None)
    assert isinstance(kacper, PlacedNote)
    before = lead_rows(pipeline.engine)
    text = extractor.on("follow-up", facts(ix("demo_request", "asked for a demo", on=AS_OF), email="giulia@vela.it"))
    asked = _note(pipeline, text, kacper.lead_id)
    assert isinstance(asked, PlacementQuestion)
    assert [m.id for m in asked.matches] == [giulia]
    assert lead_rows(pipeline.engine) == before
    placed = pipeline.place_note(asked.pending.id, asked.read, as_of=AS_OF, target=Target.lead(giulia))
    assert isinstance(placed, PlacedNote) and placed.lead_id == giulia
    assert pipeline.get_lead(kacper.lead_id).summary.name == "Kacper Nowak"  # Kacper untouched, not merged
    assert [n.text for n in pipeline.get_lead(kacper.lead_id).notes] == ["kacper"]


def test_a_duplicate_asks_when_no_lead_is_open(pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int) -> None:
    before = lead_rows(pipeline.engine)
    asked = _note(pipeline, extractor.on("dup", facts(name="Giulia Ferrari", company="Vela S.r.l.")), None)
    assert isinstance(asked, PlacementQuestion) and [m.id for m in asked.matches] == [giulia]
    assert lead_rows(pipeline.engine) == before


def test_a_polish_name_in_another_case_is_the_same_person(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    first = _note(pipeline, extractor.on("pl1", facts(name="Kacper Nowak", company="Lumen")), None)
    again = _note(pipeline, extractor.on("pl2", facts(ix("email_reply", "odpisał", on=AS_OF),
                                                      name="Kacprem Nowakiem")), first.lead_id)
    assert isinstance(again, PlacedNote) and again.lead_id == first.lead_id


def test_a_note_costs_three_transactions_at_most(pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int) -> None:
    statements: list[str] = []
    begins: list[int] = []
    sa.event.listen(pipeline.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    sa.event.listen(pipeline.engine, "begin", lambda *a: begins.append(1))
    text = extractor.on("one more", facts(ix("quote_request", "asked for a quote", on=AS_OF),
                                          ix("email_reply", "replied", on=AS_OF), name="Giulia Ferrari",
                                          employees=130, budget="confirmed"))
    placed = _note(pipeline, text, giulia)
    assert isinstance(placed, PlacedNote)
    sql = [s for s in statements if not s.startswith(("BEGIN", "SAVEPOINT", "RELEASE"))]
    assert len(begins) <= 3
    assert len(sql) <= 12, "\n".join(sql)


# --- merging, and undoing it exactly -----------------------------------------------------------


def test_merge_preview_says_what_moves_and_writes_nothing(pipeline: Pipeline, extractor: ScriptedExtractor,
                                                         giulia: int) -> None:
    other = _note(pipeline, extractor.on("dup lead", facts(
        ix("webinar_attendance", "attended our webinar", on=AS_OF), ix("demo_request", "wants a demo", on=AS_OF),
        name="G. Ferrari", company="Vela", country="IT", disqualifiers=[("student", "writing a thesis")])), None,
        Target.new())
    assert isinstance(other, PlacedNote)
    placed = other
    before = lead_rows(pipeline.engine)
    preview = pipeline.merge_preview(placed.lead_id, giulia)
    assert lead_rows(pipeline.engine) == before
    assert (preview.notes, preview.interactions, preview.duplicate_interactions) == (1, 1, 1)
    assert [m.path for m in preview.copied] == ["company.country"]
    assert [(m.path, m.value, m.other) for m in preview.kept] == [("contact.name", "Giulia Ferrari", "G. Ferrari")]
    assert [d.kind.value for d in preview.disqualifiers] == ["student"]


def test_undo_puts_both_leads_back_row_for_row(pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int) -> None:
    other = pipeline.place_note(
        (pending := pipeline.save_pending_note("kacper notes")).id,
        pipeline.read_pending(pending, as_of=AS_OF) if extractor.on("kacper notes", facts(
            ix("free_trial_signup", "started a trial", on=AS_OF), name="Kacper Nowak", company="Lumen",
            disqualifiers=[("student", "a student")])) else None,
        as_of=AS_OF, target=Target.new(), chat=lambda placed: [("rep", "kacper notes", None), ("assistant", "ok", None)])
    assert isinstance(other, PlacedNote)
    pipeline.correct_fact(other.lead_id, "company.employees", 30, said="actually 30 people")
    before = lead_rows(pipeline.engine)

    record, undo = pipeline.merge(other.lead_id, giulia)
    merged = pipeline.get_lead(giulia)
    assert record.cause == "merge" and merged.summary.stage.value == "disqualified"  # his student flag came along
    assert len(merged.notes) == 2
    with pytest.raises(Exception):  # noqa: B017 (LeadNotFound)
        pipeline.get_lead(other.lead_id)

    done = pipeline.undo_merge(undo.id)
    assert (done.from_id, done.into_id, done.undone) == (other.lead_id, giulia, True)
    assert lead_rows(pipeline.engine) == before  # every row, with its id: facts and words, notes, verdicts, chat
    with pytest.raises(InvalidFact, match="undone already"):
        pipeline.undo_merge(undo.id)


def test_undo_is_refused_once_the_merged_lead_changed(pipeline: Pipeline, extractor: ScriptedExtractor,
                                                      giulia: int) -> None:
    other = _note(pipeline, extractor.on("kn", facts(name="Kacper Nowak", company="Lumen")), None)
    _record, undo = pipeline.merge(other.lead_id, giulia)
    pipeline.correct_fact(giulia, "bant.budget", "confirmed", said="budget is confirmed")
    before = lead_rows(pipeline.engine)
    with pytest.raises(InvalidFact, match="changed after the merge"):
        pipeline.undo_merge(undo.id)
    assert lead_rows(pipeline.engine) == before  # the correction is not lost
    assert pipeline.last_merge(giulia).id == undo.id


def test_a_rep_set_field_is_kept_on_the_lead_row(pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int) -> None:
    title_and_read = ["contact.department", "contact.job_title", "contact.seniority"]  # read from the title
    assert pipeline.get_lead(giulia).rep_fields == title_and_read
    pipeline.correct_fact(giulia, "bant.timeline_days", 30, said="within a month")
    assert pipeline.get_lead(giulia).rep_fields == ["bant.timeline_days", *title_and_read]
    text = extractor.on("title again", facts(name="Giulia Ferrari"))
    extraction = facts(name="Giulia Ferrari")
    extraction.contact.job_title = "Marketing Intern"
    extractor.on(text, extraction)
    placed = _note(pipeline, text, giulia)
    assert placed.report.kept_rep_fields == ["contact.job_title"]
    assert pipeline.get_lead(giulia).facts.contact.job_title == "Head of Marketing"


def test_the_change_marker_moves_with_every_write_and_never_waits_for_a_writer(
    pipeline: Pipeline, extractor: ScriptedExtractor, giulia: int, db_url: str
) -> None:
    first = pipeline.change_marker()
    pipeline.correct_fact(giulia, "bant.budget", "confirmed", said="budget is confirmed")
    second = pipeline.change_marker()
    assert second != first
    pipeline.create_lead(name="Omar Haddad")
    third = pipeline.change_marker()
    assert third != second
    pipeline.delete_lead(giulia)
    assert pipeline.change_marker() != third
    if not db_url.startswith("sqlite"):
        return
    import sqlite3

    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process writing, holding the lock
        assert pipeline.change_marker()  # read at once, without waiting for the lock
    finally:
        holder.execute("ROLLBACK")
        holder.close()
