"""The throwaway copy a rehearsal upgrades: SQLite through the backup API into a temporary folder (the real file
opened read-only); PostgreSQL as a new database from the instance as template, or by pg_dump | psql when other
sessions use the instance; dropped afterwards unless kept."""
from __future__ import annotations

import datetime
import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from typing import Optional
from urllib.parse import quote

from .errors import MigrationError
from .urls import DatabaseUrl, _split


def open_sqlite_read_only(path: str) -> sqlite3.Connection:
    """The real file, read-only: nothing this connection does (closing it included: no WAL checkpoint) writes it."""
    return sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, isolation_level=None, timeout=5)


def open_sqlite_source(path: str) -> sqlite3.Connection:
    """The real file opened to be read and copied, leaving it and its folder as they were.

    Read-only in general. A WAL database without its -wal file (nobody has it open) is the exception: a
    read-only connection would create an empty -wal and -shm beside it and leave them (it may not delete
    them); a read-write one that writes nothing removes them when it closes, and its checkpoint of an empty
    WAL writes nothing."""
    with open(path, "rb") as handle:
        header = handle.read(20)
    wal = len(header) == 20 and header[:16] == b"SQLite format 3\x00" and header[18] == 2
    if wal and not os.path.exists(path + "-wal"):
        connection = sqlite3.connect(path, isolation_level=None, timeout=5)
        connection.execute("PRAGMA query_only = ON")
        return connection
    return open_sqlite_read_only(path)


class RehearsalCopy:
    """Where the copy is (`url`, `where` for people), how to drop it; `folder` holds the copied configuration."""
    method = ""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="erudi-rehearsal-")
        self.url: Optional[DatabaseUrl] = None

    @property
    def where(self) -> str:
        raise NotImplementedError

    @property
    def drop_hint(self) -> str:
        raise NotImplementedError

    def drop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def copy_config(self, real: Optional[str], name: str) -> str:
        """The configuration the copy's upgrade reads and changes: a copy of the real file (or, without one,
        a path in the copy's folder where a script's option_added would create it)."""
        target = os.path.join(self.folder, name)
        if real and os.path.isfile(real):
            shutil.copy2(real, target)
        return target


class SqliteCopy(RehearsalCopy):
    method = "sqlite backup API"

    def __init__(self, source: sqlite3.Connection, real_path: str) -> None:
        super().__init__()
        self.path = os.path.join(self.folder, os.path.basename(real_path))
        try:
            target = sqlite3.connect(self.path)
            try:
                # A throwaway file: no journal and no fsync while it is written (a crash leaves it to delete).
                target.execute("PRAGMA journal_mode = OFF")
                target.execute("PRAGMA synchronous = OFF")
                source.backup(target)
            finally:
                target.close()
        except (sqlite3.Error, OSError) as error:
            self.drop()
            raise MigrationError(f"the copy of {real_path} could not be written in {self.folder} ({error}): free disk "
                                 "space in the temporary folder (or set TMPDIR to a folder with room); nothing was changed")
        except BaseException:  # interrupted while copying: no half copy left behind
            self.drop()
            raise
        self.url = DatabaseUrl.parse("sqlite:///" + self.path)

    @property
    def where(self) -> str:
        return self.path

    @property
    def drop_hint(self) -> str:
        return f"rm -r {self.folder}"


class PostgresqlCopy(RehearsalCopy):
    """`CREATE DATABASE copy TEMPLATE instance` needs the instance to have no other session; when it has some
    (the application is running) the copy is a pg_dump of the instance restored with psql."""

    def __init__(self, url: DatabaseUrl, source_name: str, events) -> None:
        super().__init__()
        import psycopg
        from psycopg import errors, sql
        self.psycopg, self.sql = psycopg, sql
        self.source_url = url
        stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
        # Two rehearsals of one process in one second (a test, a tool) need two names; 63 characters at most.
        self.name = f"{source_name[:24]}_rehearsal_{stamp}_{os.getpid()}_{secrets.token_hex(2)}"
        self.maintenance = "template1" if source_name == "postgres" else "postgres"
        self.created = False
        self.url = DatabaseUrl.parse(_with_database(url.text, self.name))
        try:
            with self._admin() as admin:
                self.server_version = admin.info.server_version
                try:
                    admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(self.name), sql.Identifier(source_name)))
                    self.created = True
                    self.method = "CREATE DATABASE ... TEMPLATE"
                    return
                except errors.ObjectInUse as error:
                    busy = str(error).strip().splitlines()[0]
                encoding = admin.execute("SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database "
                                         "WHERE datname = %s", (source_name,)).fetchone()
                admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING {} LC_COLLATE {} LC_CTYPE {}").format(
                    sql.Identifier(self.name), *(sql.Literal(v) for v in encoding)))
                self.created = True
            events.emit({"event": "notice", "text": f"notice: the template copy was refused ({busy}): copying "
                                                    "with pg_dump | psql instead"})
            self._dump_and_restore(source_name)
            self.method = "pg_dump | psql"
        except errors.InsufficientPrivilege as error:
            self.drop()
            raise MigrationError(f"the copy cannot be created ({str(error).strip().splitlines()[0]}): the rehearsal makes "
                                 "a database on the instance's server; give the role CREATEDB (ALTER ROLE ... CREATEDB) "
                                 "or rehearse as a role that has it; nothing was changed")
        except BaseException:
            self.drop()
            raise

    def _admin(self):
        try:
            return self.psycopg.connect(self.source_url.text, dbname=self.maintenance, autocommit=True)
        except self.psycopg.OperationalError as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else "connection failed"
            raise MigrationError(f"cannot connect to the server's {self.maintenance} database to create the copy "
                                 f"({first}): the rehearsal needs a role that may connect there and CREATE DATABASE")

    def _dump_and_restore(self, source_name: str) -> None:
        missing = [tool for tool in ("pg_dump", "psql") if shutil.which(tool) is None]
        if missing:
            raise MigrationError(f"other sessions are connected to {source_name}, so it cannot be the template of the "
                                 f"copy, and {' and '.join(missing)} are not installed to copy it by dump: close "
                                 "those sessions, or install the PostgreSQL client tools (postgresql-client)")
        from psycopg.conninfo import make_conninfo
        # Connection strings, not argv passwords: libpq reads PGPASSWORD from the inherited environment.
        source = make_conninfo(self.source_url.text)
        target = make_conninfo(self.source_url.text, dbname=self.name)
        dump = subprocess.Popen(["pg_dump", "--no-owner", "--dbname", source], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        restore = subprocess.run(["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                                  "--dbname", target], stdin=dump.stdout, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        dump.stdout.close()
        dump_errors = dump.stderr.read().decode("utf-8", "replace")
        dump.wait()
        if dump.returncode != 0 or restore.returncode != 0:
            text = (dump_errors if dump.returncode != 0 else restore.stderr.decode("utf-8", "replace")).strip()
            first = text.splitlines()[0] if text else "no message"
            tool = "pg_dump" if dump.returncode != 0 else "psql"
            raise MigrationError(f"the copy of {source_name} by dump failed ({tool}: {first}); nothing was changed")

    @property
    def where(self) -> str:
        return f"database {self.name} ({self.url.shown})"

    @property
    def drop_hint(self) -> str:
        return f'dropdb {self.name}  (or in psql: DROP DATABASE "{self.name}";)'

    def drop(self) -> None:
        try:
            if self.created:
                with self._admin() as admin:
                    force = " WITH (FORCE)" if self.server_version >= 130000 else ""
                    admin.execute(self.sql.SQL("DROP DATABASE IF EXISTS {}" + force).format(self.sql.Identifier(self.name)))
                self.created = False
        finally:
            super().drop()


def _with_database(url: str, name: str) -> str:
    """The same server, user and options, another database."""
    parts = _split(url)
    host = parts.rest.split("/", 1)[0]
    query = [(k, v) for k, v in parts.query if k.lower() != "dbname"]
    text = parts.scheme + (parts.userinfo + "@" if parts.userinfo is not None else "") + host + "/" + quote(name, safe="")
    if query:
        text += "?" + "&".join(f"{k}={v}" if v else k for k, v in query)
    return text

