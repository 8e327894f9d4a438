"""The date, number and language readers name no word of any language: words are vocab data.

Every string constant of dates.py, numbers.py and language.py that is not a docstring is cut
into alphabetic runs (regex syntax taken out first); no run of 3+ letters may be a word of
any language's vocabulary (every `vocab/<lang>/*.toml`, diacritics folded). Identifiers
written as strings (regex group names, `__all__` entries, module attribute names) are no
words; dateparser's settings are its API.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from assistant.extract import vocab

EXTRACT = Path(vocab.__file__).resolve().parents[1]
MODULES = ["dates.py", "numbers.py", "language.py"]
# dateparser.parse(settings=...): the library's own keys and values, not words of a note.
_DATEPARSER = {"RELATIVE_BASE", "PREFER_DATES_FROM", "past", "REQUIRE_PARTS", "day", "month"}
LIBRARY_API = {"dates.py": _DATEPARSER | {"DATE_ORDER", "DMY"}}
_REGEX_SYNTAX = re.compile(
    r"\(\?P<\w+>|\(\?P=\w+\)|\\[A-Za-z]|\(\?[aiLmsux-]+[:)]|\{\w*\}"  # groups, escapes, flags
)
_RUN = re.compile(r"[^\W\d_]{3,}")


def _runs(text: str) -> set[str]:
    return {vocab.fold(run) for run in _RUN.findall(_REGEX_SYNTAX.sub(" ", text))}


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def vocabulary_words() -> dict[str, str]:
    """Every 3+ letter word of every language's data -> the file it is in."""
    words: dict[str, str] = {}
    for path in sorted(vocab.VOCAB_DIR.glob("*/*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for text in _strings(data):
            for run in _runs(text):
                words.setdefault(run, f"{path.parent.name}/{path.name}")
    return words


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _identifiers(tree: ast.Module, constants: list[str]) -> set[str]:
    """Names a string may spell without being a word: regex groups, module-level names."""
    names = {m for text in constants for m in re.findall(r"\(\?P<(\w+)>", text)}
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        for target in targets:
            if isinstance(target, ast.Name):
                names.add(target.id)
                if target.id == "__all__" and isinstance(node.value, ast.List):
                    names |= {e.value for e in node.value.elts if isinstance(e, ast.Constant)}
    return names


def words_in_code(module: str) -> list[tuple[int, str, str]]:
    """(line, string constant, 3+ letter run) for each run of a non-docstring constant."""
    tree = ast.parse((EXTRACT / module).read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    constants = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]
    names = _identifiers(tree, [text for _, text in constants])
    allowed = LIBRARY_API.get(module, set())
    out = []
    for line, text in constants:
        if text in names or text in allowed:
            continue
        out.extend((line, text, run) for run in sorted(_runs(text)))
    return out


def test_the_vocabulary_is_read_whole() -> None:
    words = vocabulary_words()
    # a check that cannot see the data would pass on anything: make sure it sees it
    for word in ("yesterday", "ieri", "wczoraj", "scorso", "zeszly", "mila", "tys", "volte"):
        assert word in words, word
    assert len(words) > 2000


@pytest.mark.parametrize("module", MODULES)
def test_engine_module_names_no_word(module: str) -> None:
    words = vocabulary_words()
    found = [
        f"{module}:{line}: {run!r} in {text!r} is a word of {words[run]}"
        for line, text, run in words_in_code(module)
        if run in words
    ]
    assert not found, "words belong in assistant/extract/vocab/<lang>/:\n" + "\n".join(found)


def test_the_check_sees_a_word_in_a_regex(tmp_path: Path) -> None:
    """The scan finds a word hidden in a regex literal, and lets regex syntax through."""
    module = tmp_path / "probe.py"
    module.write_text(
        '"""Docstrings may say yesterday."""\n'
        "import re\n"
        '_X = re.compile(r"(?<![\\w])(?P<unit>\\d+)\\s+(?:ieri|oggi)(?!\\w)")\n',
        encoding="utf-8",
    )
    tree = ast.parse(module.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    texts = [
        n.value for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]  # fmt: skip
    runs = set().union(*(_runs(t) for t in texts))
    assert runs == {"ieri", "oggi"}  # not "unit" (a group), not "yesterday" (a docstring)
    assert runs <= set(vocabulary_words())
