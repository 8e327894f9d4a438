"""The offline reading of one note: tokens and structure, then the person, the company,
BANT, interactions and disqualifiers, gathered into an Extraction whose every fact carries
the note's words (with offsets) it was read from, then grounded like any extractor's.
"""

from __future__ import annotations

from datetime import date

from assistant.domain import Bant, Company, Contact, Evidence, Extraction
from assistant.extract.dates import find_dates
from assistant.extract.engine.company import read_company
from assistant.extract.engine.deals import read_deal
from assistant.extract.engine.doc import Doc, Span, build_doc
from assistant.extract.engine.kinds import find_disqualifiers, find_interactions
from assistant.extract.engine.lexicon import lexicon
from assistant.extract.engine.people import read_person

__all__ = ["read_note"]



def _evidence(doc: Doc, span: Span | None, *, via: str | None = None) -> Evidence | None:
    if span is None:
        return None
    a, b = doc.chars(span)
    return _chars(doc, (a, b), via=via)


def _chars(doc: Doc, chars: tuple[int, int] | None, *, via: str | None = None) -> Evidence | None:
    if chars is None or chars[0] >= chars[1]:
        return None
    a, b = chars
    return Evidence(quote=doc.text[a:b], start=a, end=b, via=via)


def read_note(text: str, *, as_of: date, lang: str | None = None) -> tuple[Extraction, str, list]:
    """(extraction, detected language, the classes found as (class, start, end, value)
    characters) of `text` read against `as_of`."""
    # `lang` (the rep's interface language) is no reason to read a note in another: the
    # note's own words decide
    del lang
    doc = build_doc(text, lexicon(), dates=lambda language: find_dates(text, as_of, language),
                    as_of=as_of)
    language = doc.lang
    person = read_person(doc)
    company = read_company(doc, person)
    deal = read_deal(doc, as_of=as_of)
    evidence: dict[str, Evidence] = {}

    def put(path: str, value: object, ev: Evidence | None) -> object:
        if value is None or ev is None:
            return None
        evidence[path] = ev
        return value

    title_ev = _evidence(doc, person.title_span)
    contact = Contact(
        name=put("contact.name", person.name, _evidence(doc, person.name_span)),
        email=put("contact.email", person.email, _evidence(doc, person.email_span)),
        phone=put("contact.phone", person.phone, _chars(doc, person.phone_chars)),
        job_title=put("contact.job_title", person.title, title_ev),
        seniority=put("contact.seniority", person.seniority,
                      title_ev and Evidence(quote=title_ev.quote, start=title_ev.start, end=title_ev.end,
                                            via="contact.job_title")),
        department=put("contact.department", person.department,
                       (_evidence(doc, person.department_span) if person.department_span else None)
                       or (title_ev and Evidence(quote=title_ev.quote, start=title_ev.start,
                                                 end=title_ev.end, via="contact.job_title"))),
    )
    currency = company.currency or deal.currency
    currency_chars = company.currency_chars if company.currency else deal.amount_chars
    comp = Company(
        name=put("company.name", company.name, _evidence(doc, company.name_span)),
        industry=put("company.industry", company.industry, _evidence(doc, company.industry_span)),
        employees=put("company.employees", company.employees, _chars(doc, company.employees_chars)),
        annual_revenue=put("company.annual_revenue", company.revenue, _chars(doc, company.revenue_chars)),
        currency=put("company.currency", currency, _chars(doc, currency_chars)),
        country=put("company.country", company.country, _evidence(doc, company.country_span)),
        city=put("company.city", company.city, _evidence(doc, company.city_span)),
    )
    bant = Bant(
        budget=put("bant.budget", deal.budget, _evidence(doc, deal.budget_span)),
        budget_amount=put("bant.budget_amount", deal.budget_amount, _chars(doc, deal.amount_chars)),
        authority=put("bant.authority", deal.authority, _evidence(doc, deal.authority_span)),
        need=put("bant.need", deal.need, _evidence(doc, deal.need_span)),
        timeline_days=put("bant.timeline_days", deal.timeline_days, _chars(doc, deal.timeline_chars)),
    )
    extraction = Extraction(
        contact=contact,
        company=comp,
        lead_source=put("lead_source", deal.source, _evidence(doc, deal.source_span)),
        interactions=find_interactions(doc, as_of=as_of),
        bant=bant,
        disqualifiers=find_disqualifiers(doc),
        evidence=evidence,
    )
    tokens = doc.tokens
    found = [(h.cls, tokens[h.start].start, tokens[h.end - 1].end, h.value) for h in doc.hits]
    return extraction, language, found
