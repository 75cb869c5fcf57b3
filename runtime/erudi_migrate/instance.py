"""The versions an instance stores (`erudi_versions`: model and erudi) and its migration log."""
from __future__ import annotations

import datetime
from typing import Dict, Optional

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


def log_script(db, framework: Version, component: str, version: Version, script: str, duration_ms: int) -> None:
    """Records an applied script, in the columns the instance's framework version has."""
    if framework < LOG_SINCE:
        return
    p = db.dialect.param
    applied_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    if framework >= DURATION_SINCE:
        db.execute(f"INSERT INTO erudi_migration_log (component, version, script, applied_at, duration_ms) "
                   f"VALUES ({p}, {p}, {p}, {p}, {p})", (component, str(version), script, applied_at, duration_ms))
    else:
        db.execute(f"INSERT INTO erudi_migration_log (component, version, script, applied_at) VALUES ({p}, {p}, {p}, {p})",
                   (component, str(version), script, applied_at))
