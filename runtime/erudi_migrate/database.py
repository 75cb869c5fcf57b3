"""The connection the runtime works through: dialect, explicit transactions, and a `sql` event for
every statement it executes (including those of `sqlcursor`)."""
from __future__ import annotations

from typing import Any, Callable, List, Optional, Sequence

from .bad_parameters import explain
from .dialects import dialect_for
from .errors import MigrationError
from .urls import DatabaseUrl


class TransactionEnded(MigrationError):
    """A statement ended the runtime's transaction: what ran before it is committed."""

    def __init__(self, statement: str) -> None:
        super().__init__(f"the statement {statement!r} ended the runtime's transaction: what ran before it in this "
                         "step is committed; use checkpoint()/commit() instead of transaction control in SQL")


class Database:
    def __init__(self, url: DatabaseUrl, events, connection=None) -> None:
        self.url = url
        self.events = events
        self.dialect = dialect_for(url)
        # `connection`: one opened by the caller (a rehearsal reads the real SQLite file read-only).
        self.connection = connection if connection is not None else self.dialect.connect(url)
        self.in_transaction = False
        # The statement that ended the runtime's transaction behind its back (a script's COMMIT), once found.
        self.ended_by: Optional[str] = None
        # Called with every statement's text when set (computed.py notes the tables written).
        self.watch: Optional[Callable[[str], None]] = None
        # Told of every statement (statement_meter.StatementMeter: a rehearsal's counts), or None.
        self.observer = None
        # rql()'s batched per-row SETs not written yet (rql/batch.py): written before anything else runs.
        self.pending_writes = None
        # rql() calls so far: a batched SET's result reads its rows only until the next one (rql/batch.py).
        self.rql_calls = 0

    # statements -------------------------------------------------------------------------
    def write_pending(self) -> None:
        """Writes rql()'s batched SETs now: what runs next may read or change their rows."""
        batch = self.pending_writes
        if batch is not None:
            self.pending_writes = None
            batch.write(self)

    def raw_execute(self, sql: str, params: Optional[Sequence[Any]] = None):
        """Executes without an event: transaction control and locks, which are not the script's SQL."""
        if self.pending_writes is not None:
            self.write_pending()
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, params) if params else cursor.execute(sql)
        except Exception as error:  # a value the driver cannot send: name the argument (bad_parameters.py)
            readable = explain(error, sql, params)
            if readable is None:
                raise
            raise readable from error
        if self.observer is not None:
            self.observer.control(sql)
        return cursor

    def execute(self, sql: str, params: Optional[Sequence[Any]] = None):
        if self.pending_writes is not None:
            self.write_pending()  # before this statement is observed: the batch's own statements come first
        self.events.sql(sql, params)
        if self.watch is not None:
            self.watch(sql)
        if self.observer is not None:
            self.observer.before(self, sql)
        cursor = self.raw_execute(sql, params)
        self.check_transaction(sql)
        if self.observer is not None:
            self.observer.after(self, sql, cursor.rowcount)
        return cursor

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]):
        if self.pending_writes is not None:
            self.write_pending()
        self.events.sql(sql, [list(r) for r in rows[:3]] if rows else [])
        if self.watch is not None:
            self.watch(sql)
        if self.observer is not None:
            self.observer.before(self, sql)
        cursor = self.connection.cursor()
        try:
            cursor.executemany(sql, rows)
        except Exception as error:
            readable = next((e for e in (explain(error, sql, row) for row in rows) if e), None)
            if readable is None:
                raise
            raise readable from error
        self.check_transaction(sql)
        if self.observer is not None:
            self.observer.after(self, sql, cursor.rowcount)
        return cursor

    def check_transaction(self, sql: str) -> None:
        """Stops at once when a statement ended the transaction the runtime opened (it committed what ran
        so far, and later statements would each commit on their own)."""
        if self.in_transaction and not self.dialect.transaction_active(self):
            self.in_transaction = False
            self.ended_by = " ".join(sql.split())[:200]
            raise TransactionEnded(self.ended_by)

    def query(self, sql: str, params: Optional[Sequence[Any]] = None) -> List[tuple]:
        return [tuple(row) for row in self.raw_execute(sql, params).fetchall()]

    def cursor(self) -> "EventCursor":
        return EventCursor(self)

    # transactions -----------------------------------------------------------------------
    def begin(self) -> None:
        if not self.in_transaction:
            self.dialect.begin(self)
            self.in_transaction = True

    def commit(self) -> None:
        if self.in_transaction:
            self.raw_execute("COMMIT")
            self.in_transaction = False

    def rollback(self) -> None:
        self.pending_writes = None  # rolled back with the rest
        if self.in_transaction:
            self.in_transaction = False
            try:
                self.raw_execute("ROLLBACK")
            except Exception:
                # SQLite may already have rolled back on its own (e.g. after an I/O error).
                pass

    def close(self) -> None:
        self.rollback()
        self.connection.close()


class EventCursor:
    """A DB-API cursor for scripts (`sqlcursor`) whose statements are reported like the runtime's own."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cursor = db.connection.cursor()

    def execute(self, sql: str, params: Optional[Sequence[Any]] = None):
        self._db.write_pending()
        self._db.events.sql(sql, params)
        if self._db.watch is not None:
            self._db.watch(sql)
        observer = self._db.observer
        if observer is not None:
            observer.before(self._db, sql)
        self._cursor.execute(sql, params) if params else self._cursor.execute(sql)
        self._db.check_transaction(sql)
        if observer is not None:
            observer.after(self._db, sql, self._cursor.rowcount)
        return self

    def executemany(self, sql: str, rows):
        rows = list(rows)
        self._db.write_pending()
        self._db.events.sql(sql, [list(r) for r in rows[:3]])
        if self._db.watch is not None:
            self._db.watch(sql)
        observer = self._db.observer
        if observer is not None:
            observer.before(self._db, sql)
        self._cursor.executemany(sql, rows)
        self._db.check_transaction(sql)
        if observer is not None:
            observer.after(self._db, sql, self._cursor.rowcount)
        return self

    def __getattr__(self, name: str):
        return getattr(self._cursor, name)

    def __iter__(self):
        return iter(self._cursor)
