"""Many rows written at once, for imports and re-scores: a multi-row INSERT with the values
converted here, a column at a time, into SQLAlchemy's own SQLite storage form (JSON as
compact text, datetimes as their stored text) and handed to the driver as they are.
SQLAlchemy's per-value processing costs more than the statement itself for tens of
thousands of rows. On any other database the statements are SQLAlchemy's, with the JSON
values serialised once as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session


def _insert_sqlite(session: Session, table: Any, rows: list[dict[str, Any]], json_columns: tuple[str, ...]) -> None:
    """A multi-row INSERT of `rows` (dicts with the same keys) straight to the SQLite driver,
    each value in SQLAlchemy's own storage form. How a column's values are turned into that
    form is chosen once per column, and the values are converted a column at a time."""
    names = list(rows[0])
    session.connection().exec_driver_sql(_insert_sql(table, names), _driver_rows(session, table, rows, names, json_columns))


def _insert_sql(table: Any, names: list[str]) -> str:
    """The driver's INSERT of one row of the `names` columns of `table`."""
    return f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"


def _driver_rows(session: Session, table: Any, rows: list[dict[str, Any]], names: list[str],
                 json_columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """`rows` as tuples of the `names` columns' values in SQLAlchemy's SQLite storage form
    (JSON as text, datetimes as their stored text): how a column's values are converted
    is chosen once per column, and the values are converted a column at a time."""
    dialect = session.get_bind().dialect
    columns = []
    for name in names:
        values: Iterable[Any] = map(itemgetter(name), rows)
        if name in json_columns:
            values = map(json_text, values)
        elif _holds_dates(table.c[name].type):
            values = map(_driver_value(table.c[name].type, dialect), values)
        columns.append(values)
    return list(zip(*columns, strict=True))


def insert_ids(session: Session, table: Any, rows: list[dict[str, Any]], json_columns: tuple[str, ...]) -> list[int]:
    """Insert `rows` (dicts with the same keys) and return their new ids, in the rows' order.

    On SQLite the values are converted as `insert_rows` converts them and the rows go to the
    driver one INSERT each, the id read from the cursor: SQLAlchemy runs an INSERT ...
    RETURNING that must keep the rows' order one statement a row too, with its own
    processing of every value around each. Elsewhere the statement is SQLAlchemy's own."""
    if session.get_bind().dialect.name != "sqlite":
        stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.execute(stmt, rows).scalars().all())
    names = list(rows[0])
    sql = _insert_sql(table, names)
    cursor = session.connection().connection.cursor()
    try:
        ids = []
        for values in _driver_rows(session, table, rows, names, json_columns):
            cursor.execute(sql, values)
            ids.append(cursor.lastrowid)
        return ids
    finally:
        cursor.close()


def _holds_dates(kind: Any) -> bool:
    """Whether a column of type `kind` holds dates or datetimes (a TypeDecorator such as
    SQLModel's UTCDateTime by its underlying type); other values go to the driver as they are."""
    return isinstance(getattr(kind, "impl_instance", kind), (sa.Date, sa.DateTime))


def _driver_value(kind: Any, dialect: Any) -> Any:
    """A function turning a value of a column of type `kind` into what SQLAlchemy gives
    the SQLite driver for it: a datetime as its stored text (UTCDateTime: naive UTC, the
    text of each distinct moment rendered once), a date in ISO form, anything else as is."""
    stamps: dict[datetime, str] = {}

    def convert(value: Any) -> Any:
        if isinstance(value, datetime):
            text = stamps.get(value)
            if text is None:
                literal = sa.literal(value, type_=kind)
                text = stamps[value] = str(literal.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))[1:-1]
            return text
        if isinstance(value, date):
            return value.isoformat()
        return value

    return convert


def json_text(value: Any) -> str:
    """`value` as the JSON text the database stores (storage.engine's serializer: compact,
    UTF-8 as is); a string or None, most of what an import writes, without the encoder's
    dispatch."""
    if value is None:
        return "null"
    if type(value) is str:
        return _ENCODE_STR(value)
    if _ENCODE_CHUNKS is not None:
        return "".join(_ENCODE_CHUNKS(value, 0))
    return _ENCODE(value)


_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode  # compact, UTF-8 as is
_ENCODE_STR = json.encoder.encode_basestring  # what _ENCODE does with a str (ensure_ascii=False)
# the C encoder _ENCODE builds afresh for every value (with the same settings), built once;
# without the check for circular references (rows built from CSV cells and readings hold none)
_ENCODE_CHUNKS = (json.encoder.c_make_encoder(None, json.JSONEncoder().default, _ENCODE_STR, None, ":", ",",
                                              False, False, True)
                  if json.encoder.c_make_encoder is not None else None)


def insert_rows(session: Session, table: Any, rows: list[dict[str, Any]], json_columns: tuple[str, ...]) -> None:
    """A multi-row INSERT whose JSON values are serialised here, once, as text (what
    repo.save_verdicts_bulk does for explanations): the JSON type's per-value processing costs
    more than the rest of the statement for a fact_change batch. On SQLite the rows go to
    the driver as they are (values in SQLAlchemy's own storage form), which halves it."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        _insert_sqlite(session, table, rows, json_columns)
        return
    is_pg = dialect.name == "postgresql"
    values = {}
    for column in json_columns:
        param = sa.bindparam(f"{column}__json", type_=sa.Text)
        values[column] = sa.cast(param, sa.JSON) if is_pg else param
    prepared = []
    for row in rows:
        out = {k: v for k, v in row.items() if k not in json_columns}
        for column in json_columns:
            out[f"{column}__json"] = json_text(row.get(column))
        prepared.append(out)
    session.execute(sa.insert(table).values(**values), prepared)


def update_rows(session: Session, table: Any, rows: list[dict[str, Any]], *, key: str = "id") -> None:
    """An executemany UPDATE of `table` setting each row's other columns where `key` is the
    row's `key` value (rows are dicts with the same keys). On SQLite the values are converted
    as `insert_rows` converts them (no JSON columns) and go to the driver as they are."""
    if not rows:
        return
    names = [name for name in rows[0] if name != key]
    if session.get_bind().dialect.name != "sqlite":
        stmt = sa.update(table).where(table.c[key] == sa.bindparam(f"{key}__key"))
        session.execute(stmt, [{**{n: row[n] for n in names}, f"{key}__key": row[key]} for row in rows])
        return
    sql = f"UPDATE {table.name} SET {', '.join(f'{name} = ?' for name in names)} WHERE {key} = ?"
    session.connection().exec_driver_sql(sql, _driver_rows(session, table, rows, [*names, key], ()))
