"""Alembic migration scripts, shipped with the package (a package so the .py files install)."""
