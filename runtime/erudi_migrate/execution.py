"""Runs one migration script (.py in its namespace, or .sql statement by statement) and turns any
failure into a MigrationError carrying the script's file and line."""
from __future__ import annotations

import contextlib
import os
import traceback

from .context import MigrationContext, build_namespace
from .errors import Interrupted, MigrationError
from .events import OutputStream
from .scripts import MigrationScript
from .source_text import read_source
from .sql_script import split_statements


def run_script(ctx: MigrationContext, script: MigrationScript, display: str) -> None:
    ctx.script, ctx.mode = script, script.mode
    ctx.events.emit({"event": "script", "file": script.path, "version": str(script.version), "mode": script.mode,
                     "display": display})
    try:
        source = read_source(script.path)
        if script.ext == "sql":
            _run_sql(ctx, script, source)
        else:
            _run_python(ctx, script, source)
    finally:
        ctx.script, ctx.mode = None, None


def _run_python(ctx: MigrationContext, script: MigrationScript, source: str) -> None:
    try:
        code = compile(source, script.path, "exec")
    except SyntaxError as error:
        raise MigrationError(f"syntax error: {error.msg}", file=script.path, line=error.lineno)
    namespace = build_namespace(ctx, script.mode, script.path)
    stream = OutputStream(ctx.events)
    try:
        with contextlib.redirect_stdout(stream):
            exec(code, namespace)
    except (Interrupted, KeyboardInterrupt):
        raise
    except MigrationError as error:
        raise MigrationError(error.message, file=script.path, line=error.line or _script_line(error, script.path))
    except SystemExit as error:
        raise MigrationError(f"the script called exit({error.code!r}): raise an exception to abort a migration",
                             file=script.path, line=_script_line(error, script.path))
    except Exception as error:
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
