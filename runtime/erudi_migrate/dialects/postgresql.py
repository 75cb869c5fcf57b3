"""PostgreSQL (psycopg 3): transactional DDL, ALTER COLUMN for type, NOT NULL and default changes."""
from __future__ import annotations

import os
import socket
import time
from typing import List, Optional

from ..errors import MigrationError
from .base import Column, Dialect, Index

# The advisory lock key of erudi migrations ("erudi" in ASCII).
LOCK_KEY = 0x6572756469


class PostgresqlDialect(Dialect):
    name = "postgresql"
    param = "%s"
    TYPES = {
        "String": "TEXT", "RichString": "TEXT", "Int": "INTEGER", "BigInt": "BIGINT", "Float": "FLOAT8",
        "Decimal": "NUMERIC", "Boolean": "BOOLEAN", "Date": "DATE", "Datetime": "TIMESTAMP",
        "TZDatetime": "TIMESTAMPTZ", "Time": "TIME", "TZTime": "TIMETZ", "Interval": "INTERVAL",
        "Bytes": "BYTEA", "Password": "BYTEA",
    }

    def __init__(self) -> None:
        self.connection = None

    def connect(self, url):
        try:
            import psycopg
        except ImportError:
            raise MigrationError("PostgreSQL needs psycopg 3: install python3-psycopg (Debian) or `pip install psycopg`, "
                                 "and run the runtime with that Python (bin/erudi-migrate.js: set ERUDI_PYTHON, e.g. /usr/bin/python3)")
        try:
            # autocommit: the runtime sends BEGIN/COMMIT itself, as for SQLite. libpq reads PGPASSWORD.
            self.connection = psycopg.connect(url.text, autocommit=True)
        except psycopg.OperationalError as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else "connection failed"
            raise MigrationError(f"cannot connect to {url.text}: {first}")
        return self.connection

    def begin(self, db) -> None:
        db.raw_execute("BEGIN")

    def transaction_active(self, db) -> bool:
        from psycopg import pq
        return db.connection.info.transaction_status != pq.TransactionStatus.IDLE

    def string_literal(self, value: str) -> str:
        from psycopg import sql
        return sql.Literal(value).as_string(self.connection)

    def bytes_literal(self, value: bytes) -> str:
        return "'\\x" + value.hex() + "'::bytea"

    def alter_column(self, db, table: str, old: Column, new: Column) -> None:
        changes = []
        if old.sql_type.lower() != new.sql_type.lower():
            changes.append(f"ALTER COLUMN {new.name} TYPE {new.sql_type} USING {new.name}::{new.sql_type}")
        if old.default_sql != new.default_sql:
            changes.append(f"ALTER COLUMN {new.name} " +
                           (f"SET DEFAULT {new.default_sql}" if new.default_sql is not None else "DROP DEFAULT"))
        if old.not_null != new.not_null:
            changes.append(f"ALTER COLUMN {new.name} {'SET' if new.not_null else 'DROP'} NOT NULL")
        if changes:
            db.execute(f"ALTER TABLE {table} {', '.join(changes)}")

    def table_names(self, db) -> List[str]:
        return sorted(row[0] for row in db.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE'"))

    def columns(self, db, table: str) -> List[Column]:
        rows = db.query(
            "SELECT c.column_name, c.data_type, c.character_maximum_length, c.is_nullable, c.column_default, "
            "EXISTS (SELECT 1 FROM information_schema.key_column_usage k JOIN information_schema.table_constraints t "
            "ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema "
            "WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name AND k.column_name = c.column_name "
            "AND k.table_schema = c.table_schema) "
            "FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = %s "
            "ORDER BY c.ordinal_position", (table.lower(),))
        if not rows:
            raise MigrationError(f"table {table} does not exist in the database")
        return [Column(name, f"{data_type}({size})" if size else data_type, nullable == "NO", default, bool(pk))
                for name, data_type, size, nullable, default, pk in rows]

    def indexes(self, db, table: str) -> List[Index]:
        rows = db.query(
            "SELECT i.relname, ix.indisunique, ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(num, n) "
            "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num ORDER BY k.n) "
            "FROM pg_class t JOIN pg_index ix ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid "
            "WHERE t.relname = %s AND t.relnamespace = current_schema()::regnamespace AND NOT ix.indisprimary",
            (table.lower(),))
        return sorted(Index(name, table.lower(), list(columns), bool(unique)) for name, unique, columns in rows)

    def eid_column(self) -> str:
        return "eid SERIAL PRIMARY KEY"

    def insert_entity(self, db, etype: str) -> int:
        return db.execute("INSERT INTO entities (type) VALUES (%s) RETURNING eid", (etype,)).fetchone()[0]

    def lock(self, db, url) -> Optional[object]:
        """A session advisory lock: it survives the commits of each step and dies with the connection.

        Advisory locks belong to the database on the server, so every spelling of the URL meets the same
        lock. The session is named `erudi-migrate <host> <pid>`: a lock whose holder is a process of this
        host that no longer exists (killed while its server session lingers) is taken over with a notice."""
        host = socket.gethostname()
        db.raw_execute("SELECT set_config('application_name', %s, false)", (f"erudi-migrate {host} {os.getpid()}",))
        if db.raw_execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()[0]:
            return LOCK_KEY
        holder = db.query(
            "SELECT a.pid, a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s AND l.objsubid = 1 "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            ((LOCK_KEY >> 32) & 0xFFFFFFFF, LOCK_KEY & 0xFFFFFFFF))
        if holder:
            backend, name, since = holder[0]
            words = (name or "").split()
            if len(words) == 3 and words[0] == "erudi-migrate" and words[1] == host and not _alive(int(words[2])):
                db.raw_execute("SELECT pg_terminate_backend(%s)", (backend,))
                for _ in range(50):  # the server releases the lock when that session has ended
                    if db.raw_execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()[0]:
                        db.events.emit({"event": "notice", "text": f"notice: took over the stale migration lock of "
                                        f"process {words[2]} (killed; its server session {backend} lingered)"})
                        return LOCK_KEY
                    time.sleep(0.1)
            who = f" by {name or 'a session'} (server pid {backend}, since {since})"
        else:
            who = ""
        raise MigrationError(f"another migration is running on {url.text} (its lock is held{who}): "
                             "wait for it to finish, then try again")

    def unlock(self, db, token) -> None:
        db.raw_execute("SELECT pg_advisory_unlock(%s)", (token,))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True
