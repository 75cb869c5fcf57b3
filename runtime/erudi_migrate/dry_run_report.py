"""`upgrade --dry-run --json` gives, just before its `done` event (still the last), the report a rehearsal gives (per step: duration, statements, rows inserted,
updated and deleted per table, the failure with its line), measured on the real database inside the transaction that
is then rolled back: the editor's Dry Run shows the same table as "Rehearse Upgrade on a Copy"."""
from __future__ import annotations

import time
from typing import Any, Dict, List, Optional

from . import commands
from .errors import MigrationError
from .events import EventSink
from .rehearse import RehearsalEvents
from .statement_meter import StatementMeter


class MeteredEvents(RehearsalEvents):
    """A rehearsal's sink that passes every event on; it notes the model versions and holds `done` back, so that
    `done` stays the last event, after the report."""

    passed_on = None

    def __init__(self, outer: EventSink, meter: StatementMeter) -> None:
        super().__init__(outer, meter)
        self.model_versions: List[str] = []
        self.done: Optional[Dict[str, Any]] = None

    def emit(self, event: Dict[str, Any]) -> None:
        if event["event"] == "done":
            self.done = event
            return
        if event["event"] == "step" and event["kind"] == "model":
            self.model_versions.append(event["version"])
        super().emit(event)


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
