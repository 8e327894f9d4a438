"""The lead's company: its name, what it does (industry), its size, revenue and place,
each with the token span it was read from.

- Name: a "Company:" label, the words after a title or a name ("Head of IT at Lumen",
  "Jane @ Orchard Dental", "Anna (CFO, Vela)"), or capitalised words ending in a legal form
  ("TransKrak Sp. z o.o.").
- Industry: only from words that describe the company, never from its name: a bracket or an
  apposition right after it ("Loomwork (online-only homeware brand)", ", a logistics firm"),
  a sentence saying what they do ("they build BI dashboards", "producono mobili"), or an
  "Industry:" label. Words naming their customers ("for retail chains") or a topic
  ("a thesis on e-commerce") are not their industry.
- Size: a number before a word for people ("~220 emps", "ca 210 dip.", "2 500 prac.",
  "45-person firm"), or a size in words ("just me and my sister", "una trentina");
  never users, seats, stores, invitees or one team.
- Place: a city, country or demonym of the company or the person (a label, the company's
  description, "based in", a signature), never the city of an event we met them at.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.extract.engine.doc import Doc, Span
from assistant.extract.engine.lexicon import Hit
from assistant.extract.engine.people import Person, name_at
from assistant.extract.numbers import find_amounts, find_numbers

__all__ = ["Company", "read_company"]

_STOP = frozenset({",", ";", ":", "(", ")", "[", "]", "|", ".", "!", "?", "\"", "“", "”", "'", "/", "<", ">"})


@dataclass
class Company:
    name: str | None = None
    name_span: Span | None = None
    industry: str | None = None
    industry_span: Span | None = None
    employees: int | None = None
    employees_chars: tuple[int, int] | None = None
    revenue: float | None = None
    revenue_chars: tuple[int, int] | None = None
    currency: str | None = None
    currency_chars: tuple[int, int] | None = None
    city: str | None = None
    city_span: Span | None = None
    country: str | None = None
    country_span: Span | None = None


# --- the name ------------------------------------------------------------------------------------


def _company_words(doc: Doc, i: int, *, limit: int = 5) -> Span | None:
    """Capitalised words (with '&', digits and connectors) from token i, up to a stop."""
    tokens = doc.tokens
    if i >= len(tokens):
        return None
    first = tokens[i]
    if not (first.capitalised or first.kind == "num" or (first.kind == "word" and any(c.isupper() for c in first.text))):
        return None
    if any(h.cls in ("not_name", "lead_pronoun", "first_person", "title", "neg") and h.start == i for h in doc.at(i)):
        return None
    line = doc.line_of(i)
    j = i
    end = i
    words = 0
    while j < len(tokens) and doc.line_of(j) == line and words < limit:
        tok = tokens[j]
        if tok.text in _STOP:
            break
        legal = doc.first_at("legal_suffix", j, local=False)
        if legal is not None:
            end = legal.end
            j = legal.end
            break
        if tok.capitalised or tok.upper or tok.kind == "num" or tok.text in ("&", "+", "-") or any(c.isupper() for c in tok.text):
            if tok.kind == "word" and any(h.start == j and h.cls in ("lead_pronoun", "first_person") for h in doc.at(j)):
                break
            words += 1
            j += 1
            if tok.text not in ("&", "+", "-"):
                end = j
            continue
        connector = any(h.end == j + 1 for h in doc.starting("name_connector", j, j + 1, local=False))
        if tok.kind == "word" and connector and j + 1 < len(tokens) and tokens[j + 1].capitalised:
            j += 1  # "Print & Pack", "Bianchi e Figli", "Van der Berg"
            continue
        break
    if end <= i:
        return None
    return (i, end)


def _clean(doc: Doc, span: Span, person: Person) -> Span | None:
    """Drop a person's name, a place or a title from the edges of a company span."""
    s, e = span
    if person.name_span and s < person.name_span[1] and person.name_span[0] < e:
        return None
    while e > s and any(h.start >= s and h.end == e and h.cls in ("city", "country", "region") for h in doc.of("city", local=False) + doc.of("country", local=False)):
        e -= 1
    if e <= s:
        return None
    if any(h.start == s and h.end >= e and h.cls in ("city", "country", "title", "department", "not_name")
           for h in doc.at(s)):
        return None
    return s, e


def _name_candidates(doc: Doc, person: Person) -> list[tuple[int, Span]]:
    tokens = doc.tokens
    out: list[tuple[int, Span]] = []
    for span in doc.labels.get("company", []):
        got = _company_words(doc, span[0]) or (span if span[1] - span[0] <= 6 else None)
        if got:
            out.append((10, got))
    legal = doc.of("legal_suffix", local=False)
    for h in legal:
        for start in range(max(0, h.start - 5), h.start):
            got = _company_words(doc, start)
            if got and got[1] >= h.end:
                out.append((8, got))
                break
    anchors: list[int] = []
    if person.title_span:
        anchors.append(person.title_span[1])
    if person.name_span:
        anchors.append(person.name_span[1])
    for a in anchors:
        k = a
        prep = doc.first_at("company_after", k, local=False)
        if prep is None and k < len(tokens) and tokens[k].text in (",", "-", "–", "|", "("):
            k += 1
            prep = doc.first_at("company_after", k, local=False)
            if prep is None and person.title_span and a == person.title_span[1]:
                got = _company_words(doc, k)
                if got and not _is_place(doc, got):
                    out.append((6, got))
                continue
        if prep is not None:
            got = _company_words(doc, prep.end)
            if got:
                out.append((9, got))
    for h in doc.of("company_intro", local=False):
        got = _company_words(doc, h.end)
        if got:
            out.append((7, got))
    return out


def _is_place(doc: Doc, span: Span) -> bool:
    return any(h.start == span[0] and h.end == span[1] for cls in ("city", "country", "region")
               for h in doc.of(cls, local=False))


# --- descriptions and industry ------------------------------------------------------------------


def _zones(doc: Doc, company: Company) -> list[Span]:
    """Where the company is described, nearest first."""
    tokens = doc.tokens
    zones: list[Span] = []
    zones.extend(doc.labels.get("industry", []))
    if company.name_span:
        e = company.name_span[1]
        if e < len(tokens) and tokens[e].text == "(":
            close = next((k for k in range(e + 1, min(len(tokens), e + 40)) if tokens[k].text == ")"), None)
            if close:
                zones.append((e + 1, close))
        clause = doc.clauses[doc.clause_of(e)] if e < len(tokens) else None
        nxt = doc.clause_of(e) + 1
        if e < len(tokens) and tokens[e].text in (",", "-", "–", "—") and nxt < len(doc.clauses):
            zones.append(doc.clauses[nxt])
        if clause:
            zones.append(clause)
    for span in doc.labels.get("notes", []):
        zones.append(span)
    for sentence in doc.sentences:
        if doc.has("describe", sentence) or doc.has("company_noun", sentence, local=False):
            zones.append(sentence)
    # the rest of the note last: terse notes describe a company without a verb ("SaaS for
    # accountants", "Eco cleaning products webshop")
    zones.append((0, len(tokens)))
    return zones


def _industry(doc: Doc, company: Company, person: Person) -> tuple[str, Span] | None:
    skip: list[Span] = []
    if company.name_span:
        skip.extend(_occurrences(doc, company.name_span))
    if person.name_span:
        skip.append(person.name_span)
    if person.title_span:
        skip.append(person.title_span)
    hits = doc.of("industry", local=False)
    for zone in _zones(doc, company):
        found: list[Hit] = []
        for h in hits:
            if not (zone[0] <= h.start and h.end <= zone[1]):
                continue
            if any(a <= h.start < b for a, b in skip) or doc.in_title(h.start) or (doc.in_quote(h.start) and doc.voice_at(h.start) == "us"):
                continue
            if doc.has("for_customers", (max(zone[0], h.start - 3), h.start)):
                continue  # "dashboards for retail chains": their customers' trade
            topic = doc.has("topic_of", (max(zone[0], h.start - 3), h.start), local=False)
            if topic is not None and not _compound_head(doc, topic):
                continue  # "a thesis on e-commerce": a topic
            found.append(h)
        if found:
            # the most specific description wins ("online grocery delivery shop" is an
            # online shop, not a grocer), then the first
            best = min(found, key=lambda h: (-(h.end - h.start), h.start))
            return str(best.value), (best.start, best.end)
    return None


def _compound_head(doc: Doc, h: Hit) -> bool:
    """A word glued by a hyphen to the next one modifies it ("project-management SaaS"): it
    is no topic of its own."""
    tokens = doc.tokens
    k = h.end
    return (k + 1 < len(tokens) and tokens[k].text == "-" and tokens[k].start == tokens[k - 1].end
            and tokens[k + 1].start == tokens[k].end)


def _occurrences(doc: Doc, span: Span) -> list[Span]:
    """Every place the words of `span` stand in the note (a company named twice)."""
    folds = [t.fold for t in doc.tokens[span[0] : span[1]]]
    n = len(folds)
    return [
        (k, k + n) for k in range(len(doc.tokens) - n + 1)
        if [t.fold for t in doc.tokens[k : k + n]] == folds
    ]


# --- size -------------------------------------------------------------------------------------


def _employees(doc: Doc, company: Company) -> tuple[int, tuple[int, int]] | None:
    text, tokens = doc.text, doc.tokens
    labelled = doc.labels.get("employees", [])
    for span in labelled:
        a, b = doc.chars(span)
        nums = [n for n in find_numbers(text[a:b]) if n.value >= 1 and n.value == int(n.value)]
        if len(nums) >= 2 and text[a + nums[0].end : a + nums[1].start].strip() in ("-", "–", "—"):
            # a form's bucket ("1-10", "1001-5000") says no size; a number after it may
            # ("51-200 (LinkedIn: ~150)")
            nums = nums[2:]
            if not nums:
                continue
            bucket = True
        else:
            bucket = False
        if nums:
            n = nums[0]
            start = a + n.start
            if n.end - n.start < 2 or bucket:
                # one digit is too short to quote alone, a number after a bucket stands apart
                # from its label: with the label ("Liczba pracowników: 1")
                line = doc.lines[doc.line_of(span[0])]
                start = min(start, doc.tokens[line[0]].start)
            return int(n.value), (start, a + n.end)
        vague = _vague(doc, span)
        if vague:
            return vague
    staff = doc.of("staff", local=False)
    for n in find_numbers(text, doc.lang):
        if n.value < 1 or n.value != int(n.value):
            continue
        i = doc.token_at_char(n.end)  # the token after the number
        # skip approximations, "+", "-" (45-person) and "di"/"of" ("una trentina di dipendenti")
        k = i
        steps = 0
        while k < len(tokens) and steps < 2 and (tokens[k].text in ("+", "-", "~") or doc.has("staff_filler", (k, k + 1))):
            k += 1
            steps += 1
        # the noun after the filler, or a noun that starts with it ("14 of us")
        noun = next((h for h in staff if h.start == k), None) or next((h for h in staff if h.start == i), None)
        if noun is None:
            continue
        first = doc.token_at_char(n.start)
        window = (max(0, first - 4), first)
        if doc.has("team", window, local=False) or doc.has("not_headcount_verb", window, local=False):
            continue
        if doc.has("not_headcount_verb", (noun.end, min(len(tokens), noun.end + 2)), local=False):
            continue  # "3 of us attended the webinar", "4 people joined the call"
        if any(h.start == noun.end for h in doc.of("not_staff", local=False)):
            continue
        start = n.start
        for h in doc.of("approx", local=False):
            if h.end == first and doc.line_of(h.start) == doc.line_of(first):
                start = tokens[h.start].start
        return int(n.value), (start, tokens[noun.end - 1].end)
    return _vague(doc, (0, len(tokens)))


def _vague(doc: Doc, span: Span) -> tuple[int, tuple[int, int]] | None:
    for h in doc.of("vague_size", local=False):
        if span[0] <= h.start and h.end <= span[1]:
            return int(h.value), doc.chars((h.start, h.end))
    return None


# --- revenue --------------------------------------------------------------------------------------


def _revenue(doc: Doc) -> tuple[float, str | None, tuple[int, int]] | None:
    for h in doc.of("revenue", local=False):
        sentence = doc.sentences[doc.sentence_of(h.start)]
        a, b = doc.chars(sentence)
        amounts = find_amounts(doc.text[a:b], doc.lang)
        for span, code in amounts:
            return span.value, code, (a + span.start, a + span.end)
        nums = [n for n in find_numbers(doc.text[a:b], doc.lang) if n.value >= 10_000]
        if nums:
            return nums[0].value, None, (a + nums[0].start, a + nums[0].end)
    return None


# --- place ------------------------------------------------------------------------------------


_MAX_PLACE_WORDS = 3


def _gazetteer_places(doc: Doc, company: Company, person: Person) -> list[Hit]:
    """Cities no vocabulary lists, looked up in the gazetteer (GeoNames) where a note puts
    a company's place: after "based in" / "sede a" / "z siedzibą w", as a record's city,
    or as an item of the parenthesis describing the company ("(road haulage, Cardiff)",
    "(Birmingham courier firm)")."""
    from assistant.extract.engine.lexicon import Term
    from assistant.extract.gazetteer import lookup

    tokens = doc.tokens
    starts: set[int] = set()
    for h in doc.of("based", local=False):
        k = h.end
        while k < len(tokens) and tokens[k].kind == "sym" and tokens[k].text in ":-":
            k += 1
        starts.add(k)
    for s, _e in doc.labels.get("city", []):
        starts.add(s)
    if company.name_span is not None:
        k = company.name_span[1]
        if k < len(tokens) and tokens[k].text == "(":
            close = next((j for j in range(k, min(len(tokens), k + 40)) if tokens[j].text == ")"), None)
            if close is not None:
                starts.add(k + 1)
                starts.update(j + 1 for j in range(k, close) if tokens[j].text in (",", ";", "-", "–"))
    prefer = _note_countries(doc)
    found: list[Hit] = []
    for k in sorted(starts):
        if k >= len(tokens) or not tokens[k].capitalised or (doc.at(k) and any(
                h.cls in ("city", "country", "region", "not_name", "title", "company_noun") for h in doc.at(k))):
            continue
        for n in range(_MAX_PLACE_WORDS, 0, -1):
            words = tokens[k : k + n]
            if len(words) < n or not all(t.capitalised for t in words):
                continue
            place = lookup(" ".join(t.text for t in words), prefer=prefer)
            if place is not None:
                term = Term("city", "", (), place.name, place.country)
                found.append(Hit("city", k, k + n, term, frozenset({""})))
                break
    return found


def _note_countries(doc: Doc) -> tuple[str, ...]:
    """The countries of the note's language, for a city name several countries share."""
    return tuple(doc.lex.common.get("engine", {}).get("language_countries", {}).get(doc.lang, ()))


def _city_lemma(doc: Doc, h: Hit, written: str) -> str:
    """A city named in an inflected form, given as its dictionary form when the dictionary
    makes it a form of a listed city ("w Gdańsku" -> "Gdańsk", "z Poznania" -> "Poznań")."""

    forms = doc.tokens[h.start].forms
    if not forms:
        return written
    listed = _cities_by_fold(doc.lex)
    for lemma, langs in forms.items():
        names = listed.get(lemma)
        if names:
            # the name as the dictionary's language writes it ("Gdańsk", not "Gdansk")
            return next((name for lang, name in names if lang in langs.split()), names[0][1])
    return written


_CITY_INDEX: dict[int, dict[str, list[tuple[str, str]]]] = {}


def _cities_by_fold(lex) -> dict[str, list[tuple[str, str]]]:
    found = _CITY_INDEX.get(id(lex))
    if found is None:
        from assistant.extract.spans import fold

        found = {}
        for t in lex.classes.get("city", []):
            if len(t.parts) == 1 and t.parts[0].mode in ("key", "exact"):
                name = t.written.lstrip("=")
                found.setdefault(fold(name), []).append((t.lang, name))
        _CITY_INDEX[id(lex)] = found
    return found


def _street(doc: Doc, h: Hit) -> bool:
    """Whether a place name names a street: after a street word ("via", "ul.") or before one
    ("Road", "Street")."""
    tokens = doc.tokens
    k = h.start - 1
    if k >= 0 and tokens[k].text == ".":
        k -= 1
    if k >= 0 and any(s.end in (h.start, k + 1) for s in doc.between("street_before", max(0, k - 2), h.start, local=False)):
        return True
    return doc.has("street_after", (h.end, min(len(tokens), h.end + 1)), local=False) is not None


def _places(doc: Doc, company: Company, person: Person) -> None:
    tokens = doc.tokens
    places: list[Hit] = []
    for cls in ("city", "country", "demonym", "region"):
        places.extend(doc.of(cls, local=False))
    skip: list[Span] = []
    for span in (company.name_span, person.name_span):
        if span:
            skip.append(span)
    skip.extend((t.i, t.i + 1) for t in tokens if t.kind in ("email", "url"))

    skipped = {k for a, b in skip for k in range(a, b)}

    def usable(h: Hit) -> bool:
        if h.start in skipped:
            return False
        if h.end - h.start == 1 and name_at(doc, h.start) is not None:
            return False  # "Jordan Pike", "Sydney Marsh": a first name
        if doc.in_title(h.start):
            return False
        if _street(doc, h):
            return False  # "via Roma", "ul. Krakowska", "London Road": an address's street
        if h.cls in ("country", "city") and h.end - h.start == 1:
            tok = tokens[h.start]
            if not tok.text[:1].isupper() and not tok.upper:
                return False  # "usa" (a verb), a lowercase word
        return True

    def event_place(h: Hit) -> bool:
        # where an event is (its clause: "ero in fiera a Milano", "Nordic SaaS Days, Oslo"),
        # not where the company is
        clause = doc.clauses[doc.clause_of(h.start)]
        near = (max(0, h.start - 6), h.start)
        return bool(doc.has("event", clause, local=False) or doc.has("booth", clause, local=False)
                    or doc.has("event", near, local=False)) and not (
            doc.has("based", (max(0, h.start - 4), h.start), local=False))

    candidates = [h for h in places if usable(h)]
    known = {(h.start, h.end) for h in candidates}
    candidates.extend(h for h in _gazetteer_places(doc, company, person)
                      if (h.start, h.end) not in known and usable(h))
    ranked: list[tuple[int, Hit]] = []
    for h in candidates:
        score = 1
        if any(a <= h.start < b for a, b in doc.labels.get("city", []) + doc.labels.get("country", [])):
            score = 10
        elif doc.has("based", (max(0, h.start - 4), h.start), local=False):
            score = 8
        elif company.name_span and 0 <= h.start - company.name_span[1] <= 12 and doc.line_of(h.start) == doc.line_of(company.name_span[0]):
            score = 7
        elif person.name_span and 0 <= h.start - person.name_span[1] <= 12 and doc.line_of(h.start) == doc.line_of(person.name_span[0]):
            score = 5
        if event_place(h) and score < 8:
            score = -1
        if doc.voice_at(h.start) == "us" and score < 8:
            score = 0
        ranked.append((score, h))
    ranked = [r for r in ranked if r[0] > 0]
    if not ranked:
        return
    ranked.sort(key=lambda r: (-r[0], r[1].start))
    city = next((h for _, h in ranked if h.cls == "city"), None)
    best = ranked[0][1]
    if city is not None:
        company.city_span = (city.start, city.end)
        written = doc.words(company.city_span)
        listed = city.term.written
        from assistant.extract.spans import fold

        names = _cities_by_fold(doc.lex).get(fold(written), [])
        forms = doc.tokens[city.start].forms if city.end - city.start == 1 else None
        here = doc.sentence_lang[doc.sentence_of(city.start)]
        # inflected in the language spoken here ("w Krakowie"), not in another ("Bern")
        own = {lemma for lemma, langs in (forms or {}).items() if here in langs.split()}
        nominative = not own or fold(written) in own
        if fold(written) == fold(listed) or (nominative and any(name == written for _, name in names)):
            company.city = written  # as written, when that is a city's own name ("Bern")
        else:
            company.city = listed
        if city.end - city.start == 1 and not nominative:  # an inflected form: its lemma
            company.city = _city_lemma(doc, city, company.city)
    if best.cls == "city" and city is not None:
        company.country = str(city.value)
        company.country_span = company.city_span
    else:
        company.country = str(best.value)
        company.country_span = (best.start, best.end)


# --- the reader ----------------------------------------------------------------------------------


def read_company(doc: Doc, person: Person) -> Company:
    company = Company()
    candidates = []
    for score, span in _name_candidates(doc, person):
        cleaned = _clean(doc, span, person)
        if cleaned:
            candidates.append((score, cleaned))
    if candidates:
        candidates.sort(key=lambda x: (-x[0], x[1][0]))
        company.name_span = candidates[0][1]
        company.name = doc.words(company.name_span).strip(" ,;:-")
    got = _industry(doc, company, person)
    if got:
        company.industry, company.industry_span = got
    size = _employees(doc, company)
    if size:
        company.employees, company.employees_chars = size
    revenue = _revenue(doc)
    if revenue:
        company.revenue, company.currency, company.revenue_chars = revenue
        if company.currency:
            company.currency_chars = revenue[2]
    _places(doc, company, person)
    return company

