"""Running `leadqual` commands on a database of one's own, and reading what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from typer.testing import CliRunner

from assistant.cli import _register, app
from storage import make_engine

_register()
runner = CliRunner()
TABLES = ("lead", "note", "note_source", "interaction", "fact_change", "verdict", "crm_record")


def run(url: str, *args: str, input: str | None = None, monkeypatch: Any = None) -> Any:
    """`leadqual ARGS` with LEADQUAL_DATABASE_URL=url; raises what the command raised."""
    result = runner.invoke(app, list(args), input=input, env={"LEADQUAL_DATABASE_URL": url, "COLUMNS": "200"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    finally:
        engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
