"""The domain types every layer shares: what extraction produces and what scoring decides.

These follow ../shared/SPEC.md sections 2, 5 and 6. The extractors fill `Extraction`,
storage keeps it, the scorer turns it into a `Verdict`. Field descriptions are read by
the LLM, so they say what a careful rep would write, and unknown is always `None`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Seniority(StrEnum):
    executive = "executive"
    vp = "vp"
    director = "director"
    manager = "manager"
    individual = "individual"
    entry = "entry"


class Department(StrEnum):
    marketing = "marketing"
    sales = "sales"
    it = "it"
    finance = "finance"
    operations = "operations"
    hr = "hr"
    procurement = "procurement"
    executive = "executive"
    other = "other"


class Industry(StrEnum):
    software = "software"
    it_services = "it_services"
    ecommerce = "ecommerce"
    retail = "retail"
    manufacturing = "manufacturing"
    financial_services = "financial_services"
    healthcare = "healthcare"
    education = "education"
    marketing_agency = "marketing_agency"
    logistics = "logistics"
    real_estate = "real_estate"
    hospitality = "hospitality"
    public_sector = "public_sector"
    telecommunications = "telecommunications"
    energy = "energy"
    consulting = "consulting"
    other = "other"


class LeadSource(StrEnum):
    inbound = "inbound"
    outbound = "outbound"
    referral = "referral"
    event = "event"
    paid = "paid"


class InteractionKind(StrEnum):
    website_visit = "website_visit"
    pricing_page_visit = "pricing_page_visit"
    content_download = "content_download"
    newsletter_signup = "newsletter_signup"
    form_submission = "form_submission"
    webinar_registration = "webinar_registration"
    webinar_attendance = "webinar_attendance"
    event_attendance = "event_attendance"
    email_open = "email_open"
    email_click = "email_click"
    email_reply = "email_reply"
    social_engagement = "social_engagement"
    ad_click = "ad_click"
    cart_add = "cart_add"
    wishlist_add = "wishlist_add"
    free_trial_signup = "free_trial_signup"
    product_usage = "product_usage"
    demo_request = "demo_request"
    quote_request = "quote_request"
    contact_sales = "contact_sales"
    meeting_booked = "meeting_booked"
    upgrade_request = "upgrade_request"
    unsubscribe = "unsubscribe"
    email_bounce = "email_bounce"


class BudgetStatus(StrEnum):
    confirmed = "confirmed"
    planned = "planned"
    none = "none"


class Authority(StrEnum):
    decision_maker = "decision_maker"
    influencer = "influencer"


class DisqualifierKind(StrEnum):
    competitor = "competitor"
    student = "student"
    job_seeker = "job_seeker"
    not_interested = "not_interested"


class Stage(StrEnum):
    """Stages in ascending order of readiness to buy (`disqualified` lowest)."""

    disqualified = "disqualified"
    lead = "lead"
    mql = "mql"
    pql = "pql"
    sql = "sql"

    @property
    def rank(self) -> int:
        return list(Stage).index(self)


class Axis(StrEnum):
    fit = "fit"
    engagement = "engagement"


class Provenance(StrEnum):
    """Where a fact came from: an extractor, the rep's own correction, or an import."""

    llm = "llm"
    rules = "rules"
    rep = "rep"
    imported = "import"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


# --- extraction (SPEC section 2) -------------------------------------------------------


class Contact(_Model):
    name: str | None = Field(default=None, description="Full name of the lead person, as written.")
    email: str | None = Field(default=None, description="Email address of the lead, as written.")
    phone: str | None = Field(default=None, description="Phone number of the lead, as written.")
    job_title: str | None = Field(
        default=None, description="Job title exactly as the text gives it (e.g. 'Head of Marketing')."
    )
    seniority: Seniority | None = Field(
        default=None,
        description=(
            "Seniority from the job title: executive = CEO, CxO, founder, owner, president, "
            "managing director; vp = vice president; director = director, head of; manager = "
            "manager, team lead; individual = specialist, analyst, engineer, consultant; entry = "
            "intern, junior, assistant. Null when no title is given."
        ),
    )
    department: Department | None = Field(
        default=None,
        description=(
            "Department from the job's function: CFO -> finance, CTO -> it, CEO/owner -> "
            "executive. Null when the text does not say."
        ),
    )


class Company(_Model):
    name: str | None = Field(default=None, description="Company name as written.")
    industry: Industry | None = Field(
        default=None,
        description=(
            "Industry id, only when the text describes what the company does; null when only "
            "the company name hints at it."
        ),
    )
    employees: int | None = Field(
        default=None, ge=0, description="Number of employees ('1.200 dipendenti' -> 1200)."
    )
    annual_revenue: float | None = Field(
        default=None, ge=0, description="Annual revenue as a plain number ('2,5 mln' -> 2500000)."
    )
    currency: str | None = Field(
        default=None, description="ISO 4217 code of the amounts in the text (EUR, PLN, USD, GBP)."
    )
    country: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 country code; an explicit city sets it (Milano -> IT).",
    )
    city: str | None = Field(default=None, description="City of the company, as written.")


class Interaction(_Model):
    kind: InteractionKind = Field(description="What the lead did: one interaction kind id.")
    count: int = Field(
        default=1, ge=1, description="How many times ('visited 5 times' -> 5; 'two whitepapers' -> 2)."
    )
    occurred_on: date | None = Field(
        default=None,
        description=(
            "ISO date resolved against the reference date ('yesterday' = one day before); "
            "null when the text gives no time."
        ),
    )
    detail: str | None = Field(
        default=None, description="Short text: the asset, page, event or product ('pricing ebook')."
    )
    evidence: str = Field(
        description="The exact words of the input that show this interaction, copied verbatim."
    )


class Bant(_Model):
    budget: BudgetStatus | None = Field(
        default=None,
        description=(
            "confirmed when approved or allocated; planned when being prepared or planned for a "
            "later period; none when there is none; null when not mentioned."
        ),
    )
    budget_amount: float | None = Field(
        default=None, ge=0, description="Budget as a plain number ('50k' -> 50000)."
    )
    authority: Authority | None = Field(
        default=None,
        description=(
            "decision_maker or influencer, only when the text states who decides or needs "
            "approval; a title alone does not set it."
        ),
    )
    need: str | None = Field(
        default=None, description="The stated pain or need in a few words; null when none is stated."
    )
    timeline_days: int | None = Field(
        default=None,
        description="Days from the reference date to the stated purchase deadline; null when none.",
    )


class Disqualifier(_Model):
    kind: DisqualifierKind = Field(
        description="competitor, student, job_seeker or not_interested (said no)."
    )
    evidence: str = Field(description="The exact words of the input that show it, copied verbatim.")


class Extraction(_Model):
    """Every fact one piece of rep text states. Unknown is null, never a guess."""

    contact: Contact = Field(default_factory=Contact, description="The lead person.")
    company: Company = Field(default_factory=Company, description="The lead's company.")
    lead_source: LeadSource | None = Field(
        default=None,
        description="inbound (found us), outbound (we found them), referral, event or paid.",
    )
    interactions: list[Interaction] = Field(
        default_factory=list, description="Every interaction the text states, with its evidence."
    )
    bant: Bant = Field(default_factory=Bant, description="Budget, authority, need, timeline.")
    disqualifiers: list[Disqualifier] = Field(
        default_factory=list,
        description="Reasons the lead cannot buy now, each with its evidence.",
    )


class DroppedItem(_Model):
    """An extracted item that was not scored, and why (e.g. evidence not in the text)."""

    item: str = Field(description="'interaction', 'disqualifier' or a field path like 'company.employees'.")
    reason: str
    data: dict = Field(default_factory=dict)


class LLMCallRecord(_Model):
    """One call to an LLM, kept so a marketer can later see exactly what the model said."""

    provider: str
    model: str
    method: str = Field(description="Structured-output method: json_schema, function_calling, json_mode.")
    prompt_version: str
    schema_hash: str
    latency_ms: int
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    raw_answer: str | None = None
    error: str | None = None


class ExtractionResult(_Model):
    """What an extractor returns: the extraction plus how it was made."""

    extraction: Extraction
    language: str = Field(description="Detected language of the text: en, it or pl.")
    extractor: str = Field(description="'rules' or 'llm'.")
    dropped: list[DroppedItem] = Field(default_factory=list)
    model: str | None = None
    prompt_version: str | None = None
    warnings: list[str] = Field(default_factory=list)
    llm_calls: list[LLMCallRecord] = Field(
        default_factory=list, description="Every LLM call made for this result (none for rules)."
    )


# --- verdict and explanation (SPEC sections 5 and 6) -------------------------------------


class Contribution(_Model):
    axis: Axis
    rule: str = Field(description="The rule that gave the points, e.g. 'seniority: director' or 'demo_request'.")
    points: float = Field(description="Signed points after decay and caps.")
    evidence: str | None = Field(default=None, description="The words the points came from.")
    detail: str | None = Field(default=None, description="How the points were computed (count, age, decay, cap).")


class NextStage(_Model):
    stage: Stage | None = Field(description="The next stage up, or None at the top.")
    missing: list[str] = Field(default_factory=list, description="Each missing condition, concretely.")
    summary: str = Field(description="One line: what is missing for the next stage.")


class Explanation(_Model):
    rule: str = Field(description="Id of the stage rule that decided: disqualifier, hand_raise, bant, product_usage, mql, default.")
    reason: str = Field(description="The deciding rule with its numbers, in words.")
    contributions: list[Contribution] = Field(default_factory=list)
    next_stage: NextStage
    questions: list[str] = Field(default_factory=list)


class FitScore(_Model):
    score: float
    grade: str
    poor: bool
    known_attributes: int = Field(description="How many of seniority, department, employees, industry, country are known.")


class EngagementScore(_Model):
    score: float


class Verdict(_Model):
    stage: Stage
    fit: FitScore
    engagement: EngagementScore
    bant_met: list[str] = Field(default_factory=list, description="BANT criteria met: budget, authority, need, timeline.")
    explanation: Explanation
    as_of: date
    scoring_hash: str = Field(description="Hash of the scoring file that produced this verdict.")


# --- stored records (storage returns these; the pipeline, CLI and TUI show them) ---------
# Imported here, not at the top, so this section stays an append-only edit of a shared file.
from datetime import datetime  # noqa: E402
from typing import Any, Literal  # noqa: E402

InteractionStatus = Literal["confirmed", "rejected"]
ChatRole = Literal["rep", "assistant", "system"]


class LeadSummary(_Model):
    """One row of the lead list: who, and where they stand now."""

    id: int
    name: str | None = None
    company: str | None = None
    email: str | None = None
    stage: Stage | None = Field(default=None, description="None until the first verdict.")
    fit: float | None = None
    grade: str | None = None
    engagement: float | None = None
    last_activity: datetime | None = Field(default=None, description="When the last note was saved.")
    updated_at: datetime

    @property
    def label(self) -> str:
        """How to name the lead in a sentence: 'Name (Company)', or '#id'."""
        who = self.name or self.email or f"lead #{self.id}"
        return f"{who} ({self.company})" if self.company else who


class StoredInteraction(Interaction):
    """An interaction as recorded for a lead: where it came from and whether a rep checked it."""

    id: int
    note_id: int | None = None
    provenance: Provenance
    status: InteractionStatus | None = Field(
        default=None, description="confirmed or rejected by a rep; rejected ones are not scored."
    )

    def as_interaction(self) -> Interaction:
        return Interaction.model_validate(self.model_dump(include=set(Interaction.model_fields)))


class NoteRecord(_Model):
    id: int
    lead_id: int
    text: str
    language: str | None = None
    author: str | None = None
    created_at: datetime
    as_of: date | None = Field(default=None, description="The reference date it was read against.")
    status: Literal["saved", "qualified", "failed"] = "saved"
    extractor: str | None = None
    error: str | None = Field(default=None, description="Why extraction failed, when it did.")


class FactChange(_Model):
    """One line of the audit trail: a fact's old and new value, from which note, by whom."""

    id: int
    field: str = Field(description="'company.employees', 'disqualifiers', 'interactions[12].status' ...")
    old: Any = None
    new: Any = None
    note_id: int | None = None
    provenance: Provenance
    at: datetime


class VerdictRecord(_Model):
    """A saved verdict: the stage with its figures and explanation, when and why it was made."""

    id: int
    lead_id: int
    stage: Stage
    previous_stage: Stage | None = Field(default=None, description="The stage of the verdict before this one.")
    fit: float
    grade: str
    fit_poor: bool = False
    known_attributes: int = 0
    engagement: float
    bant_met: list[str] = Field(default_factory=list)
    reason: str
    as_of: date
    scoring_hash: str
    created_at: datetime
    cause: str = Field(description="note, correction, rejection, rescore or merge.")
    note_id: int | None = None
    explanation: Explanation

    @property
    def stage_changed(self) -> bool:
        return self.previous_stage != self.stage

    def to_verdict(self) -> Verdict:
        return Verdict(
            stage=self.stage,
            fit=FitScore(
                score=self.fit, grade=self.grade, poor=self.fit_poor, known_attributes=self.known_attributes
            ),
            engagement=EngagementScore(score=self.engagement),
            bant_met=list(self.bant_met),
            explanation=self.explanation,
            as_of=self.as_of,
            scoring_hash=self.scoring_hash,
        )


class LeadDetail(_Model):
    """Everything known about one lead."""

    summary: LeadSummary
    facts: Extraction = Field(description="Current facts; timeline_days counted from the verdict's date.")
    interactions: list[StoredInteraction] = Field(default_factory=list)
    verdict: Verdict | None = None
    notes: list[NoteRecord] = Field(default_factory=list)
    rep_fields: list[str] = Field(default_factory=list, description="Fields a rep set; extraction will not change them.")


class ChatMessage(_Model):
    id: int | None = None
    lead_id: int | None = None
    role: ChatRole
    text: str
    payload: dict[str, Any] | None = None
    at: datetime


class StageChange(_Model):
    """A lead whose stage a re-score changes (or would change, in a dry run)."""

    lead_id: int
    name: str | None = None
    company: str | None = None
    old_stage: Stage | None = None
    new_stage: Stage
