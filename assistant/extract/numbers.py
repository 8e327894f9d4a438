"""Numbers, counts and money amounts as reps write them, in every language of the vocabulary.

"1.200" and "1 200" and "1,200" are 1200, "2,5" is 2.5, "50k" is 50000, "2,5 mln" is 2500000,
"due" and "dwie" are 2, "€50k" is (50000.0, "EUR"). Pure functions over regexes compiled on
first use; every span is an exact slice of the input (`raw == text[start:end]`).

The words are data: `vocab/<lang>/numbers.toml` (number words, multipliers, count words,
currency words, clock cues) and `vocab/symbols.toml` (currency signs and ISO codes,
multiplier letters). This module holds the regex skeletons and the arithmetic.

Ambiguity rule for one separator: exactly three digits after it ("1.200", "1,200") is a
thousands separator, anything else ("2,5", "2.50", "0.125") is a decimal mark.

Digits that are not quantities are skipped: phone numbers, dates (2026-03-14, 14/03),
clock times (11:30, alle 22.15), ordinals (3rd, 1°) and the patterns a language lists
(Polish post codes: 00-950 Warszawa).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.extract import vocab

__all__ = [
    "NumberSpan",
    "count_word",
    "find_amounts",
    "find_counts",
    "find_numbers",
    "fold",
    "fold_text",
    "parse_amount",
    "parse_number",
]


@dataclass(frozen=True)
class NumberSpan:
    """A number found in a text: `raw == text[start:end]`, `value` its reading."""

    start: int
    end: int
    value: float
    raw: str


def fold(word: str) -> str:
    """Lowercase and strip diacritics ("pięć" -> "piec", "ventitré" -> "ventitre"); ł -> l."""
    lowered = word.lower().replace("ł", "l")
    if lowered.isascii():
        return lowered
    return "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("ł"): "l", ord("’"): "'", ord("‘"): "'", ord("`"): "'"}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and len(base) == 1:
            table[code] = base.lower()
    return table


_FOLD_TABLE = _build_fold_table()


def fold_text(text: str) -> str:
    """`fold` for a whole text, keeping its length: offsets stay valid for the original."""
    folded = text.lower().translate(_FOLD_TABLE)
    if len(folded) == len(text):
        return folded
    return "".join(low.translate(_FOLD_TABLE) if len(low := c.lower()) == 1 else c for c in text)


# --- building the regexes from the vocabulary -----------------------------------------------


def _phrase(words: str) -> str:
    """A literal word or phrase as a regex: escaped, any whitespace between its words."""
    return r"\s+".join(re.escape(part) for part in words.split())


def _alt(patterns: Iterable[str]) -> str:
    """An alternation, longest first (so "milioni" is tried before "milion")."""
    return "|".join(sorted(set(patterns), key=lambda p: (-len(p), p)))


def _written(words: Iterable[str]) -> set[str]:
    """Each word as written and folded, for the regexes run on the unfolded text."""
    return {form for word in words for form in (word.lower(), fold(word))}


@dataclass(frozen=True)
class _Tables:
    number_words: dict[str, float]
    words_by_lang: dict[str, frozenset[str]]
    articles: dict[str, float]
    collective: frozenset[str]
    not_alone: frozenset[str]
    scales: dict[str, float]
    multipliers: dict[str, float]
    digits_only: frozenset[str]
    letters: dict[str, float]
    digit_number: re.Pattern[str]
    range_gap: re.Pattern[str]
    and_gap: re.Pattern[str]
    between_before: re.Pattern[str]
    count_adverbs: dict[str, int]
    count_phrase: re.Pattern[str]
    count_find: re.Pattern[str]
    count_keys: tuple[str, ...]
    currency_before: re.Pattern[str]
    currency_after: re.Pattern[str]
    currency_codes: dict[str, str]


def _tables() -> _Tables:
    return _build(vocab.root())


@cache
def _build(folder: Path) -> _Tables:
    """Every table and regex of this module, from the vocabulary in `folder` (read once a
    process, and derived once a vocabulary: kept in the cache directory)."""
    from assistant.extract.engine.lexicon import cached_build

    return cached_build(Path(__file__).stem, folder, __file__, lambda: _derive(folder))


def _derive(folder: Path) -> _Tables:
    from assistant.extract.vocab import schema

    langs = schema.languages_with(schema.NumbersVocab)
    data = {lang: schema.read(lang, schema.NumbersVocab) for lang in langs}
    sym = schema.symbols()

    number_words: dict[str, float] = {}
    by_lang: dict[str, frozenset[str]] = {}
    for lang in langs:
        keys = set()
        for word, value in data[lang].values().items():
            key = fold(word)
            number_words.setdefault(key, value)
            keys.add(key)
        by_lang[lang] = frozenset(keys)

    def folded(pick) -> frozenset[str]:  # type: ignore[no-untyped-def]
        return frozenset(fold(w) for lang in langs for w in pick(data[lang]))

    collective = folded(lambda d: d.collective)
    multipliers: dict[str, float] = {}
    mult_forms: set[str] = set()
    for lang in langs:
        for mult in data[lang].multipliers:
            for word in mult.words:
                multipliers.setdefault(fold(word), mult.value)
                mult_forms |= {re.escape(w) for w in _written([word])}
            for word in mult.abbreviations:
                mult_forms |= {re.escape(w) + r"\.?" for w in _written([word])}
    letters = dict(sym.multiplier_letters)
    ordinals = [re.escape(s) for lang in langs for s in data[lang].ordinal_suffixes]
    ordinals += [re.escape(s) for s in sym.ordinal_signs]
    clock: list[str] = []
    for lang in langs:
        for cue in _written(data[lang].clock.before):
            clock.append(rf"(?<={re.escape(cue)}\ )\d{{1,2}}\.\d{{2}}(?!\d)")
        meridiem = _alt(re.escape(m) for m in data[lang].clock.meridiem)
        for cue in _written(data[lang].clock.before_meridiem):
            clock.append(rf"(?<={re.escape(cue)}\ )\d{{1,2}}\.\d{{2}}(?=\s?(?:{meridiem}))")
    extra = [rf"(?<![\w.,-]){p}" for lang in langs for p in data[lang].not_quantities]
    # Runs of digits that are phone numbers (split by spaces, dashes or brackets), dates and
    # clock times: their digits are not quantities. "12 500 000" stays a number.
    not_quantity = "|".join(
        [
            r"(?<![\w+])(?!\d{1,2}(?:[ \u00a0]\d{3}){1,2}(?![ \u00a0\-/]?\d))"
            r"\+?\(?\d{2,4}\)?(?:[ \u00a0\-/]\(?\d{2,4}\)?){2,}(?![\w])",  # 604 221 873
            r"(?<!\w)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)",  # 2026-03-14
            r"(?<!\w)\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)",  # 14/03/2026
            r"(?<!\w)\d{1,2}:\d{2}(?!\d)",  # 11:30
            *clock,  # alle 22.15
            r"(?<![\w/.,])\d{1,2}/\d{1,2}(?![\d/])",  # 15/01
            rf"(?<!\w)\d+(?:{_alt(ordinals)})(?!\w)" if ordinals else r"(?!)",  # 3rd, 1°
            r"(?<![\w+])\+?\d{9,}(?!\w|[.,]\d)",  # 604221873, REGON
            *extra,  # 00-950 Warszawa
        ]
    )
    letter_class = "".join(re.escape(k) for k in letters) or "(?!)"
    # One pass: what is not a quantity is matched (and skipped) before it can read as a number.
    digit_number = re.compile(
        r"(?=[\d+(])"  # fails fast where no number can start
        rf"(?:(?P<skip>{not_quantity})"
        r"|(?<![\w])(?<!\d[.,])"  # not glued to a word or inside another number
        r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,3}(?![ \u00a0\u202f]?\d)"  # 1 200 000
        r"(?:,\d{1,2}(?!\d))?(?![.,]\d)"  # 1 200,50
        r"|\d+(?:[.,]\d+)*)"  # 1200, 1.200, 1,200, 2,5, 1.200,50
        rf"(?:(?P<letter>[{letter_class}])(?![^\W\d_])"  # 50k, 1.5M
        rf"|(?P<word>[ \u00a0]?(?:{_alt(mult_forms) or '(?!)'}))(?!\w))?)",  # 2,5 mln, 30 mila
        re.IGNORECASE,
    )

    def joined(pick) -> str:  # type: ignore[no-untyped-def]
        return _alt(_phrase(w) for w in _written(w for lang in langs for w in pick(data[lang])))

    # "50-60k", "2–3 mln", "50 to 60k": the first number shares the second one's multiplier;
    # "between 50 and 60k": "and" joins a range only after "between".
    range_gap = re.compile(rf"\s*(?:-|–|{joined(lambda d: d.ranges.to) or '(?!)'})\s*$")
    and_gap = re.compile(rf"\s+(?:{joined(lambda d: d.ranges.both) or '(?!)'})\s+$")
    between_before = re.compile(
        rf"(?:{joined(lambda d: d.ranges.between) or '(?!)'})\s+$", re.IGNORECASE
    )

    adverbs: dict[str, int] = {}
    found_adverbs: set[str] = set()
    for lang in langs:
        counts = data[lang].counts
        for entry in counts.adverbs:
            for word in entry.words:
                adverbs.setdefault(" ".join(fold(word).split()), entry.value)
                if entry.value:
                    found_adverbs |= _written([word])
        for entry in counts.alone:
            for word in entry.words:
                adverbs.setdefault(" ".join(fold(word).split()), entry.value)
    times = _written(w for lang in langs for w in data[lang].counts.times)
    suffixes = _written(w for lang in langs for w in data[lang].counts.suffixes)
    times_alt = _alt([*(_phrase(t) for t in times), "x", "×"])
    suffix_alt = _alt(re.escape(s) for s in suffixes) or "(?!)"
    count_phrase = re.compile(
        rf"(?P<n>\d+|[^\W\d_]+)\s*(?P<unit>{times_alt}|-?(?:{suffix_alt}))|[x×]\s?(?P<n2>\d+)",
        re.IGNORECASE,
    )
    phrases = _alt(_phrase(a) for a in found_adverbs if " " in a) or "(?!)"
    single = _alt(re.escape(a) for a in found_adverbs if " " not in a) or "(?!)"
    count_find = re.compile(
        rf"(?<!\w)(?:{phrases}"
        rf"|(?P<n>\d+|[^\W\d_]+)\s*(?:{times_alt}|-(?:{suffix_alt}))"
        rf"|[x×]\s?(?P<n2>\d+)|(?P<adv>{single}))(?!\w)",
        re.IGNORECASE,
    )
    # Cheap gate: without one of these, only "3x" / "x3" can be a count.
    keys = {k.lower() for k in times | suffixes | found_adverbs}
    count_keys = tuple(sorted(k for k in keys if not any(o != k and o in k for o in keys)))

    signs = {sign: cur.code for cur in sym.currencies for sign in cur.signs}
    codes: dict[str, str] = {fold(s): c for s, c in signs.items()}
    codes.update({cur.code.lower(): cur.code for cur in sym.currencies})
    words: set[str] = set()
    for lang in langs:
        for cur in data[lang].currencies:
            for word in cur.words:
                codes.setdefault(fold(word), cur.code)
                words |= _written([word])
    sign_alt = _alt(re.escape(s) for s in signs)
    code_alt = _alt(re.escape(cur.code) for cur in sym.currencies)
    currency_before = re.compile(rf"(?P<cur>{sign_alt}|{code_alt})[ \u00a0]?$", re.IGNORECASE)
    word_alt = _alt(rf"{_phrase(w)}\b" for w in words | {c.lower() for c in codes.values()})
    of_alt = _alt(
        rf"{re.escape(w)}[ \u00a0]" for lang in langs for w in _written(data[lang].currency_of)
    )
    currency_after = re.compile(
        rf"^[ \u00a0]?(?:{of_alt or '(?!)'})?(?P<cur>{sign_alt}|{word_alt})", re.IGNORECASE
    )
    return _Tables(
        number_words=number_words,
        words_by_lang=by_lang,
        articles={fold(w): 1.0 for lang in langs for w in data[lang].articles},
        collective=collective,
        not_alone=folded(lambda d: d.not_alone) | collective,
        scales={fold(w): s.value for lang in langs for s in data[lang].scales for w in s.words},
        multipliers=multipliers,
        digits_only=frozenset(
            fold(w) for lang in langs for m in data[lang].multipliers for w in m.after_digits_only
        ),
        letters=letters,
        digit_number=digit_number,
        range_gap=range_gap,
        and_gap=and_gap,
        between_before=between_before,
        count_adverbs=adverbs,
        count_phrase=count_phrase,
        count_find=count_find,
        count_keys=count_keys,
        currency_before=currency_before,
        currency_after=currency_after,
        currency_codes=codes,
    )


def _parse_digits(token: str) -> float | None:
    """Read one digit token with separators; None when it is no number (a date, a version)."""
    token = token.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in token:
        return float(token.replace(" ", "").replace(",", "."))
    seps = [c for c in token if c in ".,"]
    if not seps:
        return float(token)
    groups = re.split(r"[.,]", token)
    if len(set(seps)) == 1:
        if len(seps) > 1:  # 1.200.000 / 1,200,000: only thousands, properly grouped
            if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
                return float("".join(groups))
            return None
        whole, frac = groups
        if len(frac) == 3 and len(whole) <= 3 and whole != "0":
            return float(whole + frac)
        return float(f"{whole}.{frac}")
    # Mixed: the last separator is the decimal mark, the others group thousands.
    decimal = seps[-1]
    if seps.count(decimal) != 1:
        return None
    whole, frac = token.rsplit(decimal, 1)
    thousands = re.split(r"[.,]", whole)
    if len(thousands[0]) > 3 or any(len(g) != 3 for g in thousands[1:]):
        return None
    return float("".join(thousands) + "." + frac)


# --- number words ---------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_WORD_GAP = re.compile(r"[ \u00a0]+|[ \u00a0]?-[ \u00a0]?")


def _is_number_word(t: _Tables, key: str, lang: str | None) -> bool:
    if key not in t.number_words:
        return False
    return lang not in t.words_by_lang or key in t.words_by_lang[lang]


def _scan_number_words(
    text: str, lang: str | None = None, *, allow_alone: bool = False
) -> list[NumberSpan]:
    """Number words and phrases: "two", "twenty-five", "dwadzieścia pięć", "a dozen"."""
    t = _tables()
    numbers, articles = t.number_words, t.articles
    found: list[NumberSpan] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(fold_text(text))]
    i = 0
    while i < len(tokens):
        start, end, key = tokens[i]
        if not _is_number_word(t, key, lang) and key not in articles:
            i += 1
            continue
        total = 0.0
        current = last = numbers[key] if key in numbers else articles[key]
        consumed = [key]
        j = i + 1
        # Extend greedily: tens + unit, number + "hundred", number + multiplier,
        # article + collective ("a couple", "un paio").
        while j < len(tokens):
            gap = text[tokens[j - 1][1] : tokens[j][0]]
            nxt = tokens[j][2]
            if not _WORD_GAP.fullmatch(gap):
                break
            if nxt in t.scales:
                current = last = (current or 1.0) * t.scales[nxt]
            elif nxt in t.multipliers and nxt not in t.digits_only:
                total += (current or 1.0) * t.multipliers[nxt]
                current = last = 0.0
            elif nxt in t.collective and consumed[-1] in articles and _is_number_word(t, nxt, lang):
                current = last = numbers[nxt]
            elif (
                consumed[-1] not in articles
                and _is_number_word(t, nxt, lang)
                and nxt not in t.collective
                and numbers[nxt] > 0
                and (
                    (20 <= last < 100 and last % 10 == 0 and numbers[nxt] < 10)
                    or (last >= 100 and last % 100 == 0 and numbers[nxt] < 100)
                )
            ):
                current += numbers[nxt]
                last = numbers[nxt]
            else:
                break
            consumed.append(nxt)
            end = tokens[j][1]
            j += 1
        total += current
        if len(consumed) == 1 and not allow_alone and (key in articles or key in t.not_alone):
            i += 1
            continue
        if consumed[-1] in articles:
            i += 1
            continue
        found.append(NumberSpan(start, end, total, text[start:end]))
        i = j
    return found


def _is_range(text: str, first: NumberSpan, second_start: int) -> bool:
    t = _tables()
    gap = text[first.end : second_start]
    if t.range_gap.match(gap):
        return True
    return bool(
        t.and_gap.match(gap)
        and t.between_before.search(text, max(0, first.start - 12), first.start)
    )


def _scan_digit_numbers(text: str) -> list[NumberSpan]:
    t = _tables()
    found: list[NumberSpan] = []
    plain_before: tuple[int, float] | None = None  # (index in found, base) of a bare number
    for m in t.digit_number.finditer(text):
        if m.group("skip"):
            continue
        base = _parse_digits(m.group("num"))
        if base is None:
            continue
        factor = 1.0
        if m.group("letter"):
            factor = t.letters.get(m.group("letter"), 1.0)
        elif m.group("word"):
            factor = t.multipliers[fold(m.group("word").strip(" \u00a0.")).rstrip(".")]
        if factor != 1.0 and plain_before is not None:
            index, first = plain_before
            prev = found[index]
            if first * factor <= base * factor and _is_range(text, prev, m.start()):
                found[index] = NumberSpan(prev.start, prev.end, first * factor, prev.raw)
        plain_before = (len(found), base) if factor == 1.0 else None
        found.append(NumberSpan(m.start(), m.end(), base * factor, m.group()))
    return found


def find_numbers(text: str, lang: str | None = None) -> list[NumberSpan]:
    """Every number in `text`, digits (with separators and multiplier) or words, in order.

    Phone numbers, dates and clock times are left out: their digits are not quantities.
    Lone articles ("a", "una") are not numbers; "a dozen", "un paio", "un milione" are.
    With `lang`, number words are read in that language only ("due" is not 2 in English).
    """
    spans = _scan_digit_numbers(text) + _scan_number_words(text, lang)
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[NumberSpan] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


def parse_number(text: str, lang: str | None = None, *, whole: bool = False) -> float | None:
    """The number written in `text` ("1.200", "2,5 mln", "due", "a dozen"), or None.

    By default the first number in `text` ("1,2 mln zł" -> 1200000.0); with `whole=True`
    the number must be all of `text` ("three weeks" -> None).
    """
    stripped = text.strip()
    if not stripped:
        return None
    t = _tables()
    key = fold(stripped)
    if _is_number_word(t, key, lang):
        return t.number_words[key]
    if key in t.articles:
        return t.articles[key]
    spans = find_numbers(stripped, lang) or _scan_number_words(stripped, lang, allow_alone=True)
    if not spans:
        return None
    if whole and (len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(stripped)):
        return None
    return spans[0].value


# --- counts ---------------------------------------------------------------------------------

_X_COUNT = re.compile(r"(?<!\w)(?:\d+\s?[x×]|[x×]\s?\d+)(?!\w)", re.IGNORECASE)


def count_word(token: str, lang: str | None = None) -> int | None:
    """How many times a count phrase says: "twice" 2, "due volte" 2, "trzy razy" 3, "3x" 3.

    "raz" and "una volta" and "once" are 1; vague counts ("several times", "kilka razy")
    are None.
    """
    t = _tables()
    key = " ".join(fold(token).split())
    if key in t.count_adverbs:
        return t.count_adverbs[key] or None
    m = t.count_phrase.fullmatch(key)
    if not m:
        return None
    raw = m.group("n") or m.group("n2")
    if raw.isdigit():
        return int(raw) or None
    if raw in t.articles:
        return None  # "a volte" is "sometimes", "at a time" no count ("una volta" is listed)
    value = parse_number(raw, lang, whole=True)
    if value is None or value != int(value) or value < 1:
        return None
    return int(value)


def find_counts(text: str, lang: str | None = None) -> list[NumberSpan]:
    """Every count phrase in `text` ("twice", "3 times", "due volte", "trzy razy", "x3")."""
    t = _tables()
    found: list[NumberSpan] = []
    low = text.lower()
    regex = t.count_find if any(k in low for k in t.count_keys) else _X_COUNT
    for m in regex.finditer(text):
        value = count_word(m.group(), lang)
        if value is not None:
            found.append(NumberSpan(m.start(), m.end(), float(value), m.group()))
    return found


# --- money ----------------------------------------------------------------------------------


def find_amounts(text: str, lang: str | None = None) -> list[tuple[NumberSpan, str | None]]:
    """Every money amount in `text`: a number with a currency sign, code or word next to it.

    The span covers the currency too ("€50k", "2,5 mln PLN", "30 mila euro"); the currency
    is an ISO 4217 code. Bare numbers are not amounts here: `parse_amount` reads those.
    """
    t = _tables()
    out: list[tuple[NumberSpan, str | None]] = []
    spans = find_numbers(text, lang)
    pending: NumberSpan | None = None  # a bare number opening a range: "2-3 mln zł"
    for span in spans:
        start, end, cur = span.start, span.end, None
        before = t.currency_before.search(text, max(0, start - 4), start)
        if before:
            cur, start = before.group("cur"), before.start()
        else:
            after = t.currency_after.match(text[end : end + 12])
            if after:
                cur, end = after.group("cur"), end + after.end()
        if cur is None:
            pending = span
            continue
        code = t.currency_codes.get(fold(cur))
        if pending is not None and _is_range(text, pending, span.start):
            out.append((pending, code))  # the range's low end, in the same currency
        pending = None
        if out and start < out[-1][0].end:
            continue
        out.append((NumberSpan(start, end, span.value, text[start:end]), code))
    return out


def parse_amount(text: str, lang: str | None = None) -> tuple[float, str | None] | None:
    """The money amount in `text`: (value, ISO 4217 code or None when no currency is written).

    "€50k" -> (50000.0, "EUR"), "50 tys. zł" -> (50000.0, "PLN"), "100k" -> (100000.0, None).
    """
    amounts = find_amounts(text, lang)
    if amounts:
        span, code = amounts[0]
        return span.value, code
    value = parse_number(text, lang)
    return None if value is None else (value, None)
