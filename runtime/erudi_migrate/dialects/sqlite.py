"""SQLite (stdlib sqlite3): ALTER where SQLite can, otherwise the table is rebuilt inside the transaction
(create the new table, copy, drop, rename, recreate the indexes: sqlite-utils' Table.transform recipe)."""
from __future__ import annotations

import os
import sqlite3
from typing import Dict, List, Optional

from ..errors import MigrationError
from .base import Column, Dialect, Index

_HAS_DROP_COLUMN = sqlite3.sqlite_version_info >= (3, 35, 0)


class SqliteDialect(Dialect):
    name = "sqlite"
    param = "?"
    TYPES = {
        "String": "TEXT", "RichString": "TEXT", "Int": "INTEGER", "BigInt": "BIGINT", "Float": "FLOAT",
        "Decimal": "DECIMAL", "Boolean": "BOOLEAN", "Date": "DATE", "Datetime": "TIMESTAMP",
        "TZDatetime": "TIMESTAMPTZ", "Time": "TIME", "TZTime": "TIMETZ", "Interval": "INTERVAL",
        "Bytes": "BLOB", "Password": "BLOB",
    }

    def connect(self, url):
        folder = os.path.dirname(url.path)
        if folder and not os.path.isdir(folder):
            os.makedirs(folder, exist_ok=True)
        # isolation_level=None: the runtime issues BEGIN/COMMIT itself, so DDL is inside its transactions.
        return sqlite3.connect(url.path, isolation_level=None, timeout=5)

    def begin(self, db) -> None:
        # IMMEDIATE takes the write lock now rather than at the first write.
        db.raw_execute("BEGIN IMMEDIATE")

    def transaction_active(self, db) -> bool:
        return db.connection.in_transaction

    def boolean_literal(self, value: bool) -> str:
        return "1" if value else "0"

    def bytes_literal(self, value: bytes) -> str:
        return "X'" + value.hex() + "'"

    # DDL where SQLite's ALTER falls short -------------------------------------------------
    def add_column(self, db, table: str, column: Column) -> None:
        if (column.not_null and column.default_sql is None) or \
                (column.default_sql or "").upper() in ("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"):
            # SQLite adds no column whose default is not a constant either: rebuild (rows get the default).
            # "Cannot add a NOT NULL column with default value NULL": rebuild (fails on rows, as it should).
            self.rebuild(db, table, self.columns(db, table) + [column], {})
        else:
            super().add_column(db, table, column)

    def drop_column(self, db, table: str, column: str) -> None:
        if _HAS_DROP_COLUMN:
            super().drop_column(db, table, column)
        else:
            self.rebuild(db, table, [c for c in self.columns(db, table) if c.name.lower() != column.lower()], {})

    def alter_column(self, db, table: str, old: Column, new: Column) -> None:
        columns = [new if c.name.lower() == old.name.lower() else c for c in self.columns(db, table)]
        self.rebuild(db, table, columns, {})

    def rebuild(self, db, table: str, columns: List[Column], sources: Dict[str, str]) -> None:
        """Recreates `table` with `columns`, copying each column from the same-named one (or `sources`)."""
        existing = {c.name.lower() for c in self.columns(db, table)}
        index_sql = [row[0] for row in db.query(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,))]
        primary = [c.name for c in columns if c.primary_key]
        compound = primary if len(primary) > 1 else []
        if compound:
            columns = [c._replace(primary_key=False, not_null=True) for c in columns]
        scratch = f"{table}_erudi_rebuild"
        self.create_table(db, scratch, columns, compound)
        copied = [c.name for c in columns if c.name in sources or c.name.lower() in existing]
        if copied:
            expressions = [sources.get(name, name) for name in copied]
            db.execute(f"INSERT INTO {scratch} ({', '.join(copied)}) SELECT {', '.join(expressions)} FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {scratch} RENAME TO {table}")
        names = {c.name.lower() for c in columns}
        for sql in index_sql:
            inside = sql[sql.index("(") + 1:sql.rindex(")")]
            if all(part.strip().lower() in names for part in inside.split(",")):
                db.execute(sql)

    # introspection ----------------------------------------------------------------------
    def table_names(self, db) -> List[str]:
        return sorted(row[0].lower() for row in db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))

    def columns(self, db, table: str) -> List[Column]:
        rows = db.query(f"PRAGMA table_info({table})")
        if not rows:
            raise MigrationError(f"table {table} does not exist in the database")
        return [Column(name, sql_type, bool(notnull or pk), default, bool(pk))
                for _cid, name, sql_type, notnull, default, pk in rows]

    def indexes(self, db, table: str) -> List[Index]:
        found = []
        for _seq, name, unique, origin, *_ in db.query(f"PRAGMA index_list({table})"):
            if origin != "c":
                continue  # primary keys and UNIQUE constraints belong to the table definition
            columns = [row[2].lower() for row in db.query(f"PRAGMA index_info({name})")]
            found.append(Index(name.lower(), table.lower(), columns, bool(unique)))
        return sorted(found)

    # entities and locks -----------------------------------------------------------------
    def eid_column(self) -> str:
        # AUTOINCREMENT: an eid is never reused, even after its entity is deleted (as in CubicWeb).
        return "eid INTEGER PRIMARY KEY AUTOINCREMENT"

    def insert_entity(self, db, etype: str) -> int:
        return db.execute("INSERT INTO entities (type) VALUES (?)", (etype,)).lastrowid

    def lock(self, db, url) -> Optional[object]:
        """An exclusive flock on the database file itself, held for the whole command.

        Keyed by the file (its inode), not by the path as written: the same database reached through a
        symlink, a hard link or `..` is locked once, and no file is left behind. The kernel drops the lock
        when the process dies, so a killed upgrade leaves no stale lock. (flock and SQLite's own POSIX
        locks are independent on Linux and the BSDs.)"""
        try:
            import fcntl
        except ImportError:  # Windows: a lock file beside the database (byte-range locks would clash with SQLite's)
            return self._lock_file_beside(url)
        real = os.path.realpath(url.path)
        handle = _open_for_lock(real, "rb")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            same = "" if real == os.path.abspath(url.path) else f" (the file is {real})"
            raise MigrationError(f"another migration is running on {url.path}{same}: wait for it to finish, "
                                 "then try again")
        self._take_over_legacy_lock(db, real)
        return handle

    def _take_over_legacy_lock(self, db, real: str) -> None:
        """Earlier runtimes left `<database>.erudi-lock` beside the file; one nobody holds is removed."""
        import fcntl
        legacy = real + ".erudi-lock"
        if not os.path.exists(legacy):
            return
        with _open_for_lock(legacy, "a+") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise MigrationError(f"an older erudi-migrate is running on {real} (it holds {legacy}): wait for it "
                                     "to finish, then try again")
            os.unlink(legacy)
        db.events.emit({"event": "notice", "text": f"notice: removed the stale lock file {legacy} (nobody held it; "
                                                   "locks are now taken on the database file itself)"})

    def _lock_file_beside(self, url):
        import msvcrt
        path = url.path + ".erudi-lock"
        handle = _open_for_lock(path, "a+")
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            handle.close()
            raise MigrationError(f"another migration is running on {url.path} (lock file {path} is held): "
                                 "wait for it to finish, then try again")
        return handle

    def unlock(self, db, token) -> None:
        token.close()


def _open_for_lock(path: str, mode: str):
    """The file the lock is taken on, opened; when it cannot be, an error saying whose it is and what to do."""
    try:
        return open(path, mode)
    except OSError as error:
        owner = ""
        try:
            info = os.stat(path)
            try:
                import pwd
                name = pwd.getpwuid(info.st_uid).pw_name
            except (ImportError, KeyError):
                name = f"uid {info.st_uid}"
            owner = f"; it belongs to {name} (mode {oct(info.st_mode & 0o777)})"
        except OSError:
            pass
        raise MigrationError(f"cannot open {path} to take the migration lock ({error.strerror or error}){owner}: run "
                             "as the user who owns the instance, or give yours read and write access to it")
