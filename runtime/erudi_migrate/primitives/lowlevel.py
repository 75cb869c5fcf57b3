"""The low-level primitives: sqlexec, and repairs (add_entity_type_table, add_relation_type_table,
uninline_relation)."""
from __future__ import annotations

from ..errors import MigrationError
from ..sql_script import split_statements
from ..transaction_control import ADVICE, keyword_of
from ..schema.model import RelationType
from ..storage import column, relation_table, table
from . import primitive
from .schema import _entity, _relation


@primitive("sqlexec")
def sqlexec(ctx, sql, args=None, ask_confirm=True):
    if not isinstance(sql, str):
        raise MigrationError(f"sqlexec takes the SQL as a string, not {type(sql).__name__}")
    for statement, _line in split_statements(sql):
        keyword = keyword_of(statement)
        if keyword:  # refused before it runs: it would commit half a step without its version
            raise MigrationError(f"sqlexec({keyword.upper()}...) would end the runtime's transaction; {ADVICE}")
    if ask_confirm and ctx.interactive and not ctx.confirm(f"Execute SQL: {sql.strip()} ?"):
        return []
    cursor = ctx.db.execute(sql, args)
    return [tuple(row) for row in cursor.fetchall()] if cursor.description else []


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
