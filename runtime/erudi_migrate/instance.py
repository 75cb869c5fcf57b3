"""The versions an instance stores (`erudi_versions`: model and erudi) and its migration log (the ledger)."""
from __future__ import annotations

import datetime
from typing import Dict, Optional

from . import ledger
from .ledger import LEDGER_SINCE
from .versions import Version

LOG_SINCE = Version(2, 27, 0)        # erudi_migration_log exists from framework 2.27.0
DURATION_SINCE = Version(2, 28, 0)   # and has duration_ms from 2.28.0


def has_instance(db) -> bool:
    return "erudi_versions" in db.dialect.table_names(db)


def read_versions(db) -> Optional[Dict[str, Version]]:
    """{"model": Version, "erudi": Version}, or None when the database holds no instance."""
    if not has_instance(db):
        return None
    rows = dict(db.query("SELECT component, version FROM erudi_versions"))
    return {component: Version.of(rows[component]) for component in ("model", "erudi") if component in rows}


def write_version(db, component: str, version: Version) -> None:
    p = db.dialect.param
    # One statement in the usual case (the row exists): it runs once per upgrade step.
    if db.execute(f"UPDATE erudi_versions SET version = {p} WHERE component = {p}", (str(version), component)).rowcount == 0:
        db.execute(f"INSERT INTO erudi_versions (component, version) VALUES ({p}, {p})", (component, str(version)))


# Each cube's version is a row `cube:<name>` of erudi_versions (CubicWeb keeps one version per cube).
CUBE_PREFIX = "cube:"
COMPONENT_SIZE = 16  # erudi_versions.component is VARCHAR(16)


def read_cube_versions(db) -> Dict[str, Version]:
    """{cube name: stored version} of the cubes the instance was built with."""
    if not has_instance(db):
        return {}
    return {component[len(CUBE_PREFIX):]: Version.of(version)
            for component, version in db.query("SELECT component, version FROM erudi_versions ORDER BY component")
            if component.startswith(CUBE_PREFIX)}


def _cube_component(name: str) -> str:
    component = CUBE_PREFIX + name
    if len(component) > COMPONENT_SIZE:
        from .errors import MigrationError
        raise MigrationError(f"cube {name!r}: its version row {component!r} is longer than the {COMPONENT_SIZE} "
                             f"characters erudi_versions.component holds; cubes of names up to "
                             f"{COMPONENT_SIZE - len(CUBE_PREFIX)} characters are supported")
    return component


def write_cube_version(db, name: str, version: Version) -> None:
    write_version(db, _cube_component(name), version)


def delete_cube_version(db, name: str) -> None:
    db.execute(f"DELETE FROM erudi_versions WHERE component = {db.dialect.param}", (_cube_component(name),))


def log_script(db, framework: Version, component: str, version: Version, script: str, duration_ms: int,
               sha256: Optional[str] = None, outcome: str = "applied") -> None:
    """Records an applied script, in the columns the instance's framework version has (from 2.30.0 the
    log is the ledger: with the script's sha256, outcome and who recorded it)."""
    if framework < LOG_SINCE:
        return
    if framework >= LEDGER_SINCE:
        ledger.insert(db, component, version, script, sha256, outcome, duration_ms)
        return
    p = db.dialect.param
    applied_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    if framework >= DURATION_SINCE:
        db.execute(f"INSERT INTO erudi_migration_log (component, version, script, applied_at, duration_ms) "
                   f"VALUES ({p}, {p}, {p}, {p}, {p})", (component, str(version), script, applied_at, duration_ms))
    else:
        db.execute(f"INSERT INTO erudi_migration_log (component, version, script, applied_at) VALUES ({p}, {p}, {p}, {p})",
                   (component, str(version), script, applied_at))
