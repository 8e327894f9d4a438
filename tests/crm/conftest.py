"""Fixtures of the CRM tests: the storage tests' database, settings and clean environment,
and the generated exports (written once per session)."""

from __future__ import annotations

import pytest

from tests.crm_data import Files, write_files
from tests.storage.conftest import clean_env, db_url, settings  # noqa: F401  (fixtures)


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Files:
    """The 1,000-row HubSpot and Salesforce exports with their notes, and where their bad rows are."""
    return write_files(tmp_path_factory.mktemp("crm"), rows=1000)
