"""The explanation's sentences in each language, read from the packaged texts.toml.

Texts are data, not code: translators edit texts.toml. A language we do not have falls
back to English, and so does any key a language lacks.
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from importlib import resources

DEFAULT_LANG = "en"
Texts = dict[str, dict[str, str]]


@cache
def _all_texts() -> dict[str, Texts]:
    data = resources.files("assistant.scoring").joinpath("texts.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def languages() -> tuple[str, ...]:
    return tuple(_all_texts())


@cache
def texts_for(lang: str | None) -> Texts:
    """Every section of texts for `lang`, English filling whatever it lacks."""
    everything = _all_texts()
    base = everything[DEFAULT_LANG]
    chosen = everything.get((lang or DEFAULT_LANG).lower(), base)
    return {section: {**values, **chosen.get(section, {})} for section, values in base.items()}


@lru_cache(maxsize=64)
def resolve_lang(lang: str | None) -> str:
    """`lang` when we have texts for it (any case), else English."""
    wanted = (lang or DEFAULT_LANG).lower()
    return wanted if wanted in _all_texts() else DEFAULT_LANG
