"""The context names every script sees (DESIGN 1.4 and CubicWeb 3.28's namespace): versions, confirm, _,
checkpoint/commit/rollback, the schemas, sqlcursor, repo, versions_map, __file__/__args__, process_script
and exec_event_script."""
from __future__ import annotations

import os

from ..errors import MigrationError
from ..versions import Version
from . import context_value, primitive
from .yams_schema import YamsSchema


@context_value("interactive_mode")
def interactive_mode(ctx):
    return ctx.interactive


@context_value("appltemplversion")
def appltemplversion(ctx):
    return ctx.versions["appltemplversion"]


@context_value("applerudiversion")
def applerudiversion(ctx):
    return ctx.versions["applerudiversion"]


@context_value("templversion")
def templversion(ctx):
    return ctx.versions["templversion"]


@context_value("erudiversion")
def erudiversion(ctx):
    return ctx.versions["erudiversion"]


@context_value("repo_schema")
def repo_schema(ctx):
    return ctx.repo_schema


@context_value("newschema")
def newschema(ctx):
    return ctx.newschema


@context_value("sqlcursor")
def sqlcursor(ctx):
    return ctx.db.cursor()


@context_value("repo")
def repo(ctx):
    return ctx.repository


@context_value("schema")
def schema(ctx):
    return YamsSchema(lambda: ctx.repo_schema, "the database")


@context_value("fsschema")
def fsschema(ctx):
    return YamsSchema(lambda: ctx.newschema, "the schema files")


@context_value("versions_map")
def versions_map(ctx):
    """CubicWeb's {component: (stored, installed)}: the framework as 'erudi', the application by its name."""
    def pair(stored, installed):
        return (tuple(Version.of(stored)), tuple(Version.of(installed)))
    versions = ctx.versions
    result = {"erudi": pair(versions["applerudiversion"], versions["erudiversion"]),
              ctx.application_name: pair(versions["appltemplversion"], versions["templversion"])}
    result.update(ctx.state.get("cube_versions", {}))
    return result


@context_value("__file__")
def file_(ctx):
    return ctx.script_stack[-1][0] if ctx.script_stack else None


@context_value("__args__")
def args_(ctx):
    return list(ctx.script_stack[-1][1]) if ctx.script_stack else []


@primitive("confirm")
def confirm(ctx, question, shell=True, abort=True, retry=False, pdb=False, default='y', traceback=None):
    """CubicWeb's confirm(). `shell` and `pdb` answers are not offered (no interactive shell here)."""
    if traceback and ctx.interactive:
        ctx.events.output(str(traceback))
    return ctx.confirm(question, default=default, abort=abort, retry=retry)


@primitive("_")
def _(ctx, msg):
    return msg


@primitive("checkpoint")
def checkpoint(ctx, ask_confirm=True):
    ctx.checkpoint(ask_confirm)


@primitive("commit")
def commit(ctx, ask_confirm=True):
    """CubicWeb's commit() is its checkpoint(): see MigrationContext.checkpoint and ARCHITECTURE.md."""
    ctx.checkpoint(ask_confirm, name="commit")


@primitive("rollback")
def rollback(ctx, ask_confirm=True):
    if ask_confirm is True and not ctx.confirm("Roll back to the last commit()?"):
        return
    ctx.rollback_to_commit_point()


def _script_path(ctx, migrscript):
    """A path as process_script takes it: absolute, or relative to the calling script's folder (CubicWeb
    takes it from the current directory, which is where cubicweb-ctl runs: the calling script's folder is
    what scripts mean)."""
    if not isinstance(migrscript, str) or not migrscript:
        raise MigrationError(f"process_script: give the path of a script, not {migrscript!r}")
    if not os.path.isabs(migrscript):
        base = os.path.dirname(ctx.script_stack[-1][0]) if ctx.script_stack else os.getcwd()
        candidate = os.path.join(base, migrscript)
        migrscript = candidate if os.path.exists(candidate) or not os.path.exists(migrscript) else migrscript
    return os.path.abspath(os.path.normpath(migrscript))


@primitive("process_script")
def process_script(ctx, migrscript, funcname=None, *args, **kwargs):
    from ..execution import run_nested
    path = _script_path(ctx, migrscript)
    if not path.endswith((".py", ".sql")):
        raise MigrationError(f"process_script({migrscript!r}): not a script (.py, or .sql repository side)")
    if path.endswith(".sql") and ctx.mode not in ("Any", "repository"):
        raise MigrationError(f"process_script({migrscript!r}): .sql scripts run on the repository side only")
    if not os.path.isfile(path):
        raise MigrationError(f"process_script: no such script {path}")
    scriptargs = kwargs.pop("scriptargs", [])
    name = "__main__" if funcname is None else os.path.splitext(os.path.basename(path))[0]
    namespace = run_nested(ctx, path, scriptargs, name)
    if funcname is None:
        return None
    function = namespace.get(funcname)
    if not callable(function):
        raise MigrationError(f"process_script: {os.path.basename(path)} defines no function {funcname!r}")
    return function(*args, **kwargs)


EVENTS = ("precreate", "postcreate", "preremove", "postremove")


@primitive("exec_event_script")
def exec_event_script(ctx, event, cube=None, funcname=None, *args, **kwargs):
    """Runs migration/<event>.py of a cube (or of the application) without questions, as CubicWeb does."""
    if event not in EVENTS:
        raise MigrationError(f"exec_event_script: event must be one of {', '.join(EVENTS)}, not {event!r}")
    if cube is None:
        folder = ctx.application.migration_dir
    else:
        from .cubes import cube_directory
        folder = os.path.join(cube_directory(ctx, cube), "migration")
    path = os.path.join(folder, event + ".py")
    if not os.path.isfile(path):
        return None
    saved, ctx.interactive = ctx.interactive, False
    try:
        return process_script(ctx, path, funcname, *args, **kwargs)
    finally:
        ctx.interactive = saved
