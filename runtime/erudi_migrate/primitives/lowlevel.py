"""The low-level primitives: sql/sqlexec, install_custom_sql_scripts, and repairs (add_entity_type_table,
add_relation_type_table, uninline_relation)."""
from __future__ import annotations

import glob
import os
import re

from ..errors import MigrationError
from ..sql_script import split_statements
from ..transaction_control import ADVICE, keyword_of
from ..schema.model import RelationType
from ..storage import column, relation_table, table
from . import primitive
from .schema import _entity, _relation


# %(name)s, %s and %% outside quoted text and comments: CubicWeb's (psycopg's) way of binding arguments.
_PYFORMAT = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|%\((\w+)\)s|%s|%%")


def sqlite_paramstyle(sql, args):
    """SQL written for psycopg (%(name)s with a dict, %s with a sequence) as sqlite3 binds it (:name, ?)."""
    def replace(match):
        text = match.group(0)
        if match.group(1):
            return ":" + match.group(1)
        return {"%s": "?", "%%": "%"}.get(text, text)
    if args is None or "%" not in sql:
        return sql
    return _PYFORMAT.sub(replace, sql)


def _refuse_transaction_control(sql, name):
    if not isinstance(sql, str):
        raise MigrationError(f"{name} takes the SQL as a string, not {type(sql).__name__}")
    for statement, _line in split_statements(sql):
        keyword = keyword_of(statement)
        if keyword:  # refused before it runs: it would commit half a step without its version
            raise MigrationError(f"{name}({keyword.upper()}...) would end the runtime's transaction; {ADVICE}")


def run_sql(ctx, sql, args, name):
    """Executes one SQL statement with its arguments, CubicWeb's style on both databases; the cursor."""
    _refuse_transaction_control(sql, name)
    if args is not None and not isinstance(args, (dict, list, tuple)):
        raise MigrationError(f"{name}: args must be a dict (for %(name)s) or a sequence (for %s), not "
                             f"{type(args).__name__}")
    if ctx.dialect.param == "?":
        sql = sqlite_paramstyle(sql, args)
    return ctx.db.execute(sql, args if args else None)


def _rows(cursor):
    return [tuple(row) for row in cursor.fetchall()] if cursor.description else []


@primitive("sqlexec")
def sqlexec(ctx, sql, args=None, ask_confirm=True):
    _refuse_transaction_control(sql, "sqlexec")
    if ask_confirm and not ctx.confirm(f"Execute SQL: {str(sql).strip()} ?"):
        return []
    return _rows(run_sql(ctx, sql, args, "sqlexec"))


@primitive("sql")
def sql(ctx, sql, args=None, ask_confirm=True):
    """CubicWeb's sql(): the same as the guide's sqlexec()."""
    _refuse_transaction_control(sql, "sql")
    if ask_confirm and not ctx.confirm(f"Execute sql: {str(sql).strip()} ?"):
        return []
    return _rows(run_sql(ctx, sql, args, "sql"))


def _custom_sql_statements(text):
    """CubicWeb's custom SQL files separate statements with ;; (bodies of functions hold plain ;)."""
    return [part.strip() for part in text.split(";;") if part.strip() and not all(
        line.strip().startswith("--") or not line.strip() for line in part.strip().splitlines())]


@primitive("install_custom_sql_scripts")
def install_custom_sql_scripts(ctx, cube=None):
    if cube is None:
        base = ctx.application.directory
    else:
        from .cubes import cube_directory
        base = cube_directory(ctx, cube)
    driver = "postgres" if ctx.dialect.name == "postgresql" else ctx.dialect.name
    for path in sorted(glob.glob(os.path.join(base, "schema", f"*.{driver}.sql"))):
        ctx.events.output(f"-> installing {os.path.relpath(path, base)}")
        with open(path, encoding="utf-8") as handle:
            for statement in _custom_sql_statements(handle.read()):
                try:
                    ctx.db.execute(statement)
                except Exception as error:
                    from ..execution import describe
                    raise MigrationError(f"install_custom_sql_scripts: {describe(error)}", file=path)


@primitive("add_entity_type_table")
def add_entity_type_table(ctx, etype, commit=True):
    _entity(ctx, etype)
    if ctx.storage.table_exists(table(etype)):
        raise MigrationError(f"table {table(etype)} already exists")
    ctx.storage.create_entity_table(ctx.repo_schema, etype)


@primitive("add_relation_type_table")
def add_relation_type_table(ctx, rtype, commit=True):
    relation = _relation(ctx, rtype)
    if relation.final or relation.inlined:
        raise MigrationError(f"{rtype} is {'an attribute' if relation.final else 'inlined'}: it has no table of its own")
    if ctx.storage.table_exists(relation_table(rtype)):
        raise MigrationError(f"table {relation_table(rtype)} already exists")
    ctx.storage.create_relation_table(rtype)


@primitive("uninline_relation")
def uninline_relation(ctx, rtype, commit=True):
    relation = _relation(ctx, rtype)
    if relation.final or not relation.inlined:
        raise MigrationError(f"{rtype} is not an inlined relation")
    subjects = list(dict.fromkeys(d.subject for d in ctx.repo_schema.definitions_of(rtype)))
    if not ctx.storage.table_exists(relation_table(rtype)):
        ctx.storage.create_relation_table(rtype)
    col = column(rtype)
    for subject in subjects:
        ctx.db.execute(f"INSERT INTO {relation_table(rtype)} (eid_from, eid_to) "
                       f"SELECT cw_eid, {col} FROM {table(subject)} WHERE {col} IS NOT NULL")
    props = dict(relation.props)
    props.pop("inlined", None)
    ctx.schema_store.save_relation(RelationType(rtype, False, props))
    for subject in subjects:
        ctx.storage.sync_indexes(ctx.repo_schema, subject, dropping=col)
        ctx.dialect.drop_column(ctx.db, table(subject), col)
