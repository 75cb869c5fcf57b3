"""The migration context handed to primitives, and the namespace of DESIGN 1.4 built from catalog.json."""
from __future__ import annotations

import builtins
import functools
import inspect
import json
import sys
from typing import Any, Callable, Dict, List, Optional

from . import catalog
from .errors import MigrationError
from .primitives import FUNCTIONS, VALUES, load_all
from .schema.model import Schema
from .schema.persisted import SchemaStore
from .storage import Storage


class Repository:
    """What `repo` is in a script: the database, its dialect and the persisted schema."""

    def __init__(self, ctx: "MigrationContext") -> None:
        self._ctx = ctx
        self.db = ctx.db
        self.dialect = ctx.dialect
        self.url = ctx.db.url.text

    @property
    def schema(self) -> Schema:
        return self._ctx.repo_schema

    def execute(self, sql: str, params=None):
        return self.db.execute(sql, params)


class MigrationContext:
    def __init__(self, db, application, options, events, newschema: Schema, versions: Dict[str, str],
                 upgrading: bool = False, stdin=None) -> None:
        self.db = db
        self.dialect = db.dialect
        self.storage = Storage(db)
        self.application = application
        self.options = options
        self.events = events
        self.newschema = newschema
        self.versions = dict(versions)
        self.upgrading = upgrading
        self.stdin = stdin or sys.stdin
        self.interactive = not options.non_interactive and (options.json or _isatty(self.stdin))
        self.schema_store: Optional[SchemaStore] = None
        self.script = None
        self.mode: Optional[str] = None
        self.state: Dict[str, Any] = {}
        self.repository = Repository(self)
        self._finish: List[Callable[[str], None]] = []
        self._commit: List[Callable[[], None]] = []
        self._confirm_id = 0

    @property
    def repo_schema(self) -> Schema:
        if self.schema_store is None:
            self.schema_store = SchemaStore.load(self.db)
        return self.schema_store.schema

    def reload_schema(self) -> None:
        self.schema_store = SchemaStore.load(self.db)

    # hooks ------------------------------------------------------------------------------
    def on_finish(self, fn: Callable[[str], None]) -> None:
        self._finish.append(fn)

    def on_commit(self, fn: Callable[[], None]) -> None:
        self._commit.append(fn)

    def finish(self, status: str) -> None:
        for fn in self._finish:
            fn(status)

    def commit(self) -> None:
        """A real commit (not in a dry run), then the on_commit hooks."""
        self.db.commit()
        for fn in self._commit:
            fn()

    # what scripts call ------------------------------------------------------------------
    def confirm(self, question: str) -> bool:
        if not self.interactive:
            return True
        if self.options.json:
            self._confirm_id += 1
            self.events.emit({"event": "confirm", "id": self._confirm_id, "question": question})
            line = self.stdin.readline()
            if not line:
                raise MigrationError(f"confirm({question!r}): no answer on stdin (it was closed)")
            try:
                answer = json.loads(line)
            except ValueError:
                raise MigrationError(f"confirm: the answer on stdin is not JSON: {line.strip()!r}")
            if not isinstance(answer, dict) or answer.get("id") != self._confirm_id or not isinstance(answer.get("answer"), bool):
                raise MigrationError(f'confirm: expected {{"id": {self._confirm_id}, "answer": true|false}} on stdin, got {line.strip()!r}')
            return answer["answer"]
        sys.__stderr__.write(f"{question} [y/N] ")
        sys.__stderr__.flush()
        return self.stdin.readline().strip().lower() in ("y", "yes", "o", "oui")

    def checkpoint(self, ask_confirm: bool = True) -> None:
        if self.upgrading:
            self.events.output("checkpoint(): deferred to the end of this version step "
                               "(a step commits together with its version)")
            return
        if self.options.dry_run:
            self.events.output("checkpoint(): dry run, nothing is committed")
            return
        if ask_confirm and self.interactive and not self.confirm("Commit now?"):
            return
        self.commit()
        self.db.begin()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


_SIGNATURES: Dict[Callable, inspect.Signature] = {}


def bind(fn: Callable, ctx: MigrationContext) -> Callable:
    """fn with ctx given: what a script calls, with the catalog's signature (without ctx)."""
    @functools.wraps(fn)
    def bound(*args, **kwargs):
        return fn(ctx, *args, **kwargs)
    if fn not in _SIGNATURES:
        signature = inspect.signature(fn)
        _SIGNATURES[fn] = signature.replace(parameters=list(signature.parameters.values())[1:])
    bound.__signature__ = _SIGNATURES[fn]  # type: ignore[attr-defined]
    return bound


def build_namespace(ctx: MigrationContext, mode: str, path: str) -> Dict[str, Any]:
    """The names a script of `mode` sees: each catalog entry of that mode that has an implementation.
    Functions are bound once per context and mode; values are computed afresh for each script."""
    cache = ctx.state.setdefault("erudi.namespace", {})
    if mode not in cache:
        load_all()
        functions: Dict[str, Any] = {}
        values: List[str] = []
        for entry in catalog.entries():
            if mode not in catalog.modes_of(entry):
                continue
            name = entry["name"]
            if entry["kind"] == "value":
                if name in VALUES:
                    values.append(name)
            elif name in FUNCTIONS:
                functions[name] = bind(FUNCTIONS[name], ctx)
        cache[mode] = (functions, values)
    functions, values = cache[mode]
    namespace: Dict[str, Any] = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
    namespace.update(functions)
    for name in values:
        namespace[name] = VALUES[name](ctx)
    return namespace
