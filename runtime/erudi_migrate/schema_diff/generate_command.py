"""`erudi-migrate generate`: writes migration/<version>_<description>_Any.py, the script that removes what
`diff --after-pending` finds, at the next version above the stored one and every script's; says when that
is above numversion and, with --raise-numversion, raises it in __pkginfo__.py. Never writes to the
database; --dry-run writes no file either and still returns the text."""
from __future__ import annotations

import os
import re
from typing import Dict, List, Optional

from ..errors import MigrationError
from ..source_text import read_source
from ..versions import Version
from .compare import Change
from .difference import SchemaDifference, next_version, schema_difference, stored_text
from .numversion_edit import with_numversion
from .script_writer import ScriptWriter

MODE = "Any"


def description_of(text: Optional[str], changes: List[Change]) -> str:
    """A file-name description ([A-Za-z0-9_-]): the user's words, else what the one change is, else `schema`."""
    if not text and len(changes) == 1:
        change = changes[0]
        verb = change.kind.rsplit("-", 1)[1]
        verb = {"added": "add", "removed": "drop", "renamed": "rename", "changed": "change"}[verb]
        text = f"{verb} {change.subject}"
    words = re.sub(r"[^A-Za-z0-9-]+", "_", (text or "schema").strip()).strip("_").lower()
    return words[:60].rstrip("_") or "schema"


def _header(difference: SchemaDifference, version: Version) -> str:
    lines = [f"Brings the schema to the application's schema files ({len(difference.changes)} "
             f"change{'s' if len(difference.changes) != 1 else ''}), version {version}.",
             "",
             f"Written by `erudi-migrate generate` from the differences between the instance (model "
             f"{stored_text(difference.stored)}, after its pending",
             "scripts) and the schema files: read it before it runs."]
    return "\n".join(lines)


def _write(path: str, text: str) -> None:
    """Written whole or not at all: a new file next to the target, then renamed over it."""
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(partial, path)


def generate(options, events) -> int:
    difference = schema_difference(options, events, after_pending=True, for_next_script=True)
    application = difference.session.application
    version = next_version(difference.session, difference.stored)
    numversion = application.numversion
    needs = version > numversion
    result: Dict = {"event": "generated", "path": None, "version": str(version), "numversion": str(numversion),
                    "numversionRaised": False, "needsNumversion": needs, "text": "",
                    "changes": len(difference.changes)}
    messages: List[str] = []
    if difference.changes:
        writer = ScriptWriter(difference.changes, difference.persisted, difference.application)
        text = writer.text(_header(difference, version))
        name = f"{version}_{description_of(getattr(options, 'description', None), difference.changes)}_{MODE}.py"
        path = os.path.join(application.migration_dir, name)
        result["text"] = text
        if os.path.exists(path):
            raise MigrationError(f"{application.relative(path)} exists already: remove it or give another "
                                 "--description")
        if not options.dry_run:
            os.makedirs(application.migration_dir, exist_ok=True)
            _write(path, text)
            result["path"] = path
            messages.append(f"wrote {application.relative(path)} ({len(difference.changes)} changes)")
        else:
            messages.append(f"{application.relative(path)} (dry run, not written):\n\n{text}")
        if needs and getattr(options, "raise_numversion", False):
            if not options.dry_run:
                read_source(application.pkginfo_path)  # not UTF-8, a NUL byte, too large: refused naming it
                with open(application.pkginfo_path, encoding="utf-8", newline="") as handle:
                    pkginfo = handle.read()  # as it is: line endings and byte-order mark kept
                _write(application.pkginfo_path, with_numversion(pkginfo, version, application.pkginfo_path))
                result["numversionRaised"] = True
                result["numversion"] = str(version)
                messages.append(f"raised numversion in __pkginfo__.py from {numversion} to {version}")
            else:
                messages.append(f"numversion would be raised from {numversion} to {version} (dry run)")
        elif needs:
            messages.append(f"numversion is {numversion} in __pkginfo__.py: raise it to {version} (or pass "
                            "--raise-numversion), otherwise upgrade does not run this script")
    else:
        messages.append(f"no differences: the instance (model {stored_text(difference.stored)}, after its pending "
                        "scripts) matches the schema files; nothing written")
        result["needsNumversion"] = False
    if options.json:
        events.emit(result)
    else:
        print("\n".join(messages))
    return 0
