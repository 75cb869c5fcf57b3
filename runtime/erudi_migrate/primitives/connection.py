"""CubicWeb 3.28's data API in scripts: `cnx`/`session` (execute, system_sql, create_entity, find,
entity_from_eid, commit, rollback), entities with their eid and attributes, and the commands built on
them: create_entity, find, find_entities, find_one_entity, rqliter, set_property, property_value."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from .. import schema_entities, storage
from ..errors import MigrationError
from ..identifiers import check_name
from ..rql import ResultSet, view_of, run_rql
from . import context_value, primitive
from .data import ContextTarget, create_entity as insert_entity
from .lowlevel import run_sql


def _rql(ctx, query: str, kwargs: Optional[Dict[str, Any]] = None) -> ResultSet:
    schema_entities.sync_if_changed(ctx)
    return run_rql(ContextTarget(ctx), view_of(ctx.repo_schema), query, kwargs)


def etype_of(ctx, eid: int) -> str:
    rows = ctx.db.query(f"SELECT type FROM entities WHERE eid = {ctx.dialect.param}", (eid,))
    if not rows:
        raise MigrationError(f"no entity has eid {eid!r}")
    return rows[0][0]


class Entity:
    """An entity as CubicWeb scripts use it: `eid`, `cw_etype`, its attributes read from the database
    (`entity.name`), its subject relations as tuples of entities, and `cw_set(...)`."""

    def __init__(self, ctx, eid: int, etype: Optional[str] = None) -> None:
        self._ctx = ctx
        self.eid = eid
        self.cw_etype = etype or etype_of(ctx, eid)
        self.__regid__ = self.cw_etype

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        schema = self._ctx.repo_schema
        if schema.attribute(self.cw_etype, name) is not None:
            rows = self._ctx.db.query(f"SELECT {storage.column(name)} FROM {storage.table(self.cw_etype)} "
                                      f"WHERE cw_eid = {self._ctx.dialect.param}", (self.eid,))
            return rows[0][0] if rows else None
        if schema.find_definitions(self.cw_etype, name):
            rows = _rql(self._ctx, f"Any Y WHERE X {check_name(name)} Y, X eid %(x)s", {"x": self.eid})
            return tuple(Entity(self._ctx, row[0]) for row in rows)
        raise AttributeError(f"{self.cw_etype} has no attribute or relation {name!r} in the database")

    def cw_set(self, **values: Any) -> None:
        """Sets attributes (values) and subject relations (an eid, an entity, or a list of them)."""
        for name, value in values.items():
            check_name(name)
            if self._ctx.repo_schema.attribute(self.cw_etype, name) is not None:
                _rql(self._ctx, f"SET X {name} %(v)s WHERE X eid %(x)s", {"v": value, "x": self.eid})
                continue
            targets = value if isinstance(value, (list, tuple, set)) else [value]
            for target in targets:
                _rql(self._ctx, f"SET X {name} Y WHERE X eid %(x)s, Y eid %(y)s",
                     {"x": self.eid, "y": getattr(target, "eid", target)})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and other.eid == self.eid

    def __hash__(self) -> int:
        return hash(self.eid)

    def __repr__(self) -> str:
        return f"<Entity {self.cw_etype} {self.eid}>"


class EntityResultSet(ResultSet):
    """A result set whose cells can be read as entities, as CubicWeb's: entities(), get_entity(), one()."""

    def __init__(self, ctx, result: ResultSet) -> None:
        super().__init__(result.query, result.columns, result.rows)
        self._ctx = ctx

    def get_entity(self, row: int, col: int = 0) -> Entity:
        return Entity(self._ctx, self.rows[row][col])

    def entities(self, col: int = 0):
        return (Entity(self._ctx, row[col]) for row in self.rows)

    def one(self, col: int = 0) -> Entity:
        """The one entity of the result (CubicWeb's rset.one()); an error when there are none or several."""
        if len(self.rows) != 1:
            raise MigrationError(f"{self.query!r}: expected exactly one entity, found {len(self.rows)}")
        return self.get_entity(0, col)

    def first(self, col: int = 0) -> Entity:
        if not self.rows:
            raise MigrationError(f"{self.query!r}: found no entity")
        return self.get_entity(0, col)

    def last(self, col: int = 0) -> Entity:
        if not self.rows:
            raise MigrationError(f"{self.query!r}: found no entity")
        return self.get_entity(len(self.rows) - 1, col)


class Connection:
    """What `cnx` and `session` are: the migration's transaction, CubicWeb's way."""

    def __init__(self, ctx) -> None:
        self._ctx = ctx

    def execute(self, rql: str, args: Optional[Dict[str, Any]] = None, build_descr: bool = True) -> EntityResultSet:
        if args is not None and not isinstance(args, dict):
            raise MigrationError("cnx.execute(): args must be a dict of the query's %%(name)s arguments, not %s"
                                 % type(args).__name__)
        return EntityResultSet(self._ctx, _rql(self._ctx, rql, args))

    def system_sql(self, sql: str, args=None, rollback_on_failure: bool = True):
        """Runs SQL and returns the cursor (fetchall(), fetchone(), rowcount)."""
        return run_sql(self._ctx, sql, args, "cnx.system_sql")

    def create_entity(self, etype: str, **kwargs: Any) -> Entity:
        return new_entity(self._ctx, etype, kwargs)

    def find(self, etype: str, **kwargs: Any) -> EntityResultSet:
        return find_by(self._ctx, etype, kwargs)

    def entity_from_eid(self, eid: int, etype: Optional[str] = None) -> Entity:
        entity = Entity(self._ctx, eid)
        if etype is not None and etype != entity.cw_etype:
            raise MigrationError(f"entity {eid} is a {entity.cw_etype}, not a {etype}")
        return entity

    def commit(self) -> None:
        self._ctx.checkpoint(False, name="cnx.commit")

    def rollback(self) -> None:
        self._ctx.rollback_to_commit_point()

    @property
    def repo(self):
        return self._ctx.repository

    @property
    def vreg(self):
        raise MigrationError("cnx.vreg: this runtime has no CubicWeb registry (appobjects, hooks, views); "
                             "work with cnx.execute() and the migration commands instead")

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        return None


def new_entity(ctx, etype: str, values: Dict[str, Any]) -> Entity:
    """Inserts an entity (entities given as relation values count by their eid) and returns it."""
    plain = {k: (v.eid if isinstance(v, Entity) else [getattr(x, "eid", x) for x in v] if isinstance(v, (list, tuple))
                 else v) for k, v in values.items()}
    return Entity(ctx, insert_entity(ctx, etype, plain), etype)


def find_by(ctx, etype: str, values: Dict[str, Any]) -> EntityResultSet:
    check_name(etype, "entity type name")
    if etype not in ctx.repo_schema.entities:
        raise MigrationError(f"find({etype!r}): no such entity type in the database")
    restrictions, args = [f"X is {etype}"], {}
    for i, (name, value) in enumerate(values.items()):
        check_name(name)
        if ctx.repo_schema.attribute(etype, name) is not None:
            if value is None:
                restrictions.append(f"X {name} NULL")
            else:
                restrictions.append(f"X {name} %(a{i})s")
                args[f"a{i}"] = value
        elif ctx.repo_schema.find_definitions(etype, name):
            restrictions.append(f"X {name} Y{i}, Y{i} eid %(a{i})s")
            args[f"a{i}"] = getattr(value, "eid", value)
        else:
            raise MigrationError(f"find({etype!r}, {name}=...): {etype} has no attribute or relation {name!r}")
    return EntityResultSet(ctx, _rql(ctx, "Any X WHERE " + ", ".join(restrictions), args))


@context_value("cnx")
def cnx(ctx):
    return ctx.state.setdefault("erudi.connection", Connection(ctx))


@context_value("session")
def session(ctx):
    return ctx.state.setdefault("erudi.connection", Connection(ctx))


@primitive("create_entity")
def create_entity(ctx, etype, commit=False, **kwargs):
    """CubicWeb's create_entity: returns the entity. `commit` is as every command's (ARCHITECTURE.md)."""
    return new_entity(ctx, etype, kwargs)


@primitive("find")
def find(ctx, etype, **kwargs):
    return find_by(ctx, etype, kwargs)


@primitive("find_entities")
def find_entities(ctx, etype, **kwargs):
    return list(find_by(ctx, etype, kwargs).entities())


@primitive("find_one_entity")
def find_one_entity(ctx, etype, **kwargs):
    return find_by(ctx, etype, kwargs).one()


class RqlIterator:
    """rqliter(): the query runs when the loop starts (after the question, when one is asked)."""

    def __init__(self, ctx, rql: str, kwargs, ask_confirm: bool) -> None:
        self._ctx, self.rql, self.kwargs, self.ask_confirm = ctx, rql, kwargs, ask_confirm
        self._rows = None

    def _result(self) -> Optional[EntityResultSet]:
        shown = f"{self.rql} ({self.kwargs})" if self.kwargs else self.rql
        if self.ask_confirm and not self._ctx.confirm(f"Execute rql: {shown} ?"):
            return None
        return EntityResultSet(self._ctx, _rql(self._ctx, self.rql, self.kwargs))

    def __iter__(self):
        result = self._result()
        return iter(result.rows if result is not None else [])

    def entities(self) -> List[Entity]:
        result = self._result()
        return list(result.entities()) if result is not None else []


@primitive("rqliter")
def rqliter(ctx, rql, kwargs=None, ask_confirm=True):
    return RqlIterator(ctx, rql, kwargs, ask_confirm)


def _require_properties(ctx, name: str) -> None:
    if "CWProperty" not in ctx.repo_schema.entities:
        raise MigrationError(f"{name}: this instance has no CWProperty entity type, where CubicWeb keeps "
                             "site-wide properties; define it (pkey, value) in the schema and add it with "
                             "add_entity_type('CWProperty') first")


@primitive("set_property")
def set_property(ctx, pkey, value):
    _require_properties(ctx, "set_property")
    if not isinstance(pkey, str) or not pkey:
        raise MigrationError(f"set_property: pkey must be a property key such as 'ui.language', not {pkey!r}")
    found = find_by(ctx, "CWProperty", {"pkey": pkey})
    if len(found):
        found.first().cw_set(value=str(value))
    else:
        new_entity(ctx, "CWProperty", {"pkey": pkey, "value": str(value)})


@primitive("property_value")
def property_value(ctx, pkey):
    _require_properties(ctx, "property_value")
    found = find_by(ctx, "CWProperty", {"pkey": pkey})
    if not len(found):
        raise MigrationError(f"property_value({pkey!r}): no such property is set; set it with "
                             f"set_property({pkey!r}, value)")
    return found.first().value
