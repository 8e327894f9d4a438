"""A note's structure: lines, sentences and clauses over its tokens, the language of each
sentence, and who speaks where.

Reps paste many shapes of text: call jottings, CRM timelines with a date opening each row,
email threads with headers and quoted replies, transcripts with speaker labels, chat
messages, form submissions. `Doc` finds, with the vocabulary's classes:

- sentences (line breaks, . ! ? ; and bullets; not after an abbreviation) and clauses
  (commas, colons, brackets, dashes and contrast words such as "but", "ma", "ale");
- the language of each sentence (its function words), so the small words of one language
  are never read in another (Polish "a" is "and", English "a" is not);
- quotes, and whether each is a title ("the 'Live Demo' webinar") or someone's words;
- voices: where the lead speaks in the first person (their quoted words, their email, a
  "Lead:"/"Cliente:" turn), where our side does (a "Rep:"/"Agent:" turn, our email);
- record labels ("Title:", "Ruolo:", "Stanowisko:") with the value they label;
- the date opening a row of a timeline, and the date of an email's header.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from assistant.extract.dates import DateSpan
from assistant.extract.engine.lexicon import Hit, Lexicon, Term, reading_langs
from assistant.extract.engine.text import Token
from assistant.extract.language import best_language, language_scores

__all__ = ["Doc", "Span", "build_doc"]

Span = tuple[int, int]  # token indices [start, end)

_SENTENCE_END = frozenset({".", "!", "?", ";", "…"})


def _pictograph(ch: str) -> bool:
    """An emoji or other pictograph: chat messages end a sentence with one ("🙂 any chance")."""
    return len(ch) == 1 and unicodedata.category(ch) == "So"
_CLAUSE_BREAK = frozenset({",", ":", "(", ")", "[", "]", "|", "–", "—", "→", "⇒", "•", "·"})
# an opening quote mark -> the marks that close it (a Polish „ is often closed with a typed ")
_OPEN_QUOTES = {'"': ('"', "”"), "“": ("”", '"'), "„": ("”", '"', "“"), "«": ("»",), "‘": ("’",), "'": ("'",)}
_BULLETS = frozenset({"-", "•", "*", "–", "—", "·", ">", "▪", "●"})


@dataclass
class Voice:
    """Who speaks in tokens [start, end): 'lead' (first person is the lead), 'us', or
    'note' (a colleague of ours reporting on the lead, as a rep's note does)."""

    start: int
    end: int
    who: str


@dataclass
class Email:
    """One message of a pasted thread: its header lines, its body, its date and sender."""

    start: int  # first token of the header
    body: int  # first token of the body
    end: int  # one past the last token of the body
    day: date | None
    ours: bool
    reply: Span | None  # the words saying it is a reply ("RE: ...")


@dataclass
class Doc:
    text: str
    tokens: list[Token]
    hits: list[Hit]
    lex: Lexicon
    lang: str
    dates: list[DateSpan] = field(default_factory=list)
    lines: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sentence_lang: list[str] = field(default_factory=list)
    clause_lang: list[str] = field(default_factory=list)
    sentence_question: list[bool] = field(default_factory=list)
    question_clauses: set[int] = field(default_factory=set)  # clauses a "?" asks
    clauses: list[Span] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)  # token spans inside quote marks
    title_quotes: list[Span] = field(default_factory=list)  # quotes naming an asset or event
    form_titles: list[Span] = field(default_factory=list)  # titles of forms ("'Book a demo' form")
    voices: list[Voice] = field(default_factory=list)
    turns: list[Voice] = field(default_factory=list)  # speakers' turns of a transcript or thread
    labels: dict[str, list[Span]] = field(default_factory=dict)  # field -> value token spans
    row_dates: dict[int, DateSpan] = field(default_factory=dict)  # line -> date opening it
    emails: list[Email] = field(default_factory=list)
    _hits_by_cls: dict[str, list[Hit]] = field(default_factory=dict)
    _votes: dict[int, str] = field(default_factory=dict)
    _of_cache: dict[tuple[str, bool], list[Hit]] = field(default_factory=dict)
    _voice_of: list[str | None] | None = None
    _line_index: list[int] | None = None
    _date_tokens: set[int] | None = None
    _title_of: set[int] | None = None
    _quote_of: dict[int, Span] | None = None
    _dated: list[tuple[DateSpan, int]] | None = None
    _dated_starts: list[int] = field(default_factory=list)
    _starts_cache: dict[tuple[str, bool], list[int]] = field(default_factory=dict)
    _ends_cache: dict[tuple[str, bool], dict[int, list[Hit]]] = field(default_factory=dict)
    _hits_at: dict[int, list[Hit]] = field(default_factory=dict)
    _line_starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list)
    _token_ends: list[int] = field(default_factory=list)

    # --- looking things up ------------------------------------------------------------

    def of(self, cls: str, *, local: bool | None = None) -> list[Hit]:
        """The hits of class `cls` in text order; a function class only where its language
        is spoken."""
        if local is None:
            local = cls in self.lex.function_classes
        key = (cls, local)
        found = self._of_cache.get(key)
        if found is not None:
            return found
        hits = self._hits_by_cls.get(cls, [])
        if local:
            # the language of the sentence, or the note's own (a note mixing languages: an
            # English note with an Italian sentence still negates with "no")
            hits = [h for h in hits if self.spoken(h)]
        self._of_cache[key] = hits
        self._starts_cache[key] = [h.start for h in hits]
        return hits

    def spoken(self, h: Hit) -> bool:
        """Whether a hit's language is spoken where it is: the note's, its sentence's or its
        clause's language (an English clause in an Italian note: "No demo request")."""
        if "" in h.langs or self.lang in h.langs:
            return True
        here = (self.sentence_lang[self.sentence_of(h.start)],
                self.clause_lang[self.clause_of(h.start)] if self.clause_lang else "")
        return any(lang in here for lang in h.langs)

    def between(self, cls: str, start: int, end: int, *, local: bool | None = None) -> list[Hit]:
        """The hits of `cls` lying within tokens [start, end)."""
        if cls not in self._hits_by_cls:
            return []
        if local is None:
            local = cls in self.lex.function_classes
        hits = self.of(cls, local=local)
        starts = self._starts_cache[(cls, local)]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [h for h in hits[lo:hi] if h.end <= end]

    def starting(self, cls: str, start: int, end: int, *, local: bool | None = None) -> list[Hit]:
        """The hits of `cls` starting within tokens [start, end), in text order (whatever
        their end)."""
        if cls not in self._hits_by_cls:
            return []
        if local is None:
            local = cls in self.lex.function_classes
        hits = self.of(cls, local=local)
        starts = self._starts_cache[(cls, local)]
        return hits[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def first_at(self, cls: str, i: int, *, local: bool | None = None) -> Hit | None:
        """The first hit of `cls` (in text order) starting at token i."""
        found = self.starting(cls, i, i + 1, local=local)
        return found[0] if found else None

    def ending(self, cls: str, end: int, *, local: bool | None = None) -> list[Hit]:
        """The hits of `cls` ending at token `end` (one past their last), in text order."""
        if local is None:
            local = cls in self.lex.function_classes
        key = (cls, local)
        by_end = self._ends_cache.get(key)
        if by_end is None:
            by_end = {}
            for h in self.of(cls, local=local):
                by_end.setdefault(h.end, []).append(h)
            self._ends_cache[key] = by_end
        return by_end.get(end, [])

    def at(self, i: int) -> list[Hit]:
        return self._hits_at.get(i, [])

    def line_of(self, i: int) -> int:
        if self._line_index is None:
            index = []
            bounds = [*self._line_starts[1:], len(self.tokens) + 1]
            line = 0
            for k in range(len(self.tokens)):
                while k >= bounds[line]:
                    line += 1
                index.append(line)
            self._line_index = index
        if 0 <= i < len(self._line_index):
            return self._line_index[i]
        return max(0, bisect.bisect_right(self._line_starts, i) - 1)

    def in_date(self, i: int) -> bool:
        """Whether token i is part of a date expression."""
        if self._date_tokens is None:
            tokens = self.tokens
            inside: set[int] = set()
            for d in self.dates:
                k = self.token_at_char(d.start)
                while k < len(tokens) and tokens[k].start < d.end:
                    inside.add(k)
                    k += 1
            self._date_tokens = inside
        return i in self._date_tokens

    def sentence_of(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, i) - 1)

    def clause_of(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._clause_starts, i) - 1)

    def chars(self, span: Span) -> tuple[int, int]:
        """Character offsets of a token span."""
        s, e = span
        if s >= e:
            return (self.tokens[s].start, self.tokens[s].start) if s < len(self.tokens) else (len(self.text),) * 2
        return self.tokens[s].start, self.tokens[e - 1].end

    def words(self, span: Span) -> str:
        a, b = self.chars(span)
        return self.text[a:b]

    def token_at_char(self, pos: int) -> int:
        """The index of the first token ending after character `pos`."""
        if len(self._token_ends) != len(self.tokens):
            self._token_ends = [t.end for t in self.tokens]
        return bisect.bisect_right(self._token_ends, pos)

    def voice_at(self, i: int) -> str | None:
        if self._voice_of is None:  # the innermost voice of each token, found once
            self._voice_of = [None] * len(self.tokens)
            for v in sorted(self.voices, key=lambda v: -(v.end - v.start)):  # wide first, narrow over it
                for k in range(v.start, min(v.end, len(self.tokens))):
                    self._voice_of[k] = v.who
        return self._voice_of[i] if 0 <= i < len(self._voice_of) else None

    def in_title(self, i: int) -> bool:
        if self._title_of is None:
            self._title_of = set()
            for s, e in self.title_quotes:
                self._title_of.update(range(s, e))
        return i in self._title_of

    def in_quote(self, i: int) -> Span | None:
        if self._quote_of is None:
            self._quote_of = {}
            for s, e in self.quotes:
                for k in range(s, e):
                    self._quote_of[k] = (s, e)
        return self._quote_of.get(i)

    def dates_between(self, start: int, end: int) -> list[tuple[DateSpan, int]]:
        """The note's dates (with their first token) lying in tokens [start, end)."""
        if self._dated is None:
            self._dated = sorted(((d, self.token_at_char(d.start)) for d in self.dates), key=lambda x: x[1])
            self._dated_starts = [i for _, i in self._dated]
        lo = bisect.bisect_left(self._dated_starts, start)
        hi = bisect.bisect_left(self._dated_starts, end)
        return self._dated[lo:hi]

    def has(self, cls: str, span: Span, *, local: bool | None = None) -> Hit | None:
        """The first hit of `cls` inside token span [s, e)."""
        found = self.between(cls, span[0], span[1], local=local)
        return found[0] if found else None

    def any_of(self, classes: tuple[str, ...] | list[str], span: Span) -> Hit | None:
        best = None
        for cls in classes:
            h = self.has(cls, span)
            if h is not None and (best is None or h.start < best.start):
                best = h
        return best


def build_doc(text: str, lex: Lexicon, *, lang: str | None = None,
              dates: list[DateSpan] | Callable[[str], list[DateSpan]] = (), as_of: date | None = None) -> Doc:
    """The structure of `text` (see the module docstring). Without `lang`, the note's
    language is read from its function words and its vocabulary's words (_languages);
    `dates` are the note's dates (for rows and headers), or how to find them in a language."""
    tokens = lex.tokenize(text)
    _read_typos(tokens, lex)
    hits = lex.find(tokens)
    doc = Doc(text=text, tokens=tokens, hits=hits, lex=lex, lang=lang or "")
    for h in hits:
        doc._hits_by_cls.setdefault(h.cls, []).append(h)
        doc._hits_at.setdefault(h.start, []).append(h)
    _lines(doc)
    _sentences(doc)
    _languages(doc, given=lang)
    doc.dates = list(dates(doc.lang) if callable(dates) else dates)
    _local_shapes(doc)
    _quotes(doc)
    _clauses(doc)
    _clause_languages(doc)
    _questions(doc)
    _labels(doc)
    _voices(doc)
    _rows(doc, as_of)
    _emails(doc)
    return doc


# The vocabulary's vote for a language: a word only one language's terms read.
_VOCAB_WEIGHT = 1.0
# A sentence keeps the note's language unless its own words say otherwise this clearly.
_NOTE_BIAS = 1.5


def _languages(doc: Doc, *, given: str | None) -> None:
    """The note's language and each sentence's: the language detector's signs (function
    words, letters, shapes: language.py) plus a vote of the vocabulary: a word that only
    one language's terms (or one dictionary's forms) read is a sign of that language
    ("Producent okien z Poznania": "producent*", "z", "Poznania" are Polish terms)."""
    votes: dict[int, set[str]] = {}
    for h in doc.hits:
        for k in range(h.start, h.end):
            votes.setdefault(k, set()).update(h.langs)
    for tok in doc.tokens:
        if tok.forms:
            for langs in tok.forms.values():
                votes.setdefault(tok.i, set()).update(langs.split())
    single = {k: next(iter(v)) for k, v in votes.items() if len(v) == 1 and "" not in v}
    doc._votes = single

    def scores(span: Span) -> dict[str, float]:
        out = dict(language_scores(doc.words(span)))
        for k in range(*span):
            lang = single.get(k)
            if lang is not None:
                out[lang] = out.get(lang, 0.0) + _VOCAB_WEIGHT
        return out

    sentence_scores = [scores(span) for span in doc.sentences]
    if not given:
        total: dict[str, float] = {}
        for sc in sentence_scores:
            for lang, v in sc.items():
                total[lang] = total.get(lang, 0.0) + v
        given = best_language(total)
    doc.lang = given
    doc.sentence_lang = [best_language({**sc, given: sc.get(given, 0.0) + _NOTE_BIAS})
                         for sc in sentence_scores] or [given]


def _clause_languages(doc: Doc) -> None:
    """Each clause's language: its sentence's, unless its own words say otherwise as clearly
    as a sentence must to leave its note's."""
    out = []
    for span in doc.clauses:
        own = doc.sentence_lang[doc.sentence_of(span[0])] if span[0] < len(doc.tokens) else doc.lang
        sc = dict(language_scores(doc.words(span)))
        for k in range(*span):
            lang = doc._votes.get(k)
            if lang is not None:
                sc[lang] = sc.get(lang, 0.0) + _VOCAB_WEIGHT
        sc[own] = sc.get(own, 0.0) + _NOTE_BIAS
        out.append(best_language(sc))
    doc.clause_lang = out
    doc._of_cache.clear()
    doc._ends_cache.clear()
    doc._starts_cache.clear()


# --- segmentation -------------------------------------------------------------------------


def _read_typos(tokens: list[Token], lex: Lexicon) -> None:
    """A word no dictionary of ours knows, one typo away from a vocabulary word, also reads as
    that word ("emplyees", "directr", "clikced")."""
    for tok in tokens:
        if tok.kind != "word" or len(tok.fold) < 5 or any(lex.known_key(k) for k in tok.keys):
            continue
        if lex.tables.is_word(tok.fold):
            continue
        near = lex.typo_keys(tok.fold)
        if near:
            tok.keys = tok.keys | near


def _lines(doc: Doc) -> None:
    text, tokens = doc.text, doc.tokens
    newlines = [k for k, ch in enumerate(text) if ch == "\n"]
    starts: list[int] = []
    previous = None
    for tok in tokens:
        line = bisect.bisect_left(newlines, tok.start)
        if line != previous:
            starts.append(tok.i)
            previous = line
    doc._line_starts = starts or [0]
    bounds = [*doc._line_starts, len(tokens)]
    doc.lines = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


def _local_shapes(doc: Doc) -> None:
    """A stem, an ending or an inflection is a rule of its language's words: Polish
    "moduł*" is no reading of Italian "modulo", nor is Italian "Grazie" the Polish locative
    of Graz. Such a reading counts only in a sentence of its language (or in a note of
    it); where one was found elsewhere, the terms that do count there are read again."""
    tokens = doc.tokens
    # what each token's sentence speaks, with the note's language (as spoken() says)
    speaks = [(doc.lang, doc.sentence_lang[doc.sentence_of(k)]) for k in range(len(tokens))]

    def spoken(i: int) -> tuple[str, str]:
        if 0 <= i < len(speaks):
            return speaks[i]
        return doc.lang, doc.sentence_lang[doc.sentence_of(i)]

    tables = doc.lex.tables
    lingua_franca = doc.lex.common.get("engine", {}).get("lingua_franca", "")
    # the first token at or after each one read as an inflected form (len(tokens): none)
    next_form = [len(tokens)] * (len(tokens) + 1)
    for k in range(len(tokens) - 1, -1, -1):
        next_form[k] = k if tokens[k].forms else next_form[k + 1]

    def allowed(term: Term, i: int) -> bool:
        here = spoken(i)
        if term.lang and term.lang not in here:
            if term.shaped:
                return False
            # a term of another language that is a word of the language spoken here means
            # what it means here ("lost" of a Polish CRM status in an English sentence);
            # the lingua franca's terms are the loanwords every language borrows ("manager")
            n = len(term.parts)
            words = [t for t in tokens[i : i + n] if t.kind == "word"]
            if (term.lang != lingua_franca and words and len(words) == n
                    and all(tables.is_word_of(t.fold, here[1]) for t in words)):
                return False
        if next_form[i] < min(i + len(term.parts) + 1, len(tokens)):
            return all(any(lang in here for lang in langs.split())
                       for langs in reading_langs(term, tokens, i))
        return True

    # a word two languages give different values keeps the one of the language spoken
    # there (Polish "Firma:" is the company, Italian "Firma:" a signature)
    for n, h in enumerate(doc.hits):
        if h.ties and h.term.lang not in spoken(h.start):
            better = next((t for t in h.ties if t.lang in spoken(h.start)), None)
            if better is not None:
                doc.hits[n] = Hit(h.cls, h.start, h.end, better, h.langs, (h.term, *(t for t in h.ties if t is not better)))
                doc._hits_by_cls.clear()
    again = sorted({h.start for h in doc.hits if not allowed(h.term, h.start)})
    if not again:
        if not doc._hits_by_cls:
            _index(doc)
        return
    redo = set(again)
    kept = [h for h in doc.hits if h.start not in redo]
    kept.extend(doc.lex.find(tokens, at=again, allow=allowed))
    kept.sort(key=lambda h: h.start)
    doc.hits = kept
    _index(doc)


def _index(doc: Doc) -> None:
    doc._hits_by_cls.clear()
    doc._hits_at.clear()
    doc._of_cache.clear()
    doc._ends_cache.clear()
    doc._starts_cache.clear()
    for h in doc.hits:
        doc._hits_by_cls.setdefault(h.cls, []).append(h)
        doc._hits_at.setdefault(h.start, []).append(h)


def _is_abbreviation(doc: Doc, i: int) -> bool:
    """A full stop after an abbreviation ("dott.", "ca.", "prac.") or an initial ("J.")."""
    if i == 0:
        return False
    prev = doc.tokens[i - 1]
    if prev.end != doc.tokens[i].start or prev.kind not in ("word", "num"):
        return False
    if prev.kind == "word" and len(prev.text) == 1 and prev.text.isupper():
        # an initial ("J. Smith"), not the end of "Q&A."
        return not (i >= 2 and doc.tokens[i - 2].end == prev.start)
    return any(h.cls == "abbrev" and h.end == i for k in range(max(0, i - 4), i) for h in doc.at(k))


def _sentences(doc: Doc) -> None:
    tokens, text = doc.tokens, doc.text
    starts: list[int] = []
    questions: list[bool] = []
    line_start = set(doc._line_starts)
    cur_start = 0
    q = False
    for tok in tokens:
        i = tok.i
        if i in line_start and i != cur_start:
            starts.append(cur_start)
            questions.append(q)
            cur_start, q = i, False
        if tok.kind == "sym" and (tok.text in _SENTENCE_END or _pictograph(tok.text)):
            if tok.text == "." and _is_abbreviation(doc, i):
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if tok.text == "." and nxt is not None and nxt.start == tok.end and nxt.kind != "sym":
                continue  # "x.y" inside a word or number
            if tok.text == "?":
                q = True
            if nxt is not None and nxt.i not in line_start:
                starts.append(cur_start)
                questions.append(q)
                cur_start, q = i + 1, False
    if tokens:
        starts.append(cur_start)
        questions.append(q)
    doc._sent_starts = starts or [0]
    bounds = [*doc._sent_starts, len(tokens)]
    doc.sentences = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    doc.sentence_question = questions or [False]
    del text


def _clauses(doc: Doc) -> None:
    tokens = doc.tokens
    contrast = {h.start for h in doc.of("contrast")}
    starts: list[int] = []
    sent_starts = set(doc._sent_starts)
    # a quoted title is one phrase; someone's quoted words are clauses like any others
    inside = {k for s, e in doc.title_quotes for k in range(s, e)}
    for tok in tokens:
        i = tok.i
        if i in sent_starts:
            starts.append(i)
            continue
        if i in inside:
            continue  # a quoted title is one phrase: "'Live Demo: scoring in 15 minutes'"
        if (tok.kind == "sym" and (tok.text in _CLAUSE_BREAK or _is_dash(doc, i))) or i in contrast:
            starts.append(i)
    doc._clause_starts = sorted(set(starts)) or [0]
    bounds = [*doc._clause_starts, len(tokens)]
    doc.clauses = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


_QUESTION_WORDS = 3  # fewest words of a clause that asks by itself


def _questions(doc: Doc) -> None:
    """The clauses a question mark asks: back from it to the sentence's start, a colon or
    an opening quote ("she replied: 'can we get a demo?'" asks only the quoted part)."""
    tokens = doc.tokens
    quote_starts = {s for s, _ in doc.quotes}
    for tok in tokens:
        if tok.kind != "sym" or tok.text != "?":
            continue
        if doc.in_title(tok.i) or any(s <= tok.i < e for s, e in doc.form_titles):
            continue  # a title that asks ('the survey "how do you manage leads?"') asks nothing
        sentence = doc.sentences[doc.sentence_of(tok.i)]
        k = tok.i - 1
        while k >= sentence[0]:
            if tokens[k].text == ":" or k in quote_starts:
                break
            k -= 1
        first = max(sentence[0], k)
        # the question is its own clause ("I joined the webinar, could I have the slides?"),
        # with the clauses before it only while it is too short to ask anything alone
        # ("the demo on Friday, right?")
        c = doc.clause_of(tok.i)
        doc.question_clauses.add(c)
        words = sum(t.kind == "word" for t in tokens[doc.clauses[c][0]:tok.i])
        while c > doc.clause_of(first) and words < _QUESTION_WORDS:
            start = doc.clauses[c][0]
            if any(tokens[j].text in ("–", "—") or (tokens[j].text == "-" and _is_dash(doc, j))
                   for j in range(max(0, start - 1), min(len(tokens), start + 1))):
                break  # a dash sets a short question apart: "you downloaded our report – how was it?"
            c -= 1
            doc.question_clauses.add(c)
            words += sum(t.kind == "word" for t in tokens[doc.clauses[c][0]:doc.clauses[c][1]])


def _is_dash(doc: Doc, i: int) -> bool:
    """A hyphen standing alone between spaces ("call - she asked") breaks a clause."""
    tok = doc.tokens[i]
    if tok.text != "-":
        return False
    text = doc.text
    before = text[tok.start - 1 : tok.start] if tok.start else " "
    after = text[tok.end : tok.end + 1]
    return before.isspace() and (after.isspace() or after == "")


# --- quotes, labels, voices, rows -----------------------------------------------------------------


def _quotes(doc: Doc) -> None:
    """Spans in quote marks on one line; a quote right after an asset, event or page word
    (or a "titled" word) is a title, not words anyone said."""
    tokens, text = doc.tokens, doc.text
    found: list[Span] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        close = _OPEN_QUOTES.get(tok.text) if tok.kind == "sym" else None
        if close is None:
            i += 1
            continue
        if tok.text == "'" and i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].kind != "sym":
            i += 1  # an apostrophe glued to a word
            continue
        j = i + 1
        while j < len(tokens) and not (tokens[j].kind == "sym" and (tokens[j].text in close or tokens[j].text == tok.text)):
            if "\n" in text[tokens[j - 1].end : tokens[j].start]:
                break
            j += 1
        if j < len(tokens) and (tokens[j].text in close or tokens[j].text == tok.text) and j > i + 1:
            found.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    doc.quotes = found
    titled_classes = tuple(doc.lex.common.get("engine", {}).get("titled_by", []))
    titles = []
    forms = []
    for s, e in found:
        before = (max(0, s - 5), s - 1)
        after = (e + 1, min(len(tokens), e + 3))
        spoken = doc.has("first_person", (s, e)) or doc.has("second_person", (s, e))
        said = doc.has("reporting", (max(0, s - 4), s)) or (s >= 2 and tokens[s - 2].text == ":")
        if not spoken and not said and (doc.any_of(titled_classes, before) or doc.any_of(titled_classes, after)):
            titles.append((s, e))
            if doc.has("form", before, local=False) or doc.has("form", after, local=False):
                forms.append((s, e))
    # a post, an asset or a webinar "about" something names its topic: those words are a
    # title ("liked our post about onboarding", "il webinar sul pricing", "post o onboardingu")
    quoted = {k for s, e in found for k in range(s, e)}
    for h in doc.of("topic_prep"):
        if h.start in quoted or not any(x.end == h.start for cls in titled_classes
                                        for x in doc.between(cls, max(0, h.start - 4), h.start, local=False)):
            continue  # right after the post, asset or webinar word
        k = h.end
        stops = {x.start for cls in ("coord", "contrast") for x in doc.between(cls, h.end, h.end + _TOPIC_WORDS)}
        while k < len(tokens) and k < h.end + _TOPIC_WORDS and tokens[k].kind == "word" and k not in stops \
                and "\n" not in text[tokens[k - 1].end:tokens[k].start]:
            k += 1  # to a comma, an "and" or the line's end
        if k > h.end:
            titles.append((h.end, k))
    doc.title_quotes = titles
    doc.form_titles = forms


# Most words of a topic after "about" ("our post about onboarding production staff")
_TOPIC_WORDS = 5


def _labels(doc: Doc) -> None:
    """'Title: Head of IT' -> labels['title'] = [span of 'Head of IT'], to the end of its
    line or the next label on it ("Name: X | Company: Y"); "job title 'Product Manager'"
    (a label and a quoted value); and a CSV header row with the row under it."""
    tokens = doc.tokens
    out: dict[str, list[Span]] = {}
    label_hits = doc.of("label", local=False)
    starts = {h.start: h for h in label_hits}
    for h in label_hits:
        colon = h.end
        if colon >= len(tokens):
            continue
        quote = next(((qs, qe) for qs, qe in doc.quotes if qs == colon + 1
                      and doc.line_of(qs) == doc.line_of(h.start)), None)
        if quote is not None:
            out.setdefault(str(h.value), []).append(quote)
            continue
        if tokens[colon].text not in (":", "=", "-"):
            continue
        if tokens[colon].text == "-" and not _is_dash(doc, colon):
            continue
        line = doc.lines[doc.line_of(h.start)]
        first_on_line = h.start == line[0] or tokens[h.start - 1].text in ("|", ",", ";", "•", "-", "–", "(")
        if not first_on_line:
            continue
        end = line[1]
        for k in range(colon + 1, line[1]):
            if tokens[k].text == "|" or (k in starts and k + 1 < len(tokens) and starts[k].end < len(tokens)
                                          and tokens[starts[k].end].text == ":"):
                end = k
                break
        if end > colon + 1:
            out.setdefault(str(h.value), []).append((colon + 1, end))
    for name, span in _csv_labels(doc):
        out.setdefault(name, []).append(span)
    doc.labels = out


def _cells(text: str, start: int, end: int, sep: str = ",") -> list[tuple[int, int]]:
    """The `sep`-separated cells of text[start:end] (quotes respected), as char spans
    without their quotes and spaces."""
    cells: list[tuple[int, int]] = []
    i, cell_start, quoted = start, start, False
    while i <= end:
        ch = text[i] if i < end else sep
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            a, b = cell_start, i
            while a < b and text[a] in ' "':
                a += 1
            while b > a and text[b - 1] in ' "':
                b -= 1
            cells.append((a, b))
            cell_start = i + 1
        i += 1
    return cells


_LABEL_NAMES: dict[int, dict[str, str]] = {}


def _label_names(lex: Lexicon) -> dict[str, str]:
    """Label words as a CSV header writes them ("contact_name") -> their field."""
    from assistant.extract.spans import fold

    found = _LABEL_NAMES.get(id(lex))
    if found is None:
        found = {fold(t.written).replace("_", " "): str(t.value) for t in lex.classes.get("label", [])}
        _LABEL_NAMES[id(lex)] = found
    return found


def _csv_labels(doc: Doc) -> list[tuple[str, Span]]:
    """A CSV header of labels ("contact_name,title,company,email") and the row under it."""
    from assistant.extract.spans import fold

    names = _label_names(doc.lex)
    text = doc.text
    out: list[tuple[str, Span]] = []
    lines = [(doc.tokens[s].start, doc.tokens[e - 1].end) for s, e in doc.lines if s < e]
    for k in range(len(lines) - 1):
        # the export's separator: the one that cuts its header into the most cells
        sep = max(_FIELD_SEPARATORS, key=lambda c: text.count(c, *lines[k]))
        header = _cells(text, *lines[k], sep)
        if len(header) < 3:
            continue
        fields = [names.get(fold(text[a:b]).replace("_", " ").strip()) for a, b in header]
        if sum(f is not None for f in fields) < 2:
            continue
        row = _cells(text, *lines[k + 1], sep)
        if len(row) != len(header):
            continue
        for name, (a, b) in zip(fields, row, strict=True):
            if name is None or a >= b:
                continue
            s, e = doc.token_at_char(a), doc.token_at_char(b - 1) + 1
            out.append((name, (s, e)))
    return out


# Most words before a speaker's label on its line ("Risposta del supporto:", "Odpowiedź
# działu handlowego:").
_LABEL_WORDS = 3


def _voices(doc: Doc) -> None:
    """Where the lead speaks in the first person, and where our side does."""
    tokens = doc.tokens
    voices: list[Voice] = []
    # a speaker's turn: "Lead: ...", "Cliente: ...", "Rep: ...", "Agent: ..." to the next turn
    turns: list[tuple[int, str]] = []
    our_names: set[str] = set()  # the names in our side's labels ("[SDR – Kofi]:", "REP (Giulia):")
    for side, cls in (("lead", "their_label"), ("us", "our_label")):
        for h in doc.of(cls, local=False):
            line = doc.lines[doc.line_of(h.start)]
            start = h.start
            if start > line[0] and tokens[line[0]].text in ("[", "(") and tokens[start - 1].text in ("]", ")"):
                start = line[0]  # "[09:16] Bot: ..."
            bracket = _bracket_label(doc, line)
            if bracket is not None and h.start == line[0] + 1 and h.end <= bracket:
                # the label in brackets: "[SDR – Kofi]: ...", "[Lead]: ..."
                if side == "us":
                    our_names.update(t.fold for t in tokens[line[0]:bracket] if t.kind == "word" and t.capitalised)
                turns.append((line[0], side))
                continue
            head = tokens[line[0]:h.start]
            # a label opens its line, or heads a section of its own line after a word or two
            # ("Risposta del supporto:" and the message below)
            heading = bool(head) and len(head) <= _LABEL_WORDS and all(t.kind == "word" for t in head)
            if start != line[0] and not all(t.kind != "word" for t in head) and not heading:
                continue
            start = min(start, line[0])
            k = h.end
            if k < len(tokens) and tokens[k].text == "(":  # "Visitor (Sofia Marchetti, ...): hi"
                close = next((j for j in range(k, min(line[1], k + 20)) if tokens[j].text == ")"), None)
                k = close + 1 if close is not None else k
            if heading and k + 1 != line[1]:
                continue
            if k < len(tokens) and tokens[k].text == ":":
                turns.append((start, side))
                if side == "us":
                    our_names.update(t.fold for t in tokens[h.end:k] if t.kind == "word" and t.capitalised)
    turns = sorted(set(turns))
    stamped = [(line, k) for line in doc.lines if (k := _after_stamp(doc, line)) is not None]
    if stamped or any(side == "us" for _, side in turns):
        _our_marked_names(doc, our_names)
    named = _chat_turns(doc, {start for start, _ in turns}, our_names, stamped) if stamped else []
    if any(side == "us" for _, side in turns + named):
        named.extend(_named_turns(doc, {start for start, _ in turns + named}, our_names))
    if not any(side == "lead" for _, side in turns + named):
        # only our side speaks, by name ("Luisa (CSM): lo conosco, ... usano il trial"): a
        # colleague's report on the lead, read as a note, not as our words to the lead
        named = [(start, "note" if side == "us" else side) for start, side in named]
    turns.extend(named)
    turns.sort()
    paragraphs = _paragraphs(doc)
    breaks = sorted(_turn_breaks(doc, {start for start, _ in turns}, paragraphs)) if turns else []
    for k, (start, side) in enumerate(turns):
        end = turns[k + 1][0] if k + 1 < len(turns) else len(tokens)
        end = next((b for b in breaks if start < b < end), end)
        voices.append(Voice(start, end, side))
        doc.turns.append(Voice(start, end, side))
    # email headers: "From: ..." opens a message; it is ours when our side signs it
    forwarded = bool(doc.of("forwarded"))
    for h in doc.of("header_from", local=False):
        line = doc.lines[doc.line_of(h.start)]
        if h.start != line[0] or _header_line(doc, doc.line_of(h.start)) != "from":
            continue  # "From: ...", not a line opening with "from"
        body_start = line[1]
        # the next message's header; a "> From:" quotes an earlier message inside this one,
        # unless the note forwards a message ("FW:", "passing this along"): then the quoted
        # message is one of its own, the original sender's
        following = [f.start for f in doc.of("header_from", local=False) if f.start > h.start
                     and (forwarded or (f.start == doc.lines[doc.line_of(f.start)][0]
                                        and _header_line(doc, doc.line_of(f.start)) == "from"))]
        body_end = min(following) if following else len(tokens)
        voices.append(Voice(body_start, body_end, _sender_voice(doc, line)))
    # someone's quoted words (not titles) are theirs: the lead's, unless our side says them
    for s, e in doc.quotes:
        if (s, e) in doc.title_quotes:
            continue
        before = (max(0, s - 6), s)
        ours = doc.has("first_person", before) and not doc.has("lead_pronoun", before)
        voices.append(Voice(s, e, "us" if ours else "lead"))
    # a form's or a ticket's message that opens with a greeting ("Testo: Ciao, stiamo
    # usando...", "Message: hi, can someone..."), where no one else speaks, is the lead's
    messages = {span[0] for span in doc.labels.get("notes", [])}
    for h in doc.of("greeting"):
        line = doc.lines[doc.line_of(h.start)]
        if h.start not in messages or _innermost(voices, h.start) is not None:
            continue
        end = line[1]
        if end - h.start <= 4:  # "Hi Sam," alone: the paragraph below is the message
            end = next((p[1] for p in paragraphs if p[0] <= h.start < p[1]), end)
        voices.append(Voice(h.start, end, "lead"))
    # "> " lines quote an earlier message of the thread: the other side's
    for start, end in doc.lines:
        if start < end and tokens[start].text == ">" and doc.text[tokens[start].start - 1 : tokens[start].start] in ("\n", ""):
            outer = _innermost(voices, start)
            voices.append(Voice(start, end, "us" if outer == "lead" else "lead"))
    # innermost wins: sort so that later (narrower) spans are checked first
    voices.sort(key=lambda v: (v.end - v.start))
    doc.voices = voices


def _turn_breaks(doc: Doc, starts: set[int], paragraphs: list[Span]) -> list[int]:
    """Lines that end a speaker's turn without opening another: a separator ("--", "---",
    "***"), a tagged log line ("[tracking] playbook downloaded", "[CRM] 2 visits") and the
    first line after a blank one: what follows is the record's, not the speaker's words."""
    tokens = doc.tokens
    out = [p[0] for p in paragraphs[1:] if p[0] not in starts]  # a blank line, then a record
    for s, e in doc.lines:
        if s >= e or s in starts:
            continue
        if all(t.kind == "sym" and t.text in "-–—*_=~#" for t in tokens[s:e]) and e - s >= 1 \
                and len(doc.text[tokens[s].start:tokens[e - 1].end]) >= 2:
            out.append(s)
            continue
        if tokens[s].text != "[":
            continue
        close = next((k for k in range(s + 1, min(e, s + 5)) if tokens[k].text == "]"), None)
        if close is None or close == s + 1 or close + 1 >= e:
            continue
        if tokens[close + 1].text == ":" or any(t.kind != "word" for t in tokens[s + 1:close]):
            continue  # "[09:16] Bot: ...", "[Lead: Ingrid ...]" is no tag
        out.append(s)
    return out


def _paragraphs(doc: Doc) -> list[Span]:
    """Runs of lines with no blank line between them, as token spans."""
    out: list[Span] = []
    text = doc.text
    for s, e in doc.lines:
        if s >= e:
            continue
        if out and "\n\n" not in text[doc.tokens[out[-1][1] - 1].end:doc.tokens[s].start].replace(" ", ""):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _after_stamp(doc: Doc, line: Span) -> int | None:
    """Where a chat line's speaker starts after its time stamp ("[02/09/25, 17:20] Tiziana:",
    "18:02 Serena Bottazzi:", "[09:44] Ilaria:"), or None for a line with no stamp."""
    tokens = doc.tokens
    s, e = line
    if s >= e:
        return None
    if tokens[s].text == "[":
        close = next((k for k in range(s + 1, min(e, s + 14)) if tokens[k].text == "]"), None)
        if close is None or not any(t.kind == "num" for t in tokens[s + 1:close]) \
                or any(t.kind == "word" and not doc.in_date(t.i) for t in tokens[s + 1:close]):
            return None
        return close + 1 if close + 1 < e else None
    if s + 2 < e and tokens[s].kind == "num" and tokens[s + 1].text == ":" and tokens[s + 2].kind == "num" \
            and tokens[s + 1].start == tokens[s].end and tokens[s + 2].start == tokens[s + 1].end:
        return s + 3 if s + 3 < e else None
    return None


_SPEAKER_WORDS = 6


_OUR_MARKS = ("our_label", "our_side", "first_person")


def _our_marked_names(doc: Doc, ours: set[str]) -> None:
    """Adds to `ours` every name marked ours in brackets anywhere: "Diego (AE)", "Andrea (noi)"."""
    tokens = doc.tokens
    for s, e in doc.lines:
        for k in range(s, e - 2):
            if tokens[k].kind == "word" and tokens[k].capitalised and tokens[k + 1].text == "(":
                close = next((j for j in range(k + 2, min(e, k + 6)) if tokens[j].text == ")"), None)
                if close is not None and any(doc.between(cls, k + 2, close, local=False) for cls in _OUR_MARKS):
                    ours.add(tokens[k].fold)


def _chat_turns(doc: Doc, taken: set[int], ours: set[str], stamped: list[tuple[Span, int]]) -> list[tuple[int, str]]:
    """The turns of a time-stamped chat (WhatsApp, Intercom, a voice log): each line whose
    stamp is followed by a speaker and a colon. The speaker is our side when its label says
    so, when the brackets after its name do ("Andrea (noi):", "Alessio (supporto):", "Diego
    (AE)" anywhere in the note), or when our side's label gave its name; anyone else (a
    name, a phone number) is the lead. `stamped` are the lines with a stamp, each with where
    its speaker starts (_after_stamp); `ours` holds the names known to be ours
    (_our_marked_names)."""
    from assistant.extract.engine.people import name_at

    tokens = doc.tokens
    found: list[tuple[int, str]] = []
    for (s, e), k in stamped:
        if s in taken:
            continue
        colon, j = None, k
        while j < min(e, k + 40):
            if tokens[j].text == "(":  # "Serena Bottazzi (co-founder, Bottazzi Home – ...):"
                j = next((x for x in range(j + 1, min(e, j + 40)) if tokens[x].text == ")"), e)
            elif tokens[j].text == ":":
                colon = j
                break
            j += 1
        if colon is None or colon == k:
            continue
        head = tokens[k:colon]
        bracket = next((j for j, t in enumerate(head) if t.text == "("), len(head))
        words = [t for t in head[:bracket] if t.kind == "word"]
        if len(words) > _SPEAKER_WORDS:
            continue
        if doc.between("our_label", k, k + 1, local=False) or (bracket < len(head) and any(
                doc.between(cls, k + bracket, colon, local=False) for cls in _OUR_MARKS)) \
                or (words and words[0].fold in ours):
            found.append((s, "us"))
        elif doc.between("their_label", k, k + 1, local=False) or head[0].text == "+" or head[0].kind == "num" \
                or name_at(doc, k) is not None or name_at(doc, k, single=True) is not None:
            found.append((s, "lead"))
    return found


def _bracket_label(doc: Doc, line: Span) -> int | None:
    """The closing bracket of a line that opens with a label in brackets followed by a colon
    ("[SDR – Kofi]: ...", "[Helena Marsh, Head of Sales]: ..."), or None."""
    tokens = doc.tokens
    s, e = line
    if s >= e or tokens[s].text != "[":
        return None
    close = next((k for k in range(s + 1, min(e, s + 16)) if tokens[k].text == "]"), None)
    if close is None or close + 1 >= e or tokens[close + 1].text != ":":
        return None
    return close


def _named_turns(doc: Doc, taken: set[int], ours: set[str] = frozenset()) -> list[tuple[int, str]]:  # type: ignore[assignment]
    """In a conversation where our side speaks under a label ("Me:", "Rep:", "Handlowiec:"),
    a turn opened by a person's name ("Soraya Nwachukwu-Berg (20 Apr):", "Marta:",
    "[Helena Marsh, Head of Sales]:") is the lead's, unless the name is one our side's label
    gave ("[SDR – Kofi]:" then "[Kofi]:")."""
    from assistant.extract.engine.people import name_at

    tokens = doc.tokens
    found = []
    for s, e in doc.lines:
        close = _bracket_label(doc, (s, e))
        if close is None or s in taken:
            continue
        words = [t for t in tokens[s + 1:close] if t.kind == "word"]
        if not words or not words[0].capitalised:
            continue
        if words[0].fold in ours:
            found.append((s, "us"))
        elif name_at(doc, s + 1) is not None or name_at(doc, s + 1, single=True) is not None:
            found.append((s, "lead"))
    taken = taken | {s for s, _ in found}
    # a label that opens two lines or more ("GALLO: ..." twice) is a speaker's, whatever word
    # it is: a surname may be a word of the language ("Gallo", "Kowal")
    opening: dict[str, int] = {}
    full_names: set[str] = set()
    for s, e in doc.lines:
        if s + 1 < e and tokens[s].kind == "word" and tokens[s + 1].text == ":":
            opening[tokens[s].fold] = opening.get(tokens[s].fold, 0) + 1
        if s < e and (full := name_at(doc, s)) is not None and full[1] - full[0] > 1:
            full_names.add(tokens[s].fold)
    for s, e in doc.lines:
        if s >= e or s in taken:
            continue
        if opening.get(tokens[s].fold, 0) > 1 and s + 1 < e and tokens[s + 1].text == ":" \
                and tokens[s].capitalised and not doc.at(s):
            found.append((s, "lead"))
            continue
        got = name_at(doc, s)
        if got is None:
            one = name_at(doc, s, single=True)
            # one word is a first name, not a word of the language ("Marta:", not "Profile:"),
            # or the first name of someone named in full in the note ("Filip Zawadzki (9 gru):"
            # then "Filip (10 gru):", though "filip" is a Polish word)
            if one is not None and (tokens[s].fold in full_names or not doc.lex.tables.is_word_of(
                    tokens[s].fold, doc.sentence_lang[doc.sentence_of(s)])):
                got = one
        if got is None:
            continue
        k = got[1]
        if k + 1 < e and tokens[k].kind == "word" and tokens[k].capitalised and tokens[k + 1].text in (":", "("):
            k += 1  # a surname the name reader does not know: "Ilaria Cantù:"
        if k < e and tokens[k].text == "(":
            close = next((j for j in range(k, min(e, k + 20)) if tokens[j].text == ")"), None)
            k = close + 1 if close is not None else k
        if k < e and tokens[k].text == ":":
            found.append((s, "us" if tokens[s].fold in ours else "lead"))
    return found


def _innermost(voices: list[Voice], i: int) -> str | None:
    best = None
    for v in voices:
        if v.start <= i < v.end and (best is None or v.end - v.start < best.end - best.start):
            best = v
    return best.who if best else None


def _rows(doc: Doc, as_of: date | None = None) -> None:
    """The date opening a line (a CRM timeline row: "2025-02-03  downloaded ...", "11-03
    downloaded ...": two numbers read as the most recent past day they can be)."""
    for k, (start, end) in enumerate(doc.lines):
        if start >= end:
            continue
        first_char = doc.tokens[start].start
        if doc.tokens[start].text in _BULLETS and start + 1 < end:
            first_char = doc.tokens[start + 1].start
        opening = next(
            (d for d, i in doc.dates_between(start, min(end, start + 4))
             if d.start == first_char or (d.start > first_char and not doc.text[first_char : d.start].strip(" -–•*[("))),
            None,
        )
        if opening is None and k == 0:
            opening = _stamped_title(doc, start, end)
        if opening is None:
            opening = _record_date(doc, start, end)
        if opening is not None:
            doc.row_dates[k] = opening
        else:
            if as_of is not None:
                found = _row_day(doc, start, end, as_of)
                if found is not None:
                    doc.row_dates[k] = found


_TITLE_WORDS = 8


_FIELD_SEPARATORS = (";", "\t", "|", ",")
_MIN_FIELDS = 4


def _record_date(doc: Doc, start: int, end: int) -> DateSpan | None:
    """The one date of a delimited export row ("44120;j.doe@x.com;...;Email open: ...;2025-07-02"):
    the row's event happened then, wherever its date column stands."""
    line = doc.text[doc.tokens[start].start : doc.tokens[end - 1].end]
    if not any(line.count(sep) >= _MIN_FIELDS - 1 for sep in _FIELD_SEPARATORS[:3]) and not (
            line.count(",") >= _MIN_FIELDS - 1 and doc.line_of(start) > 0 and _csv_header(doc)):
        return None
    dates = [d for d, _i in doc.dates_between(start, end)]
    return dates[0] if len(dates) == 1 else None


def _csv_header(doc: Doc) -> bool:
    first = doc.lines[0]
    return bool(doc.labels) and first[0] < first[1] and "," in doc.text[
        doc.tokens[first[0]].start : doc.tokens[first[1] - 1].end]


def _stamped_title(doc: Doc, start: int, end: int) -> DateSpan | None:
    """The date of a record's title line ("Modulo contatti generico – 30/08/2025 10:52",
    "Web form submission | 3 Mar 2026") when record fields follow it: the record is dated so."""
    if sum(t.kind == "word" for t in doc.tokens[start:end]) > _TITLE_WORDS or len(doc.lines) < 2:
        return None
    following = doc.lines[1]
    if not any(following[0] <= s < following[1] for spans in doc.labels.values() for s, _ in spans):
        return None
    return next((d for d, _i in doc.dates_between(start, end)), None)


def _row_day(doc: Doc, start: int, end: int, as_of: date) -> DateSpan | None:
    toks = doc.tokens[start : min(end, start + 4)]
    if len(toks) < 3 or toks[1].text not in ("-", "/", ".") or toks[0].kind != "num" or toks[2].kind != "num":
        return None
    if not (toks[0].text.isdigit() and toks[2].text.isdigit() and len(toks[0].text) <= 2 and len(toks[2].text) <= 2):
        return None
    a, b = int(toks[0].text), int(toks[2].text)
    best = None
    for month, day in ((a, b), (b, a)):
        for year in (as_of.year, as_of.year - 1):
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            if value <= as_of and (best is None or value > best):
                best = value
    if best is None:
        return None
    raw = doc.text[toks[0].start : toks[2].end]
    return DateSpan(toks[0].start, toks[2].end, best, raw)


def _sender_voice(doc: Doc, line: Span) -> str:
    """Whose message a "From:" line opens: the lead's, ours, or, sent by one of ours to
    another of ours ("Od: Kuba (SDR) | Do: Marta (AE)", a handover), a colleague's report on
    the lead: 'note', read as a rep's note is."""
    to = doc.has("header_to", line, local=False)
    sender = (line[0], to.start) if to is not None else line
    if doc.has("our_side", sender, local=False) is None:
        return "lead"
    if to is not None:
        recipient: Span | None = (to.end, line[1])
    else:
        k = doc.line_of(line[0])
        recipient = next((doc.lines[j] for j in range(k + 1, min(len(doc.lines), k + 4))
                          if _header_line(doc, j) == "to"), None)
    if recipient is not None and doc.has("our_side", recipient, local=False) is not None:
        return "note"
    return "us"


def _header_line(doc: Doc, line: int) -> str | None:
    """'from', 'sent', 'subject' (or 'reply' for "RE: ...") when the line is an email header."""
    s, e = doc.lines[line]
    while s < e and doc.tokens[s].text == ">":  # a header of a quoted message: "> From: ..."
        s += 1
    if s >= e:
        return None
    for cls, kind in (("header_from", "from"), ("header_sent", "sent"), ("header_subject", "subject"),
                      ("header_to", "to"), ("reply_subject", "reply")):
        for h in doc.between(cls, s, s + 4, local=False):
            if h.start == s and h.end < e and (doc.tokens[h.end].text == ":" or doc.tokens[h.end - 1].text == ":"):
                return kind  # "From: ...", or a term written with its colon ("Da:")
    return None


def _emails(doc: Doc) -> None:
    """The messages of a pasted email thread, from their header lines."""
    blocks: list[tuple[int, int, list[tuple[int, str]]]] = []  # first line, last line, headers
    for k in range(len(doc.lines)):
        kind = _header_line(doc, k)
        if kind is None:
            continue
        if blocks and k - blocks[-1][1] <= 2 and not any(h == kind for _, h in blocks[-1][2] if h == "from"):
            first, _, headers = blocks[-1]
            blocks[-1] = (first, k, [*headers, (k, kind)])
        else:
            blocks.append((k, k, [(k, kind)]))
    blocks = [b for b in blocks if any(kind in ("from", "sent") for _, kind in b[2])]
    for n, (first, last, headers) in enumerate(blocks):
        start = doc.lines[first][0]
        body = doc.lines[last][1]
        end = doc.lines[blocks[n + 1][0]][0] if n + 1 < len(blocks) else len(doc.tokens)
        day = None
        ours = False
        reply: Span | None = None
        for line, kind in headers:
            span = doc.lines[line]
            if kind == "sent":
                a, b = doc.chars(span)
                day = next((d.value for d in doc.dates if a <= d.start < b), None)
            elif kind == "from":
                ours = _sender_voice(doc, span) != "lead"
            elif kind in ("reply", "subject") and doc.has("reply_subject", span, local=False):
                reply = span
        if reply is None:
            marker = doc.has("quoted_marker", (body, end), local=False)
            if marker is not None:
                reply = (marker.start, marker.end)
        if reply is None and body < len(doc.tokens):
            # a message opening with thanks answers one of ours ("Thanks for the guides. ...")
            opening = doc.sentences[doc.sentence_of(_first_word(doc, body, end))]
            thanks = doc.has("thanks", opening)
            if thanks is not None:
                reply = (thanks.start, thanks.end)
        doc.emails.append(Email(start, body, end, day, ours, reply))


def _first_word(doc: Doc, start: int, end: int) -> int:
    return next((k for k in range(start, min(end, len(doc.tokens))) if doc.tokens[k].kind == "word"), start)


def day_of(d: DateSpan) -> date:
    return d.value
