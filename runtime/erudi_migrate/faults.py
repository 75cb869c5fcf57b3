"""Fault injection for the crash tests: `ERUDI_TEST_FAULT` makes the runtime sleep at, or kill itself with
SIGKILL at, the points where an interrupted run must leave the instance consistent (never set in use)."""
from __future__ import annotations

import os
import signal
import time

_crossed = 0


def point(name: str) -> None:
    """`ERUDI_TEST_FAULT="kill-at=N"` kills the process at the N-th point crossed; `sleep=S` sleeps S seconds
    at every point (so a kill from outside lands between steps); `trace=FILE` appends each point's name."""
    spec = os.environ.get("ERUDI_TEST_FAULT")
    if not spec:
        return
    global _crossed
    _crossed += 1
    settings = dict(part.split("=", 1) for part in spec.split(",") if "=" in part)
    if "trace" in settings:
        with open(settings["trace"], "a", encoding="utf-8") as trace:
            trace.write(f"{_crossed} {name}\n")
    if "sleep" in settings:
        time.sleep(float(settings["sleep"]))
    if settings.get("kill-at") == str(_crossed):
        os.kill(os.getpid(), signal.SIGKILL)
