"""The migration context handed to primitives, and the namespace of DESIGN 1.4 built from catalog.json."""
from __future__ import annotations

import builtins
import functools
import inspect
import json
import os
import sys
from typing import Any, Callable, Dict, List, Optional

from . import catalog, faults, script_errors
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
        self.storage = Storage(db, lambda: self.repo_schema)
        self.application = application
        self.options = options
        self.events = events
        self.newschema = newschema
        self.versions = dict(versions)
        self.upgrading = upgrading
        self.stdin = stdin or sys.stdin
        # Who answers questions: "auto" (--non-interactive / --yes: yes, printed and sent as a `question`
        # event), "ask" (a terminal, or --json: the caller answers), "none" (neither: a question stops the run).
        self.answers = "auto" if options.non_interactive else ("ask" if options.json or _isatty(self.stdin) else "none")
        self.interactive = self.answers == "ask"
        self.schema_store: Optional[SchemaStore] = None
        self.script = None
        self.mode: Optional[str] = None
        self.state: Dict[str, Any] = {}
        self.repository = Repository(self)
        self._finish: List[Callable[[str], None]] = []
        self._commit: List[Callable[[], None]] = []
        self._before_commit: List[Callable[[str], None]] = []
        self._confirm_id = 0
        # (path, __args__) of the scripts being run, innermost last (process_script nests them).
        self.script_stack: List[tuple] = []
        # True once the current script's commit point (a savepoint) exists: see commit_point().
        self.commit_point_set = False

    @property
    def repo_schema(self) -> Schema:
        if self.schema_store is None:
            self.schema_store = SchemaStore.load(self.db)
        return self.schema_store.schema

    @property
    def application_name(self) -> str:
        """The application's name as CubicWeb names a cube: its folder without `cubicweb_`/`cubicweb-`."""
        name = os.path.basename(self.application.directory)
        for prefix in ("cubicweb_", "cubicweb-"):
            if name.startswith(prefix):
                name = name[len(prefix):]
        return name

    def reload_schema(self) -> None:
        self.schema_store = SchemaStore.load(self.db)

    # hooks ------------------------------------------------------------------------------
    def on_finish(self, fn: Callable[[str], None]) -> None:
        self._finish.append(fn)

    def on_commit(self, fn: Callable[[], None]) -> None:
        self._commit.append(fn)

    def on_before_commit(self, fn: Callable[[str], None]) -> None:
        """`fn(what)` runs inside the transaction about to commit (`what` names it: a step, a checkpoint):
        what it writes is committed with it (the configuration journal)."""
        self._before_commit.append(fn)

    def finish(self, status: str) -> None:
        for fn in self._finish:
            fn(status)

    def commit(self, what: str = "the run") -> None:
        """A real commit (not in a dry run): the on_before_commit hooks in the transaction, then the on_commit
        hooks."""
        from . import computed, schema_entities
        schema_entities.sync_if_changed(self)
        computed.refresh(self)  # CubicWeb recomputes them before its commit
        for fn in self._before_commit:
            fn(what)
        faults.point("before-commit")
        self.db.commit()
        faults.point("committed")
        for fn in self._commit:
            fn()

    # commit() and rollback() of CubicWeb's API ---------------------------------------------
    def commits_really(self) -> bool:
        """False inside an upgrade step or a dry run: there commit() only marks where rollback() returns to."""
        return not self.upgrading and not self.options.dry_run

    def commit_point(self) -> None:
        """Marks the point rollback() returns to (a savepoint in the step's transaction)."""
        if self.commit_point_set:
            self.db.raw_execute("RELEASE SAVEPOINT erudi_commit_point")
        self.db.raw_execute("SAVEPOINT erudi_commit_point")
        self.commit_point_set = True

    def release_commit_point(self) -> None:
        if self.commit_point_set:
            self.db.raw_execute("RELEASE SAVEPOINT erudi_commit_point")
            self.commit_point_set = False

    def rollback_to_commit_point(self) -> None:
        """Undoes the work since the last commit point, and forgets the schema read since."""
        if self.commits_really():
            self.db.rollback()
            self.db.begin()
        elif self.commit_point_set:
            self.db.raw_execute("ROLLBACK TO SAVEPOINT erudi_commit_point")
        else:
            raise MigrationError("rollback(): nothing to return to in this step (no commit point); "
                                 "raise an exception to abort the whole step instead")
        self.reload_schema()

    # what scripts call ------------------------------------------------------------------
    def confirm(self, question: str, default: Optional[str] = None, abort: bool = False, retry: bool = False):
        """CubicWeb's confirm: the answer (an empty answer is `default` on a terminal, 2 for "retry" when
        offered, "abort" stops the run). Never answered silently: with --non-interactive the automatic yes is
        printed and sent as a `question` event; with nobody to answer (no terminal, no --json, no
        --non-interactive) the first question stops the run, which rolls the step back."""
        if self.answers == "none":
            raise MigrationError(f"the script asks {question!r} but nobody can answer: stdin is not a terminal. "
                                 "Rerun with --non-interactive (or --yes) to answer yes to every question (each is "
                                 "printed), from a terminal to answer each, or with --json to answer on stdin")
        if self.answers == "auto" or not self.interactive:
            why = "--non-interactive" if self.answers == "auto" else "not interactive here"
            self.events.emit({"event": "question", "question": question, "answer": True, "automatic": True,
                              "reason": why, "script": self.script.path if self.script else None})
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
        choices = ("Y/n" if default == "y" else "y/N") + ("/retry" if retry else "") + ("/abort" if abort else "")
        sys.__stderr__.write(f"{question} [{choices}] ")
        sys.__stderr__.flush()
        answer = self.stdin.readline().strip().lower() or (default or "n")
        if abort and answer == "abort":
            raise MigrationError(f"aborted: answered 'abort' to {question!r}")
        if retry and answer == "retry":
            return 2
        return answer in ("y", "yes", "o", "oui")

    def checkpoint(self, ask_confirm: bool = True, name: str = "checkpoint") -> None:
        if self.upgrading:
            self.events.output(f"{name}(): deferred to the end of this version step "
                               "(a step commits together with its version)")
            self.commit_point()
            return
        if self.options.dry_run:
            self.events.output(f"{name}(): dry run, nothing is committed")
            self.commit_point()
            return
        if ask_confirm and not self.confirm("Commit now?"):
            return
        self.commit(f"{name}() of {os.path.basename(self.script.path) if self.script else 'the run'}")
        self.db.begin()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


_SIGNATURES: Dict[Callable, inspect.Signature] = {}


def bind(fn: Callable, ctx: MigrationContext, name: str = "", interact: bool = False) -> Callable:
    """fn with ctx given: what a script calls, with the catalog's signature (without ctx).

    `interact` (catalog entries of CubicWeb's commands): the call also takes `ask_confirm`, as CubicWeb's
    `interact` wrapper does. Not interactive, the command runs (CubicWeb's confirm is then `yes`). In an
    interactive run the command asks only when the script passes ask_confirm=True itself: the run was
    confirmed as a whole before it started, and a question per command would stop every upgrade."""
    @functools.wraps(fn)
    def bound(*args, **kwargs):
        if interact and "ask_confirm" in kwargs:
            if kwargs.pop("ask_confirm"):
                shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
                if not ctx.confirm(f"Execute command: {name}({shown}) ?"):
                    return None
        try:
            return fn(ctx, *args, **kwargs)
        except TypeError as error:
            # Raised by the call itself (no frame of fn entered): the script's arguments do not fit. Say it as the
            # checker does, counting the script's arguments and showing the signature without the context.
            if error.__traceback__ is None or error.__traceback__.tb_next is not None:
                raise
            entry = script_errors.entry_named(name) if name else None
            problems = script_errors.binding_problems(entry, args, kwargs) if entry else []
            if not problems:
                raise
            raise MigrationError(problems[0]) from None
    if fn not in _SIGNATURES:
        signature = inspect.signature(fn)
        parameters = list(signature.parameters.values())[1:]
        if interact:
            ask = inspect.Parameter("ask_confirm", inspect.Parameter.KEYWORD_ONLY, default=True)
            at = next((i for i, p in enumerate(parameters) if p.kind is inspect.Parameter.VAR_KEYWORD), len(parameters))
            parameters.insert(at, ask)
        _SIGNATURES[fn] = signature.replace(parameters=parameters)
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
                functions[name] = bind(FUNCTIONS[name], ctx, name, bool(entry.get("interact")))
        cache[mode] = (functions, values)
    functions, values = cache[mode]
    namespace: Dict[str, Any] = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
    namespace.update(functions)
    for name in values:
        namespace[name] = VALUES[name](ctx)
    return namespace
