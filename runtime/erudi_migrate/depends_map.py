"""depends.map (DESIGN 1.3): which framework version each model version needs, and the interleaved plan."""
from __future__ import annotations

import os
import re
from typing import List, NamedTuple, Optional, Tuple

from .errors import MigrationError
from .versions import Version

_ENTRY = re.compile(r"^\s*(\S+)\s*:\s*(\S+)\s*\Z")


class DependsEntry(NamedTuple):
    model: Version
    erudi: Version
    line: int


class DependsMap(NamedTuple):
    path: Optional[str]
    entries: Tuple[DependsEntry, ...]

    @classmethod
    def read(cls, migration_dir: str) -> "DependsMap":
        path = os.path.join(migration_dir, "depends.map")
        if not os.path.isfile(path):
            return cls(None, ())
        with open(path, encoding="utf-8") as handle:
            return cls.parse(handle.read(), path)

    @classmethod
    def parse(cls, text: str, path: Optional[str] = None) -> "DependsMap":
        entries: List[DependsEntry] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            match = _ENTRY.match(line)
            model = Version.parse(match.group(1)) if match else None
            erudi = Version.parse(match.group(2)) if match else None
            if model is None or erudi is None:
                raise MigrationError(f"line {number}: {raw.strip()!r} is not '<model X.Y.Z> : <erudi X.Y.Z>'",
                                     file=path, line=number)
            if any(entry.model == model for entry in entries):
                raise MigrationError(f"line {number}: model version {model} is listed twice", file=path, line=number)
            entries.append(DependsEntry(model, erudi, number))
        entries.sort(key=lambda e: e.model)
        return cls(path, tuple(entries))

    def required_erudi(self, model: Version) -> Optional[Version]:
        """The framework version needed before migrating the model to `model`: the entry at or below it."""
        needed = None
        for entry in self.entries:
            if entry.model <= model:
                needed = entry.erudi if needed is None else max(needed, entry.erudi)
        return needed


class Step(NamedTuple):
    kind: str        # "framework" or "model"
    version: Version


def plan_steps(depends: DependsMap, model_versions: List[Version], framework_versions: List[Version],
               installed_erudi: Version) -> List[Step]:
    """Interleaves framework and model steps: before each model step, the framework steps it needs.

    `model_versions` and `framework_versions` are the pending steps of each, ascending; the framework
    steps left over run at the end. A model step that needs a framework newer than installed is refused
    here, before anything runs.
    """
    plan: List[Step] = []
    framework = list(framework_versions)
    for model in model_versions:
        needed = depends.required_erudi(model)
        if needed is not None and needed > installed_erudi:
            entry = max((e for e in depends.entries if e.model <= model), key=lambda e: e.erudi)
            raise MigrationError(
                f"model version {model} needs erudi {needed} (depends.map line {entry.line}) but the installed "
                f"runtime is erudi {installed_erudi}: upgrade the runtime first", file=depends.path, line=entry.line)
        while needed is not None and framework and framework[0] <= needed:
            plan.append(Step("framework", framework.pop(0)))
        plan.append(Step("model", model))
    plan.extend(Step("framework", version) for version in framework)
    return plan
