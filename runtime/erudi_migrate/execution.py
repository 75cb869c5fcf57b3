"""Runs one migration script (.py in its namespace, or .sql statement by statement) and turns any
failure into a MigrationError carrying the script's file and line."""
from __future__ import annotations

import contextlib
import os
import traceback

from . import computed
from .context import MigrationContext, build_namespace
from .errors import Interrupted, MigrationError
from .events import OutputStream
from .script_imports import script_package
from .scripts import MigrationScript
from .source_text import read_source
from .sql_script import split_statements


def run_script(ctx: MigrationContext, script: MigrationScript, display: str) -> None:
    ctx.script, ctx.mode = script, script.mode
    ctx.events.emit({"event": "script", "file": script.path, "version": str(script.version), "mode": script.mode,
                     "display": display})
    ctx.script_stack.append((script.path, []))
    # Where commit() does not really commit (an upgrade step, a dry run), rollback() returns to the start
    # of the script or to its last commit(): a savepoint marks it.
    marked = script.ext == "py" and not ctx.commits_really()
    try:
        source = read_source(script.path)
        if marked:
            ctx.commit_point()
        computed.watch(ctx)
        if script.ext == "sql":
            _run_sql(ctx, script, source)
        else:
            _run_python(ctx, script, source)
        # the end of a script is where CubicWeb's precommit would have run: computed attributes follow
        computed.refresh(ctx)
        if marked:
            ctx.release_commit_point()
    finally:
        ctx.commit_point_set = False  # after a failure the whole transaction is rolled back anyway
        ctx.script_stack.pop()
        ctx.script, ctx.mode = None, None


def run_nested(ctx: MigrationContext, path: str, args, name: str = "__main__", mode: str = None):
    """Runs another script inside the current one (process_script): same context, same transaction,
    its own namespace; returns that namespace. A failure carries the nested script's file and line."""
    mode = mode or ctx.mode or "Any"
    ctx.script_stack.append((path, list(args)))
    try:
        source = read_source(path)
        if path.endswith(".sql"):
            for statement, line in split_statements(source):
                try:
                    ctx.db.execute(statement)
                except Exception as error:
                    raise MigrationError(describe(error), file=path, line=line)
            return {}
        try:
            code = compile(source, path, "exec")
        except SyntaxError as error:
            raise MigrationError(f"syntax error: {error.msg}", file=path, line=error.lineno)
        namespace = build_namespace(ctx, mode, path)
        namespace["__name__"] = name
        stream = OutputStream(ctx.events)  # also when run outside a script (create's event scripts)
        try:
            with contextlib.redirect_stdout(stream), script_package(path) as package:
                namespace["__package__"] = package
                exec(code, namespace)
        except (Interrupted, KeyboardInterrupt):
            raise
        except MigrationError as error:
            if error.file:
                raise
            raise MigrationError(error.message, file=path, line=error.line or _script_line(error, os.path.abspath(path)))
        except Exception as error:
            raise MigrationError(describe(error), file=path, line=_script_line(error, os.path.abspath(path)))
        finally:
            stream.flush()
        return namespace
    finally:
        ctx.script_stack.pop()


def _run_python(ctx: MigrationContext, script: MigrationScript, source: str) -> None:
    try:
        code = compile(source, script.path, "exec")
    except SyntaxError as error:
        raise MigrationError(f"syntax error: {error.msg}", file=script.path, line=error.lineno)
    namespace = build_namespace(ctx, script.mode, script.path)
    stream = OutputStream(ctx.events)
    try:
        with contextlib.redirect_stdout(stream), script_package(script.path) as package:
            namespace["__package__"] = package
            exec(code, namespace)
    except (Interrupted, KeyboardInterrupt):
        raise
    except MigrationError as error:
        if error.file and error.file != script.path:  # raised by a script that process_script() ran
            raise
        raise MigrationError(error.message, file=script.path, line=error.line or _script_line(error, script.path))
    except SystemExit as error:
        raise MigrationError(f"the script called exit({error.code!r}): raise an exception to abort a migration",
                             file=script.path, line=_script_line(error, script.path))
    except BaseException as error:  # an Exception, or a BaseException subclass of the script's own: still a rollback
        raise MigrationError(describe(error), file=script.path, line=_script_line(error, script.path))
    finally:
        stream.flush()


def _run_sql(ctx: MigrationContext, script: MigrationScript, source: str) -> None:
    for statement, line in split_statements(source):
        try:
            ctx.db.execute(statement)
        except (Interrupted, KeyboardInterrupt):
            raise
        except Exception as error:
            raise MigrationError(describe(error), file=script.path, line=line)


def _script_line(error: BaseException, path: str):
    """The deepest line of the script itself in the traceback (where the script called what failed)."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if os.path.abspath(frame.filename) == path:
            line = frame.lineno
    return line


def describe(error: BaseException) -> str:
    """One readable line: the database's own message for database errors, else type and message."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    module = type(error).__module__ or ""
    if module.startswith(("sqlite3", "psycopg")):
        return f"database error: {text}"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
