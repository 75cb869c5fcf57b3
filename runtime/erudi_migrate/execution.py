"""Runs one migration script (.py in its namespace, or .sql statement by statement) and turns any
failure into a MigrationError carrying the script's file and line."""
from __future__ import annotations

import contextlib
import os
import re
import traceback

from . import computed, schema_entities
from .context import MigrationContext, build_namespace
from .errors import Interrupted, MigrationError
from .events import OutputStream
from .script_errors import unknown_name_message
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
        schema_entities.sync_if_changed(ctx)
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
            raise _syntax_failure(error, path, source)
        namespace = build_namespace(ctx, mode, path)
        namespace["__name__"] = name
        stream = OutputStream(ctx.events)  # also when run outside a script (create's event scripts)
        try:
            with contextlib.redirect_stdout(stream), script_package(path) as package:
                namespace["__package__"] = package
                exec(code, namespace)
                ctx.db.write_pending()  # rql()'s batched SETs: a refused row is reported at its line
        except (Interrupted, KeyboardInterrupt):
            raise
        except MigrationError as error:
            if error.file:
                raise
            raise script_failure(error, path, source, mode, namespace) from error
        except Exception as error:
            raise script_failure(error, path, source, mode, namespace) from error
        finally:
            stream.flush()
        return namespace
    finally:
        ctx.script_stack.pop()


def _run_python(ctx: MigrationContext, script: MigrationScript, source: str) -> None:
    try:
        code = compile(source, script.path, "exec")
    except SyntaxError as error:
        raise _syntax_failure(error, script.path, source)
    namespace = build_namespace(ctx, script.mode, script.path)
    stream = OutputStream(ctx.events)
    try:
        with contextlib.redirect_stdout(stream), script_package(script.path) as package:
            namespace["__package__"] = package
            exec(code, namespace)
            ctx.db.write_pending()  # rql()'s batched SETs: a refused row is reported at its line
    except (Interrupted, KeyboardInterrupt):
        raise
    except MigrationError as error:
        if error.file and error.file != script.path:  # raised by a script that process_script() ran
            raise
        raise script_failure(error, script.path, source, script.mode, namespace) from error
    except BaseException as error:  # an Exception, or a BaseException subclass of the script's own: still a rollback
        raise script_failure(error, script.path, source, script.mode, namespace) from error
    finally:
        stream.flush()


def script_failure(error: BaseException, path: str, source: str, mode: str, namespace) -> MigrationError:
    """What the user reads of a script's failure, as the checker would say it: file, line, the source line with a
    caret under the call that failed (the script's own frame, never the runtime's internals), and for a NameError
    the catalog's view (a repository-side name in a web/common script, or the closest name)."""
    path_abs = os.path.abspath(path)
    line, column, end_column = _script_position(error, path_abs)
    if isinstance(error, MigrationError):
        message, line = error.message, error.line or line
    elif isinstance(error, SystemExit):
        message = f"the script called exit({error.code!r}): raise an exception to abort a migration"
    elif isinstance(error, NameError) and _raised_by_script(error, path_abs) and _missing_name(error):
        message = unknown_name_message(_missing_name(error), mode, list(namespace))
    else:
        message = describe(error)
    text = _source_line(source, line)
    if text is not None and column is not None:
        column, end_column = _character_column(text, column), _character_column(text, end_column)
    return MigrationError(message, file=path, line=line, source=text, column=column, end_column=end_column)


def _syntax_failure(error: SyntaxError, path: str, source: str) -> MigrationError:
    text = _source_line(source, error.lineno)
    end = getattr(error, "end_offset", None) if getattr(error, "end_lineno", None) == error.lineno else None
    return MigrationError(f"syntax error: {error.msg}", file=path, line=error.lineno, source=text,
                          column=error.offset or None, end_column=end or None)


def _source_line(source: str, line) -> "str | None":
    if not line:
        return None
    lines = source.splitlines()  # read_source ended every line at \n, \r\n or a lone \r
    return lines[line - 1] if 0 < line <= len(lines) else None


def _character_column(text: str, byte_column):
    """Python's traceback columns count UTF-8 bytes from 0; the caret counts characters from 1."""
    if byte_column is None:
        return None
    return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore")) + 1


def _raised_by_script(error: BaseException, path: str) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and os.path.abspath(frames[-1].filename) == path


def _missing_name(error: NameError):
    name = getattr(error, "name", None)  # Python 3.10+
    if name:
        return name
    match = re.match(r"name '(\w+)' is not defined", str(error))
    return match.group(1) if match else None


def _run_sql(ctx: MigrationContext, script: MigrationScript, source: str) -> None:
    for statement, line in split_statements(source):
        try:
            ctx.db.execute(statement)
        except (Interrupted, KeyboardInterrupt):
            raise
        except Exception as error:
            raise MigrationError(describe(error), file=script.path, line=line)


def _script_position(error: BaseException, path: str):
    """(line, start, end) of the deepest frame of the script itself: where the script called what failed; the
    columns count UTF-8 bytes from 0 (Python 3.11+), the end only when the call is on one line."""
    found = (None, None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if os.path.abspath(frame.filename) == path:
            same_line = getattr(frame, "end_lineno", None) == frame.lineno
            found = (frame.lineno, getattr(frame, "colno", None), getattr(frame, "end_colno", None) if same_line else None)
    return found


def describe(error: BaseException) -> str:
    """One readable line: the database's own message for database errors, else type and message."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    module = type(error).__module__ or ""
    if module.startswith(("sqlite3", "psycopg")):
        return f"database error: {text}"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
