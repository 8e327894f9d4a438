"""Discovery questions: one for each fact the extraction is missing, in the rep's language.

Only facts that matter to the verdict are asked: the BANT criteria not met, and the fit
attributes (role, department, company size, industry, country, a business contact) that
are unknown. A disqualified lead gets no discovery questions: nothing we learn moves it.
"""

from __future__ import annotations

from functools import cache

from assistant.domain import Authority, BudgetStatus, Extraction
from assistant.scoring.texts import texts_for


def missing_facts(extraction: Extraction) -> tuple[str, ...]:
    """The question keys for the facts this extraction lacks, in asking order."""
    bant, contact, company = extraction.bant, extraction.contact, extraction.company
    facts: list[str] = []
    if bant.need is None or not bant.need.strip():
        facts.append("need")
    if bant.budget is None:
        facts.append("budget")
    elif bant.budget is BudgetStatus.planned:
        facts.append("budget_planned")
    if bant.authority is None:
        facts.append("authority")
    elif bant.authority is Authority.influencer:
        facts.append("authority_influencer")
    if bant.timeline_days is None:
        facts.append("timeline")
    if contact.seniority is None and not contact.job_title:
        facts.append("role")
    elif contact.department is None:
        facts.append("department")
    if company.employees is None:
        facts.append("company_size")
    if company.industry is None:
        facts.append("industry")
    if company.country is None:
        facts.append("country")
    if not contact.email and not contact.phone:
        facts.append("contact")
    return tuple(facts)


@cache
def _questions(lang: str, facts: tuple[str, ...]) -> tuple[str, ...]:
    table = texts_for(lang)["questions"]
    return tuple(table[fact] for fact in facts)


def discovery_questions(extraction: Extraction, lang: str) -> list[str]:
    if extraction.disqualifiers:
        return []
    return list(_questions(lang, missing_facts(extraction)))
