"""One DDL implementation per database behind one interface (alembic's split)."""
from __future__ import annotations

from ..urls import DatabaseUrl
from .base import Dialect


def dialect_for(url: DatabaseUrl) -> Dialect:
    if url.kind == "sqlite":
        from .sqlite import SqliteDialect
        return SqliteDialect()
    from .postgresql import PostgresqlDialect
    return PostgresqlDialect()
