"""The prompt files: loadable, versioned, examples valid and grounded, written fresh."""

from __future__ import annotations

import json
import re
from pathlib import Path

import prompts
from assistant.extract.grounding import coerce_answer, ground

DEV_SET = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"


def test_prompt_version_is_a_short_stable_hash():
    assert re.fullmatch(r"[0-9a-f]{12}", prompts.PROMPT_VERSION)
    assert prompts.prompt_version() == prompts.PROMPT_VERSION


def test_the_system_prompt_covers_the_reading_rules():
    system = prompts.system_prompt()
    for must in ("verbatim", "null", "reference date", "form_submission", "webinar", "Negated", "Polish"):
        assert must in system, must
    from assistant.domain import InteractionKind
    from assistant.extract.llm import extraction_schema

    # every kind reaches the model: in the schema it fills (and JSON mode writes the schema
    # into the prompt); the prompt explains the ones that need care
    kinds = extraction_schema()["properties"]["interactions"]["items"]["properties"]["kind"]["enum"]
    assert kinds == [k.value for k in InteractionKind]
    for kind in ("form_submission", "product_usage", "demo_request", "quote_request", "contact_sales"):
        assert kind in system, kind


def test_examples_cover_three_languages_and_are_valid_grounded_records():
    found = prompts.examples()
    assert {e.name.split("_")[0] for e in found} == {"en", "it", "pl"}
    from assistant.extract.answer import Answer
    from assistant.extract.llm import extraction_schema

    for example in found:
        Answer.model_validate(example.answer)  # exactly the schema the model fills
        assert list(example.answer) == list(extraction_schema()["properties"]), example.name
        extraction, invalid = coerce_answer(example.answer, as_of=example.as_of)
        assert invalid == [], example.name
        grounded, dropped = ground(extraction, example.text, as_of=example.as_of)
        assert dropped == [], (example.name, dropped)
        stated = {f["field"] for f in example.answer["facts"]}
        assert set(grounded.evidence) == stated, example.name


def test_the_note_template_shows_the_reference_date():
    from datetime import date

    rendered = prompts.render_note("hello {braces} stay", date(2026, 3, 16))
    assert "2026-03-16 (Monday)" in rendered and "hello {braces} stay" in rendered


def test_examples_are_not_copied_from_the_dev_set():
    if not DEV_SET.is_file():
        return
    texts = [json.loads(line)["text"].lower().split() for line in DEV_SET.read_text().splitlines() if line]
    shingles = {tuple(words[i : i + 6]) for words in texts for i in range(len(words) - 5)}
    for path in sorted(prompts.PROMPTS_DIR.rglob("*")):
        if path.suffix in (".md", ".json"):
            words = path.read_text(encoding="utf-8").lower().split()
            shared = [words[i : i + 6] for i in range(len(words) - 5) if tuple(words[i : i + 6]) in shingles]
            assert shared == [], (path.name, shared[:3])
