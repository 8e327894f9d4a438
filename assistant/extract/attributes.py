"""Contact and company read from a segmented note by the vocabularies (BANT and lead
source: `bant.py`; record labels: `labels.py`), gathered into `Facts` by `read_facts`.

Record labels ("Title:", "Ruolo:", "Stanowisko:") and CSV headers are read first; free
text second: a title word anchors the job title, the department is read from the words
around it, the company is the name after the title ("at", "di", "w", "@") or the name
before a description in brackets, the industry is read from the description (never from
the company's name), the city and country from the place tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.domain import (
    Bant,
    Company,
    Contact,
    Department,
    Industry,
    LeadSource,
    Seniority,
)
from assistant.extract.bant import read_bant, read_lead_source, read_revenue
from assistant.extract.labels import Labelled, read_labels, trim_name, value_head
from assistant.extract.lexicon import place_code, place_name
from assistant.extract.numbers import find_numbers
from assistant.extract.segments import Doc, trim
from assistant.extract.vocab import fold

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ \t.-]?)?(?:\(?\d{2,4}\)?[ \t.-]?){2,5}\d{2,4}(?![\w])"
)
_PHONE_LABEL = re.compile(
    r"(?i)(?:tel|phone|cell|cellulare|mobile|mob|kom|komórka|telefon|telefono|numer|nr)\.?\s*:?\s*$"
)
_CAP = r"[A-ZÀ-ÖØ-ÞĄĆĘŁŃÓŚŹŻ]"
_LOW = r"[a-zà-öø-ÿąćęłńóśźż]"
_NAME = re.compile(
    rf"(?<![\w]){_CAP}{_LOW}+(?:[-'’]{_CAP}?{_LOW}+)?(?:\s+(?:(?:de|van|der|von|di|da|del|della|dos|du|la|le)\s+)?{_CAP}{_LOW}+(?:-{_CAP}{_LOW}+)?){{1,2}}"
)
_CO_TOKEN = rf"(?:{_CAP}[\w.&'’-]*|[A-Z0-9][\w.&'’-]*\d[\w.&'’-]*|&|and|e|i|und|do|da|de|di|del|van|von|der|den|la|le|du|dos|das|y)"
_COMPANY = re.compile(rf"{_CAP}[\w.&'’-]*(?:[ \t]+{_CO_TOKEN}){{0,5}}")
_CO_PREP = re.compile(
    r"\s*(?:(?:at|di|del|della|dello|presso|w|we|of|in|for|da|z|ze|from)\b|dell['’]|@|\|)\s*",
    re.IGNORECASE,
)
_DESCRIBED = re.compile(
    r"\s*(?:\(|[–—-]\s|,\s+(?:a|an|the|un|una|uno|il|la|to|czyli)\s|,\s+\w+\s+(?:company|firm|brand|chain|azienda|società|catena|firma|sieć|spółka|producent))",
    re.IGNORECASE,
)
_CO_COMMA = re.compile(r"\s*(?:,|\s[–—-])\s*")
_FROM_HEADER = re.compile(
    rf"^(?:from|da|od)\s*:\s*({_NAME.pattern})\s*<", re.MULTILINE | re.IGNORECASE
)
_NAME_AFTER_TITLE = re.compile(
    rf"\s*[,–—-]?\s*({_NAME.pattern})(?=\s*(?:[,.;(]|$|\s(?:at|di|w|from|of)\b))"
)
_BRACKET_AFTER = re.compile(r"\s*\(([^()\n]{2,200})\)")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|pl|it|io|eu|net|org|co\.uk)\b")
_BAD_COMPANY = re.compile(
    r"^(?:he|she|they|it|this|that|lui|lei|loro|on|ona|oni|ten|ta|to|the|our|their|his|her|la|il|lo|una?|nasz\w*|ich|jego|jej|we|i|e|y|and|&|do|da|de|di|del|van|von|der|den|le|du|dos|das"
    r"|linkedin|facebook|instagram|google|whatsapp|excel|crm|email|e-mail|hi|hello|ciao|hej|dzień|note|notes)$",
    re.IGNORECASE,
)


# --- job title -------------------------------------------------------------------------


@dataclass
class Title:
    start: int
    end: int
    anchor: tuple[int, int]
    seniority: str


def _title_anchors(doc: Doc) -> list[Title]:
    lex = doc.lex
    found: list[Title] = []
    for level, pat in lex.seniority.items():
        for m in pat.finditer(doc.folded):
            if m.end() > m.start():
                found.append(Title(m.start(), m.end(), (m.start(), m.end()), level))
    if lex.title_exclude is not None:
        bad = [(m.start(), m.end()) for m in lex.title_exclude.finditer(doc.folded)]
        found = [t for t in found if not any(a < t.end and t.start < b for a, b in bad)]
    # job titles that name no rank ("Product Owner", "Scrum Master"): a title, seniority unknown
    if lex.unranked_titles is not None:
        for m in lex.unranked_titles.finditer(doc.folded):
            found.append(Title(m.start(), m.end(), (m.start(), m.end()), ""))
    # a chat speaker ("Agent: yes!") is no title: a label at a line's start that no name follows
    found = [
        t
        for t in found
        if not (
            doc.text[t.end : t.end + 1] == ":"
            and doc.text[doc.text.rfind("\n", 0, t.start) + 1 : t.start].strip() == ""
            and not re.match(
                r"\s*[A-ZÀ-ÖØ-ÞĄĆĘŁŃÓŚŹŻ]\w+\s+[A-ZÀ-ÖØ-ÞĄĆĘŁŃÓŚŹŻ]",
                doc.text[t.end + 1 : t.end + 60],
            )
        )
    ]
    # a record label for the person ("Referente:", "Contact:") is no title, though the
    # word is one in another language (Polish "referent")
    name_label = lex.labels.get("name")
    if name_label is not None:
        found = [
            t
            for t in found
            if not (
                doc.text[t.end : t.end + 2].lstrip(" ")[:1] == ":"
                and (lm := name_label.match(doc.folded, t.start)) is not None
                and lm.end() >= t.end
            )
        ]
    # at one place the longest title wins ("assistant manager" over "assistant")
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Title] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


_TOKEN = re.compile(r"[^\s,;:()|\[\]'’\"“”„]+(?<!\.)")
_STOP_RIGHT = re.compile(r"^(?:at|@|presso|per|for|with|con|dla|from|u|in)$")
_PREP = re.compile(r"^(?:di|del|della|dello|dell|dei|degli|w|we|of|z|ze|da|ds\.?|do|spraw)$")


def _is_department_word(doc: Doc, s: int, e: int) -> bool:
    lex = doc.lex
    if lex.department_any is not None and lex.department_any.fullmatch(doc.folded, s, e):
        return True
    return any(p.fullmatch(doc.text, s, e) for p in lex.departments_exact.values())


def _department_from(doc: Doc, s: int, limit: int) -> int | None:
    """End of a several-word department name starting at `s` ("risorse umane", "supply chain")."""
    pat = doc.lex.department_any
    if pat is None:
        return None
    m = pat.match(doc.folded, s, limit)
    if m and " " in m.group():
        return m.end()
    return None


def _is_title_word(doc: Doc, s: int, e: int) -> bool:
    """Another title noun right after the anchor ("junior accountant")."""
    return any(p.fullmatch(doc.folded, s, e) for p in doc.lex.seniority.values())


def _is_modifier(doc: Doc, s: int, e: int) -> bool:
    mod = doc.lex.title_modifiers
    return mod is not None and mod.fullmatch(doc.folded, s, e) is not None


def _extend_title(doc: Doc, t: Title) -> Title:
    text = doc.text
    line_start = text.rfind("\n", 0, t.start) + 1
    line_end = text.find("\n", t.end)
    line_end = len(text) if line_end < 0 else line_end
    # left: department words and modifiers only ("Regional Sales Manager")
    left = t.start
    toks = list(_TOKEN.finditer(text, line_start, t.start))
    i = len(toks) - 1
    while i >= max(0, len(toks) - 3):
        tok = toks[i]
        if text[tok.end() : left].strip():
            break
        if _is_department_word(doc, tok.start(), tok.end()) or _is_modifier(
            doc, tok.start(), tok.end()
        ):
            left = tok.start()
            i -= 1
        elif (
            i > 0
            and not text[toks[i - 1].end() : tok.start()].strip()
            and _is_department_word(doc, toks[i - 1].start(), tok.end())
        ):  # a two-word department: "Customer Success Team Lead", "Supply Chain Manager"
            left = toks[i - 1].start()
            i -= 2
        else:
            break
    # right: department words, modifiers and the prepositions that join them
    right = cursor = t.end
    for taken, tok in enumerate(_TOKEN.finditer(text, t.end, line_end)):
        if tok.start() < cursor:
            continue  # inside a several-word department already taken ("risorse umane")
        between = text[cursor : tok.start()]
        if between.strip() and between.strip() not in {"&", "-", "/", "'", "’", "."}:
            break
        word = doc.folded[tok.start() : tok.end()]
        if _STOP_RIGHT.match(word) or taken >= 4:
            break
        longer = _department_from(doc, tok.start(), line_end)
        if longer:
            right = longer
            cursor = longer
            continue
        if _is_department_word(doc, tok.start(), tok.end()) or _is_title_word(
            doc, tok.start(), tok.end()
        ):
            right = tok.end()
        elif not (_is_modifier(doc, tok.start(), tok.end()) or _PREP.match(word)):
            break  # modifiers and prepositions count only if a department word follows
        cursor = tok.end()
    return Title(left, right, t.anchor, t.seniority)


def _department(doc: Doc, t: Title) -> str | None:
    lex = doc.lex
    a0, a1 = t.anchor
    # an unranked title ("Product Owner") implies no function: only its own words say one
    implied = lex.implied_department.items() if t.seniority else ()
    for dept, pat in implied:
        if pat.fullmatch(doc.folded, a0, a1):
            return dept
    for dept, pat in implied:
        if pat.search(doc.folded, t.start, t.end):  # "junior accountant": the noun says finance
            return dept
    best: tuple[int, str] | None = None
    for dept, pat in lex.departments.items():
        for m in pat.finditer(doc.folded, t.start, t.end):
            if best is None or m.start() < best[0]:
                best = (m.start(), dept)
    for dept, pat in lex.departments_exact.items():
        m = pat.search(doc.text, t.start, t.end)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), dept)
    return best[1] if best else None


# --- the reader --------------------------------------------------------------------------


@dataclass
class Facts:
    contact: Contact
    company: Company
    lead_source: LeadSource | None
    bant: Bant
    company_spans: list[tuple[int, int]]


def _pick_title(
    doc: Doc, labelled: Labelled, anchors: list[Title], name_span: tuple[int, int] | None
) -> Title | None:
    if not anchors:
        return None
    if "title" in labelled.spans:
        ls, le = labelled.spans["title"]
        inside = [t for t in anchors if ls <= t.start < le]
        if inside:
            return inside[0]
    if name_span is not None:
        near = [
            t for t in anchors if 0 <= t.start - name_span[1] <= 6 or 0 <= name_span[0] - t.end <= 6
        ]
        if near:
            return near[0]
    return anchors[0]


def _name_before(doc: Doc, pos: int) -> tuple[int, int] | None:
    window_start = max(0, pos - 60)
    best = None
    # every capitalised word may start the name ("Dzisiaj Pan Marek Zając, prezes"): the
    # words that are not a name are cleaned off afterwards
    for w in re.finditer(rf"(?<!\w){_CAP}", doc.text[window_start:pos]):
        m = _NAME.match(doc.text, window_start + w.start(), pos)
        if m is None:
            continue
        tail = doc.text[m.end() : pos]
        if re.fullmatch(
            r"\s*(?:[(<][^()<>\n]{3,60}[)>]\s*)?(?:,|–|—|-|\(|\||:)?\s*"
            r"(?:(?:is|è|jest|the|a|an|la|il)\s+)?",
            tail,
        ) and (best is None or m.start() >= best[1]):
            best = (m.start(), m.end())
    return best


def _clean_company(text: str, s: int, e: int, *, keep: str = "tail") -> tuple[int, int] | None:
    """The company name in [s, e): never across a sentence break; `keep` says which side of
    one holds the name ("head" after a title: "Lumen Ltd. She..."; "tail" before a bracket)."""
    # a name never runs across a sentence: "...Manager'. Pipecrest" -> "Pipecrest"
    cuts = [m.start() for m in re.finditer(rf"[.,]\s+(?={_CAP})|\n", text[s:e])]
    if cuts and keep == "tail":
        s += cuts[-1] + 1
    elif cuts:
        e = s + cuts[0] + 1
    s, e = trim_name(text, s, e)
    words = text[s:e].split()
    while words and _BAD_COMPANY.match(words[-1]):
        e = s + len(" ".join(words[:-1]))
        words = words[:-1]
    if not words or _BAD_COMPANY.match(words[0]) or e - s < 2:
        return None
    return s, e


def _company_after(doc: Doc, pos: int, *, named: bool = False) -> tuple[int, int] | None:
    """The company after a title: "at/di/w X", or "Title, X" when the person's name came
    before the title ("Hannah Cole, HR Manager, Brightway Schools")."""
    text = doc.text
    m = _CO_PREP.match(text, pos) or _CO_COMMA.match(text, pos)
    if not m:
        return None
    c = _COMPANY.match(text, m.end())
    if not c:
        return None
    if not _CO_PREP.match(text, pos) and _CO_PREP.match(
        text, c.end() + (text[c.end() : c.end() + 1] == ",")
    ):
        # "Head of IT, Priyanka Rao, at Medisure": the name after the comma is the person
        return _company_after(doc, c.end() + (1 if text[c.end() : c.end() + 1] == "," else 0))
    end = c.end()
    lex = doc.lex
    legal = False
    if lex.legal_suffix is not None:
        # a legal form may run past the capitalised words ("TransKrak Sp. z o.o.")
        for lm in lex.legal_suffix.finditer(doc.folded, c.start(), min(len(text), end + 14)):
            if lm.start() < end < lm.end() or lm.start() in (end, end + 1) or lm.end() == end:
                end = max(end, lm.end())
                legal = True
                break
    # "Raj Patel (Data Analyst, Corbin & Hale Insurance)": the bracket after a name holds
    # its title and then its company; "&" never joins a person's name
    bracketed = (
        text.rfind("(", 0, pos) > text.rfind(")", 0, pos) and text[end:].lstrip()[:1] in "),"
    )
    if named and not legal and not _CO_PREP.match(text, pos):
        first = re.match(r"\S+", text[c.start() : end])
        fs, fe = c.start(), c.start() + (first.end() if first else 0)
        if doc.lex.places is not None and doc.lex.places.match(doc.folded, fs, end):
            return None  # "Anna Rossi, CEO, Milano": a city, not the company
        if (
            fs < fe
            and doc.lex.countries is not None
            and doc.lex.countries.fullmatch(doc.folded, fs, fe)
        ):
            return None
    if (
        not _CO_PREP.match(text, pos)
        and not legal
        and not bracketed
        and not named
        and " & " not in text[c.start() : end]
        and not _DESCRIBED.match(text, end)
    ):
        # after a bare comma a name with no legal form or description is the person
        # ("Parlato con il CEO, Andrea Costa."), not the company
        return None
    return _clean_company(text, c.start(), end, keep="head")


def _company_before_bracket(doc: Doc, skip: tuple[int, int] | None) -> tuple[int, int] | None:
    """'Nordhaven (B2B SaaS, 35 people, Berlin)': a name followed by a description."""
    for m in re.finditer(r"\(([^()\n]{3,200})\)", doc.text):
        inner_s, inner_e = m.start(1), m.end(1)
        inner = doc.folded[inner_s:inner_e]
        if any(inner_s <= t.start <= inner_s + 2 for t in _title_anchors(doc)):
            continue  # "Federica (titolare di ...)": a person and their title
        describes = bool(_employee_count(doc, inner_s, inner_e)) or any(
            p.search(inner) for _, p in doc.lex.industries
        )
        if not describes:
            continue
        head = doc.text[max(0, m.start() - 80) : m.start()].rstrip()
        hm = re.search(rf"((?:{_CAP}|[A-Z0-9])[\w.&'’-]*(?:[ \t]+{_CO_TOKEN}){{0,5}})$", head)
        if not hm:
            continue
        s = max(0, m.start() - 80) + hm.start(1)
        e = max(0, m.start() - 80) + hm.end(1)
        span = _clean_company(doc.text, s, e)
        if (
            span
            and not (skip and span[0] < skip[1] and skip[0] < span[1])
            and not _is_place(doc, *span)
        ):
            return span
    return None


def _is_place(doc: Doc, s: int, e: int) -> bool:
    places = doc.lex.places
    return places is not None and places.fullmatch(doc.folded, s, e) is not None


def _company_is_a(doc: Doc, person: Span | None = None) -> tuple[int, int] | None:
    # "Dana at Lumen Bank", "Jen @ Orchard Dental": a first name, then where they work
    at = re.search(
        rf"(?<![\w.])(?:{_CAP}{_LOW}+)\s+(?:at|@)\s+({_CAP}[\w.&'’-]*(?:[ \t]+{_CO_TOKEN}){{0,4}})",
        doc.text,
    )
    if at:
        span = _clean_company(doc.text, at.start(1), at.end(1), keep="head")
        if span and not _is_place(doc, *span) and not _is_title_like(doc, *span):
            return span
    named = re.search(
        rf"(?:\b(?:z|ze)\s+firmy|\bfirma|\bfrom|\bdella\s+ditta|\bdell['’]azienda|\bdall['’]azienda|\bspółka|\bsociet[àa])\s+({_CAP}[\w.&'’-]*(?:[ \t]+{_CO_TOKEN}){{0,4}})",
        doc.text,
    )
    if named:
        span = _clean_company(doc.text, named.start(1), named.end(1), keep="head")
        if (
            span
            and not _is_place(doc, *span)
            and not (person and span[0] < person[1] and person[0] < span[1])
        ):
            return span
    m = re.search(
        rf"((?:{_CAP})[\w.&'’-]*(?:[ \t]+{_CAP}[\w.&'’-]*){{0,3}})\s+(?:is\s+(?:a|an|another|the)|è\s+(?:un|una|un')|to\s+(?:polsk\w+|firma|spółka|sklep|sieć|producent|dostawca|\w+\s+SaaS|SaaS))\b",
        doc.text,
    )
    if m:
        return _clean_company(doc.text, m.start(1), m.end(1))
    return None


def _employee_count(doc: Doc, start: int, end: int) -> int | None:
    lex = doc.lex
    for n in find_numbers(doc.text[start:end], lex.langs[0]):
        s, e = start + n.start, start + n.end
        if n.value < 1 or n.value != int(n.value):
            continue
        prev = doc.folded[max(0, s - 14) : s].rstrip()
        if lex.employee_not_before is not None and any(
            m.end() == len(prev) for m in lex.employee_not_before.finditer(prev)
        ):
            continue  # "has invited 4 colleagues": invitees, not the company's staff
        after = doc.folded[e:end]
        m = re.match(r"\s*(?:\+|\s)?\s*", after)
        rest_start = e + (m.end() if m else 0)
        if lex.employee_after is not None and lex.employee_after.match(
            doc.folded, rest_start, min(end, rest_start + 30)
        ):
            return int(n.value)
        if lex.employee_before is not None:
            before = doc.folded[max(start, s - 30) : s]
            bm = _last_match(lex.employee_before, before)
            if bm is not None and before[bm.end() :].strip(" :~") == "":
                return int(n.value)
    return None


def _last_match(pat: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pat.finditer(text):  # noqa: B007 - we want the last one
        pass
    return last


def _cities(doc: Doc, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    lex = doc.lex
    if lex.places is None:
        return []
    end = len(doc.text) if end is None else end
    out = []
    for m in lex.places.finditer(doc.folded, start, end):
        code = place_code(lex.place_codes, m.group())
        if code:
            out.append((m.start(), m.end(), code))
    return out


def _countries(doc: Doc, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    lex = doc.lex
    out: list[tuple[int, str]] = []
    if lex.countries is not None:
        for m in lex.countries.finditer(doc.folded):
            if not doc.text[m.start()].isupper() or any(a <= m.start() < b for a, b in skip):
                continue
            if m.end() - m.start() <= 3 and not doc.text[m.start() : m.end()].isupper():
                continue  # "USA", "UK" are written in capitals; "Usa attivamente" is a verb
            code = place_code(lex.country_codes, m.group())
            if code:
                out.append((m.start(), code))
    return out


def _industry(doc: Doc, zones: list[tuple[int, int]], skip: list[tuple[int, int]]) -> str | None:
    masked = list(doc.folded)
    for a, b in skip:
        for i in range(a, min(b, len(masked))):
            masked[i] = " "
    folded = "".join(masked)
    for zs, ze in zones:
        best: tuple[int, int, str] | None = None
        for order, (industry, pat) in enumerate(doc.lex.industries):
            m = pat.search(folded, zs, ze)
            if m and (best is None or (m.start(), order) < (best[0], best[1])):
                best = (m.start(), order, industry)
        if best:
            return best[2]
    return None


_SHARED_MAILBOXES = frozenset(
    {
        "info",
        "sales",
        "noreply",
        "no-reply",
        "support",
        "contact",
        "hello",
        "office",
        "biuro",
        "kontakt",
        "admin",
    }
)


def _email(doc: Doc, labelled: Labelled) -> str | None:
    """The lead's email: a labelled one, else the first personal-to-the-lead address; a
    business address wins over a free-mail one when the note gives both."""
    if "email" in labelled.spans:
        s, e = labelled.spans["email"]
        m = _EMAIL.search(doc.text, s, e)
        if m:
            return m.group()
    found = [
        m.group()
        for m in _EMAIL.finditer(doc.text)
        if m.group().split("@")[0].lower() not in _SHARED_MAILBOXES
    ]
    business = [e for e in found if not is_personal_email(e, doc.lex.personal_domains)]
    return (business or found or [None])[0]


# national numbers written without a label: "029 2018 4410" (UK), "02 4455 6677" and
# "335 7345678" (IT), "58 123 45 67" (PL)
_NATIONAL_PHONE = re.compile(
    r"0\d{1,4}(?:[ .-]\d{2,4}){2,3}|3\d{2}[ .-]?\d{6,7}|\d{2}[ .-]\d{3}[ .-]\d{2}[ .-]\d{2}"
)


def _phone(doc: Doc, labelled: Labelled, date_spans: list[tuple[int, int]]) -> str | None:
    if "phone" in labelled.spans:
        s, e = labelled.spans["phone"]
        m = _PHONE.search(doc.text, s, e)
        if m:
            return m.group().strip()
    for m in _PHONE.finditer(doc.text):
        raw = m.group()
        digits = sum(ch.isdigit() for ch in raw)
        if digits < 9 or digits > 15 or any(a < m.end() and m.start() < b for a, b in date_spans):
            continue
        if re.search(r"\d[./]\d{1,2}[./]\d", raw) or re.fullmatch(
            r"\d{4}-\d{2}-\d{2}.*", raw.strip()
        ):
            continue
        labelled_before = _PHONE_LABEL.search(doc.text[max(0, m.start() - 15) : m.start()])
        if (
            raw.lstrip().startswith("+")
            or labelled_before
            or re.fullmatch(r"\d{3}[ .-]\d{3}[ .-]\d{3,4}", raw.strip())
            or _NATIONAL_PHONE.fullmatch(raw.strip())
        ):
            return raw.strip()
    return None


def is_personal_email(email: str, personal_domains: tuple[str, ...]) -> bool:
    """Whether `email` is at a free-mail provider (gmail.com, wp.pl, libero.it ...)."""
    domain = email.rsplit("@", 1)[-1].lower()
    for entry in personal_domains:
        if "." in entry:
            if domain == entry or domain.endswith("." + entry):
                return True
        elif domain.split(".")[0] == entry:
            return True
    return False


Span = tuple[int, int]


@dataclass
class _Person:
    name: Span | None
    title: Title | None  # extended to its department words
    job_title: str | None


_NAME_WORD = re.compile(r"([^\W\d_]+)\.?\s+")
_HONORIFIC_DOT = re.compile(r"[^\W\d_]{1,5}\.(?:[^\W\d_]{1,3}\.?)?\s+")


def _clean_name(doc: Doc, span: Span | None) -> Span | None:
    """A name without the words that open a sentence or greet ("Ieri", "Yesterday", "Call")
    and without honorifics ("Pani", "Dr", "Sig"): "Ieri Marco Rossi" -> "Marco Rossi"."""
    if span is None:
        return None
    s, e = span
    while (m := _NAME_WORD.match(doc.text, s, e)) and fold(m.group(1)) in doc.lex.name_drop:
        s += m.end() - m.start()
    if s >= e or fold(doc.text[s:e]) in doc.lex.name_drop or not doc.text[s].isupper():
        return None
    # "Giulia Neri di Ortofrutta": two words of a name, then the company after its preposition
    words = list(re.finditer(r"\S+", doc.text[s:e]))
    after = doc.lex.name_company_after
    for i, w in enumerate(words[2:-1], start=2):
        if after is not None and after.fullmatch(fold(w.group())):
            return s, s + words[i - 1].end()
    return s, e


# Polish names after "z", "poznałem", "do": the instrumental or accusative back to the
# nominative when the surname shows the case ("z Anną Nowakowską" -> "Anna Nowakowska")
_PL_SURNAME_CASE = [
    (re.compile(r"(sk|ck|dzk)im$"), r"\1i", "em"),
    (re.compile(r"(sk|ck|dzk)iego$"), r"\1i", "a"),
    (re.compile(r"(sk|ck|dzk)ą$"), r"\1a", "ą"),
    (re.compile(r"(sk|ck|dzk)ą$"), r"\1a", "ę"),
]


def _nominative_pl(name: str) -> str:
    words = name.split()
    if len(words) != 2:
        return name
    first, last = words
    for pat, repl, first_end in _PL_SURNAME_CASE:
        if pat.search(last):
            last = pat.sub(repl, last)
            if first.endswith(first_end) and len(first) > len(first_end) + 2:
                first = first[: -len(first_end)] + ("a" if first_end in "ąę" else "")
            return f"{first} {last}"
    if first.endswith("ą") and len(first) > 3:  # "z Anną Nowak": a first name in -ą
        return f"{first[:-1]}a {last}"
    return name


def _is_title_like(doc: Doc, s: int, e: int) -> bool:
    """Title or department words are not a name ("Marketing Director from Acme")."""
    lex = doc.lex
    pats = [*lex.seniority.values(), lex.department_any]
    return any(p is not None and p.search(doc.folded, s, e) for p in pats)


def _name_after_cue(doc: Doc) -> Span | None:
    """ "Met Aoife Brennan at the fair", "chiamata con Giulia Neri", "rozmowa z Anną Nowak"."""
    lex = doc.lex
    if lex.name_before is None:
        return None
    for m in lex.name_before.finditer(doc.folded):
        pos = m.end()
        while pos < len(doc.text) and doc.text[pos] in " \t":
            pos += 1
        if hon := _HONORIFIC_DOT.match(doc.text, pos):
            pos = hon.end()
        nm = _NAME.match(doc.text, pos)
        if nm and not _is_title_like(doc, nm.start(), nm.end()):
            span = _clean_name(doc, (nm.start(), nm.end()))
            if span:
                return span
    return None


def _name_before_company(doc: Doc) -> Span | None:
    """A name opening a sentence and followed by its company: "Omar Haddad from Dunecrest"."""
    lex = doc.lex
    if lex.name_company_after is None:
        return None
    for ss, se in doc.sentences:
        pos = ss + len(doc.text[ss:se]) - len(doc.text[ss:se].lstrip(" \t-•*>"))
        nm = _NAME.match(doc.text, pos, se)
        if not nm or _is_title_like(doc, nm.start(), nm.end()):
            continue
        after = re.match(r"\s+(\S+)\s+(?=[A-Z0-9])", doc.text[nm.end() : se])
        if after and lex.name_company_after.fullmatch(
            doc.folded, nm.end() + after.start(1), nm.end() + after.end(1)
        ):
            span = _clean_name(doc, (nm.start(), nm.end()))
            if span:
                return span
    return None


def _read_person(doc: Doc, labelled: Labelled) -> _Person:
    """Name and job title: labelled fields, an email header, or the name beside a title."""
    text = doc.text
    name: Span | None = None
    if "name" in labelled.spans:
        s, e = value_head(text, *labelled.spans["name"])
        nm = _NAME.search(text, s, e)
        if nm:
            name = (nm.start(), nm.end())
    if name is None:
        fm = _FROM_HEADER.search(text)
        if fm:
            name = (fm.start(1), fm.end(1))
    anchors = _title_anchors(doc)
    if name is None:
        for t in anchors:
            name = _name_before(doc, _extend_title(doc, t).start)
            if name:
                break
    picked = _pick_title(doc, labelled, anchors, name)
    if picked is None:
        job_title = None
        if "title" in labelled.spans:
            a, b = value_head(text, *labelled.spans["title"])
            job_title = text[a:b] or None
        return _Person(_clean_name(doc, name) or _name_fallback(doc), None, job_title)
    title = _extend_title(doc, picked)
    if name is None:  # "the Head of IT, Priyanka Rao, at Medisure"
        nm = _NAME_AFTER_TITLE.match(text, title.end)
        if nm:
            name = (nm.start(1), nm.end(1))
    a, b = trim(text, title.start, title.end)
    return _Person(_clean_name(doc, name) or _name_fallback(doc), title, text[a:b])


def _name_fallback(doc: Doc) -> Span | None:
    return _name_after_cue(doc) or _name_before_company(doc) or _name_opening_a_sentence(doc)


def _name_opening_a_sentence(doc: Doc) -> Span | None:
    """A name that opens a sentence and acts: after a title of address ("Pani Ewa Nowak
    pobrała...", "Sig.ra Laura Bianchi ha scaricato") or after a date word ("Yesterday Jane
    Roe downloaded...", "Oggi Marco Neri ha chiesto...")."""
    lex, text = doc.lex, doc.text
    for ss, se in doc.sentences:
        pos = ss + len(text[ss:se]) - len(text[ss:se].lstrip(" \t-•*>"))
        hon = lex.honorifics.match(doc.folded, pos, se) if lex.honorifics is not None else None
        if hon is not None and text[pos : pos + 1].isupper():
            after = re.match(r"\.?\s+", text[hon.end() : se])
            if after:
                nm = _NAME.match(text, hon.end() + after.end(), se)
                if nm and not _is_title_like(doc, nm.start(), nm.end()):
                    return _clean_name(doc, (nm.start(), nm.end()))
            continue
        dropped = False
        while (w := _NAME_WORD.match(text, pos, se)) and fold(w.group(1)) in lex.name_drop:
            pos, dropped = w.end(), True
        if not dropped:
            continue
        nm = _NAME.match(text, pos, se)
        if nm is None or _is_title_like(doc, nm.start(), nm.end()):
            continue
        words = text[nm.start() : nm.end()].split()
        verb = re.match(r"\s+[a-zà-ÿąćęłńóśźż]", text[nm.end() : se])
        if (
            len(words) == 2
            and verb
            and fold(words[-1]) not in lex.not_surnames
            and not (lex.places is not None and lex.places.match(doc.folded, nm.start(), nm.end()))
        ):
            return _clean_name(doc, (nm.start(), nm.end()))
    return None


def _read_company_name(doc: Doc, labelled: Labelled, person: _Person) -> Span | None:
    text = doc.text
    if "company" in labelled.spans:
        return value_head(text, *labelled.spans["company"])
    span = None
    if person.title:
        # "Name, Title, Company" / "Name (Title, Company)": the name stands right before
        named = person.name is not None and 0 <= person.title.start - person.name[1] <= 3
        span = _company_after(doc, person.title.end, named=named)
    span = span or _company_before_bracket(doc, person.name)
    if span is None and doc.lex.legal_suffix is not None:
        for m in doc.lex.legal_suffix.finditer(doc.folded):
            head = text[max(0, m.start() - 60) : m.start()]
            hm = re.search(rf"((?:{_CAP}[\w&'’.-]*[ \t]+){{1,4}})$", head)
            if hm:
                span = _clean_company(text, m.start() - len(head) + hm.start(1), m.end())
                if span:
                    break
    return span or _company_is_a(doc, person.name)


def _description_after(text: str, end: int) -> Span | None:
    """The bracket right after a company name: "Acme (B2B SaaS, 40 people, Leeds)"."""
    bm = _BRACKET_AFTER.match(text, end)
    return (bm.start(1), bm.end(1)) if bm else None


def _headcount(doc: Doc, labelled: Labelled, company_spans: list[Span]) -> int | None:
    if "employees" in labelled.spans:
        s, e = labelled.spans["employees"]
        nums = find_numbers(doc.text[s:e], doc.lex.langs[0])
        if nums and nums[0].value == int(nums[0].value):
            return int(nums[0].value)
    for _, ce in company_spans:  # the company's own description first ("Acme (120 staff)")
        desc = _description_after(doc.text, ce)
        if desc and (found := _employee_count(doc, *desc)) is not None:
            return found
    return _employee_count(doc, 0, len(doc.text))


def _industry_zones(doc: Doc, labelled: Labelled, company_spans: list[Span]) -> list[Span]:
    """Where a company's description is, nearest first; the whole note last."""
    zones: list[Span] = []
    if "industry" in labelled.spans:
        zones.append(labelled.spans["industry"])
    for cs, ce in company_spans:
        desc = _description_after(doc.text, ce)
        if desc:
            zones.append(desc)
        zones.append(doc.clauses[doc.clause_of(cs)])
        zones.append((max(0, cs - 40), cs))
        zones.append(doc.sentences[doc.sentence_of(cs)])
    if "company" in labelled.spans:
        zones.append(labelled.spans["company"])
    zones.append((0, len(doc.text)))
    return zones


def _place(
    doc: Doc,
    labelled: Labelled,
    company_spans: list[Span],
    skip: list[Span],
    not_places: list[Span],
) -> tuple[str | None, str | None]:
    """(city as written, country code): a labelled city, the city in the company's
    description, a city after "HQ"/"sede a"/"w", any city; else a country name, else a
    demonym ("a Polish SaaS")."""
    lex, text = doc.lex, doc.text
    city: str | None = None
    hit: tuple[int, int, str] | None = None
    if "city" in labelled.spans:
        s, e = labelled.spans["city"]
        found = _cities(doc, s, e)
        if found:
            hit = found[0]
        else:
            a, b = value_head(text, s, e)
            city = text[a:b] or None
    if hit is None:
        candidates = [c for c in _cities(doc) if not _inside(c[0], not_places)]
        for _, ce in company_spans:
            desc = _description_after(text, ce)
            inside = [c for c in candidates if desc and desc[0] <= c[0] < desc[1]]
            if inside:
                hit = inside[0]
                break
        if hit is None and lex.city_markers is not None:
            for c in candidates:
                before = doc.folded[max(0, c[0] - 30) : c[0]].rstrip()
                m = _last_match(lex.city_markers, before)
                if m is not None and m.end() == len(before) and not _inside(c[0], company_spans):
                    hit = c
                    break
        if hit is None:
            outside = [c for c in candidates if not _inside(c[0], company_spans)]
            hit = outside[0] if outside else None
    country: str | None = None
    if hit is not None:
        city = place_name(lex, doc.folded[hit[0] : hit[1]], text[hit[0] : hit[1]])
        country = hit[2]
    if "country" in labelled.spans and lex.countries is not None:
        m = lex.countries.search(doc.folded, *labelled.spans["country"])
        if m:
            country = place_code(lex.country_codes, m.group()) or country
    if country is None:
        named = _countries(doc, skip)
        country = named[0][1] if named else None
    if country is None and lex.demonyms is not None:
        for m in lex.demonyms.finditer(doc.folded):
            if not _inside(m.start(), skip) and (code := place_code(lex.demonym_codes, m.group())):
                return city, code
    return city, country


def _person_name(doc: Doc, span: Span | None) -> str | None:
    if span is None:
        return None
    name = doc.text[span[0] : span[1]]
    return _nominative_pl(name) if doc.lex.langs[0] == "pl" else name


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def read_facts(doc: Doc, *, as_of: date, date_spans: list[Span]) -> Facts:
    """Every contact, company, BANT and lead-source fact of the note."""
    text = doc.text
    labelled = read_labels(doc)
    person = _read_person(doc, labelled)
    company_span = _read_company_name(doc, labelled, person)
    company_name = text[company_span[0] : company_span[1]] if company_span else None
    company_spans: list[Span] = []
    if company_name and company_span:
        company_spans = [(m.start(), m.end()) for m in re.finditer(re.escape(company_name), text)]
        if company_span not in company_spans:
            company_spans.append(company_span)

    emails = [(m.start(), m.end()) for m in _EMAIL.finditer(text)]
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    # words that never describe the company's trade or place: its name, addresses, quoted
    # titles, the person's name and their job title ("Dyrektor finansowy" is not a bank)
    skip = company_spans + emails + urls + doc.quotes
    skip += [person.name] if person.name else []
    skip += [(person.title.start, person.title.end)] if person.title else []

    industry = _industry(doc, _industry_zones(doc, labelled, company_spans), skip)
    city, country = _place(doc, labelled, company_spans, skip, emails + urls)
    bant, budget_currency = read_bant(doc, labelled, as_of=as_of)
    revenue, revenue_currency = read_revenue(doc)
    title = person.title
    department = _department(doc, title) if title else None
    contact = Contact(
        name=_person_name(doc, person.name),
        email=_email(doc, labelled),
        phone=_phone(doc, labelled, date_spans),
        job_title=person.job_title,
        seniority=Seniority(title.seniority) if title and title.seniority else None,
        department=Department(department) if department else None,
    )
    company = Company(
        name=company_name,
        industry=Industry(industry) if industry else None,
        employees=_headcount(doc, labelled, company_spans),
        annual_revenue=revenue,
        currency=revenue_currency or budget_currency,
        country=country,
        city=city,
    )
    return Facts(
        contact=contact,
        company=company,
        lead_source=read_lead_source(doc),
        bant=bant,
        company_spans=company_spans,
    )
