"""Interactions and disqualifiers: frames of word classes found in a clause, kept only when
the lead really did it.

A *frame* (common.toml) is a set of classes that together say something happened: an act
and an object ("download" + "asset"), or one class that names the event itself ("bounce",
"demo request"). Found in one clause, a frame is a candidate; then general scopes decide,
in any of the languages, the same way:

- negation: a negator governing the act, before it or between the object and the act
  ("didn't ask for a demo", "la demo non l'ha chiesta", "wyceny nie chciał"), or a
  negative answer right after ("Demo? Not yet.", "Demo request: no");
- hedges, plans and conditions ("he'd probably want a demo", "will start a trial", "if she
  registers"): nothing happened yet; a hand-raise may be a wish ("wants a quote");
- questions: our question ("Want me to set up a demo?") is nobody's action; the lead's own
  question asking for something (in their words) is their request;
- thanks for a past demo are no new request;
- who did it: our side ("I sent", "we sent", "wysłałem", "abbiamo inviato", "our SDR
  called", "support replied", a "Rep:" turn) is never the lead; in the lead's own words
  (their quote, their email, a "Lead:" turn) the first person is the lead.

Counts come from numbers and count words by the object ("3 guides", "x2", "twice", "due
volte") or from a list of objects ("the checklist, the template and the ebook" is 3);
dates from the clause, the sentence, the timeline row, or the email header.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from assistant.domain import Disqualifier, Interaction
from assistant.extract.engine.doc import Doc, Span
from assistant.extract.engine.lexicon import Hit, Lexicon, Term
from assistant.extract.numbers import parse_number

__all__ = ["Candidate", "find_disqualifiers", "find_interactions"]

DISQUALIFIER_KINDS = ("competitor", "student", "job_seeker", "not_interested")
_SUBJECTS = ("first_person", "our_side", "lead_pronoun", "second_person")


@dataclass(frozen=True)
class Frame:
    kind: str
    entries: tuple[tuple[str, ...], ...]
    row: bool = False
    met: bool = False
    voiced: bool = False


@dataclass
class Candidate:
    kind: str
    frame: Frame
    hits: list[Hit]
    clause: int
    sentence: int
    line: int
    act: Hit
    span: Span = (0, 0)
    count: int = 1
    day: date | None = None
    detail: str | None = None
    dropped: str | None = None  # why it does not count
    notes: list[str] = field(default_factory=list)
    on: date | None = None  # its day, known from the note's structure (not read from its clause)


_FRAMES: dict[int, tuple[Frame, ...]] = {}


def _frames(lex: Lexicon) -> tuple[Frame, ...]:
    """The frames of common.toml, read once per lexicon."""
    found = _FRAMES.get(id(lex))
    if found is None:
        found = tuple(
            Frame(f["kind"], tuple(tuple(e) if isinstance(e, list) else (e,) for e in f["all"]),
                  bool(f.get("row")), bool(f.get("met")), bool(f.get("voiced")))
            for f in lex.common.get("frame", [])
        )
        _FRAMES[id(lex)] = found
    return found


def _engine(lex: Lexicon, key: str, default: Any) -> Any:
    return lex.common.get("engine", {}).get(key, default)


# --- finding candidates --------------------------------------------------------------------------


_HEAD_NOUNS = ("asset", "webinar", "event", "newsletter", "form", "trial")
# object classes that name what another object is about when a head noun follows them
_MODIFIERS = frozenset({"pricing", "demo", "quote", "prices", "site", "product", "email", "ad", "social",
                        "post", "feature", "upgrade", "paid_plan", "sales_contact", "meeting"})


def _hits_in(doc: Doc, classes: tuple[str, ...], span: Span) -> list[Hit]:
    s, e = span
    out = []
    for cls in classes:
        for h in doc.between(cls, s, e):
            if not _modifies(doc, h):
                out.append(h)
    return out


# classes whose words are prepositions: no part of a compound of nouns
_PREPOSITIONS = frozenset({"company_after", "title_preposition", "topic_prep"})


def _modifies(doc: Doc, h: Hit) -> bool:
    """An object word naming what another object is about ("the price-list automation
    ebook", "the pricing webinar"): the head noun after it is the object."""
    if h.cls not in _MODIFIERS:
        return False
    objects = _object_classes(doc.lex)
    for k in range(h.end, min(len(doc.tokens), h.end + 3)):
        if any(x.start == k and x.cls in _HEAD_NOUNS for x in doc.at(k)):
            return True
        if doc.tokens[k].kind == "sym" and doc.tokens[k].text != "-":
            return False
        if doc.tokens[k].kind == "word" and (not any(x.cls in objects for x in doc.at(k))
                                             or any(x.cls in _PREPOSITIONS for x in doc.at(k))):
            # a compound is nouns in a row ("the pricing webinar"); a word between them
            # ("demo del modulo", "demo dal modulo", "demo przez formularz", "demo via the
            # form") ends it, even one some frame reads as an object ("dal": since)
            return False
    return False


def _scopes(doc: Doc) -> list[tuple[Span, bool]]:
    """Where a frame may be found: each clause; and each row of a timeline or a table whole
    (after its date: "2025-09-29, Page view, /pricing" names one visit across its cells)."""
    scopes = [(c, False) for c in doc.clauses if c[0] < c[1]]
    # an act whose object stands in the clause before it ("came from the LinkedIn ad,
    # clicked it twice", "read 3 whitepapers (downloaded last week)")
    scopes.extend((s, None) for s in doc.sentences if s[0] < s[1] and doc.clause_of(s[0]) != doc.clause_of(s[1] - 1))
    for line, d in doc.row_dates.items():
        e = doc.lines[line][1]
        after = doc.token_at_char(d.end)
        if after < e:
            scopes.append(((after, e), True))
    return scopes


def _object_classes(lex: Lexicon) -> frozenset[str]:
    """The classes frames use as objects (every entry after the act)."""
    return _frame_index(lex).objects


def _bare_act(doc: Doc, act: Hit) -> bool:
    """An act whose own clause names no object: "(downloaded last wk)", "clicked it twice"."""
    clause = doc.clauses[doc.clause_of(act.start)]
    objects = _object_classes(doc.lex)
    if any(h.cls in objects and clause[0] <= h.start < clause[1] for k in range(*clause) for h in doc.at(k)):
        return False
    words = [t for t in doc.tokens[clause[0] : clause[1]]
             if t.kind == "word" and not (act.start <= t.i < act.end) and not _in_date(doc, t.i)]
    return len(words) <= 3


def _act_scopes(doc: Doc, act: Hit, rows: dict[int, Span]) -> list[tuple[Span, bool | str | None]]:
    """Where the rest of a frame may stand for this act: its clause; its row, when its line
    is a row of a timeline or a table; its sentence, when its clause names nothing else; the
    heading of the list its line is an item of, likewise."""
    clause = doc.clauses[doc.clause_of(act.start)]
    scopes: list[tuple[Span, bool | str | None]] = [(clause, False)]
    line = doc.line_of(act.start)
    if line in rows and rows[line][0] <= act.start:
        scopes.append((rows[line], True))
    sentence = doc.sentences[doc.sentence_of(act.start)]
    if sentence != clause:
        scopes.append((sentence, None))
    heading = _heading_of(doc, line)
    if heading is not None:
        scopes.append((doc.lines[heading], _HEADING))
    return scopes


_HEADING = "heading"
_ITEM_MARKS = frozenset("-•*–·>")


def _heading_of(doc: Doc, line: int) -> int | None:
    """The heading a line of a list stands under: the nearest line above it, past the list's
    other items, that ends with a colon ("Webinars:") or opens the note ("Report webinar —
    Ilaria Conti"). An item's act with no object of its own ("— registered 3 Feb, attended
    10 Feb") takes the heading's."""
    tokens = doc.tokens
    for j in range(line - 1, max(-1, line - 16), -1):
        s, e = doc.lines[j]
        if s >= e:
            continue
        if tokens[e - 1].text == ":" or j == 0:
            return j
        if tokens[s].text not in _ITEM_MARKS:
            return None
    return None


def _candidates(doc: Doc, kinds: tuple[str, ...] | None = None) -> list[Candidate]:
    lex = doc.lex
    window = int(_engine(lex, "window", 10))
    out: list[Candidate] = []
    rows: dict[int, Span] = {}
    said = {t.start for t in doc.turns}
    for line, d in doc.row_dates.items():
        s, e = doc.lines[line]
        if s in said:
            continue  # a chat line's stamp dates someone's words, not a log's event
        after = doc.token_at_char(d.end)
        if any(t.kind == "word" for t in doc.tokens[after:e]):
            rows[line] = (after, e)
        elif doc.token_at_char(d.start) > s:  # a title stamped at its end: "Web form – 30/08/2025"
            rows[line] = (s, doc.token_at_char(d.start))
    bare: dict[int, bool] = {}
    hand_raises = hand_raise_kinds(lex)
    field_labels = _field_labels(doc)
    for frame in _frames(lex):
        if kinds is not None and frame.kind not in kinds:
            continue
        for act in _hits_in(doc, frame.entries[0], (0, len(doc.tokens))):
            if doc.in_title(act.start) and not _in_form_title(doc, act.start):
                continue
            if act.start in field_labels:
                continue  # "Need: overbooking e tariffe a mano" names a field, it asks for nothing
            for scope, is_row in _act_scopes(doc, act, rows):
                if frame.row and is_row is not True:
                    continue
                if is_row is None or is_row == _HEADING:  # only for an act with nothing of its own
                    if len(frame.entries) < 2:
                        continue
                    if act.start not in bare:
                        bare[act.start] = _bare_act(doc, act)
                    if not bare[act.start]:
                        continue
                chosen = _fill(doc, frame.entries[1:], scope, [act])
                if not chosen:
                    continue
                if is_row is None and any(_borrowed_from_negated(doc, frame.kind, act, h) for h in chosen[1:]):
                    continue  # "NON ha chiesto un preventivo, prima vuole confrontare": no quote wanted
                if is_row == _HEADING and (frame.kind in hand_raises
                                           or any(h.cls not in _HEAD_NOUNS for h in chosen[1:])):
                    continue  # a heading names what its items are (webinars, assets), not a wish's object
                lo = min(h.start for h in chosen)
                hi = max(h.end for h in chosen)
                if is_row == _HEADING:  # the evidence is the item, up to its act
                    item = doc.lines[doc.line_of(act.start)]
                    lo, hi = item[0], act.end
                    while lo < act.start and doc.tokens[lo].text in _ITEM_MARKS:
                        lo += 1
                quoted = sum(1 for k in range(lo, hi) if doc.in_quote(k))  # a title counts as one word
                if not is_row and hi - lo - quoted > window + sum(h.end - h.start for h in chosen):
                    continue
                out.append(Candidate(
                    kind=frame.kind, frame=frame, hits=chosen, clause=doc.clause_of(act.start),
                    sentence=doc.sentence_of(act.start), line=doc.line_of(act.start), act=act,
                    span=(lo, hi),
                ))
                break  # the narrowest scope that holds the frame
    return out


def _borrowed_from_negated(doc: Doc, kind: str, act: Hit, obj: Hit) -> bool:
    """An object that another clause of the sentence says was not asked for, in an act of
    the same kind, is no object for this act ("NON ha chiesto un preventivo, prima vuole
    confrontare" wants no quote); another kind may take it up ("no reply to the emails,
    but opens them")."""
    clause = doc.clauses[doc.clause_of(obj.start)]
    if clause[0] <= act.start < clause[1] or not doc.starting("neg", clause[0], obj.start):
        return False
    return any(doc.starting(cls, clause[0], clause[1]) for cls in sorted(_kind_acts(doc, kind)))


def _beyond_other_act(doc: Doc, act: Hit, obj: Hit) -> bool:
    """Whether an object before an act, parted from it by a coordination, belongs to an act
    before it while this act has an object of its own right after it: "requested a demo on
    Monday and booked a call" books no demo; "si è registrato al webinar e l'ha seguito"
    did follow the webinar (and, after the act, coordinated acts share an object:
    "registered and attended the webinar")."""
    if obj.end > act.start or act.start - obj.end < 2 or not doc.between("coord", obj.end, act.start):
        return False
    objects = _object_classes(doc.lex)
    if not any(h.cls in objects for k in range(act.end, min(len(doc.tokens), act.end + 3)) for h in doc.at(k)):
        return False
    acts = _act_classes(doc.lex)
    sentence = doc.sentences[doc.sentence_of(obj.start)]
    return any(h.cls in acts for k in range(sentence[0], obj.start) for h in doc.at(k))


def _fill(doc: Doc, entries: tuple, scope: Span, chosen: list[Hit]) -> list[Hit]:
    """The parts of a frame after its act, each the nearest hit of its classes that shares no
    word with the parts chosen before; when a later part finds only words an earlier one
    took ("konkurencyjne narzędzie" is the category, "konkurencyjne" the 'too'), the earlier
    part tries its next-nearest hit. [] when the frame cannot be filled."""
    if not entries:
        return chosen
    options = [h for h in _hits_in(doc, entries[0], scope) if not any(_overlap(h, c) for c in chosen)
               and not _beyond_other_act(doc, chosen[0], h)]
    options.sort(key=lambda h: min(abs(h.start - c.start) for c in chosen))  # ties: in found order
    for h in options[:4] if len(entries) > 1 else options[:1]:
        filled = _fill(doc, entries[1:], scope, [*chosen, h])
        if filled:
            return filled
    return []


_FIELDS = frozenset({"need", "budget", "authority", "timeline"})


def _field_labels(doc: Doc) -> set[int]:
    """Where a BANT field's label stands ("Need:", "Budget:"): a label word is no act."""
    tokens = doc.tokens
    out = set()
    for h in doc.of("label", local=False):
        if str(h.value) in _FIELDS and h.end < len(tokens) and tokens[h.end].text == ":":
            line = doc.lines[doc.line_of(h.start)]
            if all(t.kind == "sym" for t in tokens[line[0]:h.start]):
                out.update(range(h.start, h.end))
    return out


def _in_form_title(doc: Doc, i: int) -> bool:
    """Inside the title of a form: "'Book a demo' form submitted" is the demo request."""
    return any(s <= i < e for s, e in doc.form_titles)


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


# --- scopes --------------------------------------------------------------------------------------


def _between(doc: Doc, cls: str, a: int, b: int) -> list[Hit]:
    return doc.between(cls, a, b)


def _negated(doc: Doc, c: Candidate) -> bool:
    clause = doc.clauses[c.clause]
    own = c.span
    negs = doc.starting("neg", clause[0], clause[1])
    for h in negs:
        if own[0] <= h.start < own[1] and not any(_overlap(h, p) for p in c.hits):
            return True  # between the parts ("la demo non l'ha chiesta", "wyceny nie chciał")
        if (h.end <= c.act.start and not any(_overlap(h, p) for p in c.hits)
                and not _between(doc, "coord", h.end, c.act.start)):
            return True
    # a negative answer after a question or a label: "Demo? Not yet.", "Demo request: no"
    nxt = own[1]
    tokens = doc.tokens
    skipped = 0
    own_line = doc.line_of(max(own[0], own[1] - 1))
    while nxt < len(tokens) and tokens[nxt].kind == "sym" and tokens[nxt].text in "?:-–—=>" and skipped < 3 \
            and doc.line_of(nxt) == own_line:  # the next line's bullet is no answer's mark
        nxt += 1
        skipped += 1
    # a leader of dots between a label and its value: "Upgrade requested ..... no"
    dots = nxt
    while dots < len(tokens) and tokens[dots].text in (".", "…") and doc.line_of(dots) == own_line:
        dots += 1
    if dots - nxt >= 3 or (dots > nxt and tokens[nxt].text == "…"):
        nxt, skipped = dots, skipped + 1
    if skipped and nxt < len(tokens):
        for h in doc.of("neg_answer", local=False):
            if h.start == nxt:
                return True
    # a label a few words long: "Competitor in valutazione: nessuno", "Demo requested by her: no"
    line = doc.lines[doc.line_of(own[0])]
    if own[0] == line[0] or (own[0] > line[0] and all(t.kind == "sym" for t in tokens[line[0]:own[0]])):
        colon = next((k for k in range(own[1], min(line[1], own[1] + 4)) if tokens[k].text == ":"), None)
        if colon is not None and colon + 1 < line[1] and any(
                h.start == colon + 1 for h in doc.of("neg_answer", local=False)):
            return True
    return False


def _hedged(doc: Doc, c: Candidate, hand_raise: bool) -> str | None:
    clause = doc.clauses[c.clause]
    before = (clause[0], c.act.start)
    for cls, why in (("hedge", "a guess"), ("plan", "a plan, not done"), ("cond", "a condition")):
        for h in _between(doc, cls, *before):
            if hand_raise and cls == "hedge" and any(w.start <= h.start < w.end or h.start <= w.start < h.end
                                                     for w in _between(doc, "wish", h.start, c.act.end)):
                continue  # "would like a demo", "vorrebbe una demo": the mood of a wish, not a
                # guess; a hedge word of its own before the wish stays one ("might want a demo")
            if hand_raise and cls == "hedge" and doc.has("second_person", (max(clause[0], h.start - 2), h.start)):
                continue  # "any chance you could send the price list?": a request to us
            return why
    if c.kind not in DISQUALIFIER_KINDS and _under_condition(doc, c.clause):
        return "a condition"  # (who wants a job "if you have openings" still wants one)
    if c.kind in frozenset(_engine(doc.lex, "deferrable", [])) and doc.has("later", clause) is not None:
        return "put off till later"  # "proszę o kontakt jesienią", "a demo after the summer"
    if c.kind not in hand_raise_kinds(doc.lex) and doc.has("wish", before):
        return "a wish, not done"
    return None


def _under_condition(doc: Doc, clause: int) -> bool:
    """Whether the clause before this one in its sentence is a condition opening with its
    word ("jeśli pilotaż wyjdzie dobrze, poprosimy o ofertę", "se il pilota va bene,
    chiederemo un preventivo"): the act depends on it. A condition of a word or two ("if
    possible, ...") or on us ("if you have a moment, ...") is politeness, not one."""
    if clause == 0 or doc.sentence_of(doc.clauses[clause][0]) != doc.sentence_of(doc.clauses[clause - 1][0]):
        return False
    s, e = doc.clauses[clause - 1]
    words = [t for t in doc.tokens[s:e] if t.kind in ("word", "num") and t.text[:1] not in "'’"]  # ("it's": one)
    if len(words) < 4 or doc.first_at("cond", words[0].i) is None:
        return False
    # "if you have a moment, please call me back" asks us: politeness, not a condition
    return not (doc.has("second_person", (s, e)) or doc.has("second_person_verb", (s, e)))


_HAND_RAISE_OBJECTS = ("demo", "quote", "prices", "sales_contact", "meeting", "demo_requested",
                       "quote_requested", "sales_requested")


def _form_name(doc: Doc, c: Candidate) -> bool:
    """Words that ask for sales naming a form ("came in through the Contact us form"): a
    generic form, not a request to talk to sales."""
    last = c.hits[-1]
    return doc.has("form", (last.end, min(len(doc.tokens), last.end + 2)), local=False) is not None


def _hand_raise_form(doc: Doc, c: Candidate) -> bool:
    """A form whose title asks for a demo, a quote or sales ("Formularz 'Umów demo'", "the
    'Talk to sales' form") is the hand-raise (SPEC section 2), not a generic form."""
    return _hand_raise_title(doc, c) is not None


def _hand_raise_title(doc: Doc, c: Candidate) -> Span | None:
    """The title of a form candidate that names a hand-raise's object, or None."""
    line = doc.lines[c.line]
    for s, e in [*doc.form_titles, *doc.title_quotes]:
        near = line[0] <= s < line[1] and s <= c.span[1] + 2 and e >= c.span[0] - 2
        if near and any(doc.has(cls, (s, e), local=False) for cls in _HAND_RAISE_OBJECTS):
            return (s, e)
    return None


def _form_hand_raises(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """The hand-raise a demo, quote or sales form is, where its title's words make no frame
    of their own ("Formularz „Poproś o demo”": the imperative asks nothing in a note): one
    candidate of the kind whose objects the title names, unless the note asks for it in words
    of its own (the form's message) already. A one-word title ("Kontakt") is any form."""
    out: list[Candidate] = []
    kinds = sorted(hand_raise_kinds(doc.lex))
    for c in found:
        if c.kind != "form_submission" or c.dropped is None or not c.dropped.startswith("a demo, quote or sales form"):
            continue
        title = _hand_raise_title(doc, c)
        if title is None or sum(t.kind == "word" for t in doc.tokens[title[0]:title[1]]) < 2:
            continue  # (a bare "Kontakt" form is any form)
        for kind in kinds:
            objects = _kind_objects(doc, kind) & frozenset(_HAND_RAISE_OBJECTS)
            if not any(doc.has(cls, title, local=False) for cls in sorted(objects)):
                continue
            if not any(o.kind == kind and o.dropped is None for o in [*found, *out]):  # (the message may ask too)
                lo, hi = min(c.span[0], title[0]), max(c.span[1], title[1] + 1)
                out.append(replace(c, kind=kind, dropped=None, span=(lo, min(hi, len(doc.tokens))),
                                   notes=[*c.notes, "form title"]))
            break
    return out


def hand_raise_kinds(lex: Lexicon) -> frozenset[str]:
    return frozenset(_engine(lex, "hand_raises", []))


def _question(doc: Doc, c: Candidate, voice: str | None, hand_raise: bool) -> bool:
    if doc.clause_of(c.act.start) not in doc.question_clauses:
        return False
    if voice == "lead" and hand_raise:
        return False  # their own question asking for it: "Could you send me a quote?"
    if voice == "lead" and c.kind in DISQUALIFIER_KINDS:
        return False  # what they say of themselves while asking: "I'm looking for a job, are you hiring?"
    # reported: "asked if someone from sales could call her back?"
    return not (c.act.cls == "ask" and voice != "us")


def _thanked(doc: Doc, c: Candidate) -> bool:
    clause = doc.clauses[c.clause]
    return bool(_between(doc, "thanks", clause[0], c.span[0]))


def agent(doc: Doc, act: Hit, *, record: bool = False) -> str:
    """'lead', 'us' or 'other' (the lead's customers): who does the act at
    `act`, by its subject, its verb form, and who is speaking there. A `record` (an event
    named whole: "Upgrade richiesto", "demo requested") our side reports with no subject of
    its own is the lead's: a bot's alert or a rep reading the CRM tells what the lead did."""
    clause = doc.clauses[doc.clause_of(act.start)]
    voice = doc.voice_at(act.start)
    subject = None
    recipients = {h.end for h in doc.between("to_contact", clause[0], act.start, local=False)}
    for cls in _SUBJECTS:
        # a pronoun inside the act's own words is its subject too ("can we do a demo")
        for h in doc.between(cls, clause[0], act.end):
            if h.end > act.start and not (cls == "first_person" and h.end <= act.end
                                          and not doc.has("first_person_obj", (h.start, h.start + 1), local=False)):
                continue  # ... not an object form ("contact us", "trafiła do nas")
            if subject is None or h.end > subject.end:
                if cls == "our_side" and (h.start in recipients or (h.start - 1) in recipients):
                    continue  # "emailed support asking to...": support is who they wrote to
                if h.end < len(doc.tokens) and doc.tokens[h.end].text == "." and h.end + 1 < len(doc.tokens) \
                        and doc.tokens[h.end + 1].start == doc.tokens[h.end].end:
                    continue  # "i.e."
                quote = doc.in_quote(h.start)
                if quote is not None and not quote[0] <= act.start < quote[1]:
                    continue  # a word of a quoted title ("'SDR comp calculator' downloaded")
                subject = h
    first_verb, second_verb, third_verb = (any(
        h.start <= act.start < h.end or h.end == act.start
        for h in doc.starting(cls, clause[0], act.end)  # whatever their end ("pobrał Pan")
        # the "you" of a request's own words is who is asked ("możecie zrobić demo?")
        if not (cls == "second_person_verb" and act.cls == "ask" and act.start <= h.start < act.end)
    ) for cls in ("first_person_verb", "second_person_verb", "third_person_verb"))
    # "their customers ask for quotes", "i loro clienti chiedono preventivi": the lead's
    # customers, not the lead
    for h in doc.between("their_possessive", clause[0], act.start, local=False):
        customers = doc.has("customers", (h.end, min(act.start, h.end + 3)), local=False)
        if customers is None or (subject is not None and subject.start >= customers.end):
            continue
        return "other"
    associate = _associate_subject(doc, act, clause)
    if associate is not None and (subject is None or associate.start >= subject.end) \
            and not (first_verb or second_verb):
        return "other"
    if subject is not None:
        cls = subject.cls
        if cls == "first_person":
            return "us" if voice != "lead" else "lead"
        if cls == "our_side":
            return "us"
        if cls == "second_person":
            return "us" if voice == "lead" else "lead"
        return "lead"
    if first_verb:
        return "us" if voice != "lead" else "lead"
    if second_verb:  # "założyliście konto trial" said by the rep: the lead did it
        return "us" if voice == "lead" else "lead"
    if third_verb:  # "ho visto che ha scaricato la guida" said by the rep: the lead did it
        return "lead"
    if voice == "us" and not record:
        return "us"
    return "lead"


def _associate_subject(doc: Doc, act: Hit, clause: Span) -> Hit | None:
    """Someone close to the lead as the act's subject: their possessive and an `associate`
    ("her colleague Sam (IT Director) requested a demo", "il suo capo ha chiesto"), before the
    act in its sentence, or right after it (Polish and Italian put a subject there: "demo
    zamówiła jego przełożona", "l'ha chiesta il suo capo"). The hit of the associate, or None."""
    sentence = doc.sentences[doc.sentence_of(act.start)]

    def after_possessive(start: int, end: int) -> list[Hit]:
        found = []
        for p in doc.starting("their_possessive", start, end, local=False):
            a = doc.first_at("associate", p.end, local=False)
            if a is not None:
                found.append(a)
        return found

    before = [a for a in after_possessive(sentence[0], act.start) if a.end <= act.start]
    if before:
        return before[-1]
    right_after = [a for a in after_possessive(act.end, min(clause[1], act.end + 1)) if a.end <= clause[1]]
    return right_after[0] if right_after else None


# --- counts, dates, details -----------------------------------------------------------------------


def _in_date(doc: Doc, k: int) -> bool:
    return doc.in_date(k)


def _count(doc: Doc, c: Candidate, countable: frozenset[str]) -> int:
    if c.kind not in countable:
        return 1
    clause = doc.clauses[c.clause]
    tokens = doc.tokens
    objects = c.hits[1:] if len(c.hits) > 1 else c.hits
    # "x3", "3x", "4 times", "twice", "due volte", "trzy razy" in the clause
    # with a parenthesis right after it: "visited the pricing page (2x)"
    end = max(clause[1], c.span[1])
    k = end
    own_line = doc.line_of(end - 1)
    while k < len(tokens) and k < end + 2 and tokens[k].kind == "sym" and tokens[k].text in "(:-–" \
            and doc.line_of(k) == own_line:  # (the next line's bullet is no bracket)
        k += 1
    line_end = doc.lines[own_line][1]
    to_line_end = False
    if k > end and k < len(tokens):
        # to the bracket's close, or to the line's end ("• Email opened – 5 times")
        close = next((j for j in range(k, min(len(tokens), k + 6)) if tokens[j].text == ")"), None)
        if close is None and line_end <= k + 6:
            close, to_line_end = line_end, True
        if close is not None:
            end = close
    text_clause = doc.words((clause[0], end))
    from assistant.extract.numbers import find_counts

    found = find_counts(text_clause, doc.sentence_lang[c.sentence])
    if found:
        if end > clause[1] and doc.token_at_char(doc.tokens[clause[0]].start + found[0].start) >= clause[1]:
            # the evidence holds the count (and the bracket closing it)
            c.span = (c.span[0], max(c.span[1], min(len(tokens), end if to_line_end else end + 1)))
        return int(found[0].value)
    # a number right before an object, or right after the act ("downloaded 3 guides",
    # "opened 3 of our last 5 emails"), unless a unit makes it no count ("stayed 48 min")
    for obj in objects:
        value = _number_before(doc, obj, doc.clauses[doc.clause_of(obj.start)])
        if value:
            return value
    act = c.act
    if act.start > clause[0]:  # "4 downloads in December"
        k = act.start - 1
        tok = tokens[k]
        if (tok.kind == "num" or _number_word(doc, k)) and not _in_date(doc, k):
            value = _value_at(doc, k)
            if value and 1 < value < 1000:
                return int(value)
    for k in range(act.end, min(clause[1], act.end + 3)):
        tok = tokens[k]
        if (tok.kind == "num" or _number_word(doc, k)) and not _in_date(doc, k):
            value = _value_at(doc, k)
            if value and 1 < value < 1000 and not _unit_after(doc, k):
                return int(value)
            break
    # a number before another object of the kind further on in the clause, the thing the
    # object belongs to: "clicked links in the last 6 newsletters", "kliknął w linki w 3 mailach"
    further = sorted((h for cls in _kind_objects(doc, c.kind) for h in doc.between(cls, c.act.end, clause[1])
                      if not any(_overlap(h, o) for o in c.hits)), key=lambda h: (h.start, h.end))
    for obj in further:
        value = _number_before(doc, obj, clause)
        if value:
            c.span = (c.span[0], max(c.span[1], obj.end))  # the evidence holds the count
            return value
    # one object on several dates: "ai webinar del 23/10 e del 6/11", "cennik 6.05 i 8.05"
    dated, last = _dates_listed(doc, c)
    if dated > 1:
        c.span = (c.span[0], max(c.span[1], last))  # the evidence names every date
        return dated
    # a list of objects of the same class: "the checklist, the template and the ebook"
    first_object = c.hits[1] if len(c.hits) > 1 else _object_after(doc, c)
    if first_object is not None:
        listed, last = _list_from(doc, first_object, c.sentence)
        if listed > 1:
            c.span = (c.span[0], max(c.span[1], last))  # the evidence names every item
            return listed
    return 1


def _number_before(doc: Doc, obj: Hit, clause: Span) -> int | None:
    """A count in the three words before an object ("3 guides", "the last 6 newsletters"),
    unless a unit makes it no count ("48 min") or a date holds it."""
    tokens = doc.tokens
    for k in range(obj.start - 1, max(clause[0], obj.start - 4) - 1, -1):
        tok = tokens[k]
        if (tok.kind == "num" or _number_word(doc, k)) and not _in_date(doc, k):
            value = _value_at(doc, k)
            if value and 1 < value < 1000 and not _unit_after(doc, k):
                return int(value)
            return None
        if tok.kind == "sym" and tok.text not in ("~",):
            return None
    return None


@dataclass(frozen=True)
class _FrameIndex:
    frames: tuple[Frame, ...]
    by_kind: dict[str, tuple[frozenset[str], frozenset[str]]]  # kind -> (act classes, object classes)
    records: frozenset[str]  # classes that name an event whole (common.toml `records`)
    acts: frozenset[str]  # every frame's act classes
    objects: frozenset[str]  # every frame's object classes


_BY_LEXICON: dict[int, _FrameIndex] = {}


def _frame_index(lex: Lexicon) -> _FrameIndex:
    """Per kind, the act classes and the object classes of its frames, the same over all
    frames, and the classes that name an event whole: found once per frames."""
    frames = _frames(lex)
    cached = _BY_LEXICON.get(id(lex))
    if cached is not None and cached.frames is frames:
        return cached
    acts: dict[str, set[str]] = {}
    objects: dict[str, set[str]] = {}
    for f in frames:
        acts.setdefault(f.kind, set()).update(f.entries[0])
        objects.setdefault(f.kind, set()).update(cls for entry in f.entries[1:] for cls in entry)
    by_kind = {kind: (frozenset(acts[kind]), frozenset(objects[kind])) for kind in acts}
    index = _FrameIndex(frames, by_kind, frozenset(_engine(lex, "records", [])),
                        frozenset(cls for a in acts.values() for cls in a),
                        frozenset(cls for o in objects.values() for cls in o))
    _BY_LEXICON[id(lex)] = index
    return index


def _kind_acts(doc: Doc, kind: str) -> frozenset[str]:
    """The act classes of a kind's frames."""
    return _frame_index(doc.lex).by_kind.get(kind, (frozenset(), frozenset()))[0]


def _kind_objects(doc: Doc, kind: str) -> frozenset[str]:
    """The object classes of a kind's frames."""
    return _frame_index(doc.lex).by_kind.get(kind, (frozenset(), frozenset()))[1]


def _object_after(doc: Doc, c: Candidate) -> Hit | None:
    """For an act that names its kind alone ("Asset download: the playbook + the template"),
    the first object its kind's frames know, after it on its line."""
    classes = _kind_objects(doc, c.kind)
    line = doc.lines[c.line]
    for k in range(c.act.end, min(line[1], c.act.end + 6)):
        for h in doc.at(k):
            if h.cls in classes:
                return h
    return None


def _dates_listed(doc: Doc, c: Candidate) -> tuple[int, int]:
    """How many dates follow a candidate's words as one list, and the token ending it: the
    first within three tokens of its last word, each next one joined by a comma or a
    coordination with no act between ("del 23/10 e del 6/11"; "on 3 Oct and attended on 10
    Oct" is two acts)."""
    tokens = doc.tokens
    end = max(h.end for h in c.hits)
    sentence_end = doc.sentences[c.sentence][1]
    # (in the act's clause: "webinar w czwartek, a wczoraj 2 razy zaglądał w cennik" dates two acts)
    spans = sorted((i, doc.token_at_char(d.end - 1) + 1) for d, i in doc.dates_between(end, sentence_end)
                   if doc.clause_of(i) == c.clause)
    if len(spans) < 2 or spans[0][0] - end > 3:
        return 0, 0
    acts = _act_classes(doc.lex)
    n, last = 1, spans[0][1]
    for (_, b_end), (a2, b2) in itertools.pairwise(spans):
        gap = tokens[b_end:a2]
        joined = any(t.text == "," for t in gap) or doc.has("coord", (b_end, a2))
        if not joined or len(gap) > 3 or any(h.cls in acts for k in range(b_end, a2) for h in doc.at(k)):
            break
        # a date opening the next act is that act's: "al webinar del 3/12 e il 10/12 è passata
        # sulla pagina prezzi"
        after = b2
        while after < min(len(tokens), b2 + 3) and tokens[after].kind != "sym":
            if any(h.cls in acts for h in doc.at(after)):
                return n, last
            after += 1
        n, last = n + 1, b2
    return n, last


def _act_classes(lex: Lexicon) -> frozenset[str]:
    """The classes frames use as acts (their first entry)."""
    return _frame_index(lex).acts


def _list_from(doc: Doc, obj: Hit, sentence: int) -> tuple[int, int]:
    """How many objects of `obj`'s class form one list starting at `obj`, across the
    commas of its sentence ("the checklist, the template and the ebook": 3), and the token
    ending the list."""
    end = doc.sentences[sentence][1]
    same = [h for h in doc.between(obj.cls, obj.start, end) if not doc.in_title(h.start)]
    return _listed(doc, same, chain=True)


def _listed(doc: Doc, hits: list[Hit], *, chain: bool = False) -> tuple[int, int]:
    """How many of `hits` form one list (joined by commas, "and", "+", "i", "e"), and the
    token ending it; with `chain`, only the list the first hit opens."""
    hits = sorted(hits, key=lambda h: (h.start, -h.end))
    distinct: list[Hit] = []
    for h in hits:  # "our stand" and "stand" are one object
        if distinct and h.start < distinct[-1].end:
            continue
        distinct.append(h)
    hits = distinct
    if len(hits) < 2:
        return len(hits), (hits[0].end if hits else 0)
    n, last = 1, hits[0].end
    for a, b in itertools.pairwise(hits):
        gap = doc.tokens[a.end : b.start]
        joined = any(t.text in (",", "+", "&", "/") for t in gap) or doc.has("coord", (a.end, b.start))
        if joined and len(gap) <= 4:
            n += 1
            last = b.end
        elif chain:
            break
    return n, last


def _number_word(doc: Doc, k: int) -> bool:
    tok = doc.tokens[k]
    return tok.kind == "word" and parse_number(tok.text, whole=True) is not None and len(tok.text) > 1


# More of one hand-raise than a lead asks for at once: "300 appuntamenti in agenda" are their
# own bookings, "50 quotes a week" their own quotes
_ONE_HAND_RAISE = 5


def _zeroed(doc: Doc, c: Candidate) -> bool:
    """A count of 0 on the act or its object says it did not happen: "0 teammates invited",
    "4 sent, 0 opened", "opened: 0"."""
    tokens = doc.tokens
    for h in c.hits:
        k = h.start - 1
        if k >= 0 and tokens[k].kind == "num" and _value_at(doc, k) == 0 and not _in_date(doc, k):
            return True
    k = c.act.end
    return k + 1 < len(tokens) and tokens[k].text == ":" and tokens[k + 1].kind == "num" \
        and _value_at(doc, k + 1) == 0


def _value_at(doc: Doc, k: int) -> float | None:
    tok = doc.tokens[k]
    if tok.kind == "num":
        return parse_number(tok.text)
    return parse_number(tok.text, whole=True)


def _unit_after(doc: Doc, k: int) -> bool:
    """A unit after the number at k makes it no count ("48 min"), as does a share of a
    whole ("58/60 min", "3/5")."""
    tokens = doc.tokens
    if k + 2 < len(tokens) and tokens[k + 1].text == "/" and tokens[k + 2].kind == "num" \
            and tokens[k + 1].start == tokens[k].end:
        return True
    return bool(doc.starting("not_count", k + 1, k + 2))


def _day(doc: Doc, c: Candidate, as_of: date, previous: Candidate | None,
         busy: set[int] = frozenset(), acts: list[int] = ()) -> date | None:  # type: ignore[assignment]
    clause = doc.clauses[c.clause]
    sentence = doc.sentences[c.sentence]
    # the clause's own date: the one nearer this act than any other act of the clause
    own = clause
    k = max(clause[1], c.span[1])
    if k < len(doc.tokens) and doc.tokens[k].text == "(":  # "downloaded the calculator (2 Mar)"
        close = next((j for j in range(k + 1, min(len(doc.tokens), k + 8)) if doc.tokens[j].text == ")"), None)
        if close is not None and all(d.value <= as_of for d, _ in doc.dates_between(k, close)):
            own = (clause[0], close)  # (a later date there is the event's: "webinar X (18.12)")
    in_clause = [(abs(i - c.act.start), d, i) for d, i in doc.dates_between(*own)
                 if not doc.in_title(i) and not _deadline_date(doc, i)]
    # (another act nearer the date takes it, unless a coordination parts it from the date and
    # none parts this act: "requested a demo on Monday and booked a call" dates the demo)
    def parted(i: int, a: int) -> bool:
        return doc.has("coord", (min(i, a) + 1, max(i, a))) is not None

    in_clause = [x for x in in_clause
                 if all(abs(x[2] - a) >= x[0] or (parted(x[2], a) and not parted(x[2], c.act.start)) for a in acts)]
    if in_clause:
        return _past(min(in_clause, key=lambda x: x[0])[1].value, as_of)
    if c.kind in _undated_kinds(doc):
        return None  # ongoing use has no date unless its own clause gives one
    if doc.has("same_day", clause) and previous is not None and previous.day is not None:
        return previous.day
    # the sentence's date, unless it is nearer another action of the sentence
    in_sentence = [(abs(i - c.act.start), d, i) for d, i in doc.dates_between(*sentence)
                   if not doc.in_title(i) and doc.clause_of(i) not in busy and doc.clause_of(i) != c.clause
                   and not _deadline_date(doc, i)]
    if in_sentence:
        _, d, _ = min(in_sentence, key=lambda x: x[0])
        return _past(d.value, as_of)
    if c.line in doc.row_dates:
        return _past(doc.row_dates[c.line].value, as_of)
    if c.kind == "event_attendance":
        # met at the event the note is about: the date on the line that names it
        for h in doc.of("event", local=False) + doc.of("booth_scan", local=False):
            line = doc.lines[doc.line_of(h.start)]
            a, b = doc.chars(line)
            for d in doc.dates:
                if a <= d.start < b:
                    return _past(d.value, as_of)
    for email in doc.emails:
        if email.start <= c.act.start < email.end and email.day is not None:
            return _past(email.day, as_of)
    return None


def _deadline_date(doc: Doc, i: int) -> bool:
    """A date right after a deadline word is when something must be done ("dobbiamo decidere
    entro il 15 gennaio", "live by 30 June"), not when the act happened."""
    return any(h.end >= i - 2 for h in doc.between("deadline_prep", max(0, i - 4), i))


def _past(day: date, as_of: date) -> date | None:
    return day if day <= as_of else None


def _detail(doc: Doc, c: Candidate) -> str | None:
    if len(c.hits) < 2:
        return None
    obj = c.hits[1]
    after = obj.end
    for s, e in doc.quotes:
        if s - 1 <= after + 1 and s >= obj.start:
            return doc.words((s, e))
    return doc.words((obj.start, obj.end))


# --- the whole reading ---------------------------------------------------------------------------


def _what_they_make(doc: Doc, c: Candidate) -> bool:
    """Words right after a verb saying what a company does are its product, not an act
    ("makes appointment-scheduling software", "sviluppa software per le prenotazioni",
    "produkuje systemy rezerwacji")."""
    lo = min(h.start for h in c.hits)
    for h in doc.between("make_verb", max(0, lo - 3), lo, local=False):
        if not doc.has("coord", (h.end, lo)) and not any(t.kind == "sym" and t.text in ",;.:" for t in doc.tokens[h.end:lo]):
            return True
    return False


def _judge(doc: Doc, c: Candidate, hand_raises: frozenset[str]) -> None:
    if "structural" in c.notes:
        return  # read from the thread's shape, not from words a scope could change
    hand_raise = c.kind in hand_raises
    voice = doc.voice_at(c.act.start)
    if all(doc.in_title(h.start) and not _in_form_title(doc, h.start) for h in c.hits):
        c.dropped = "inside a title"
    elif _negated(doc, c):
        c.dropped = "negated"
    elif c.kind not in DISQUALIFIER_KINDS and _what_they_make(doc, c):
        c.dropped = "what the company makes ('makes appointment-scheduling software')"
    elif _zeroed(doc, c):
        c.dropped = "none of them (a count of 0)"
    elif hand_raise and any((n := _number_before(doc, h, doc.clauses[doc.clause_of(h.start)])) and n > _ONE_HAND_RAISE
                            for h in c.hits[1:]):
        c.dropped = "a volume of their own business ('300 appuntamenti in agenda'), no hand-raise"
    elif (why := _hedged(doc, c, hand_raise)) is not None:
        c.dropped = why
    elif _question(doc, c, voice, hand_raise):
        c.dropped = "a question"
    elif hand_raise and _thanked(doc, c):
        c.dropped = "thanks for something past"
    elif not c.frame.met and c.kind not in DISQUALIFIER_KINDS and (
            who := agent(doc, c.act, record=_record(doc, c))) != "lead":
        c.dropped = "our side did it" if who == "us" else "someone else did it"
    elif c.frame.voiced and voice != "lead":
        c.dropped = "not in the lead's words"
    elif c.kind == "contact_sales" and _form_name(doc, c):
        c.dropped = "the name of a form ('the Contact us form')"
    elif c.kind == "form_submission" and _hand_raise_form(doc, c):
        c.dropped = "a demo, quote or sales form: the hand-raise, not a form"


def _record(doc: Doc, c: Candidate) -> bool:
    """A candidate read from a class that names its event whole (common.toml `records`)."""
    records = _frame_index(doc.lex).records
    return len(c.frame.entries) == 1 and all(cls in records for cls in c.frame.entries[0])


def _suppress(doc: Doc, kept: list[Candidate]) -> list[Candidate]:
    """The reading rules of SPEC section 2: a candidate goes when another that stays says
    more ("asked about pricing and booked a call": the call's booking drops the contact
    request it also reads as, and then no longer hides the pricing question)."""
    rules = doc.lex.common.get("suppress", [])

    # the candidates that may suppress one, found by kind and place rather than by trying
    # every pair (a long note has thousands): its clause, its sentence and the two around
    # it, its dated row, or a span overlapping its own
    position = {id(c): n for n, c in enumerate(kept)}
    longest = max((c.span[1] - c.span[0] for c in kept), default=0)
    of_kind: dict[str, list[Candidate]] = {}
    near: dict[tuple[str, str, int], list[Candidate]] = {}
    for c in kept:
        of_kind.setdefault(c.kind, []).append(c)
        near.setdefault((c.kind, "clause", c.clause), []).append(c)
        near.setdefault((c.kind, "sentence", c.sentence), []).append(c)
        near.setdefault((c.kind, "line", c.line), []).append(c)
    for group in of_kind.values():
        group.sort(key=lambda c: c.span[0])
    starts = {kind: [c.span[0] for c in group] for kind, group in of_kind.items()}

    def nearby(c: Candidate, kind: str, scope: str | None) -> list[Candidate]:
        if scope == "sentence":
            found = [o for k in (c.sentence, c.sentence + 1, c.sentence - 1)
                     for o in near.get((kind, "sentence", k), ())]
        else:
            found = list(near.get((kind, "clause", c.clause), ()))
            group = of_kind.get(kind, [])
            lo = bisect.bisect_left(starts.get(kind, []), c.span[0] - longest)
            hi = bisect.bisect_left(starts.get(kind, []), c.span[1])
            found.extend(group[lo:hi])
            if c.line in doc.row_dates:
                found.extend(near.get((kind, "line", c.line), ()))
        unique = {id(o): o for o in found}
        return sorted(unique.values(), key=lambda o: position[id(o)])

    def suppressors(c: Candidate) -> list[Candidate]:
        found = []
        for rule in rules:
            if rule["drop"] != c.kind:
                continue
            others = [o for kind in dict.fromkeys(rule["when"]) for o in nearby(c, kind, rule.get("scope"))]
            others.sort(key=lambda o: position[id(o)])
            for other in others:
                if other is c or other.kind not in rule["when"]:
                    continue
                if rule.get("scope") == "sentence":
                    same = other.sentence in (c.sentence, c.sentence + 1, c.sentence - 1)
                else:
                    same = other.clause == c.clause or _overlap_span(other.span, c.span) or (
                        other.line == c.line and c.line in doc.row_dates)
                if same and rule.get("unless") == "listed" and _objects_listed(doc, c, other):
                    continue  # two objects of one act: "signed up for the webinar and the newsletter"
                if same and rule.get("scope") != "sentence" and other.act.start != c.act.start \
                        and not _overlap_span(other.span, c.span) and doc.has(
                            "coord", (min(c.span[1], other.span[1]), max(c.span[0], other.span[0]))):
                    continue  # two acts joined: "requested a demo on Monday and booked a call"
                if same:
                    found.append(other)
        return found

    by = {id(c): suppressors(c) for c in kept}
    gone: set[int] = set()
    for _ in range(len(kept) + 1):  # until no verdict changes (each round settles one link more)
        now = {id(c) for c in kept if any(id(o) not in gone for o in by[id(c)])}
        if now == gone:
            break
        gone = now
    return [c for c in kept if id(c) not in gone]


def _objects_listed(doc: Doc, a: Candidate, b: Candidate) -> bool:
    """The objects of two candidates are items of one list, joined by a coordinating word
    with at most a few words between ("al webinar e alla newsletter")."""
    objects_a, objects_b = a.hits[1:], b.hits[1:]
    if not objects_a or not objects_b:
        return False
    first, second = sorted((min(objects_a, key=lambda h: h.start), min(objects_b, key=lambda h: h.start)),
                           key=lambda h: h.start)
    if second.start <= first.end or second.start - first.end > 4:
        return False
    return doc.has("coord", (first.end, second.start)) is not None


def _overlap_span(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _email_replies(doc: Doc) -> list[Candidate]:
    """A message of the lead's that answers an earlier one ("RE:" subject, a quoted
    earlier message) is their email_reply."""
    out = []
    frame = Frame("email_reply", (("reply_subject",),))
    for email in doc.emails:
        if email.ours or email.reply is None:
            continue
        s, e = email.reply
        act = next(iter(doc.at(s)), None)
        if act is None:
            continue
        out.append(Candidate(kind="email_reply", frame=frame, hits=[act], clause=doc.clause_of(email.body),
                             sentence=doc.sentence_of(s), line=doc.line_of(s), act=act, span=(s, e)))
    out.extend(_message_replies(doc, frame))
    return out


def _message_replies(doc: Doc, frame: Frame) -> list[Candidate]:
    """A message thread (LinkedIn, WhatsApp...) that we open, where the lead answers: the
    lead's first turn is their reply (a call transcript or a live chat is no thread)."""
    turns = doc.turns
    if not turns or turns[0].who != "us" or not doc.has("message_channel", (0, turns[0].start + 1), local=False):
        return []
    answer = next((t for t in turns[1:] if t.who == "lead"), None)
    if answer is None:
        return []
    line = doc.lines[doc.line_of(answer.start)]
    label = next((k for k in range(answer.start, line[1]) if doc.tokens[k].text == ":"), answer.start)
    end = next((c[1] for c in doc.clauses if c[0] > label), line[1])
    dated = doc.dates_between(answer.start, label)
    clause = doc.clause_of(dated[0][1]) if dated else doc.clause_of(label)

    act = Hit("reply", answer.start, answer.start + 1, Term("reply", "", (), "", None), frozenset({""}))
    return [Candidate(kind="email_reply", frame=frame, hits=[act], clause=clause, sentence=doc.sentence_of(label),
                      line=doc.line_of(answer.start), act=act, span=(answer.start, min(end, line[1])))]


def _accepted_proposals(doc: Doc) -> list[Candidate]:
    """In a transcript or a chat, our question proposing a meeting or a demo ("would it make
    sense to get our engineer on a call?", "Possiamo fissare una demo?") answered by the
    lead with a yes and a time ("Yes, Thursday the 19th works, 2pm") books the meeting, on
    the day of the conversation (its header's date, else the turns' own)."""
    turns = doc.turns
    frame = Frame("meeting_booked", (("yes",),))
    tokens = doc.tokens
    out = []
    for k in range(len(turns) - 1):
        ask, answer = turns[k], turns[k + 1]
        if ask.who != "us" or answer.who != "lead":
            continue
        asks = [i for i in range(ask.start, ask.end) if tokens[i].text == "?"]
        if not asks:
            continue
        question = doc.sentences[doc.sentence_of(asks[-1])]
        if doc.any_of(("meeting", "demo"), (max(question[0], ask.start), asks[-1])) is None:
            continue
        line = doc.lines[doc.line_of(answer.start)]
        colon = next((i for i in range(answer.start, line[1]) if tokens[i].text == ":"), None)
        if colon is None:
            continue
        words = [i for i in range(colon + 1, min(answer.end, colon + 6)) if tokens[i].kind == "word"]
        yes = next((h for i in words[:2] for h in doc.between("yes", i, len(tokens)) if h.start == i), None)
        if yes is None:
            continue
        said = doc.sentences[doc.sentence_of(yes.start)]
        end = min(answer.end, doc.sentences[min(len(doc.sentences) - 1, doc.sentence_of(yes.start) + 1)][1])
        when = doc.dates_between(yes.end, end)
        if not when:
            continue  # a yes with no time ("sure, send me some dates") books nothing yet
        said = (said[0], max(said[1], doc.sentences[doc.sentence_of(when[0][1])][1]))  # the evidence holds the time
        before = [d for d, i in doc.dates_between(0, turns[0].start)] or \
            [d for d, i in doc.dates_between(ask.start, answer.start) if doc.line_of(i) == doc.line_of(ask.start)]
        c = Candidate(kind="meeting_booked", frame=frame, hits=[yes], clause=doc.clause_of(yes.start),
                      sentence=doc.sentence_of(yes.start), line=doc.line_of(yes.start), act=yes,
                      span=(yes.start, max(said[1], yes.end)))
        c.on = before[-1].value if before else None
        out.append(c)
    return out


def read_candidates(doc: Doc, kinds: tuple[str, ...] | None = None) -> list[Candidate]:
    """Every candidate with its verdict (`dropped` None when it counts)."""
    hand_raises = hand_raise_kinds(doc.lex)
    found = _candidates(doc, kinds)
    if kinds is None or "email_reply" in kinds:
        replies = _email_replies(doc)
        for c in replies:
            c.notes.append("structural")
        found.extend(replies)
    if kinds is None or "meeting_booked" in kinds:
        accepted = _accepted_proposals(doc)
        for c in accepted:
            c.notes.append("structural")
        found.extend(accepted)
    for c in found:
        _judge(doc, c, hand_raises)
    if kinds is None or any(k in hand_raises for k in kinds):
        found.extend(c for c in _form_hand_raises(doc, found) if kinds is None or c.kind in kinds)
    # another reading of words a negation holds, in the negated act's clause, is negated too:
    # "O upgrade do płatnego planu nie prosiła" negates the asking, and so the "upgrade do
    # płatnego planu" in it ("aveva chiesto una demo, mai fissata" still asked for one)
    negated: dict[tuple[str, int], list[Candidate]] = {}
    negated_in: dict[int, list[Candidate]] = {}
    for n in found:
        if n.dropped == "negated":
            negated.setdefault((n.kind, doc.clause_of(n.act.start)), []).append(n)
            negated_in.setdefault(doc.clause_of(n.act.start), []).append(n)
    for c in found:
        if c.dropped is not None:
            continue
        clause = doc.clause_of(c.act.start)
        same = any(n.span[0] <= c.span[1] and c.span[0] < n.span[1] for n in negated.get((c.kind, clause), ()))
        # an event named whole across a negated act of another kind: "Formularza demo nie
        # wysłała" sent no demo form, so asked for no demo
        named = _record(doc, c) and any(n.span[0] < c.span[1] and c.span[0] < n.span[1]
                                        for n in negated_in.get(clause, ()))
        if same or named:
            c.dropped = "negated"
    return found


def find_interactions(doc: Doc, *, as_of: date) -> list[Interaction]:
    lex = doc.lex
    countable = frozenset(_engine(lex, "countable", []))
    kinds = tuple(k for k in {f.kind for f in _frames(lex)} if k not in DISQUALIFIER_KINDS)
    candidates = [c for c in read_candidates(doc, kinds) if c.dropped is None]
    # one candidate per kind and clause: the widest
    best: dict[tuple[str, int], Candidate] = {}
    for c in candidates:
        key = (c.kind, c.line) if c.line in doc.row_dates else (c.kind, c.clause)
        prev = best.get(key)
        if prev is None or (c.span[1] - c.span[0], -c.act.start) > (prev.span[1] - prev.span[0], -prev.act.start):
            best[key] = c
    kept = _chained(doc, sorted(best.values(), key=lambda c: c.span))
    # the same words read as two kinds of one frame family: keep both (a reply asking for a
    # demo is both); suppression rules of SPEC section 2 drop the rest
    kept = _suppress(doc, kept)
    previous = None
    busy = {c.clause for c in kept}  # a date in another action's clause is that action's
    in_clause: dict[int, list[Candidate]] = {}
    for c in kept:
        in_clause.setdefault(c.clause, []).append(c)
    for c in kept:
        c.count = _count(doc, c, countable)
        acts = [o.act.start for o in in_clause[c.clause] if o is not c]
        # (_day leaves out c's own clause itself: busy need not be copied without it)
        c.day = _past(c.on, as_of) if c.on is not None else _day(doc, c, as_of, previous, busy, acts)
        c.detail = _detail(doc, c)
        previous = c
    return _merge(doc, kept)


def _chained(doc: Doc, kept: list[Candidate]) -> list[Candidate]:
    """One act asking for two things is two hand-raises when they are joined ("a demo and a
    quote"); when the second only qualifies the first ("una demo del programma per fare i
    preventivi": the program that makes quotes) the act asks for the first alone."""
    hand_raises = hand_raise_kinds(doc.lex)
    by_act: dict[int, list[Candidate]] = {}
    for c in kept:
        if c.kind in hand_raises and len(c.hits) > 1:
            by_act.setdefault(c.act.start, []).append(c)
    dropped: set[int] = set()
    for group in by_act.values():
        group.sort(key=lambda c: c.hits[1].start)
        for a, b in itertools.pairwise(group):
            if a.kind == b.kind or b.hits[1].start <= a.hits[1].end:
                continue
            gap = doc.tokens[a.hits[1].end:b.hits[1].start]
            if not any(t.text in (",", "+", "&", "/") for t in gap) and not doc.has("coord", (a.hits[1].end, b.hits[1].start)):
                dropped.add(id(b))
    return [c for c in kept if id(c) not in dropped]


def _merge(doc: Doc, kept: list[Candidate]) -> list[Interaction]:
    """One interaction per kind and day: counts of the same kind on the same day add up
    (the same words told twice count once)."""
    merged: dict[tuple[str, date | None], tuple[Candidate, int, list[Span]]] = {}
    order: list[tuple[str, date | None]] = []
    for c in kept:
        key = (c.kind, c.day)
        if key not in merged:
            merged[key] = (c, c.count, [c.span])
            order.append(key)
            continue
        first, total, spans = merged[key]
        words = doc.words(c.span).casefold()
        rows = c.line in doc.row_dates and all(doc.line_of(s[0]) != c.line for s in spans)
        if not rows and any(doc.words(s).casefold() == words or (s[0] < c.span[1] and c.span[0] < s[1])
                            for s in spans):
            continue  # the same words, or words of one mention ("the email (2 opens)"); rows of
            # a timeline are events of their own ("Page view: /pricing" twice the same day)
        # "uses it daily, shared 3 dashboards" is one usage; a badge scan and "came to the booth"
        # the same day are one visit; two downloads the same day are two
        add = c.count if c.kind in frozenset(_engine(doc.lex, "summed", [])) else 0
        merged[key] = (first, total + add, [*spans, c.span])
    # a signup happens once: its mentions on other days (a report's date, "since Monday")
    # are that one signup, on the earliest day given
    once = frozenset(_engine(doc.lex, "once", []))
    for kind in once:
        keys = [k for k in order if k[0] == kind]
        if len(keys) > 1:
            dated = [k for k in keys if k[1] is not None]
            keep = min(dated, key=lambda k: k[1]) if dated else keys[0]
            order = [k for k in order if k[0] != kind or k == keep]
    out = []
    for key in order:
        c, total, _ = merged[key]
        out.append(Interaction(kind=c.kind, count=max(1, total), occurred_on=c.day, detail=c.detail,
                               evidence=doc.words(c.span)))
    return out


def _undated_kinds(doc: Doc) -> frozenset[str]:
    return frozenset(_engine(doc.lex, "undated", []))


def _countable(doc: Doc) -> frozenset[str]:
    return frozenset(_engine(doc.lex, "countable", []))


def find_disqualifiers(doc: Doc) -> list[Disqualifier]:
    out: list[Disqualifier] = []
    seen: set[str] = set()
    raises: list[Candidate] | None = None
    if doc.of("not_interested", local=False):
        raises = read_candidates(doc, tuple(sorted(hand_raise_kinds(doc.lex))))
    for c in read_candidates(doc, DISQUALIFIER_KINDS):
        if c.dropped is not None or c.kind in seen:
            continue
        if doc.voice_at(c.act.start) == "us":
            continue  # our own message ("noticed you're hiring", "are you a student?") says nothing of them
        if c.kind == "not_interested" and (_softened(doc, c) or _wants_other(doc, c, raises)):
            continue
        seen.add(c.kind)
        span = c.span
        while len(doc.words(span).strip()) < 4 and (span[0] > 0 or span[1] < len(doc.tokens)):
            # too short to quote alone ("CV"): with the words around it ("allego CV")
            span = (max(0, span[0] - 1), min(len(doc.tokens), span[1] + (span[0] == 0)))
        out.append(Disqualifier(kind=c.kind, evidence=doc.words(span)))
    return out


def _wants_other(doc: Doc, c: Candidate, raises: list[Candidate] | None) -> bool:
    """A no to one thing, not to us: "NOT looking for a demo or pricing yet" declines a demo
    (its hand-raise is negated right there); "modułem płac nie jest zainteresowana, ALE chce
    demo" still asks for one in the same sentence."""
    for h in raises or ():
        if h.dropped == "negated" and c.span[0] <= h.span[0] < c.span[1] < h.span[1]:
            return True  # the declined thing stands after the "no": "not looking for a demo"
        if h.dropped is None and h.sentence == c.sentence and h.span[0] >= c.span[1]:
            return True
    return False


def _softened(doc: Doc, c: Candidate) -> bool:
    """'Not interested right now': a no for now is no disqualifier."""
    clause = doc.clauses[c.clause]
    sentence = doc.sentences[c.sentence]
    if doc.has("not_ever", sentence) is not None:
        return False  # "not now, nor in the future"
    return doc.has("soft_time", (clause[0], clause[1])) is not None
