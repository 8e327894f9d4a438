"""Numbers, counts and money amounts as reps write them in English, Italian and Polish.

"1.200" and "1 200" and "1,200" are 1200, "2,5" is 2.5, "50k" is 50000, "2,5 mln" is 2500000,
"due" and "dwie" are 2, "€50k" is (50000.0, "EUR"). Pure functions over precompiled regexes;
every span is an exact slice of the input (`raw == text[start:end]`).

Ambiguity rule for one separator: exactly three digits after it ("1.200", "1,200") is a
thousands separator, anything else ("2,5", "2.50", "0.125") is a decimal mark.

Digits that are not quantities are skipped: phone numbers, dates (2026-03-14, 14/03),
clock times (11:30, alle 22.15), ordinals (3rd, 1°) and Polish post codes (00-950 Warszawa).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


# --- multipliers ----------------------------------------------------------------------------

# Suffix words after a number ("2,5 mln", "30 mila", "3 tys.", "2 million"), folded.
_MULT_WORDS: dict[str, float] = {
    "thousand": 1e3, "mila": 1e3, "tys": 1e3, "tysiac": 1e3, "tysiace": 1e3, "tysiecy": 1e3,
    "tysiaca": 1e3, "miliona": 1e6, "miliarda": 1e9,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mio": 1e6, "milione": 1e6, "milioni": 1e6,
    "milion": 1e6, "miliony": 1e6, "milionow": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "mld": 1e9, "mrd": 1e9, "miliardo": 1e9,
    "miliardi": 1e9, "miliard": 1e9, "miliardy": 1e9, "miliardow": 1e9,
}  # fmt: skip
# One letter glued to the digits ("50k", "1.5M", "€2m", "3B").
_MULT_LETTERS: dict[str, float] = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "B": 1e9}

_MULT_WORD_ALT = "|".join(
    sorted(
        {
            "thousand", "mila", r"tys\.?", "tysiąc", "tysiące", "tysięcy", "tysiac", "tysiace",
            "tysiecy", "tysiąca", "tysiaca", "millions?", r"mln\.?", r"mio\.?", "milion[ei]",
            "milion(?:y|ów|ow|a)?",
            "billions?", "bn", r"mld\.?", r"mrd\.?", "miliard[oi]", "miliard(?:y|ów|ow|a)?",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

# Runs of digits that are phone numbers (split by spaces, dashes or brackets), dates and
# clock times: their digits are not quantities. "12 500 000" stays a number.
_NOT_QUANTITY = r"""
    (?<![\w+])(?!\d{1,2}(?:[ \u00a0]\d{3}){1,2}(?![ \u00a0\-/]?\d))
        \+?\(?\d{2,4}\)?(?:[ \u00a0\-/]\(?\d{2,4}\)?){2,}(?![\w])          # phones: 604 221 873
  | (?<!\w)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)                            # 2026-03-14
  | (?<!\w)\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)                          # 14/03/2026
  | (?<!\w)\d{1,2}:\d{2}(?!\d)                                            # 11:30
  | (?<=alle\ )\d{1,2}\.\d{2}(?!\d) | (?<=ore\ )\d{1,2}\.\d{2}(?!\d)      # alle 22.15
  | (?<=godz\.\ )\d{1,2}\.\d{2}(?!\d) | (?<=at\ )\d{1,2}\.\d{2}(?=\s?[ap]m)
  | (?<![\w/.,])\d{1,2}/\d{1,2}(?![\d/])                                  # 15/01
  | (?<!\w)\d+(?:st|nd|rd|th|°|º)(?!\w)                                   # 3rd, 1°: ordinals
  | (?<![\w+])\+?\d{9,}(?!\w|[.,]\d)                                       # 604221873, REGON
  | (?<![\w.,-])\d{2}-\d{3}(?=\ (?-i:[A-ZĆŁŚŹŻ]))                           # 00-950 Warszawa
"""
# One pass: what is not a quantity is matched (and skipped) before it can read as a number.
_DIGIT_NUMBER = re.compile(
    r"""
    (?=[\d+(])                                 # fails fast where no number can start
    (?:
    (?P<skip>NOT_QUANTITY)
  | (?<![\w])(?<!\d[.,])                       # not glued to a word or inside another number
    (?P<num>
        \d{1,3}(?:[ \u00a0\u202f]\d{3}){1,3}(?![ \u00a0\u202f]?\d)   # 1 200 / 1 200 000
        (?:,\d{1,2}(?!\d))?(?![.,]\d)                          # 1 200,50
      | \d+(?:[.,]\d+)*                        # 1200, 1.200, 1,200, 2,5, 1.200,50
    )
    (?:
        (?P<letter>[kKmMB])(?![^\W\d_])        # 50k, 1.5M
      | (?P<word>[ \u00a0]?(?:MULTIPLIER_WORDS))(?!\w)          # 2,5 mln, 30 mila
    )?
    )
    """.replace("MULTIPLIER_WORDS", _MULT_WORD_ALT).replace("NOT_QUANTITY", _NOT_QUANTITY),
    re.VERBOSE | re.IGNORECASE,
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

_UNITS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS_EN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNITS_IT = ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove",
             "dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici",
             "diciassette", "diciotto", "diciannove"]  # fmt: skip
_TENS_IT = ["venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta",
            "novanta"]  # fmt: skip
_UNITS_PL = ["zero", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem",
             "dziewięć", "dziesięć", "jedenaście", "dwanaście", "trzynaście", "czternaście",
             "piętnaście", "szesnaście", "siedemnaście", "osiemnaście",
             "dziewiętnaście"]  # fmt: skip
_TENS_PL = ["dwadzieścia", "trzydzieści", "czterdzieści", "pięćdziesiąt", "sześćdziesiąt",
            "siedemdziesiąt", "osiemdziesiąt", "dziewięćdziesiąt"]  # fmt: skip
# Polish case forms and genders: "dwie", "dwóch", "trzech", "pięciu" ...
_PL_FORMS = {
    1: ["jedna", "jedno", "jednego", "jednej"], 2: ["dwie", "dwóch", "dwoje", "dwu", "dwóm"],
    3: ["trzech", "troje", "trzem"], 4: ["czterech", "czworo"], 5: ["pięciu"], 6: ["sześciu"],
    7: ["siedmiu"], 8: ["ośmiu"], 9: ["dziewięciu"], 10: ["dziesięciu"], 11: ["jedenastu"],
    12: ["dwunastu"], 13: ["trzynastu"], 14: ["czternastu"], 15: ["piętnastu"],
    16: ["szesnastu"], 17: ["siedemnastu"], 18: ["osiemnastu"], 19: ["dziewiętnastu"],
    20: ["dwudziestu"], 30: ["trzydziestu"], 40: ["czterdziestu"], 50: ["pięćdziesięciu"],
    60: ["sześćdziesięciu"], 70: ["siedemdziesięciu"], 80: ["osiemdziesięciu"],
    90: ["dziewięćdziesięciu"], 100: ["sto", "stu"], 200: ["dwieście", "dwustu"],
    300: ["trzysta", "trzystu"], 400: ["czterysta", "czterystu"], 500: ["pięćset", "pięciuset"],
    1000: ["tysiąc"],
}  # fmt: skip


def _build_words() -> tuple[dict[str, float], dict[str, frozenset[str]]]:
    words: dict[str, float] = {}
    by_lang: dict[str, set[str]] = {"en": set(), "it": set(), "pl": set()}

    def add(lang: str, word: str, value: float) -> None:
        key = fold(word)
        words.setdefault(key, value)
        by_lang[lang].add(key)

    for lang, units, tens in (
        ("en", _UNITS_EN, _TENS_EN), ("it", _UNITS_IT, _TENS_IT), ("pl", _UNITS_PL, _TENS_PL)
    ):  # fmt: skip
        for value, word in enumerate(units):
            add(lang, word, float(value))
        for i, word in enumerate(tens):
            add(lang, word, float(20 + 10 * i))
    for value, forms in _PL_FORMS.items():
        for word in forms:
            add("pl", word, float(value))
    # Italian writes 21..99 as one word, eliding the tens' vowel before uno/otto.
    it_words = {1: "uno", 2: "due", 3: "tre", 4: "quattro", 5: "cinque", 6: "sei",
                7: "sette", 8: "otto", 9: "nove"}  # fmt: skip
    it_by_value = {v: fold(w) for v, w in enumerate(_UNITS_IT)}
    for i, tens_word in enumerate(_TENS_IT):
        it_by_value[20 + 10 * i] = tens_word
        for unit in range(1, 10):
            stem = tens_word[:-1] if unit in (1, 8) else tens_word
            add("it", stem + it_words[unit], float(20 + 10 * i + unit))
            add("it", stem + ("tré" if unit == 3 else it_words[unit]), float(20 + 10 * i + unit))
            it_by_value[20 + 10 * i + unit] = stem + it_words[unit]
    add("it", "cento", 100.0)
    for n in range(2, 10):
        add("it", it_words[n] + "cento", 100.0 * n)
    add("it", "mille", 1000.0)
    add("it", "centomila", 100_000.0)
    for n in range(2, 10):
        add("it", it_words[n] + "centomila", 100_000.0 * n)
    for n in range(2, 100):
        add("it", it_by_value[n] + "mila", 1000.0 * n)
    for lang, word, value in (
        ("en", "hundred", 100.0), ("en", "dozen", 12.0), ("en", "couple", 2.0),
        ("it", "dozzina", 12.0), ("it", "decina", 10.0), ("it", "ventina", 20.0),
        ("it", "trentina", 30.0), ("it", "quarantina", 40.0), ("it", "cinquantina", 50.0),
        ("it", "migliaio", 1000.0),
        ("it", "centinaio", 100.0), ("it", "paio", 2.0), ("pl", "tuzin", 12.0), ("pl", "para", 2.0),
        ("pl", "półtora", 1.5), ("pl", "pół", 0.5), ("it", "mezzo", 0.5),
    ):  # fmt: skip
        add(lang, word, value)
    return words, {k: frozenset(v) for k, v in by_lang.items()}


_NUMBER_WORDS, _WORDS_BY_LANG = _build_words()
# Words that are only a number after an article ("a dozen", "un paio", "una dozzina").
_COLLECTIVE = {"dozen", "dozzina", "tuzin", "decina", "ventina", "trentina", "quarantina",
               "cinquantina", "centinaio", "migliaio", "paio", "couple", "para"}  # fmt: skip
# Articles read as 1 only before a multiplier or a collective: "a hundred", "un milione".
_ARTICLES = {"a": 1.0, "an": 1.0, "un": 1.0, "una": 1.0, "uno": 1.0}
# Standalone words too often something else to count as numbers on their own
# ("uno" is also an article, "sto" is Italian for "I am", "zero" rarely counts anything).
_NOT_ALONE = {"zero", "uno", "sto", "pol", "mezzo"} | _COLLECTIVE | {"hundred"}

_WORD = re.compile(r"[^\W\d_]+")
_WORD_GAP = re.compile(r"[ \u00a0]+|[ \u00a0]?-[ \u00a0]?")


def _is_number_word(key: str, lang: str | None) -> bool:
    if key not in _NUMBER_WORDS:
        return False
    return lang not in _WORDS_BY_LANG or key in _WORDS_BY_LANG[lang]


def _scan_number_words(
    text: str, lang: str | None = None, *, allow_alone: bool = False
) -> list[NumberSpan]:
    """Number words and phrases: "two", "twenty-five", "dwadzieścia pięć", "a dozen"."""
    found: list[NumberSpan] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(fold_text(text))]
    i = 0
    while i < len(tokens):
        start, end, key = tokens[i]
        if not _is_number_word(key, lang) and key not in _ARTICLES:
            i += 1
            continue
        total = 0.0
        current = last = _NUMBER_WORDS[key] if key in _NUMBER_WORDS else _ARTICLES[key]
        consumed = [key]
        j = i + 1
        # Extend greedily: tens + unit, number + "hundred", number + multiplier,
        # article + collective ("a couple", "un paio").
        while j < len(tokens):
            gap = text[tokens[j - 1][1] : tokens[j][0]]
            nxt = tokens[j][2]
            if not _WORD_GAP.fullmatch(gap):
                break
            if nxt == "hundred":
                current = last = (current or 1.0) * 100
            elif nxt in _MULT_WORDS and nxt != "tys":
                total += (current or 1.0) * _MULT_WORDS[nxt]
                current = last = 0.0
            elif nxt in _COLLECTIVE and consumed[-1] in _ARTICLES and _is_number_word(nxt, lang):
                current = last = _NUMBER_WORDS[nxt]
            elif (
                consumed[-1] not in _ARTICLES
                and _is_number_word(nxt, lang)
                and nxt not in _COLLECTIVE
                and _NUMBER_WORDS[nxt] > 0
                and (
                    (20 <= last < 100 and last % 10 == 0 and _NUMBER_WORDS[nxt] < 10)
                    or (last >= 100 and last % 100 == 0 and _NUMBER_WORDS[nxt] < 100)
                )
            ):
                current += _NUMBER_WORDS[nxt]
                last = _NUMBER_WORDS[nxt]
            else:
                break
            consumed.append(nxt)
            end = tokens[j][1]
            j += 1
        total += current
        if len(consumed) == 1 and not allow_alone and (key in _ARTICLES or key in _NOT_ALONE):
            i += 1
            continue
        if consumed[-1] in _ARTICLES:
            i += 1
            continue
        found.append(NumberSpan(start, end, total, text[start:end]))
        i = j
    return found


# "50-60k", "2–3 mln", "50 to 60k": the first number shares the second one's multiplier.
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|a|do|fino\s+a)\s*$")
# "between 50 and 60k", "tra 50 e 60 mila", "między 50 a 60 tys.": "and" joins a range only
# after "between".
_AND_GAP = re.compile(r"\s+(?:and|e|i|a)\s+$")
_BETWEEN_BEFORE = re.compile(r"(?:between|tra|fra|między|pomiędzy)\s+$", re.IGNORECASE)


def _is_range(text: str, first: NumberSpan, second_start: int) -> bool:
    gap = text[first.end : second_start]
    if _RANGE_GAP.match(gap):
        return True
    return bool(
        _AND_GAP.match(gap) and _BETWEEN_BEFORE.search(text, max(0, first.start - 12), first.start)
    )


def _scan_digit_numbers(text: str) -> list[NumberSpan]:
    found: list[NumberSpan] = []
    plain_before: tuple[int, float] | None = None  # (index in found, base) of a bare number
    for m in _DIGIT_NUMBER.finditer(text):
        if m.group("skip"):
            continue
        base = _parse_digits(m.group("num"))
        if base is None:
            continue
        factor = 1.0
        if m.group("letter"):
            factor = _MULT_LETTERS.get(m.group("letter"), 1.0)
        elif m.group("word"):
            factor = _MULT_WORDS[fold(m.group("word").strip(" \u00a0.")).rstrip(".")]
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
    key = fold(stripped)
    if _is_number_word(key, lang):
        return _NUMBER_WORDS[key]
    if key in _ARTICLES:
        return _ARTICLES[key]
    spans = find_numbers(stripped, lang) or _scan_number_words(stripped, lang, allow_alone=True)
    if not spans:
        return None
    if whole and (len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(stripped)):
        return None
    return spans[0].value


# --- counts ---------------------------------------------------------------------------------

_COUNT_ADVERBS: dict[str, int] = {
    "once": 1, "twice": 2, "thrice": 3, "raz": 1, "jednokrotnie": 1, "dwukrotnie": 2,
    "trzykrotnie": 3, "czterokrotnie": 4, "pieciokrotnie": 5, "kilkakrotnie": 0,
    "a couple of times": 2, "couple of times": 2, "un paio di volte": 2, "a few times": 0,
}  # fmt: skip
_TIMES = r"(?:times|time|x|volte|volta|razy|raz)"
_COUNT_PHRASE = re.compile(
    r"(?P<n>\d+|[^\W\d_]+)\s*(?P<unit>times|time|x|volte|volta|razy|raz|-?krotnie)"
    r"|x\s?(?P<n2>\d+)",
    re.IGNORECASE,
)
_COUNT_FIND = re.compile(
    r"(?<!\w)(?:(?:a\s+)?couple\s+of\s+times|un\s+paio\s+di\s+volte"
    r"|(?P<n>\d+|[^\W\d_]+)\s*(?:times?|volte|volta|razy|raz|x|-krotnie)"
    r"|x\s?(?P<n2>\d+)|(?P<adv>once|twice|thrice|dwukrotnie|trzykrotnie|czterokrotnie"
    r"|jednokrotnie|pięciokrotnie|pieciokrotnie))(?!\w)",
    re.IGNORECASE,
)

# Cheap gate: without one of these, only "3x" / "x3" can be a count.
_COUNT_KEYS = ("time", "volt", "raz", "krotni", "once", "twice", "thrice")
_X_COUNT = re.compile(r"(?<!\w)(?:\d+\s?x|x\s?\d+)(?!\w)", re.IGNORECASE)


def count_word(token: str, lang: str | None = None) -> int | None:
    """How many times a count phrase says: "twice" 2, "due volte" 2, "trzy razy" 3, "3x" 3.

    "raz" and "una volta" and "once" are 1; vague counts ("several times", "kilka razy")
    are None.
    """
    key = " ".join(fold(token).split())
    if key in _COUNT_ADVERBS:
        return _COUNT_ADVERBS[key] or None
    m = _COUNT_PHRASE.fullmatch(key)
    if not m:
        return None
    raw = m.group("n") or m.group("n2")
    if raw.isdigit():
        return int(raw) or None
    if raw in _ARTICLES and not (raw in ("una", "un") and m.group("unit") == "volta"):
        return None  # "a volte" is "sometimes", "at a time" no count; "una volta" is once
    value = parse_number(raw, lang, whole=True)
    if value is None or value != int(value) or value < 1:
        return None
    return int(value)


def find_counts(text: str, lang: str | None = None) -> list[NumberSpan]:
    """Every count phrase in `text` ("twice", "3 times", "due volte", "trzy razy", "x3")."""
    found: list[NumberSpan] = []
    low = text.lower()
    regex = _COUNT_FIND if any(k in low for k in _COUNT_KEYS) else _X_COUNT
    for m in regex.finditer(text):
        value = count_word(m.group(), lang)
        if value is not None:
            found.append(NumberSpan(m.start(), m.end(), float(value), m.group()))
    return found


# --- money ----------------------------------------------------------------------------------

_CURRENCY_BEFORE = re.compile(
    r"(?P<cur>US\$|\$|€|£|zł|EUR|USD|GBP|PLN|CHF)[ \u00a0]?$", re.IGNORECASE
)
_CURRENCY_AFTER = re.compile(
    r"""^[ \u00a0]?(?:di[ \u00a0]|of[ \u00a0])?(?P<cur>
        €|\$|£|zł|zl\b|eur(?:o|os)?\b|usd\b|dollars?\b|dollari\b|dolar(?:y|ów|ow)?\b
      | gbp\b|pounds?\b|sterlin[ae]\b|funt(?:y|ów|ow)?\b|pln\b|złotych\b|zlotych\b|złote\b
      | zloty\b|złoty\b|chf\b|franchi\b|franków\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_CURRENCY_CODES: dict[str, str] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "dollari": "USD",
    "dolar": "USD", "dolary": "USD", "dolarow": "USD",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterlina": "GBP",
    "sterline": "GBP", "funt": "GBP", "funty": "GBP", "funtow": "GBP",
    "zl": "PLN", "pln": "PLN", "zlotych": "PLN", "zlote": "PLN", "zloty": "PLN",
    "chf": "CHF", "franchi": "CHF", "frankow": "CHF",
}  # fmt: skip


def find_amounts(text: str, lang: str | None = None) -> list[tuple[NumberSpan, str | None]]:
    """Every money amount in `text`: a number with a currency sign, code or word next to it.

    The span covers the currency too ("€50k", "2,5 mln PLN", "30 mila euro"); the currency
    is an ISO 4217 code. Bare numbers are not amounts here: `parse_amount` reads those.
    """
    out: list[tuple[NumberSpan, str | None]] = []
    spans = find_numbers(text, lang)
    pending: NumberSpan | None = None  # a bare number opening a range: "2-3 mln zł"
    for span in spans:
        start, end, cur = span.start, span.end, None
        before = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
        if before:
            cur, start = before.group("cur"), before.start()
        else:
            after = _CURRENCY_AFTER.match(text[end : end + 12])
            if after:
                cur, end = after.group("cur"), end + after.end()
        if cur is None:
            pending = span
            continue
        code = _CURRENCY_CODES.get(fold(cur))
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
