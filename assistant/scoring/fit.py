"""Fit: how well the person and company match the ideal customer profile (SPEC section 4).

Every known attribute gives a contribution, even one worth 0 points, so a reader sees
what was considered. Its evidence is the note's words the fact stands on
(`Extraction.evidence`), as written: "~120 people" for 120 employees, "based in Hamburg"
for DE; a value derived from another fact names it (`via`: seniority read from the title).
"""

from __future__ import annotations

from assistant.domain import Axis, Contribution, Evidence, Extraction
from assistant.scoring._objects import contribution
from assistant.scoring.model import ScoringModel

_FIT = Axis.fit


def is_enriched(extraction: Extraction) -> bool:
    """SPEC section 1: more than a name and one contact method: job title, company, and an
    email or phone."""
    contact = extraction.contact
    return bool(
        contact.job_title and extraction.company.name and (contact.email or contact.phone)
    )


def personal_email(email: str | None, model: ScoringModel) -> bool:
    if not email or "@" not in email:
        return False
    domain = email.rsplit("@", 1)[1].strip().lower().rstrip(".")
    if domain in model.personal_domains:
        return True
    return domain.split(".", 1)[0] in model.personal_providers


def _quoted(evidence: Evidence | None) -> tuple[str | None, None, str | None]:
    """(evidence, detail, via) of a contribution: the fact's words, and the fact they belong
    to when the value was derived from another one."""
    if evidence is None:
        return None, None, None
    return evidence.quote, None, evidence.via


def _from_title(extraction: Extraction) -> Evidence | None:
    """Seniority and department with no words of their own stand on the job title."""
    title = extraction.contact.job_title
    if not title:
        return None
    ev = extraction.evidence.get("contact.job_title")
    return Evidence.model_construct(quote=ev.quote if ev else title, start=None, end=None,
                                    via="contact.job_title")


def _said(evidence: Evidence | None, value: str | None) -> str:
    return evidence.quote if evidence is not None else str(value)


def known_attributes(extraction: Extraction, model: ScoringModel) -> int:
    """How many of the poor-fit attributes (seniority, department, ...) are known."""
    contact, company = extraction.contact, extraction.company
    values = {
        "seniority": contact.seniority,
        "department": contact.department,
        "employees": company.employees,
        "industry": company.industry,
        "country": company.country,
    }
    return sum(1 for name in model.poor_attributes if values[name] is not None)


def fit_contributions(
    extraction: Extraction, model: ScoringModel
) -> tuple[list[Contribution], float, int]:
    """The fit contributions and their sum (not yet clamped). The model's fit points are
    already rounded to one decimal, so the sum is exactly what a reader adds up. Also
    returns how many of the poor-fit attributes are known (see `known_attributes`)."""
    contact, company = extraction.contact, extraction.company
    words = extraction.evidence
    result: list[Contribution] = []
    total = 0.0
    counts_seniority, counts_department, counts_employees, counts_industry, counts_country = (
        model.poor_counts
    )
    known = 0

    if contact.seniority is not None:
        known += counts_seniority
        level = contact.seniority._value_  # a str: hashing an Enum member runs Python code
        points = model.seniority_points[level]
        ev = words.get("contact.seniority") or _from_title(extraction)
        result.append(contribution(_FIT, f"seniority: {level}", points, *_quoted(ev)))
        total += points

    if contact.department is not None:
        known += counts_department
        department = contact.department._value_
        target = department in model.department_targets
        points = model.department_points[0 if target else 1]
        rule = f"department: {department} (target)" if target else f"department: {department}"
        ev = words.get("contact.department") or _from_title(extraction)
        result.append(contribution(_FIT, rule, points, *_quoted(ev)))
        total += points

    employees = company.employees
    if employees is not None:
        known += counts_employees
        points, rule = 0.0, "employees: in no band"
        for low, high, band_points, band_rule in model.employee_bands:
            if employees >= low and (high is None or employees <= high):
                points, rule = band_points, band_rule
                break
        result.append(contribution(_FIT, rule, points, *_quoted(words.get("company.employees"))))
        total += points

    if company.industry is not None:
        known += counts_industry
        industry = company.industry._value_
        target = industry in model.industry_targets
        points = model.industry_points[0 if target else 1]
        rule = f"industry: {industry} (target)" if target else f"industry: {industry}"
        result.append(contribution(_FIT, rule, points, *_quoted(words.get("company.industry"))))
        total += points

    if company.country is not None:
        known += counts_country
        country = company.country.upper()
        target = country in model.country_targets
        points = model.country_points[0 if target else 1]
        rule = f"country: {country} (target)" if target else f"country: {country}"
        result.append(contribution(_FIT, rule, points, *_quoted(words.get("company.country"))))
        total += points

    if is_enriched(extraction):
        points = model.enriched_points
        reach = "contact.email" if contact.email else "contact.phone"
        # three facts' words, not one quote: they go in the detail, each as written (an
        # evidence string is always words of the note, and these stand apart in it)
        detail = "; ".join(
            _said(words.get(path), value)
            for path, value in (("contact.job_title", contact.job_title),
                                ("company.name", company.name), (reach, contact.email or contact.phone))
        )
        result.append(contribution(_FIT, "enriched contact", points, None, detail))
        total += points

    if personal_email(contact.email, model):
        points = model.personal_points
        ev = _said(words.get("contact.email"), contact.email)
        result.append(contribution(_FIT, "personal email domain", points, ev, None))
        total += points

    return result, round(total, 1), known
