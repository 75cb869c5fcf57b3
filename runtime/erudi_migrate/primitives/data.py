"""Data primitives of the catalog: rql() (translated to SQL over the storage layout) and add_entity()."""

import difflib

from .. import schema_entities, storage
from ..errors import MigrationError
from ..identifiers import check_name
from ..rql import ResultSet, view_of, is_delete, run_rql
from ..rql.execute import run_again
from ..rql.translate import ACCEPTED_VALUES, describe_value
from . import primitive


class ContextTarget:
    """The database as RQL execution needs it, through the context: every statement is a `sql` event."""

    batched = None  # (text, NULL-sensitive argument names, plan) of the batched SET run_rql() just ran from its cache

    def __init__(self, ctx):
        self.db = ctx.db
        self.param = ctx.dialect.param
        self.dialect = ctx.dialect.name
        self.names = storage
        self.storage = ctx.storage

    def query(self, sql, params=()):
        rows = self.db.execute(sql, list(params)).fetchall()
        # the drivers' rows are tuples already (no row factory is set): copied only if one is not
        return rows if type(rows) is list and all(type(row) is tuple for row in rows) else [tuple(r) for r in rows]

    def execute(self, sql, params=()):
        return self.db.execute(sql, list(params))

    def executemany(self, sql, rows):
        rows = [list(r) for r in rows]
        if rows:
            self.db.executemany(sql, rows)

    def new_eid(self, etype):
        return self.storage.new_eid(etype)

    def metadata_values(self, etype, eid):
        return self.storage.metadata_values(etype, eid)


@primitive("rql")
def rql(ctx, rql, kwargs=None, cachekey=None, ask_confirm=True, build_descr=True):
    """Runs an RQL query (DESIGN 4.1). `cachekey` is accepted for compatibility: parses are cached by text.

    A DELETE (what destroys data: the catalog's destructiveWhen) asks first when `ask_confirm` and
    someone can answer; declined, it deletes nothing and returns an empty result set. The answer holds
    for the same query text for the rest of the command, so a loop asks once. INSERT and SET do not ask:
    the run itself was confirmed, and a data migration must not stop an upgrade at every statement.
    """
    again = ctx.state.get("rql_again")
    if again is not None and rql == again.text and type(kwargs) is dict and again.fits(ctx, kwargs):
        return run_again(again.target, again.plan, rql, kwargs)
    # CubicWeb's rql(rql, kwargs, build_descr, ask_confirm): a bool in third place is its build_descr.
    if isinstance(cachekey, bool):
        cachekey = None
    if kwargs is not None and not isinstance(kwargs, dict):
        raise MigrationError("rql(): kwargs must be a dict of the query's %%(name)s arguments, not %s"
                             % type(kwargs).__name__)
    if ask_confirm and is_delete(rql):
        answers = ctx.state.setdefault("rql_answers", {})
        if rql not in answers:
            answers[rql] = ctx.confirm("Execute RQL: %s ?" % rql)
        if not answers[rql]:
            return ResultSet(rql, [], [])
    schema_entities.sync_if_changed(ctx)  # CWEType, CWAttribute... as the persisted schema now is
    # One target per context: a per-row loop of rql() builds nothing per call.
    target = ctx.state.get("rql_target")
    if target is None or target.db is not ctx.db:
        target = ctx.state["rql_target"] = ContextTarget(ctx)
    target.batched = None
    result = run_rql(target, view_of(ctx.repo_schema), rql, kwargs)
    if target.batched is not None:
        ctx.state["rql_again"] = Again(ctx, target, kwargs)
    return result


class Again:
    """The per-row loop's hot path: a batched SET (rql/batch.py) that rql() ran from its plan cache, which the
    next call with the same text, the same schema (nothing changed, nothing to sync), the same database and the
    same NULL-ness of its arguments runs directly: no delete check, schema sync, view or plan lookups per call."""

    __slots__ = ("text", "schema", "changes", "synced", "db", "target", "sensitive", "pattern", "plan")

    def __init__(self, ctx, target, kwargs):
        self.text, self.sensitive, self.plan = target.batched
        self.schema = ctx.repo_schema
        self.changes = getattr(self.schema, "changes", 0)
        self.synced = ctx.state.get(schema_entities.SYNCED)
        self.db, self.target = ctx.db, target
        self.pattern = tuple([(kwargs or {}).get(n) is None for n in self.sensitive])

    def fits(self, ctx, kwargs):
        """(the caller compared the text and the kwargs' type)"""
        if ctx.db is not self.db:
            return False
        schema = ctx.repo_schema
        if schema is not self.schema or getattr(schema, "changes", 0) != self.changes \
                or ctx.state.get(schema_entities.SYNCED) is not self.synced:
            return False
        pattern = self.pattern
        for i, name in enumerate(self.sensitive):
            if (kwargs.get(name) is None) is not pattern[i]:
                return False
        return True


@primitive("add_entity")
def add_entity(ctx, etype, *args, **kwargs):
    """Creates an entity: attributes and relations (eids, or lists of eids; `reverse_<rtype>` when the new
    entity is the object) as keywords, or in dicts given positionally. Returns the new eid."""
    values = {}
    for arg in args:
        if not isinstance(arg, dict):
            raise MigrationError("add_entity(%r, ...): give attributes and relations as keywords "
                                 "(name=value) or dicts, not %r" % (etype, arg))
        values.update(arg)
    values.update(kwargs)
    return create_entity(ctx, etype, values)


def create_entity(ctx, etype, values):
    """Inserts an entity of `etype` with attribute and relation values; used by add_entity and the workflow."""
    schema = view_of(ctx.repo_schema)
    check_name(etype, "entity type name")
    if etype not in schema.etypes:
        raise MigrationError("unknown entity type %r%s; the instance has: %s" % (
            etype, _did_you_mean(etype, schema.etypes), ", ".join(sorted(schema.etypes)) or "none"))
    attributes = schema.attributes.get(etype, {})
    columns, row, links = ["cw_eid"], [], []
    for name, value in values.items():
        reverse = name.startswith("reverse_")
        rtype = name[len("reverse_"):] if reverse else name
        if not reverse and name in attributes:
            accepted = ACCEPTED_VALUES.get(attributes[name])
            if value is not None and accepted and (not isinstance(value, accepted) or
                                                   (isinstance(value, bool) and bool not in accepted)):
                raise MigrationError("%s.%s is a %s, not %s" % (etype, name, attributes[name], describe_value(value)))
            columns.append(storage.column(name))
            row.append(value)
            continue
        relation = schema.relations.get(rtype)
        side = "objects" if reverse else "subjects"
        if relation is None or etype not in relation[side]:
            known = sorted(attributes) + sorted(r for r, d in schema.relations.items() if etype in d["subjects"])
            raise MigrationError("%s has no attribute or relation %r%s; it has: %s" % (
                etype, name, _did_you_mean(name, known), ", ".join(known) or "none"))
        targets = value if isinstance(value, (list, tuple, set)) else [value]
        for target in targets:
            if not isinstance(target, int) or isinstance(target, bool):
                raise MigrationError("%s=%r: a relation takes the eid of an entity (an int) or a list of eids"
                                     % (name, target))
            links.append((rtype, reverse, target, relation))
    missing = sorted(schema.required.get(etype, set()) - set(values))
    if missing:
        raise MigrationError("%s requires %s: add_entity(%r, %s)" % (
            etype, ", ".join(missing), etype, ", ".join("%s=..." % m for m in missing)))
    eid = ctx.storage.new_eid(etype)
    target = ContextTarget(ctx)
    p = target.param
    inlined = [(rtype, obj) for rtype, reverse, obj, relation in links if relation["inlined"] and not reverse]
    for rtype, obj in inlined:
        _check_end(ctx, etype, rtype, obj, schema.relations[rtype]["objects"])
        columns.append(storage.column(rtype))
        row.append(obj)
    for metadata_column, value in ctx.storage.metadata_values(etype, eid).items():
        columns.append(metadata_column)
        row.append(value)
    target.execute("INSERT INTO %s (%s) VALUES (%s)" % (storage.table(etype), ", ".join(columns),
                                                         ", ".join([p] * len(columns))), [eid] + row)
    for rtype, reverse, other, relation in links:
        if relation["inlined"] and not reverse:
            continue
        _check_end(ctx, etype, rtype, other, relation["subjects"] if reverse else relation["objects"])
        subject, obj = (other, eid) if reverse else (eid, other)
        if relation["inlined"]:
            subject_type = _type_of(ctx, subject)
            # the subject's row changes: its modification_date moves, as CubicWeb's metadata hook does
            dated = (", cw_modification_date = CURRENT_TIMESTAMP"
                     if "modification_date" in schema.attributes.get(subject_type, ()) else "")
            target.execute("UPDATE %s SET %s = %s%s WHERE cw_eid = %s" % (
                storage.table(subject_type), storage.column(rtype), p, dated, p), [obj, subject])
        else:
            target.execute("INSERT INTO %s (eid_from, eid_to) VALUES (%s, %s)" % (
                storage.relation_table(rtype), p, p), [subject, obj])
    return eid


def _type_of(ctx, eid):
    rows = ContextTarget(ctx).query("SELECT type FROM entities WHERE eid = %s" % ctx.dialect.param, [eid])
    if not rows:
        raise MigrationError("no entity has eid %r" % eid)
    return rows[0][0]


def _check_end(ctx, etype, rtype, other, allowed):
    other_type = _type_of(ctx, other)
    if other_type not in allowed:
        raise MigrationError("%s %s: entity %d is a %s, the relation takes %s" % (
            etype, rtype, other, other_type, " or ".join(sorted(allowed))))


def _did_you_mean(name, known):
    close = difflib.get_close_matches(name, list(known), n=1)
    return " (did you mean %r?)" % close[0] if close else ""
