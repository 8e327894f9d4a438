"""Small builders so each test case reads as one line of facts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from assistant.domain import Bant, Company, Contact, Disqualifier, Extraction, Interaction

AS_OF = date(2025, 6, 30)


def act(kind: str, *, days_ago: int | None = 0, count: int = 1, evidence: str | None = None) -> Interaction:
    """An interaction `days_ago` days before AS_OF (None: undated; negative: in the future)."""
    return Interaction(
        kind=kind,
        count=count,
        occurred_on=None if days_ago is None else AS_OF - timedelta(days=days_ago),
        evidence=evidence or f"{kind.replace('_', ' ')} noted by the rep",
    )


def lead(
    *interactions: Interaction,
    contact: dict[str, Any] | None = None,
    company: dict[str, Any] | None = None,
    bant: dict[str, Any] | None = None,
    disqualifiers: list[tuple[str, str]] | None = None,
) -> Extraction:
    return Extraction(
        contact=Contact(**(contact or {})),
        company=Company(**(company or {})),
        interactions=list(interactions),
        bant=Bant(**(bant or {})),
        disqualifiers=[Disqualifier(kind=k, evidence=e) for k, e in (disqualifiers or [])],
    )


# A profile that fits well: director (20) + marketing (15) + 200 staff (25) + software (15)
# + IT (10) + enriched (5) = 90, grade A.
GOOD_CONTACT = {
    "name": "Wanda Kowal",
    "job_title": "Director of Demand Generation",
    "seniority": "director",
    "department": "marketing",
    "email": "wanda@brightgrid.example",
}
GOOD_COMPANY = {"name": "Brightgrid", "employees": 200, "industry": "software", "country": "IT"}

# Fit exactly 25 (grade C): a director (20) with an enriched record (5), nothing else known
# that scores; department "other" would add 5, so it is left unknown.
FIT_25_CONTACT = {"job_title": "Director", "seniority": "director", "email": "d@firm.example"}
FIT_25_COMPANY = {"name": "Firm"}

# Poor fit: grade D with two known attributes: an intern (0) at a 5-person shop (0).
POOR_CONTACT = {"job_title": "Intern", "seniority": "entry"}
POOR_COMPANY = {"employees": 5}
