"""`schema` and `fsschema` in a script: the runtime's plain Schema seen through the parts of yams' schema
API that real migration scripts use (schema['Person'], schema.rschema('knows'), eschema.subjrels,
rschema.rdefs, rdef.cardinality, 'Person' in schema, ...). Read-only and always current: each lookup
reads the schema again, so a script sees the changes its own commands made."""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

from ..schema.model import FINAL_TYPES, RelationDefinition, Schema


class _Named:
    """yams' schema objects compare and hash as their name: `eschema == 'Person'`, `{...}[eschema]`."""

    def __init__(self, view: "YamsSchema", name: str) -> None:
        self._view = view
        self.type = name

    def __str__(self) -> str:
        return self.type

    def __eq__(self, other: object) -> bool:
        return str(other) == self.type if isinstance(other, (str, _Named)) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.type)

    def __lt__(self, other: object) -> bool:
        return self.type < str(other)


class Constraint:
    """A yams constraint read from a definition's properties (UniqueConstraint, SizeConstraint, ...)."""

    def __init__(self, kind: str, **values) -> None:
        self.kind = kind
        self.__dict__.update(values)

    def type(self) -> str:
        return self.kind

    def __repr__(self) -> str:
        return f"<{self.kind}>"


# yams constraint class name -> the definition property that holds it here.
CONSTRAINT_PROPERTIES = {"UniqueConstraint": "unique", "SizeConstraint": "maxsize",
                         "StaticVocabularyConstraint": "vocabulary"}


def constraints_of(props: Dict) -> List[Constraint]:
    found = []
    if props.get("unique"):
        found.append(Constraint("UniqueConstraint"))
    if props.get("maxsize"):
        found.append(Constraint("SizeConstraint", max=props["maxsize"], min=None))
    if props.get("vocabulary"):
        found.append(Constraint("StaticVocabularyConstraint", values=tuple(props["vocabulary"])))
    return found


class RelationDefinitionSchema:
    def __init__(self, view: "YamsSchema", definition: RelationDefinition) -> None:
        self._view = view
        self._definition = definition
        self.subject = view.eschema(definition.subject)
        self.rtype = view.rschema(definition.rtype)
        self.object = view.eschema(definition.object)
        self.cardinality = definition.cardinality
        props = definition.props
        self.composite = props.get("composite")
        self.description = props.get("description") or ""
        self.default = props.get("default")
        self.indexed = bool(props.get("indexed"))
        self.fulltextindexed = bool(props.get("fulltextindexed"))
        self.internationalizable = bool(props.get("internationalizable"))
        self.permissions = props.get("permissions") or {}
        self.constraints = constraints_of(props)
        self.infered = False
        self.final = definition.final

    def as_triple(self) -> Tuple[str, str, str]:
        return self._definition.key

    def role_cardinality(self, role: str) -> str:
        return self.cardinality[0 if role == "subject" else 1]

    def get(self, name: str, default=None):
        return self._definition.props.get(name, default)

    def __repr__(self) -> str:
        return "<%s %s %s>" % self._definition.key


class EntitySchema(_Named):
    @property
    def final(self) -> bool:
        return self.type in FINAL_TYPES

    @property
    def _plain(self):
        return self._view.plain.entities.get(self.type)

    @property
    def description(self) -> str:
        return (self._plain.props.get("description") if self._plain else None) or ""

    @property
    def subjrels(self) -> Dict[str, "RelationSchema"]:
        """{rtype: RelationSchema} of the relations (attributes included) this type is the subject of."""
        names = dict.fromkeys(d.rtype for d in self._view.plain.definitions.values() if d.subject == self.type)
        return {name: self._view.rschema(name) for name in names}

    @property
    def objrels(self) -> Dict[str, "RelationSchema"]:
        names = dict.fromkeys(d.rtype for d in self._view.plain.definitions.values() if d.object == self.type)
        return {name: self._view.rschema(name) for name in names}

    def subject_relations(self) -> List["RelationSchema"]:
        return list(self.subjrels.values())

    def object_relations(self) -> List["RelationSchema"]:
        return list(self.objrels.values())

    def has_relation(self, rtype: str, role: str = "subject") -> bool:
        return str(rtype) in (self.subjrels if role == "subject" else self.objrels)

    def has_subject_relation(self, rtype: str) -> bool:
        return self.has_relation(rtype, "subject")

    def has_object_relation(self, rtype: str) -> bool:
        return self.has_relation(rtype, "object")

    def rdef(self, rtype: str, role: str = "subject", targettype: Optional[str] = None) -> RelationDefinitionSchema:
        rtype = str(rtype)
        matches = [d for d in self._view.plain.definitions.values() if d.rtype == rtype and
                   (d.subject == self.type if role == "subject" else d.object == self.type) and
                   (targettype is None or (d.object if role == "subject" else d.subject) == str(targettype))]
        if len(matches) != 1:
            raise KeyError(f"{self.type} {role} relation {rtype}"
                           + (" has several target types: give targettype" if matches else f" is not in {self._view.where}"))
        return RelationDefinitionSchema(self._view, matches[0])

    def destination(self, rtype: str) -> "EntitySchema":
        return self.rdef(rtype).object

    def default(self, rtype: str):
        return self.rdef(rtype).default

    def attribute_definitions(self):
        return [(self._view.rschema(d.rtype), self._view.eschema(d.object))
                for d in self._view.plain.definitions.values() if d.subject == self.type and d.final]

    def relation_definitions(self, includefinal: bool = False):
        """[(rschema, (target types...), role)] as yams gives them."""
        result = []
        for role, rels in (("subject", self.subjrels), ("object", self.objrels)):
            for name, rschema in rels.items():
                if rschema.final and not includefinal:
                    continue
                targets = rschema.objects(self.type) if role == "subject" else rschema.subjects(self.type)
                result.append((rschema, targets, role))
        return result

    def specializes(self):
        parent = self._plain.props.get("specializes") if self._plain else None
        return self._view.eschema(parent) if parent else None

    def __repr__(self) -> str:
        return f"<EntitySchema {self.type}>"


class RelationSchema(_Named):
    @property
    def _plain(self):
        return self._view.plain.relations[self.type]

    @property
    def final(self) -> bool:
        return self._plain.final

    @property
    def inlined(self) -> bool:
        return self._plain.inlined

    @property
    def symmetric(self) -> bool:
        return bool(self._plain.props.get("symmetric"))

    @property
    def rule(self):
        return self._plain.props.get("rule")

    @property
    def description(self) -> str:
        return self._plain.props.get("description") or ""

    def _definitions(self) -> List[RelationDefinition]:
        return self._view.plain.definitions_of(self.type)

    @property
    def rdefs(self) -> Dict[Tuple[EntitySchema, EntitySchema], RelationDefinitionSchema]:
        """{(subject, object): definition}; keys compare as names, so rdefs[('Person', 'Company')] works."""
        return {(self._view.eschema(d.subject), self._view.eschema(d.object)): RelationDefinitionSchema(self._view, d)
                for d in self._definitions()}

    def rdef(self, subject: str, object: str) -> RelationDefinitionSchema:
        for d in self._definitions():
            if d.subject == str(subject) and d.object == str(object):
                return RelationDefinitionSchema(self._view, d)
        raise KeyError(f"{subject} {self.type} {object} is not in {self._view.where}")

    def subjects(self, etype: Optional[str] = None) -> Tuple[EntitySchema, ...]:
        names = dict.fromkeys(d.subject for d in self._definitions() if etype is None or d.object == str(etype))
        return tuple(self._view.eschema(n) for n in names)

    def objects(self, etype: Optional[str] = None) -> Tuple[EntitySchema, ...]:
        names = dict.fromkeys(d.object for d in self._definitions() if etype is None or d.subject == str(etype))
        return tuple(self._view.eschema(n) for n in names)

    def targets(self, etype: Optional[str] = None, role: str = "subject") -> Tuple[EntitySchema, ...]:
        return self.objects(etype) if role == "subject" else self.subjects(etype)

    def __repr__(self) -> str:
        return f"<RelationSchema {self.type}>"


class YamsSchema:
    """The yams view of a plain Schema, given as a function so that it is read afresh each time."""

    def __init__(self, source: Callable[[], Schema], where: str) -> None:
        self._source = source
        self.where = where

    @property
    def plain(self) -> Schema:
        return self._source()

    def has_entity(self, name: str) -> bool:
        return str(name) in self.plain.entities or str(name) in FINAL_TYPES

    def has_relation(self, name: str) -> bool:
        return str(name) in self.plain.relations

    def eschema(self, name: str) -> EntitySchema:
        if not self.has_entity(name):
            raise KeyError(f"entity type {name!r} is not in {self.where}")
        return EntitySchema(self, str(name))

    def rschema(self, name: str) -> RelationSchema:
        if not self.has_relation(name):
            raise KeyError(f"relation type {name!r} is not in {self.where}")
        return RelationSchema(self, str(name))

    def __getitem__(self, name: str):
        return self.eschema(name) if self.has_entity(name) else self.rschema(name)

    def __contains__(self, name: object) -> bool:
        return self.has_entity(str(name)) or self.has_relation(str(name))

    def entities(self) -> List[EntitySchema]:
        """The entity types, then the final types the schema uses (yams lists both)."""
        plain = self.plain
        finals = dict.fromkeys(d.object for d in plain.definitions.values() if d.final)
        return [EntitySchema(self, n) for n in list(plain.entities) + list(finals)]

    def relations(self) -> List[RelationSchema]:
        return [RelationSchema(self, n) for n in self.plain.relations]

    def __iter__(self):
        return iter([e.type for e in self.entities()] + list(self.plain.relations))

    def __repr__(self) -> str:
        return f"<schema of {self.where}>"
