"""`erudi-migrate backups` (this database's backups: path, time, versions, size) and `erudi-migrate restore
BACKUP` (refused while the instance is locked; after a confirmation, the current state is backed up, then the
backup and its configuration copy are put back)."""
from __future__ import annotations

import json
import os
import sqlite3
from typing import Any, Dict, List, Optional

from . import backups
from .backups import dbname, folder_of
from .commands import Session, _finish, _guarded, _start
from .config_journal import write_atomically
from .context import MigrationContext
from .errors import MigrationError
from .instance import has_instance, read_versions
from .instance_config import default_config_path
from .urls import DatabaseUrl


def list_command(options, events) -> int:
    url = DatabaseUrl.parse(options.db)
    found = backups.list_backups(url, folder_of(options, url), dbname(url))
    if options.json:
        print(json.dumps({"backups": [b.to_json() for b in found]}))
        return 0
    if not found:
        print(f"no backups of {url.shown} in {folder_of(options, url)}")
        return 0
    for backup in found:
        held = (f"model {backup.versions['model']}, erudi {backup.versions.get('erudi', '?')}"
                if backup.versions else "no instance (unreadable)")
        print(f"{backup.path}  {backup.taken}  {held}  {_size(backup.size)}"
              + ("  + configuration" if backup.config else ""))
    return 0


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def restore(options, events) -> int:
    path = os.path.abspath(options.backup)
    versions = backups.instance_versions(path)  # refused before anything when it is no instance
    session = Session(options, events)
    url = session.url
    kind = "pg_dump" if path.endswith(".dump") or _is_dump(path) else "sqlite"
    if (kind == "pg_dump") != (url.kind == "postgresql"):
        raise MigrationError(f"{path} is a {'pg_dump archive' if kind == 'pg_dump' else 'SQLite database'} and "
                             f"{url.shown} a {'PostgreSQL' if url.kind == 'postgresql' else 'SQLite'} database: "
                             "restore a backup of the same kind")
    config_path = getattr(options, "config", None) or default_config_path(url)
    config_copy = path + backups.CONFIG_SUFFIX if os.path.isfile(path + backups.CONFIG_SUFFIX) else None
    holder: Dict[str, Any] = {}

    def body() -> None:
        if url.kind == "sqlite" and not os.path.exists(url.path):
            os.makedirs(os.path.dirname(url.path), exist_ok=True)
            open(url.path, "ab").close()  # the lock is taken on the file: an empty one to restore into
        db = session.open()  # refused while another command holds the instance's lock
        current = read_versions(db) if has_instance(db) else None
        _start(session, "restore", backup=path, model=versions.get("model"), erudi=versions.get("erudi"))
        ctx = MigrationContext(db, session.application, options, events, None, {})
        now = (f"model {current['model']}, erudi {current['erudi']}" if current else "no instance")
        question = (f"Restore {path} (model {versions.get('model')}, erudi {versions.get('erudi')}) over "
                    f"{url.shown} ({now})? The current state is backed up first.")
        if ctx.answers == "none":
            raise MigrationError(f"restore asks {question!r} but nobody can answer: stdin is not a terminal. Rerun "
                                 "with --yes to answer yes (the question is printed), or from a terminal")
        if not ctx.confirm(question):
            raise MigrationError("restore: not confirmed; nothing was changed")
        if current is not None and not options.dry_run:
            safety = backups.take(url, db, folder_of(options, url), config_path)
            events.emit({"event": "backup", "path": safety.path, "config": safety.config, "reason": "before restore"})
        if options.dry_run:
            events.output(f"restore: dry run: {path} would replace {url.shown}")
            _finish(None, events, "dry-run")
            return
        if url.kind == "sqlite":
            _restore_sqlite(path, url.path)
        else:
            _restore_postgresql(db, path, url)
        if config_copy and config_path:
            with open(config_copy, encoding="utf-8") as handle:
                write_atomically(config_path, handle.read())
            events.output(f"restore: {config_path} restored from {config_copy}")
        elif config_path and os.path.exists(config_path):
            events.emit({"event": "notice", "text": f"notice: {path} has no configuration copy: {config_path} was "
                                                    "left as it is"})
        restored = read_versions(db)
        events.output(f"restore: {url.shown} is now at model {restored['model']}, erudi {restored['erudi']} "
                      f"(from {path})")
        _finish(None, events, "committed")

    try:
        return _guarded(session, holder, body)
    finally:
        session.close()


def _is_dump(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(5) == b"PGDMP"


def _restore_sqlite(backup_path: str, target: str) -> None:
    """sqlite3's backup API into the database file: one write transaction, so all of it or none."""
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise MigrationError(f"the restore into {target} failed ({error}); the database is as it was")
    finally:
        source.close()


def _restore_postgresql(db, backup_path: str, url: DatabaseUrl) -> None:
    """In one transaction (psql --single-transaction): every table, view and sequence of the instance's
    schema dropped, then the archive's objects and rows; a failure leaves the database as it was."""
    from psycopg import sql
    objects: List[str] = []
    for name, relkind in db.query(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S') ORDER BY c.relname"):
        what = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}[relkind]
        objects.append(f"DROP {what} IF EXISTS " + sql.Identifier(name).as_string(db.connection) + " CASCADE;")
    script = backups._tool(["pg_restore", "--no-owner", "--no-privileges", "--file=-", backup_path],
                           f"read {backup_path}")
    backups._tool(["psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                   f"--dbname={url.text}", "--command=" + (" ".join(objects) or "SELECT 1;"), "--file=-"],
                  f"restore {backup_path} into {url.shown} (nothing was changed)", stdin=script)
