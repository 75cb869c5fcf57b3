"""A per-row loop of `SET X attr %(v)s WHERE X eid %(x)s` batched: the calls are kept and written together, as
one set-based UPDATE per thousand rows on PostgreSQL (one round trip, not one per row) and one executemany on
SQLite, before the database is used for anything else.

The database (database.py) writes the batch before any other statement, commit or savepoint rollback; a
result's len() or rows write it first; the end of a script writes it. A row the database refuses is found again
alone (the batch runs under a savepoint) and reported with the query, the entity and the script line of its call.
"""

import os
import sys

from . import execute  # (circular: execute.py imports this module; its names are read at call time)
from .errors import RqlError
from .resultset import ResultSet

# Rows per statement on PostgreSQL, and calls kept before the batch is written anyway.
CHUNK = 1000
MAX_KEPT = 5000

_RUNTIME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _script_frame():
    """The frame of the code that called rql() (the script), found once per batch: its line is read per call."""
    frame = sys._getframe(2)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_RUNTIME + os.sep):
        frame = frame.f_back
    return frame


class BatchedUpdate:
    """The plan of a SET of one type's attributes, by eid, with values that are arguments or literals.

    `update` is the plain UPDATE (its last parameter the eid), `select` finds the entity afterwards;
    `set_based` writes many rows per statement (ArraysUpdate on PostgreSQL, ValuesUpdate on SQLite); without one
    the rows go through executemany.
    """

    __slots__ = ("update", "select", "name", "checks", "used", "set_based")

    def __init__(self, update, select, name, checks, used, set_based=None):
        self.update, self.select, self.name = update, select, name
        self.checks, self.used = list(checks), dict(used)
        self.set_based = set_based

    def execute(self, target, text, kwargs):
        try:
            params = [kwargs[value] if is_argument else value for is_argument, value in self.update.sources]
        except KeyError:
            params = None
        if params is None:
            execute.check_arguments(text, kwargs, self.used, self.checks)  # raises the RqlError of the missing one
        for name, accepted, what, token in self.checks:  # each argument of its type (check_arguments' second half)
            value = kwargs[name]
            if value is not None and (type(value) not in accepted or type(value) is bool and bool not in accepted):
                execute.check_value(text, token, value, accepted, what)
        db = target.db
        batch = db.pending_writes
        if batch is None or batch.plan is not self:
            db.write_pending()
            batch = db.pending_writes = WriteBatch(self, target, text)
            if db.watch is not None:
                db.watch(self.update.sql)
        events = db.events
        if not events.quiet_sql and (events.json_mode or events.verbose):
            events.sql(self.update.sql, params)
        entries = batch.entries
        eid = params[-1]
        # The same entity again: its earlier values are overwritten by these, as the UPDATEs in order would.
        entries[eid] = (params, batch.frame.f_lineno if batch.frame is not None else None)
        if len(entries) >= MAX_KEPT:
            db.write_pending()
        return BatchedResult(text, self.name, target, self.select.sql, eid)


class BatchedResult(ResultSet):
    """A batched call's result: the entity it changed, read only when asked (the batch is written first); its
    len() at any time, its rows until the next rql() call (as ResultSet says: the database counts the calls)."""

    entity_loader = None
    _count = None

    def __init__(self, text, name, target, select_sql, eid):
        self.query, self.columns, self._rows = text, [name], None
        self._target, self._select, self._eid, self._live = target, select_sql, eid, True
        self._call = target.db.rql_calls

    def _read(self):
        self._target.db.write_pending()
        return self._target.query(self._select, [self._eid])

    @property
    def _fetch(self):
        return self._read if self._live and self._call == self._target.db.rql_calls else None

    @_fetch.setter
    def _fetch(self, value):
        self._live = value is not None

    @property
    def _counter(self):
        return self._read


class WriteBatch:
    """The kept calls of one BatchedUpdate: eid -> (parameters, script line)."""

    def __init__(self, plan, target, text):
        self.plan, self.target, self.text = plan, target, text
        self.entries = {}
        self.frame = _script_frame()

    def write(self, db):
        """Writes every kept row (db.pending_writes is already cleared); raises RqlError for a refused row."""
        rows = list(self.entries.values())
        if not rows:
            return
        savepoint = db.in_transaction
        if savepoint:
            db.raw_execute("SAVEPOINT rql_batch")
        try:
            if self.plan.set_based is None:
                self.run(db, self.plan.update.sql, [params for params, _ in rows], many=True)
            else:
                for sql, params in self.plan.set_based.statements([params for params, _ in rows]):
                    self.run(db, sql, params)
        except Exception as error:
            if not savepoint:
                raise self.refusal(error, rows[0][1]) from error
            db.raw_execute("ROLLBACK TO SAVEPOINT rql_batch")
            self.one_by_one(db, rows)
        if savepoint:
            db.raw_execute("RELEASE SAVEPOINT rql_batch")
        db.check_transaction(self.plan.update.sql)

    @staticmethod
    def run(db, sql, params, many=False):
        """One statement of the batch, told to the database's observer (a rehearsal counts rows and statements);
        its `sql` events were emitted per call."""
        if db.observer is not None:
            db.observer.before(db, sql)
        cursor = db.connection.cursor()
        cursor.executemany(sql, params) if many else cursor.execute(sql, params)
        if db.observer is not None:
            db.observer.after(db, sql, cursor.rowcount)

    def one_by_one(self, db, rows):
        """After a refused batch: each row alone, so that the refused one is named (the others stay written)."""
        for params, line in rows:
            try:
                self.run(db, self.plan.update.sql, params)
            except Exception as error:
                raise self.refusal(error, line, params[-1]) from error

    def refusal(self, error, line, eid=None):
        if type(error).__module__.split(".")[0] not in ("sqlite3", "psycopg"):
            raise error
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        refused = RqlError(self.text, 0, "the database refused it%s: %s" % (
            " for entity %s" % eid if eid is not None else "", first))
        if self.frame is not None:
            refused.file, refused.line = self.frame.f_code.co_filename, line
        return refused


class ArraysUpdate:
    """PostgreSQL: the UPDATE of many rows from one array per parameter (the eid last), joined by eid; CHUNK rows
    per statement.

    `sets` are the SET clauses with "{n}" where the n-th parameter goes; `types` the SQL type of each one.
    """

    def __init__(self, table, alias, sets, types):
        arrays = ", ".join("CAST(%%s AS %s[])" % sql_type for sql_type in types)
        names = ["_c%d" % i for i in range(len(types) - 1)] + ["_eid"]
        self.sql = "UPDATE %s AS %s SET %s FROM unnest(%s) AS _v(%s) WHERE %s.cw_eid = _v._eid" % (
            table, alias, ", ".join(s.format(*["_v." + n for n in names]) for s in sets), arrays, ", ".join(names),
            alias)

    def statements(self, rows):
        for start in range(0, len(rows), CHUNK):
            yield self.sql, [list(column) for column in zip(*rows[start:start + CHUNK])]


class ValuesUpdate:
    """SQLite (3.33+): the UPDATE of many rows from a VALUES list, joined by eid (the last value of a row): a third
    less CPU than executemany of the one-row UPDATE, the values bound as they would be one by one. As many rows per
    statement as keep it under SQLite's oldest limit of bound parameters (999), at most 200."""

    def __init__(self, table, alias, sets, count):
        names = ["_v.column%d" % (i + 1) for i in range(count)]
        self.head = "UPDATE %s AS %s SET %s FROM (VALUES " % (
            table, alias, ", ".join(s.format(*names) for s in sets))
        self.tail = ") AS _v WHERE %s.cw_eid = %s" % (alias, names[-1])
        self.row = "(%s)" % ", ".join(["?"] * count)
        self.per = max(1, min(200, 999 // count))
        self.full = self.head + ", ".join([self.row] * self.per) + self.tail

    def statements(self, rows):
        per = self.per
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            sql = self.full if len(chunk) == per else self.head + ", ".join([self.row] * len(chunk)) + self.tail
            yield sql, [value for params in chunk for value in params]
