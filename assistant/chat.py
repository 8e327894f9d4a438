"""What a rep's chat message means: a question, a correction, a /command or a note.

Pure and Textual-free: the service (`assistant/service.py`) calls `read_message(text)` and
then answers a `Question` from the verdict, applies a `Correction`'s changes with
`Pipeline.correct_fact` (the rep's words kept as evidence), or reads the text as a note.
Every phrase lives in `assistant/chat_vocab/<lang>.toml` (English, Italian, Polish), so a
new phrasing is a data edit; so do the words the views show (`assistant/views.py`).
Corrections cover a name ("actually his name is Kacper Nowak", a Polish name given back in
the nominative: "rozmawiałem z Kacprem Nowakiem"), a job title, authority, budget,
timeline, a disqualifier that does not hold ("in realtà non è uno studente"), a company's
size, country, city or industry. "<Name> here" in a note names its contact
(`introduced_name`).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from assistant.domain import DisqualifierKind, Evidence, Extraction, Stage
from assistant.extract.numbers import parse_number
from assistant.extract.spans import locate
from assistant.identity import nominative_name

LANGUAGES = ("en", "it", "pl")
# A question or a correction is a short remark; anything longer is a note to extract,
# even when it happens to contain "why" or "budget is confirmed".
MAX_QUESTION_WORDS = 30
MAX_CORRECTION_WORDS = 25
# Without "actually" / "in realtà" / "właściwie" only a very short remark is a correction.
MAX_UNMARKED_CORRECTION_WORDS = 8


class Intent(StrEnum):
    empty = "empty"
    command = "command"
    question = "question"
    correction = "correction"
    note = "note"


class QuestionKind(StrEnum):
    why = "why"  # "why is this an MQL?"
    why_not = "why_not"  # "why not SQL?"
    next = "next"  # "what should I ask next?"


@dataclass(frozen=True)
class Question:
    kind: QuestionKind
    lang: str
    stage: Stage | None = None  # the stage the rep named, if any


@dataclass(frozen=True)
class FieldChange:
    """One fact the rep set: a field path of the Extraction and its new value. For
    `disqualifiers` the value is a `LiftDisqualifiers`."""

    field: str
    value: Any
    evidence: str  # the words of the message that said it


@dataclass(frozen=True)
class LiftDisqualifiers:
    """The rep says a disqualifier does not hold: these kinds go (none named: all of them)."""

    kinds: tuple[DisqualifierKind, ...] = ()

    def remaining(self, current: list[Any]) -> list[Any]:
        """The disqualifiers that stay, of `current` ({kind, evidence} dicts or Disqualifiers)."""
        if not self.kinds:
            return []
        gone = {k.value for k in self.kinds}
        return [d for d in current if (d["kind"] if isinstance(d, dict) else d.kind.value) not in gone]


@dataclass(frozen=True)
class Correction:
    lang: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Command:
    name: str  # without the slash, lower case: "new", "open", "why", ...
    argument: str = ""


@dataclass(frozen=True)
class Reading:
    """What a message is. Exactly one of question / correction / command is set, or none (a note)."""

    intent: Intent
    text: str
    lang: str | None = None
    question: Question | None = None
    correction: Correction | None = None
    command: Command | None = None
    notes: list[str] = field(default_factory=list)


# --- vocabulary ------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lower case, accents and 'ł' folded, typographic quotes plain, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain).strip()


@dataclass(frozen=True)
class _Rule:
    field: str
    pattern: re.Pattern[str]
    # int | amount | duration | text | title | name | name_gen | clear | clear:<kind> | a literal
    value: str
    keep_case: bool


@dataclass(frozen=True)
class _Vocab:
    lang: str
    fillers: tuple[str, ...]
    questions: dict[QuestionKind, tuple[str, ...]]
    stages: dict[Stage, tuple[str, ...]]
    markers: tuple[str, ...]
    rules: tuple[_Rule, ...]
    words: dict[str, int]
    units: dict[str, int]
    answers: dict[str, str]
    kinds: dict[str, str]
    when: dict[str, str]
    fact_cues: tuple[str, ...] = ()
    intros: tuple[re.Pattern[str], ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    kind_labels: dict[str, str] = field(default_factory=dict)


_LITERAL_KINDS = {"int", "amount", "duration", "text", "title", "name", "name_gen"}


@cache
def vocab(lang: str) -> _Vocab:
    """The phrases of one language, read once from the packaged TOML file."""
    raw = tomllib.loads(
        resources.files("assistant.chat_vocab").joinpath(f"{lang}.toml").read_text("utf-8")
    )
    q = raw["questions"]
    rules = tuple(
        _Rule(
            field=r["field"],
            pattern=re.compile(r["pattern"]),
            value=r["value"],
            keep_case=bool(r.get("keep_case")),
        )
        for r in raw["corrections"]["rules"]
    )
    return _Vocab(
        lang=lang,
        fillers=tuple(normalize(f) for f in q.get("fillers", [])),
        questions={kind: tuple(normalize(p) for p in q[kind.value]) for kind in QuestionKind},
        stages={Stage(k): tuple(normalize(p) for p in v) for k, v in raw["stages"].items()},
        markers=tuple(normalize(m) + (" " if m.endswith(" ") else "") for m in raw["corrections"]["markers"]),
        rules=rules,
        words={normalize(k): int(v) for k, v in raw.get("words", {}).items()},
        units={normalize(k): int(v) for k, v in raw.get("units", {}).items()},
        answers=dict(raw["answers"]),
        kinds=dict(raw.get("kinds", {})),
        when=dict(raw.get("when", {})),
        fact_cues=tuple(normalize(c) for c in raw["corrections"].get("fact_cues", [])),
        intros=tuple(re.compile(p) for p in raw.get("intro", {}).get("patterns", [])),
        titles={k.lower(): v for k, v in raw.get("titles", {}).items()},
        labels=dict(raw.get("labels", {})),
        facts=dict(raw.get("facts", {})),
        values=dict(raw.get("values", {})),
        kind_labels=dict(raw.get("kind_labels", {})),
    )


# --- reading a message -----------------------------------------------------------------


def _strip_fillers(text: str, fillers: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for filler in fillers:
            for sep in (" ", ", "):
                if text.startswith(filler + sep):
                    text = text[len(filler) + len(sep):].lstrip(" ,")
                    changed = True
    return text


def _starts_with_phrase(text: str, phrase: str) -> bool:
    if not text.startswith(phrase):
        return False
    rest = text[len(phrase):]
    return not rest or not (rest[0].isalnum())


def _stage_named(text: str, v: _Vocab) -> Stage | None:
    for stage, words in v.stages.items():
        for word in sorted(words, key=len, reverse=True):
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
                return stage
    return None


def _find_question(text: str) -> Question | None:
    """The longest question phrase opening the message, in any language."""
    best: tuple[int, Question] | None = None
    for lang in LANGUAGES:
        v = vocab(lang)
        body = _strip_fillers(text, v.fillers)
        for kind in (QuestionKind.why_not, QuestionKind.next, QuestionKind.why):
            for phrase in v.questions[kind]:
                if _starts_with_phrase(body, phrase) and (best is None or len(phrase) > best[0]):
                    rest = body[len(phrase):]
                    best = (len(phrase), Question(kind=kind, lang=lang, stage=_stage_named(rest, v)))
    return best[1] if best else None


def read_message(text: str) -> Reading:
    """Classify a rep message: a /command, a question, a correction of facts, or a note."""
    stripped = text.strip()
    if not stripped:
        return Reading(Intent.empty, text)
    if stripped.startswith("/") and "\n" not in stripped:
        name, _, argument = stripped[1:].partition(" ")
        if name and name.replace("-", "").isalpha():
            return Reading(Intent.command, text, command=Command(name.lower(), argument.strip()))
    plain = normalize(stripped)
    words = len(plain.split())
    single_line = stripped.count("\n") <= 1
    if single_line and words <= MAX_QUESTION_WORDS:
        question = _find_question(plain)
        if question is not None:
            return Reading(Intent.question, text, lang=question.lang, question=question)
    if single_line and words <= MAX_CORRECTION_WORDS:
        correction = read_correction(stripped)
        if correction is not None:
            return Reading(Intent.correction, text, lang=correction.lang, correction=correction)
    return Reading(Intent.note, text)


def read_correction(text: str) -> Correction | None:
    """The facts a short message sets, in the language whose rules match best; None if none."""
    plain = normalize(text)
    best: Correction | None = None
    best_key: tuple[int, int] = (0, 0)
    for lang in LANGUAGES:
        v = vocab(lang)
        changes = _changes(text, plain, v)
        if not changes:
            continue
        marked = any(plain.startswith(m) for m in v.markers)
        if not marked and len(plain.split()) > MAX_UNMARKED_CORRECTION_WORDS:
            continue  # "40 employees, downloaded the guide" is a note, not a correction
        key = (len(changes), int(marked))
        if key > best_key:
            best, best_key = Correction(lang=lang, changes=tuple(changes)), key
    if best is None:
        best = _read_marked_facts(text, plain)
    return _with_title_alone(best) if best is not None else None


def _with_title_alone(correction: Correction) -> Correction:
    """A corrected title re-reads seniority and department itself (Pipeline.correct_fact):
    they are left out here, so they follow the title instead of being locked by the rep."""
    fields = {c.field for c in correction.changes}
    if "contact.job_title" not in fields:
        return correction
    kept = tuple(c for c in correction.changes if c.field not in ("contact.seniority", "contact.department"))
    return Correction(lang=correction.lang, changes=kept)


# Facts a rep may state in a marked correction that the phrase rules above do not cover
# ("actually they are based in Munich", "in realtà sono nel retail"): read with the offline
# extractor, which knows cities, countries, industries, titles and amounts in every language.
_EXTRACTED_FIELDS = (
    "contact.job_title", "contact.seniority", "contact.department", "contact.email", "contact.phone",
    "company.industry", "company.employees", "company.country", "company.city",
    "bant.budget", "bant.budget_amount", "bant.authority", "bant.timeline_days",
)


def _read_marked_facts(text: str, plain: str) -> Correction | None:
    """A message opening with a correction marker: the facts the offline extractor reads in it."""
    marked = [lang for lang in LANGUAGES if any(plain.startswith(m) for m in vocab(lang).markers)]
    if not marked and len(plain.split()) <= MAX_UNMARKED_CORRECTION_WORDS:
        # "based in Munich", "hanno sede a Torino": a fact said plainly in a short remark
        marked = [lang for lang in LANGUAGES if any(f" {c} " in f" {plain} " for c in vocab(lang).fact_cues)]
    if not marked:
        return None
    from datetime import date

    from assistant.extract.rules import RulesExtractor

    result = RulesExtractor().extract(text, as_of=date.today())
    changes = []
    for path in _EXTRACTED_FIELDS:
        section, name = path.split(".")
        value = getattr(getattr(result.extraction, section), name)
        if value is not None:
            changes.append(FieldChange(path, getattr(value, "value", value), text.strip()))
    if not changes:
        return None
    lang = result.language if result.language in marked else marked[0]
    return Correction(lang=lang, changes=tuple(changes))


def _changes(original: str, plain: str, v: _Vocab) -> list[FieldChange]:
    found: dict[str, FieldChange] = {}
    for rule in v.rules:
        if rule.field in found:
            continue  # the first rule for a field wins (rules are ordered by priority)
        match = rule.pattern.search(original if rule.keep_case else plain)
        if match is None:
            continue
        value = _value(rule, match, v, original)
        if value is None:
            continue
        said = match.group(0).strip()
        found[rule.field] = FieldChange(rule.field, value, said if rule.keep_case else _as_written(said, original))
    return list(found.values())


def _captured(match: re.Match[str]) -> str | None:
    for name, value in match.groupdict().items():
        if name.startswith("value") and value:
            return value.strip()
    return None


def _as_written(words: str, original: str) -> str:
    """`words` found in the normalised message, as the rep typed them ("CFO", not "cfo")."""
    span = locate(words, original)
    return original[span[0] : span[1]] if span else words


def _value(rule: _Rule, match: re.Match[str], v: _Vocab, original: str) -> Any:
    if rule.value == "clear":  # "not disqualified after all": every disqualifier goes
        return LiftDisqualifiers()
    if rule.value.startswith("clear:"):  # "not a student after all": that one goes
        return LiftDisqualifiers((DisqualifierKind(rule.value.partition(":")[2]),))
    if rule.value not in _LITERAL_KINDS:
        return rule.value
    raw = _captured(match)
    if raw is None:
        return None
    if rule.value in ("name", "name_gen"):
        name = raw if rule.keep_case else _as_written(raw, original)
        if v.lang == "pl":  # "z Kacprem Nowakiem" -> "Kacper Nowak"
            name = nominative_name(name, genitive=rule.value == "name_gen")
        return name.strip()
    if rule.value == "title":
        title = raw if rule.keep_case else _as_written(raw, original)
        head, sep, rest = title.partition(" ")
        nominative = v.titles.get(head.lower())  # "dyrektorem marketingu" -> "dyrektor marketingu"
        return (nominative + sep + rest if nominative else title).strip()
    if rule.value == "text":
        return raw if rule.keep_case else _as_written(raw, original)
    if rule.value == "int":
        number = parse_number(raw, whole=True)
        return int(number) if number is not None else None
    if rule.value == "amount":
        return parse_number(raw, whole=True)
    if rule.value == "duration":
        count = v.words.get(raw) if not raw.isdigit() else int(raw)
        unit = v.units.get((match.groupdict().get("unit") or "").strip())
        return count * unit if count is not None and unit is not None else None
    return None


# --- a note that names its contact ----------------------------------------------------------


def introduced_name(text: str) -> tuple[str, Evidence] | None:
    """The person a note opens with ("Sofia Rossi here", "qui Sofia Rossi", "Kacper Nowak z
    tej strony"), with the words that say it; None when it names no one that way."""
    for lang in LANGUAGES:
        for pattern in vocab(lang).intros:
            match = pattern.search(text)
            if match is None or not match.group("value"):
                continue
            name = match.group("value").strip()
            if lang == "pl":
                name = nominative_name(name)
            start, end = match.span("value")
            return name, Evidence(quote=text[start:end], start=start, end=end)
    return None


def with_introduced_name(text: str, extraction: Extraction) -> Extraction:
    """`extraction` with the contact's name from "<Name> here" when it has none."""
    if extraction.contact.name:
        return extraction
    found = introduced_name(text)
    if found is None:
        return extraction
    name, words = found
    contact = extraction.contact.model_copy(update={"name": name})
    return extraction.model_copy(update={"contact": contact,
                                         "evidence": {**extraction.evidence, "contact.name": words}})


def with_nominative_name(extraction: Extraction, lang: str | None) -> Extraction:
    """A Polish note's contact name in the nominative ("z Kacprem Nowakiem" -> "Kacper
    Nowak"), its words kept as written; any other note as it is."""
    name = extraction.contact.name
    if lang != "pl" or not name:
        return extraction
    nominative = nominative_name(name)
    if nominative == name:
        return extraction
    return extraction.model_copy(update={"contact": extraction.contact.model_copy(update={"name": nominative})})
