"""CubicWeb 3.28's schema synchronization: sync_schema_props_perms() (properties and permissions of the
persisted schema brought in line with the schema files, nothing added or removed) and dropped_constraints()
(constraints of the files' definition lifted for the time of a `with` block)."""
from __future__ import annotations

import contextlib
import copy
from typing import Any, Dict

from ..errors import MigrationError
from ..identifiers import check_name
from ..schema.model import EntityType, RelationType
from . import primitive
from .schema import _change_definition, _entity, _relation
from .yams_schema import CONSTRAINT_PROPERTIES


def _target(old: Dict[str, Any], declared: Dict[str, Any], syncprops: bool, syncperms: bool) -> Dict[str, Any]:
    """old's properties with declared's properties (syncprops) and permissions (syncperms)."""
    if syncprops:
        props = {k: copy.deepcopy(v) for k, v in declared.items() if k != "permissions"}
        if "permissions" in old:
            props["permissions"] = copy.deepcopy(old["permissions"])
    else:
        props = copy.deepcopy(old)
    if syncperms:
        props.pop("permissions", None)
        if declared.get("permissions") is not None:
            props["permissions"] = copy.deepcopy(declared["permissions"])
    return props


def sync_definition(ctx, key, syncprops=True, syncperms=True) -> None:
    old = ctx.repo_schema.definitions.get(key)
    declared = ctx.newschema.definitions.get(key)
    if old is None or declared is None:
        return  # added or removed definitions are add_/drop_relation_definition's job
    props = _target(old.props, declared.props, syncprops, syncperms)
    if props != old.props:
        _change_definition(ctx, old, props)


def _sync_entity(ctx, etype, syncprops, syncperms, syncrdefs) -> None:
    entity = _entity(ctx, etype)
    declared = ctx.newschema.entities.get(etype)
    if declared is None:
        return  # CubicWeb skips a type the files no longer define
    props = _target(entity.props, declared.props, syncprops, syncperms)
    if props != entity.props:
        ctx.schema_store.save_entity(EntityType(etype, props))
        ctx.storage.sync_indexes(ctx.repo_schema, etype)
    if syncrdefs:
        for definition in list(ctx.repo_schema.definitions.values()):
            if etype in (definition.subject, definition.object):
                if definition.rtype in ctx.newschema.relations:
                    _sync_relation(ctx, definition.rtype, syncprops, syncperms, syncrdefs=False)
                sync_definition(ctx, definition.key, syncprops, syncperms)


def _sync_relation(ctx, rtype, syncprops, syncperms, syncrdefs) -> None:
    relation = _relation(ctx, rtype)
    declared = ctx.newschema.relations.get(rtype)
    if declared is None:
        return
    if syncprops and declared.inlined != relation.inlined and not relation.final:
        raise MigrationError(f"sync_schema_props_perms: {rtype} is {'' if relation.inlined else 'not '}inlined in the "
                             f"database but {'' if declared.inlined else 'not '}in the schema files: use "
                             f"uninline_relation({rtype!r}) to move an inlined relation to its own table")
    props = _target(relation.props, declared.props, syncprops, syncperms)
    if props != relation.props:
        ctx.schema_store.save_relation(RelationType(rtype, relation.final, props))
    if syncrdefs:
        for definition in ctx.repo_schema.definitions_of(rtype):
            sync_definition(ctx, definition.key, syncprops, syncperms)


@primitive("sync_schema_props_perms")
def sync_schema_props_perms(ctx, ertype=None, syncperms=True, syncprops=True, syncrdefs=True, commit=True):
    if not (syncperms or syncprops):
        raise MigrationError("sync_schema_props_perms: nothing to do with syncperms=False and syncprops=False")
    if ertype is None:
        for etype in list(ctx.repo_schema.entities):
            _sync_entity(ctx, etype, syncprops, syncperms, syncrdefs)
        for rtype in list(ctx.repo_schema.relations):
            _sync_relation(ctx, rtype, syncprops, syncperms, syncrdefs=False)
        return
    if hasattr(ertype, "as_triple"):
        ertype = ertype.as_triple()
    if isinstance(ertype, (tuple, list)):
        if len(ertype) != 3:
            raise MigrationError(f"sync_schema_props_perms: a relation definition is (subject, rtype, object), not {ertype!r}")
        key = tuple(str(part) for part in ertype)
        if key not in ctx.repo_schema.definitions:
            raise MigrationError(f"sync_schema_props_perms: {' '.join(key)} is not defined in the database")
        return sync_definition(ctx, key, syncprops, syncperms)
    ertype = check_name(str(ertype), "entity or relation type name")
    if ertype in ctx.repo_schema.entities:
        _sync_entity(ctx, ertype, syncprops, syncperms, syncrdefs)
    elif ertype in ctx.repo_schema.relations:
        _sync_relation(ctx, ertype, syncprops, syncperms, syncrdefs)
    else:
        raise MigrationError(f"sync_schema_props_perms: {ertype!r} is neither an entity type nor a relation type "
                             f"of the database")


def _drop_constraints(props, cstrtype) -> None:
    """Removes from a definition's properties the constraints of the given classes (or class names): those
    folded into a property (unique, maxsize, vocabulary) and the others kept serialized in `constraints`."""
    kinds = cstrtype if isinstance(cstrtype, (tuple, list)) else (cstrtype,)
    names = [kind if isinstance(kind, str) else getattr(kind, "__name__", repr(kind)) for kind in kinds]
    for name in names:
        if name in CONSTRAINT_PROPERTIES:
            props.pop(CONSTRAINT_PROPERTIES[name], None)
    kept = [c for c in props.get("constraints") or [] if not (isinstance(c, dict) and c.get("type") in names)]
    if kept:
        props["constraints"] = kept
    else:
        props.pop("constraints", None)


@primitive("dropped_constraints")
@contextlib.contextmanager
def dropped_constraints(ctx, etype, attrname, cstrtype=None, droprequired=False):
    """While the block runs, the files' definition of etype.attrname lacks those constraints (so
    add_attribute() adds it without them); afterwards they come back and the database follows."""
    matches = [d for d in ctx.newschema.definitions.values() if d.subject == etype and d.rtype == attrname and d.final]
    if not matches:
        raise MigrationError(f"dropped_constraints: the schema files define no attribute {etype}.{attrname}")
    definition = matches[0]
    original = copy.deepcopy(definition.props)
    if cstrtype:
        _drop_constraints(definition.props, cstrtype)
    if droprequired:
        definition.props["cardinality"] = "?" + definition.cardinality[1]
    try:
        yield
    except BaseException:
        definition.props = original
        raise
    definition.props = original
    sync_definition(ctx, definition.key, syncprops=True, syncperms=False)
