"""The plain schema: entity types, relation types and relation definitions (attributes are definitions
whose object is a final type), as yams models them, without any behaviour beyond lookups."""
from __future__ import annotations

import copy
from typing import Any, Dict, Iterator, List, Optional, Tuple

FINAL_TYPES = ("String", "Int", "BigInt", "Float", "Decimal", "Boolean", "Date", "Datetime", "TZDatetime",
               "Time", "TZTime", "Interval", "Bytes", "Password", "RichString")


class EntityType:
    def __init__(self, name: str, props: Optional[Dict[str, Any]] = None):
        self.name = name
        # description, permissions, unique_together (list of lists of attribute names)
        self.props: Dict[str, Any] = dict(props or {})

    @property
    def unique_together(self) -> List[List[str]]:
        return [list(group) for group in self.props.get("unique_together") or []]

    def __repr__(self) -> str:
        return f"<EntityType {self.name}>"


class RelationType:
    def __init__(self, name: str, final: bool, props: Optional[Dict[str, Any]] = None):
        self.name = name
        self.final = final
        # inlined, symmetric, description, permissions
        self.props: Dict[str, Any] = dict(props or {})

    @property
    def inlined(self) -> bool:
        return bool(self.props.get("inlined"))

    def __repr__(self) -> str:
        return f"<RelationType {self.name}>"


class RelationDefinition:
    def __init__(self, subject: str, rtype: str, object: str, props: Optional[Dict[str, Any]] = None):
        self.subject = subject
        self.rtype = rtype
        self.object = object
        # cardinality ("?1", "**", ...), default, maxsize, unique, indexed, widget, description, permissions
        self.props: Dict[str, Any] = dict(props or {})

    @property
    def key(self) -> Tuple[str, str, str]:
        return (self.subject, self.rtype, self.object)

    @property
    def final(self) -> bool:
        # props["final"]: a final type a schema registered (yams.register_base_type, e.g. postgis' Geometry)
        return self.object in FINAL_TYPES or bool(self.props.get("final"))

    @property
    def cardinality(self) -> str:
        return self.props.get("cardinality") or ("?1" if self.final else "**")

    @property
    def required(self) -> bool:
        return self.cardinality[0] == "1"

    def __repr__(self) -> str:
        return f"<RelationDefinition {self.subject} {self.rtype} {self.object}>"


class Schema:
    """Entity types, relation types and relation definitions, in definition order."""

    def __init__(self) -> None:
        self.entities: Dict[str, EntityType] = {}
        self.relations: Dict[str, RelationType] = {}
        self.definitions: Dict[Tuple[str, str, str], RelationDefinition] = {}
        # where schema files declared each definition: (path, line of its class); not persisted
        self.origins: Dict[Tuple[str, str, str], Tuple[str, Optional[int]]] = {}

    # lookups -------------------------------------------------------------------------------
    def has_entity(self, name: str) -> bool:
        return name in self.entities

    def has_relation(self, name: str) -> bool:
        return name in self.relations

    def definitions_of(self, rtype: str) -> List[RelationDefinition]:
        return [d for d in self.definitions.values() if d.rtype == rtype]

    def attributes(self, etype: str) -> List[RelationDefinition]:
        return [d for d in self.definitions.values() if d.subject == etype and d.final]

    def attribute(self, etype: str, name: str) -> Optional[RelationDefinition]:
        for definition in self.attributes(etype):
            if definition.rtype == name:
                return definition
        return None

    def relations_of(self, etype: str) -> List[RelationDefinition]:
        """Non-final definitions where etype is the subject or the object."""
        return [d for d in self.definitions.values() if not d.final and etype in (d.subject, d.object)]

    def inlined_of(self, etype: str) -> List[str]:
        """The inlined relation types stored as columns of etype's table (once each, in order)."""
        seen: List[str] = []
        for d in self.definitions.values():
            if d.subject == etype and not d.final and self.relations.get(d.rtype) and \
                    self.relations[d.rtype].inlined and d.rtype not in seen:
                seen.append(d.rtype)
        return seen

    def find_definitions(self, subject: Optional[str] = None, rtype: Optional[str] = None,
                         object: Optional[str] = None) -> List[RelationDefinition]:
        return [d for d in self.definitions.values()
                if (subject is None or d.subject == subject) and (rtype is None or d.rtype == rtype)
                and (object is None or d.object == object)]

    def __iter__(self) -> Iterator[EntityType]:
        return iter(self.entities.values())

    # the yams lookups scripts use (`'Person' in repo_schema`, `newschema.eschema('Person')`)
    def __contains__(self, name: object) -> bool:
        return name in self.entities or name in self.relations

    def eschema(self, name: str) -> EntityType:
        return self.entities[name]

    def rschema(self, name: str) -> RelationType:
        return self.relations[name]

    def has_rdef(self, subject: str, rtype: str, object: str) -> bool:
        return (subject, rtype, object) in self.definitions

    def copy(self) -> "Schema":
        return copy.deepcopy(self)

    # serialisation (tests and debugging) --------------------------------------------------
    def to_plain(self) -> Dict[str, Any]:
        return {
            "entities": {name: e.props for name, e in sorted(self.entities.items())},
            "relations": {name: dict(r.props, final=r.final) for name, r in sorted(self.relations.items())},
            "definitions": {" ".join(key): d.props for key, d in sorted(self.definitions.items())},
        }
