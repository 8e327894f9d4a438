"""BANT and the lead source, each with the token span it was read from (SPEC section 2).

- Budget: a sentence naming a budget says its status (confirmed, planned, none); budget
  talk with no status ("no budget talk yet") says nothing; budgets change during a story,
  so the last statement wins. A negated confirmation is no budget ("budget isn't approved"),
  or a planned one when it is only not yet so.
- Authority: only when the note says who decides: the lead deciding or signing is
  decision_maker; the lead needing someone's approval, or someone else deciding ("the
  board decides", "non decide lei"), is influencer.
- Need: a stated pain or need of the lead (not of our product).
- Timeline: a purchase, go-live or decision deadline ("live by June", "entro fine anno",
  "do końca kwartału"); a follow-up date of ours ("call back Thursday") is none.
- Lead source: how the lead came to us (found us, cold outreach, a referral, an event, an ad).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.extract.dates import find_deadline_days
from assistant.extract.engine.doc import Doc, Span
from assistant.extract.engine.kinds import agent
from assistant.extract.engine.lexicon import Hit
from assistant.extract.numbers import find_amounts, find_numbers

__all__ = ["Deal", "read_deal"]


@dataclass
class Deal:
    budget: str | None = None
    budget_span: Span | None = None
    budget_amount: float | None = None
    amount_chars: tuple[int, int] | None = None
    currency: str | None = None
    authority: str | None = None
    authority_span: Span | None = None
    need: str | None = None
    need_span: Span | None = None
    timeline_days: int | None = None
    timeline_chars: tuple[int, int] | None = None
    source: str | None = None
    source_span: Span | None = None


def _negated_at(doc: Doc, hit: Hit, clause: Span) -> bool:
    # only a negation starting in the clause before the hit's end, or inside the hit, decides
    for h in doc.starting("neg", min(clause[0], hit.start + 1), hit.end):
        if clause[0] <= h.start and h.end <= hit.start and hit.start - h.end <= 4 \
                and not doc.between("coord", h.end, hit.start):  # "nie mamy i to jest problem"
            return True
        if hit.start < h.start < hit.end:
            return False
    return False


def _names_period(doc: Doc, h: Hit) -> bool:
    """Whether a `budget_period` hit names a period: no number, a year ("na 2026") or a
    quarter, its number glued to a letter ("Q3"); "na 30 osób" names none."""
    tokens = doc.tokens
    numbers = [t for t in tokens[h.start:h.end] if t.kind == "num"]
    if not numbers:
        return True
    number = numbers[-1]
    if len(number.text) == 4 and number.text.isdigit() and 1900 <= int(number.text) <= 2100:
        return True
    before = tokens[number.i - 1] if number.i > h.start else None
    return (before is not None and before.kind == "word" and len(before.text) == 1
            and before.end == number.start and number.text in ("1", "2", "3", "4"))


def _budget(doc: Doc, deal: Deal) -> None:
    sentences = []
    for h in doc.of("budget", local=False):
        sentences.append(doc.sentence_of(h.start))
    for span in doc.labels.get("budget", []):
        sentences.append(doc.sentence_of(span[0]))
    for k in sorted(set(sentences)):
        sentence = doc.sentences[k]
        if doc.voice_at(sentence[0]) == "us" and not doc.has("budget", sentence, local=False):
            continue
        status: str | None = None
        cue: Hit | None = None
        unknown = doc.has("budget_unknown", sentence, local=False)
        none = doc.has("budget_none", sentence, local=False)
        periods = doc.between("budget_period", *sentence, local=False)
        # a status word inside a period's words is the period ("w planie" is no plan still to make)
        planned = next((h for h in doc.between("budget_planned", *sentence, local=False)
                        if not any(p.start <= h.start and h.end <= p.end for p in periods)), None)
        confirmed = doc.has("budget_confirmed", sentence, local=False)
        # the period the money is for: planned, unless a word says the money is approved
        # ("approved for Q3", "zatwierdzony na 2027"); a budget named with its amount ("Budget
        # di 30.000 € per il 2026") is planned for it
        period = next((h for h in periods if _names_period(doc, h)), None)
        budget_words = doc.between("budget", *sentence, local=False)
        approved = [h for h in doc.between("budget_confirmed", *sentence, local=False)
                    if not any(b.start < h.end and h.start < b.end for b in budget_words)]
        if planned is None and period is not None and not approved:
            planned = period
        if none is not None:
            status, cue = "none", none
        elif planned is not None:
            status, cue = "planned", planned
        elif confirmed is not None:
            clause = doc.clauses[doc.clause_of(confirmed.start)]
            if doc.has("cond", (clause[0], confirmed.start)):
                continue  # "no demo until the budget is in place": not in place yet
            if _negated_at(doc, confirmed, clause):
                soft = doc.has("soft_time", sentence)
                status, cue = ("planned" if soft else "none"), confirmed
            else:
                status, cue = "confirmed", confirmed
        budget_word = doc.has("budget", sentence, local=False)
        if status is None:
            if budget_word is not None and not unknown:
                neg = next((h for h in doc.starting("neg", sentence[0], sentence[1])
                            if abs(h.start - budget_word.start) <= 3), None)
                if neg is not None:
                    status, cue = "none", neg  # "non c'è budget", "no budget"
            if status is None:
                continue
        if unknown is not None and (cue is None or abs(unknown.start - cue.start) <= 4
                                    or unknown.start <= cue.start < unknown.end):
            continue  # "no budget talk yet": budget talk, no status
        anchor = budget_word or cue
        lo = min(anchor.start, cue.start) if cue else anchor.start
        hi = max(anchor.end, cue.end) if cue else anchor.end
        a, b = doc.chars(sentence)
        amounts = find_amounts(doc.text[a:b], doc.lang) if status != "none" else []
        if budget_word is None and amounts:
            # under a label ("B: €45k approved by the board"): the amount is what the budget is
            first = doc.token_at_char(a + amounts[0][0].start)
            lo, hi = min(lo, first), max(hi, doc.token_at_char(a + amounts[0][0].end - 1) + 1)
        deal.budget, deal.budget_span = status, (lo, hi)
        if status != "none":
            if amounts:
                span, code = amounts[0]
                deal.budget_amount, deal.currency = span.value, code
                deal.amount_chars = (a + span.start, a + span.end)
            else:
                for n in find_numbers(doc.text[a:b], doc.lang):
                    multiplied = any(ch.isalpha() for ch in n.raw)
                    if n.value >= 1000 and (multiplied or not 1900 <= n.value <= 2100):
                        deal.budget_amount = n.value
                        deal.amount_chars = (a + n.start, a + n.end)
                        break


def _authority(doc: Doc, deal: Deal) -> None:
    third = "third_party"
    # at one place the longer words say it ("final sign off" decides, "sign off from" needs approval)
    for h in sorted(doc.of("needs_approval", local=False) + doc.of("decides", local=False),
                    key=lambda h: (h.start, h.start - h.end)):
        clause = doc.clauses[doc.clause_of(h.start)]
        sentence = doc.sentences[doc.sentence_of(h.start)]
        if doc.voice_at(h.start) == "us" and h.cls == "decides":
            continue
        # who decides may stand a few words back, past a bracket: "his father (owner) decides"
        before = (max(sentence[0], h.start - 8), h.start)
        # the nearest subject decides: "He's the MD and says he decides" is the lead
        others = doc.between(third, *before, local=False)
        someone_else = others[-1] if others else None
        leads = doc.between("lead_pronoun", *before) + doc.between("first_person", *before)
        subject_lead = max(leads, key=lambda x: x.start) if leads else None
        negated = _negated_at(doc, h, clause)
        if h.cls == "needs_approval":
            deal.authority, deal.authority_span = "influencer", (h.start, h.end)
            return
        if negated or (someone_else is not None and (subject_lead is None or someone_else.start > subject_lead.start)):
            lo = min(h.start, someone_else.start) if someone_else is not None else h.start
            deal.authority, deal.authority_span = "influencer", (lo, h.end)
            return
        deal.authority, deal.authority_span = "decision_maker", (h.start, h.end)
        return


def _need(doc: Doc, deal: Deal) -> None:
    for span in doc.labels.get("need", []):
        if span[1] > span[0] and not doc.has("neg", (span[0], min(span[1], span[0] + 2))):
            deal.need, deal.need_span = doc.words(span).strip(" .;:-"), span
            return
    for h in doc.of("need", local=False):
        clause = doc.clauses[doc.clause_of(h.start)]
        if doc.voice_at(h.start) == "us" or doc.in_title(h.start):
            continue
        if agent(doc, h) == "us" and doc.voice_at(h.start) != "lead":
            continue
        # a negation, condition or hedge before it in its clause, past the last "and" ("Nie
        # mamy i to jest problem": the problem is stated)
        coords = doc.between("coord", clause[0], h.start)
        own = (coords[-1].end if coords else clause[0], h.start)
        if _negated_at(doc, h, clause) or any(doc.has(cls, own) for cls in ("neg", "cond", "hedge")):
            continue  # "I don't know if they even have a forecasting problem"
        words = doc.words(clause).strip(" .;:-,")
        if len(words.split()) < 2:
            continue
        deal.need, deal.need_span = words[:200], clause
        return


def _timeline(doc: Doc, deal: Deal, as_of: date) -> None:
    for k, sentence in enumerate(doc.sentences):
        if not (doc.has("deadline", sentence, local=False) or any(
            s[0] >= sentence[0] and s[0] < sentence[1] for s in doc.labels.get("timeline", []))):
            continue
        strong = doc.has("deadline_strong", sentence, local=False)
        if doc.has("follow_up", sentence, local=False) and not strong:
            continue
        if not strong and doc.any_of(("quote", "demo", "sales_contact", "meeting"), sentence):
            continue  # "a quote by Friday": the request's date, not a purchase deadline
        a, b = doc.chars(sentence)
        found = find_deadline_days(doc.text[a:b], as_of, doc.sentence_lang[k])
        first_cue = doc.has("deadline", sentence, local=False)
        if found is not None and first_cue is not None and _negated_at(doc, first_cue, sentence):
            found = None
        if found is not None:
            days, words = found
            start = doc.text.find(words, a, b)
            if start >= 0:
                deal.timeline_days = days
                deal.timeline_chars = (start, start + len(words))
                return
        # a deadline word, then a date a few words on ("in place before term starts on 1 Sept")
        for cue in doc.of("deadline", local=False):
            if not sentence[0] <= cue.start < sentence[1]:
                continue
            if _negated_at(doc, cue, doc.clauses[doc.clause_of(cue.start)]):
                continue  # "nothing before January": no deadline
            for d in doc.dates:
                i = doc.token_at_char(d.start)
                if not cue.end <= i <= cue.end + 8 or not a <= d.start < b:
                    continue
                due = d.value
                written_year = any(len(p) == 4 and p.isdigit() for p in re.split(r"\W+", d.raw))
                if due < as_of and any(ch.isdigit() for ch in d.raw) and not written_year:
                    try:
                        due = due.replace(year=due.year + 1)  # "by 31 Jul" on 12 Aug: next July
                    except ValueError:
                        continue
                if due < as_of:
                    continue
                deal.timeline_days = (due - as_of).days
                deal.timeline_chars = (doc.tokens[cue.start].start, d.end)
                return


def _source(doc: Doc, deal: Deal) -> None:
    for span in doc.labels.get("source", []):
        for h in doc.of("source", local=False):
            if span[0] <= h.start < span[1]:
                deal.source, deal.source_span = str(h.value), (h.start, h.end)
                return
    hits = sorted(doc.of("source", local=False), key=lambda h: h.start)
    for h in hits:
        if doc.in_title(h.start):
            continue
        clause = doc.clauses[doc.clause_of(h.start)]
        if _negated_at(doc, h, clause):
            continue
        deal.source, deal.source_span = str(h.value), (h.start, h.end)
        return


def read_deal(doc: Doc, *, as_of: date) -> Deal:
    deal = Deal()
    _budget(doc, deal)
    _authority(doc, deal)
    _need(doc, deal)
    _timeline(doc, deal, as_of)
    _source(doc, deal)
    return deal
