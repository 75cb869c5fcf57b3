"""The instance configuration committed with the database: a commit that changed the configuration records
the file's new text in `erudi_config_pending` inside its own transaction; after the commit the file is
replaced atomically (temporary file, fsync, rename) and the record removed. A run killed in between leaves
the record, and the next command that locks the instance writes it first (writing the same text twice is
harmless), so the file never lags behind the committed steps and is never ahead of them."""
from __future__ import annotations

import os
from typing import List, NamedTuple, Optional

from . import faults
from .ledger import now

TABLE = "erudi_config_pending"


class Pending(NamedTuple):
    path: str
    content: str
    step: str
    recorded_at: str


def create_table(db) -> None:
    """The table (framework 2.31.0; also made by the first commit that needs it on an older instance)."""
    db.raw_execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (path TEXT PRIMARY KEY, content TEXT NOT NULL, "
               "step TEXT NOT NULL, recorded_at VARCHAR(40) NOT NULL)")


def has_table(db) -> bool:
    return TABLE in db.dialect.table_names(db)


def record(db, path: str, content: str, step: str) -> None:
    """Inside the committing transaction: the text `path` must hold once this transaction is committed."""
    create_table(db)
    p = db.dialect.param
    # Bookkeeping of the runtime, not the script's SQL: no `sql` event.
    db.raw_execute(f"DELETE FROM {TABLE} WHERE path = {p}", (path,))
    db.raw_execute(f"INSERT INTO {TABLE} (path, content, step, recorded_at) VALUES ({p}, {p}, {p}, {p})",
               (path, content, step, now()))


def pending(db) -> List[Pending]:
    if not has_table(db):
        return []
    return [Pending(*row) for row in db.query(f"SELECT path, content, step, recorded_at FROM {TABLE} ORDER BY path")]


def clear(db, path: str, content: str) -> None:
    """The file holds the text now: its record goes (in a transaction of its own, between steps)."""
    p = db.dialect.param
    db.begin()
    db.raw_execute(f"DELETE FROM {TABLE} WHERE path = {p} AND content = {p}", (path, content))
    db.commit()
    faults.point("config-journal-cleared")


def write_atomically(path: str, content: str) -> None:
    """The file holds either its old text or `content`, whatever happens (also after a power cut)."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory, f"{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    try:
        folder = os.open(directory, os.O_RDONLY)
    except OSError:  # e.g. Windows, where a folder cannot be opened: the rename is as durable as it gets
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def recover(db, events, config_path: Optional[str]) -> None:
    """At the start of a locked command: the configuration of steps committed by a run that was killed
    before it wrote the file is written now, to the file this command uses for the instance (a rehearsal's
    copy gets it in its own copy). Without one (PostgreSQL and no --config) the record is kept and named."""
    for entry in pending(db):
        if not config_path:
            events.emit({"event": "notice", "text": f"notice: the database holds the configuration committed with "
                                                    f"{entry.step} on {entry.recorded_at} for {entry.path}, never "
                                                    f"written there: pass --config {entry.path} to write it"})
            continue
        current = None
        if os.path.exists(config_path):
            with open(config_path, encoding="utf-8") as handle:
                current = handle.read()
        if current != entry.content:
            write_atomically(config_path, entry.content)
            events.emit({"event": "notice", "text": f"notice: {config_path}: wrote the configuration committed with "
                                                    f"{entry.step} on {entry.recorded_at} (the run that committed "
                                                    "it stopped before writing the file)"})
        clear(db, entry.path, entry.content)
