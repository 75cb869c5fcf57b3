"""`erudi-migrate create | upgrade | run SCRIPT | status | rehearse | ...`: parses arguments, runs the command, maps
errors to a one-line cause on stderr and a non-zero exit code."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import traceback
from typing import List, Optional

from . import __version__, backup_commands, dry_run_report, browse, commands, ledger_commands, rehearse, stats_command, status_command
from .schema_diff import diff_command, generate_command
from .errors import Interrupted, MigrationError, error_event
from .events import EventSink
from .execution import describe
from .scripts import INSTANCE_KINDS


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--app", metavar="DIR", help="the application folder (default: for `run`, the folder holding "
                        "the script's migration/ folder; otherwise the current folder)")
    common.add_argument("--db", metavar="URL", help="sqlite:///path.db or postgresql://user@host:port/db "
                        "(default: $ERUDI_DB_URL, else <app>/.erudi/instance.db); the password comes from PGPASSWORD")
    common.add_argument("--json", action="store_true", help="write one JSON event per line on stdout")
    common.add_argument("--non-interactive", "--yes", "-y", dest="non_interactive", action="store_true",
                        help="answer yes to every question (each question and its answer is printed); without a "
                             "terminal, --json or this option, the first question stops the run")
    common.add_argument("--cubes-path", metavar="DIR[:DIR...]", dest="cubes_path",
                        help="more folders to find cubes in (after the application's own folders; then $ERUDI_CUBES_PATH)")
    common.add_argument("--backup-dir", metavar="DIR", dest="backup_dir",
                        help="where PostgreSQL backups go (default: <app>/.erudi/backups; SQLite's sit beside the file)")
    common.add_argument("--config", metavar="FILE", help="the instance configuration file (default: beside the database)")
    common.add_argument("--instance-kind", choices=sorted(INSTANCE_KINDS), default="all-in-one",
                        help="which script modes run (default: all-in-one)")
    common.add_argument("-v", "--verbose", action="store_true", help="print every SQL statement")
    common.add_argument("--traceback", action="store_true",
                        help="after a script's error, also print the Python traceback (the runtime's frames included)")
    changing = argparse.ArgumentParser(add_help=False)
    changing.add_argument("--dry-run", action="store_true", help="run everything, then roll back: nothing changes")

    parser = argparse.ArgumentParser(prog="erudi-migrate", description="Runs Erudi migration scripts on SQLite or PostgreSQL.")
    parser.add_argument("--version", action="version", version=f"erudi-migrate (erudi {__version__})")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", parents=[common, changing], help="create an instance at the model version of schema.py")
    create.add_argument("--framework-version", metavar="X.Y.Z",
                        help="build the system tables as this older erudi version had them (to reproduce an old instance)")
    upgrade = sub.add_parser("upgrade", parents=[common, changing], help="apply the pending framework and model steps")
    upgrade.add_argument("--no-backup", action="store_true", help="do not copy the SQLite file before upgrading")
    upgrade.add_argument("--backup", action="store_true", help="PostgreSQL: take a pg_dump backup first (SQLite "
                         "files are always copied unless --no-backup)")
    upgrade.add_argument("--keep-backups", type=int, metavar="N", dest="keep_backups",
                         help="keep the N newest backups of this database, remove older ones (default 5)")
    upgrade.add_argument("--include-unapplied", action="store_true",
                         help="also run the scripts at or below the stored version that the ledger lacks")
    run = sub.add_parser("run", parents=[common, changing], help="run one script in one transaction")
    run.add_argument("script", metavar="SCRIPT")
    rehearsal = sub.add_parser("rehearse", parents=[common], help="run the whole upgrade on a copy of the database and "
                              "report each step (time, statements, rows per table); the real database is never written; "
                              "exit 1 when a step fails")
    rehearsal.add_argument("--keep", action="store_true", help="keep the copy for inspection (its place is printed)")
    rehearsal.add_argument("--include-unapplied", action="store_true",
                          help="as for upgrade: also run the scripts at or below the stored version that the ledger lacks")
    sub.add_parser("status", parents=[common], help="stored and installed versions, pending scripts; exit 1 when blocked")
    sub.add_parser("verify", parents=[common], help="the ledger of applied scripts against migration/: exit 1 on any "
                   "difference (unapplied, changed after apply, gone)")
    for name, what in (("mark-applied", "as applied (by other means), with its current checksum"),
                       ("mark-unapplied", "as not applied (the next upgrade --include-unapplied runs it)")):
        mark = sub.add_parser(name, parents=[common, changing], help=f"record SCRIPT in the ledger {what}")
        mark.add_argument("script", metavar="SCRIPT")
    sub.add_parser("backups", parents=[common], help="this database's backups: path, time, the versions each "
                   "holds, size (newest first)")
    restore = sub.add_parser("restore", parents=[common, changing], help="put a backup back (after a confirmation; "
                             "the current state is backed up first); refused while the instance is locked")
    restore.add_argument("backup", metavar="BACKUP", help="a file `erudi-migrate backups` lists")
    paging = argparse.ArgumentParser(add_help=False)
    paging.add_argument("--limit", type=int, metavar="N", help="rows per page (default 100)")
    paging.add_argument("--offset", type=int, metavar="N", help="rows to skip (default 0)")
    entities = sub.add_parser("entities", parents=[common, paging], help="a page of an entity type's rows (read-only)")
    entities.add_argument("etype", metavar="ETYPE", nargs="?", help="an entity type (default: every type with its row count)")
    query = sub.add_parser("query", parents=[common, paging], help="the rows of an RQL selection (read-only)")
    query.add_argument("rql", metavar="RQL")
    sub.add_parser("stats", parents=[common], help="row counts per entity type; NULLs, duplicates and long values per "
                   "attribute (read-only), for the checker's data-aware rules")
    schema_diff = sub.add_parser("diff", parents=[common], help="the differences between the instance's persisted "
                                 "schema and the application's schema files (read-only)")
    schema_diff.add_argument("--after-pending", action="store_true", help="compare with what the pending steps "
                             "would leave (run in a transaction that is rolled back)")
    schema_diff.add_argument("--exit-code", action="store_true", help="exit 1 when there are differences (for CI)")
    generate = sub.add_parser("generate", parents=[common], help="write the migration script that brings the "
                              "instance's schema to the application's (never writes to the database)")
    generate.add_argument("--description", metavar="TEXT", help="the script name's description (default: from the changes)")
    generate.add_argument("--raise-numversion", action="store_true",
                          help="raise numversion in __pkginfo__.py to the script's version when it is above it")
    generate.add_argument("--dry-run", action="store_true", help="write nothing; print (or return) the script text")
    return parser


LEDGER_COMMANDS = {"verify": ledger_commands.verify, "mark-applied": ledger_commands.mark_applied,
                   "mark-unapplied": ledger_commands.mark_unapplied, "backups": backup_commands.list_command,
                   "restore": backup_commands.restore}


def _default_app(options) -> str:
    """`run app/migration/X.py` needs no --app: the script's application is the folder above its migration/."""
    script = getattr(options, "script", None)
    if script:
        folder = os.path.dirname(os.path.abspath(script))
        if os.path.basename(folder) == "migration":
            return os.path.dirname(folder)
    return "."


def _default_db(app: str) -> str:
    if os.environ.get("ERUDI_DB_URL"):
        return os.environ["ERUDI_DB_URL"]
    return "sqlite:///" + os.path.join(os.path.abspath(app), ".erudi", "instance.db")


def _on_signal(signum, _frame) -> None:
    raise Interrupted(signal.Signals(signum).name)


def main(argv: Optional[List[str]] = None) -> int:
    options = _parser().parse_args(argv)
    options.app = options.app or _default_app(options)
    options.db = options.db or _default_db(options.app)
    for name, default in (("dry_run", False), ("no_backup", False)):
        if not hasattr(options, name):
            setattr(options, name, default)
    events = EventSink(json_mode=options.json, verbose=options.verbose)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        if options.command == "status":
            return status_command.print_status(commands.status(options, events), options.json)
        if options.command in LEDGER_COMMANDS:
            return LEDGER_COMMANDS[options.command](options, events)
        if options.command == "rehearse":
            return rehearse.rehearse(options, events)
        if options.command == "upgrade" and options.dry_run and options.json:
            return dry_run_report.upgrade_dry_run(options, events)
        if options.command == "stats":
            figures = stats_command.stats(options, events)
            if options.json:
                events.emit(figures)
            else:
                print(stats_command.format_stats(figures))
            return 0
        if options.command in ("entities", "query"):
            result = getattr(browse, options.command)(options, events)
            if options.json:
                events.emit(result)
            else:
                print(browse.format_rows(result))
            return 0
        if options.command == "diff":
            return diff_command.diff(options, events)
        if options.command == "generate":
            return generate_command.generate(options, events)
        return getattr(commands, options.command)(options, events)
    except MigrationError as error:
        if options.json and not events.error_emitted:
            # Refused before anything ran (bad URL, no instance, ...): JSON readers still get an error event.
            events.emit(error_event(error))
        excerpt = error.excerpt()
        sys.stderr.write(f"erudi-migrate: {error}\n" + (f"{excerpt}\n" if excerpt else ""))
        if getattr(options, "traceback", False) and error.__cause__ is not None:
            traceback.print_exception(type(error.__cause__), error.__cause__, error.__cause__.__traceback__)
        return 1
    except (Interrupted, KeyboardInterrupt):
        sys.stderr.write("erudi-migrate: interrupted, rolled back\n")
        return 130
    except Exception as error:  # e.g. a file that is no SQLite database: one line, not a traceback
        if options.verbose:
            raise
        if options.json and not events.error_emitted:
            events.emit({"event": "error", "file": None, "line": None, "message": describe(error)})
        sys.stderr.write(f"erudi-migrate: {describe(error)} (--verbose shows the traceback)\n")
        return 1
