"""`erudi-migrate diff`: what differs between the instance's persisted schema and the application's schema
files, grouped for people or as one `diff` JSON event (HELPERS.md's contract); `--exit-code` exits 1 when
something differs, for CI. Never writes to the database."""
from __future__ import annotations

import os
from typing import Dict, List

from .compare import Change
from .difference import SchemaDifference, schema_difference, stored_text
from .render import schema_text

GROUPS = (("Entity types", "entity-type"), ("Attributes", "attribute"), ("Relation types", "relation-type"),
          ("Relation definitions", "relation-definition"), ("Permissions", "permissions"))
MARKS = {"added": "+", "removed": "-", "renamed": ">", "changed": "~"}


def diff_event(difference: SchemaDifference) -> Dict:
    return {"event": "diff", "storedVersion": stored_text(difference.stored), "afterPending": difference.after_pending,
            "changes": [c.to_json() for c in difference.changes],
            "persistedText": schema_text(difference.persisted), "applicationText": schema_text(difference.application)}


def human_report(difference: SchemaDifference, directory: str) -> str:
    side = "after the pending steps" if difference.after_pending else "as stored"
    head = f"instance at model {stored_text(difference.stored)} ({side}) vs the application's schema"
    if not difference.changes:
        return f"{head}: no differences"
    lines: List[str] = [f"{head}: {len(difference.changes)} difference{'s' if len(difference.changes) != 1 else ''}"]
    for title, prefix in GROUPS:
        group = [c for c in difference.changes if c.kind.startswith(prefix)]
        if not group:
            continue
        lines.append("")
        lines.append(f"{title}:")
        for change in group:
            lines.append(f"  {MARKS.get(change.kind.rsplit('-', 1)[1], '~')} {change.summary}{_where(change, directory)}")
    return "\n".join(lines)


def _where(change: Change, directory: str) -> str:
    if not change.file:
        return ""
    shown = os.path.relpath(change.file, directory) if change.file.startswith(directory + os.sep) else change.file
    return f"  ({shown}:{change.line})" if change.line else f"  ({shown})"


def diff(options, events) -> int:
    difference = schema_difference(options, events, bool(getattr(options, "after_pending", False)))
    if options.json:
        events.emit(diff_event(difference))
    else:
        print(human_report(difference, difference.session.application.directory))
    return 1 if getattr(options, "exit_code", False) and difference.changes else 0
