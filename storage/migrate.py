"""Schema migrations run from code: `upgrade(engine)` brings any database to the head.

The Alembic scripts ship inside the package (`storage/migrations`), so no alembic.ini is
needed at runtime; the app calls `upgrade` on start. Developers make a new revision with
`alembic -c storage/alembic.ini revision --autogenerate -m "..."`.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_ID = 744_165_005  # any constant; the advisory lock's key on PostgreSQL


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at the packaged scripts (and at `engine`, if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind `engine` to `revision` (default: the latest)."""
    config = alembic_config()
    # One transaction (BEGIN IMMEDIATE on SQLite): two processes starting at once take
    # turns, and the second finds the schema already at head.
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # PostgreSQL has no BEGIN IMMEDIATE: a transaction-scoped advisory lock makes
            # two processes starting on an empty database take turns all the same
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
