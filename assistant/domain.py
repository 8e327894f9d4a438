"""The domain types every layer shares: what extraction produces and what scoring decides.

These follow ../shared/SPEC.md sections 2, 5 and 6. The extractors fill `Extraction`,
storage keeps it, the scorer turns it into a `Verdict`. Field descriptions are read by
the LLM, so they say what a careful rep would write, and unknown is always `None`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

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


class Ground(StrEnum):
    """How a fact's evidence is checked against the note (assistant/extract/grounding.py)."""

    text = "text"  # the value is written in its evidence (a name, a title, a city)
    email = "email"  # the address is written in its evidence
    phone = "phone"  # the digits of the number are in its evidence
    number = "number"  # a number read from the evidence equals the value
    size = "size"  # a headcount read from the evidence (digits, words or a vague size)
    place = "place"  # a place named in the evidence lies in that country
    title = "title"  # read from the job title: grounded with it, or by words of its own
    words = "words"  # a reading of the words (industry, budget, authority, need, source)
    deadline = "deadline"  # a date or a period is read from the evidence
    currency = "currency"  # a currency sign or code is in the evidence


@dataclass(frozen=True, slots=True)
class Fact:
    """What the fact registry knows of one field of Contact, Company, Bant or Extraction
    (`assistant.facts` collects them): how it is grounded, the lead column that stores it,
    how people call it, how it is shown, and what scores it. A new fact is a field with
    this annotation, its column and a migration."""

    ground: Ground
    column: str
    label: str
    show: str = "text"  # text | enum | number | days | code
    scored: str | None = None  # the scoring rule it feeds: fit.<attribute> or bant.<criterion>
    derived_from: str | None = None  # another fact whose words it may be read from
    max_length: int | None = None


class Evidence(_Model):
    """The words a fact was read from: verbatim from the note (or the rep's own words)."""

    quote: str = Field(description="The words, exactly as written.")
    start: int | None = Field(default=None, description="Offset of the quote in the note.")
    end: int | None = Field(default=None, description="Offset just past the quote in the note.")
    via: str | None = Field(
        default=None, description="The fact it was derived from ('contact.job_title'), if any."
    )


# --- extraction (SPEC section 2) -------------------------------------------------------


class Contact(_Model):
    name: Annotated[str | None, Fact(Ground.text, "name", "name", max_length=200)] = Field(default=None, description="Full name of the lead person, as written.")
    email: Annotated[str | None, Fact(Ground.email, "email", "email", max_length=320)] = Field(default=None, description="Email address of the lead, as written.")
    phone: Annotated[str | None, Fact(Ground.phone, "phone", "phone", max_length=64)] = Field(default=None, description="Phone number of the lead, as written.")
    job_title: Annotated[str | None, Fact(Ground.text, "job_title", "job title", max_length=200)] = Field(
        default=None, description="Job title exactly as the text gives it (e.g. 'Head of Marketing')."
    )
    seniority: Annotated[Seniority | None, Fact(Ground.title, "seniority", "seniority", "enum", "fit.seniority", "contact.job_title")] = Field(
        default=None,
        description=(
            "Seniority from the job title: executive = CEO, CxO, founder, owner, president, "
            "managing director; vp = vice president; director = director, head of; manager = "
            "manager, team lead; individual = specialist, analyst, engineer, consultant; entry = "
            "intern, junior, assistant. Null when no title is given."
        ),
    )
    department: Annotated[Department | None, Fact(Ground.title, "department", "department", "enum", "fit.department", "contact.job_title")] = Field(
        default=None,
        description=(
            "Department from the job's function: CFO -> finance, CTO -> it, CEO/owner -> "
            "executive. Null when the text does not say."
        ),
    )


class Company(_Model):
    name: Annotated[str | None, Fact(Ground.text, "company_name", "company", max_length=200)] = Field(default=None, description="Company name as written.")
    industry: Annotated[Industry | None, Fact(Ground.words, "industry", "industry", "enum", "fit.industry")] = Field(
        default=None,
        description=(
            "Industry id, only when the text describes what the company does; null when only "
            "the company name hints at it."
        ),
    )
    employees: Annotated[int | None, Fact(Ground.size, "employees", "employees", "number", "fit.employees")] = Field(
        default=None, ge=0, description="Number of employees ('1.200 dipendenti' -> 1200)."
    )
    annual_revenue: Annotated[float | None, Fact(Ground.number, "annual_revenue", "revenue", "number")] = Field(
        default=None, ge=0, description="Annual revenue as a plain number ('2,5 mln' -> 2500000)."
    )
    currency: Annotated[str | None, Fact(Ground.currency, "currency", "currency", "code", max_length=3)] = Field(
        default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217 code of the amounts in the text (EUR, PLN, USD, GBP)."
    )
    country: Annotated[str | None, Fact(Ground.place, "country", "country", "code", "fit.country", max_length=2)] = Field(
        default=None, pattern=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 country code; an explicit city sets it (Milano -> IT).",
    )
    city: Annotated[str | None, Fact(Ground.text, "city", "city", max_length=120)] = Field(default=None, description="City of the company, as written.")


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
    budget: Annotated[BudgetStatus | None, Fact(Ground.words, "budget", "budget", "enum", "bant.budget")] = Field(
        default=None,
        description=(
            "confirmed when approved or allocated; planned when being prepared or planned for a "
            "later period; none when there is none; null when not mentioned."
        ),
    )
    budget_amount: Annotated[float | None, Fact(Ground.number, "budget_amount", "budget amount", "number")] = Field(
        default=None, ge=0, description="Budget as a plain number ('50k' -> 50000)."
    )
    authority: Annotated[Authority | None, Fact(Ground.words, "authority", "authority", "enum", "bant.authority")] = Field(
        default=None,
        description=(
            "decision_maker or influencer, only when the text states who decides or needs "
            "approval; a title alone does not set it."
        ),
    )
    need: Annotated[str | None, Fact(Ground.words, "need", "need", "text", "bant.need", max_length=500)] = Field(
        default=None, description="The stated pain or need in a few words; null when none is stated."
    )
    timeline_days: Annotated[int | None, Fact(Ground.deadline, "timeline_due", "timeline", "days", "bant.timeline")] = Field(
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
    lead_source: Annotated[LeadSource | None, Fact(Ground.words, "lead_source", "lead source", "enum")] = Field(
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
    evidence: dict[str, Evidence] = Field(
        default_factory=dict,
        description="For each fact above that is known, keyed by its path ('company.employees'), "
        "the words of the note it was read from.",
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
    dropped: list[DroppedItem] = Field(
        default_factory=list, description="What grounding dropped from this answer, and why."
    )


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
    evidence: str | None = Field(default=None, description="The words the points came from, as written.")
    detail: str | None = Field(default=None, description="How the points were computed (count, age, decay, cap).")
    via: str | None = Field(
        default=None,
        description="The fact the evidence belongs to when the value was derived from it "
        "('contact.job_title' for seniority read from the title).",
    )


class NextStage(_Model):
    stage: Stage | None = Field(description="The next stage up, or None at the top.")
    missing: list[str] = Field(default_factory=list, description="Each missing condition, concretely.")
    summary: str = Field(description="One line: what is missing for the next stage.")


class BantCheck(_Model):
    """One known BANT criterion: its value, whether it is met, and the words it was read from."""

    criterion: str = Field(description="budget, authority, need or timeline.")
    value: str
    met: bool
    evidence: str | None = None


class Explanation(_Model):
    rule: str = Field(description="Id of the stage rule that decided: disqualifier, hand_raise, bant, product_usage, mql, default.")
    reason: str = Field(description="The deciding rule with its numbers, in words.")
    contributions: list[Contribution] = Field(default_factory=list)
    next_stage: NextStage
    questions: list[str] = Field(default_factory=list)
    bant: list[BantCheck] = Field(default_factory=list, description="The BANT criteria known, with their evidence.")


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
    phone: str | None = None
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
    evidence: str | None = Field(default=None, description="The words the new value was read from.")
    author: str | None = Field(default=None, description="Who made the change (a rep's name).")
    origin: str | None = Field(default=None, description="For an import: the file and line ('contacts.csv:12').")


class FactSource(_Model):
    """Where a lead's current fact came from: its words, the note, the source, who and when."""

    evidence: Evidence | None = None
    note_id: int | None = None
    provenance: Provenance | None = None
    author: str | None = None
    at: datetime | None = None
    origin: str | None = Field(default=None, description="For an import: the file and line ('contacts.csv:12').")


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
    sources: dict[str, FactSource] = Field(
        default_factory=dict, description="For each current fact (by path), where it came from."
    )


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


# --- placing notes and merging leads (issue 11) ------------------------------------------


class PendingNote(_Model):
    """A rep's text saved before it is placed on a lead: it belongs to no lead's facts yet."""

    id: int
    text: str
    author: str | None = None
    created_at: datetime
    open_lead_id: int | None = Field(default=None, description="The lead open when it was typed.")
    status: Literal["saved", "failed"] = "saved"
    error: str | None = None


class FactMove(_Model):
    """One fact a merge would copy, or keep: its path, the value kept and the other value."""

    path: str
    value: Any = None
    other: Any = None


class MergePreview(_Model):
    """What merging lead `source` into lead `target` moves, before anything is written."""

    source: LeadSummary
    target: LeadSummary
    notes: int = 0
    interactions: int = Field(default=0, description="Interactions that move.")
    duplicate_interactions: int = Field(default=0, description="Interactions the target already has.")
    chat_messages: int = 0
    copied: list[FactMove] = Field(default_factory=list, description="Facts the target lacks, copied.")
    kept: list[FactMove] = Field(default_factory=list, description="Facts both know differently: the target's stay.")
    disqualifiers: list[Disqualifier] = Field(default_factory=list, description="Disqualifiers the target gains.")


class MergeRecord(_Model):
    """A merge that happened and can be undone while the merged lead is unchanged."""

    id: int
    from_id: int
    into_id: int
    from_label: str
    into_label: str
    created_at: datetime
    undone: bool = False


class LeadState(_Model):
    """One lead as a screen shows it: who, the facts with their words and sources, the
    interactions, the current verdict, and the engagement of each verdict so far."""

    summary: LeadSummary
    facts: Extraction
    interactions: list[StoredInteraction] = Field(default_factory=list)
    verdict: Verdict | None = None
    rep_fields: list[str] = Field(default_factory=list)
    sources: dict[str, FactSource] = Field(default_factory=dict)
    engagement_history: list[float] = Field(default_factory=list)
    language: str | None = Field(default=None, description="The lead's language (its first note's).")
