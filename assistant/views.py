"""View models: what the screen shows of a lead and of each reply, as plain typed data.

The TUI's widgets render these and nothing else: no widget scores, translates or reads a
string apart. Every label is in one language per view (the rep's LEADQUAL_LANGUAGE, else
the lead's own, which its first note sets and later notes do not change), from the
`[labels]`, `[facts]`, `[values]` and `[kind_labels]` tables of `assistant/chat_vocab/`;
sentences of an explanation come from the scorer in that language. A number is written
the same way everywhere (`number`): 24.8 on the bar as in the reason.

A reply card is stored as its chat message's payload (`ReplyCard.to_payload`), so a lead
reopened later shows the same card, in the same words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from assistant.chat import LANGUAGES, Question, QuestionKind, vocab
from assistant.domain import (
    Contribution,
    DroppedItem,
    Extraction,
    Interaction,
    LeadState,
    LeadSummary,
    Stage,
    StoredInteraction,
    Verdict,
)
from assistant.facts import FACTS, by_path, get_value
from assistant.present import dropped_view, evidence_text, format_value
from assistant.scoring import ScoringModel
from assistant.scoring.engagement import engagement_contributions
from assistant.scoring.texts import texts_for

TOP_POINTS = 5  # the contributions an answer to "why?" lists

# --- numbers and words, one way everywhere ---------------------------------------------------


def number(value: float | int | None) -> str:
    """A score or amount as every view writes it: one decimal at most, none when whole
    (24.8, 25, 50000). The scorer rounds to one decimal, so this is its number as is."""
    if value is None:
        return "—"
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}"


def points(value: float) -> str:
    """Signed points: +39.4, -10, 0."""
    text = number(abs(value))
    return "0" if text == "0" else f"{'+' if value > 0 else '-'}{text}"


def view_language(chosen: str | None, lead: str | None) -> str:
    """The rep's chosen language, else the lead's (its first note's), else English."""
    for lang in (chosen, lead):
        if lang and lang.lower() in LANGUAGES:
            return lang.lower()
    return "en"


class Labels:
    """Every word a view shows, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        v = vocab(self.lang)
        self._v = v
        self._en = vocab("en")
        self._bant = texts_for(self.lang)["bant"]

    def __call__(self, key: str, **values: Any) -> str:
        text = self._v.labels.get(key) or self._en.labels[key]
        return text.format(**values) if values else text

    def fact(self, path: str) -> str:
        return self._v.facts.get(path) or self._en.facts.get(path) or path

    def enum(self, value: str) -> str:
        found = self._v.values.get(value) or self._en.values.get(value)
        return found if found else value.replace("_", " ")

    def value(self, value: Any, path: str | None = None) -> str:
        """A fact's value: enums in words, numbers as `number` writes them, days as days."""
        if value is None:
            return ""
        if hasattr(value, "value"):
            return self.enum(value.value)
        fact = None
        if path is not None:
            try:
                fact = by_path(path)
            except KeyError:
                fact = None
        if fact is not None and fact.enum is not None and isinstance(value, str):
            return self.enum(value)
        if fact is not None and fact.fact.show == "days":
            return (self._v.values.get("days") or self._en.values["days"]).format(days=value)
        if isinstance(value, float | int) and not isinstance(value, bool):
            return number(value)
        return format_value(value)

    def kind(self, kind: str) -> str:
        return self._v.kind_labels.get(kind) or self._en.kind_labels.get(kind) or kind.replace("_", " ")

    def kind_phrase(self, kind: str) -> str:
        """What the lead did, as a phrase: 'asked for a quote'."""
        return self._v.kinds.get(kind) or self._en.kinds.get(kind) or kind

    def stage(self, stage: Stage | None) -> str:
        if stage is None:
            return self("new")
        return self("disqualified") if stage is Stage.disqualified else stage.value.upper()

    def bant_name(self, criterion: str) -> str:
        return self._bant.get(criterion, criterion)

    def when(self, day: date | None, as_of: date) -> str:
        w = self._v.when
        if day is None:
            return w["undated"]
        age = (as_of - day).days
        if age <= 0:
            return w["today"]
        if age == 1:
            return w["yesterday"]
        return w["days_ago"].format(days=age)

    def answer(self, key: str, **values: Any) -> str:
        return self._v.answers[key].format(**values)


# --- the lead card -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreView:
    label: str  # "fit"
    value: float | None  # what the bar fills to (0..100)
    text: str  # what is written next to it: "B 65", "24.8"


@dataclass(frozen=True)
class BantRow:
    label: str  # "budget"
    state: str  # met | not_met | unknown (the widget picks the mark and colour)
    state_label: str
    value: str


@dataclass(frozen=True)
class CardItem:
    """A fact, disqualifier or interaction on the card; `id` is what x and e act on."""

    id: str  # fact:<path> | dq:<kind> | ix:<interaction id>
    label: str
    value: str
    evidence: str = ""
    tag: str = ""  # "(rep)" for a value a rep set
    date: str = ""
    rejected: bool = False


@dataclass(frozen=True)
class PointRow:
    points: str  # "+15"
    tone: str  # plus | minus | zero
    axis: str  # "fit" | "eng"
    rule: str  # "seniority: director (target)" in the view's words
    words: str  # the evidence, quoted


@dataclass(frozen=True)
class LeadView:
    """The lead card, in one language."""

    lead_id: int
    lang: str
    title: str
    company: str | None
    stage: Stage | None
    stage_label: str
    as_of: str
    no_verdict: str | None
    fit: ScoreView
    engagement: ScoreView
    history: tuple[float, ...]
    next_title: str
    next_text: str
    questions_title: str
    questions: tuple[str, ...]
    bant_title: str
    bant: tuple[BantRow, ...]
    items_title: str
    items_hint: str
    items: tuple[CardItem, ...]
    points_title: str
    points: tuple[PointRow, ...]
    # the data it was made from, for what acts on the lead (the edit dialog's current value)
    summary: LeadSummary
    facts: Extraction
    interactions: tuple[StoredInteraction, ...]
    verdict: Verdict | None
    rep_fields: tuple[str, ...]

    def current(self, path: str) -> str:
        """The value of fact `path` as a rep would type it (the edit dialog starts from it)."""
        if path == "disqualifiers":
            return ""
        value = get_value(self.facts, by_path(path))
        return "" if value is None else format_value(value)


@dataclass(frozen=True)
class EmptyCard:
    title: str
    hint: str


def empty_card(lang: str) -> EmptyCard:
    labels = Labels(lang)
    return EmptyCard(labels("no_lead"), labels("no_lead_hint"))


def _fact_items(facts: Extraction, rep: set[str], labels: Labels) -> list[CardItem]:
    items: list[CardItem] = []
    for fact in FACTS:
        value = get_value(facts, fact)
        if value is None or value == "":
            continue
        shown = labels.value(value, fact.path)
        items.append(CardItem(
            id=f"fact:{fact.path}", label=labels.fact(fact.path), value=shown,
            evidence=evidence_text(facts.evidence.get(fact.path), shown),
            tag=labels("rep") if fact.path in rep else "",
        ))
    for d in facts.disqualifiers:
        items.append(CardItem(id=f"dq:{d.kind.value}", label=labels.fact("disqualifiers"),
                              value=labels.enum(d.kind.value), evidence=f'"{d.evidence}"'))
    return items


def _interaction_items(interactions: tuple[StoredInteraction, ...], labels: Labels) -> list[CardItem]:
    return [
        CardItem(
            id=f"ix:{ix.id}", label=labels.kind(ix.kind.value), value=f"x{ix.count}" if ix.count > 1 else "",
            evidence=f'"{ix.evidence}"', date=ix.occurred_on.isoformat() if ix.occurred_on else labels("no_date"),
            rejected=ix.status == "rejected", tag=labels("rejected") if ix.status == "rejected" else "",
        )
        for ix in interactions
    ]


# the fit rules' attributes, as the scorer names them ("seniority: director (target)")
_RULE_FACTS = {"seniority": "contact.seniority", "department": "contact.department",
               "employees": "company.employees", "industry": "company.industry", "country": "company.country"}
_RULE_WORDS = {"enriched contact": "enriched", "personal email domain": "personal_email", "clamp": "clamp"}


def rule_label(c: Contribution, labels: Labels) -> tuple[str, str]:
    """(what gave the points, the value it was read as) in the view's words: the scorer's
    rule ids are `<attribute>: <value>[ (target)]`, an interaction kind, or a fixed name."""
    if c.rule in _RULE_WORDS:
        return labels(_RULE_WORDS[c.rule]), ""
    if c.axis.value == "engagement":
        return labels.kind(c.rule), ""
    attribute, sep, rest = c.rule.partition(": ")
    if not sep or attribute not in _RULE_FACTS:
        return c.rule, ""
    target = rest.endswith(" (target)")
    value = rest.removesuffix(" (target)")
    path = _RULE_FACTS[attribute]
    shown = value if attribute == "employees" else labels.value(value, path)
    text = f"{labels.fact(path)}: {shown}" + (f" ({labels('target')})" if target else "")
    return text, shown


def _words(c: Contribution, value: str) -> str:
    if not c.evidence:
        # an enriched record stands on three facts: their words, as written, are its detail
        return f'"{c.detail}"' if c.rule == "enriched contact" and c.detail else ""
    return f'{value} ← "{c.evidence}"' if c.via and value else f'"{c.evidence}"'


def point_rows(verdict: Verdict, labels: Labels, *, top: int | None = None) -> list[PointRow]:
    parts = verdict.explanation.contributions
    if top is not None:
        parts = sorted((c for c in parts if c.points != 0), key=lambda c: -abs(c.points))[:top]
    rows = []
    for c in parts:
        rule, value = rule_label(c, labels)
        rows.append(PointRow(
            points=points(c.points), tone="plus" if c.points > 0 else "minus" if c.points < 0 else "zero",
            axis=labels("fit") if c.axis.value == "fit" else labels("engagement"), rule=rule,
            words=_words(c, value),
        ))
    return rows


def _bant_rows(facts: Extraction, verdict: Verdict | None, labels: Labels) -> tuple[BantRow, ...]:
    bant = facts.bant
    met = set(verdict.bant_met) if verdict else set()
    values = {"budget": labels.value(bant.budget, "bant.budget"),
              "authority": labels.value(bant.authority, "bant.authority"),
              "need": bant.need or "",
              "timeline": labels.value(bant.timeline_days, "bant.timeline_days")}
    rows = []
    for criterion in ("budget", "authority", "need", "timeline"):
        value = values[criterion]
        state = "met" if criterion in met else "unknown" if not value else "not_met"
        rows.append(BantRow(labels.bant_name(criterion), state, labels(state), value))
    return tuple(rows)


def lead_view(state: LeadState, lang: str) -> LeadView:
    """The lead card of `state` in `lang` (the verdict's sentences should be in it too:
    the pipeline scores a lead in its view language)."""
    labels = Labels(lang)
    s, verdict = state.summary, state.verdict
    rep = set(state.rep_fields)
    interactions = tuple(state.interactions)
    items = (*_fact_items(state.facts, rep, labels), *_interaction_items(interactions, labels))
    if verdict is None:
        fit = ScoreView(labels("fit"), None, "—")
        eng = ScoreView(labels("engagement"), None, "—")
        next_title = next_text = ""
        questions: tuple[str, ...] = ()
        point_list: tuple[PointRow, ...] = ()
    else:
        poor = f" {labels('poor')}" if verdict.fit.poor else ""
        fit = ScoreView(labels("fit"), verdict.fit.score, f"{verdict.fit.grade} {number(verdict.fit.score)}{poor}")
        eng = ScoreView(labels("engagement"), verdict.engagement.score, number(verdict.engagement.score))
        nxt = verdict.explanation.next_stage
        next_title = labels("next", stage=labels.stage(nxt.stage)) if nxt.stage else ""
        next_text = nxt.summary
        questions = tuple(verdict.explanation.questions)
        point_list = tuple(point_rows(verdict, labels))
    return LeadView(
        lead_id=s.id, lang=labels.lang, title=s.name or s.email or f"lead #{s.id}", company=s.company,
        stage=verdict.stage if verdict else None, stage_label=labels.stage(verdict.stage if verdict else None),
        as_of=labels("as_of", date=verdict.as_of.isoformat()) if verdict else "",
        no_verdict=None if verdict else labels("no_verdict"),
        fit=fit, engagement=eng, history=tuple(state.engagement_history),
        next_title=next_title, next_text=next_text,
        questions_title=labels("ask_next") if questions else "", questions=questions,
        bant_title=labels("bant"), bant=_bant_rows(state.facts, verdict, labels),
        items_title=labels("items"), items_hint=labels("items_hint"), items=items,
        points_title=labels("points") if point_list else "", points=point_list,
        summary=s, facts=state.facts, interactions=interactions, verdict=verdict,
        rep_fields=tuple(state.rep_fields),
    )


# --- the lead list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadRowView:
    id: int
    name: str
    company: str
    stage: Stage | None
    stage_label: str  # short: DQ, LEAD, MQL, PQL, SQL, NEW
    fit: str  # "B65"
    engagement: str  # "24.8"
    summary: LeadSummary


_SHORT = {Stage.disqualified: "DQ", Stage.lead: "LEAD", Stage.mql: "MQL", Stage.pql: "PQL", Stage.sql: "SQL"}


def lead_row(lead: LeadSummary) -> LeadRowView:
    return LeadRowView(
        id=lead.id, name=lead.name or lead.email or f"lead #{lead.id}", company=lead.company or "no company",
        stage=lead.stage, stage_label=_SHORT.get(lead.stage, "NEW") if lead.stage else "NEW",
        fit=f"{lead.grade}{number(lead.fit)}" if lead.grade and lead.fit is not None else "—",
        engagement=number(lead.engagement) if lead.engagement is not None else "—", summary=lead,
    )


# --- reply cards ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardLine:
    label: str
    value: str = ""
    evidence: str = ""
    tone: str = ""  # "" | muted | error
    why: str = ""  # why it does not count (a dropped item)


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[CardLine, ...]


@dataclass(frozen=True)
class Notice:
    text: str
    tone: str  # change | warning | error | info | muted


@dataclass(frozen=True)
class ReplyCard:
    """One assistant message in the chat: a headline (the stage part coloured), notices,
    sections of lines, a footer. Replies to notes, answers, corrections, errors alike."""

    kind: str  # reply | answer | correction | error | system
    lang: str
    intro: tuple[str, ...] = ()  # lines before the headline ("Noted: employees = 40.")
    head_stage: str = ""  # "SQL": coloured as the stage
    stage: str | None = None  # the stage id, for the colour
    head: str = ""  # the rest of the headline
    body: tuple[str, ...] = ()  # plain lines (an answer)
    notices: tuple[Notice, ...] = ()
    sections: tuple[Section, ...] = ()
    footer: str = ""
    note_id: int | None = None

    @property
    def text(self) -> str:
        """The card as plain text (what the chat message's text keeps)."""
        out = list(self.intro)
        if self.head_stage or self.head:
            out.append(f"{self.head_stage}: {self.head}" if self.head_stage else self.head)
        out.extend(self.body)
        out.extend(n.text for n in self.notices)
        for section in self.sections:
            out.append(section.title)
            out.extend("  " + " ".join(x for x in (ln.label + (":" if ln.value else ""), ln.value, ln.evidence) if x)
                       + (f" — {ln.why}" if ln.why else "")
                       for ln in section.lines)
        if self.footer:
            out.append(self.footer)
        return "\n".join(out)

    def to_payload(self) -> dict[str, Any]:
        return {"kind": self.kind, "note_id": self.note_id, "stage": self.stage, "card": asdict(self)}

    @classmethod
    def from_payload(cls, payload: dict[str, Any] | None, text: str = "") -> ReplyCard:
        """The card a chat message's payload holds; a message stored before cards existed
        (or with none) becomes a card of its text."""
        payload = payload or {}
        card = payload.get("card")
        if isinstance(card, dict):
            return cls(
                kind=card.get("kind", "answer"), lang=card.get("lang", "en"),
                intro=tuple(card.get("intro", ())), head_stage=card.get("head_stage", ""), stage=card.get("stage"), head=card.get("head", ""),
                body=tuple(card.get("body", ())),
                notices=tuple(Notice(**n) for n in card.get("notices", ())),
                sections=tuple(Section(s["title"], tuple(CardLine(**ln) for ln in s["lines"]))
                               for s in card.get("sections", ())),
                footer=card.get("footer", ""), note_id=card.get("note_id"),
            )
        kind = payload.get("kind") or "answer"
        if kind == "reply":  # a reply card stored before issue 11: its rows as they were
            return _legacy_reply(payload)
        return cls(kind=kind, lang="en", body=tuple(text.splitlines()))


def _legacy_reply(payload: dict[str, Any]) -> ReplyCard:
    line = payload.get("verdict_line", "")
    head_stage, sep, head = line.partition(": ")
    sections = []
    if payload.get("facts"):
        sections.append(Section("Facts", tuple(
            CardLine(f.get("label") or f.get("field", ""), f.get("value", ""), f.get("evidence", ""))
            for f in payload["facts"])))
    if payload.get("interactions"):
        sections.append(Section("Interactions", tuple(
            CardLine(i.get("kind", ""), i.get("date") or "(no date)", f'"{i.get("evidence", "")}"')
            for i in payload["interactions"])))
    return ReplyCard(kind="reply", lang="en", head_stage=head_stage if sep else "", head=head if sep else line,
                     stage=payload.get("stage"), sections=tuple(sections),
                     footer=f"read by {payload.get('extractor') or '?'}", note_id=payload.get("note_id"))


def _deciding(verdict: Verdict, interactions: list[Interaction], model: ScoringModel) -> tuple[Interaction, int] | None:
    """The interaction that decided a hand-raise or product-usage stage, with its age: the
    scorer's own engagement pass finds it (the verdict names its rule, not the interaction)."""
    rule = verdict.explanation.rule
    if rule not in ("hand_raise", "product_usage"):
        return None
    signals = engagement_contributions(interactions, model, verdict.as_of.toordinal())
    return signals.hand_raise if rule == "hand_raise" else signals.usage


def headline(verdict: Verdict, facts: Extraction, model: ScoringModel, labels: Labels) -> tuple[str, str]:
    """(stage, the rest) of the one-line verdict: 'SQL', 'asked for a quote 2 days ago
    (+39.4); fit A 85'. Built from the verdict's figures and the lead's facts."""
    stage = labels.stage(verdict.stage)
    a = labels._v.answers
    fit = a["verdict_fit"].format(grade=verdict.fit.grade, fit=number(verdict.fit.score))
    rule = verdict.explanation.rule
    if rule == "disqualifier":
        items = "; ".join(f'{labels.enum(d.kind.value)} "{d.evidence}"' for d in facts.disqualifiers)
        return stage, items
    decided = _deciding(verdict, list(facts.interactions), model)
    if decided is not None:
        interaction, _age = decided
        earned = next((c.points for c in verdict.explanation.contributions
                       if c.axis.value == "engagement" and c.rule == interaction.kind.value
                       and c.evidence == interaction.evidence), None)
        what = f"{labels.kind_phrase(interaction.kind.value)} {labels.when(interaction.occurred_on, verdict.as_of)}"
        if earned is not None:
            what += f" ({points(earned)})"
        return stage, f"{what}; {fit}"
    if rule == "bant":
        criteria = ", ".join(labels.bant_name(c) for c in verdict.bant_met)
        return stage, f"{a['verdict_bant'].format(met=len(verdict.bant_met), criteria=criteria)}; {fit}"
    engagement = a["verdict_engagement"].format(engagement=number(verdict.engagement.score))
    top = sorted((c for c in verdict.explanation.contributions if c.axis.value == "engagement" and c.points > 0),
                 key=lambda c: -c.points)[:2]
    if top:
        engagement += " (" + ", ".join(f"{labels.kind_phrase(c.rule)} {points(c.points)}" for c in top) + ")"
    return stage, f"{engagement}; {fit}"


def stage_change(old: Stage | None, new: Stage, labels: Labels) -> str | None:
    """'MQL -> SQL' when the stage moved, else None."""
    if old is None or old is new:
        return None
    return labels("stage_change", old=labels.stage(old), new=labels.stage(new))


def _found_sections(extraction: Extraction, labels: Labels) -> list[Section]:
    sections = []
    facts = [
        CardLine(labels.fact(fact.path), labels.value(value, fact.path),
                 evidence_text(extraction.evidence.get(fact.path), labels.value(value, fact.path)))
        for fact in FACTS
        if (value := get_value(extraction, fact)) is not None and value != ""
    ]
    facts += [CardLine(labels.fact("disqualifiers"), labels.enum(d.kind.value), f'"{d.evidence}"')
              for d in extraction.disqualifiers]
    if facts:
        sections.append(Section(labels("facts"), tuple(facts)))
    if extraction.interactions:
        sections.append(Section(labels("interactions"), tuple(
            CardLine(labels.kind(i.kind.value) + (f" x{i.count}" if i.count > 1 else ""),
                     i.occurred_on.isoformat() if i.occurred_on else labels("no_date"), f'"{i.evidence}"')
            for i in extraction.interactions)))
    return sections


@dataclass(frozen=True)
class NoteFacts:
    """What the reply to a note needs besides the lead: what this note said and how it was read."""

    extraction: Extraction
    extractor: str
    model: str | None = None
    dropped: tuple[DroppedItem, ...] = ()  # what grounding or validation dropped, and why
    warnings: tuple[str, ...] = ()
    fell_back: str | None = None  # the LLM's failure, when the rules read it instead
    kept_rep: tuple[str, ...] = ()  # paths a rep set that the note told otherwise
    kept_identity: tuple[tuple[str, str], ...] = ()  # (path, what the note said) kept as they were
    also: tuple[LeadSummary, ...] = field(default=())  # other leads the note's person matches
    note_id: int | None = None


def note_card(state: LeadState, note: NoteFacts, previous: Stage | None, model: ScoringModel,
              lang: str) -> ReplyCard:
    """The reply to a note: the verdict in one line, a stage change, what the note said
    (with its words), what was dropped, and which extractor read it."""
    labels = Labels(lang)
    verdict = state.verdict
    assert verdict is not None
    head_stage, head = headline(verdict, state.facts, model, labels)
    notices: list[Notice] = []
    if (change := stage_change(previous, verdict.stage, labels)) is not None:
        notices.append(Notice(labels("stage_changed", change=change), "change"))
    if note.fell_back:
        notices.append(Notice(labels("llm_failed", reason=note.fell_back), "error"))
        notices.append(Notice("  " + labels("fell_back"), "error"))
    sections = _found_sections(note.extraction, labels)
    if not sections:
        notices.append(Notice("  " + labels("nothing_new"), "muted"))
    if note.dropped:
        sections.append(Section(labels("dropped", count=len(note.dropped)),
                                tuple(dropped_card_line(d, labels) for d in note.dropped)))
    notices.extend(Notice("  " + labels("warning", text=w), "warning") for w in note.warnings)
    if note.kept_rep:
        notices.append(Notice(labels("kept_rep", fields=", ".join(labels.fact(p) for p in note.kept_rep)), "info"))
    if note.kept_identity:
        fields = ", ".join(labels.fact(p) for p, _said in note.kept_identity)
        said = ", ".join(said for _p, said in note.kept_identity)
        notices.append(Notice(labels("kept_identity", fields=fields, values=said), "info"))
    for other in note.also[:1]:
        notices.append(Notice(labels("also_matches", id=other.id, label=other.label), "info"))
    source = note.extractor + (f" · {note.model}" if note.model else "")
    return ReplyCard(kind="reply", lang=labels.lang, head_stage=head_stage, stage=verdict.stage.value, head=head,
                     notices=tuple(notices), sections=tuple(sections), footer=labels("read_by", source=source),
                     note_id=note.note_id)


def dropped_card_line(item: DroppedItem, labels: Labels) -> CardLine:
    """A dropped item as the reply lists it: what it was, in the view's words, the value and
    the words the extractor gave, and why it does not count ('budget: confirmed "Budget
    approved" — evidence is inside text pasted for a machine ...')."""
    view = dropped_view(item)
    if view.path == "interaction" and view.kind:
        label, value = labels.kind(view.kind), ""
    elif view.path == "disqualifier" and view.kind:
        label, value = labels.fact("disqualifiers"), labels.enum(view.kind)
    else:
        label, value = labels.fact(view.path), labels.value(view.value, view.path) if view.value else ""
    return CardLine(label, value, f'"{view.words}"' if view.words else "", tone="error", why=view.reason)


def correction_card(state: LeadState, changes: list[tuple[str, Any]], previous: Stage | None,
                    model: ScoringModel, lang: str, *, heading: str | None = None) -> ReplyCard:
    """'Noted: employees = 40.' with the new verdict in one line and a stage change."""
    labels = Labels(lang)
    if heading is None:
        parts = []
        for path, value in changes:
            if path == "disqualifiers":
                kinds = getattr(value, "kinds", None)  # chat.LiftDisqualifiers: these no longer hold
                named = ", ".join(labels.enum(k.value) for k in kinds) if kinds else ""
                head = f"{labels.fact(path)} {named}".strip()
                parts.append(f"{head}: {labels('cleared')}" if named or not value else head)
            else:
                shown = labels.value(value, path) if value not in (None, "") else labels("cleared")
                parts.append(f"{labels.fact(path)} = {shown}")
        heading = labels("corrected", changes="; ".join(parts))
    body = [heading]
    notices = []
    verdict = state.verdict
    head_stage = head = ""
    if verdict is not None:
        head_stage, head = headline(verdict, state.facts, model, labels)
        if (change := stage_change(previous, verdict.stage, labels)) is not None:
            notices.append(Notice(labels("stage_changed", change=change), "change"))
    return ReplyCard(kind="correction", lang=labels.lang, intro=tuple(body), head_stage=head_stage,
                     stage=verdict.stage.value if verdict else None, head=head, notices=tuple(notices))


def answer_card(question: Question, verdict: Verdict | None) -> ReplyCard:
    """The answer to a question, from the verdict's explanation, in the question's language
    (the verdict should be in it too)."""
    labels = Labels(question.lang)
    return ReplyCard(kind="answer", lang=labels.lang, body=tuple(answer_lines(question, verdict, labels)))


def answer_lines(question: Question, verdict: Verdict | None, labels: Labels) -> list[str]:
    a = labels.answer
    if verdict is None:
        return [a("no_verdict")]
    explanation = verdict.explanation
    stage = verdict.stage
    label = labels.stage(stage)
    if question.kind is QuestionKind.next:
        if explanation.questions:
            return [a("ask_next"), *(f"  {i}. {q}" for i, q in enumerate(explanation.questions, 1))]
        return [a("nothing_to_ask", summary=explanation.next_stage.summary)]
    if question.kind is QuestionKind.why_not:
        target = question.stage or explanation.next_stage.stage
        if target is None:
            return [a("why_not_top", stage=label, summary=explanation.next_stage.summary)]
        if target is stage:
            return [a("same", stage=label), "  " + explanation.reason]
        if stage is not Stage.disqualified and target.rank < stage.rank:
            return [a("already", stage=label, target=labels.stage(target)), "  " + explanation.reason]
        return [a("why_not", target=labels.stage(target), missing=explanation.next_stage.summary)]
    asked = question.stage
    if asked is not None and asked is not stage:
        head = a("why_other", stage=label, asked=labels.stage(asked))
    else:
        head = a("why", stage=label)
    lines = [head, "  " + explanation.reason]
    rows = point_rows(verdict, labels, top=TOP_POINTS)
    if rows:
        lines.append(a("points"))
        lines.extend(f"  {r.points} {r.axis} {r.rule}" + (f" {r.words}" if r.words else "") for r in rows)
    return lines


def text_card(kind: str, text: str, lang: str = "en") -> ReplyCard:
    return ReplyCard(kind=kind, lang=lang, body=tuple(text.splitlines()))
