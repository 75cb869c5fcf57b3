"""`verify` (the ledger against the files; exit 1 on any difference), `mark-applied SCRIPT` and
`mark-unapplied SCRIPT` (repairs of the ledger, recorded as such with who and when)."""
from __future__ import annotations

import json
import os
from typing import Any, Dict

from . import ledger
from .commands import INSTALLED, Session, _finish, _guarded, _open_instance, _shown, _start
from .cube_steps import application_cubes
from .errors import MigrationError
from .instance import read_versions
from .scripts import INSTANCE_KINDS, parse_script_name


def verify(options, events) -> int:
    session = Session(options, events, lock=False)
    application = session.application
    try:
        db, stored = _open_instance(session, lock=False)
        ledger.require_ledger(stored["erudi"])
        differences = ledger.differences(db, application.scripts()[0], stored["model"],
                                         INSTANCE_KINDS[options.instance_kind],
                                         ledger.stored_cubes(db, application, getattr(options, "cubes_path", None),
                                                             stored["erudi"]))
    finally:
        session.close()
    shown = _shown(application)
    if options.json:
        print(json.dumps({"differences": [_plain(d, shown) for d in differences]}))
    elif differences:
        for difference in differences:
            print(difference.describe(shown))
        print(f"verify: {len(differences)} difference{'s' if len(differences) != 1 else ''} between the ledger and "
              "migration/")
    else:
        print(f"verify: the ledger and migration/ agree (model {stored['model']})")
    return 1 if differences else 0


def _plain(difference: "ledger.Difference", shown) -> Dict[str, Any]:
    record = difference.record
    return {"kind": difference.kind, "component": difference.component,
            "file": difference.shown(shown) if difference.path else None,
            "script": difference.script, "version": difference.version, "current": difference.current,
            "recorded": record.sha256 if record else None, "applied_at": record.applied_at if record else None,
            "message": difference.describe(shown)}


def mark_applied(options, events) -> int:
    return _mark(options, events, "marked-applied")


def mark_unapplied(options, events) -> int:
    return _mark(options, events, "marked-unapplied")


def _target(application, options):
    """(component, path, script, shown) of the SCRIPT argument: a file of the application's migration/, a
    file of a cube's migration/ (its path), or `<cube>:<file name>` for a cube script whose file is gone."""
    given = options.script
    cube_name = None
    if ":" in given and not os.path.exists(given) and os.sep not in given.split(":", 1)[0]:
        cube_name, given = given.split(":", 1)
    cubes = application_cubes(application, getattr(options, "cubes_path", None))
    if cube_name is None:
        folder = os.path.dirname(os.path.abspath(given))
        owner = next((c for c in cubes if os.path.abspath(c.migration_dir) == folder), None)
        if owner is not None:
            cube_name = owner.name
    if cube_name is not None:
        cube = next((c for c in cubes if c.name == cube_name), None)
        if cube is None:
            raise MigrationError(f"{options.script}: the application uses no cube {cube_name!r} (its cubes: "
                                 f"{', '.join(c.name for c in cubes) or 'none'})")
        path = os.path.join(cube.migration_dir, os.path.basename(given))
        return "cube:" + cube.name, path, parse_script_name(path), f"{cube.name}:migration/{os.path.basename(path)}"
    name = os.path.basename(given)
    path = os.path.join(application.migration_dir, name)
    return "model", path, parse_script_name(path), application.relative(path)


def _mark(options, events, outcome: str) -> int:
    session = Session(options, events)
    application = session.application
    component, path, script, shown = _target(application, options)
    if script is None:
        raise MigrationError(f"{os.path.basename(path)} is not a migration script name of "
                             f"{os.path.dirname(shown) or 'migration'}/: give a script file such as "
                             "migration/0.2.0_Any.py")
    exists = os.path.isfile(path)
    if outcome == "marked-applied" and not exists:
        raise MigrationError(f"no such script: {shown}")
    holder: Dict[str, Any] = {}

    def body() -> None:
        db, stored = _open_instance(session)
        ledger.require_ledger(stored["erudi"])
        if component != "model" and stored["erudi"] < ledger.CUBES_SINCE:
            raise MigrationError(f"the instance is at erudi {stored['erudi']}, whose ledger keeps no cube scripts: "
                                 f"run `erudi-migrate upgrade` first (erudi {ledger.CUBES_SINCE} adds them)")
        _start(session, outcome.replace("marked-", "mark-"), script=shown)
        db.begin()
        ledger.insert(db, component, script.version, script.name, ledger.checksum(path) if exists else None, outcome)
        verb = "applied" if outcome == "marked-applied" else "unapplied"
        events.output(f"{shown}: recorded as {verb} by {ledger.who()}"
                      + (" (dry run: not kept)" if options.dry_run else ""))
        if options.dry_run:
            db.rollback()
            _finish(None, events, "dry-run")
        else:
            db.commit()
            _finish(None, events, "committed")

    try:
        return _guarded(session, holder, body)
    finally:
        session.close()
