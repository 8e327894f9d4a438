"""The lead person: name, job title (with the seniority and department it states), email
and phone, each with the token span it was read from.

Names are capitalised words where a note puts the lead: a record label ("Name:"), an
email header ("From: Jane Doe <...>"), a signature, beside a job title ("Jane Doe, Head of
Marketing"), after a cue ("call with", "rozmowa z", "chiamata con"), before a company
("Jane from Acme"), or "Jane Doe here". People the note names as someone else's ("her
boss, the CFO Tom Hale") and our side are not the lead. A Polish name read in another case
("z Kacprem Nowakiem") is given in the nominative ("Kacper Nowak"), by its lemma.

A title is a title word of the vocabulary extended by the function words beside it
("Regional Sales Manager", "Head of E-commerce Marketing", "dyrektor ds. sprzedaży"); the
lead's title is the one by their name, labelled, or in their signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.extract.engine.doc import Doc, Span
from assistant.extract.engine.lexicon import Hit

__all__ = ["Person", "read_person"]

_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d ()./-]{6,18}\d(?![\w])")


@dataclass
class Person:
    name: str | None = None
    name_span: Span | None = None
    title: str | None = None
    title_span: Span | None = None
    seniority: str | None = None
    department: str | None = None
    department_span: Span | None = None
    email: str | None = None
    email_span: Span | None = None
    phone: str | None = None
    phone_chars: tuple[int, int] | None = None


# --- names ---------------------------------------------------------------------------------------


def _nameish(doc: Doc, i: int) -> bool:
    tok = doc.tokens[i]
    if tok.kind != "word" or not tok.text[:1].isupper() or len(tok.text) < 2:
        return False
    if tok.text.isupper() and len(tok.text) <= 4:
        return False  # "CEO", "IT", "UK"
    if not any(ch.islower() for ch in tok.text[1:]) and len(tok.text) > 1:
        return False
    for h in doc.at(i):
        if h.cls in _NOT_NAME_CLASSES and (h.end == i + 1 or h.cls in ("title", "city", "country", "legal_suffix")):
            return False
    return True


_NOT_NAME_CLASSES = frozenset({"not_name", "title", "department", "label", "city", "country", "demonym",
                               "legal_suffix", "company_noun", "honorific", "neg", "first_person",
                               "lead_pronoun"})


def _particle(doc: Doc, i: int) -> bool:
    return any(h.end == i + 1 for h in doc.starting("name_particle", i, i + 1, local=False))


def _place_word(doc: Doc, i: int) -> bool:
    return any(h.start == i and h.end == i + 1 and h.cls in ("city", "country", "region") for h in doc.at(i))


def name_at(doc: Doc, i: int, *, limit: int = 3, single: bool = False) -> Span | None:
    """The capitalised name starting at token i (two or three words; one with `single`).
    A first name that is also a place ("Sydney Marsh", "Jordan Lee") is a name when a
    surname that is no place follows it."""
    if i >= len(doc.tokens):
        return None
    if not _nameish(doc, i):
        tok = doc.tokens[i]
        if not (_place_word(doc, i) and tok.capitalised and i + 1 < len(doc.tokens)
                and _nameish(doc, i + 1) and not _place_word(doc, i + 1)
                and doc.tokens[i + 1].start - tok.end <= 1):
            return None
    j = i + 1
    words = 1
    line = doc.line_of(i)
    while j < len(doc.tokens) and words < limit and doc.line_of(j) == line:
        tok = doc.tokens[j]
        if (tok.text == "-" and tok.start == doc.tokens[j - 1].end and j + 1 < len(doc.tokens)
                and doc.tokens[j + 1].start == tok.end and _nameish(doc, j + 1)):
            j += 2  # "Jean-Luc", "Nowak-Żak"
            continue
        if _nameish(doc, j) and doc.tokens[j].start - doc.tokens[j - 1].end <= 1:
            words += 1
            j += 1
        elif _particle(doc, j) and j + 1 < len(doc.tokens) and _nameish(doc, j + 1):
            j += 2
            words += 1
        else:
            break
    if j < len(doc.tokens) and any(h.start == j and h.cls in ("legal_suffix", "company_noun") for h in doc.at(j)):
        return None  # "Finch Analytics Pty Ltd", "Brightline Freight company" name a company
    if words >= 2 or single:
        return (i, j)
    return None


def _third_party(doc: Doc, span: Span) -> bool:
    """A person the note names as someone else's: "her boss John", "their CFO, Tom Hale"."""
    s = span[0]
    window = (max(0, s - 4), s)
    return bool(doc.has("third_party", window, local=False) and doc.has("their_possessive", window, local=False))


def _name_candidates(doc: Doc) -> list[tuple[int, Span]]:
    tokens = doc.tokens
    found: list[tuple[int, Span]] = []
    for span in doc.labels.get("name", []):
        for k in range(span[0], min(span[1], span[0] + 3)):
            got = name_at(doc, k) or name_at(doc, k, single=True)
            if got:
                found.append((10, got))
                break
    for h in doc.of("header_from", local=False):
        k = h.end + 1 if h.end < len(tokens) and tokens[h.end].text == ":" else h.end
        got = name_at(doc, k)
        if got and doc.line_of(got[0]) == doc.line_of(h.start) and not doc.has("our_side", doc.lines[doc.line_of(h.start)]):
            found.append((9, got))
    for h in doc.of("name_before", local=False):
        k = h.end
        while k < len(tokens) and doc.first_at("honorific", k, local=False) is not None:
            k += 1
            if k < len(tokens) and tokens[k].text == ".":
                k += 1
        got = name_at(doc, k) or name_at(doc, k, single=True)
        if got and not _third_party(doc, got):
            found.append((6, got))
    for t in doc.of("title"):
        # "Jane Doe, Head of Marketing" / "Jane Doe (Data Team Lead, Acme)" / "CFO Jane Doe"
        k = t.start - 1
        line = doc.line_of(t.start)
        while k >= 0 and k >= t.start - 4 and doc.line_of(k) == line and tokens[k].text not in (",", "(", "-", "–", "|", "/"):
            k -= 1  # over words of the title before its title word ("Data Team Lead")
        if k < 0 or tokens[k].text not in (",", "(", "-", "–", "|", "/"):
            k = t.start - 1
        while k >= 0 and tokens[k].text in (",", "(", "-", "–", "|", "/"):
            k -= 1
        for start in range(max(0, k - 3), k + 1):
            got = name_at(doc, start)
            if got and got[1] == k + 1:
                if not _third_party(doc, got):
                    found.append((7, got))
                break
        after = t.end
        while after < len(tokens) and tokens[after].text in (",", "-", "–"):
            after += 1
        got = name_at(doc, after)
        if got and not _third_party(doc, got):
            found.append((5, got))
    for h in doc.of("company_after", local=False):
        # "Omar Haddad from Dunecrest", "Jen @ Orchard Dental"
        for start in range(max(0, h.start - 3), h.start):
            got = name_at(doc, start) or (name_at(doc, start, single=True) if start == h.start - 1 else None)
            if got and got[1] == h.start and h.end < len(tokens) and tokens[h.end].capitalised:
                found.append((4, got))
                break
    for h in doc.of("name_here", local=False):
        for start in range(max(0, h.start - 3), h.start):
            got = name_at(doc, start)
            if got and got[1] == h.start:
                found.append((7, got))
    for start, end in doc.sentences:
        k = start
        while k < end and tokens[k].kind == "sym":
            k += 1
        got = name_at(doc, k)
        if got and got[1] < end and tokens[got[1]].kind == "word" and tokens[got[1]].text[:1].islower():
            found.append((3, got))
    signature = _signature_name(doc)
    if signature:
        found.append((8, signature))
    # words under another record label ("Company: Brightwell Homes", "City: ...") name no one
    other = [span for field, spans in doc.labels.items() if field not in ("name", "first_name", "last_name")
             for span in spans]
    return [(score, got) for score, got in found
            if score >= 10 or not any(a <= got[0] < b for a, b in other)]


def _signature_name(doc: Doc) -> Span | None:
    """A name alone on a line, followed by a line with a title (an email signature)."""
    for k, (s, e) in enumerate(doc.lines):
        got = name_at(doc, s)
        if not got or got[1] != e:
            continue
        if k + 1 < len(doc.lines):
            ns, ne = doc.lines[k + 1]
            if any(ns <= t.start < ne for t in doc.of("title")):
                return got
    return None


def _our_side(doc: Doc, span: Span) -> bool:
    v = doc.voice_at(span[0])
    line = doc.lines[doc.line_of(span[0])]
    return v == "us" and doc.has("our_side", line, local=False) is not None


def _nominative(doc: Doc, span: Span) -> str:
    """The name as written, or in the nominative when the language inflects names (a table of
    endings in the vocabulary: Polish "z Kacprem Nowakiem" -> "Kacper Nowak")."""
    words = []
    for k in range(span[0], span[1]):
        tok = doc.tokens[k]
        if tok.kind != "word" or _particle(doc, k):
            words.append(tok.text)
            continue
        words.append(_nominative_word(doc, tok.text, doc.sentence_lang[doc.sentence_of(k)]))
    return " ".join(words)


def _nominative_word(doc: Doc, word: str, lang: str) -> str:
    endings = doc.lex.words(lang, "people", "name_endings")
    if not endings:
        return word
    low = word.lower()
    for ending, replacement in sorted(endings.items(), key=lambda kv: -len(kv[0])):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            if replacement == "=lemma":
                return doc.lex.tables.name_lemma(lang, word, ending)
            base = word[: len(word) - len(ending)] + replacement
            return base[:1].upper() + base[1:]
    return word


# --- titles --------------------------------------------------------------------------------------


def _title_value(hit: Hit) -> tuple[str, str]:
    value = hit.value or ["", ""]
    return (value[0] or ""), (value[1] or "")


def extend_title(doc: Doc, hit: Hit) -> tuple[Span, str, str, Span | None]:
    """A title word with its modifiers and function words: (span, seniority, department,
    span of the department words)."""
    tokens = doc.tokens
    seniority, implied = _title_value(hit)
    s, e = hit.start, hit.end
    line = doc.line_of(hit.start)
    dept: str | None = None
    dept_span: Span | None = None
    depts = doc.starting("department", *doc.lines[line], local=False)
    mods = doc.starting("title_modifier", *doc.lines[line], local=False)
    # left: department words and modifiers ("Regional Sales Manager", "Marketing Lead")
    moved = True
    while moved:
        moved = False
        for h in [*depts, *mods, *doc.ending("title", s)]:
            if h.end == s and h.start < s and (tokens[s].start - tokens[h.end - 1].end) <= 1:
                if h.cls == "title":
                    lv, ld = _title_value(h)
                    if lv == "entry" and seniority not in ("", "entry"):
                        seniority = "entry"  # "Junior Accountant"
                    elif not seniority and lv:
                        seniority = lv
                    implied = implied or ld
                elif h.cls == "department" and dept is None:
                    dept, dept_span = str(h.value), (h.start, h.end)
                s = h.start
                moved = True
                break
    # right: prepositions and department words ("Head of Marketing", "dyrektor ds. sprzedaży")
    k = e
    while k < len(tokens) and doc.line_of(k) == line:
        prep = doc.first_at("title_preposition", k, local=False)
        if prep is not None:
            nxt = next((h for h in depts if h.start == prep.end), None)
            if nxt is None:
                break
            k = prep.end
            continue
        if tokens[k].text in ("&", "/", "-") and k + 1 < len(tokens):
            nxt = next((h for h in depts if h.start == k + 1), None)
            if nxt is None:
                break
            k += 1
            continue
        found = next((h for h in depts if h.start == k), None)
        title_after = doc.first_at("title", k)
        if found is not None:
            if dept is None:
                dept, dept_span = str(found.value), (found.start, found.end)
            k = found.end
            e = k
            continue
        if title_after is not None and title_after.start == e:
            lv, ld = _title_value(title_after)
            if lv and lv != "entry":
                seniority = lv  # "Assistant Manager": the last noun decides
            implied = implied or ld
            k = title_after.end
            e = k
            continue
        break
    department = dept or implied or None
    if dept and implied and seniority == "executive" and implied == "executive":
        department = "executive"  # "Owner, marketing" stays the owner
    return (s, e), seniority, department or "", dept_span


def _title_candidates(doc: Doc) -> list[Hit]:
    tokens = doc.tokens
    out = []
    for h in doc.of("title"):
        if doc.has("title_exclude", (max(0, h.start - 2), min(len(tokens), h.end + 2)), local=False):
            ex = doc.has("title_exclude", (max(0, h.start - 2), min(len(tokens), h.end + 2)), local=False)
            if ex.start <= h.start and h.end <= ex.end:
                continue
        if h.end < len(tokens) and tokens[h.end].text == ":":
            continue  # "Owner: Nadia", "owner: Nadia Rahman" is a label
        if doc.in_title(h.start):
            continue
        if h.start > 0 and tokens[h.start - 1].kind == "num" and doc.has("staff", (h.start, h.end), local=False):
            continue  # "40 engineers", "12 prawników": a headcount, not someone's title
        out.append(h)
    return out


def _needs_function(hit: Hit) -> bool:
    """A title word that is a title only with a function beside it ("Marketing Lead",
    "Head of IT"; not "heads up" or "the lead")."""
    value = hit.value or []
    return len(value) > 2 and value[2] == "function"


def _mergeable(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """Title words inside another's extension are one title: keep the leftmost of each."""
    hits = sorted(hits, key=lambda h: h.start)
    out: list[Hit] = []
    last_end = -1
    for h in hits:
        span, _, _, dept_span = extend_title(doc, h)
        if span[0] < last_end:
            continue
        if _needs_function(h) and dept_span is None and span == (h.start, h.end):
            continue
        out.append(h)
        last_end = span[1]
    return out


# --- the reader ----------------------------------------------------------------------------------


def read_person(doc: Doc) -> Person:
    person = Person()
    candidates = [(score, span) for score, span in _name_candidates(doc) if not _our_side(doc, span)]
    if candidates:
        candidates.sort(key=lambda x: (-x[0], x[1][0]))
        span = candidates[0][1]
        person.name_span = span
        person.name = _nominative(doc, span)
    _read_title(doc, person)
    _read_email(doc, person)
    _read_phone(doc, person)
    return person


def _read_title(doc: Doc, person: Person) -> None:
    titles = _mergeable(doc, _title_candidates(doc))
    if not titles:
        return
    labelled = doc.labels.get("title", [])
    chosen: Hit | None = None
    for span in labelled:
        inside = [t for t in titles if span[0] <= t.start < span[1]]
        if inside:
            chosen = inside[0]
            break
    if chosen is None and person.name_span is not None:
        ns, ne = person.name_span
        near = [t for t in titles if doc.line_of(t.start) == doc.line_of(ns) and (0 <= t.start - ne <= 8 or 0 <= ns - t.end <= 3)]
        near += [t for t in titles if doc.line_of(t.start) == doc.line_of(ns) + 1 and doc.lines[doc.line_of(t.start)][0] >= t.start - 1]
        if near:
            chosen = min(near, key=lambda t: abs(t.start - ne))
    if chosen is None:
        free = [t for t in titles if not _third_party_title(doc, t)]
        if free:
            chosen = free[0]
    if chosen is None:
        return
    span, seniority, department, dept_span = extend_title(doc, chosen)
    person.title_span = span
    person.title = doc.words(span).strip(" ,;:-")
    person.seniority = seniority or None
    person.department = department or None
    person.department_span = dept_span


def _third_party_title(doc: Doc, t: Hit) -> bool:
    window = (max(0, t.start - 3), t.start)
    return bool(doc.has("their_possessive", window, local=False) or doc.has("our_possessive", window))


def _shared(doc: Doc, email: str) -> bool:
    local = email.split("@", 1)[0].lower()
    return local in set(doc.lex.common.get("email", {}).get("shared_mailboxes", []))


def _personal(doc: Doc, email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].lower()
    for entry in doc.lex.common.get("email", {}).get("personal_domains", []):
        if "." in entry:
            if domain == entry or domain.endswith("." + entry):
                return True
        elif domain.split(".")[0] == entry:
            return True
    return False


def _read_email(doc: Doc, person: Person) -> None:
    emails = [t for t in doc.tokens if t.kind == "email" and not _shared(doc, t.text)]
    emails = [t for t in emails if doc.voice_at(t.i) != "us" or len(emails) == 1]
    if not emails:
        return
    labelled = [t for t in emails if any(s <= t.i < e for s, e in doc.labels.get("email", []))]
    if labelled:
        pick = labelled[0]
    else:
        business = [t for t in emails if not _personal(doc, t.text)]
        pick = (business or emails)[0]
        if person.name_span is not None:
            near = [t for t in emails if abs(doc.line_of(t.i) - doc.line_of(person.name_span[0])) <= 1]
            if near:
                pick = near[0]
    person.email = pick.text
    person.email_span = (pick.i, pick.i + 1)


def _read_phone(doc: Doc, person: Person) -> None:
    text = doc.text
    labelled_lines = {doc.line_of(s) for s, _ in doc.labels.get("phone", [])}
    cues = [h for h in doc.of("phone_cue", local=False)]
    for m in _PHONE_CANDIDATE.finditer(text):
        raw = m.group().strip(" ./-")
        digits = sum(ch.isdigit() for ch in raw)
        if digits < 7 or digits > 15:
            continue
        if any(d.start < m.end() and m.start() < d.end for d in doc.dates):
            continue
        i = doc.token_at_char(m.start())
        line = doc.line_of(i)
        cued = line in labelled_lines or any(h.end <= i and i - h.end <= 2 for h in cues)
        grouped = " " in raw or "-" in raw or "(" in raw or raw.startswith("+")
        if not (cued or raw.startswith("+") or (grouped and _valid_phone(raw))):
            continue
        if not cued and not raw.startswith("+") and not _valid_phone(raw):
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip(" ./-")))
        person.phone = raw
        person.phone_chars = (start, start + len(raw))
        return


def _valid_phone(raw: str) -> bool:
    """Whether `raw` is a valid number in one of the regions of our languages' countries."""
    try:
        import phonenumbers
    except ImportError:  # without the library, a grouped number of 9+ digits will do
        return sum(ch.isdigit() for ch in raw) >= 9
    for region in ("GB", "US", "IT", "PL", "DE", "CH", "FR", "ES", "NL", "IE"):
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False
