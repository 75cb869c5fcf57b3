"""depends.map (DESIGN 1.3): which framework version each model version needs, and the interleaved plan."""
from __future__ import annotations

import os
from typing import List, NamedTuple, Optional, Tuple

from .errors import MigrationError
from .source_text import read_source, split_lines
from .versions import Version

# The only whitespace around entries and ":" (the editor's parser, server/src/core/depends-map.ts, has the same rule).
_BLANKS = " \t"


class DependsLine(NamedTuple):
    """One line of the file: kind is "blank", "comment", "entry" (model and erudi set) or "error"."""
    number: int
    kind: str
    model: Optional[Version] = None
    erudi: Optional[Version] = None


def classify_lines(text: str) -> List[DependsLine]:
    """Every line of a depends.map text, as the editor classifies it (never raises)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    result: List[DependsLine] = []
    for number, raw in enumerate(split_lines(text), start=1):
        line = raw.strip(_BLANKS)
        if not line:
            result.append(DependsLine(number, "blank"))
        elif line.startswith("#"):
            result.append(DependsLine(number, "comment"))
        else:
            left, colon, right = line.partition(":")
            model = Version.parse(left) if colon else None
            erudi = Version.parse(right) if colon else None
            if model is None or erudi is None:
                result.append(DependsLine(number, "error"))
            else:
                result.append(DependsLine(number, "entry", model, erudi))
    return result


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
        return cls.parse(read_source(path), path)

    @classmethod
    def parse(cls, text: str, path: Optional[str] = None) -> "DependsMap":
        entries: List[DependsEntry] = []
        lines = split_lines(text[1:] if text.startswith("\ufeff") else text)
        for number, kind, model, erudi in classify_lines(text):
            if kind in ("blank", "comment"):
                continue
            if kind == "error":
                shown = lines[number - 1].strip(_BLANKS)
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                raise MigrationError(f"line {number}: {shown!r} is not '<model X.Y.Z> : <erudi X.Y.Z>' (three "
                                     f"integers without leading zeros each, below 2^53)", file=path, line=number)
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
