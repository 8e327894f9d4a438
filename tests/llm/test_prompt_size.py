"""The prompt stays small: one call a note, under 2,500 tokens for a 200-word note in any
language and method (counted as benchmarks/prompt_bench.py counts them)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "prompt_bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("prompt_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode"])
def test_a_200_word_note_makes_a_prompt_under_2500_tokens(method):
    pytest.importorskip("tiktoken")
    bench = _bench()
    enc = bench.encoder()
    for lang, text in bench.NOTES.items():
        assert 190 <= len(text.split()) <= 210, lang
        tokens = bench.prompt_tokens(text, method, enc)
        assert tokens < bench.TARGET, (lang, method, tokens)
