"""Migrations: an empty database upgrades to head (SQLite and PostgreSQL), downgrades to
nothing and back, and a database at the first revision keeps its rows through 0002."""

from __future__ import annotations

import sqlalchemy as sa

from storage import make_engine, upgrade
from storage.migrate import current_revision, head_revision
from storage.tables import metadata

TABLES = {"lead", "note", "interaction", "fact_change", "verdict", "llm_call", "chat_message"}


def test_empty_database_upgrades_to_head_with_every_table(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        names = set(sa.inspect(engine).get_table_names())
        assert names >= TABLES
        lead_columns = {c["name"] for c in sa.inspect(engine).get_columns("lead")}
        assert {"email_key", "name_key", "timeline_due", "verdict_id"} <= lead_columns
        upgrade(engine)  # a second start finds nothing to do
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_schema_matches_the_tables_after_migrating(db_url: str) -> None:
    """No model change was left without a revision: autogenerate finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            diff = compare_metadata(context, metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_downgrade_to_nothing_and_up_again(db_url: str) -> None:
    from alembic import command

    from storage.migrate import alembic_config

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert not TABLES & set(sa.inspect(engine).get_table_names())
        upgrade(engine)
        assert set(sa.inspect(engine).get_table_names()) >= TABLES
    finally:
        engine.dispose()


def test_rows_of_revision_0001_survive_0002_and_get_an_email_key(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO lead (created_at, updated_at, name, email) VALUES (:t, :t, 'Ada', ' Ada@Example.COM')"),
                {"t": "2026-01-01 10:00:00"},
            )
        upgrade(engine)
        with engine.connect() as conn:
            row = conn.execute(sa.text("SELECT name, email_key FROM lead")).one()
        assert row == ("Ada", "ada@example.com")
    finally:
        engine.dispose()


def test_sqlite_engine_has_wal_and_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")  # the directory is created
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
