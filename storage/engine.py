"""`make_engine(url)`: the one place a database engine is built, with safe SQLite settings.

SQLite (the default) gets WAL mode (readers never block the writer), foreign keys on
(deleting a lead deletes its notes), a busy timeout, and `BEGIN IMMEDIATE` for every
transaction: a transaction takes the write lock when it starts, so two processes writing
the same file queue up instead of one failing with "database is locked" halfway through
and losing a note. Any other SQLAlchemy URL (PostgreSQL via psycopg 3) is used as given.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool

from storage.bulk import json_text  # the JSON text every column stores (compact, UTF-8 as is)

# Seconds a writer waits for another process's transaction to finish.
SQLITE_BUSY_TIMEOUT_S = 30.0
SQLITE_CACHE_KIB = 64 * 1024


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for `url`. For a SQLite file, its directory is created if missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        if parsed.drivername == "postgresql":
            # psycopg 3 is the driver we install; plain postgresql:// would ask for psycopg2.
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, echo=echo, pool_pre_ping=True, json_serializer=json_text)

    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S}}
    if in_memory:
        # one shared connection, or every checkout would see a new empty database
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"]["check_same_thread"] = False
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # The TUI runs the pipeline in a worker thread; connections move between threads.
        kwargs["connect_args"]["check_same_thread"] = False
    engine = sa.create_engine(parsed, echo=echo, json_serializer=json_text, **kwargs)
    _configure_sqlite(engine, wal=not in_memory)
    return engine


def _set_wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so). Two processes opening a new file at once can
    both try; SQLite then answers "database is locked" at once, without waiting on the
    busy timeout, so wait and look again: the other process has usually done it."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    delay = 0.01
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if wal:
            _set_wal(cursor)
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
        cursor.execute("PRAGMA foreign_keys=ON")
        # 64 MiB of page cache (default 2 MiB): a re-score updates indexes all over the file
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # a plain read (the TUI's poll): no transaction, no write lock to wait for
        connection.exec_driver_sql("BEGIN IMMEDIATE")
