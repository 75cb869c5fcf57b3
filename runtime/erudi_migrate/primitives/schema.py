"""The schema primitives of the guide (add_/drop_/rename_ entity types, attributes and relations,
synchronize_*, change_relation_props, set_widget, set_size_constraint): DDL through the dialect and the
persisted schema kept in step. `commit` is accepted and ignored: see ARCHITECTURE.md, Transactions."""
from __future__ import annotations

import copy
from typing import Any, Dict, Optional

from ..errors import MigrationError
from ..identifiers import check_name
from ..schema.storable import unstorable
from ..schema.model import FINAL_TYPES, EntityType, RelationDefinition, RelationType
from ..dialects.base import Index
from ..storage import column, index_name, relation_table, stored_relation, table
from . import primitive, workflow
from .. import computed

# Properties change_relation_props accepts (yams' relation definition properties).
CHANGEABLE = ("cardinality", "required", "default", "maxsize", "unique", "indexed", "description", "composite",
              "fulltextindexed", "internationalizable", "widget", "vocabulary", "permissions", "order")


# lookups with errors a user can act on -------------------------------------------------------
def _entity(ctx, etype: str, what: str = "entity type") -> EntityType:
    check_name(etype, "entity type name")
    entity = ctx.repo_schema.entities.get(etype)
    if entity is None:
        raise MigrationError(f"{what} {etype!r} is not in the database (known: {_known(ctx.repo_schema.entities)})")
    return entity


def _attribute(ctx, etype: str, attrname: str) -> RelationDefinition:
    _entity(ctx, etype)
    check_name(attrname, "attribute name")
    definition = ctx.repo_schema.attribute(etype, attrname)
    if definition is None:
        names = [d.rtype for d in ctx.repo_schema.attributes(etype)]
        raise MigrationError(f"{etype} has no attribute {attrname!r} in the database (it has: {', '.join(names) or 'none'})")
    return definition


def _relation(ctx, rtype: str) -> RelationType:
    check_name(rtype, "relation type name")
    relation = ctx.repo_schema.relations.get(rtype)
    if relation is None:
        raise MigrationError(f"relation type {rtype!r} is not in the database (known: {_known(ctx.repo_schema.relations)})")
    return relation


def skipped(ctx, primitive: str, text: str) -> None:
    """CubicWeb's idempotent commands: adding what exists or dropping what is gone warns and goes on, so a
    half-migrated instance can be upgraded again (CubicWeb ticket #1777411)."""
    ctx.events.emit({"event": "warning", "primitive": primitive, "text": f"{primitive}: {text}, skipped"})


def _known(names) -> str:
    names = sorted(names)
    return ", ".join(names[:12]) + (", ..." if len(names) > 12 else "") if names else "none"


def _eids(ctx) -> str:
    return f"SELECT eid FROM entities WHERE type = {ctx.dialect.param}"


def _ensure_relation_type(ctx, rtype: str, final: bool) -> RelationType:
    """The persisted relation type, created from schema.py's (or plain) when missing."""
    known = ctx.repo_schema.relations.get(rtype)
    if known is not None:
        if known.final != final:
            kind = "an attribute" if known.final else "a relation"
            raise MigrationError(f"{rtype!r} is already {kind} in the database")
        return known
    declared = ctx.newschema.relations.get(rtype)
    props = copy.deepcopy(declared.props) if declared is not None and declared.final == final else {}
    relation = RelationType(rtype, final, props)
    ctx.schema_store.save_relation(relation)
    # stored_relation: a computed relation (ComputedRelation's rule) has no table, as `create` makes none
    if stored_relation(ctx.repo_schema, rtype) and not ctx.storage.table_exists(relation_table(rtype)):
        ctx.storage.create_relation_table(rtype)
    return relation


def _forget_relation_if_unused(ctx, rtype: str) -> None:
    relation = ctx.repo_schema.relations.get(rtype)
    if relation is None or ctx.repo_schema.definitions_of(rtype):
        return
    if not relation.final and not relation.inlined and ctx.storage.table_exists(relation_table(rtype)):
        ctx.dialect.drop_table(ctx.db, relation_table(rtype))
    ctx.schema_store.delete_relation(rtype)


# attributes -----------------------------------------------------------------------------------
def _add_attribute_definition(ctx, definition: RelationDefinition) -> None:
    etype = definition.subject
    if definition.required and definition.props.get("default") is None and ctx.storage.count_rows(etype):
        raise MigrationError(
            f"{etype}.{definition.rtype} is required and has no default, but {etype} has rows: give it a default in "
            f"schema.py, or add it optional, fill it, then change_relation_props(..., cardinality='11')")
    _ensure_relation_type(ctx, definition.rtype, True)
    ctx.dialect.add_column(ctx.db, table(etype), ctx.storage.attribute_column(definition))
    ctx.schema_store.save_definition(definition)
    # Only the new column's own index can be missing: no need to inspect the table's indexes.
    col = column(definition.rtype).lower()
    for index in ctx.storage.desired_indexes(ctx.repo_schema, etype):
        if col in index.columns:
            ctx.dialect.create_index(ctx.db, index)
    if definition.props.get("formula"):
        computed.recompute(ctx, definition)  # CubicWeb fills a new computed attribute from its formula
        computed.watch(ctx)


def _drop_attribute_definition(ctx, definition: RelationDefinition) -> None:
    etype, attrname = definition.subject, definition.rtype
    entity = ctx.repo_schema.entities[etype]
    groups = [g for g in entity.unique_together if attrname not in g]
    if groups != entity.unique_together:
        ctx.schema_store.save_entity(EntityType(etype, dict(entity.props, unique_together=groups)))
    ctx.schema_store.delete_definition(definition)
    ctx.storage.sync_indexes(ctx.repo_schema, etype, dropping=column(attrname))
    ctx.dialect.drop_column(ctx.db, table(etype), column(attrname))
    _forget_relation_if_unused(ctx, attrname)


@primitive("add_attribute")
def add_attribute(ctx, etype, attrname, attrtype=None, commit=True):
    _entity(ctx, etype)
    check_name(attrname, "attribute name")
    if ctx.repo_schema.attribute(etype, attrname) is not None:
        return skipped(ctx, "add_attribute", f"{etype} already has an attribute {attrname!r} in the database")
    declared = ctx.newschema.attribute(etype, attrname)
    if attrtype is None:
        if declared is None:
            raise MigrationError(f"schema.py defines no attribute {etype}.{attrname}: add it to schema.py, "
                                 f"or give its type: add_attribute({etype!r}, {attrname!r}, 'String')")
        attrtype = declared.object
    if declared is not None and declared.object == attrtype and declared.final and attrtype not in FINAL_TYPES:
        raise unstorable(declared, ctx.newschema)  # a register_base_type type of schema.py
    if attrtype not in FINAL_TYPES:
        raise MigrationError(f"{attrtype!r} is not an attribute type (one of {', '.join(FINAL_TYPES)})")
    props = copy.deepcopy(declared.props) if declared is not None and declared.object == attrtype else {"cardinality": "?1"}
    _add_attribute_definition(ctx, RelationDefinition(etype, attrname, attrtype, props))


@primitive("drop_attribute")
def drop_attribute(ctx, etype, attrname, commit=True):
    _entity(ctx, etype)
    check_name(attrname, "attribute name")
    if ctx.repo_schema.attribute(etype, attrname) is None:
        return skipped(ctx, "drop_attribute", f"{etype} has no attribute {attrname!r} in the database")
    _drop_attribute_definition(ctx, _attribute(ctx, etype, attrname))


@primitive("rename_attribute")
def rename_attribute(ctx, etype, oldname, newname, commit=True):
    _entity(ctx, etype)
    check_name(newname, "attribute name")
    if ctx.repo_schema.attribute(etype, oldname) is None and ctx.repo_schema.attribute(etype, newname) is not None:
        return skipped(ctx, "rename_attribute", f"{etype} already has {newname!r} and no longer {oldname!r}")
    definition = _attribute(ctx, etype, oldname)
    if ctx.repo_schema.find_definitions(etype, newname):
        raise MigrationError(f"{etype} already has an attribute or relation {newname!r}")
    _ensure_relation_type(ctx, newname, True)
    ctx.dialect.rename_column(ctx.db, table(etype), column(oldname), column(newname))
    entity = ctx.repo_schema.entities[etype]
    groups = [[newname if a == oldname else a for a in g] for g in entity.unique_together]
    if groups != entity.unique_together:
        ctx.schema_store.save_entity(EntityType(etype, dict(entity.props, unique_together=groups)))
    ctx.schema_store.delete_definition(definition)
    ctx.schema_store.save_definition(RelationDefinition(etype, newname, definition.object, definition.props))
    _forget_relation_if_unused(ctx, oldname)
    ctx.storage.sync_indexes(ctx.repo_schema, etype)


# relation definitions -------------------------------------------------------------------------
def _add_relation_definition(ctx, definition: RelationDefinition) -> None:
    relation = _ensure_relation_type(ctx, definition.rtype, False)
    if relation.inlined:
        if definition.cardinality[0] not in "?1":
            raise MigrationError(f"{definition.rtype} is inlined, so {definition.subject} can have one at most: "
                                 f"cardinality {definition.cardinality!r} needs uninline_relation({definition.rtype!r}) first")
        present = {c.name.lower() for c in ctx.dialect.columns(ctx.db, table(definition.subject))}
        if column(definition.rtype).lower() not in present:
            ctx.dialect.add_column(ctx.db, table(definition.subject), ctx.storage.inlined_column(definition.rtype))
    ctx.schema_store.save_definition(definition)
    if relation.inlined:
        ctx.storage.sync_indexes(ctx.repo_schema, definition.subject)


def _drop_relation_definition(ctx, definition: RelationDefinition, dropped_etype: Optional[str] = None) -> None:
    relation = ctx.repo_schema.relations[definition.rtype]
    p = ctx.dialect.param
    if relation.inlined:
        if definition.subject != dropped_etype:
            col = column(definition.rtype)
            ctx.db.execute(f"UPDATE {table(definition.subject)} SET {col} = NULL WHERE {col} IN ({_eids(ctx)})",
                           (definition.object,))
    elif stored_relation(ctx.repo_schema, definition.rtype):  # identity and computed relations have no table
        ctx.db.execute(f"DELETE FROM {relation_table(definition.rtype)} WHERE eid_from IN ({_eids(ctx)}) "
                       f"AND eid_to IN ({_eids(ctx)})", (definition.subject, definition.object))
    ctx.schema_store.delete_definition(definition)
    if relation.inlined and definition.subject != dropped_etype and \
            not ctx.repo_schema.find_definitions(definition.subject, definition.rtype):
        ctx.storage.sync_indexes(ctx.repo_schema, definition.subject, dropping=column(definition.rtype))
        ctx.dialect.drop_column(ctx.db, table(definition.subject), column(definition.rtype))
    _forget_relation_if_unused(ctx, definition.rtype)


def _declared_definition(ctx, subjtype: str, rtype: str, objtype: str) -> RelationDefinition:
    declared = ctx.newschema.definitions.get((subjtype, rtype, objtype))
    if declared is not None:
        return RelationDefinition(subjtype, rtype, objtype, copy.deepcopy(declared.props))
    return RelationDefinition(subjtype, rtype, objtype, {"cardinality": "?1" if objtype in FINAL_TYPES else "**"})


@primitive("add_relation_definition")
def add_relation_definition(ctx, subjtype, rtype, objtype, commit=True):
    _entity(ctx, subjtype)
    check_name(rtype, "relation type name")
    if objtype not in FINAL_TYPES:
        _entity(ctx, objtype)
    if (subjtype, rtype, objtype) in ctx.repo_schema.definitions:
        return skipped(ctx, "add_relation_definition", f"{subjtype} {rtype} {objtype} is already defined in the database")
    definition = _declared_definition(ctx, subjtype, rtype, objtype)
    if definition.final:
        _add_attribute_definition(ctx, definition)
    else:
        _add_relation_definition(ctx, definition)


@primitive("drop_relation_definition")
def drop_relation_definition(ctx, subjtype, rtype, objtype, commit=True):
    for name in (subjtype, rtype) + (() if objtype in FINAL_TYPES else (objtype,)):
        check_name(name)
    definition = ctx.repo_schema.definitions.get((subjtype, rtype, objtype))
    if definition is None:
        return skipped(ctx, "drop_relation_definition", f"{subjtype} {rtype} {objtype} is not defined in the database")
    if definition.final:
        _drop_attribute_definition(ctx, definition)
    else:
        _drop_relation_definition(ctx, definition)


# entity types ---------------------------------------------------------------------------------
@primitive("add_entity_type")
def add_entity_type(ctx, etype, auto=True, commit=True):
    check_name(etype, "entity type name")
    if etype in ctx.repo_schema.entities:
        return skipped(ctx, "add_entity_type", f"entity type {etype!r} is already in the database")
    declared = ctx.newschema.entities.get(etype)
    if declared is None:
        raise MigrationError(f"schema.py defines no entity type {etype!r}: add its class to schema.py first")
    ctx.schema_store.save_entity(EntityType(etype, copy.deepcopy(declared.props)))
    for attribute in ctx.newschema.attributes(etype):
        _ensure_relation_type(ctx, attribute.rtype, True)
        ctx.schema_store.save_definition(RelationDefinition(etype, attribute.rtype, attribute.object,
                                                            copy.deepcopy(attribute.props)))
    ctx.storage.create_entity_table(ctx.repo_schema, etype)
    if auto:
        for definition in ctx.newschema.relations_of(etype):
            other = definition.object if definition.subject == etype else definition.subject
            if other in ctx.repo_schema.entities and definition.key not in ctx.repo_schema.definitions:
                _add_relation_definition(ctx, RelationDefinition(*definition.key, copy.deepcopy(definition.props)))


@primitive("drop_entity_type")
def drop_entity_type(ctx, etype, commit=True):
    check_name(etype, "entity type name")
    if etype not in ctx.repo_schema.entities:
        return skipped(ctx, "drop_entity_type", f"entity type {etype!r} is not in the database")
    _entity(ctx, etype)
    workflow.entity_type_dropped(ctx, etype)
    ctx.storage.entity_type_dropped(etype)  # its CWEType entity and its entities' metadata rows
    for definition in ctx.repo_schema.relations_of(etype):
        _drop_relation_definition(ctx, definition, dropped_etype=etype)
    ctx.dialect.drop_table(ctx.db, table(etype))
    ctx.db.execute(f"DELETE FROM entities WHERE type = {ctx.dialect.param}", (etype,))
    for attribute in ctx.repo_schema.attributes(etype):
        ctx.schema_store.delete_definition(attribute)
        _forget_relation_if_unused(ctx, attribute.rtype)
    ctx.schema_store.delete_entity(etype)


@primitive("rename_entity_type")
def rename_entity_type(ctx, oldname, newname, attrs=None, commit=True):
    check_name(oldname, "entity type name")
    check_name(newname, "entity type name")
    if oldname not in ctx.repo_schema.entities:
        return skipped(ctx, "rename_entity_type", f"entity type {oldname!r} is not in the database")
    entity = _entity(ctx, oldname)
    if newname in ctx.repo_schema.entities:
        # CubicWeb then merges oldname's entities into newname (attrs: the columns to copy).
        raise MigrationError(f"rename_entity_type({oldname!r}, {newname!r}): {newname} is already in the database, "
                             f"and merging two entity types is not supported here; copy the data with rql() "
                             f"(INSERT {newname} ...), then drop_entity_type({oldname!r})")
    if attrs is not None:
        raise MigrationError(f"rename_entity_type(..., attrs=...): attrs only applies when merging into an existing "
                             f"type; to rename {oldname} to {newname}, leave attrs out")
    ctx.dialect.rename_table(ctx.db, table(oldname), table(newname))
    p = ctx.dialect.param
    ctx.db.execute(f"UPDATE entities SET type = {p} WHERE type = {p}", (newname, oldname))
    workflow.entity_type_renamed(ctx, oldname, newname)
    ctx.storage.entity_type_renamed(oldname, newname)
    declared = ctx.newschema.entities.get(newname)
    ctx.schema_store.delete_entity(oldname)
    ctx.schema_store.save_entity(EntityType(newname, copy.deepcopy(declared.props if declared else entity.props)))
    for definition in [d for d in ctx.repo_schema.definitions.values() if oldname in (d.subject, d.object)]:
        ctx.schema_store.delete_definition(definition)
        subject = newname if definition.subject == oldname else definition.subject
        obj = newname if definition.object == oldname else definition.object
        ctx.schema_store.save_definition(RelationDefinition(subject, definition.rtype, obj, definition.props))
    ctx.storage.sync_indexes(ctx.repo_schema, newname)


# relation types -------------------------------------------------------------------------------
@primitive("add_relation_type")
def add_relation_type(ctx, rtype, addrdef=True, commit=True):
    check_name(rtype, "relation type name")
    exists = rtype in ctx.repo_schema.relations
    if exists:
        skipped(ctx, "add_relation_type", f"relation type {rtype!r} is already in the database")
        if not addrdef:
            return
    declared = ctx.newschema.relations.get(rtype)
    if declared is None:
        if exists:
            return
        raise MigrationError(f"schema.py defines no relation type {rtype!r}: add it to schema.py first")
    _ensure_relation_type(ctx, rtype, declared.final)
    if not addrdef:
        return
    for definition in ctx.newschema.definitions_of(rtype):
        if definition.key in ctx.repo_schema.definitions:
            continue
        ends = [definition.subject] + ([] if definition.final else [definition.object])
        if all(end in ctx.repo_schema.entities for end in ends):
            fresh = RelationDefinition(*definition.key, copy.deepcopy(definition.props))
            (_add_attribute_definition if definition.final else _add_relation_definition)(ctx, fresh)


@primitive("drop_relation_type")
def drop_relation_type(ctx, rtype, commit=True):
    check_name(rtype, "relation type name")
    if rtype not in ctx.repo_schema.relations:
        return skipped(ctx, "drop_relation_type", f"relation type {rtype!r} is not in the database")
    relation = _relation(ctx, rtype)
    for definition in ctx.repo_schema.definitions_of(rtype):
        (_drop_attribute_definition if definition.final else _drop_relation_definition)(ctx, definition)
    if rtype in ctx.repo_schema.relations:  # a type without definitions
        if not relation.final and not relation.inlined and ctx.storage.table_exists(relation_table(rtype)):
            ctx.dialect.drop_table(ctx.db, relation_table(rtype))
        ctx.schema_store.delete_relation(rtype)


@primitive("rename_relation")
def rename_relation(ctx, oldname, newname, commit=True):
    check_name(oldname, "relation type name")
    check_name(newname, "relation type name")
    if oldname not in ctx.repo_schema.relations and newname in ctx.repo_schema.relations:
        return skipped(ctx, "rename_relation", f"{newname!r} is already in the database and {oldname!r} no longer")
    relation = _relation(ctx, oldname)
    if newname in ctx.repo_schema.relations:
        raise MigrationError(f"relation type {newname!r} is already in the database")
    definitions = ctx.repo_schema.definitions_of(oldname)
    if relation.final or relation.inlined:
        for subject in dict.fromkeys(d.subject for d in definitions):
            ctx.dialect.rename_column(ctx.db, table(subject), column(oldname), column(newname))
    else:
        ctx.dialect.drop_index(ctx.db, index_name(relation_table(oldname), ["eid_to"], False))
        ctx.dialect.rename_table(ctx.db, relation_table(oldname), relation_table(newname))
        name = relation_table(newname)
        ctx.dialect.create_index(ctx.db, Index(index_name(name, ["eid_to"], False), name, ["eid_to"], False))
    declared = ctx.newschema.relations.get(newname)
    props = copy.deepcopy(declared.props) if declared is not None and declared.final == relation.final else relation.props
    if relation.inlined != bool(props.get("inlined")):
        props = dict(props, inlined=relation.inlined)  # storage is unchanged by a rename
    ctx.schema_store.delete_relation(oldname)
    ctx.schema_store.save_relation(RelationType(newname, relation.final, props))
    for definition in definitions:
        ctx.schema_store.delete_definition(definition)
        ctx.schema_store.save_definition(RelationDefinition(definition.subject, newname, definition.object, definition.props))
        if relation.final:
            entity = ctx.repo_schema.entities[definition.subject]
            groups = [[newname if a == oldname else a for a in g] for g in entity.unique_together]
            if groups != entity.unique_together:
                ctx.schema_store.save_entity(EntityType(entity.name, dict(entity.props, unique_together=groups)))
    for subject in dict.fromkeys(d.subject for d in definitions):
        if relation.final or relation.inlined:
            ctx.storage.sync_indexes(ctx.repo_schema, subject)


# properties -----------------------------------------------------------------------------------
def _change_definition(ctx, old: RelationDefinition, props: Dict[str, Any]) -> None:
    """Gives `old` the properties `props`, with the DDL that follows (type, NOT NULL, default, indexes)."""
    new = RelationDefinition(old.subject, old.rtype, old.object, props)
    if old.final:
        name, col = table(old.subject), column(old.rtype)
        before, after = ctx.storage.attribute_column(old), ctx.storage.attribute_column(new)
        p = ctx.dialect.param
        if after.not_null and not before.not_null:
            if props.get("default") is not None:
                # Existing rows get the default, as when the attribute is added.
                ctx.db.execute(f"UPDATE {name} SET {col} = {p} WHERE {col} IS NULL", (props["default"],))
            missing = ctx.db.query(f"SELECT COUNT(*) FROM {name} WHERE {col} IS NULL")[0][0]
            if missing:
                raise MigrationError(f"{old.subject}.{old.rtype} cannot become required: {missing} rows have no value "
                                     f"(fill them first, e.g. with rql SET, or give a default)")
        maxsize = props.get("maxsize")
        if old.object == "String" and maxsize and maxsize != old.props.get("maxsize"):
            longer = ctx.db.query(f"SELECT COUNT(*) FROM {name} WHERE LENGTH({col}) > {p}", (int(maxsize),))[0][0]
            if longer:
                raise MigrationError(f"{old.subject}.{old.rtype} cannot be limited to {maxsize} characters: "
                                     f"{longer} rows are longer (shorten them first)")
        if before != after:
            ctx.dialect.alter_column(ctx.db, name, before, after)
    elif ctx.repo_schema.relations[old.rtype].inlined and new.cardinality[0] not in "?1":
        raise MigrationError(f"{old.rtype} is inlined, so cardinality {new.cardinality!r} needs "
                             f"uninline_relation({old.rtype!r}) first")
    ctx.schema_store.save_definition(new)
    if old.final or ctx.repo_schema.relations[old.rtype].inlined:
        ctx.storage.sync_indexes(ctx.repo_schema, old.subject)
    if old.final and props.get("formula") and props.get("formula") != old.props.get("formula"):
        computed.recompute(ctx, new)  # a new formula: the stored values follow it
        computed.watch(ctx)


@primitive("change_relation_props")
def change_relation_props(ctx, subjtype, rtype, objtype, commit=True, **kwargs):
    for name in (subjtype, rtype) + (() if objtype in FINAL_TYPES else (objtype,)):
        check_name(name)
    old = ctx.repo_schema.definitions.get((subjtype, rtype, objtype))
    if old is None:
        raise MigrationError(f"{subjtype} {rtype} {objtype} is not defined in the database")
    unknown = sorted(set(kwargs) - set(CHANGEABLE))
    if unknown:
        raise MigrationError(f"unknown relation properties {', '.join(unknown)} (known: {', '.join(CHANGEABLE)})")
    props = copy.deepcopy(old.props)
    required = kwargs.pop("required", None)
    for key, value in kwargs.items():
        if value is None:
            props.pop(key, None)
        else:
            props[key] = value
    if required is not None:
        cardinality = props.get("cardinality") or old.cardinality
        props["cardinality"] = ("1" if required else "?") + cardinality[1:]
    if "cardinality" in props and (not isinstance(props["cardinality"], str) or len(props["cardinality"]) != 2 or
                                   any(c not in "?1*+" for c in props["cardinality"])):
        raise MigrationError(f"cardinality {props['cardinality']!r} is not two of ?, 1, *, + (e.g. '?*')")
    _change_definition(ctx, old, props)


@primitive("set_size_constraint")
def set_size_constraint(ctx, etype, rtype, size, commit=True):
    definition = _attribute(ctx, etype, rtype)
    if definition.object not in ("String", "RichString"):
        raise MigrationError(f"{etype}.{rtype} is a {definition.object}: only String attributes have a size")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size <= 0):
        raise MigrationError(f"size must be a positive integer or None, not {size!r}")
    props = copy.deepcopy(definition.props)
    if size is None:
        props.pop("maxsize", None)
    else:
        props["maxsize"] = size
    _change_definition(ctx, definition, props)


@primitive("set_widget")
def set_widget(ctx, etype, rtype, widget, commit=True):
    _entity(ctx, etype)
    check_name(rtype, "relation type name")
    if not isinstance(widget, str) or not widget:
        raise MigrationError(f"widget must be a widget name, not {widget!r}")
    definitions = ctx.repo_schema.find_definitions(etype, rtype)
    if not definitions:
        raise MigrationError(f"{etype} has no attribute or relation {rtype!r} in the database")
    for definition in definitions:
        ctx.schema_store.save_definition(
            RelationDefinition(*definition.key, dict(definition.props, widget=widget)))


def _sync_definitions(ctx, definitions) -> None:
    for old in definitions:
        declared = ctx.newschema.definitions.get(old.key)
        if declared is not None and declared.props != old.props:
            _change_definition(ctx, old, copy.deepcopy(declared.props))


def _sync_entity(ctx, etype: str, with_definitions: bool) -> None:
    entity = _entity(ctx, etype)
    declared = ctx.newschema.entities.get(etype)
    if declared is None:
        raise MigrationError(f"schema.py defines no entity type {etype!r}")
    if declared.props != entity.props:
        ctx.schema_store.save_entity(EntityType(etype, copy.deepcopy(declared.props)))
        ctx.storage.sync_indexes(ctx.repo_schema, etype)
    if with_definitions:
        _sync_definitions(ctx, [d for d in ctx.repo_schema.definitions.values() if d.subject == etype])


def _sync_relation(ctx, rtype: str, with_definitions: bool) -> None:
    relation = _relation(ctx, rtype)
    declared = ctx.newschema.relations.get(rtype)
    if declared is None:
        raise MigrationError(f"schema.py defines no relation type {rtype!r}")
    if declared.final != relation.final:
        raise MigrationError(f"{rtype} is {'an attribute' if relation.final else 'a relation'} in the database but "
                             f"{'an attribute' if declared.final else 'a relation'} in schema.py")
    if declared.inlined != relation.inlined:
        raise MigrationError(f"{rtype} is {'' if relation.inlined else 'not '}inlined in the database but "
                             f"{'' if declared.inlined else 'not '}in schema.py: use uninline_relation({rtype!r}) "
                             f"to move an inlined relation to its own table")
    if declared.props != relation.props:
        ctx.schema_store.save_relation(RelationType(rtype, relation.final, copy.deepcopy(declared.props)))
    if with_definitions:
        _sync_definitions(ctx, ctx.repo_schema.definitions_of(rtype))


@primitive("synchronize_permissions")
def synchronize_permissions(ctx, ertype, commit=True):
    check_name(ertype, "entity or relation type name")
    if ertype in ctx.repo_schema.entities:
        declared = ctx.newschema.entities.get(ertype)
        if declared is None:
            raise MigrationError(f"schema.py defines no entity type {ertype!r}")
        entity = ctx.repo_schema.entities[ertype]
        ctx.schema_store.save_entity(EntityType(ertype, _with_permissions(entity.props, declared.props)))
        definitions = [d for d in ctx.repo_schema.definitions.values() if d.subject == ertype and d.final]
    elif ertype in ctx.repo_schema.relations:
        declared = ctx.newschema.relations.get(ertype)
        if declared is None:
            raise MigrationError(f"schema.py defines no relation type {ertype!r}")
        relation = ctx.repo_schema.relations[ertype]
        ctx.schema_store.save_relation(RelationType(ertype, relation.final,
                                                    _with_permissions(relation.props, declared.props)))
        definitions = ctx.repo_schema.definitions_of(ertype)
    else:
        raise MigrationError(f"{ertype!r} is neither an entity type nor a relation type of the database")
    for definition in definitions:
        declared_definition = ctx.newschema.definitions.get(definition.key)
        if declared_definition is not None:
            ctx.schema_store.save_definition(RelationDefinition(
                *definition.key, _with_permissions(definition.props, declared_definition.props)))


def _with_permissions(props: Dict[str, Any], declared: Dict[str, Any]) -> Dict[str, Any]:
    props = copy.deepcopy(props)
    if declared.get("permissions") is None:
        props.pop("permissions", None)
    else:
        props["permissions"] = copy.deepcopy(declared["permissions"])
    return props


@primitive("synchronize_eschema")
def synchronize_eschema(ctx, etype, commit=True):
    _sync_entity(ctx, etype, with_definitions=True)


@primitive("synchronize_rschema")
def synchronize_rschema(ctx, rtype, commit=True):
    _sync_relation(ctx, rtype, with_definitions=True)


@primitive("synchronize_schema")
def synchronize_schema(ctx, commit=True):
    for etype in list(ctx.repo_schema.entities):
        if etype in ctx.newschema.entities:
            _sync_entity(ctx, etype, with_definitions=False)
    for rtype in list(ctx.repo_schema.relations):
        if rtype in ctx.newschema.relations:
            _sync_relation(ctx, rtype, with_definitions=False)
    _sync_definitions(ctx, list(ctx.repo_schema.definitions.values()))


# CubicWeb 3.28's names ------------------------------------------------------------------------
@primitive("rename_relation_type")
def rename_relation_type(ctx, oldname, newname, commit=True, force=False):
    """CubicWeb's rename_relation_type: asks (default no) when oldname is still in the schema files."""
    check_name(oldname, "relation type name")
    if oldname in ctx.newschema.relations and not force:
        if not ctx.confirm(f"Relation {oldname} is still present in the filesystem schema, do you really want to "
                           f"drop it?", default="n"):
            return
    rename_relation(ctx, oldname, newname, commit)


@primitive("change_attribute_type")
def change_attribute_type(ctx, etype, attr, newtype, commit=True):
    """Changes the column's type with its values converted by the database (Int to Float, Int to String, ...);
    a value the new type cannot hold stops the script and the step rolls back."""
    old = _attribute(ctx, etype, attr)
    if newtype not in FINAL_TYPES:
        raise MigrationError(f"change_attribute_type: {newtype!r} is not an attribute type (one of {', '.join(FINAL_TYPES)})")
    if newtype == old.object:
        return skipped(ctx, "change_attribute_type", f"{etype}.{attr} is already a {newtype}")
    declared = ctx.newschema.definitions.get((etype, attr, newtype))
    if declared is not None:
        props = copy.deepcopy(declared.props)
    else:
        props = copy.deepcopy(old.props)
        if newtype not in ("String", "RichString"):
            props.pop("maxsize", None)
        props.pop("default", None)  # the old default is a value of the old type
    new = RelationDefinition(etype, attr, newtype, props)
    name, col = table(etype), column(attr)
    try:
        ctx.dialect.alter_column(ctx.db, name, ctx.storage.attribute_column(old), ctx.storage.attribute_column(new))
    except MigrationError:
        raise
    except Exception as error:
        from ..execution import describe
        raise MigrationError(f"change_attribute_type({etype!r}, {attr!r}, {newtype!r}): the stored values cannot be "
                             f"converted ({describe(error)}); correct them first (rql SET), then change the type")
    if ctx.dialect.name == "sqlite" and newtype in ("Int", "BigInt", "Float", "Decimal"):
        # SQLite keeps a value its column cannot convert as it was: that is a failed conversion too.
        bad = ctx.db.query(f"SELECT COUNT(*) FROM {name} WHERE {col} IS NOT NULL AND typeof({col}) NOT IN "
                           f"('integer', 'real')")[0][0]
        if bad:
            raise MigrationError(f"change_attribute_type({etype!r}, {attr!r}, {newtype!r}): {bad} stored values are "
                                 f"not numbers; correct them first (rql SET), then change the type")
    ctx.schema_store.delete_definition(old)
    ctx.schema_store.save_definition(new)
    ctx.storage.sync_indexes(ctx.repo_schema, etype)
