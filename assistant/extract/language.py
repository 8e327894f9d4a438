"""Which of English, Italian and Polish a rep wrote in, from stopwords and letters.

Polish letters (ą ć ę ł ń ó ś ź ż) and Italian accented endings (à è ì ò ù) are strong
signs; frequent function words decide the rest, also for Polish written without diacritics.
Words shared by two languages ("a", "in", "to", "do", "e", "i") are left out. On a tie or
with no evidence the answer is English.
"""

from __future__ import annotations

import re

__all__ = ["LANGUAGES", "detect_language"]

LANGUAGES = ("en", "it", "pl")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of with has have had is was were for on at he she they we our their his her "
        "it's this that from about asked wants would will not but been after which who just "
        "yesterday today week last next said says her him them an are be did didn't "
        "what when there too also very can hi thanks please"
    ),
    "it": _words(
        "il lo la gli le di che per con non sono ha hanno un una uno del della dei delle degli "
        "al alla alle nel nella nei sul sulla anche ci si da dal dalla già ieri oggi "
        "settimana scorsa è questo questa molto poi perché dopo ancora gli sua suo loro "
        "vuole chiesto fatto stato stata mese prossimo tra fra ho abbiamo ciao buongiorno grazie "
        "richiesta preventivo dipendenti"
    ),
    "pl": _words(
        "się sie nie jest na że ze od po dla oraz ale jak już juz przez był była byl byla "
        "tylko jego jej ich mu być byc są sa będzie bedzie ta tego tej które ktore "
        "który ktory która ktora wczoraj dziś dzis dzisiaj tydzień tydzien temu przy bez "
        "także takze ma mamy też tez czy został zostal pracowników pracownikow "
        "osób osob prosi prosił prosil chce hej cześć czesc dzięki dzieki prośba"
    ),
}
# A word can count for one language only.
_STOP_LANG: dict[str, str] = {}
for _lang, _stopwords in _STOPWORDS.items():
    for _word in _stopwords:
        _STOP_LANG.setdefault(_word, _lang)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PL_LETTERS = frozenset("ąćęłńóśźż")
_IT_ACCENTED_END = frozenset("àèìòù")
_ELIDED = ("l", "un", "dell", "all", "dall", "nell", "sull", "c", "d", "quest")
_IT_ELISIONS = tuple(w + q for w in _ELIDED for q in "'’")
# A capitalised word with Polish letters is often only a name ("Łukasz", "Kraków").
_NAME_WEIGHT = 0.3
# Weaker hints from word shapes, for notes with few function words ("Scaricato ebook"):
# English -ing/-ed and "th", Italian -zione/-mente/-ato, Polish -ych/-anie and rz/cz/sz.
_SHAPE_WEIGHT = 0.4
_EN_ENDINGS = ("ing", "ed")
_IT_ENDINGS = ("zione", "zioni", "mente", "ato", "ati", "ito", "iti", "uto", "uti", "ando",
               "endo", "ggio")  # fmt: skip
_PL_ENDINGS = ("ych", "ymi", "ami", "ach", "owie", "osci", "enie", "anie", "aniu", "eniu", "ego",
               "emu", "owy", "owa", "owe", "owany", "owana", "owane", "owani")  # fmt: skip


def detect_language(text: str) -> str:
    """The language of `text`: "en", "it" or "pl", the best score; "en" on a tie or no evidence."""
    en = it = pl = 0.0
    for word in _WORD.findall(text):
        low = word.lower()
        lang = _STOP_LANG.get(low)
        if lang == "en":
            en += 1.0
        elif lang == "it":
            it += 1.0
        elif lang == "pl":
            pl += 1.0
        elif ("'" in low or "’" in low) and low.startswith(_IT_ELISIONS):
            it += 1.0
        elif len(low) > 3 and low.isascii():
            if low.endswith(_EN_ENDINGS) or "th" in low:
                en += _SHAPE_WEIGHT
            if low.endswith(_IT_ENDINGS):
                it += _SHAPE_WEIGHT
            if low.endswith(_PL_ENDINGS) or "rz" in low or "cz" in low or "sz" in low:
                pl += _SHAPE_WEIGHT
        elif not low.isascii():
            if not _PL_LETTERS.isdisjoint(low):
                pl += _NAME_WEIGHT if word[0].isupper() else 1.0
            elif low[-1] in _IT_ACCENTED_END:
                it += 1.5
    best = max(en, it, pl)
    if best <= 0 or en == best:
        return "en"
    return "it" if it == best else "pl"
