"""What a rep's chat message means (a question, a correction or a note) and the answers to questions.

Pure and Textual-free: the TUI (and any other shell) calls `read_message(text)` and then
either answers a `Question` with `answer(question, verdict)`, applies a `Correction`'s
changes with `Pipeline.correct_fact`, or qualifies the text as a note. Every phrase lives
in `assistant/chat_vocab/<lang>.toml` (English, Italian, Polish), so a new phrasing is a
data edit. Answers come from the scorer's explanation, never invented here.
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

from assistant.domain import Extraction, Stage, Verdict
from assistant.extract.numbers import parse_number
from assistant.extract.spans import locate
from assistant.present import contribution_words

LANGUAGES = ("en", "it", "pl")
# A question or a correction is a short remark; anything longer is a note to extract,
# even when it happens to contain "why" or "budget is confirmed".
MAX_QUESTION_WORDS = 30
MAX_CORRECTION_WORDS = 25
# Without "actually" / "in realtà" / "właściwie" only a very short remark is a correction.
MAX_UNMARKED_CORRECTION_WORDS = 8
TOP_CONTRIBUTIONS = 5


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
    """One fact the rep set: a field path of the Extraction and its new value."""

    field: str
    value: Any
    evidence: str  # the words of the message that said it


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
    value: str  # int | amount | duration | text | clear (an empty list) | a literal value
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


_LITERAL_KINDS = {"int", "amount", "duration", "text"}


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
    return best


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
    if rule.value == "clear":  # "not a competitor after all": the list is emptied
        return []
    if rule.value not in _LITERAL_KINDS:
        return rule.value
    raw = _captured(match)
    if raw is None:
        return None
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


# --- answering -------------------------------------------------------------------------


def _stage_label(stage: Stage) -> str:
    return stage.value.upper() if stage is not Stage.disqualified else "DISQUALIFIED"


def _points(verdict: Verdict) -> list[str]:
    ranked = sorted(verdict.explanation.contributions, key=lambda c: -abs(c.points))
    lines = []
    for c in ranked[:TOP_CONTRIBUTIONS]:
        if c.points == 0:
            continue
        words = contribution_words(c)
        lines.append(f"  {c.points:+g} {c.axis.value} {c.rule}{' ' + words if words else ''}")
    return lines


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def answer(question: Question, verdict: Verdict | None) -> str:
    """The answer to `question` from `verdict`'s explanation, in the question's language.

    The verdict should have been scored in `question.lang` so its reason, next-stage
    summary and questions read in the same language as the frame around them.
    """
    a = vocab(question.lang).answers
    if verdict is None:
        return a["no_verdict"]
    explanation = verdict.explanation
    stage = verdict.stage
    label = _stage_label(stage)
    if question.kind is QuestionKind.next:
        if explanation.questions:
            return "\n".join([a["ask_next"], *(f"  {i}. {q}" for i, q in enumerate(explanation.questions, 1))])
        return a["nothing_to_ask"].format(summary=explanation.next_stage.summary)
    if question.kind is QuestionKind.why_not:
        target = question.stage or explanation.next_stage.stage
        if target is None:
            return a["why_not_top"].format(stage=label, summary=explanation.next_stage.summary)
        if target is stage:
            return a["same"].format(stage=label, reason=explanation.reason)
        if stage is not Stage.disqualified and target.rank < stage.rank:
            return a["already"].format(stage=label, target=_stage_label(target), reason=explanation.reason)
        missing = explanation.next_stage.summary
        return a["why_not"].format(target=_stage_label(target), missing=missing)
    # why
    asked = question.stage
    reason = _without_stage_prefix(explanation.reason)
    if asked is not None and asked is not stage:
        head = a["why_other"].format(stage=label, asked=_stage_label(asked), reason=reason)
    else:
        head = a["why"].format(stage=label, reason=reason)
    points = _points(verdict)
    return "\n".join([head, a["points"], *points]) if points else head


def describe_changes(correction: Correction) -> str:
    """'company.employees = 40; bant.authority = influencer' framed in the rep's language."""
    parts = "; ".join(f"{c.field} = {'none' if c.value == [] else c.value}" for c in correction.changes)
    return vocab(correction.lang).answers["corrected"].format(changes=parts)


def _without_stage_prefix(reason: str) -> str:
    """'MQL: engagement 48 ...' -> 'engagement 48 ...' (the answer names the stage itself)."""
    head, sep, rest = reason.partition(": ")
    return rest if sep and len(head.split()) == 1 else reason


def _when(day: object, verdict: Verdict, v: _Vocab) -> str:
    if day is None:
        return v.when["undated"]
    age = (verdict.as_of - day).days  # type: ignore[operator]
    if age <= 0:
        return v.when["today"]
    if age == 1:
        return v.when["yesterday"]
    return v.when["days_ago"].format(days=age)


def verdict_line(verdict: Verdict, facts: Extraction | None = None, lang: str = "en") -> str:
    """The verdict in one line: 'SQL: asked for a quote 2 days ago (+39); fit B 62'."""
    v = vocab(lang if lang in LANGUAGES else "en")
    a = v.answers
    explanation = verdict.explanation
    fit = a["verdict_fit"].format(grade=verdict.fit.grade, fit=f"{verdict.fit.score:.0f}")
    engagement = a["verdict_engagement"].format(engagement=f"{verdict.engagement.score:.0f}")
    label = _stage_label(verdict.stage)
    rule = explanation.rule
    if rule == "disqualifier":
        return explanation.reason
    if rule in {"hand_raise", "product_usage"}:
        deciding = [
            c for c in explanation.contributions
            if c.axis.value == "engagement" and c.evidence and f'"{c.evidence}"' in explanation.reason
        ]
        if deciding:
            c = deciding[0]
            day = None
            for interaction in facts.interactions if facts else []:
                if interaction.kind.value == c.rule and interaction.evidence == c.evidence:
                    day = interaction.occurred_on
            what = f"{v.kinds.get(c.rule, c.rule)} {_when(day, verdict, v)} ({c.points:+.0f})"
            return f"{a['verdict_top'].format(stage=label, what=what)}; {fit}"
    if rule == "bant":
        what = a["verdict_bant"].format(met=len(verdict.bant_met), criteria=", ".join(verdict.bant_met))
        return f"{a['verdict_top'].format(stage=label, what=what)}; {fit}"
    top = sorted(
        (c for c in explanation.contributions if c.axis.value == "engagement" and c.points > 0),
        key=lambda c: -c.points,
    )[:2]
    if top:
        parts = ", ".join(f"{v.kinds.get(c.rule, c.rule)} {c.points:+.0f}" for c in top)
        engagement = f"{engagement} ({parts})"
    return f"{a['verdict_top'].format(stage=label, what=engagement)}; {fit}"


def stage_change_line(old: Stage | None, new: Stage, lang: str = "en") -> str | None:
    """'MQL -> SQL' when the stage moved, else None."""
    if old is None or old is new:
        return None
    v = vocab(lang if lang in LANGUAGES else "en")
    return v.answers["stage_change"].format(old=_stage_label(old), new=_stage_label(new))
