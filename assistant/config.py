"""Settings: one object, read from the environment (LEADQUAL_*) and an optional TOML file.

Priority, highest first: explicit arguments, environment variables, the config file
(LEADQUAL_CONFIG_FILE, default `<user config dir>/leadqual/config.toml`), defaults.
Nothing is read at import time: call `load_settings()`.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

APP_NAME = "leadqual"


class LLMProvider(StrEnum):
    openai = "openai"
    azure = "azure"
    compatible = "compatible"


class LLMMethod(StrEnum):
    json_schema = "json_schema"
    function_calling = "function_calling"
    json_mode = "json_mode"


class ExtractorChoice(StrEnum):
    auto = "auto"
    rules = "rules"
    llm = "llm"


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


class Settings(BaseSettings):
    """Every setting of the app. The README lists each with its env var."""

    model_config = SettingsConfigDict(
        env_prefix="LEADQUAL_", extra="ignore", populate_by_name=True
    )

    # storage
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default a SQLite file in the user's data directory.",
    )
    data_dir: Path = Field(default_factory=default_data_dir, description="Where the SQLite file lives.")

    # scoring
    scoring_file: Path | None = Field(
        default=None, description="Your own scoring TOML; default the one shipped with the package."
    )

    # extraction
    extractor: ExtractorChoice = Field(
        default=ExtractorChoice.auto,
        description="auto = llm when an API key or base URL is configured, rules otherwise.",
    )
    fallback_to_rules: bool = Field(
        default=True, description="When the LLM fails, qualify with the offline extractor and say so."
    )
    language: str | None = Field(
        default=None, description="Force the answer language (en, it, pl); default: the note's."
    )

    # LLM
    llm_provider: LLMProvider = Field(default=LLMProvider.openai)
    llm_model: str = Field(default="gpt-4o-mini")
    llm_base_url: str | None = Field(default=None, description="OpenAI-compatible server URL (…/v1).")
    llm_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "llm_api_key"),
    )
    llm_method: LLMMethod = Field(default=LLMMethod.json_schema)
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds per LLM request.")
    llm_max_retries: int = Field(default=2, ge=0, description="Retries on 429/5xx/timeouts.")
    llm_max_tokens: int = Field(default=4096, gt=0, description="Most tokens the model may answer with.")
    azure_endpoint: str | None = Field(default=None, description="Azure OpenAI endpoint URL.")
    azure_api_version: str = Field(default="2024-10-21")
    azure_deployment: str | None = Field(default=None, description="Azure deployment name.")

    # who writes the notes (shown in the transcript and stored with each note)
    author: str | None = Field(default=None, description="Your name, stored with each note.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        config_file = Path(os.environ.get("LEADQUAL_CONFIG_FILE") or default_config_file())
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if config_file.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config_file))
        return tuple(sources)

    # --- derived ---------------------------------------------------------------------

    @property
    def llm_configured(self) -> bool:
        """True when an LLM can be reached: a key, a base URL, or an Azure endpoint."""
        return bool(self.llm_api_key or self.llm_base_url or self.azure_endpoint)

    @property
    def effective_extractor(self) -> ExtractorChoice:
        # ExtractorChoice(...) also accepts a plain string (model_copy(update=) skips validation)
        choice = ExtractorChoice(self.extractor)
        if choice is ExtractorChoice.auto:
            return ExtractorChoice.llm if self.llm_configured else ExtractorChoice.rules
        return choice

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'leadqual.db'}"


def load_settings(**overrides: Any) -> Settings:
    """Build Settings from env and config file; keyword overrides win (CLI flags)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
