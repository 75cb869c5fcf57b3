"""The instance's ledger of applied scripts (the migration log from erudi 2.30.0): what each script's
latest record says, and which scripts are unapplied, changed after apply, or recorded but gone."""
from __future__ import annotations

import datetime
import getpass
import hashlib
import os
import socket
from typing import Dict, List, NamedTuple, Optional, Tuple

from .errors import MigrationError
from .versions import Version

LEDGER_SINCE = Version(2, 30, 0)   # sha256, outcome and recorded_by exist from framework 2.30.0
CUBES_SINCE = Version(2, 31, 0)    # and the cubes' scripts are in it from 2.31.0
LOG_SINCE = Version(2, 27, 0)
# Outcomes that mean "this script's effect is in the database".
APPLIED = ("applied", "created", "baseline", "marked-applied")


class Record(NamedTuple):
    component: str
    version: str
    script: str
    sha256: Optional[str]
    outcome: str
    applied_at: str
    recorded_by: Optional[str]
    duration_ms: Optional[int] = None

    @property
    def applied(self) -> bool:
        return self.outcome in APPLIED


def records_json(db) -> List[Dict[str, object]]:
    """Each script's latest record (status --json `records`: what the editor's view shows of the ledger)."""
    return [{"component": r.component, "version": r.version, "script": r.script, "outcome": r.outcome,
             "applied": r.applied, "applied_at": r.applied_at, "duration_ms": r.duration_ms,
             "recorded_by": r.recorded_by, "sha256": r.sha256}
            for r in sorted(latest(db).values(), key=lambda r: (r.component, r.applied_at))]


def checksum(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="microseconds")


def who() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment (a container without passwd entry)
        user = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"{user}@{socket.gethostname()}"


def has_ledger(db, framework: Version) -> bool:
    return framework >= LEDGER_SINCE


def latest(db) -> Dict[Tuple[str, str], Record]:
    """(component, script name) -> its latest record (records are history; the last one counts)."""
    rows = db.query("SELECT component, version, script, sha256, outcome, applied_at, recorded_by, duration_ms "
                    "FROM erudi_migration_log ORDER BY applied_at")
    state: Dict[Tuple[str, str], Record] = {}
    for row in rows:
        record = Record(*row)
        state[(record.component, record.script)] = record
    return state


def insert(db, component: str, version, script: str, sha256: Optional[str], outcome: str,
           duration_ms: Optional[int] = None) -> None:
    p = db.dialect.param
    db.execute(f"INSERT INTO erudi_migration_log (component, version, script, applied_at, duration_ms, sha256, outcome, "
               f"recorded_by) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})",
               (component, str(version), script, now(), duration_ms, sha256, outcome, who()))


def record_baseline(repo) -> None:
    """The 2.30.0 step: every model script at or below the stored model version that the log lacks is
    recorded as "baseline" (it was applied before the ledger could say so)."""
    ctx = repo._ctx
    db = ctx.db
    rows = dict(db.query("SELECT component, version FROM erudi_versions"))
    if "model" not in rows:
        return  # `create`: the model scripts are recorded as "created" once the schema is built
    stored = Version.of(rows["model"])
    known = {(c, s) for c, s in db.query("SELECT component, script FROM erudi_migration_log")}
    scripts, _ = ctx.application.scripts()
    for script in scripts:
        if script.version <= stored and ("model", script.name) not in known:
            insert(db, "model", script.version, script.name, checksum(script.path), "baseline")


def installed_framework(db) -> Version:
    rows = dict(db.query("SELECT component, version FROM erudi_versions WHERE component = 'erudi'"))
    return Version.of(rows["erudi"]) if "erudi" in rows else Version(0, 0, 0)


def record_cube_scripts(db, cube, up_to, outcome: str, known=None) -> None:
    """Records `cube`'s scripts at or below `up_to` that the log lacks (`created` when the cube is
    installed, `baseline` when the ledger starts keeping cubes)."""
    from .scripts import list_scripts
    component = "cube:" + cube.name
    if known is None:
        known = {(c, s) for c, s in db.query("SELECT component, script FROM erudi_migration_log")}
    for script in list_scripts(cube.migration_dir)[0]:
        if script.version <= up_to and (component, script.name) not in known:
            insert(db, component, script.version, script.name, checksum(script.path), outcome)


def record_cube_baseline(repo) -> None:
    """The 2.31.0 step: the scripts of every cube the instance stores, at or below its stored version, that
    the log lacks are recorded as "baseline" (the ledger kept the model's scripts only before)."""
    from .cube_steps import application_cubes
    from .instance import read_cube_versions
    ctx = repo._ctx
    stored = read_cube_versions(ctx.db)
    known = {(c, s) for c, s in ctx.db.query("SELECT component, script FROM erudi_migration_log")}
    for cube in application_cubes(ctx.application, getattr(ctx.options, "cubes_path", None)):
        if cube.name in stored:
            record_cube_scripts(ctx.db, cube, stored[cube.name], "baseline", known)


class Difference(NamedTuple):
    kind: str                 # "unapplied", "changed", "missing"
    script: str               # file name
    version: str
    path: Optional[str]       # the file, when it exists
    record: Optional[Record]
    current: Optional[str]    # the file's sha256 now
    component: str = "model"  # or "cube:<name>"
    folder: str = "migration"  # where the script is, as shown ("tracker:migration" for a cube's)

    @property
    def cube(self) -> Optional[str]:
        return self.component[len("cube:"):] if self.component.startswith("cube:") else None

    def shown(self, shown) -> str:
        """The script as messages name it: relative to the application, or `<cube>:migration/<name>`."""
        if self.cube is not None:
            return f"{self.folder}/{self.script}"
        return shown(self.path) if self.path else f"migration/{self.script}"

    def describe(self, shown) -> str:
        where = self.shown(shown)
        # The path a command takes: a cube's script by its file (mark-applied finds its cube from it).
        argument = (self.path or self.script) if self.cube is not None else where
        stored = f"cube {self.cube}'s stored version" if self.cube is not None else "the stored model version"
        if self.kind == "unapplied":
            return (f"{where}: unapplied: version {self.version} is at or below {stored} and the "
                    "ledger has no record of it: `erudi-migrate upgrade --include-unapplied` runs it, "
                    f"`erudi-migrate mark-applied {argument}` records it as applied by other means")
        if self.kind == "changed":
            return (f"{where}: changed after it was applied on {self.record.applied_at}: sha256 {self.record.sha256} "
                    f"then, {self.current} now: restore the applied content, or write a new script for the change "
                    f"(`erudi-migrate mark-applied {argument}` accepts the new content)")
        forget = f"{self.cube}:{self.script}" if self.cube is not None else self.script
        return (f"{where}: recorded as applied ({self.record.outcome} on {self.record.applied_at}) but the file is "
                f"gone: restore it, or `erudi-migrate mark-unapplied {forget}` forgets it")


def differences(db, scripts, stored_model: Version, modes, cubes=()) -> List[Difference]:
    """Scripts at or below the stored version the ledger lacks, applied scripts whose content changed, and
    applied records whose file is gone: each cube's of `cubes` ((cube, stored version, scripts) of the cubes
    the instance stores, dependencies first), then the model's (the order an upgrade runs them in)."""
    state = latest(db)
    found: List[Difference] = []
    for cube, stored, cube_scripts in cubes:
        found += _component_differences(state, "cube:" + cube.name, f"{cube.name}:migration", cube_scripts, stored,
                                        modes)
    return found + _component_differences(state, "model", "migration", scripts, stored_model, modes)


def _component_differences(state, component: str, folder: str, scripts, stored: Version, modes) -> List[Difference]:
    found: List[Difference] = []
    names = set()
    for script in scripts:
        names.add(script.name)
        record = state.get((component, script.name))
        if record is None or not record.applied:
            if script.version <= stored and script.mode in modes:
                found.append(Difference("unapplied", script.name, str(script.version), script.path, record, None,
                                        component, folder))
            continue
        if record.sha256:
            current = checksum(script.path)
            if current != record.sha256:
                found.append(Difference("changed", script.name, str(script.version), script.path, record, current,
                                        component, folder))
    for (recorded_component, name), record in sorted(state.items()):
        if recorded_component == component and name not in names and record.applied:
            found.append(Difference("missing", name, record.version, None, record, None, component, folder))
    return found


def stored_cubes(db, application, cubes_path, framework: Version):
    """(cube, stored version, scripts) of every cube the instance stores and the application finds, when the
    ledger keeps the cubes' scripts (erudi 2.31.0); [] before."""
    if framework < CUBES_SINCE:
        return []
    from .cube_steps import application_cubes
    from .instance import read_cube_versions
    from .scripts import list_scripts
    stored = read_cube_versions(db)
    return [(cube, stored[cube.name], list_scripts(cube.migration_dir)[0])
            for cube in application_cubes(application, cubes_path) if cube.name in stored]


def require_ledger(framework: Version) -> None:
    if framework < LEDGER_SINCE:
        raise MigrationError(f"the instance is at erudi {framework}, which keeps no ledger of applied scripts: run "
                             f"`erudi-migrate upgrade` first (erudi {LEDGER_SINCE} adds it)")
