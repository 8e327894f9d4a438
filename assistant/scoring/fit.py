"""Fit: how well the person and company match the ideal customer profile (SPEC section 4).

Every known attribute gives a contribution, even one worth 0 points, so a reader sees
what was considered. Evidence is the words the fact stands on where the extraction keeps
them: the job title for seniority and department, the email for a personal domain.
"""

from __future__ import annotations

from assistant.domain import Axis, Contribution, Extraction
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
    title = contact.job_title
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
        result.append(contribution(_FIT, f"seniority: {level}", points, title, None))
        total += points

    if contact.department is not None:
        known += counts_department
        department = contact.department._value_
        target = department in model.department_targets
        points = model.department_points[0 if target else 1]
        rule = f"department: {department} (target)" if target else f"department: {department}"
        result.append(contribution(_FIT, rule, points, title, None))
        total += points

    employees = company.employees
    if employees is not None:
        known += counts_employees
        points, rule = 0.0, "employees: in no band"
        for low, high, band_points, band_rule in model.employee_bands:
            if employees >= low and (high is None or employees <= high):
                points, rule = band_points, band_rule
                break
        result.append(contribution(_FIT, rule, points, f"{employees} employees", None))
        total += points

    if company.industry is not None:
        known += counts_industry
        industry = company.industry._value_
        target = industry in model.industry_targets
        points = model.industry_points[0 if target else 1]
        rule = f"industry: {industry} (target)" if target else f"industry: {industry}"
        result.append(contribution(_FIT, rule, points, company.name, None))
        total += points

    if company.country is not None:
        known += counts_country
        country = company.country.upper()
        target = country in model.country_targets
        points = model.country_points[0 if target else 1]
        rule = f"country: {country} (target)" if target else f"country: {country}"
        result.append(contribution(_FIT, rule, points, company.city, None))
        total += points

    if is_enriched(extraction):
        points = model.enriched_points
        evidence = f"{title}; {company.name}; {contact.email or contact.phone}"
        detail = "job title, company, and an email or phone"
        result.append(contribution(_FIT, "enriched contact", points, evidence, detail))
        total += points

    if personal_email(contact.email, model):
        points = model.personal_points
        result.append(contribution(_FIT, "personal email domain", points, contact.email, None))
        total += points

    return result, round(total, 1), known
