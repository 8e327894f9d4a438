"""A job title read on its own: the seniority and department it states (SPEC section 2).

Used when a rep corrects a title, so the facts read from it follow ("actually she is the
CFO" makes her an executive in finance) without a note to read.
"""

from __future__ import annotations

from datetime import date

from assistant.domain import Department, Seniority


def read_title(title: str, lang: str | None = None) -> tuple[Seniority | None, Department | None]:
    """(seniority, department) a job title states; None for what it does not say."""
    from assistant.extract.rules import RulesExtractor

    contact = RulesExtractor().extract(title, as_of=date.today(), lang=lang).extraction.contact
    return contact.seniority, contact.department
