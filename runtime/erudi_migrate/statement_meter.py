"""Counts, per rehearsal entry, the statements a step executed and the rows each inserted, updated or deleted
per table, from the driver's rowcount of every statement (a before/after row count could not tell an update)."""
from __future__ import annotations

import re
import time
from typing import Any, Dict, List, Optional, Tuple

_NAME = r'(?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[\w$]+)'
_QUALIFIED = rf"{_NAME}(?:\s*\.\s*{_NAME})?"
_INSERT = re.compile(rf"^(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+({_QUALIFIED})", re.I)
_UPDATE = re.compile(rf"^UPDATE\s+(?:OR\s+\w+\s+)?(?:ONLY\s+)?({_QUALIFIED})", re.I)
_DELETE = re.compile(rf"^DELETE\s+FROM\s+(?:ONLY\s+)?({_QUALIFIED})", re.I)
_CREATE = re.compile(rf"^CREATE\s+(?:TEMP\w*\s+)?(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?({_QUALIFIED})", re.I)
_DROP = re.compile(r"^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(.+?)(?:\s+(?:CASCADE|RESTRICT))?\s*;?\s*$", re.I | re.S)
_TRUNCATE = re.compile(r"^TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?(.+?)(?:\s+(?:RESTART|CONTINUE)\s+IDENTITY)?"
                       r"(?:\s+(?:CASCADE|RESTRICT))?\s*;?\s*$", re.I | re.S)
_RENAME = re.compile(rf"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?({_QUALIFIED})\s+RENAME\s+TO\s+({_QUALIFIED})", re.I)
_VERBS = ("INSERT", "REPLACE", "UPDATE", "DELETE", "SELECT", "VALUES")


def table_key(name: str) -> str:
    """One spelling for a table however a statement wrote it: the last part, unquoted, lower-case (both
    databases fold unquoted names; the runtime never quotes its own)."""
    last = re.split(r"\s*\.\s*(?=[^.]*$)", name.strip())[-1]
    if last[:1] in '"`[':
        last = last[1:-1]
    return last.lower()


def top_level(sql: str) -> str:
    """The statement without comments, string literals and parenthesized parts (column lists, VALUES
    rows, sub-selects, CTE bodies), so that only its own clauses remain."""
    out: List[str] = []
    depth, i, n = 0, 0, len(sql)
    while i < n:
        c = sql[i]
        if c == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end
            continue
        if c == "/" and sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
            continue
        if c in "'\"`":
            end = i + 1
            while end < n:
                if sql[end] == c:
                    if end + 1 < n and sql[end + 1] == c:  # a doubled quote inside the literal
                        end += 2
                        continue
                    break
                end += 1
            if depth == 0:
                out.append(sql[i:end + 1] if c != "'" else "''")
            i = end + 1
            continue
        if c == "(":
            depth += 1
            out.append(" ")
        elif c == ")":
            depth = max(0, depth - 1)
            out.append(" ")
        elif depth == 0:
            out.append(c)
        i += 1
    return " ".join("".join(out).split())


def classify(sql: str) -> Tuple[Optional[str], List[str], Optional[Tuple[str, str]]]:
    """(verb, tables, rename): verb is inserted / updated / deleted (a DML statement), created, dropped or
    truncated (DDL that makes or removes a table's rows); rename is (old, new) for ALTER TABLE ... RENAME TO."""
    text = top_level(sql)
    if text[:4].upper() == "WITH":  # a CTE: the statement is the first top-level verb after its definitions
        found = re.search(r"\b(" + "|".join(_VERBS) + r")\b", text[4:], re.I)
        text = text[4 + found.start():] if found else ""
    for verb, pattern in (("inserted", _INSERT), ("updated", _UPDATE), ("deleted", _DELETE), ("created", _CREATE)):
        match = pattern.match(text)
        if match:
            return verb, [table_key(match.group(1))], None
    for verb, pattern in (("dropped", _DROP), ("truncated", _TRUNCATE)):
        match = pattern.match(text)
        if match:
            return verb, [table_key(part) for part in match.group(1).split(",") if part.strip()], None
    match = _RENAME.match(text)
    if match:
        return None, [], (table_key(match.group(1)), table_key(match.group(2)))
    return None, [], None


class Entry:
    """One line of the rehearsal report: a script of a step (or a step without script)."""

    def __init__(self, kind: str, version: str, script: Optional[str], cube: Optional[str] = None,
                 display: Optional[str] = None) -> None:
        self.kind, self.version, self.script, self.cube, self.display = kind, version, script, cube, display
        self.started = time.perf_counter()
        self.duration_ms: Optional[int] = None
        self.statements = 0
        self.tables: Dict[str, Dict[str, int]] = {}
        self.error: Optional[Dict[str, Any]] = None
        # Within the entry: tables it created, and the rows of tables it dropped (to tell a rebuild).
        self.created: set = set()
        self.dropped: Dict[str, int] = {}

    def add(self, table: str, verb: str, rows: int) -> None:
        counts = self.tables.setdefault(table, {"inserted": 0, "updated": 0, "deleted": 0})
        counts[verb] += rows

    def close(self) -> None:
        if self.duration_ms is None:
            self.duration_ms = int(round((time.perf_counter() - self.started) * 1000))

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"kind": self.kind, "version": self.version, "script": self.script,
                               "display": self.display,
                               "durationMs": self.duration_ms or 0, "statements": self.statements,
                               "tables": {name: dict(counts) for name, counts in sorted(self.tables.items())
                                          if any(counts.values())},
                               "error": self.error}
        if self.cube is not None:
            out["cube"] = self.cube
        return out


class StatementMeter:
    """The observer a rehearsal hangs on the copy's Database (`Database.observer`): it is told before and
    after every statement the runtime executes for a script or a primitive, and of transaction control."""

    def __init__(self) -> None:
        self.entries: List[Entry] = []
        self._savepoints: List[Tuple[int, Dict[str, Dict[str, int]], int]] = []
        self._changes: Optional[int] = None  # SQLite's total_changes before the statement

    @property
    def current(self) -> Optional[Entry]:
        return self.entries[-1] if self.entries else None

    # what the upgrade says it is doing (from its events) ---------------------------------------
    def begin(self, kind: str, version: str, script: Optional[str], cube: Optional[str] = None,
              display: Optional[str] = None) -> Entry:
        if self.current is not None:
            self.current.close()
        self.entries.append(Entry(kind, version, script, cube, display))
        self._savepoints.clear()
        return self.entries[-1]

    def script(self, path: str, display: Optional[str] = None) -> None:
        """A script of the current step starts: the step's first script names its entry, later ones get their own."""
        entry = self.current
        if entry is None:
            return
        if entry.script is None and entry.statements == 0:
            entry.script, entry.display = path, display
        else:
            self.begin(entry.kind, entry.version, path, entry.cube, display)

    def fail(self, message: str, file: Optional[str], line: Optional[int]) -> None:
        if self.current is not None and self.current.error is None:
            self.current.error = {"message": message, "file": file, "line": line}

    def finish(self) -> None:
        if self.current is not None:
            self.current.close()

    # what the database is asked to do (Database calls these) -------------------------------------
    def before(self, db, sql: str) -> None:
        """DROP TABLE and TRUNCATE delete rows without a rowcount: they are counted first (on the copy only)."""
        entry = self.current
        if entry is None:
            return
        if db.dialect.name == "sqlite":
            # sqlite3's rowcount is -1 for a statement that does not begin with its verb (WITH ... DELETE):
            # SQLite's own count of changed rows is exact.
            self._changes = db.connection.total_changes
        verb, tables, _ = classify(sql)
        if verb in ("dropped", "truncated"):
            for name in tables:
                rows = _row_count(db, name)
                if rows is None:
                    continue
                entry.add(name, "deleted", rows)
                if verb == "dropped":
                    entry.dropped[name] = entry.dropped.get(name, 0) + rows

    def after(self, db, sql: str, rowcount: int) -> None:
        entry = self.current
        if entry is None:
            return
        if db.dialect.name == "sqlite" and self._changes is not None:
            rowcount, self._changes = db.connection.total_changes - self._changes, None
        entry.statements += 1
        verb, tables, rename = classify(sql)
        if verb in ("inserted", "updated", "deleted") and rowcount and rowcount > 0:
            entry.add(tables[0], verb, rowcount)
        elif verb == "created":
            entry.created.add(tables[0])
        elif rename is not None:
            self._renamed(entry, *rename)

    def control(self, sql: str) -> None:
        """Savepoints (the upgrade's commit points): what ROLLBACK TO undoes is not counted."""
        entry = self.current
        if entry is None:
            return
        words = sql.split()
        head = " ".join(words[:3]).upper()
        if head.startswith("SAVEPOINT"):
            self._savepoints.append((len(self.entries), _copy_counts(entry.tables), entry.statements))
        elif head.startswith("RELEASE") and self._savepoints:
            self._savepoints.pop()
        elif head.startswith("ROLLBACK TO") and self._savepoints:
            index, tables, _ = self._savepoints[-1]
            if index == len(self.entries):
                entry.tables = _copy_counts(tables)

    def _renamed(self, entry: Entry, old: str, new: str) -> None:
        """A table renamed: its counts follow it. A table made in this entry that replaces one it dropped is a
        rebuild (SQLite's way to alter a column): only the difference in rows is a change."""
        moved = entry.tables.pop(old, None) or {"inserted": 0, "updated": 0, "deleted": 0}
        if old in entry.created and new in entry.dropped:
            replaced = entry.dropped.pop(new)
            counts = entry.tables.setdefault(new, {"inserted": 0, "updated": 0, "deleted": 0})
            counts["deleted"] -= replaced
            difference = moved["inserted"] - replaced
            counts["inserted" if difference > 0 else "deleted"] += abs(difference)
            counts["updated"] += moved["updated"]
            counts["deleted"] += moved["deleted"]
        else:
            for verb, rows in moved.items():
                entry.add(new, verb, rows)
        if old in entry.created:
            entry.created.discard(old)
            entry.created.add(new)


def _copy_counts(tables: Dict[str, Dict[str, int]]) -> Dict[str, Dict[str, int]]:
    return {name: dict(counts) for name, counts in tables.items()}


def _row_count(db, table: str) -> Optional[int]:
    """The rows of `table`, or None when there is no such table (asked without an error, which would
    abort a PostgreSQL transaction)."""
    if db.dialect.name == "postgresql":
        if db.query("SELECT to_regclass(%s)", (table,))[0][0] is None:
            return None
    elif not db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND lower(name) = ?", (table,)):
        return None
    return db.query(f"SELECT COUNT(*) FROM {table}")[0][0]
