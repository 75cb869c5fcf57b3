"""Reads both sides of a schema difference without writing to the database: the application's schema (core,
cubes, schema files; a file that cannot be read stops everything first, with its line) and the instance's
persisted schema, as it is or, with `after_pending`, as the pending steps would leave it (they run in one
transaction that is rolled back, as `upgrade --dry-run` runs them)."""
from __future__ import annotations

import argparse
import sys
from typing import Dict, List, Optional

from .. import cubes as cube_discovery
from ..commands import CORE_SINCE, INSTALLED, Session, UpgradePlan, _open_instance, upgrade
from ..errors import MigrationError
from ..events import EventSink
from ..schema.loader import load_schema
from ..schema.model import Schema
from ..schema.persisted import SchemaStore
from ..versions import Version
from .compare import Change, compare
from .locate import Locator, application_directories, place_changes


class SchemaDifference:
    def __init__(self, stored: Dict[str, Version], persisted: Schema, application: Schema, changes: List[Change],
                 after_pending: bool, session: Session) -> None:
        self.stored = stored
        self.persisted = persisted
        self.application = application
        self.changes = changes
        self.after_pending = after_pending
        self.session = session


def _application_schema(session: Session, core: bool) -> Schema:
    return load_schema(session.application.directory, getattr(session.options, "cubes_path", None), core=core)


def _read_instance(session: Session):
    """The stored versions, refused when there is no instance or when it is newer than the code."""
    try:
        db, stored = _open_instance(session, lock=False)
        UpgradePlan(session.application, stored, session.options.instance_kind)  # refuses a newer instance
        return stored, SchemaStore.load(db).schema
    finally:
        session.close()


class _Remarks(EventSink):
    SHOWN = ("warning", "notice", "question")

    def emit(self, event) -> None:
        if self.verbose or event["event"] in self.SHOWN:
            super().emit(event)


def _after_pending(options, events: EventSink, application: Schema, numversion: Optional[Version]) -> Schema:
    """The persisted schema once the pending steps have run, all of it rolled back afterwards. Their questions
    are answered yes (what the script would do when confirmed), each one reported."""
    inner = argparse.Namespace(**vars(options))
    inner.dry_run = True
    inner.no_backup = True
    inner.non_interactive = True
    inner.include_unapplied = False
    # With --json the steps' events stream before the diff event (progress); for people, only what they must
    # read (warnings, notices, the questions answered), on stderr.
    sink = events if events.json_mode else _Remarks(verbose=events.verbose, out=sys.stderr)
    seen: List[Schema] = []
    # The context's schema is kept as the last step left it (the rollback does not reload it): no copy needed.
    upgrade(inner, sink, observe=lambda ctx: seen.append(ctx.repo_schema), newschema=application, numversion=numversion)
    if not seen:
        raise MigrationError("the pending steps did not run to their end: nothing to compare")
    return seen[0]


def next_version(session: Session, stored: Dict[str, Version]) -> Version:
    """One patch above the stored model version and the highest script of migration/ (whatever it is)."""
    scripts, _ = session.application.scripts()
    highest = max([stored["model"]] + [s.version for s in scripts])
    return Version(highest.major, highest.minor, highest.patch + 1)


def schema_difference(options, events: EventSink, after_pending: bool, for_next_script: bool = False) -> SchemaDifference:
    """`for_next_script`: the pending steps are those a script at next_version() would come after: every
    script above the stored version, also those above numversion (generate's point of view)."""
    session = Session(options, events, lock=False)
    cubes_path = getattr(options, "cubes_path", None)
    application = _application_schema(session, core=True)  # an unreadable schema is the first thing reported
    stored, persisted = _read_instance(session)
    if after_pending:
        through = None
        if for_next_script:
            through = max(next_version(session, stored), session.application.numversion)
        persisted = _after_pending(options, events, application, through)
        framework = INSTALLED
    else:
        framework = stored["erudi"]
    if framework < CORE_SINCE:
        application = _application_schema(session, core=False)  # an instance from before CubicWeb's core schema
    changes = compare(persisted, application)
    cubes = cube_discovery.application_cubes(session.application.directory, cubes_path)
    place_changes(changes, Locator(application_directories(session.application.directory, cubes)))
    return SchemaDifference(stored, persisted, application, changes, after_pending, session)


def stored_text(stored: Dict[str, Version]) -> str:
    return str(stored.get("model")) if stored.get("model") is not None else ""

