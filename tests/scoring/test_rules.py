"""Every rule of SPEC sections 4 and 5 under the default scoring file, as tables."""

from __future__ import annotations

import pytest

from assistant.domain import Axis, Extraction, Stage
from assistant.scoring import load_scoring, score
from tests.scoring.builders import (
    AS_OF,
    FIT_25_COMPANY,
    FIT_25_CONTACT,
    GOOD_COMPANY,
    GOOD_CONTACT,
    POOR_COMPANY,
    POOR_CONTACT,
    act,
    lead,
)

MODEL = load_scoring()


def verdict_of(extraction, lang="en"):
    return score(extraction, as_of=AS_OF, model=MODEL, lang=lang)


# --- engagement: points, count, decay, cut-off, caps, negatives, clamping -------------

ENGAGEMENT_CASES = [
    ("one visit today", [act("website_visit")], 2.0),
    ("count multiplies", [act("content_download", count=2)], 20.0),
    ("cap per interaction", [act("website_visit", count=7)], 10.0),
    ("cap across interactions", [act("website_visit", count=4), act("website_visit", count=4)], 10.0),
    ("email opens capped at 5", [act("email_open", count=12)], 5.0),
    ("half-life 90 days", [act("pricing_page_visit", days_ago=90)], 7.5),
    ("two half-lives", [act("demo_request", days_ago=180)], 10.0),
    ("365 days still counts", [act("content_download", days_ago=365)], 0.6),
    ("366 days counts 0", [act("content_download", days_ago=366)], 0.0),
    ("undated counts as today", [act("webinar_attendance", days_ago=None)], 15.0),
    ("future date counts as today", [act("event_attendance", days_ago=-5)], 15.0),
    ("decay then cap", [act("pricing_page_visit", days_ago=10, count=3)], 30.0),
    ("decayed below the cap", [act("pricing_page_visit", days_ago=90, count=3)], 22.5),
    ("negative subtracts", [act("demo_request", days_ago=None), act("unsubscribe")], 20.0),
    ("bounce subtracts", [act("form_submission"), act("email_bounce")], 5.0),
    ("clamped at 0", [act("unsubscribe"), act("email_bounce")], 0.0),
    ("clamped at 100", [act("cart_add", count=12)], 100.0),
    ("nothing at all", [], 0.0),
]


@pytest.mark.parametrize(
    ("interactions", "expected"),
    [pytest.param(i, e, id=name) for name, i, e in ENGAGEMENT_CASES],
)
def test_engagement(interactions, expected) -> None:
    verdict = verdict_of(lead(*interactions))
    assert verdict.engagement.score == pytest.approx(expected)
    parts = [c for c in verdict.explanation.contributions if c.axis is Axis.engagement]
    assert sum(c.points for c in parts) == pytest.approx(expected)


def test_clamping_is_a_visible_contribution() -> None:
    verdict = verdict_of(lead(act("unsubscribe"), act("website_visit")))
    clamp = [c for c in verdict.explanation.contributions if c.rule == "clamp"]
    assert len(clamp) == 1
    assert clamp[0].points == pytest.approx(18.0)
    assert "clamped to 0" in (clamp[0].detail or "")


def test_each_interaction_carries_its_evidence_and_how_it_was_computed() -> None:
    visit = act("pricing_page_visit", days_ago=90, evidence="looked at the price list twice")
    (part,) = verdict_of(lead(visit)).explanation.contributions
    assert part.rule == "pricing_page_visit"
    assert part.evidence == "looked at the price list twice"
    assert "90 days old" in (part.detail or "") and "0.500" in (part.detail or "")


def test_capped_interaction_says_so() -> None:
    parts = verdict_of(lead(act("ad_click", count=2), act("ad_click", count=2))).explanation.contributions
    assert [p.points for p in parts] == [6.0, 0.0]
    assert "capped" in (parts[1].detail or "")


# --- fit: each attribute, bands, targets, enriched, personal domains, grades ------------

FIT_CASES = [
    ("executive", {"seniority": "executive"}, {}, 30),
    ("vp", {"seniority": "vp"}, {}, 25),
    ("director", {"seniority": "director"}, {}, 20),
    ("manager", {"seniority": "manager"}, {}, 12),
    ("individual", {"seniority": "individual"}, {}, 5),
    ("entry", {"seniority": "entry"}, {}, 0),
    ("target department", {"department": "sales"}, {}, 15),
    ("other known department", {"department": "finance"}, {}, 5),
    ("9 employees", {}, {"employees": 9}, 0),
    ("10 employees", {}, {"employees": 10}, 10),
    ("49 employees", {}, {"employees": 49}, 10),
    ("50 employees", {}, {"employees": 50}, 25),
    ("1000 employees", {}, {"employees": 1000}, 25),
    ("1001 employees", {}, {"employees": 1001}, 20),
    ("5000 employees", {}, {"employees": 5000}, 20),
    ("5001 employees", {}, {"employees": 5001}, 10),
    ("target industry", {}, {"industry": "retail"}, 15),
    ("other industry", {}, {"industry": "energy"}, 0),
    ("target country", {}, {"country": "PL"}, 10),
    ("other country", {}, {"country": "BR"}, 0),
    ("enriched with email", {"job_title": "Buyer", "email": "b@shop.example"}, {"name": "Shop"}, 5),
    ("enriched with phone", {"job_title": "Buyer", "phone": "+48 600 100 200"}, {"name": "Shop"}, 5),
    ("no company: not enriched", {"job_title": "Buyer", "email": "b@shop.example"}, {}, 0),
    ("all at best", GOOD_CONTACT | {"seniority": "executive"}, GOOD_COMPANY, 100),
]


@pytest.mark.parametrize(
    ("contact", "company", "expected"),
    [pytest.param(c, co, e, id=name) for name, c, co, e in FIT_CASES],
)
def test_fit_points(contact, company, expected) -> None:
    verdict = verdict_of(lead(contact=contact, company=company))
    assert verdict.fit.score == pytest.approx(expected)


@pytest.mark.parametrize(
    ("email", "penalised"),
    [
        pytest.param("someone@gmail.com", True, id="gmail.com"),
        pytest.param("someone@gmail.it", True, id="gmail provider, other tld"),
        pytest.param("ktos@wp.pl", True, id="wp.pl"),
        pytest.param("ktos@Interia.PL", True, id="case-insensitive"),
        pytest.param("qualcuno@libero.it", True, id="libero"),
        pytest.param("ktos@firma.pl", False, id="company domain"),
        pytest.param("x@notgmail.com", False, id="provider name inside another name"),
    ],
)
def test_personal_email_domain(email: str, penalised: bool) -> None:
    verdict = verdict_of(lead(contact={"email": email, "seniority": "executive"}))
    parts = [c for c in verdict.explanation.contributions if c.rule == "personal email domain"]
    assert bool(parts) is penalised
    if penalised:
        assert parts[0].points == -10 and parts[0].evidence == email
        assert verdict.fit.score == 20


def test_fit_clamped_at_0_with_a_clamp_contribution() -> None:
    verdict = verdict_of(lead(contact={"email": "me@hotmail.com"}))
    assert verdict.fit.score == 0
    assert [c.points for c in verdict.explanation.contributions] == [-10, 10]


def test_seniority_and_department_without_words_of_their_own_stand_on_the_title() -> None:
    verdict = verdict_of(lead(contact={"job_title": "Head of Sales", "seniority": "director",
                                       "department": "sales"}))
    parts = verdict.explanation.contributions
    assert {(c.evidence, c.via) for c in parts} == {("Head of Sales", "contact.job_title")}


def test_fit_evidence_is_the_notes_words_as_written() -> None:
    extraction = Extraction.model_validate({
        "contact": {"job_title": "Head of E-commerce Marketing", "seniority": "director"},
        "company": {"employees": 120, "country": "IT", "industry": "retail"},
        "evidence": {
            "contact.job_title": {"quote": "Head of E-commerce Marketing"},
            "contact.seniority": {"quote": "Head of E-commerce Marketing", "via": "contact.job_title"},
            "company.employees": {"quote": "~120 people"},
            "company.country": {"quote": "sede a Bologna"},
            "company.industry": {"quote": "negozi di scarpe"},
        },
    })
    verdict = score(extraction, as_of=AS_OF, model=MODEL)
    by_rule = {c.rule.split(":")[0]: (c.evidence, c.via) for c in verdict.explanation.contributions}
    assert by_rule["seniority"] == ("Head of E-commerce Marketing", "contact.job_title")
    assert by_rule["employees"] == ("~120 people", None)
    assert by_rule["country"] == ("sede a Bologna", None)
    assert by_rule["industry"] == ("negozi di scarpe", None)


def test_bant_checks_name_each_known_criterion_with_its_words() -> None:
    extraction = Extraction.model_validate({
        "bant": {"budget": "confirmed", "need": "manual invoices", "timeline_days": 400},
        "evidence": {"bant.budget": {"quote": "budget approved"}},
    })
    checks = score(extraction, as_of=AS_OF, model=MODEL).explanation.bant
    assert [(c.criterion, c.value, c.met, c.evidence) for c in checks] == [
        ("budget", "confirmed", True, "budget approved"),
        ("need", "manual invoices", True, None),
        ("timeline", "400", False, None),
    ]


@pytest.mark.parametrize(
    ("fit", "grade"),
    [(100, "A"), (75, "A"), (74.9, "B"), (50, "B"), (49.9, "C"), (25, "C"), (24.9, "D"), (0, "D")],
)
def test_grade_bands(fit: float, grade: str) -> None:
    assert MODEL.grade_of(fit) == grade


# --- stages ------------------------------------------------------------------------------

GOOD = {"contact": GOOD_CONTACT, "company": GOOD_COMPANY}
FIT25 = {"contact": FIT_25_CONTACT, "company": FIT_25_COMPANY}
POOR = {"contact": POOR_CONTACT, "company": POOR_COMPANY}
BANT3 = {"budget": "confirmed", "authority": "decision_maker", "need": "close the books faster"}

MQL_40 = [act("webinar_attendance"), act("event_attendance"), act("content_download")]
MQL_39_9 = [act("webinar_attendance"), act("event_attendance"), act("content_download", days_ago=1)]

STAGE_CASES = [
    # (id, interactions, facts, stage, rule)
    ("disqualifier beats a hand-raise", [act("demo_request")],
     GOOD | {"disqualifiers": [("competitor", "works for a rival vendor")]}, "disqualified", "disqualifier"),
    ("hand-raise today", [act("quote_request")], GOOD, "sql", "hand_raise"),
    ("hand-raise 90 days ago", [act("contact_sales", days_ago=90)], GOOD, "sql", "hand_raise"),
    ("hand-raise 91 days ago", [act("meeting_booked", days_ago=91)], GOOD, "lead", "default"),
    ("undated hand-raise", [act("upgrade_request", days_ago=None)], GOOD, "sql", "hand_raise"),
    ("future hand-raise", [act("demo_request", days_ago=-3)], GOOD, "sql", "hand_raise"),
    ("hand-raise with unknown fit", [act("demo_request")], {}, "sql", "hand_raise"),
    ("BANT 3 of 4", [], GOOD | {"bant": BANT3}, "sql", "bant"),
    ("BANT 2 of 4", [], GOOD | {"bant": BANT3 | {"budget": "planned"}}, "lead", "default"),
    ("BANT timeline 180 days", [], GOOD | {"bant": {"need": "x", "authority": "decision_maker",
                                                      "timeline_days": 180}}, "sql", "bant"),
    ("BANT timeline 181 days", [], GOOD | {"bant": {"need": "x", "authority": "decision_maker",
                                                      "timeline_days": 181}}, "lead", "default"),
    ("BANT deadline already passed", [], GOOD | {"bant": {"need": "x", "authority": "decision_maker",
                                                            "timeline_days": -1}}, "lead", "default"),
    ("BANT blank need is not stated", [], GOOD | {"bant": BANT3 | {"need": "  "}}, "lead", "default"),
    ("poor fit blocks a hand-raise", [act("demo_request")], POOR, "lead", "default"),
    ("poor fit blocks BANT", [], POOR | {"bant": BANT3}, "lead", "default"),
    ("D with one known attribute is not poor", [act("demo_request")],
     {"contact": POOR_CONTACT}, "sql", "hand_raise"),
    ("product usage undated", [act("product_usage", days_ago=None)], GOOD, "pql", "product_usage"),
    ("product usage 90 days ago", [act("product_usage", days_ago=90)], GOOD, "pql", "product_usage"),
    ("product usage 91 days ago", [act("product_usage", days_ago=91)], GOOD, "lead", "default"),
    ("poor fit blocks pql", [act("product_usage")], POOR, "lead", "default"),
    ("hand-raise beats product usage", [act("product_usage"), act("demo_request")], GOOD, "sql",
     "hand_raise"),
    ("engagement 40 and fit 25", MQL_40, FIT25, "mql", "mql"),
    ("engagement 39.9", MQL_39_9, FIT25, "lead", "default"),
    ("fit 20", MQL_40, {"contact": {"seniority": "director"}}, "lead", "default"),
    ("poor fit with engagement is a lead", [*MQL_40, act("demo_request", days_ago=None)], POOR,
     "lead", "default"),
    ("nothing known", [], {}, "lead", "default"),
]


@pytest.mark.parametrize(
    ("interactions", "facts", "stage", "rule"),
    [pytest.param(i, f, s, r, id=name) for name, i, f, s, r in STAGE_CASES],
)
def test_stage(interactions, facts, stage, rule) -> None:
    verdict = verdict_of(lead(*interactions, **facts))
    assert verdict.stage is Stage(stage)
    assert verdict.explanation.rule == rule


def test_engagement_boundary_numbers() -> None:
    assert verdict_of(lead(*MQL_40, **FIT25)).engagement.score == 40.0
    assert verdict_of(lead(*MQL_39_9, **FIT25)).engagement.score == 39.9
    assert verdict_of(lead(**FIT25)).fit.score == 25.0


def test_poor_fit_is_reported() -> None:
    verdict = verdict_of(lead(act("demo_request"), **POOR))
    assert verdict.fit.poor and verdict.fit.grade == "D" and verdict.fit.known_attributes == 2
    assert "poor" in verdict.explanation.reason and "demo_request" in verdict.explanation.reason
    assert "fit is poor" in verdict.explanation.next_stage.summary


# --- explanation: reason, next stage, questions ---------------------------------------


def test_hand_raise_reason_names_the_interaction_and_its_words() -> None:
    verdict = verdict_of(lead(act("demo_request", days_ago=3, evidence="wants a live demo"), **GOOD))
    reason = verdict.explanation.reason
    assert "demo_request" in reason and "3 days ago" in reason and '"wants a live demo"' in reason
    assert verdict.explanation.next_stage.stage is None


def test_bant_reason_lists_the_criteria_met() -> None:
    verdict = verdict_of(lead(**GOOD, bant=BANT3))
    assert verdict.bant_met == ["budget", "authority", "need"]
    assert "BANT 3 of 4" in verdict.explanation.reason
    assert "timeline unknown" in verdict.explanation.next_stage.summary


def test_disqualified_names_the_disqualifier_and_evidence() -> None:
    verdict = verdict_of(lead(act("demo_request"), disqualifiers=[("student", "writing a thesis")]))
    assert 'student: "writing a thesis"' in verdict.explanation.reason
    assert 'student: "writing a thesis"' in verdict.explanation.next_stage.summary
    assert verdict.explanation.questions == []


def test_lead_next_stage_says_what_is_missing_for_mql_and_sql() -> None:
    verdict = verdict_of(lead(act("website_visit"), **FIT25, bant={"need": "fewer manual reports"}))
    nxt = verdict.explanation.next_stage
    assert nxt.stage is Stage.mql
    assert "engagement 2 of 40" in nxt.summary
    assert "fit" not in nxt.summary.split("for SQL")[0].replace("for MQL", "")  # fit 25 is enough
    assert "no hand-raise within 90 days; or BANT 1 of 3: budget, authority, timeline unknown" in (
        nxt.summary
    )


def test_lead_next_stage_reports_fit_gap_and_known_unmet_bant() -> None:
    verdict = verdict_of(
        lead(contact={"seniority": "manager"}, bant={"budget": "planned", "timeline_days": 400})
    )
    summary = verdict.explanation.next_stage.summary
    assert "fit 12 of 25" in summary
    assert "BANT 0 of 3: authority, need unknown; budget planned; timeline 400 days" in summary


@pytest.mark.parametrize(
    ("interactions", "stage"),
    [([act("product_usage")], Stage.pql), (MQL_40, Stage.mql)],
    ids=["pql", "mql"],
)
def test_pql_and_mql_point_at_sql(interactions, stage) -> None:
    verdict = verdict_of(lead(*interactions, **GOOD))
    assert verdict.stage is stage
    assert verdict.explanation.next_stage.stage is Stage.sql
    assert verdict.explanation.next_stage.summary.startswith("no hand-raise within 90 days; or BANT 0 of 3")


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param({}, ["need", "budget", "authority", "timeline", "role", "company_size",
                          "industry", "country", "contact"], id="nothing known"),
        pytest.param(GOOD, ["need", "budget", "authority", "timeline"], id="only BANT missing"),
        pytest.param(GOOD | {"bant": BANT3 | {"timeline_days": 30}}, [], id="all known"),
        pytest.param(GOOD | {"bant": {"budget": "planned", "authority": "influencer"}},
                     ["need", "budget_planned", "authority_influencer", "timeline"],
                     id="planned budget and an influencer"),
        pytest.param({"contact": {"job_title": "Founder", "seniority": "executive",
                                  "phone": "+39 333 1234567"}},
                     ["need", "budget", "authority", "timeline", "department", "company_size",
                      "industry", "country"], id="title known, department not"),
    ],
)
def test_questions_target_the_missing_facts(facts, expected) -> None:
    from assistant.scoring.questions import missing_facts
    from assistant.scoring.texts import texts_for

    extraction = lead(**facts)
    assert list(missing_facts(extraction)) == expected
    english = texts_for("en")["questions"]
    assert verdict_of(extraction).explanation.questions == [english[k] for k in expected]


@pytest.mark.parametrize(
    ("lang", "word"),
    [("en", "budget"), ("it", "budget"), ("pl", "budżet")],
)
def test_questions_and_texts_follow_the_language(lang: str, word: str) -> None:
    verdict = verdict_of(lead(act("website_visit")), lang=lang)
    english = verdict_of(lead(act("website_visit")), lang="en")
    assert any(word in q for q in verdict.explanation.questions)
    if lang != "en":
        assert verdict.explanation.questions != english.explanation.questions
        assert verdict.explanation.reason != english.explanation.reason
        assert verdict.explanation.next_stage.summary != english.explanation.next_stage.summary


def test_unknown_language_falls_back_to_english() -> None:
    assert verdict_of(lead(), lang="xx") == verdict_of(lead(), lang="en")
    assert verdict_of(lead(), lang="IT") == verdict_of(lead(), lang="it")


def test_every_language_has_every_text() -> None:
    from assistant.scoring.texts import _all_texts

    texts = _all_texts()
    for lang, sections in texts.items():
        for section, values in texts["en"].items():
            assert set(sections.get(section, {})) == set(values), (lang, section)


def test_verdict_is_a_valid_domain_object() -> None:
    from assistant.domain import Verdict

    verdict = verdict_of(lead(act("demo_request"), act("website_visit", count=9), **GOOD))
    again = Verdict.model_validate(verdict.model_dump(mode="json"))
    assert again == verdict
    assert verdict.scoring_hash == MODEL.hash and verdict.as_of == AS_OF
