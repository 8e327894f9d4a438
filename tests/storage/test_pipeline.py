"""The pipeline over a real database (a SQLite file, and PostgreSQL when configured):
notes kept before extraction, a lead across several notes, merge and dedupe, rep
corrections winning, the audit trail, failures and fallback, matching, re-scoring."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa

from assistant.domain import Provenance, Stage
from assistant.extract.errors import ExtractionError
from assistant.pipeline import InteractionNotFound, InvalidFact, LeadNotFound, Pipeline
from assistant.scoring import load_scoring
from tests.storage.helpers import AS_OF, GOOD_FIT, ScriptedExtractor, facts, ix, llm_call

YESTERDAY = AS_OF - timedelta(days=1)


def _count(p: Pipeline, table: str) -> int:
    with p.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


# --- notes are never lost ---------------------------------------------------------------------


def test_note_is_committed_before_extraction_starts(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    seen: list[list[str]] = []
    inner = extractor.extract

    def spying(text: str, **kw):
        # a separate connection sees the note already: it was committed first
        with pipeline.engine.connect() as conn:
            seen.append(list(conn.execute(sa.text("SELECT status FROM note")).scalars()))
        return inner(text, **kw)

    extractor.extract = spying  # type: ignore[method-assign]
    outcome = pipeline.add_note(lead.id, "first call", as_of=AS_OF)
    assert seen == [["saved"]]
    note = pipeline.get_note(outcome.note_id)
    assert note.status == "qualified" and note.as_of == AS_OF and note.extractor == "rules"


def test_failed_extraction_keeps_the_note_and_the_error(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    pipeline.settings = pipeline.settings.model_copy(update={"fallback_to_rules": False})
    extractor.name = "llm"
    text = extractor.on("the LLM chokes on this", ExtractionError(
        "The model timed out.", kind="timeout", hint="Try again.", calls=[llm_call("timeout")]))
    lead = pipeline.create_lead()
    with pytest.raises(ExtractionError):
        pipeline.add_note(lead.id, text, as_of=AS_OF)
    [note] = pipeline.get_lead(lead.id).notes
    assert note.text == text and note.status == "failed"
    assert note.error == "The model timed out. Try again."
    assert [c.error for c in pipeline.llm_calls(note.id)] == ["timeout"]
    assert pipeline.history(lead.id) == []
    # fixed: the same note is read again, nothing typed twice
    extractor.on(text, facts(ix("demo_request", "asked for a demo"), **GOOD_FIT))
    outcome = pipeline.qualify_note(note.id, as_of=AS_OF)
    assert outcome.verdict.stage is Stage.sql
    assert pipeline.get_note(note.id).status == "qualified"
    assert len(pipeline.get_lead(lead.id).notes) == 1


def test_llm_failure_falls_back_to_rules_and_says_so(settings, clean_env) -> None:
    llm = ScriptedExtractor(name="llm")
    rules = ScriptedExtractor(name="rules")
    text = "Marta from Vela downloaded the guide"
    llm.on(text, ExtractionError("Rate limited.", kind="rate_limit", calls=[llm_call("429")]))
    rules.on(text, facts(ix("content_download", "downloaded the guide"), name="Marta", company="Vela"))
    with Pipeline.open(settings, extractor=llm, fallback=rules) as p:
        lead = p.create_lead()
        outcome = p.add_note(lead.id, text, as_of=AS_OF)
        assert outcome.fell_back and outcome.error is not None and outcome.error.kind == "rate_limit"
        assert outcome.result.extractor == "rules"
        note = p.get_note(outcome.note_id)
        assert note.status == "qualified" and note.extractor == "rules" and note.error == "Rate limited."
        assert [c.error for c in p.llm_calls(note.id)] == ["429"]
        [interaction] = p.get_lead(lead.id).interactions
        assert interaction.provenance is Provenance.rules


def test_llm_calls_of_a_good_answer_are_stored(settings, clean_env) -> None:
    llm = ScriptedExtractor(name="llm")
    recorded = []
    with Pipeline.open(settings, extractor=llm, recorder=recorded.append) as p:
        lead = p.create_lead()
        outcome = p.add_note(lead.id, "anything", as_of=AS_OF)
        assert len(p.llm_calls(outcome.note_id)) == 1 and len(recorded) == 1


def test_an_extractor_bug_keeps_the_note_marked_failed(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    def broken(text: str, **kw):
        raise KeyError("contact")

    extractor.extract = broken  # type: ignore[method-assign]
    lead = pipeline.create_lead()
    with pytest.raises(KeyError):
        pipeline.add_note(lead.id, "an odd note", as_of=AS_OF)
    [note] = pipeline.get_lead(lead.id).notes
    assert note.text == "an odd note" and note.status == "failed" and "KeyError" in note.error


def test_unknown_lead_is_a_clear_error(pipeline: Pipeline) -> None:
    with pytest.raises(LeadNotFound, match="No lead with id 999"):
        pipeline.save_note(999, "hello")
    with pytest.raises(LeadNotFound):
        pipeline.get_lead(999)
    with pytest.raises(LeadNotFound):
        pipeline.delete_lead(999)


# --- a lead across several notes ------------------------------------------------------------------


def test_a_lead_across_three_notes(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    n1 = extractor.on("note 1", facts(ix("website_visit", "visited the site", on=AS_OF - timedelta(days=10)),
                                      name="Zofia Wójcik", company="Nordwind", employees=40))
    n2 = extractor.on("note 2", facts(ix("content_download", "downloaded three guides", count=3, on=YESTERDAY),
                                      ix("webinar_attendance", "attended the webinar", on=YESTERDAY),
                                      **GOOD_FIT))
    n3 = extractor.on("note 3", facts(ix("quote_request", "asked for a quote", on=AS_OF),
                                      budget="confirmed", timeline_days=60))
    first = pipeline.add_note(lead.id, n1, as_of=AS_OF - timedelta(days=7))
    second = pipeline.add_note(lead.id, n2, as_of=AS_OF - timedelta(days=1))
    third = pipeline.add_note(lead.id, n3, as_of=AS_OF)

    assert (first.previous_stage, first.verdict.stage) == (None, Stage.lead)
    assert (second.previous_stage, second.verdict.stage) == (Stage.lead, Stage.mql)
    assert (third.previous_stage, third.verdict.stage) == (Stage.mql, Stage.sql)
    detail = pipeline.get_lead(lead.id)
    # facts accumulate; the newer employee count and company name replaced the older ones
    assert detail.facts.contact.name == "Zofia Wójcik"
    assert detail.facts.company.employees == 240 and detail.facts.company.name == "Nordwind Software"
    assert detail.facts.bant.budget.value == "confirmed" and detail.facts.bant.timeline_days == 60
    assert [i.kind.value for i in detail.interactions] == [
        "website_visit", "content_download", "webinar_attendance", "quote_request"]
    assert [i.note_id for i in detail.interactions] == [first.note_id, second.note_id, second.note_id, third.note_id]
    assert [n.id for n in detail.notes] == [first.note_id, second.note_id, third.note_id]
    assert detail.summary.stage is Stage.sql and detail.verdict.stage is Stage.sql

    history = pipeline.history(lead.id)
    assert [(v.previous_stage, v.stage, v.cause) for v in history] == [
        (None, Stage.lead, "note"), (Stage.lead, Stage.mql, "note"), (Stage.mql, Stage.sql, "note")]
    assert [v.note_id for v in history] == [first.note_id, second.note_id, third.note_id]
    assert history[-1].explanation.rule == "hand_raise" and history[-1].scoring_hash == pipeline.scoring.hash


def test_newer_fact_replaces_older_and_the_change_is_recorded(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    a = pipeline.add_note(lead.id, extractor.on("a", facts(employees=40, country="IT")), as_of=AS_OF)
    b = pipeline.add_note(lead.id, extractor.on("b", facts(employees=400)), as_of=AS_OF)
    assert b.changed_fields == ("company.employees",)
    changes = [(c.field, c.old, c.new, c.note_id, c.provenance) for c in pipeline.fact_changes(lead.id)]
    assert changes == [
        ("company.employees", None, 40, a.note_id, Provenance.rules),
        ("company.country", None, "IT", a.note_id, Provenance.rules),
        ("company.employees", 40, 400, b.note_id, Provenance.rules),
    ]
    # an unknown value never erases a known one
    pipeline.add_note(lead.id, extractor.on("c", facts()), as_of=AS_OF)
    assert pipeline.get_lead(lead.id).facts.company.country == "IT"


def test_llm_facts_have_provenance_llm(settings, clean_env) -> None:
    llm = ScriptedExtractor(name="llm")
    with Pipeline.open(settings, extractor=llm) as p:
        lead = p.create_lead()
        p.add_note(lead.id, llm.on("x", facts(ix("email_open", "opened"), employees=10)), as_of=AS_OF)
        assert {c.provenance for c in p.fact_changes(lead.id)} == {Provenance.llm}
        assert p.get_lead(lead.id).interactions[0].provenance is Provenance.llm


# --- dedupe and merge -------------------------------------------------------------------------------


def test_the_same_interaction_told_twice_counts_once(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    one = pipeline.add_note(lead.id, extractor.on("1", facts(ix("pricing_page_visit", "Visited the pricing page!"))),
                            as_of=AS_OF)
    # same kind, same words (other case and punctuation): a duplicate; another kind is not
    two = pipeline.add_note(lead.id, extractor.on("2", facts(
        ix("pricing_page_visit", "visited  the pricing page"),
        ix("website_visit", "visited the pricing page"),
        ix("pricing_page_visit", "looked at prices again"),
    )), as_of=AS_OF)
    assert one.added_interactions == 1
    assert (two.added_interactions, two.duplicate_interactions) == (2, 1)
    kinds = [(i.kind.value, i.evidence) for i in pipeline.get_lead(lead.id).interactions]
    assert kinds == [("pricing_page_visit", "Visited the pricing page!"), ("website_visit", "visited the pricing page"),
                     ("pricing_page_visit", "looked at prices again")]
    # told by another rep in other words around it: the lead's name, a pronoun, a connective
    three = pipeline.add_note(lead.id, extractor.on("3", facts(
        ix("pricing_page_visit", "and she visited the pricing page"),
        ix("pricing_page_visit", "Zofia Wójcik visited the pricing page", ),
        name="Zofia Wójcik")), as_of=AS_OF)
    assert (three.added_interactions, three.duplicate_interactions) == (0, 2)
    # the same note read again (a retry) changes nothing
    again = pipeline.qualify_note(two.note_id, as_of=AS_OF)
    assert again.added_interactions == 0 and again.verdict.engagement.score == two.verdict.engagement.score


def test_a_note_matching_another_lead_is_offered_and_merged(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    original = pipeline.create_lead()
    pipeline.add_note(original.id, extractor.on("o", facts(
        ix("content_download", "downloaded the guide", on=YESTERDAY), name="Zofia Wójcik",
        company="Nordwind Software", email="Zofia@Nordwind.io")), as_of=AS_OF)
    duplicate = pipeline.create_lead()
    outcome = pipeline.add_note(duplicate.id, extractor.on("d", facts(
        ix("content_download", "Downloaded the guide", on=YESTERDAY), ix("demo_request", "wants a demo", on=AS_OF),
        name="zofia wojcik", company="NORDWIND SOFTWARE", seniority="director")), as_of=AS_OF)
    assert outcome.matched_existing is not None and outcome.matched_existing.id == original.id
    by_email = pipeline.find_matching_lead(facts(email="zofia@nordwind.io"))
    assert by_email is not None and by_email.id == original.id
    assert pipeline.find_matching_lead(facts(email="zofia@nordwind.io"), exclude=original.id) is None
    assert pipeline.find_matching_lead(facts(name="Zofia Wójcik")) is None  # a name alone is not enough

    record = pipeline.merge_leads(duplicate.id, original.id, as_of=AS_OF)
    assert record.cause == "merge" and record.stage is Stage.sql
    with pytest.raises(LeadNotFound):
        pipeline.get_lead(duplicate.id)
    detail = pipeline.get_lead(original.id)
    assert len(detail.notes) == 2
    assert sorted(i.kind.value for i in detail.interactions) == ["content_download", "demo_request"]
    assert detail.facts.contact.seniority.value == "director"  # copied: the original did not know it
    assert detail.facts.contact.name == "Zofia Wójcik"  # kept: the original knew it


def test_save_text_stores_a_new_lead_or_the_one_it_matches(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    first = pipeline.save_text(extractor.on("one", facts(email="a@b.io", name="Ann")), as_of=AS_OF)
    assert first.matched_existing is None
    second = pipeline.save_text(extractor.on("two", facts(ix("email_reply", "replied"), email="A@B.io")), as_of=AS_OF)
    assert second.lead_id == first.lead_id and second.matched_existing.id == first.lead_id
    assert [lead.id for lead in pipeline.list_leads()] == [first.lead_id]
    assert len(pipeline.get_lead(first.lead_id).notes) == 2
    third = pipeline.save_text("three", as_of=AS_OF, lead_id=first.lead_id)
    assert third.lead_id == first.lead_id


# --- the rep wins ---------------------------------------------------------------------------------


def test_rep_correction_wins_over_later_notes(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    pipeline.add_note(lead.id, extractor.on("a", facts(employees=12, authority="influencer")), as_of=AS_OF)
    record = pipeline.correct_fact(lead.id, "company.employees", "1.200")
    assert record.cause == "correction" and record.as_of == AS_OF  # as of the verdict it corrects
    pipeline.correct_fact(lead.id, "bant.authority", "Decision_Maker")
    later = pipeline.add_note(lead.id, extractor.on("b", facts(employees=15, authority="influencer", country="DE")),
                              as_of=AS_OF)
    assert set(later.kept_rep_fields) == {"company.employees", "bant.authority"}
    detail = pipeline.get_lead(lead.id)
    assert detail.facts.company.employees == 1200
    assert detail.facts.bant.authority.value == "decision_maker"
    assert detail.facts.company.country == "DE"  # a field the rep did not touch still updates
    assert detail.rep_fields == ["bant.authority", "company.employees"]
    rep = [(c.field, c.old, c.new) for c in pipeline.fact_changes(lead.id) if c.provenance is Provenance.rep]
    assert rep == [("company.employees", 12, 1200), ("bant.authority", "influencer", "decision_maker")]
    # clearing is a correction too: the field stays unknown
    pipeline.correct_fact(lead.id, "bant.authority", None)
    pipeline.add_note(lead.id, extractor.on("c", facts(authority="influencer")), as_of=AS_OF)
    assert pipeline.get_lead(lead.id).facts.bant.authority is None


def test_corrections_check_the_field_and_the_value(pipeline: Pipeline) -> None:
    lead = pipeline.create_lead()
    with pytest.raises(InvalidFact, match=r"Unknown fact 'company\.size'"):
        pipeline.correct_fact(lead.id, "company.size", 10)
    with pytest.raises(InvalidFact, match=r"contact\.seniority"):
        pipeline.correct_fact(lead.id, "contact.seniority", "wizard")
    with pytest.raises(InvalidFact, match=r"company\.employees"):
        pipeline.correct_fact(lead.id, "company.employees", "lots")
    with pytest.raises(InvalidFact):
        pipeline.correct_fact(lead.id, "disqualifiers", "competitor")
    pipeline.correct_fact(lead.id, "contact.seniority", "VP")
    pipeline.correct_fact(lead.id, "company.country", "pl")
    pipeline.correct_fact(lead.id, "contact.name", "Jan Kowalski")
    facts_now = pipeline.get_lead(lead.id).facts
    assert facts_now.contact.seniority.value == "vp" and facts_now.company.country == "PL"
    assert pipeline.list_leads(search="kowalski")[0].id == lead.id
    assert pipeline.fact_changes(lead.id) and not pipeline.get_lead(lead.id).notes


def test_clearing_disqualifiers_sticks(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    text = extractor.on("dq", facts(ix("demo_request", "asked for a demo"), disqualifiers=[("student", "a student")],
                                    **GOOD_FIT))
    assert pipeline.add_note(lead.id, text, as_of=AS_OF).verdict.stage is Stage.disqualified
    record = pipeline.correct_fact(lead.id, "disqualifiers", [])
    assert record.stage is Stage.sql and record.previous_stage is Stage.disqualified
    again = pipeline.add_note(lead.id, extractor.on("dq2", facts(disqualifiers=[("student", "a student")])), as_of=AS_OF)
    assert again.verdict.stage is Stage.sql and "disqualifiers" in again.kept_rep_fields


def test_rejected_interaction_stops_counting(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    outcome = pipeline.add_note(lead.id, extractor.on("n", facts(
        ix("demo_request", "asked for a demo", on=AS_OF), ix("email_open", "opened the mail"), **GOOD_FIT)), as_of=AS_OF)
    assert outcome.verdict.stage is Stage.sql
    demo = next(i for i in pipeline.get_lead(lead.id).interactions if i.kind.value == "demo_request")
    record = pipeline.reject_interaction(lead.id, demo.id)
    assert record.stage is Stage.lead and record.cause == "rejection"
    assert not any(c.rule == "demo_request" for c in record.explanation.contributions)
    detail = pipeline.get_lead(lead.id)
    assert [i.status for i in detail.interactions] == ["rejected", None]
    assert [i.kind.value for i in detail.facts.interactions] == ["email_open"]
    [change] = [c for c in pipeline.fact_changes(lead.id) if c.field.startswith("interactions[")]
    assert (change.field, change.old, change.new, change.provenance) == (
        f"interactions[{demo.id}].status", None, "rejected", Provenance.rep)
    # told again in a later note: still the rejected one, not a new one
    pipeline.add_note(lead.id, extractor.on("again", facts(ix("demo_request", "Asked for a demo"))), as_of=AS_OF)
    assert pipeline.get_lead(lead.id).summary.stage is Stage.lead
    other = pipeline.create_lead()
    with pytest.raises(InteractionNotFound):
        pipeline.reject_interaction(other.id, demo.id)
    # and the rep can take it back
    assert pipeline.confirm_interaction(lead.id, demo.id).stage is Stage.sql


# --- time ---------------------------------------------------------------------------------------------


def test_timeline_is_a_due_date(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    pipeline.add_note(lead.id, extractor.on("t", facts(timeline_days=30)), as_of=AS_OF)
    assert pipeline.get_lead(lead.id).facts.bant.timeline_days == 30
    record = pipeline.rescore_lead(lead.id, as_of=AS_OF + timedelta(days=10))
    assert record.cause == "rescore"
    assert pipeline.get_lead(lead.id).facts.bant.timeline_days == 20
    [change] = [c for c in pipeline.fact_changes(lead.id) if c.field == "bant.timeline_due"]
    assert change.new == (AS_OF + timedelta(days=30)).isoformat()
    pipeline.correct_fact(lead.id, "bant.timeline_days", "90", as_of=AS_OF)
    assert pipeline.get_lead(lead.id).facts.bant.timeline_days == 90
    assert pipeline.get_lead(lead.id).rep_fields == ["bant.timeline_days"]
    assert "bant.timeline_days" not in pipeline.add_note(
        lead.id, extractor.on("t2", facts(timeline_days=5)), as_of=AS_OF).changed_fields


# --- re-scoring ------------------------------------------------------------------------------------------


def _three_leads(p: Pipeline, extractor: ScriptedExtractor) -> list[int]:
    ids = []
    for n, extraction in enumerate([
        facts(ix("demo_request", "asked for a demo", on=AS_OF - timedelta(days=60)), **GOOD_FIT),
        facts(ix("content_download", "downloaded 3 guides", count=3, on=AS_OF), ix("webinar_attendance", "attended"),
              **GOOD_FIT),
        facts(ix("email_open", "opened")),
    ]):
        lead = p.create_lead()
        p.add_note(lead.id, extractor.on(f"lead {n}", extraction), as_of=AS_OF)
        ids.append(lead.id)
    return ids


def test_rescore_dry_run_predicts_apply_and_writes_nothing(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    ids = _three_leads(pipeline, extractor)
    assert [lead.stage for lead in pipeline.list_leads()] == [Stage.lead, Stage.mql, Stage.sql]
    later = AS_OF + timedelta(days=45)  # the demo is now 105 days old, the downloads have faded
    verdicts = _count(pipeline, "verdict")
    dry = list(pipeline.rescore_all(as_of=later, dry_run=True, batch_size=2))
    assert [(c.lead_id, c.old_stage, c.new_stage) for c in dry] == [
        (ids[0], Stage.sql, Stage.lead), (ids[1], Stage.mql, Stage.lead)]
    assert _count(pipeline, "verdict") == verdicts
    assert pipeline.get_lead(ids[0]).summary.stage is Stage.sql

    applied = list(pipeline.rescore_all(as_of=later, batch_size=2))
    assert applied == dry
    assert pipeline.get_lead(ids[0]).summary.stage is Stage.lead
    last = pipeline.history(ids[0])[-1]
    assert (last.cause, last.as_of, last.previous_stage, last.stage) == ("rescore", later, Stage.sql, Stage.lead)
    saved = _count(pipeline, "verdict")
    assert saved > verdicts
    # nothing changed since: nothing to report, nothing saved
    assert list(pipeline.rescore_all(as_of=later)) == []
    assert _count(pipeline, "verdict") == saved


def test_rescore_with_a_new_scoring_file_is_a_backtest(pipeline: Pipeline, extractor: ScriptedExtractor,
                                                       tmp_path: Path) -> None:
    ids = _three_leads(pipeline, extractor)
    text = resources.files("assistant.scoring").joinpath("default_scoring.toml").read_text("utf-8")
    stricter = tmp_path / "stricter.toml"
    stricter.write_text(text.replace("min_engagement = 40", "min_engagement = 70"), encoding="utf-8")
    model = load_scoring(stricter)
    changes = list(pipeline.rescore_all(as_of=AS_OF, scoring=model, dry_run=True))
    assert [(c.lead_id, c.old_stage, c.new_stage) for c in changes] == [(ids[1], Stage.mql, Stage.lead)]
    # applying under the new file saves a verdict for every lead: its scoring hash changed
    assert list(pipeline.rescore_all(as_of=AS_OF, scoring=model)) == changes
    assert {pipeline.history(i)[-1].scoring_hash for i in ids} == {model.hash}


# --- everything else ------------------------------------------------------------------------------------


def test_list_leads_filters_by_stage_and_text(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    ids = _three_leads(pipeline, extractor)
    named = pipeline.create_lead("Łucja Żak", company="Café Ørsted", email="lucja@orsted.dk")
    assert [lead.id for lead in pipeline.list_leads(stage="sql")] == [ids[0]]
    assert [lead.id for lead in pipeline.list_leads(stage=Stage.mql)] == [ids[1]]
    assert [lead.id for lead in pipeline.list_leads(search="lucja zak")] == [named.id]
    assert [lead.id for lead in pipeline.list_leads(search="CAFE")] == [named.id]
    assert [lead.id for lead in pipeline.list_leads(search="orsted.dk")] == [named.id]
    assert pipeline.list_leads(search="100%") == []
    assert pipeline.list_leads()[0].id == named.id  # most recently active first
    assert pipeline.get_lead(named.id).rep_fields == ["company.name", "contact.email", "contact.name"]


def test_transcript_and_delete(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead("Ada")
    pipeline.add_chat_message(lead.id, "rep", "hello")
    reply = pipeline.add_chat_message(lead.id, "assistant", "hi", payload={"kind": "reply", "n": 1})
    assert reply.id is not None and reply.payload == {"kind": "reply", "n": 1}
    assert [(m.role, m.text) for m in pipeline.transcript(lead.id)] == [("rep", "hello"), ("assistant", "hi")]
    with pytest.raises(InvalidFact):
        pipeline.add_chat_message(lead.id, "robot", "beep")
    pipeline.add_note(lead.id, extractor.on("n", facts(ix("email_open", "opened"))), as_of=AS_OF)
    keep = pipeline.create_lead("Other")
    pipeline.add_note(keep.id, extractor.on("other", facts(ix("email_click", "clicked"))), as_of=AS_OF)
    pipeline.add_chat_message(keep.id, "rep", "other")
    pipeline.delete_lead(lead.id)
    for table in ("note", "interaction", "verdict", "chat_message"):
        assert _count(pipeline, table) == 1, table  # only the other lead's rows are left
    assert [lead.id for lead in pipeline.list_leads()] == [keep.id]


def test_qualify_note_with_a_named_extractor(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    lead = pipeline.create_lead()
    note_id = pipeline.save_note(lead.id, "x", author="Maria")
    assert pipeline.qualify_note(note_id, as_of=AS_OF, extractor="rules").result.extractor == "rules"
    assert pipeline.get_note(note_id).author == "Maria"
    assert extractor.calls == 1


def test_bulk_rescore_reads_the_lead_as_the_single_lead_path_does(pipeline: Pipeline,
                                                                  extractor: ScriptedExtractor) -> None:
    """rescore_all builds each lead's facts in bulk; they must score exactly as rescore_lead's."""
    ids = _three_leads(pipeline, extractor)
    rich = pipeline.create_lead()
    pipeline.add_note(rich.id, extractor.on("rich", facts(
        ix("pricing_page_visit", "pricing page", count=2, on=AS_OF - timedelta(days=3), detail="plans"),
        ix("demo_request", "demo please", on=AS_OF), ix("product_usage", "uses the trial"),
        budget="confirmed", authority="decision_maker", need="reporting", timeline_days=40,
        disqualifiers=[("competitor", "works at a rival")], email="x@rival.io", **GOOD_FIT)), as_of=AS_OF)
    demo = next(i for i in pipeline.get_lead(rich.id).interactions if i.kind.value == "demo_request")
    pipeline.reject_interaction(rich.id, demo.id)
    pipeline.correct_fact(rich.id, "disqualifiers", [])
    later = AS_OF + timedelta(days=20)
    from storage import repo

    with pipeline._tx() as session:
        bulk = {lead.lead_id: lead for lead in repo.iter_leads_to_score(session=session, as_of=later, limit=3)}
        bulk |= {lead.lead_id: lead for lead in repo.iter_leads_to_score(session=session, as_of=later, after_id=max(bulk))}
        for lead_id in [*ids, rich.id]:
            single, language = repo.scoring_input(session=session, lead_id=lead_id, as_of=later)
            assert bulk[lead_id].extraction == single
            assert bulk[lead_id].language == language
    assert bulk[rich.id].extraction.bant.timeline_days == 20
    assert [i.kind.value for i in bulk[rich.id].extraction.interactions] == ["pricing_page_visit", "product_usage"]
