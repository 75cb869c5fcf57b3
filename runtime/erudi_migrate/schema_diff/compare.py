"""The differences between two plain schemas (the instance's persisted one and the application's), as a
list of changes: entity types, attributes, relation types, relation definitions, their properties
(constraints included) and permissions. A type or attribute that disappears while another of the same
shape appears is reported as a rename (the script writer keeps the drop-and-add in a comment)."""
from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Optional, Tuple

from ..schema.model import EntityType, RelationDefinition, RelationType, Schema

# Markers the runtime keeps in the persisted schema that no schema file writes (core types are `system`).
RUNTIME_MARKERS = ("system",)
KINDS = ("entity-type-added", "entity-type-removed", "entity-type-renamed", "entity-type-changed",
         "attribute-added", "attribute-removed", "attribute-renamed", "attribute-changed",
         "relation-type-added", "relation-type-removed", "relation-type-changed",
         "relation-definition-added", "relation-definition-removed", "relation-definition-changed",
         "permissions-changed")


class Change:
    """One difference. `key` says what it is about, for the script writer: (etype,), (etype, attr, type),
    (etype, old, new), (rtype,), (subject, rtype, object), or ("entity"|"relation", name) / ("definition",
    subject, rtype, object) for permissions."""

    def __init__(self, kind: str, subject: str, summary: str, key: Tuple, property: Optional[str] = None,
                 before: Any = None, after: Any = None) -> None:
        assert kind in KINDS, kind
        self.kind = kind
        self.subject = subject
        self.property = property
        self.before = before
        self.after = after
        self.summary = summary
        self.key = key
        self.file: Optional[str] = None
        self.line: Optional[int] = None

    def to_json(self) -> Dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject, "property": self.property, "before": self.before,
                "after": self.after, "file": self.file, "line": self.line, "summary": self.summary}

    def __repr__(self) -> str:
        return f"<Change {self.kind} {self.subject} {self.property or ''}>"


def comparable(props: Dict[str, Any]) -> Dict[str, Any]:
    """Properties as they mean something: runtime markers left out, permission grants in a stable order
    (CubicWeb treats each action's groups and expressions as a set)."""
    out = {k: v for k, v in props.items() if k not in RUNTIME_MARKERS}
    permissions = out.get("permissions")
    if isinstance(permissions, dict):
        out["permissions"] = {action: sorted(granted, key=_grant_order) if isinstance(granted, list) else granted
                              for action, granted in sorted(permissions.items())}
    return out


def _grant_order(grant: Any) -> Tuple[int, str]:
    return (0, grant) if isinstance(grant, str) else (1, json.dumps(grant, sort_keys=True))


def attributes_by_type(schema: Schema) -> Dict[str, List[RelationDefinition]]:
    """Each entity type's attributes, in definition order, read in one pass (Schema.attributes scans them all)."""
    index: Dict[str, List[RelationDefinition]] = {name: [] for name in schema.entities}
    for definition in schema.definitions.values():
        if definition.final:
            index.setdefault(definition.subject, []).append(definition)
    return index


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, sort_keys=True)


def _attribute_shape(definition: RelationDefinition) -> Tuple[str, str]:
    """What makes two attributes look the same: type and properties (the description aside)."""
    props = {k: v for k, v in comparable(definition.props).items() if k != "description"}
    return definition.object, json.dumps(props, sort_keys=True, default=str)


def _entity_shape(attributes: Dict[str, List[RelationDefinition]], etype: str) -> Tuple:
    return tuple(sorted(_attribute_shape(d) + (d.rtype,) for d in attributes.get(etype, [])))


def _pair(removed: List[str], added: List[str], shape_of_removed, shape_of_added) -> List[Tuple[str, str]]:
    """Each removed name with the first unpaired added name of the same shape (both in their order)."""
    pairs = []
    free = list(added)
    for old in removed:
        shape = shape_of_removed(old)
        for new in free:
            if shape_of_added(new) == shape:
                pairs.append((old, new))
                free.remove(new)
                break
    return pairs


def _renamed_entities(schema: Schema, renames: Dict[str, str]) -> Schema:
    """A copy of `schema` where the entity types are renamed, as rename_entity_type leaves it."""
    if not renames:
        return schema
    out = Schema()
    for name, entity in schema.entities.items():
        new = renames.get(name, name)
        out.entities[new] = EntityType(new, copy.deepcopy(entity.props))
    out.relations = copy.deepcopy(schema.relations)
    for (subject, rtype, obj), definition in schema.definitions.items():
        key = (renames.get(subject, subject), rtype, renames.get(obj, obj))
        out.definitions[key] = RelationDefinition(*key, copy.deepcopy(definition.props))
    return out


def _renamed_attributes(schema: Schema, renames: Dict[Tuple[str, str], str]) -> Schema:
    """A copy of `schema` where attributes are renamed, as rename_attribute leaves it."""
    if not renames:
        return schema
    out = Schema()
    out.entities = copy.deepcopy(schema.entities)
    out.relations = copy.deepcopy(schema.relations)
    for (subject, rtype, obj), definition in schema.definitions.items():
        new = renames.get((subject, rtype), rtype) if definition.final else rtype
        if new != rtype and new not in out.relations:
            out.relations[new] = RelationType(new, True, {})
        out.definitions[(subject, new, obj)] = RelationDefinition(subject, new, obj, copy.deepcopy(definition.props))
    return out


def compare(persisted: Schema, application: Schema) -> List[Change]:
    """What differs, from the persisted schema to the application's, in the order a script handles it:
    renames, entity types, attributes, relation types, relation definitions, then property changes."""
    changes: List[Change] = []

    # Entity types, renames first: everything after compares under the new names.
    removed_types = [e for e in persisted.entities if e not in application.entities]
    added_types = [e for e in application.entities if e not in persisted.entities]
    persisted_attributes, application_attributes = attributes_by_type(persisted), attributes_by_type(application)
    type_renames = _pair(removed_types, added_types, lambda e: _entity_shape(persisted_attributes, e),
                         lambda e: _entity_shape(application_attributes, e))
    for old, new in type_renames:
        changes.append(Change("entity-type-renamed", new, f"entity type {old} is gone and {new} has the same "
                              f"attributes: {old} renamed to {new} (or {old} dropped and {new} added)",
                              (old, new), before=old, after=new))
    renamed = dict(type_renames)
    before = _renamed_entities(persisted, renamed)
    added_types = [e for e in added_types if e not in renamed.values()]
    removed_types = [e for e in removed_types if e not in renamed]
    for etype in added_types:
        changes.append(Change("entity-type-added", etype, f"entity type {etype} is added", (etype,), after=etype))
    for etype in removed_types:
        changes.append(Change("entity-type-removed", etype, f"entity type {etype} is removed", (etype,), before=etype))

    # Attribute renames, within the types both have.
    common_types = [e for e in application.entities if e in before.entities]
    attribute_renames: Dict[Tuple[str, str], str] = {}
    before_attributes = attributes_by_type(before)
    for etype in common_types:
        old_attrs = {d.rtype: d for d in before_attributes[etype]}
        new_attrs = {d.rtype: d for d in application_attributes[etype]}
        gone = [a for a in old_attrs if a not in new_attrs]
        fresh = [a for a in new_attrs if a not in old_attrs]
        for old, new in _pair(gone, fresh, lambda a: _attribute_shape(old_attrs[a]),
                              lambda a: _attribute_shape(new_attrs[a])):
            if before.relations.get(new) is not None and not before.relations[new].final:
                continue  # the new name is a relation in the database: no rename can take it
            attribute_renames[(etype, old)] = new
            changes.append(Change("attribute-renamed", f"{etype}.{new}", f"attribute {etype}.{old} is gone and "
                                  f"{etype}.{new} has the same type and properties: renamed (or dropped and added)",
                                  (etype, old, new), before=old, after=new))
    before = _renamed_attributes(before, attribute_renames)

    # Attributes of the types both have.
    before_attributes = attributes_by_type(before)
    for etype in common_types:
        old_attrs = {d.rtype: d for d in before_attributes[etype]}
        new_attrs = {d.rtype: d for d in application_attributes[etype]}
        for name, definition in new_attrs.items():
            if name not in old_attrs:
                changes.append(Change("attribute-added", f"{etype}.{name}", f"attribute {etype}.{name} "
                                      f"({definition.object}) is added", (etype, name, definition.object),
                                      after=definition.object))
        for name, definition in old_attrs.items():
            if name not in new_attrs:
                changes.append(Change("attribute-removed", f"{etype}.{name}", f"attribute {etype}.{name} "
                                      f"({definition.object}) is removed", (etype, name, definition.object),
                                      before=definition.object))
        for name, new in new_attrs.items():
            old = old_attrs.get(name)
            if old is None:
                continue
            key = (etype, name, new.object)
            if old.object != new.object:
                changes.append(Change("attribute-changed", f"{etype}.{name}", f"attribute {etype}.{name} changes "
                                      f"type from {old.object} to {new.object}", key, "type", old.object, new.object))
            changes.extend(_property_changes("attribute-changed", f"{etype}.{name}", f"attribute {etype}.{name}",
                                             key, ("definition", etype, name, new.object), old.props, new.props,
                                             attribute=True))

    # Relation types (attributes' relation types are their attributes' business).
    old_relations = {n: r for n, r in before.relations.items() if not r.final}
    new_relations = {n: r for n, r in application.relations.items() if not r.final}
    for name in new_relations:
        if name not in old_relations:
            what = "computed relation" if new_relations[name].props.get("rule") else "relation type"
            changes.append(Change("relation-type-added", name, f"{what} {name} is added", (name,), after=name))
    for name in old_relations:
        if name not in new_relations:
            changes.append(Change("relation-type-removed", name, f"relation type {name} is removed", (name,),
                                  before=name))
    for name, new in new_relations.items():
        old = old_relations.get(name)
        if old is not None:
            changes.extend(_property_changes("relation-type-changed", name, f"relation type {name}", (name,),
                                             ("relation", name), old.props, new.props))

    # Relation definitions of the relation types both have, between the types both have.
    gone_types, fresh_types = set(removed_types), set(added_types)
    before_by_rtype, application_by_rtype = _by_rtype(before), _by_rtype(application)
    for name in new_relations:
        if name not in old_relations:
            continue
        old_defs = before_by_rtype.get(name, {})
        new_defs = application_by_rtype.get(name, {})
        for key, definition in new_defs.items():
            if key not in old_defs and not (fresh_types & {key[0], key[2]}):
                changes.append(Change("relation-definition-added", " ".join(key), f"relation {' '.join(key)} "
                                      f"({definition.cardinality}) is added", key, after=definition.cardinality))
        for key, definition in old_defs.items():
            if key not in new_defs and not (gone_types & {key[0], key[2]}):
                changes.append(Change("relation-definition-removed", " ".join(key), f"relation {' '.join(key)} "
                                      "is removed", key, before=definition.cardinality))
        for key, new in new_defs.items():
            old = old_defs.get(key)
            if old is not None:
                changes.extend(_property_changes("relation-definition-changed", " ".join(key),
                                                 f"relation {' '.join(key)}", key, ("definition",) + key,
                                                 old.props, new.props))

    # Entity types' own properties (description, unique_together, specializes) and permissions.
    for etype in common_types:
        changes.extend(_property_changes("entity-type-changed", etype, f"entity type {etype}", (etype,),
                                         ("entity", etype), before.entities[etype].props,
                                         application.entities[etype].props))
    return changes


def _by_rtype(schema: Schema) -> Dict[str, Dict[Tuple[str, str, str], RelationDefinition]]:
    index: Dict[str, Dict[Tuple[str, str, str], RelationDefinition]] = {}
    for key, definition in schema.definitions.items():
        index.setdefault(definition.rtype, {})[key] = definition
    return index


def _property_changes(kind: str, subject: str, what: str, key: Tuple, permissions_key: Tuple,
                      old_props: Dict[str, Any], new_props: Dict[str, Any], attribute: bool = False) -> List[Change]:
    old, new = comparable(old_props), comparable(new_props)
    changes = []
    for prop in sorted(set(old) | set(new)):
        if prop in ("cardinality",):
            continue
        before, after = old.get(prop), new.get(prop)
        if before == after:
            continue
        if prop == "permissions":
            changes.append(Change("permissions-changed", subject, f"the permissions of {what} change",
                                  permissions_key, "permissions", before, after))
        else:
            changes.append(Change(kind, subject, f"{prop} of {what} changes from {_shown(before)} to "
                                  f"{_shown(after)}", key, prop, before, after))
    before_card = old.get("cardinality") or ("?1" if attribute else "**")
    after_card = new.get("cardinality") or ("?1" if attribute else "**")
    if before_card != after_card:
        was, now = before_card[0] == "1", after_card[0] == "1"
        if attribute and was != now:
            changes.append(Change(kind, subject, f"{what} becomes {'required' if now else 'optional'}", key,
                                  "required", was, now))
        if not attribute or was == now or before_card[1] != after_card[1]:
            changes.append(Change(kind, subject, f"cardinality of {what} changes from {before_card!r} to "
                                  f"{after_card!r}", key, "cardinality", before_card, after_card))
    return changes
