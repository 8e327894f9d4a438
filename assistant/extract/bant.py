"""BANT (budget, authority, need, timeline), revenue and lead source read from a note.

Budget: the last sentence naming a budget decides (budgets change during a story); a
sentence that only mentions budget talk ("no budget talk yet") says nothing. Authority is
set only when the text says who decides. Need is a labelled pain ("Pain:", "Problema:") or
a pain phrase ("by hand", "a mano", "ręcznie"); the deadline comes from the date reader.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.domain import Authority, Bant, BudgetStatus, LeadSource
from assistant.extract.dates import find_deadline_days
from assistant.extract.labels import Labelled
from assistant.extract.numbers import find_amounts, find_numbers
from assistant.extract.segments import Doc, trim


def _budget(doc: Doc) -> tuple[str | None, float | None, str | None]:
    lex = doc.lex
    if lex.budget_words is None:
        return None, None, None
    status: str | None = None
    amount: float | None = None
    currency: str | None = None
    for ss, se in doc.sentences:
        if not lex.budget_words.search(doc.folded, ss, se):
            continue
        if "unknown" in lex.budget and lex.budget["unknown"].search(doc.folded, ss, se):
            continue
        found = None
        for key in ("none", "planned", "confirmed"):
            pat = lex.budget.get(key)
            if pat is not None and pat.search(doc.folded, ss, se):
                found = key
                break
        # budgets change during a story ("no budget in June ... now approved"): the last
        # statement is the current one
        if found:
            status = found
        if found != "none":
            amounts = find_amounts(doc.text[ss:se], lex.langs[0])
            if amounts:
                amount, currency = amounts[0][0].value, amounts[0][1]
            elif (bare := _bare_amount(doc.text[ss:se], lex.langs[0])) is not None:
                amount = bare  # "Budget 50k, approved": a sum without a currency
    return status, amount, currency


def _bare_amount(sentence: str, lang: str) -> float | None:
    """A sum written without currency: a multiplier ("50k", "2 mln", "30 tys.") or a plain
    number of at least 1,000 that is not a year."""
    for n in find_numbers(sentence, lang):
        has_multiplier = any(ch.isalpha() for ch in n.raw)
        if n.value >= 1000 and (has_multiplier or not 1900 <= n.value <= 2100):
            return n.value
    return None


def _authority(doc: Doc) -> str | None:
    pats = doc.lex.authority
    if "influencer" in pats and pats["influencer"].search(doc.folded):
        return "influencer"
    if "decision_maker" in pats:
        for m in pats["decision_maker"].finditer(doc.folded):
            clause = doc.clause_of(m.start())
            cs, _ = doc.clauses[clause]
            if doc.lex.neg_before is not None and doc.lex.neg_before.search(
                doc.folded, cs, m.start()
            ):
                continue
            return "decision_maker"
    return None


def _need(doc: Doc, labelled: Labelled) -> str | None:
    lex = doc.lex
    if lex.need_labelled is not None:
        for m in re.finditer(
            r"^[ \t]*[-•*]?[ \t]*([^:\n]{2,30}?)[ \t]*:[ \t]*(\S[^\n]*)$", doc.text, re.MULTILINE
        ):
            key_s, key_e = m.start(1), m.end(1)
            if lex.need_labelled.fullmatch(doc.folded, key_s, key_e):
                a, b = trim(doc.text, m.start(2), m.end(2))
                if b > a:
                    return doc.text[a:b][:200]
        for m in re.finditer(r"(?:^|(?<=[.\n]))\s*([A-Za-zÀ-ž ]{2,20}?)\s*:\s*", doc.text):
            if lex.need_labelled.fullmatch(doc.folded, m.start(1), m.end(1)):
                si = doc.sentence_of(m.end())
                a, b = trim(doc.text, m.end(), doc.sentences[si][1])
                if b > a:
                    return doc.text[a:b][:200]
    if lex.need_cues is not None:
        for m in lex.need_cues.finditer(doc.folded):
            if doc.quote_at(m.start()) and not doc.in_voice(m.start()):
                continue  # a quoted title, not the lead's own message
            ci = doc.clause_of(m.start())
            cs, ce = doc.clauses[ci]
            if lex.neg_before is not None and lex.neg_before.search(doc.folded, cs, m.start()):
                continue
            si = doc.sentence_of(m.start())
            a, b = trim(doc.text, *doc.sentences[si])
            if b - a > 200:
                a, b = trim(doc.text, cs, max(ce, m.end()))
            return doc.text[a:b]
    return None


def _lead_source(doc: Doc) -> str | None:
    best: tuple[int, str] | None = None
    for source, pat in doc.lex.sources.items():
        m = pat.search(doc.folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), source)
    return best[1] if best else None


def read_revenue(doc: Doc) -> tuple[float | None, str | None]:
    """Annual revenue and its currency ("fatturato 2,5 mln €", "przychody 12 mln zł")."""
    lex = doc.lex
    if lex.revenue_words is None:
        return None, None
    for m in lex.revenue_words.finditer(doc.folded):
        _, se = doc.sentences[doc.sentence_of(m.start())]
        amounts = find_amounts(doc.text[m.end() : se], lex.langs[0])
        if amounts:
            return amounts[0][0].value, amounts[0][1]
    return None, None


def read_bant(doc: Doc, labelled: Labelled, *, as_of: date) -> tuple[Bant, str | None]:
    """The BANT facts and the currency of the budget amount."""
    budget, amount, currency = _budget(doc)
    authority = _authority(doc)
    timeline = find_deadline_days(doc.text, as_of, doc.lex.langs[0])
    bant = Bant(
        budget=BudgetStatus(budget) if budget else None,
        budget_amount=amount,
        authority=Authority(authority) if authority else None,
        need=_need(doc, labelled),
        timeline_days=timeline[0] if timeline and timeline[0] >= 0 else None,
    )
    return bant, currency


def read_lead_source(doc: Doc) -> LeadSource | None:
    source = _lead_source(doc)
    return LeadSource(source) if source else None
