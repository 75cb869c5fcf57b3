"""`upgrade --dry-run --json` gives, just before its `done` event (still the last), the report a rehearsal gives (per step: duration, statements, rows inserted,
updated and deleted per table, the failure with its line), measured on the real database inside the transaction that
is then rolled back: the editor's Dry Run shows the same table as "Rehearse Upgrade on a Copy"."""
from __future__ import annotations

import time
from typing import Any, Dict, Optional

from . import commands
from .errors import MigrationError
from .events import EventSink
from .statement_meter import StatementMeter


class MeteredEvents(EventSink):
    """Passes every event of the upgrade on, unchanged, and tells the meter which step and script is running."""

    def __init__(self, outer: EventSink, meter: StatementMeter) -> None:
        super().__init__(json_mode=outer.json_mode, verbose=outer.verbose, out=outer.out, err=outer.err)
        self.outer, self.meter = outer, meter
        self.model_versions: list = []
        self.done: Optional[Dict[str, Any]] = None  # held back: `done` stays the last event, after the report

    def emit(self, event: Dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "step":
            self.meter.begin(event["kind"], event["version"], None, event.get("cube"))
            if event["kind"] == "model":
                self.model_versions.append(event["version"])
        elif kind == "script":
            self.meter.script(event["file"], event.get("display"))
        elif kind == "error":
            self.error_emitted = True
            self.meter.fail(event["message"], event.get("file"), event.get("line"))
        elif kind == "done":
            self.done = event
            return
        self.outer.emit(event)


def upgrade_dry_run(options, events: EventSink) -> int:
    """The dry run itself is `commands.upgrade`'s; this only measures it and adds the report before `done`."""
    started = time.perf_counter()
    meter = StatementMeter()
    sink = MeteredEvents(events, meter)
    failure: Optional[MigrationError] = None
    status = 1
    try:
        status = commands.upgrade(options, sink, observer=meter)
    except MigrationError as error:
        meter.fail(error.message, error.file, error.line)
        failure = error
    meter.finish()
    events.error_emitted = events.error_emitted or sink.error_emitted
    steps = [entry.to_json() for entry in meter.entries]
    events.emit({"event": "rehearsal", "dryRun": True, "ok": failure is None and status == 0 and not any(s.get("error") for s in steps),
                 "copy": None, "fromVersion": None, "toVersion": sink.model_versions[-1] if sink.model_versions else None,
                 "durationMs": int(round((time.perf_counter() - started) * 1000)), "steps": steps})
    if sink.done is not None:
        events.emit(sink.done)
    if failure is not None:
        raise failure
    return status
