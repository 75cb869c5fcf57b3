"""The storage layout (CubicWeb's): `entities(eid, type)`, one `cw_<Etype>` table per entity type with
`cw_eid` and `cw_<attribute>` columns (the metadata `cw_creation_date`, `cw_modification_date`, `cw_cwuri`,
each RichString's `cw_<attr>_format`), inlined relations as `cw_<rtype>` columns, other relations in
`<rtype>_relation(eid_from, eid_to)` (the metadata `is`, `is_instance_of`, `owned_by`, `created_by`,
`cw_source`, and `in_state` too); derived names, the DDL that builds them, and new entities with their
metadata (what CubicWeb's hooks fill)."""
from __future__ import annotations

import hashlib
from typing import Any, Callable, Dict, List, Optional, Tuple

from .dialects.base import Column, Index
from .identifiers import check_name
from .schema.model import RelationDefinition, Schema

MAX_INDEX_NAME = 63
# Attributes the runtime fills itself: an INSERT never has to give them.
METADATA_ATTRIBUTES = ("creation_date", "modification_date", "cwuri")
AUTOMATIC_ATTRIBUTES = ("eid",) + METADATA_ATTRIBUTES
# Relations CubicWeb never stores (identity is the entity itself; has_text is the full-text index).
PURE_VIRTUAL_RTYPES = ("identity", "has_text")
# yams' default values computed when a row is written
_DYNAMIC_DEFAULTS = {("NOW", "TZDatetime"): "CURRENT_TIMESTAMP", ("NOW", "Datetime"): "CURRENT_TIMESTAMP",
                     ("TODAY", "Date"): "CURRENT_DATE"}


def stored_relation(schema: Schema, rtype: str) -> bool:
    """Whether a non-final relation type has a `<rtype>_relation` table (not inlined, not virtual, not computed)."""
    relation = schema.relations.get(rtype)
    return (relation is not None and not relation.final and not relation.inlined and rtype not in PURE_VIRTUAL_RTYPES
            and not relation.props.get("rule"))


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

    def __init__(self, db, schema: Optional[Callable[[], Schema]] = None) -> None:
        self.db = db
        self.dialect = db.dialect
        self._schema = schema  # the persisted schema (repo_schema), read when entities are created
        self._etype_eids: Dict[str, int] = {}
        self._user: Optional[Tuple[int]] = None
        self._source: Optional[Tuple[int]] = None
        self.defer_metadata = False  # set while framework 2.29.0 fills an instance: metadata rows come in bulk

    # columns ----------------------------------------------------------------------------
    def attribute_column(self, definition: RelationDefinition) -> Column:
        props = definition.props
        default = props.get("default")
        default_sql = None
        if definition.rtype in ("creation_date", "modification_date"):
            # filled by the runtime; a row written with plain SQL still gets the time it was written
            default_sql = "CURRENT_TIMESTAMP"
        elif definition.rtype == "cwuri":
            default_sql = "''"
        elif isinstance(default, str) and (default, definition.object) in _DYNAMIC_DEFAULTS:
            default_sql = _DYNAMIC_DEFAULTS[(default, definition.object)]
        elif default is not None:
            try:
                default_sql = self.dialect.quote_literal(default, definition.object)
            except TypeError as error:
                from .errors import MigrationError
                raise MigrationError(f"default of {definition.subject}.{definition.rtype}: {error}")
        if definition.object not in self.dialect.TYPES:
            from .schema.storable import unstorable
            raise unstorable(definition)
        return Column(column(definition.rtype), self.dialect.sql_type(definition.object, props.get("maxsize")),
                      definition.required, default_sql)

    def inlined_column(self, rtype: str) -> Column:
        return Column(column(rtype), "INTEGER")

    def entity_columns(self, schema: Schema, etype: str) -> List[Column]:
        columns = [Column("cw_eid", "INTEGER", True, None, True)]
        columns += [self.attribute_column(d) for d in schema.attributes(etype) if d.rtype != "eid"]
        columns += [self.inlined_column(rtype) for rtype in schema.inlined_of(etype)]
        return columns

    def desired_indexes(self, schema: Schema, etype: str) -> List[Index]:
        name = table(etype)
        wanted: List[Index] = []
        for definition in schema.attributes(etype):
            if definition.rtype == "eid":
                continue
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
        if self.has_metadata(schema) and etype != "CWEType":
            self.etype_eid(etype)  # the CWEType entity its entities' `is` points to

    def create_relation_table(self, rtype: str) -> None:
        if rtype in PURE_VIRTUAL_RTYPES:
            return
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
    def schema(self) -> Optional[Schema]:
        return self._schema() if self._schema else None

    @staticmethod
    def has_metadata(schema: Optional[Schema]) -> bool:
        """Whether the instance has CubicWeb's core schema and metadata (framework 2.29.0 or later)."""
        return schema is not None and "CWEType" in schema.entities and "is" in schema.relations

    def new_eid(self, etype: str) -> int:
        """Registers a new entity of etype in `entities` and returns its eid (the caller fills its table,
        adding `metadata_values()`); on an instance with metadata, also its `is`, `is_instance_of`,
        `cw_source`, `owned_by` and `created_by` relations, as CubicWeb's hooks do."""
        eid = self.dialect.insert_entity(self.db, check_name(etype, "entity type name"))
        schema = self.schema()
        if not self.defer_metadata and self.has_metadata(schema):
            self._link_metadata(schema, etype, eid)
        return eid

    def metadata_values(self, etype: str, eid: int) -> Dict[str, Any]:
        """The metadata columns a new row of etype gets besides cw_eid ({column: value}); the dates come from
        the columns' defaults (the time of the write)."""
        schema = self.schema()
        if schema is not None and schema.has_rdef(etype, "cwuri", "String"):
            return {"cw_cwuri": str(eid)}
        return {}

    def insert_entity(self, etype: str, values: Dict[str, Any]) -> int:
        """A new entity of etype with the given attribute (and inlined relation) values: its eid."""
        eid = self.new_eid(etype)
        row = dict({"cw_eid": eid}, **self.metadata_values(etype, eid))
        row.update({column(name): value for name, value in values.items()})
        p = self.dialect.param
        self.db.execute(f"INSERT INTO {table(etype)} ({', '.join(row)}) VALUES ({', '.join([p] * len(row))})",
                        list(row.values()))
        return eid

    def add_relation(self, rtype: str, subject: int, obj: int) -> None:
        p = self.dialect.param
        self.db.execute(f"INSERT INTO {relation_table(rtype)} (eid_from, eid_to) VALUES ({p}, {p})", (subject, obj))

    def etype_eid(self, name: str, final: bool = False) -> int:
        """The eid of the CWEType entity named `name`, created when missing."""
        if name in self._etype_eids:
            return self._etype_eids[name]
        p = self.dialect.param
        rows = self.db.query(f"SELECT cw_eid FROM cw_CWEType WHERE cw_name = {p}", (name,))
        if rows:
            self._etype_eids[name] = rows[0][0]
            return rows[0][0]
        eid = self.dialect.insert_entity(self.db, "CWEType")
        self.db.execute(f"INSERT INTO cw_CWEType (cw_eid, cw_name, cw_final, cw_cwuri) VALUES ({p}, {p}, {p}, {p})",
                        (eid, name, final, str(eid)))
        self._etype_eids[name] = eid
        schema = self.schema()
        if not self.defer_metadata and self.has_metadata(schema):
            self._link_metadata(schema, "CWEType", eid)
        return eid

    def ancestors(self, schema: Schema, etype: str) -> List[str]:
        """etype and the types it specializes, nearest first (what is_instance_of lists)."""
        chain = [etype]
        while True:
            entity = schema.entities.get(chain[-1])
            parent = entity.props.get("specializes") if entity else None
            if not parent or parent in chain:
                return chain
            chain.append(parent)

    def migration_user(self) -> Optional[int]:
        """The user entities created by migrations belong to: the first manager (CubicWeb runs migrations as one)."""
        if self._user is None:
            rows = self.db.query("SELECT MIN(u.eid_from) FROM in_group_relation u JOIN cw_CWGroup g "
                                 "ON g.cw_eid = u.eid_to WHERE g.cw_name = 'managers'")
            if not rows or rows[0][0] is None:
                return None  # none yet (the admin is being created): ask again next time
            self._user = (rows[0][0],)
        return self._user[0]

    def set_migration_user(self, eid: Optional[int]) -> None:
        self._user = (eid,)

    def system_source(self) -> Optional[int]:
        if self._source is None:
            rows = self.db.query("SELECT cw_eid FROM cw_CWSource WHERE cw_name = 'system'")
            if not rows:
                return None
            self._source = (rows[0][0],)
        return self._source[0]

    def _link_metadata(self, schema: Schema, etype: str, eid: int) -> None:
        self.add_relation("is", eid, self.etype_eid(etype))
        for name in self.ancestors(schema, etype):
            self.add_relation("is_instance_of", eid, self.etype_eid(name))
        source = self.system_source()
        if source is not None:
            self.add_relation("cw_source", eid, source)
        user = self.migration_user()
        if user is not None:
            self.add_relation("owned_by", eid, user)
            self.add_relation("created_by", eid, user)

    def entity_type_renamed(self, old: str, new: str) -> None:
        """Keeps the CWEType entity in step with a renamed type (its entities keep their `is`)."""
        schema = self.schema()
        if self.has_metadata(schema):
            p = self.dialect.param
            self.db.execute(f"UPDATE cw_CWEType SET cw_name = {p} WHERE cw_name = {p}", (new, old))
            self._etype_eids.pop(old, None)

    def entity_type_dropped(self, etype: str) -> None:
        """Forgets the CWEType entity of a dropped type and the metadata relations of its entities
        (call before the entities rows go)."""
        schema = self.schema()
        if not self.has_metadata(schema):
            return
        p = self.dialect.param
        eids = f"SELECT eid FROM entities WHERE type = {p}"
        for rtype in ("is", "is_instance_of", "cw_source", "owned_by", "created_by", "in_state"):
            if stored_relation(schema, rtype) and self.table_exists(relation_table(rtype)):
                self.db.execute(f"DELETE FROM {relation_table(rtype)} WHERE eid_from IN ({eids})", (etype,))
        self.db.execute(f"DELETE FROM is_instance_of_relation WHERE eid_to IN "
                        f"(SELECT cw_eid FROM cw_CWEType WHERE cw_name = {p})", (etype,))
        self.db.execute(f"DELETE FROM entities WHERE eid IN (SELECT cw_eid FROM cw_CWEType WHERE cw_name = {p})",
                        (etype,))
        self.db.execute(f"DELETE FROM cw_CWEType WHERE cw_name = {p}", (etype,))
        self._etype_eids.pop(etype, None)

    def count_rows(self, etype: str) -> int:
        return self.db.query(f"SELECT COUNT(*) FROM {table(etype)}")[0][0]
