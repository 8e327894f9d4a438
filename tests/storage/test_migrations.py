"""Migrations: an empty database upgrades to head (SQLite and PostgreSQL), downgrades to
nothing and back, and a database at the first revision keeps its rows through 0002."""

from __future__ import annotations

import sqlalchemy as sa

from storage import make_engine, upgrade
from storage.migrate import current_revision, head_revision
from storage.tables import metadata

TABLES = {"lead", "note", "interaction", "fact_change", "verdict", "llm_call", "chat_message",
          "crm_record", "note_source"}


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


def test_a_database_at_0002_keeps_its_notes_and_corrections_through_0003(db_url: str) -> None:
    """Facts stored before evidence existed keep their values; their words are filled in
    where the note still shows them, and a rep's value stands as the rep's words."""
    engine = make_engine(db_url)
    t = "2026-01-01 10:00:00"
    try:
        upgrade(engine, "0002")
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO lead (id, created_at, updated_at, name, job_title, employees, company_name) "
                "VALUES (1, :t, :t, 'Ada Byron', 'Head of Sales', 40, 'Loomwork')"), {"t": t})
            conn.execute(sa.text(
                "INSERT INTO note (id, lead_id, text, created_at, status) VALUES "
                "(1, 1, 'Met ada byron, head of sales at Loomwork.', :t, 'qualified')"), {"t": t})
            for field, note_id, prov in (("contact.name", 1, "rules"), ("contact.job_title", 1, "rules"),
                                         ("company.name", 1, "rules"), ("company.employees", None, "rep")):
                conn.execute(sa.text(
                    "INSERT INTO fact_change (lead_id, note_id, field, provenance, created_at) "
                    "VALUES (1, :n, :f, :p, :t)"), {"n": note_id, "f": field, "p": prov, "t": t})
        upgrade(engine)
        with engine.connect() as conn:
            notes = conn.execute(sa.text("SELECT count(*) FROM note")).scalar()
            changes = conn.execute(sa.text("SELECT count(*) FROM fact_change WHERE provenance = 'rep'")).scalar()
            evidence = conn.execute(sa.text("SELECT evidence FROM lead WHERE id = 1")).scalar()
        if isinstance(evidence, str):
            import json

            evidence = json.loads(evidence)
        assert notes == 1 and changes == 1
        assert evidence["contact.name"]["quote"] == "ada byron"  # the note's own words
        assert evidence["contact.job_title"] == {"quote": "head of sales", "start": 15, "end": 28,
                                                 "note_id": 1, "source": "rules"}
        assert evidence["company.employees"] == {"quote": "40", "source": "rep", "note_id": None}
    finally:
        engine.dispose()


def test_a_database_at_0003_keeps_its_rows_through_0004_and_gets_its_rep_fields(db_url: str) -> None:
    """0004 only adds: every row stays; the fields a rep set are read from the audit trail onto
    the lead, and the phone gets the key that finds the lead again."""
    engine = make_engine(db_url)
    t = "2026-01-01 10:00:00"
    try:
        upgrade(engine, "0003")
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO lead (id, created_at, updated_at, name, phone, company_name) "
                "VALUES (1, :t, :t, 'Ada Byron', '+44 113 496 0000', 'Loomwork')"), {"t": t})
            conn.execute(sa.text(
                "INSERT INTO note (id, lead_id, text, created_at, status) VALUES (1, 1, 'a note', :t, 'qualified')"),
                {"t": t})
            for field, prov in (("company.employees", "rep"), ("bant.timeline_due", "rep"),
                                ("interactions[3].status", "rep"), ("contact.name", "rules")):
                conn.execute(sa.text(
                    "INSERT INTO fact_change (lead_id, field, provenance, created_at) VALUES (1, :f, :p, :t)"),
                    {"f": field, "p": prov, "t": t})
        upgrade(engine)
        with engine.connect() as conn:
            notes = conn.execute(sa.text("SELECT count(*) FROM note")).scalar()
            changes = conn.execute(sa.text("SELECT count(*) FROM fact_change")).scalar()
            phone_key, rep, name_key = conn.execute(
                sa.text("SELECT phone_key, rep_fields, name_key FROM lead WHERE id = 1")).one()
            tables = set(sa.inspect(conn).get_table_names())
        if isinstance(rep, str):
            import json

            rep = json.loads(rep)
        assert (notes, changes) == (1, 4)
        assert phone_key == "134960000"
        assert rep == ["bant.timeline_days", "company.employees"]  # the interaction review is not a fact
        assert name_key == "ada byron|loomwork"
        assert {"pending_note", "merge_undo"} <= tables
    finally:
        engine.dispose()
