"""Storage: SQLModel tables, the engine factory, migrations and repository functions.

`make_engine(url)` builds an engine, `upgrade(engine)` migrates it to the latest schema,
and `storage.repo` holds the functions (each taking `*, session`) that read and write
leads as the domain records of `assistant.domain`. ORM rows never leave this package.
"""

from __future__ import annotations

from storage.engine import make_engine
from storage.migrate import upgrade

__all__ = ["make_engine", "upgrade"]
