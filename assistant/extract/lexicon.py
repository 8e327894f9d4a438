"""The vocabularies compiled into regexes for a set of languages, built once per set.

`lexicon(("it", "en"))` gives every pattern the rules extractor uses for an Italian note
(Italian first, English for the words reps borrow: "trial", "Head of Marketing", "demo").
Places (cities, country names) are always read in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.extract import vocab
from assistant.extract.vocab import compile_any, expand, fold, merged


@dataclass(frozen=True)
class KindRules:
    """How one interaction (or disqualifier) kind is found."""

    kind: str
    cues: re.Pattern[str] | None
    fixed: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    context: re.Pattern[str] | None
    date_from: re.Pattern[str] | None
    voiced: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    langs: tuple[str, ...]
    kinds: list[KindRules]
    disqualifiers: list[KindRules]
    neg_before: re.Pattern[str] | None
    neg_before_exact: re.Pattern[str] | None
    neg_after: re.Pattern[str] | None
    intent: re.Pattern[str] | None
    wish: re.Pattern[str] | None
    conjunctions: re.Pattern[str] | None
    abbreviations: frozenset[str]
    not_counts: re.Pattern[str] | None
    hand_raises: frozenset[str]
    countable: frozenset[str]
    intent_exempt: frozenset[str]
    suppress: list[dict]
    seniority: dict[str, re.Pattern[str]]
    title_exclude: re.Pattern[str] | None
    departments: dict[str, re.Pattern[str]]
    departments_exact: dict[str, re.Pattern[str]]
    implied_department: dict[str, re.Pattern[str]]
    title_modifiers: re.Pattern[str] | None
    department_any: re.Pattern[str] | None
    labels: dict[str, re.Pattern[str]]
    employee_after: re.Pattern[str] | None
    employee_before: re.Pattern[str] | None
    industries: list[tuple[str, re.Pattern[str]]]
    budget_words: re.Pattern[str] | None
    budget: dict[str, re.Pattern[str]]
    authority: dict[str, re.Pattern[str]]
    need_labelled: re.Pattern[str] | None
    need_cues: re.Pattern[str] | None
    revenue_words: re.Pattern[str] | None
    sources: dict[str, re.Pattern[str]]
    places: re.Pattern[str] | None = None
    place_codes: dict[str, str] = field(default_factory=dict)
    countries: re.Pattern[str] | None = None
    country_codes: dict[str, str] = field(default_factory=dict)
    demonyms: re.Pattern[str] | None = None
    demonym_codes: dict[str, str] = field(default_factory=dict)
    city_markers: re.Pattern[str] | None = None
    legal_suffix: re.Pattern[str] | None = None
    personal_domains: tuple[str, ...] = ()
    same_day: re.Pattern[str] | None = None
    sequence: re.Pattern[str] | None = None
    reported: re.Pattern[str] | None = None
    place_names: dict[str, str] = field(default_factory=dict)
    assets: re.Pattern[str] | None = None
    title_nouns: re.Pattern[str] | None = None
    page_words: re.Pattern[str] | None = None
    employee_not_before: re.Pattern[str] | None = None
    unranked_titles: re.Pattern[str] | None = None
    honorifics: re.Pattern[str] | None = None
    not_surnames: frozenset[str] = frozenset()
    name_drop: frozenset[str] = frozenset()
    name_before: re.Pattern[str] | None = None
    name_company_after: re.Pattern[str] | None = None


def _one(langs: tuple[str, ...], file: str, *keys: str) -> re.Pattern[str] | None:
    return compile_any(merged(langs, file, *keys))


def _kind_rules(langs: tuple[str, ...], file: str, section: str) -> list[KindRules]:
    """One KindRules per language and kind: a language's `requires`, `context` and `exclude`
    apply to its own cues only (English "ads" must not gate the Polish "reklama")."""
    rules = []
    for lang in langs:
        for name in vocab.load(lang).get(file, {}).get(section, {}):
            one = (lang,)
            requires = merged(one, file, section, name, "requires")
            context = merged(one, file, section, name, "context")
            date_from = merged(one, file, section, name, "date_from")
            rules.append(
                KindRules(
                    kind=name,
                    cues=_one(one, file, section, name, "cues"),
                    fixed=_one(one, file, section, name, "fixed"),
                    exclude=_one(langs, file, section, name, "exclude"),
                    requires=compile_any(requires) if requires else None,
                    context=compile_any(context) if context else None,
                    date_from=compile_any(date_from, boundary=False) if date_from else None,
                    voiced=_one(one, file, section, name, "voiced"),
                )
            )
    return rules


def _by_key(
    langs: tuple[str, ...], file: str, section: str, *, end_boundary: bool = False
) -> dict[str, re.Pattern[str]]:
    keys: list[str] = []
    for lang in langs:
        for key in vocab.load(lang).get(file, {}).get(section, {}):
            if key not in keys:
                keys.append(key)
    out = {}
    for key in keys:
        pat = compile_any(merged(langs, file, section, key), end_boundary=end_boundary)
        if pat is not None:
            out[key] = pat
    return out


def _exact(patterns: list[str], *, ignore_case: bool = False) -> re.Pattern[str] | None:
    """Patterns matched on the original text with accents as written ("è" is not "e")."""
    if not patterns:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)", flags)


def _place_names(langs: tuple[str, ...]) -> dict[str, str]:
    """Inflection stem of a city ("~poznan") -> its name as listed ("Poznań"), so a city read
    in another case ("z Poznania", "w Krakowie") is given in the nominative."""
    out: dict[str, str] = {}
    for lang in langs:
        data = vocab.load(lang).get("places", {})
        if not data.get("inflect", {}).get("cities"):
            continue
        for name in data.get("cities", {}):
            stem = fold(name).rstrip("aeiouy")
            if len(stem) >= 5 and " " not in stem:
                out.setdefault("~" + stem, name)
    return out


def _place_table(langs: tuple[str, ...], key: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """All names under places.toml/[key] of every language (inflected when the language says
    so) -> one regex with a name -> code table keyed by the folded name as matched."""
    codes: dict[str, str] = {}
    stems: dict[str, str] = {}
    for lang in langs:
        data = vocab.load(lang).get("places", {})
        inflect = bool(data.get("inflect", {}).get(key if key != "countries" else "countries"))
        names = dict(data.get(key, {}))
        if key == "countries":
            names = {**vocab.territory_names(lang), **data.get("regions", {}), **names}
        for name, code in names.items():
            folded = fold(name)
            codes[folded] = code
            if inflect:
                stem = folded.rstrip("aeiouy")
                if len(stem) >= (5 if key == "cities" else 6) and " " not in stem:
                    stems[stem] = code
    if not codes:
        return None, {}
    alts = sorted(codes, key=len, reverse=True)
    parts = [re.escape(a) for a in alts]
    parts += [re.escape(s) + r"\w{0,4}" for s in sorted(stems, key=len, reverse=True)]
    for s, code in stems.items():
        codes.setdefault("~" + s, code)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"), codes


def place_name(lex: Lexicon, matched_folded: str, written: str) -> str:
    """A city as listed when it was matched in an inflected form, else as written."""
    if matched_folded in lex.place_codes:
        return written
    for n in range(len(matched_folded), 4, -1):
        name = lex.place_names.get("~" + matched_folded[:n])
        if name:
            return name
    return written


def place_code(codes: dict[str, str], matched_folded: str) -> str | None:
    """The ISO code of a matched place name (exact, or via its inflection stem)."""
    if matched_folded in codes:
        return codes[matched_folded]
    for n in range(len(matched_folded), 4, -1):
        code = codes.get("~" + matched_folded[:n])
        if code:
            return code
    return None


@cache
def lexicon(langs: tuple[str, ...]) -> Lexicon:
    """The compiled vocabulary for `langs` (first = the note's language), cached.

    Cue words (interactions, disqualifiers, titles, departments, labels) are read in every
    language, `langs` first, so a short or mixed note is still read when its language is
    misdetected ("Webinar: iscritto"); so are BANT phrases. Grammar (negation, clause
    words) and industries stay with `langs`: there a word of another language means
    something else (Polish "a" is "and", Polish "market" is a shop)."""
    com = vocab.common()
    all_langs = vocab.languages()
    cue_langs = langs + tuple(lang for lang in all_langs if lang not in langs)
    places, place_codes = _place_table(all_langs, "cities")
    countries, country_codes = _place_table(all_langs, "countries")
    demonyms, demonym_codes = _place_table(all_langs, "demonyms")
    industries: list[tuple[str, re.Pattern[str]]] = []
    for lang in langs:
        for rule in vocab.load(lang).get("industries", {}).get("rule", []):
            pat = compile_any(rule.get("cues", []))
            if pat is not None:
                industries.append((rule["industry"], pat))
    exact_neg = merged(langs, "grammar", "negation", "before_exact")
    dept_exact: dict[str, list[str]] = {}
    for lang in cue_langs:
        for key, pats in vocab.load(lang).get("people", {}).get("department_exact", {}).items():
            dept_exact.setdefault(key, []).extend(pats)
    suffixes = com.get("company", {}).get("legal_suffixes", [])
    return Lexicon(
        langs=langs,
        kinds=_kind_rules(cue_langs, "interactions", "kinds"),
        disqualifiers=_kind_rules(cue_langs, "qualifiers", "disqualifiers"),
        neg_before=compile_any(merged(langs, "grammar", "negation", "before"), end_boundary=True),
        neg_before_exact=_exact(exact_neg),
        neg_after=compile_any(merged(langs, "grammar", "negation", "after"), boundary=False),
        intent=compile_any(merged(langs, "grammar", "negation", "intent"), end_boundary=True),
        wish=compile_any(merged(langs, "grammar", "negation", "wish"), end_boundary=True),
        conjunctions=_exact(merged(langs, "grammar", "clauses", "conjunctions"), ignore_case=True),
        abbreviations=frozenset(
            a.replace("\\", "")
            for a in (expand(x) for x in merged(cue_langs, "grammar", "clauses", "abbreviations"))
        ),
        not_counts=compile_any(merged(langs, "grammar", "counts", "not_counts"), end_boundary=True),
        hand_raises=frozenset(com["kinds"]["hand_raises"]),
        countable=frozenset(com["kinds"]["countable"]),
        intent_exempt=frozenset(com["kinds"]["intent_exempt"]),
        suppress=list(com.get("suppress", [])),
        seniority=_by_key(cue_langs, "people", "seniority", end_boundary=True),
        title_exclude=_one(cue_langs, "people", "seniority", "exclude"),
        departments=_by_key(cue_langs, "people", "department", end_boundary=True),
        departments_exact={k: p for k, v in dept_exact.items() if (p := _exact(v)) is not None},
        implied_department=_by_key(cue_langs, "people", "implied_department", end_boundary=True),
        title_modifiers=compile_any(
            merged(langs, "people", "title_modifiers", "words"), end_boundary=True
        ),
        department_any=compile_any(
            [
                p
                for lang in cue_langs
                for v in vocab.load(lang).get("people", {}).get("department", {}).values()
                for p in v
            ],
            end_boundary=True,
        ),
        labels=_by_key(cue_langs, "people", "labels"),
        employee_after=_one(cue_langs, "people", "employees", "words"),
        employee_before=_one(cue_langs, "people", "employees", "before"),
        industries=industries,
        budget_words=_one(cue_langs, "bant", "budget", "words"),
        budget={
            k: p
            for k in ("unknown", "none", "planned", "confirmed")
            if (p := _one(cue_langs, "bant", "budget", k))
        },
        authority=_by_key(cue_langs, "bant", "authority"),
        need_labelled=_one(cue_langs, "bant", "need", "labelled"),
        need_cues=_one(cue_langs, "bant", "need", "cues"),
        revenue_words=_one(cue_langs, "bant", "revenue", "words"),
        sources=_by_key(cue_langs, "qualifiers", "sources"),
        places=places,
        place_codes=place_codes,
        countries=countries,
        country_codes=country_codes,
        demonyms=demonyms,
        demonym_codes=demonym_codes,
        city_markers=_one(langs, "places", "city_markers", "before"),
        legal_suffix=compile_any(suffixes, end_boundary=True) if suffixes else None,
        personal_domains=tuple(com.get("email", {}).get("personal_domains", [])),
        same_day=compile_any(merged(langs, "grammar", "dates", "same_day"), end_boundary=True),
        sequence=compile_any(merged(langs, "grammar", "dates", "then"), end_boundary=True),
        reported=compile_any(merged(langs, "grammar", "dates", "reported"), end_boundary=True),
        place_names=_place_names(all_langs),
        assets=compile_any(merged(langs, "grammar", "objects", "assets"), end_boundary=True),
        title_nouns=compile_any(merged(langs, "grammar", "objects", "titled"), end_boundary=True),
        page_words=compile_any(merged(langs, "grammar", "objects", "pages"), end_boundary=True),
        honorifics=compile_any(
            merged(cue_langs, "people", "names", "honorifics"), end_boundary=True
        ),
        not_surnames=frozenset(
            fold(w) for w in merged(cue_langs, "people", "names", "not_surnames")
        ),
        unranked_titles=compile_any(
            merged(cue_langs, "people", "titles", "unranked"), end_boundary=True
        ),
        employee_not_before=compile_any(
            merged(cue_langs, "people", "employees", "not_before"), end_boundary=True
        ),
        name_drop=frozenset(fold(w) for w in merged(cue_langs, "people", "names", "drop")),
        name_before=compile_any(merged(cue_langs, "people", "names", "before"), end_boundary=True),
        name_company_after=compile_any(
            merged(cue_langs, "people", "names", "company_after"), end_boundary=True
        ),
    )


def lexicon_for(lang: str, also: str | None = None) -> Lexicon:
    """The lexicon for a note in `lang`: that language, then `also` (the language the caller
    asked for, when it differs), then English for the words reps borrow ("trial", "demo")."""
    known = vocab.languages()
    order = [x for x in (lang, also, "en") if x and x in known]
    return lexicon(tuple(dict.fromkeys(order)) or ("en",))
