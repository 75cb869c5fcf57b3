"""A yams-compatible `yams.buildobjs`: what schema.py files import (final types, EntityType,
RelationType, RelationDefinition, SubjectRelation, ObjectRelation), recording the options the runtime
stores. The loader installs it as `yams.buildobjs` while it executes schema.py."""
from __future__ import annotations

import itertools
from typing import Any, Dict, Optional

_ORDER = itertools.count()

# Options kept in the persisted schema; anything else yams accepts is kept too, as given.
_ATTRIBUTE_OPTIONS = ("required", "default", "maxsize", "unique", "indexed", "cardinality", "description",
                      "vocabulary", "fulltextindexed", "internationalizable", "widget")


class _Definition:
    """Something declared in a class body, remembered in declaration order."""

    def __init__(self) -> None:
        self.order = next(_ORDER)


class _FinalType(_Definition):
    etype = ""

    def __init__(self, required: bool = False, default: Any = None, maxsize: Optional[int] = None,
                 unique: bool = False, indexed: bool = False, cardinality: Optional[str] = None,
                 description: Optional[str] = None, constraints: Any = None, vocabulary: Any = None,
                 __permissions__: Any = None, **options: Any) -> None:
        super().__init__()
        self.options: Dict[str, Any] = dict(options)
        self.options.update(required=required, default=default, maxsize=maxsize, unique=unique,
                            indexed=indexed, cardinality=cardinality, description=description,
                            vocabulary=list(vocabulary) if vocabulary else None)
        for constraint in constraints or ():
            # SizeConstraint(max) is the one constraint the storage needs (a VARCHAR size).
            if isinstance(constraint, SizeConstraint) and constraint.max is not None:
                self.options["maxsize"] = constraint.max
        if __permissions__ is not None:
            self.options["permissions"] = __permissions__


def _final(name: str) -> type:
    return type(name, (_FinalType,), {"etype": name, "__doc__": f"The final type {name}."})


String = _final("String")
Int = _final("Int")
BigInt = _final("BigInt")
Float = _final("Float")
Decimal = _final("Decimal")
Boolean = _final("Boolean")
Date = _final("Date")
Datetime = _final("Datetime")
TZDatetime = _final("TZDatetime")
Time = _final("Time")
TZTime = _final("TZTime")
Interval = _final("Interval")
Bytes = _final("Bytes")
Password = _final("Password")
RichString = _final("RichString")


class SizeConstraint:
    def __init__(self, max: Optional[int] = None, min: Optional[int] = None) -> None:
        self.max = max
        self.min = min


class UniqueConstraint:
    pass


class _Relation(_Definition):
    def __init__(self, etype: Any, cardinality: Optional[str] = None, inlined: Optional[bool] = None,
                 required: bool = False, symmetric: Optional[bool] = None, description: Optional[str] = None,
                 composite: Optional[str] = None, __permissions__: Any = None, **options: Any) -> None:
        super().__init__()
        self.etypes = [etype] if isinstance(etype, str) else list(etype)
        self.options: Dict[str, Any] = dict(options)
        self.options.update(cardinality=cardinality, inlined=inlined, required=required,
                            symmetric=symmetric, description=description, composite=composite)
        if __permissions__ is not None:
            self.options["permissions"] = __permissions__


class SubjectRelation(_Relation):
    """`knows = SubjectRelation('Person')` in class Person: Person knows Person."""


class ObjectRelation(_Relation):
    """`works_for = ObjectRelation('Person')` in class Company: Person works_for Company."""


class _DefinitionClass(type):
    def __new__(mcs, name, bases, namespace):
        cls = super().__new__(mcs, name, bases, namespace)
        cls._order = next(_ORDER)
        return cls


class EntityType(metaclass=_DefinitionClass):
    """Base class of entity types: attributes and relations are class attributes."""
    __permissions__: Any = None
    __unique_together__: Any = ()


class RelationType(metaclass=_DefinitionClass):
    """Base class of relation types (`inlined`, `symmetric`, and optionally `subject`/`object`)."""
    __permissions__: Any = None


class RelationDefinition(metaclass=_DefinitionClass):
    """One subject-relation-object definition: `subject`, `object`, `cardinality`, ... class attributes."""
    __permissions__: Any = None


# yams also offers these names; schema files import them.
class WorkflowableEntityType(EntityType):
    pass


__all__ = ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "Date", "Datetime", "TZDatetime", "Time",
           "TZTime", "Interval", "Bytes", "Password", "RichString", "EntityType", "RelationType",
           "RelationDefinition", "SubjectRelation", "ObjectRelation", "SizeConstraint", "UniqueConstraint",
           "WorkflowableEntityType"]
