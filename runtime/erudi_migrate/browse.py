"""`erudi-migrate entities ETYPE` and `erudi-migrate query RQL`: read-only looks at an instance's data, a page
of rows at a time, for the editor's Show Entities and Run RQL Query. Nothing here can write: the query is
refused unless it is a selection, and the connection itself is read-only (SQLite `query_only`, PostgreSQL
`default_transaction_read_only`)."""
from __future__ import annotations

import base64
import datetime
import decimal
import os
from typing import Any, Dict, List, Sequence

from . import storage
from .database import Database
from .errors import MigrationError
from .identifiers import check_name
from .instance import has_instance
from .rql import RqlError, view_of, is_write, run_rql
from .schema.persisted import SchemaStore
from .urls import DatabaseUrl

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000


def _open_read_only(options, events) -> Database:
    url = DatabaseUrl.parse(options.db)
    if url.kind == "sqlite" and not os.path.isfile(url.path):
        # Opening would create an empty file: say what is missing instead.
        raise MigrationError(f"no instance at {url.text}: create one first (erudi-migrate create --db {url.text})")
    db = Database(url, events)
    if url.kind == "sqlite":
        db.raw_execute("PRAGMA query_only = ON")
    else:
        db.raw_execute("SET default_transaction_read_only = on")
    if not has_instance(db):
        db.close()
        raise MigrationError(f"{url.text} holds no instance: create one first (erudi-migrate create --db {url.text})")
    return db


def _page(options) -> Dict[str, int]:
    limit = DEFAULT_LIMIT if options.limit is None else options.limit
    offset = options.offset or 0
    if not 1 <= limit <= MAX_LIMIT:
        raise MigrationError(f"--limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise MigrationError(f"--offset must be 0 or more, not {offset}")
    return {"limit": limit, "offset": offset}


def _shown(value: Any) -> Any:
    """A cell as JSON can carry it: dates as ISO text, bytes as base64 with their size, decimals as text."""
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return {"bytes": len(data), "base64": base64.b64encode(data[:64]).decode("ascii")}
    return value


def _rows_event(what: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], total: int, page: Dict[str, int]) -> Dict[str, Any]:
    return {"event": "rows", "what": what, "columns": list(columns), "rows": [[_shown(v) for v in row] for row in rows],
            "total": total, "offset": page["offset"], "limit": page["limit"]}


def entities(options, events) -> Dict[str, Any]:
    """A page of the rows of one entity type's table, ordered by eid, with the table's real columns; without a
    type, every entity type of the instance with its number of rows."""
    page = _page(options)
    db = _open_read_only(options, events)
    try:
        schema = SchemaStore.load(db).schema
        if options.etype is None:
            counts = [(name, db.query(f"SELECT COUNT(*) FROM {storage.table(name)}")[0][0]) for name in sorted(schema.entities)]
            return _rows_event("entity types", ["type", "rows"], counts[page["offset"]:page["offset"] + page["limit"]],
                               len(counts), page)
        etype = check_name(options.etype, "entity type name")
        if etype not in schema.entities:
            known = ", ".join(sorted(schema.entities)) or "none"
            raise MigrationError(f"the instance has no entity type {etype!r} (its types: {known})")
        table = storage.table(etype)
        cursor = db.raw_execute(f'SELECT * FROM {table} ORDER BY cw_eid LIMIT {page["limit"]} OFFSET {page["offset"]}')
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        total = db.query(f'SELECT COUNT(*) FROM {table}')[0][0]
        # Columns as people name them: `cw_name` is the attribute `name`.
        shown = ["eid" if c == "cw_eid" else c[3:] if c.startswith("cw_") else c for c in columns]
        return _rows_event(etype, shown, rows, total, page)
    finally:
        db.close()


class _ReadTarget:
    """What RQL execution needs of the database, for selections only."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.param = db.dialect.param
        self.dialect = db.dialect.name
        self.names = storage

    def query(self, sql, params=()):
        return [tuple(row) for row in self.db.raw_execute(sql, list(params)).fetchall()]

    def execute(self, sql, params=()):
        raise MigrationError("a read-only query cannot write")

    executemany = execute
    new_eid = execute


def query(options, events) -> Dict[str, Any]:
    """The rows of a selection, a page at a time; INSERT, SET and DELETE are refused before anything runs."""
    text = options.rql
    page = _page(options)
    try:
        writes = is_write(text)
    except RqlError as error:
        raise MigrationError(f"RQL: {error}")
    if writes:
        raise MigrationError("only selections (Any ... WHERE ...) run here: INSERT, SET and DELETE change data; "
                             "write them in a migration script")
    db = _open_read_only(options, events)
    try:
        schema = SchemaStore.load(db).schema
        try:
            result = run_rql(_ReadTarget(db), view_of(schema), text, {})
        except RqlError as error:
            raise MigrationError(f"RQL: {error}")
        rows: List[tuple] = list(result)
        columns = list(result.columns)
        return _rows_event(text, columns, rows[page["offset"]:page["offset"] + page["limit"]], len(rows), page)
    finally:
        db.close()


def format_rows(result: Dict[str, Any]) -> str:
    """The rows as an aligned text table, for the terminal."""
    columns = result["columns"]
    cells = [[_cell(v) for v in row] for row in result["rows"]]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    first, last = result["offset"] + 1, result["offset"] + len(cells)
    footer = (f"rows {first}-{last} of {result['total']}" if cells else f"no rows (of {result['total']})")
    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells] + [footer])


def _cell(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, dict) and "bytes" in value:
        return f"<{value['bytes']} bytes>"
    return str(value)
