"""The storage layout (CubicWeb's): `entities(eid, type)`, one `cw_<Etype>` table per entity type with
`cw_eid` and `cw_<attribute>` columns, inlined relations as `cw_<rtype>` columns, other relations in
`<rtype>_relation(eid_from, eid_to)`; derived names and the DDL that builds them."""
from __future__ import annotations

import hashlib
from typing import List, Optional

from .dialects.base import Column, Index
from .identifiers import check_name
from .schema.model import RelationDefinition, Schema

MAX_INDEX_NAME = 63


def table(etype: str) -> str:
    return "cw_" + check_name(etype, "entity type name")


def column(name: str) -> str:
    return "cw_" + check_name(name, "attribute or relation name")


def relation_table(rtype: str) -> str:
    return check_name(rtype, "relation type name") + "_relation"


def index_name(table_name: str, columns: List[str], unique: bool) -> str:
    name = f"{table_name}_{'_'.join(columns)}_{'key' if unique else 'idx'}".lower()
    if len(name) > MAX_INDEX_NAME:
        digest = hashlib.sha1(name.encode()).hexdigest()[:10]
        name = f"{name[:MAX_INDEX_NAME - 15]}_{digest}_{'key' if unique else 'idx'}"
    return name


class Storage:
    """Builds and changes tables for a schema, through the database's dialect."""

    def __init__(self, db) -> None:
        self.db = db
        self.dialect = db.dialect

    # columns ----------------------------------------------------------------------------
    def attribute_column(self, definition: RelationDefinition) -> Column:
        props = definition.props
        default = props.get("default")
        default_sql = None
        if default is not None:
            try:
                default_sql = self.dialect.quote_literal(default, definition.object)
            except TypeError as error:
                from .errors import MigrationError
                raise MigrationError(f"default of {definition.subject}.{definition.rtype}: {error}")
        return Column(column(definition.rtype), self.dialect.sql_type(definition.object, props.get("maxsize")),
                      definition.required, default_sql)

    def inlined_column(self, rtype: str) -> Column:
        return Column(column(rtype), "INTEGER")

    def entity_columns(self, schema: Schema, etype: str) -> List[Column]:
        columns = [Column("cw_eid", "INTEGER", True, None, True)]
        columns += [self.attribute_column(d) for d in schema.attributes(etype)]
        columns += [self.inlined_column(rtype) for rtype in schema.inlined_of(etype)]
        return columns

    def desired_indexes(self, schema: Schema, etype: str) -> List[Index]:
        name = table(etype)
        wanted: List[Index] = []
        for definition in schema.attributes(etype):
            col = column(definition.rtype)
            if definition.props.get("unique"):
                wanted.append(Index(index_name(name, [col], True), name.lower(), [col.lower()], True))
            elif definition.props.get("indexed"):
                wanted.append(Index(index_name(name, [col], False), name.lower(), [col.lower()], False))
        for rtype in schema.inlined_of(etype):
            col = column(rtype)
            wanted.append(Index(index_name(name, [col], False), name.lower(), [col.lower()], False))
        entity = schema.entities.get(etype)
        for group in entity.unique_together if entity else []:
            cols = [column(attr).lower() for attr in group]
            wanted.append(Index(index_name(name, cols, True), name.lower(), cols, True))
        return wanted

    # tables -----------------------------------------------------------------------------
    def create_entity_table(self, schema: Schema, etype: str) -> None:
        self.dialect.create_table(self.db, table(etype), self.entity_columns(schema, etype))
        self.sync_indexes(schema, etype)

    def create_relation_table(self, rtype: str) -> None:
        name = relation_table(rtype)
        self.dialect.create_table(self.db, name, [Column("eid_from", "INTEGER", True), Column("eid_to", "INTEGER", True)],
                                  ("eid_from", "eid_to"))
        self.dialect.create_index(self.db, Index(index_name(name, ["eid_to"], False), name, ["eid_to"], False))

    def table_exists(self, name: str) -> bool:
        return name.lower() in self.dialect.table_names(self.db)

    def sync_indexes(self, schema: Schema, etype: str, dropping: Optional[str] = None) -> None:
        """Makes the runtime's indexes of etype's table those the schema asks for (names follow the
        table after a rename). `dropping`: a column about to be dropped, whose indexes go first."""
        name = table(etype)
        wanted = {i.name: i for i in self.desired_indexes(schema, etype)
                  if dropping is None or dropping.lower() not in i.columns}
        present = {i.name: i for i in self.dialect.indexes(self.db, name)
                   if i.name.endswith(("_idx", "_key"))}
        for index_name_ in sorted(set(present) - set(wanted)):
            self.dialect.drop_index(self.db, index_name_)
        for index_name_ in sorted(set(wanted) - set(present)):
            self.dialect.create_index(self.db, wanted[index_name_])

    # entities ---------------------------------------------------------------------------
    def new_eid(self, etype: str) -> int:
        """Registers a new entity of etype in `entities` and returns its eid (the caller fills its table)."""
        return self.dialect.insert_entity(self.db, check_name(etype, "entity type name"))

    def count_rows(self, etype: str) -> int:
        return self.db.query(f"SELECT COUNT(*) FROM {table(etype)}")[0][0]
