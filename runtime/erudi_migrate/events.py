"""What the runtime tells its caller: one JSON object per line (`--json`, DESIGN 4) or readable text."""
from __future__ import annotations

import datetime
import decimal
import io
import json
import sys
from typing import Any, Dict, Optional, Sequence, TextIO


def _plain(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(value).hex()
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


class EventSink:
    """Writes events; `json_mode` selects the JSON-lines contract, else text for people."""

    def __init__(self, json_mode: bool = False, verbose: bool = False, out: Optional[TextIO] = None,
                 err: Optional[TextIO] = None) -> None:
        self.json_mode = json_mode
        self.verbose = verbose
        # Bound now: scripts' print() is redirected later, the events must still reach the real stdout.
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.quiet_sql = False
        self.error_emitted = False

    def emit(self, event: Dict[str, Any]) -> None:
        if event["event"] == "error":
            self.error_emitted = True
        if self.json_mode:
            self.out.write(json.dumps(event, default=_plain) + "\n")
            self.out.flush()
            return
        text = self._human(event)
        if text is not None:
            stream = self.err if event["event"] == "error" else self.out
            stream.write(text + "\n")
            stream.flush()

    def sql(self, sql: str, params: Optional[Sequence[Any]]) -> None:
        if self.quiet_sql or not (self.json_mode or self.verbose):
            return
        if isinstance(params, dict):
            shown: Any = {k: v for k, v in params.items()}
        else:
            shown = list(params) if params else []
        self.emit({"event": "sql", "sql": sql, "params": shown})

    def output(self, text: str) -> None:
        self.emit({"event": "output", "text": text})

    def _human(self, event: Dict[str, Any]) -> Optional[str]:
        kind = event["event"]
        if kind == "start":
            return f"{event['command']} {event['db']}{' (dry run)' if event.get('dry_run') else ''}"
        if kind == "step":
            kind = {"framework": "erudi", "cube": f"cube {event.get('cube')}"}.get(event["kind"], "model")
            return f"== {kind} {event['version']}"
        if kind == "script":
            return f"-> {event.get('display', event['file'])}"
        if kind == "sql":
            params = f"  {event['params']!r}" if event["params"] else ""
            return f"   {event['sql']}{params}"
        if kind == "output":
            return event["text"].rstrip("\n")
        if kind == "error":
            return None  # the CLI prints the one-line cause on stderr itself
        if kind == "done":
            return {"committed": "done: committed", "rolled-back": "done: rolled back",
                    "partly-committed": "done: stopped; part of a step was committed (see the error)",
                    "dry-run": "done: dry run, everything rolled back"}[event["status"]]
        if kind == "backup":
            return f"backup: {event['path']}"
        if kind == "config":
            lines = []
            for change in event.get("changes", []):
                if isinstance(change, dict):
                    change = " ".join(f"{k}={v}" for k, v in change.items() if v is not None)
                lines.append(f"config: {change}")
            if event.get("file") and lines:
                lines.append(f"config: {'saved to' if event.get('saved') else 'not saved (dry run):'} {event['file']}")
            return "\n".join(lines) or None
        if kind == "notice":
            return event["text"]
        if kind == "question":
            return f"? {event['question']} -> {'yes' if event['answer'] else 'no'} (answered by {event['reason']})"
        if kind == "warning":
            return "warning: " + event["text"]
        return None


class OutputStream(io.TextIOBase):
    """Stands in for sys.stdout while a script runs: each line it prints becomes an `output` event."""

    def __init__(self, sink: EventSink) -> None:
        self.sink = sink
        self.buffer_text = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.buffer_text += text
        while "\n" in self.buffer_text:
            line, self.buffer_text = self.buffer_text.split("\n", 1)
            self.sink.output(line)
        return len(text)

    def flush(self) -> None:
        if self.buffer_text:
            self.sink.output(self.buffer_text)
            self.buffer_text = ""
