"""The runtime's schema definition objects, with yams' names and behaviour (what `yams.buildobjs` offers
schema files): final types and `make_type`, `RichString`, `SubjectRelation`/`ObjectRelation`, `EntityType`
(inheritance, `__specializes_schema__`, `add_relation`...), `RelationType`, `ComputedRelation`,
`RelationDefinition`, and workflowable types. Classes only record what they declare; `build.py` turns the
classes of every loaded module into a plain `model.Schema`."""
from __future__ import annotations

import copy
import itertools
from typing import Any, Dict, Iterator, List, Optional, Tuple

from .constraints import (FORMAT_CONSTRAINT, BaseConstraint, SizeConstraint, StaticVocabularyConstraint,
                          UniqueConstraint)
from .errors import BadSchemaDefinition

_ORDER = itertools.count()

# The final types, in yams' order; register_base_type() adds to it (postgis' Geometry, ...).
BASE_TYPES: List[str] = ["String", "Password", "Bytes", "Int", "BigInt", "Float", "Boolean", "Decimal", "Time",
                         "Date", "Datetime", "TZTime", "TZDatetime", "Interval"]
# The parameters a registered type's attributes accept (yams.register_base_type's second argument).
BASE_TYPE_PARAMETERS: Dict[str, Tuple[str, ...]] = {}

# What a relation definition may say (yams' RelationDefinitionSchema properties, `__permissions__` spelling).
RDEF_PROPERTIES = ("cardinality", "composite", "constraints", "description", "default", "indexed", "fulltextindexed",
                   "internationalizable", "uid", "formula", "order", "__permissions__", "infered")
RTYPE_PROPERTIES = ("symmetric", "inlined", "fulltext_container")
_ACCEPTED = set(RDEF_PROPERTIES + RTYPE_PROPERTIES) | {"widget"}

PACKAGE = "<builtin>"  # the cube (or application) whose files are being read; set by the loader


def register_base_type(name: str, parameters: Any = (), check_function: Any = None) -> None:
    """yams.register_base_type: a new final type whose attributes accept `parameters`."""
    if name not in BASE_TYPES:
        BASE_TYPES.append(name)
    BASE_TYPE_PARAMETERS[name] = tuple(parameters.keys() if isinstance(parameters, dict) else parameters)


def unregister_base_type(name: str) -> None:
    if name in BASE_TYPES and name not in _BUILTIN_TYPES:
        BASE_TYPES.remove(name)
        BASE_TYPE_PARAMETERS.pop(name, None)


_BUILTIN_TYPES = tuple(BASE_TYPES)


def _add_constraint(constraints: List[BaseConstraint], constraint: BaseConstraint) -> None:
    """One constraint per class, the later replacing the earlier (as yams does)."""
    for index, existing in enumerate(constraints):
        if type(existing) is type(constraint):
            constraints[index] = constraint
            return
    constraints.append(constraint)


class ObjectRelation:
    """`works_for = ObjectRelation('Person')` in class Company: Person works_for Company."""
    role = "object"

    def __init__(self, etype: Any, **kwargs: Any) -> None:
        self.order = next(_ORDER)
        self.package = PACKAGE
        self.name = "<undefined>"
        self.etype = etype
        self.override = kwargs.pop("override", False)
        kwargs.pop("meta", None)
        unknown = sorted(set(kwargs) - _ACCEPTED)
        if unknown:
            raise BadSchemaDefinition(f"no such property {unknown[0]!r} for a relation to {etype!r} "
                                      f"(properties: {', '.join(sorted(_ACCEPTED - {'widget', 'infered'}))})")
        if "constraints" in kwargs:
            kwargs["constraints"] = list(kwargs["constraints"] or ())
        self.options: Dict[str, Any] = kwargs

    @property
    def etypes(self) -> List[str]:
        if isinstance(self.etype, (list, tuple)):
            return list(self.etype)
        if not isinstance(self.etype, str):
            raise BadSchemaDefinition(f"entity types are given by name: SubjectRelation('Foo'), not "
                                      f"SubjectRelation(Foo) ({self.etype!r})")
        return [self.etype]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.etype}>"


class SubjectRelation(ObjectRelation):
    """`knows = SubjectRelation('Person')` in class Person: Person knows Person."""
    role = "subject"


class AbstractTypedAttribute(SubjectRelation):
    """An attribute of a final type (`etype` is set by make_type)."""
    etype = ""

    def __init__(self, metadata: Optional[Dict[str, "AbstractTypedAttribute"]] = None, **kwargs: Any) -> None:
        self.metadata = dict(metadata or {})
        required = kwargs.pop("required", False)
        if "cardinality" not in kwargs:
            kwargs["cardinality"] = "11" if required else "?1"
        elif required:
            kwargs["cardinality"] = "1" + str(kwargs["cardinality"])[1:]
        constraints = list(kwargs.pop("constraints", None) or ())
        maxsize = kwargs.pop("maxsize", None)
        if maxsize is not None:
            _add_constraint(constraints, SizeConstraint(max=maxsize))
        vocabulary = kwargs.pop("vocabulary", None)
        if vocabulary is not None:
            vocabulary = tuple(vocabulary)
            _add_constraint(constraints, StaticVocabularyConstraint(vocabulary))
            if self.etype == "String" and vocabulary:
                _add_constraint(constraints, SizeConstraint(max=max(len(v) for v in vocabulary)))
        if kwargs.pop("unique", None):
            _add_constraint(constraints, UniqueConstraint())
        parameters = BASE_TYPE_PARAMETERS.get(self.etype, ())
        self.parameters = {k: kwargs.pop(k) for k in list(kwargs) if k in parameters}
        kwargs["constraints"] = constraints
        super().__init__(self.etype, **kwargs)
        # The main attribute comes before its metadata (RichString's `_format`).
        for meta in sorted(self.metadata.values(), key=lambda m: m.order):
            if meta.order < self.order:
                meta.order, self.order = self.order, meta.order

    def __repr__(self) -> str:
        return f"<{self.name}({self.etype})>"


def make_type(etype: str) -> type:
    """The attribute class of a final type: `Geometry = make_type('Geometry')` after register_base_type."""
    if etype not in BASE_TYPES:
        raise BadSchemaDefinition(f"make_type({etype!r}): {etype} is no final type; register it first with "
                                  f"yams.register_base_type({etype!r}) or use one of {', '.join(BASE_TYPES)}")
    return type(etype, (AbstractTypedAttribute,), {"etype": etype, "__doc__": f"An attribute of type {etype}."})


String = make_type("String")
Password = make_type("Password")
Bytes = make_type("Bytes")
Int = make_type("Int")
BigInt = make_type("BigInt")
Float = make_type("Float")
Boolean = make_type("Boolean")
Decimal = make_type("Decimal")
Time = make_type("Time")
Date = make_type("Date")
Datetime = make_type("Datetime")
TZTime = make_type("TZTime")
TZDatetime = make_type("TZDatetime")
Interval = make_type("Interval")


def RichString(default_format: str = "text/plain", format_constraints: Any = None, **kwargs: Any):  # noqa: N802
    """A String attribute plus its `<name>_format` String (yams' convenience for formatted text)."""
    constraints = [FORMAT_CONSTRAINT] if format_constraints is None else list(format_constraints)
    meta = {"format": String(internationalizable=True, default=default_format, maxsize=50, constraints=constraints)}
    return String(metadata=meta, **kwargs)


# the definition classes ----------------------------------------------------------------------------------------
class _DefinitionType(type):
    def __new__(mcs, name, bases, namespace):
        namespace.setdefault("package", PACKAGE)
        cls = super().__new__(mcs, name, bases, namespace)
        cls._order = next(_ORDER)
        return cls


class Definition(metaclass=_DefinitionType):
    """Base of entity type, relation type and relation definition classes."""
    __permissions__: Any = None
    description: Any = None

    def __init__(self, name: Optional[str] = None) -> None:
        self.name = name or getattr(self, "name", None) or type(self).__name__


def _renamed(relation: Any, old: str, new: str) -> Any:
    """An inherited RelationDefinition instance whose subject or object was the base class: now the subclass."""
    if isinstance(relation, RelationDefinition):
        relation = copy.copy(relation)
        if relation.subject == old:
            relation.subject = new
        if relation.object == old:
            relation.object = new
    return relation


class _EntityTypeType(_DefinitionType):
    def __new__(mcs, name, bases, namespace):
        own: List[Tuple[str, Any]] = []
        for key, value in list(namespace.items()):
            if isinstance(value, (ObjectRelation, globals().get("RelationDefinition", ObjectRelation))):
                del namespace[key]  # yams removes them: they are no class attributes of the entity
                value.name = key
                own.append((key, value))
        namespace["__abstract_here__"] = bool(namespace.get("__abstract__", False))
        if "__specializes_schema__" in namespace and bases:
            namespace["__specializes__"] = bases[0].__name__
        else:
            namespace.setdefault("__specializes__", None)
        cls = super().__new__(mcs, name, bases, namespace)
        relations: List[Any] = []
        for base in bases:
            for relation in getattr(base, "__relations__", ()):
                if any(existing.name == relation.name and type(existing) is type(relation) and
                       getattr(existing, "subject", None) == getattr(relation, "subject", None) for existing in relations):
                    continue
                relations.append(_renamed(relation, base.__name__, name))
        for key, value in own:
            position = next((i for i, r in enumerate(relations) if r.name == key and not isinstance(r, RelationDefinition)),
                            None)
            if position is None:
                relations.append(value)
            else:
                relations[position] = value  # a subclass redefines what it inherits, at the same place
            for meta_name, meta in sorted(value.metadata.items() if isinstance(value, AbstractTypedAttribute) else (),
                                          key=lambda item: item[1].order):
                meta.name = f"{key}_{meta_name}"
                relations.insert(relations.index(value) + 1, meta)
        cls.__relations__ = relations
        if getattr(cls, "__workflowable__", False) and not namespace["__abstract_here__"]:
            make_workflowable(cls)
        return cls


class EntityType(Definition, metaclass=_EntityTypeType):
    """An entity type: its attributes and relations are class attributes."""
    __unique_together__: Any = ()
    __relations__: List[Any] = []

    @classmethod
    def add_relation(cls, rdef: Any, name: Optional[str] = None) -> None:
        """Adds a relation to a type defined elsewhere: `CWUser.add_relation(SubjectRelation('Project'), name='works_on')`."""
        if name:
            rdef.name = name
        if rdef.name == "<undefined>":
            raise BadSchemaDefinition(f"{cls.__name__}.add_relation(): give the relation's name (name='...')")
        cls.__relations__.append(rdef)
        for meta_name, meta in (rdef.metadata.items() if isinstance(rdef, AbstractTypedAttribute) else ()):
            meta.name = f"{rdef.name}_{meta_name}"
            cls.__relations__.append(meta)

    @classmethod
    def extend(cls, other: type) -> None:
        for relation in other.__relations__:
            cls.add_relation(copy.copy(relation))

    @classmethod
    def insert_relation_after(cls, after: str, name: str, rdef: Any) -> None:
        rdef.name = name
        for index, relation in enumerate(cls.__relations__):
            if relation.name == after:
                cls.__relations__.insert(index + 1, rdef)
                return
        raise BadSchemaDefinition(f"can't find {after} relation on {cls.__name__}")

    @classmethod
    def remove_relation(cls, name: str) -> None:
        cls.__relations__ = [r for r in cls.__relations__ if r.name != name]

    @classmethod
    def get_relations(cls, name: str) -> Iterator[Any]:
        for relation in list(cls.__relations__):
            if relation.name == name:
                yield relation

    @classmethod
    def get_relation(cls, name: str) -> Any:
        found = list(cls.get_relations(name))
        if len(found) != 1:
            raise BadSchemaDefinition(f"{cls.__name__} has {len(found)} relations named {name}")
        return found[0]


class RelationType(Definition):
    """A relation type: `symmetric`, `inlined`, `fulltext_container`, and definition defaults (`cardinality`,
    `composite`, `constraints`...); with `subject` and `object` it also defines a relation."""
    symmetric: Any = None
    inlined: Any = None
    fulltext_container: Any = None
    rule: Any = None


class ComputedRelation(RelationType):
    """A relation computed from an RQL `rule` over S (subject) and O (object); it has no table."""


class RelationDefinition(Definition):
    """One subject-relation-object definition: `subject`, `object` (a name, a tuple, or '*'), `name`, and
    the definition's properties as class attributes; or an instance, for add_relation()."""
    subject: Any = None
    object: Any = None

    def __init__(self, subject: Any = None, name: Optional[str] = None, object: Any = None, **kwargs: Any) -> None:
        self.order = next(_ORDER)
        if subject is not None:
            self.subject = subject
        if object is not None:
            self.object = object
        super().__init__(name)
        unknown = sorted(set(kwargs) - _ACCEPTED - {"package"})
        if unknown:
            raise BadSchemaDefinition(f"no such property {unknown[0]!r} in relation definition {self.name}")
        kwargs.pop("package", None)
        for key, value in kwargs.items():
            setattr(self, key, value)
        self.override = False


def make_workflowable(cls: type, in_state_descr: Optional[str] = None) -> None:
    """Gives an entity type the workflow relations (`in_state`, `custom_workflow`, and TrInfo's `wf_info_for`)
    unless it declares them; their properties come from the relation types of the core workflow schema."""
    names = {relation.name for relation in cls.__relations__}
    etype = getattr(cls, "name", None) or cls.__name__
    if "custom_workflow" not in names:
        cls.__relations__.append(RelationDefinition(etype, "custom_workflow", "Workflow"))
    if "in_state" not in names:
        extra = {"description": in_state_descr} if in_state_descr else {}
        cls.__relations__.append(RelationDefinition(etype, "in_state", "State", **extra))
    if "wf_info_for" not in names:
        cls.__relations__.append(RelationDefinition("TrInfo", "wf_info_for", etype))


class WorkflowableEntityType(EntityType):
    """An entity type with a workflow (cubicweb.schema's base class): its concrete subclasses get the
    workflow relations."""
    __workflowable__ = True
    __abstract__ = True


__all__ = ["EntityType", "RelationType", "RelationDefinition", "SubjectRelation", "ObjectRelation",
           "ComputedRelation", "RichString", "make_type", "String", "Password", "Bytes", "Int", "BigInt", "Float",
           "Boolean", "Decimal", "Time", "Date", "Datetime", "TZTime", "TZDatetime", "Interval"]
