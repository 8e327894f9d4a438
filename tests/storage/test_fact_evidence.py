"""Facts with their words on a real database: a note's facts keep the quote they were read
from (note, source, offsets), a rep's correction keeps the rep's words, author and time, a
corrected title re-reads seniority and department, and merging keeps the words."""

from __future__ import annotations

from assistant.domain import Evidence, Provenance, Stage
from assistant.pipeline import Pipeline
from tests.storage.helpers import AS_OF, ScriptedExtractor, facts, ix

NOTE = "Call with Zofia Wójcik, Head of Marketing at Nordwind (about 240 people, Gdańsk)."


def _with_words(extraction, **quotes: str):
    return extraction.model_copy(update={
        "evidence": {path.replace("__", "."): Evidence(quote=q, start=NOTE.find(q), end=NOTE.find(q) + len(q))
                     for path, q in quotes.items()}
    })


def _read_note(pipeline: Pipeline, extractor: ScriptedExtractor):
    extraction = _with_words(
        facts(name="Zofia Wójcik", company="Nordwind", seniority="director", department="marketing",
              employees=240, country="PL"),
        contact__name="Zofia Wójcik", company__name="Nordwind", company__employees="about 240 people",
        company__country="Gdańsk",
    )
    extraction = extraction.model_copy(update={"contact": extraction.contact.model_copy(
        update={"job_title": "Head of Marketing"})})
    extraction.evidence["contact.job_title"] = Evidence(quote="Head of Marketing")
    extraction.evidence["contact.seniority"] = Evidence(quote="Head of Marketing", via="contact.job_title")
    extractor.on(NOTE, extraction)
    lead = pipeline.create_lead()
    return pipeline.add_note(lead.id, NOTE, as_of=AS_OF, author="Anna")


def test_a_notes_facts_keep_their_words_note_and_source(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    outcome = _read_note(pipeline, extractor)
    detail = pipeline.get_lead(outcome.lead_id)
    size = detail.sources["company.employees"]
    assert size.evidence.quote == "about 240 people" and size.note_id == outcome.note_id
    assert size.provenance is Provenance.rules and size.author == "Anna"
    assert NOTE[size.evidence.start : size.evidence.end] == "about 240 people"
    assert detail.facts.evidence["contact.seniority"].via == "contact.job_title"
    # the verdict quotes the note, as written
    parts = {c.rule.split(":")[0]: c for c in detail.verdict.explanation.contributions}
    assert parts["employees"].evidence == "about 240 people"
    assert (parts["seniority"].evidence, parts["seniority"].via) == ("Head of Marketing", "contact.job_title")
    changes = {c.field: c for c in pipeline.fact_changes(outcome.lead_id)}
    assert changes["company.employees"].evidence == "about 240 people"


def test_a_reps_correction_keeps_the_reps_words_author_and_time(
    pipeline: Pipeline, extractor: ScriptedExtractor
) -> None:
    outcome = _read_note(pipeline, extractor)
    pipeline.settings = pipeline.settings.model_copy(update={"author": "Marek"})
    pipeline.correct_fact(outcome.lead_id, "company.employees", "1200", said="actually they are 1,200 people")
    detail = pipeline.get_lead(outcome.lead_id)
    source = detail.sources["company.employees"]
    assert detail.facts.company.employees == 1200
    assert source.provenance is Provenance.rep and source.author == "Marek" and source.at is not None
    assert source.evidence.quote == "actually they are 1,200 people"
    change = pipeline.fact_changes(outcome.lead_id)[-1]
    assert (change.field, change.provenance, change.author) == ("company.employees", Provenance.rep, "Marek")
    assert change.evidence == "actually they are 1,200 people"
    parts = {c.rule.split(":")[0]: c for c in detail.verdict.explanation.contributions}
    assert parts["employees"].evidence == "actually they are 1,200 people"


def test_a_corrected_title_rereads_seniority_and_department(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    outcome = _read_note(pipeline, extractor)
    record = pipeline.correct_fact(outcome.lead_id, "contact.job_title", "CFO", said="actually she is the CFO")
    detail = pipeline.get_lead(outcome.lead_id)
    assert (detail.facts.contact.seniority.value, detail.facts.contact.department.value) == ("executive", "finance")
    for path in ("contact.seniority", "contact.department"):
        source = detail.sources[path]
        assert source.provenance is Provenance.rep
        assert (source.evidence.quote, source.evidence.via) == ("CFO", "contact.job_title")
    parts = {c.rule.split(":")[0]: c for c in record.explanation.contributions}
    assert parts["seniority"].rule == "seniority: executive" and parts["seniority"].evidence == "CFO"
    assert parts["department"].rule == "department: finance"


def test_a_seniority_the_rep_set_survives_a_title_correction(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    outcome = _read_note(pipeline, extractor)
    pipeline.correct_fact(outcome.lead_id, "contact.seniority", "vp", said="she's a VP really")
    pipeline.correct_fact(outcome.lead_id, "contact.job_title", "Product Owner")
    detail = pipeline.get_lead(outcome.lead_id)
    assert detail.facts.contact.seniority.value == "vp"  # the rep's own word stands
    assert detail.facts.contact.department is None  # "Product Owner" names no function


def test_a_reps_authority_moves_the_verdict(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    text = extractor.on("budget approved, need it by June", facts(
        name="Ola Berg", budget="confirmed", need="manual invoicing", seniority="director"))
    lead = pipeline.create_lead()
    first = pipeline.add_note(lead.id, text, as_of=AS_OF)
    assert first.verdict.stage is Stage.lead
    record = pipeline.correct_fact(lead.id, "bant.authority", "decision_maker", said="she decides")
    assert record.stage is Stage.sql and "authority" in record.bant_met
    checks = {c.criterion: c for c in record.explanation.bant}
    assert checks["authority"].evidence == "she decides" and checks["authority"].met


def test_merging_leads_keeps_each_facts_words(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    outcome = _read_note(pipeline, extractor)
    other = pipeline.create_lead("Zofia Wójcik")
    pipeline.merge_leads(outcome.lead_id, other.id)
    detail = pipeline.get_lead(other.id)
    assert detail.sources["company.employees"].evidence.quote == "about 240 people"
    assert detail.sources["company.employees"].note_id == outcome.note_id


def test_an_interaction_keeps_the_notes_words(pipeline: Pipeline, extractor: ScriptedExtractor) -> None:
    text = extractor.on("She downloaded the guide", facts(ix("content_download", "She downloaded the guide")))
    lead = pipeline.create_lead()
    pipeline.add_note(lead.id, text, as_of=AS_OF)
    assert pipeline.get_lead(lead.id).interactions[0].evidence == "She downloaded the guide"
