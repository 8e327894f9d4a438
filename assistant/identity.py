"""Who a note is about (name, email, phone, company), compared with who a lead is.

Before a note's facts go into the open lead, the pipeline compares the person the note
names with the lead: the same email or phone is the same person; a different name, email
or company is someone else, and the rep is asked where the note belongs. Names are
compared the way people write them: case, accents and a first name alone ("Giulia" for
"Giulia Ferrari") agree, and a Polish name in another case ("z Kacprem Nowakiem") is the
same person as its nominative ("Kacper Nowak"), which `nominative_name` gives back.
Pure: no storage, no Textual.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from assistant.domain import Extraction
from storage.repo import fold, phone_key

__all__ = ["Comparison", "Identity", "company_tokens", "compare", "name_tokens", "nominative_name"]

IDENTITY_FIELDS = ("name", "email", "phone", "company")
# the facts each identity field is stored as
IDENTITY_PATHS = {"name": "contact.name", "email": "contact.email", "phone": "contact.phone",
                  "company": "company.name"}


@cache
def _names() -> dict:
    text = resources.files("assistant.chat_vocab").joinpath("names.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def _polish_first_names() -> frozenset[str]:
    # lower case with the Polish letters kept: "Anną" is not the name "Anna"
    return frozenset(n.lower() for n in _names()["polish"]["first_names"])


@cache
def _legal_forms() -> frozenset[str]:
    return frozenset(_names()["companies"]["legal_forms"])


# --- Polish names back to the nominative ----------------------------------------------------

_VOWELS = set("aąeęioóuy")
# endings no nominative has, and what they come from (longest first); "?" marks a stem
# that may have lost a vowel ("Kacpr-em" of "Kacper")
_OBLIQUE = (
    ("skiego", "ski"), ("ckiego", "cki"), ("dzkiego", "dzki"), ("skiemu", "ski"), ("ckiemu", "cki"),
    ("skim", "ski"), ("ckim", "cki"), ("dzkim", "dzki"), ("skiej", "ska"), ("ckiej", "cka"),
    ("ską", "ska"), ("cką", "cka"), ("dzką", "dzka"),
    ("kiem", "k?"), ("giem", "g?"), ("owi", "?"), ("em", "?"), ("ą", "a"), ("ę", "a"),
)
# endings a name has in the genitive (after "do", "od", "u", "dla", and the accusative of a
# man after "o", "na"): only read back when the words around say the case
_GENITIVE = (("skiej", "ska"), ("ckiej", "cka"), ("ii", "ia"), ("ki", "ka"), ("gi", "ga"), ("y", "a"), ("a", "?"))


def _with_vowel(stem: str) -> list[str]:
    """'kacpr' -> ['kacpr', 'kacper']: the stem, and the stem with its lost 'e' put back."""
    out = [stem]
    if len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] not in _VOWELS:
        out.append(stem[:-1] + "e" + stem[-1])
    return out


def _restore(stem: str, ending: str, original: str) -> str | None:
    """The nominative of `original` (lower case) whose `ending` was replaced by `stem`'s rule."""
    base = original[: -len(ending)]
    if not base:
        return None
    if stem == "?":  # a consonant stem, maybe with a lost vowel
        options = _with_vowel(base)
        known = _polish_first_names()
        found = next((o for o in reversed(options) if o in known), None)
        if found is not None:
            return found
        if base[-1] in _VOWELS:
            return None  # "Anna" + ... is not this ending
        # "Pawł-em" -> "Paweł": ł after a consonant lost its e; otherwise the stem stands
        return options[-1] if base[-1] == "ł" and len(options) > 1 else base
    if stem.endswith("?"):  # -kiem / -giem: "Mar-kiem" -> "Marek", "Nowa-kiem" -> "Nowak"
        letter = stem[0]
        if base[-1] in _VOWELS:
            return base + letter
        return base + "e" + letter
    return base + stem


def polish_nominative(word: str, *, genitive: bool = False) -> str:
    """One Polish name word in the nominative: 'Kacprem' -> 'Kacper', 'Nowakiem' -> 'Nowak',
    'Kowalską' -> 'Kowalska'; with `genitive`, also 'Kacpra' -> 'Kacper', 'Anny' -> 'Anna'.
    A word that is already a nominative (or unknown) comes back as it is."""
    lower = word.lower()
    if lower in _polish_first_names():
        return word
    rules = (*(_GENITIVE if genitive else ()), *_OBLIQUE)
    for ending, stem in rules:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            restored = _restore(stem, ending, lower)
            if restored is None:
                continue
            return restored[:1].upper() + restored[1:] if word[:1].isupper() else restored
    return word


def nominative_name(name: str, *, genitive: bool = False) -> str:
    """A Polish full name in the nominative, word by word ('Kacprem Nowakiem' -> 'Kacper Nowak')."""
    return " ".join(
        "-".join(polish_nominative(part, genitive=genitive) for part in word.split("-"))
        for word in name.split()
    )


# --- comparing who a note is about with who a lead is ---------------------------------------


def name_tokens(name: str | None) -> frozenset[str]:
    """The folded words of a person's name; a Polish word also in its nominative."""
    if not name:
        return frozenset()
    words = [w for w in re.split(r"[\s\-]+", name) if w.strip(".")]
    out = set()
    for word in words:
        out.add(fold(word).strip("."))
    return frozenset(out)


def _nominative_tokens(name: str | None) -> frozenset[str]:
    return name_tokens(nominative_name(name)) if name else frozenset()


def company_tokens(name: str | None) -> frozenset[str]:
    """The folded words of a company name without its legal form ('Vela S.r.l.' -> {'vela'})."""
    if not name:
        return frozenset()
    words = fold(name).replace(",", " ").split()
    kept = [w for w in words if w not in _legal_forms() and w.strip(".") not in _legal_forms()]
    return frozenset(kept or words)


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name's words all appear in the other ('giulia' in 'giulia ferrari'); an initial
    ('g') stands for any word it begins."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return False
    return all(w in big or (len(w) == 1 and any(x.startswith(w) for x in big)) for w in small)


def names_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ta, tb = name_tokens(a), name_tokens(b)
    return _same_words(ta, tb) or _same_words(_nominative_tokens(a), _nominative_tokens(b))


def companies_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return _same_words(company_tokens(a), company_tokens(b))


@dataclass(frozen=True)
class Identity:
    """Who a note or a lead is about, as far as it says."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    company: str | None = None

    @classmethod
    def of(cls, extraction: Extraction) -> Identity:
        c = extraction.contact
        return cls(c.name or None, c.email or None, c.phone or None, extraction.company.name or None)

    @property
    def known(self) -> bool:
        return any((self.name, self.email, self.phone, self.company))

    def label(self) -> str:
        who = self.name or self.email or self.phone or "someone"
        return f"{who} ({self.company})" if self.company and self.name else who


@dataclass(frozen=True)
class Comparison:
    """How a note's identity compares with a lead's: the fields that agree and those that differ."""

    agree: tuple[str, ...] = ()
    differ: tuple[str, ...] = ()

    @property
    def same_person(self) -> bool:
        """The same email or phone: the same person, whatever else differs."""
        return "email" in self.agree or "phone" in self.agree

    @property
    def someone_else(self) -> bool:
        """The note names another person (or another company, with no name or email that
        agrees): its facts must not go into the lead without the rep saying so."""
        if self.same_person:
            return False
        if "name" in self.differ or "email" in self.differ:
            return True
        return "company" in self.differ


def compare(note: Identity, lead: Identity) -> Comparison:
    """Each identity field both know: agreeing or differing (a field one side lacks is neither)."""
    agree: list[str] = []
    differ: list[str] = []
    if note.name and lead.name:
        (agree if names_agree(note.name, lead.name) else differ).append("name")
    if note.email and lead.email:
        (agree if note.email.strip().casefold() == lead.email.strip().casefold() else differ).append("email")
    if note.phone and lead.phone:
        a, b = phone_key(note.phone), phone_key(lead.phone)
        if a and b:
            (agree if a == b else differ).append("phone")
    if note.company and lead.company:
        (agree if companies_agree(note.company, lead.company) else differ).append("company")
    return Comparison(tuple(agree), tuple(differ))
