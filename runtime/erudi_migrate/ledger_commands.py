"""`verify` (the ledger against the files; exit 1 on any difference), `mark-applied SCRIPT` and
`mark-unapplied SCRIPT` (repairs of the ledger, recorded as such with who and when)."""
from __future__ import annotations

import json
import os
from typing import Any, Dict

from . import ledger
from .commands import INSTALLED, Session, _finish, _guarded, _open_instance, _shown, _start
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
                                         INSTANCE_KINDS[options.instance_kind])
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
    return {"kind": difference.kind, "file": shown(difference.path) if difference.path else None,
            "script": difference.script, "version": difference.version, "current": difference.current,
            "recorded": record.sha256 if record else None, "applied_at": record.applied_at if record else None,
            "message": difference.describe(shown)}


def mark_applied(options, events) -> int:
    return _mark(options, events, "marked-applied")


def mark_unapplied(options, events) -> int:
    return _mark(options, events, "marked-unapplied")


def _mark(options, events, outcome: str) -> int:
    session = Session(options, events)
    application = session.application
    name = os.path.basename(options.script)
    path = os.path.join(application.migration_dir, name)
    script = parse_script_name(path)
    if script is None:
        raise MigrationError(f"{name} is not a migration script name of {application.relative(application.migration_dir)}/: "
                             "give a script file such as migration/0.2.0_Any.py")
    exists = os.path.isfile(path)
    if outcome == "marked-applied" and not exists:
        raise MigrationError(f"no such script: {application.relative(path)}")
    holder: Dict[str, Any] = {}

    def body() -> None:
        db, stored = _open_instance(session)
        ledger.require_ledger(stored["erudi"])
        _start(session, outcome.replace("marked-", "mark-"), script=application.relative(path))
        db.begin()
        ledger.insert(db, "model", script.version, script.name, ledger.checksum(path) if exists else None, outcome)
        verb = "applied" if outcome == "marked-applied" else "unapplied"
        events.output(f"{application.relative(path)}: recorded as {verb} by {ledger.who()}"
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
