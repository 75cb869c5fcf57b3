"""`erudi-migrate rehearse`: the whole upgrade run on a copy of the database (and of its configuration file),
reported per step: duration, statements, rows inserted/updated/deleted per table, the failure with its file and
line. The real database, its configuration and its backups are never written."""
from __future__ import annotations

import argparse
import os
import sqlite3
import time
from typing import Any, Dict, Optional

from . import commands
from .commands import INSTALLED, Session, UpgradePlan, check_upgrade
from .database import Database
from .errors import Interrupted, MigrationError
from .events import EventSink
from .instance import read_versions
from .instance_config import default_config_path
from .rehearsal_copy import PostgresqlCopy, RehearsalCopy, SqliteCopy, open_sqlite_source
from .rehearsal_report import report_text
from .statement_meter import StatementMeter

# The upgrade's own events a rehearsal passes on (progress, what scripts print, questions, warnings); its
# start and done are the copy's and are replaced by the rehearsal's, its SQL is shown only with --verbose.
PASSED_ON = ("step", "script", "output", "notice", "warning", "question", "config", "error", "sql")


class RehearsalEvents(EventSink):
    """The event sink the upgrade on the copy writes to: tells the meter where it is, passes events on."""

    passed_on: Optional[tuple] = PASSED_ON  # None: every event (a dry run keeps its own start and done)

    def __init__(self, outer: EventSink, meter: StatementMeter) -> None:
        super().__init__(json_mode=outer.json_mode, verbose=outer.verbose, out=outer.out, err=outer.err)
        self.outer, self.meter = outer, meter

    def emit(self, event: Dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "step":
            self.meter.begin(event["kind"], event["version"], None, event.get("cube"))
        elif kind == "script":
            self.meter.script(event["file"], event.get("display"))
        elif kind == "error":
            self.error_emitted = True
            self.meter.fail(event["message"], event.get("file"), event.get("line"))
        if self.passed_on is None or kind in self.passed_on:
            self.outer.emit(event)


def rehearse(options, events: EventSink) -> int:
    started = time.perf_counter()
    session = Session(options, events, lock=False)
    url = session.url
    # Bad input first, before anything is copied: the schema (file and line), no instance, a newer instance,
    # the upgrade's pre-flight; all read-only.
    commands._load_newschema(session, INSTALLED)
    if url.kind == "sqlite" and not os.path.isfile(url.path):
        raise MigrationError(f"{url.path} does not exist: there is no instance to rehearse an upgrade of")
    source = open_sqlite_source(url.path) if url.kind == "sqlite" else None
    db = Database(url, events, connection=source)
    copy: Optional[RehearsalCopy] = None
    meter = StatementMeter()
    try:
        try:
            if url.kind == "postgresql":
                db.raw_execute("SET default_transaction_read_only = on")
            try:
                stored = read_versions(db)
            except sqlite3.DatabaseError as error:
                raise MigrationError(f"{url.path} is not a SQLite database ({error}): check --db")
            if not stored:
                raise MigrationError(f"{url.shown} holds no instance: there is nothing to rehearse an upgrade of "
                                     "(`create` makes one)")
            session.db = db
            plan = UpgradePlan(session.application, stored, options.instance_kind)
            check_upgrade(session, db, plan)
            # A running upgrade holds the lock: the copy would catch it between two steps. Refuse instead; the
            # lock is held only while copying (a rehearsal does not keep real upgrades waiting).
            lock = db.dialect.lock(db, url)
            try:
                events.emit({"event": "start", "command": "rehearse", "db": url.shown, "dry_run": False,
                             "stored": {k: str(v) for k, v in stored.items()},
                             "installed": {"model": str(plan.numversion), "erudi": str(INSTALLED)}})
                if url.kind == "sqlite":
                    copy_started = time.perf_counter()
                    copy = SqliteCopy(source, url.path)
                else:
                    name = db.query("SELECT current_database()")[0][0]
                    db.dialect.unlock(db, lock)
                    lock = None
                    db.close()  # the template of a copy must have no session, ours included
                    copy_started = time.perf_counter()
                    copy = PostgresqlCopy(url, name, events)
            finally:
                if lock is not None:
                    db.dialect.unlock(db, lock)
        finally:
            session.db = None
            try:
                db.close()
            except Exception:
                pass
        copy_ms = int(round((time.perf_counter() - copy_started) * 1000))
        events.emit({"event": "notice", "text": f"copied {url.shown} to {copy.where} ({copy.method}, {copy_ms} ms)"})
        failure = _upgrade_copy(options, events, copy, url, meter)
        meter.finish()
        ok = failure is None and all(entry.error is None for entry in meter.entries)
        result = {"event": "rehearsal", "ok": ok, "copy": (copy.url.text if url.kind == "postgresql" else copy.path)
                  if options.keep else None,
                  "fromVersion": str(stored["model"]), "toVersion": str(plan.numversion),
                  "durationMs": int(round((time.perf_counter() - started) * 1000)),
                  "copyMethod": copy.method, "copyMs": copy_ms,
                  "steps": [entry.to_json() for entry in meter.entries]}
        if failure is not None and not any(entry.error for entry in meter.entries):
            result["error"] = failure  # failed outside any step (the copy's pre-flight, its lock)
        if options.keep:
            result["dropWith"] = copy.drop_hint
        if events.json_mode:
            events.emit(result)
        else:
            events.out.write(report_text(result, url.shown, copy.where if options.keep else None,
                                         copy.drop_hint if options.keep else None))
            events.out.flush()
        return 0 if ok else 1
    finally:
        if copy is not None and not options.keep:
            copy.drop()


def _upgrade_copy(options, events: EventSink, copy: RehearsalCopy, real, meter: StatementMeter) -> Optional[Dict[str, Any]]:
    """Runs `upgrade` on the copy; None when it succeeded, else the error (also kept on the failing entry)."""
    real_config = getattr(options, "config", None) or default_config_path(real)
    copied_options = argparse.Namespace(**vars(options))
    copied_options.db = copy.url.text
    copied_options.no_backup = True  # the copy is thrown away: no backup beside it, none in the real folder
    copied_options.dry_run = False
    copied_options.non_interactive = True  # nobody needs to sit by a copy: every question is answered yes, shown
    if real_config or copy.url.kind == "sqlite":
        name = os.path.basename(real_config) if real_config else os.path.splitext(os.path.basename(copy.path))[0] + ".ini"
        copied_options.config = copy.copy_config(real_config, name)
    sink = RehearsalEvents(events, meter)
    try:
        commands.upgrade(copied_options, sink, observer=meter)
    except (Interrupted, KeyboardInterrupt):
        raise
    except MigrationError as error:
        meter.fail(error.message, error.file, error.line)
        return {"message": error.message, "file": error.file, "line": error.line}
    return None
