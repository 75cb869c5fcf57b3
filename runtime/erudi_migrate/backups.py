"""An instance's backups: a SQLite copy beside the database (`<db>.<time>.bak`) or a PostgreSQL `pg_dump`
(`<backup dir>/<dbname>.<time>.dump`), each with a copy of the configuration file when there is one
(`<backup>.ini`); taken, kept with a retention, listed with the versions each holds, and checked."""
from __future__ import annotations

import datetime
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import urllib.parse
from typing import Dict, List, NamedTuple, Optional

from .errors import MigrationError

DEFAULT_KEEP = 5
STAMP = "%Y%m%d-%H%M%S-%f"
_STAMP_RE = r"(\d{8}-\d{6}-\d{6})"
CONFIG_SUFFIX = ".ini"   # the configuration copy beside a backup: <backup>.ini


class Backup(NamedTuple):
    path: str
    taken: str               # ISO time, from the name
    kind: str                # "sqlite" or "pg_dump"
    versions: Dict[str, str]  # {"model": ..., "erudi": ...}, empty when the file is no instance
    size: int
    config: Optional[str]    # the configuration copy, when the backup has one

    def to_json(self) -> Dict[str, object]:
        return {"path": self.path, "time": self.taken, "kind": self.kind, "model": self.versions.get("model"),
                "erudi": self.versions.get("erudi"), "size": self.size, "config": self.config}


def _now_stamp() -> str:
    return datetime.datetime.now().strftime(STAMP)


def _taken(stamp: str) -> str:
    return datetime.datetime.strptime(stamp, STAMP).isoformat(timespec="seconds")


# where a database's backups are ---------------------------------------------------------------------
def backup_folder(url, app_dir: str, backup_dir: Optional[str]) -> str:
    if url.kind == "sqlite":
        return os.path.dirname(url.path)
    return os.path.abspath(backup_dir) if backup_dir else os.path.join(os.path.abspath(app_dir), ".erudi", "backups")


def dbname(url, db=None) -> Optional[str]:
    """The PostgreSQL database a URL names (its backups are named after it); None for SQLite."""
    if url.kind == "sqlite":
        return None
    if db is not None:
        return db.connection.info.dbname
    name = urllib.parse.unquote(urllib.parse.urlsplit(url.text).path.lstrip("/"))
    return name or os.environ.get("PGDATABASE") or os.environ.get("PGUSER") or os.environ.get("USER") or "postgres"


def folder_of(options, url) -> str:
    return backup_folder(url, options.app, getattr(options, "backup_dir", None))


def _pattern(url, dbname: Optional[str]):
    """(folder glob, regex of a backup's file name) for this database."""
    if url.kind == "sqlite":
        base = os.path.basename(url.path)
        return base + ".*.bak", re.compile(re.escape(base) + r"\." + _STAMP_RE + r"\.bak$")
    return f"{dbname}.*.dump", re.compile(re.escape(dbname) + r"\." + _STAMP_RE + r"\.dump$")


def list_backups(url, folder: str, dbname: Optional[str] = None) -> List[Backup]:
    """This database's backups, newest first."""
    wildcard, name_re = _pattern(url, dbname)
    found = []
    for path in glob.glob(os.path.join(glob.escape(folder), wildcard)):
        match = name_re.match(os.path.basename(path))
        if match:
            found.append((match.group(1), path))
    return [describe(path, stamp) for stamp, path in sorted(found, reverse=True)]


def describe(path: str, stamp: Optional[str] = None) -> Backup:
    if stamp is None:
        match = re.search(_STAMP_RE, os.path.basename(path))
        stamp = match.group(1) if match else None
    taken = _taken(stamp) if stamp else datetime.datetime.fromtimestamp(os.path.getmtime(path)).isoformat(timespec="seconds")
    kind = "pg_dump" if path.endswith(".dump") else "sqlite"
    try:
        versions = instance_versions(path)
    except MigrationError:
        versions = {}
    config = path + CONFIG_SUFFIX
    return Backup(path, taken, kind, versions, os.path.getsize(path), config if os.path.isfile(config) else None)


# what a backup holds ------------------------------------------------------------------------------
def instance_versions(path: str) -> Dict[str, str]:
    """The versions the instance in `path` is at; an error naming the file when it holds no instance."""
    if not os.path.isfile(path):
        raise MigrationError(f"{path}: no such backup: `erudi-migrate backups` lists them")
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(b"PGDMP"):
        return _dump_versions(path)
    if not head.startswith(b"SQLite format 3\x00"):
        raise MigrationError(f"{path} is neither a SQLite database nor a pg_dump archive: give a backup that "
                             "`erudi-migrate backups` lists")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise MigrationError(f"{path} is a damaged SQLite database (quick_check fails): choose another backup")
            rows = dict(connection.execute("SELECT component, version FROM erudi_versions"))
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise MigrationError(f"{path} holds no instance ({error}): choose a backup that `erudi-migrate backups` lists")
    return {k: rows[k] for k in ("model", "erudi") if k in rows}


def _dump_versions(path: str) -> Dict[str, str]:
    """The erudi_versions rows of a pg_dump archive (pg_restore prints them as COPY data)."""
    output = _tool(["pg_restore", "--data-only", "--table=erudi_versions", "--file=-", path], f"read {path}")
    rows: Dict[str, str] = {}
    in_copy = False
    for line in output.splitlines():
        if line.startswith("COPY ") and "erudi_versions" in line:
            in_copy = True
        elif in_copy and line == "\\.":
            break
        elif in_copy and "\t" in line:
            component, version = line.split("\t", 1)
            rows[component] = version
    if "model" not in rows:
        raise MigrationError(f"{path} is a pg_dump archive without an instance (no erudi_versions rows): choose "
                             "a backup that `erudi-migrate backups` lists")
    return {k: rows[k] for k in ("model", "erudi") if k in rows}


def _tool(argv: List[str], what: str, stdin: Optional[str] = None) -> str:
    """Runs pg_dump / pg_restore / psql (the password comes from PGPASSWORD in the environment, never argv)."""
    if shutil.which(argv[0]) is None:
        raise MigrationError(f"{argv[0]} is not installed, and a PostgreSQL backup needs it: install the PostgreSQL "
                             "client tools (Debian: postgresql-client), or upgrade without --backup")
    try:
        done = subprocess.run(argv, input=stdin, capture_output=True, text=True, check=False)
    except OSError as error:
        raise MigrationError(f"{argv[0]} could not start to {what}: {error}")
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["failed"])[0]
        raise MigrationError(f"{argv[0]} could not {what}: {first}")
    return done.stdout


# taking one ------------------------------------------------------------------------------------------
def take(url, db, folder: str, config_path: Optional[str]) -> Backup:
    """A consistent copy of the database (and of its configuration file), named with the time."""
    stamp = _now_stamp()
    if url.kind == "sqlite":
        target = f"{url.path}.{stamp}.bak"
        _copy_sqlite(url.path, target, "the backup {target} could not be written ({error}): free disk space or "
                     "make the folder writable, or pass --no-backup to upgrade without one; nothing was changed")
    else:
        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, f"{dbname(url, db)}.{stamp}.dump")
        try:
            _tool(["pg_dump", "--format=custom", f"--file={target}", f"--dbname={url.text}"], f"back up {url.shown}")
        except MigrationError:
            if os.path.exists(target):
                os.remove(target)
            raise
    if config_path and os.path.isfile(config_path):
        shutil.copy2(config_path, target + CONFIG_SUFFIX)
    return describe(target, stamp)


def _copy_sqlite(source_path: str, target: str, failure: str) -> None:
    """sqlite3's backup API from one file to another; no partial file left when it fails."""
    source = sqlite3.connect(source_path)
    try:
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
    except (sqlite3.Error, OSError) as error:
        for leftover in (target, target + "-journal", target + "-wal", target + "-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)
        raise MigrationError(failure.format(target=target, error=error))
    finally:
        source.close()


def remove(backup_path: str) -> None:
    for path in (backup_path, backup_path + CONFIG_SUFFIX):
        if os.path.exists(path):
            os.remove(path)


def prune(url, folder: str, dbname: Optional[str], keep: int) -> List[str]:
    """Keeps the `keep` newest backups of this database; returns the paths removed (oldest first)."""
    removed = [b.path for b in list_backups(url, folder, dbname)[keep:]]
    for path in reversed(removed):
        remove(path)
    return list(reversed(removed))


def check_keep(value: Optional[int]) -> int:
    if value is None:
        return DEFAULT_KEEP
    if value < 1:
        raise MigrationError(f"--keep-backups {value}: keep at least 1 (the one this upgrade takes); "
                             "--no-backup takes none")
    return value
