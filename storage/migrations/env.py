"""Alembic environment: runs migrations on the connection `storage.migrate` hands over.

From the command line (`alembic -c storage/alembic.ini ...`) it connects to
LEADQUAL_DATABASE_URL or the `sqlalchemy.url` option instead.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from storage.engine import make_engine
from storage.tables import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = os.environ.get("LEADQUAL_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("Set LEADQUAL_DATABASE_URL (or sqlalchemy.url) to run migrations.")
    engine = make_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
