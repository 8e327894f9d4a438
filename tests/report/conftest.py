"""Fixtures of the report and backtest tests: the storage tests' database and settings."""

from tests.storage.conftest import clean_env, db_url, settings  # noqa: F401  (fixtures)
