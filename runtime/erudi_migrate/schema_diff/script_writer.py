"""The text of a migration script that turns the persisted schema into the application's, from the changes
`compare` found, made of catalog primitives in the order that works: renames, entity types, attributes,
relation types and definitions, property and permission synchronisation, then the drops, each asking
first. A rename found by shape carries the drop-and-add alternative in a comment."""
from __future__ import annotations

from typing import Dict, List, Set, Tuple

from ..schema.model import Schema
from .compare import Change


def _call(name: str, *args) -> str:
    return f"{name}({', '.join(repr(a) for a in args)})"


def _guarded(question: str, *calls: str) -> List[str]:
    return [f"if confirm({question!r}):"] + [f"    {call}" for call in calls]


def _auto_added(before: Schema, application: Schema, new_types: List[str]) -> Set[Tuple[str, str, str]]:
    """The relation definitions add_entity_type(etype) adds by itself (auto=True): those of each new type
    whose other end is in the database by then (the types before it, and itself)."""
    present = set(before.entities)
    added: Set[Tuple[str, str, str]] = set()
    for etype in new_types:
        present.add(etype)
        for definition in application.relations_of(etype):
            other = definition.object if definition.subject == etype else definition.subject
            if other in present:
                added.add(definition.key)
    return added


class ScriptWriter:
    def __init__(self, changes: List[Change], before: Schema, application: Schema) -> None:
        self.changes = changes
        self.before = before
        self.application = application

    def of(self, *kinds: str) -> List[Change]:
        return [c for c in self.changes if c.kind in kinds]

    def text(self, header: str) -> str:
        sections: List[Tuple[str, List[str]]] = [
            ("Renames: each could also be a drop and an add (see the comment above it)", self._renames()),
            ("Entity types", self._entity_types()),
            ("Attributes", self._attributes()),
            ("Relation types and definitions", self._relations()),
            ("Properties, constraints and permissions brought in line with the schema files", self._properties()),
            ("Removals destroy data: each asks first", self._drops()),
        ]
        lines = [f'"""{header}"""', ""]
        for title, body in sections:
            if body:
                lines.append(f"# {title}")
                lines.extend(body)
                lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    # sections ---------------------------------------------------------------------------
    def _renames(self) -> List[str]:
        lines: List[str] = []
        for change in self.of("entity-type-renamed"):
            old, new = change.key
            lines += [f"# {old} is gone from the schema files and {new} has the same attributes: written as a rename,",
                      f"# which keeps {old}'s entities. If {new} is a new type and {old}'s entities should go, write instead:",
                      f"#     {_call('add_entity_type', new)}",
                      f"#     if confirm({f'Drop entity type {old} and all its entities?'!r}):",
                      f"#         {_call('drop_entity_type', old)}",
                      _call("rename_entity_type", old, new)]
        for change in self.of("attribute-renamed"):
            etype, old, new = change.key
            lines += [f"# {etype}.{old} is gone and {etype}.{new} has the same type and properties: written as a "
                      "rename, which keeps",
                      f"# the values. If {new} is a new attribute and {old}'s values should go, write instead:",
                      f"#     {_call('add_attribute', etype, new)}",
                      f"#     if confirm({f'Drop attribute {etype}.{old} and its values?'!r}):",
                      f"#         {_call('drop_attribute', etype, old)}",
                      _call("rename_attribute", etype, old, new)]
        return lines

    def _entity_types(self) -> List[str]:
        return [_call("add_entity_type", c.key[0]) for c in self.of("entity-type-added")]

    def _attributes(self) -> List[str]:
        lines: List[str] = []
        lines += self._make_room(final=True)
        for change in self.of("attribute-added"):
            etype, name, _ = change.key
            definition = self.application.attribute(etype, name)
            if definition is not None and definition.required and definition.props.get("default") is None:
                lines.append(f"# {etype}.{name} is required without a default: this fails if {etype} has entities "
                             "(give it a default in the schema files, or add it optional, fill it, then make it required)")
            lines.append(_call("add_attribute", etype, name))
        for change in self.of("attribute-changed"):
            if change.property == "type":
                etype, name, new_type = change.key
                lines.append(_call("change_attribute_type", etype, name, new_type))
        return lines

    def _relations(self) -> List[str]:
        lines: List[str] = self._make_room(final=False)
        new_types = [c.key[0] for c in self.of("entity-type-added")]
        auto = _auto_added(self.before, self.application, new_types)
        for change in self.of("relation-type-added"):
            rtype = change.key[0]
            by_types = [d for d in self.application.definitions_of(rtype) if d.key in auto]
            if not by_types:
                lines.append(_call("add_relation_type", rtype))
                continue
            # add_entity_type() above made the type with some of its definitions: add the others.
            for definition in self.application.definitions_of(rtype):
                if definition.key not in auto:
                    lines.append(_call("add_relation_definition", *definition.key))
        for change in self.of("relation-definition-added"):
            lines.append(_call("add_relation_definition", *change.key))
        return lines

    def _properties(self) -> List[str]:
        lines: List[str] = []
        targets: Dict[str, None] = {}
        retyped = {(c.key[0], c.key[1]) for c in self.of("attribute-changed") if c.property == "type"}
        for change in self.changes:
            kind, key = change.kind, change.key
            if kind == "relation-type-changed" and change.property == "inlined":
                lines += self._inlining(key[0], bool(change.after))
                continue
            if kind == "attribute-changed" and change.property != "type" and (key[0], key[1]) not in retyped:
                targets[_call("sync_schema_props_perms", key)] = None
            elif kind == "relation-definition-changed":
                targets[_call("sync_schema_props_perms", key)] = None
            elif kind in ("relation-type-changed", "entity-type-changed"):
                targets[f"sync_schema_props_perms({key[0]!r}, syncrdefs=False)"] = None
            elif kind == "permissions-changed":
                if key[0] == "definition":
                    if (key[1], key[2]) not in retyped:
                        targets[_call("sync_schema_props_perms", tuple(key[1:]))] = None
                else:
                    targets[f"sync_schema_props_perms({key[1]!r}, syncrdefs=False)"] = None
        return lines + list(targets)

    def _inlining(self, rtype: str, inlined: bool) -> List[str]:
        if not inlined:
            return [_call("uninline_relation", rtype)]
        return [f"# {rtype} becomes inlined in the schema files, and no primitive moves a relation table into a "
                "column: it is",
                "# dropped and added again, inlined (its relations are lost). To keep them, keep it not inlined.",
                *_guarded(f"Drop relation type {rtype} and its relations, to add it back inlined?",
                          _call("drop_relation_type", rtype) + "  # erudi: ignore[still-in-schema]",
                          _call("add_relation_type", rtype))]

    def _drops(self) -> List[str]:
        lines: List[str] = []
        early = self._early_drops()
        for change in self.of("relation-definition-removed"):
            lines += _guarded(f"Drop relation {' '.join(change.key)} and its relations?",
                              _call("drop_relation_definition", *change.key))
        for change in self.of("relation-type-removed"):
            if change not in early:
                lines += _guarded(f"Drop relation type {change.key[0]} and all its relations?",
                                  _call("drop_relation_type", change.key[0]))
        for change in self.of("attribute-removed"):
            if change not in early:
                etype, name, _ = change.key
                lines += _guarded(f"Drop attribute {etype}.{name} and its values?", _call("drop_attribute", etype, name))
        for change in self.of("entity-type-removed"):
            lines += _guarded(f"Drop entity type {change.key[0]} and all its entities?",
                              _call("drop_entity_type", change.key[0]))
        return lines

    # a name that changes from attribute to relation (or back) must be dropped before it is added again
    def _early_drops(self) -> List[Change]:
        added_relations = {c.key[0] for c in self.of("relation-type-added")}
        added_attributes = {c.key[1] for c in self.of("attribute-added")}
        return ([c for c in self.of("attribute-removed") if c.key[1] in added_relations] +
                [c for c in self.of("relation-type-removed") if c.key[0] in added_attributes])

    def _make_room(self, final: bool) -> List[str]:
        lines: List[str] = []
        for change in self._early_drops():
            if final and change.kind == "relation-type-removed":
                lines += [f"# {change.key[0]} becomes an attribute: the relation of that name goes first",
                          *_guarded(f"Drop relation type {change.key[0]} and all its relations?",
                                    _call("drop_relation_type", change.key[0]))]
            elif not final and change.kind == "attribute-removed":
                etype, name, _ = change.key
                lines += [f"# {name} becomes a relation: the attribute of that name goes first",
                          *_guarded(f"Drop attribute {etype}.{name} and its values?", _call("drop_attribute", etype, name))]
        return lines
