"""Interactions and disqualifiers found in a segmented note, with count, date and evidence.

For every kind, the cue patterns of the vocabulary are matched on the folded note. A cue
is dropped when a negation stands before it in its clause ("did not ask for a demo", "nie
prosił o wycenę") or right after it ("Demo per ora no"), when an intent word precedes it
("will attend"), when an exclusion overlaps it ("we offered a demo"), or when it sits in a
quoted title ("Carrelli abbandonati"), which only hand-raise labels may ('Request a quote').
The reading rules of SPEC section 2 then drop what another kind already says (a quote form
is not also a form submission), and what is left gets a count, a date and its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.domain import Disqualifier, DisqualifierKind, Interaction, InteractionKind
from assistant.extract.dates import DateSpan
from assistant.extract.lexicon import KindRules
from assistant.extract.numbers import find_counts, find_numbers
from assistant.extract.segments import Doc, trim

_EVIDENCE_MAX = 160
_NUMBER_GAP = re.compile(r"[\w'’\-/.]+")


@dataclass
class Hit:
    kind: str
    start: int
    end: int
    sentence: int
    clause: int
    fixed: bool = False


def _negated(doc: Doc, hit_start: int, hit_end: int, clause: int, *, fixed: bool) -> bool:
    if fixed:
        return False
    lex = doc.lex
    cs, ce = doc.clauses[clause]
    before = doc.folded[cs:hit_end]
    if lex.neg_before is not None and lex.neg_before.search(before):
        return True
    if lex.neg_before_exact is not None and lex.neg_before_exact.search(
        doc.text[cs:hit_end].lower()
    ):
        return True
    # the words after the cue up to the end of its clause ("Demo per ora no", "O demo nie
    # prosił"), or of the next one when the cue is a label ("Demo: not yet", "Preventivo:
    # ancora da richiedere")
    if lex.neg_after is None:
        return False
    if doc.text[hit_end:ce].strip() in (":", "-", "–", "?") and clause + 1 < len(doc.clauses):
        ce = doc.clauses[clause + 1][1]  # "Demo: not yet", "Demo? Not yet."
        if doc.text[hit_end:].lstrip().startswith("?"):
            q = doc.text.index("?", hit_end)
            return lex.neg_after.match(doc.folded, q + 1, ce) is not None
    return lex.neg_after.match(doc.folded, hit_end, ce) is not None


def _intended(doc: Doc, hit_start: int, clause: int, *, wishes: bool) -> bool:
    """An intent word ("will attend", "might book") before the cue in its clause; with
    `wishes`, also a wish or condition ("wants to download", "if she registers")."""
    lex = doc.lex
    cs, _ = doc.clauses[clause]
    for pat in (lex.intent, lex.wish if wishes else None):
        if pat is None:
            continue
        for m in pat.finditer(doc.folded, cs, hit_start):
            # "Will Smith downloaded ...": a capitalised intent word before a capitalised word is a name
            nxt = doc.text[m.end() :].lstrip()[:1]
            if doc.text[m.start()].isupper() and nxt.isupper():
                continue
            return True
    return False


def _overlaps_exclusion(doc: Doc, rules: KindRules, start: int, end: int, sentence: int) -> bool:
    if rules.exclude is None:
        return False
    ss, se = doc.sentences[sentence]
    return any(
        m.start() < end and start < m.end() for m in rules.exclude.finditer(doc.folded, ss, se)
    )


def find_hits(doc: Doc, kinds: list[KindRules], *, for_disqualifiers: bool = False) -> list[Hit]:
    """Every cue of `kinds` that survives negation, intent, exclusions and quoting."""
    lex = doc.lex
    hits: list[Hit] = []
    folded = doc.folded
    for rules in kinds:
        if rules.context is not None and not rules.context.search(folded):
            continue
        found: list[tuple[int, int, bool]] = []
        if rules.cues is not None:
            found += [
                (m.start(), m.end(), False)
                for m in rules.cues.finditer(folded)
                if m.end() > m.start()
            ]
        if rules.fixed is not None:
            found += [
                (m.start(), m.end(), True)
                for m in rules.fixed.finditer(folded)
                if m.end() > m.start()
            ]
        if rules.voiced is not None and doc.voice:
            found += [
                (m.start(), m.end(), False)
                for m in rules.voiced.finditer(folded)
                if m.end() > m.start() and doc.in_voice(m.start())
            ]
        found.sort()
        last_end = -1
        for start, end, fixed in found:
            if start < last_end:
                continue  # overlapping matches of one kind are one mention
            sentence = doc.sentence_of(start)
            clause = doc.clause_of(start)
            ss, se = doc.sentences[sentence]
            # the gate may be met in the sentence before ("...the webinar. Registered Monday.")
            gate_start = doc.sentences[sentence - 1][0] if sentence > 0 else ss
            if rules.requires is not None and not rules.requires.search(folded, gate_start, se):
                continue
            voiced = (
                rules.voiced is not None
                and doc.in_voice(start)
                and rules.voiced.match(folded, start) is not None
            )
            if not voiced and _overlaps_exclusion(doc, rules, start, end, sentence):
                continue
            quote = None if for_disqualifiers or voiced else doc.quote_at(start)
            if (
                quote
                and not _page_name(doc, rules.kind, quote[0])
                and (rules.kind not in lex.hand_raises or _names_a_title(doc, *quote))
            ):
                continue
            if _negated(doc, start, end, clause, fixed=fixed):
                continue
            if not for_disqualifiers and _intended(
                doc, start, clause, wishes=rules.kind not in lex.intent_exempt
            ):
                continue
            hits.append(Hit(rules.kind, start, end, sentence, clause, fixed))
            last_end = end
    hits.sort(key=lambda h: (h.start, h.kind))
    return hits


def _page_name(doc: Doc, kind: str, qs: int) -> bool:
    """A quoted page name ("the page 'Plans and pricing'"): its words say which page."""
    pages = doc.lex.page_words
    if kind != "pricing_page_visit" or pages is None:
        return False
    before = doc.folded[max(0, qs - 20) : qs].rstrip()
    return any(m.end() == len(before) for m in pages.finditer(before))


def _in_single_quotes(doc: Doc, pos: int) -> bool:
    q = doc.quote_at(pos)
    return q is not None and doc.text[q[0]] in "'‘"


def _names_a_title(doc: Doc, qs: int, qe: int) -> bool:
    """A quoted title of a webinar, event or asset ("the 'Live Demo: ...' webinar", "webinar
    'Demo dal vivo'"): a hand-raise word inside it is no hand-raise."""
    nouns = doc.lex.title_nouns
    if nouns is None:
        return False
    before = doc.folded[max(0, qs - 30) : qs]
    after = doc.folded[qe : qe + 25]
    return bool(nouns.search(after.split(".")[0]) or nouns.search(before.split(".")[-1]))


def _suppress(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """SPEC reading rules: drop a kind when another one in the same place already says it."""
    drop: set[int] = set()
    for rule in doc.lex.suppress:
        when = set(rule["when"])
        scope = rule.get("scope", "subclause")
        for i, h in enumerate(hits):
            if h.kind != rule["drop"]:
                continue
            for o in hits:
                if o.kind not in when or o is h:
                    continue
                if (
                    (scope == "subclause" and o.clause == h.clause)
                    or (scope == "sentence" and abs(o.sentence - h.sentence) <= 1)
                    or (scope == "near" and o.sentence == h.sentence and _gap(doc, h, o) <= 4)
                ):
                    drop.add(i)
                    break
    return [h for i, h in enumerate(hits) if i not in drop]


def _gap(doc: Doc, a: Hit, b: Hit) -> int:
    """Characters between two cues, not counting quote marks and spaces."""
    lo, hi = (a, b) if a.start <= b.start else (b, a)
    between = doc.text[lo.end : hi.start]
    return len(between.strip(" \t\"'“”„«»‘’")) if hi.start >= lo.end else 0


def _evidence(doc: Doc, hit: Hit) -> str:
    cs, ce = doc.clauses[hit.clause]
    if hit.end > ce:  # a cue running over a clause break ("Email opened, ...")
        ce = min(doc.sentences[hit.sentence][1], hit.end)
    a, b = trim(doc.text, cs, ce)
    conj = doc.lex.conjunctions
    if conj is not None and (m := conj.match(doc.text, a)) and m.end() < hit.start:
        a, b = trim(doc.text, m.end(), b)  # "and asked for a demo" -> "asked for a demo"
    if not (a <= hit.start and hit.end <= b) or b - a > _EVIDENCE_MAX:
        a = max(cs, hit.start - 50)
        b = min(max(ce, hit.end), hit.end + 60)
        while a > cs and not doc.text[a - 1].isspace():
            a -= 1
        while b < ce and not doc.text[b].isspace():
            b += 1
        a, b = trim(doc.text, a, b)
        if not (a <= hit.start and hit.end <= b):
            a, b = hit.start, hit.end
    return doc.text[a:b]


def _count_window(doc: Doc, hit: Hit, hit_clauses: set[int]) -> tuple[int, int]:
    cs, ce = doc.clauses[hit.clause]
    nxt = hit.clause + 1
    if (
        nxt < len(doc.clauses)
        and doc.clause_sentence[nxt] == hit.sentence
        and nxt not in hit_clauses
        and doc.clauses[nxt][1] - doc.clauses[nxt][0] <= 30
    ):
        ce = doc.clauses[nxt][1]
    return cs, max(ce, hit.end)


_OBJECT_HEAD = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}?")


def _coordinated(doc: Doc, hit: Hit, hit_clauses: set[int], lang: str) -> int:
    """More objects of a download joined to its clause ("pobrała cennik i dwa e-booki",
    "downloaded the guide and a checklist"): how many they add (0 when none)."""
    lex = doc.lex
    if hit.kind != "content_download" or lex.assets is None or lex.conjunctions is None:
        return 0
    extra = 0
    nxt = hit.clause + 1
    while (
        nxt < len(doc.clauses)
        and doc.clause_sentence[nxt] == hit.sentence
        and nxt not in hit_clauses
    ):
        cs, ce = doc.clauses[nxt]
        conj = lex.conjunctions.match(
            doc.text, cs + len(doc.text[cs:ce]) - len(doc.text[cs:ce].lstrip())
        )
        if conj is None:
            break
        head = _OBJECT_HEAD.match(doc.folded, conj.end(), ce)
        asset = lex.assets.match(doc.folded, head.end(), ce) if head else None
        if asset is None:
            # the object may be a few words on ("and the new pricing guide")
            asset = lex.assets.search(doc.folded, conj.end(), min(ce, conj.end() + 40))
            if asset is None:
                break
        numbers = [
            n
            for n in find_numbers(doc.text[conj.end() : asset.start()], lang)
            if n.value == int(n.value) and 1 <= n.value <= 50
        ]
        extra += int(numbers[0].value) if numbers else 1
        nxt += 1
    return extra


def _count(doc: Doc, hit: Hit, hit_clauses: set[int], dates: list[DateSpan], lang: str) -> int:
    if more := _coordinated(doc, hit, hit_clauses, lang):
        own = doc.clauses[hit.clause]
        return _count_in(doc, hit, (own[0], max(own[1], hit.end)), dates, lang) + more
    return _count_in(doc, hit, _count_window(doc, hit, hit_clauses), dates, lang)


def _count_in(
    doc: Doc, hit: Hit, window_span: tuple[int, int], dates: list[DateSpan], lang: str
) -> int:
    ws, we = window_span
    window = doc.text[ws:we]
    in_dates = [(d.start, d.end) for d in dates]

    def clear(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in in_dates) and doc.quote_at(s) is None

    best: tuple[int, int] | None = None
    for c in find_counts(window, lang):
        s, e = ws + c.start, ws + c.end
        if clear(s, e) and c.value >= 1:
            dist = abs(s - hit.end) if s >= hit.end else abs(hit.start - e)
            if best is None or dist < best[0]:
                best = (dist, int(c.value))
    if best is not None:
        return best[1]
    lex = doc.lex
    for n in find_numbers(window, lang):
        s, e = ws + n.start, ws + n.end
        if not clear(s, e) or n.value != int(n.value) or not 1 <= n.value <= 500:
            continue
        if 1900 <= n.value <= 2100 or (
            not any(ch.isdigit() for ch in n.raw) and n.raw.lower() in {"a", "an", "un", "una"}
        ):
            continue
        before = doc.text[s - 1] if s > 0 else " "
        after = doc.text[e] if e < len(doc.text) else " "
        if (
            before in "-#/:.,€$£+"
            or after in "-%/:°"
            or (after == "." and e + 1 < len(doc.text) and doc.text[e + 1].isdigit())
        ):
            continue
        rest = doc.folded[e:we].lstrip()
        if lex.not_counts is not None and lex.not_counts.match(rest):
            continue
        # the number must stand next to the cue: inside it or within three words of it
        if s >= hit.end:
            gap = doc.text[hit.end : s]
        elif e <= hit.start:
            gap = doc.text[e : hit.start]
        else:
            gap = ""
        if len(_NUMBER_GAP.findall(gap)) > 3:
            continue
        return int(n.value)
    return 1


def _date(
    doc: Doc,
    hit: Hit,
    past: list[DateSpan],
    future: list[DateSpan],
    first_hit_in_sentence: dict[int, int],
    hit_clauses: set[int],
    header: date | None = None,
) -> date | None:
    lex = doc.lex
    cs, ce = doc.clauses[hit.clause]
    own = [
        d
        for d in past
        if (cs <= d.start < ce or d.start < cs < d.end)
        and not (d.end <= hit.start and _barrier(doc, d.end, hit.start, hit.kind))
    ]
    if own:
        return min(own, key=lambda d: abs(d.start - hit.start)).value
    # "downloaded the guide same day", "... + the template right after the session": the day
    # named last before it, said in its clause or a later one of its sentence naming no action
    if lex.same_day is not None:
        m = lex.same_day.search(doc.folded, cs, max(ce, hit.end))
        nxt = hit.clause + 1
        while (
            m is None
            and nxt < len(doc.clauses)
            and doc.clause_sentence[nxt] == hit.sentence
            and nxt not in hit_clauses
        ):
            m = lex.same_day.search(doc.folded, *doc.clauses[nxt])
            nxt += 1
        before = [d for d in past if m is not None and d.end <= m.start()]
        if before:
            return before[-1].value
    # "registered for the webinar of 15 July": the clause names a coming event, not the day
    # of the action (a meeting booked "for Thursday" still carries the day it was booked)
    if hit.kind not in lex.hand_raises and any(cs <= d.start < ce for d in future):
        return None
    # a date opening the sentence covers all of it ("Wczoraj wszedł..., dodał..., zapisał...",
    # "2025-09-02,Webinar registration") up to a sequence word ("..., potem: wypełnił...");
    # one in the middle belongs to its own clause
    ss, se = doc.sentences[hit.sentence]
    first = first_hit_in_sentence.get(hit.sentence, hit.start)
    opening = ss + len(doc.text[ss:]) - len(doc.text[ss:].lstrip(" \t-•*>"))
    lead = [d for d in past if opening <= d.start <= opening + 3 and d.end <= first]
    if lead:
        if lex.sequence is None or not lex.sequence.search(doc.folded, lead[-1].end, hit.start):
            return lead[-1].value
        return None
    # a log line or table row opening with a date: "| 2025-09-01 | Webinar | Registered |"
    line = doc.text.rfind("\n", 0, hit.start) + 1
    row = (
        line + len(doc.text[line : hit.start]) - len(doc.text[line : hit.start].lstrip(" \t|-•*>"))
    )
    lead = [d for d in past if row <= d.start <= row + 1 and d.end <= hit.start]
    if not lead and doc.text[row : row + 1] == "[":
        # a chat or log line under a bracketed stamp: "[Intercom chat, today 09:14] Visitor: ..."
        close = doc.text.find("]", row, hit.start)
        lead = [d for d in past if row < d.start and close >= 0 and d.end <= close]
    if lead:
        return lead[0].value
    # a date in a clause of the sentence that names no other action: "Web form 'Book a demo'
    # - submitted today", "asked for a quote back in June (12/06/2026)", "Targi X, 26.03:"
    free = [
        d
        for d in past
        if ss <= d.start < se
        and doc.clause_of(d.start) not in hit_clauses
        and not (d.end <= hit.start and _barrier(doc, d.end, hit.start, hit.kind))
    ]
    if free:
        # a date that labels what follows it ("10.03 - pricing page (3x), 13.03 - ...")
        labels = [
            d
            for d in free
            if d.end <= hit.start
            and doc.text[d.end : d.end + 3].strip()[:1] in ("-", "–", ":", "|")
        ]
        if labels:
            return labels[-1].value
        return min(free, key=lambda d: abs(d.start - hit.start)).value
    if hit.kind in lex.hand_raises and se - ss <= 40 and hit.sentence + 1 < len(doc.sentences):
        # a short header ("Calendly: new booking!") dated by the line that follows it
        ns, ne = doc.sentences[hit.sentence + 1]
        later = [
            d for d in past if ns <= d.start < ne and doc.clause_of(d.start) not in hit_clauses
        ]
        if later:
            return later[0].value
    if hit.kind in lex.hand_raises and hit.sentence > 0:
        # "Ieri mi ha scritto su WhatsApp X. Vuole parlare con un commerciale": the message
        # carries the day of the ask, unless that day belongs to another action
        ps, _ = doc.sentences[hit.sentence - 1]
        earlier = [
            d for d in past if ps <= d.start < ss and doc.clause_of(d.start) not in hit_clauses
        ]
        if earlier:
            return earlier[-1].value
    # "Call notes 12/03: ... asked us to send a proposal": the note's own date dates its asks
    if hit.kind in lex.hand_raises:
        m = _NOTE_STAMP.match(doc.text)
        if m:
            stamp = [d for d in past if d.end <= m.end()]
            if stamp:
                return stamp[0].value
    # a subject line "Re:", or a reply or ask in the body of a mail: the mail's header date
    if header is not None and (
        hit.fixed
        or (doc.in_voice(hit.start) and (hit.kind == "email_reply" or hit.kind in lex.hand_raises))
    ):
        return header
    return None


_NOTE_STAMP = re.compile(r"[ \t\[]*[^\n:\]]{0,40}?\d[^\n:\]]{0,12}[\]:]")


def _header_date(doc: Doc, kinds: list[KindRules], past: list[DateSpan]) -> date | None:
    """The day of a pasted mail: its "Sent:"/"Inviato:"/"Data:" line ("Email ricevuta
    stamattina")."""
    for rules in kinds:
        if rules.date_from is None:
            continue
        for m in rules.date_from.finditer(doc.folded):
            inside = [d for d in past if m.start() <= d.start < m.end()]
            if inside:
                return inside[0].value
    return None


def _barrier(doc: Doc, start: int, end: int, kind: str) -> bool:
    """A word between a date and a later cue that stops the date reaching it: a sequence
    word ("then", "potem") or, for ordinary actions, reported speech ("wrote today that
    their trial ends": the day is the message's; a hand-raise is the message itself)."""
    lex = doc.lex
    if lex.sequence is not None and lex.sequence.search(doc.folded, start, end):
        return True
    return (
        kind not in lex.hand_raises
        and lex.reported is not None
        and lex.reported.search(doc.folded, start, end) is not None
    )


def _reply_dates(
    items: list[tuple[Interaction, int]], hits: list[Hit], hand_raises: frozenset[str]
) -> None:
    """A reply that asks for something dates the ask: "yesterday she replied: 'can we get a
    demo?'", or a quote asked in the body of a mail whose header gives its day."""
    reply: date | None = None
    for i, ((it, sent), h) in enumerate(zip(items, hits, strict=True)):
        if it.kind.value == "email_reply":
            reply = it.occurred_on
        elif reply is not None and it.occurred_on is None and h.kind in hand_raises:
            items[i] = (it.model_copy(update={"occurred_on": reply}), sent)


_OBJECT_KINDS = frozenset(
    {"content_download", "webinar_registration", "webinar_attendance", "event_attendance"}
)
_LEADING_WORDS = re.compile(
    r"(?:(?:the|a|an|our|their|his|her|one|of|to|for|on|at|in|il|lo|la|le|i|gli|un|una|uno|al|allo|alla|ai|del|della|dei|sul|sulla|nostro|nostra|nostri|na|w|z|do|nasz\w*)\s+)+",
    re.IGNORECASE,
)


def _detail(doc: Doc, hit: Hit, dates: list[DateSpan]) -> str | None:
    """The asset, page or event: a quoted title near the cue, else (for downloads, webinars
    and events) the words right after the cue in its clause, dates left out."""
    ss, se = doc.sentences[hit.sentence]
    for qs, qe in doc.quotes:
        if ss <= qs < se and qs >= doc.clauses[hit.clause][0]:
            inner = doc.text[qs + 1 : qe - 1].strip()
            if inner:
                return inner[:120]
    if hit.kind not in _OBJECT_KINDS:
        return None
    _, ce = doc.clauses[hit.clause]
    if doc.text[hit.end : ce].strip() == ":" and hit.clause + 1 < len(doc.clauses):
        ce = doc.clauses[hit.clause + 1][1]  # "Webinar registration: Retail Loyalty Live"
    end = min([ce, *(d.start for d in dates if hit.end <= d.start < ce)])
    start = hit.end
    if lead := _LEADING_WORDS.match(
        doc.text, start + 1 if doc.text[start : start + 1].isspace() else start, end
    ):
        start = lead.end()
    words = doc.text[start:end].split()[:6]
    detail = " ".join(words).strip(" .,;:-–()[]")
    return detail if len(detail) >= 3 else None


def _merge(items: list[tuple[Interaction, int]], countable: frozenset[str]) -> list[Interaction]:
    """One interaction per fact: the same kind said twice without conflicting dates is one
    (count = the larger); a countable kind on the same date in two other sentences is two
    events (counts add up)."""
    out: list[tuple[Interaction, set[int]]] = []
    for it, sent in items:
        for j, (prev, sents) in enumerate(out):
            if prev.kind != it.kind:
                continue
            if (
                prev.occurred_on is not None
                and it.occurred_on is not None
                and prev.occurred_on != it.occurred_on
            ):
                continue
            count = max(prev.count, it.count)
            both_dated = prev.occurred_on is not None and it.occurred_on is not None
            if both_dated and sent not in sents and it.kind.value in countable:
                count = prev.count + it.count
            update = {
                "count": count,
                "occurred_on": prev.occurred_on or it.occurred_on,
                "detail": prev.detail or it.detail,
            }
            out[j] = (prev.model_copy(update=update), sents | {sent})
            break
        else:
            out.append((it, {sent}))
    return [it for it, _ in out]


def find_interactions(
    doc: Doc, *, as_of: date, dates: list[DateSpan], lang: str
) -> list[Interaction]:
    hits = _suppress(doc, find_hits(doc, doc.lex.kinds))
    # a date inside a quoted title is the title's ('Scoring in 15 minutes'), not the action's
    dates = [d for d in dates if not _in_single_quotes(doc, d.start)]
    past = [d for d in dates if d.value <= as_of]
    future = [d for d in dates if d.value > as_of]
    header = _header_date(doc, doc.lex.kinds, past)
    first_hit: dict[int, int] = {}
    for h in hits:
        first_hit.setdefault(h.sentence, h.start)
    hit_clauses = {h.clause for h in hits}
    items: list[tuple[Interaction, int]] = []
    for h in hits:
        count = _count(doc, h, hit_clauses, dates, lang) if h.kind in doc.lex.countable else 1
        items.append(
            (
                Interaction(
                    kind=InteractionKind(h.kind),
                    count=max(1, count),
                    occurred_on=_date(doc, h, past, future, first_hit, hit_clauses, header),
                    detail=_detail(doc, h, dates),
                    evidence=_evidence(doc, h),
                ),
                h.sentence,
            )
        )
    _reply_dates(items, hits, doc.lex.hand_raises)
    return _merge(items, doc.lex.countable)


def find_disqualifiers(doc: Doc) -> list[Disqualifier]:
    seen: set[str] = set()
    out: list[Disqualifier] = []
    for h in find_hits(doc, doc.lex.disqualifiers, for_disqualifiers=True):
        if h.kind in seen:
            continue
        seen.add(h.kind)
        out.append(Disqualifier(kind=DisqualifierKind(h.kind), evidence=_evidence(doc, h)))
    return out
