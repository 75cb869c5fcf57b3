"""Reads schema.py as yams does (`from yams.buildobjs import ...`) into a plain Schema (`newschema`)."""
from __future__ import annotations

import os
import sys
import traceback
import types
from typing import Any, Dict, List

from ..errors import MigrationError
from ..identifiers import check_name
from . import buildobjs
from .model import FINAL_TYPES, EntityType, RelationDefinition, RelationType, Schema

_BASES = (buildobjs.EntityType, buildobjs.RelationType, buildobjs.RelationDefinition,
          buildobjs.WorkflowableEntityType)


def load_schema(path: str) -> Schema:
    """The Schema of a schema.py file (an empty Schema when there is none)."""
    if not os.path.isfile(path):
        return Schema()
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    namespace: Dict[str, Any] = {"__name__": "schema", "__file__": path}
    # Our buildobjs is always the one schema.py sees while it loads: the loader reads its objects.
    saved = {name: sys.modules.get(name) for name in ("yams", "yams.buildobjs", "yams.constraints")}
    yams = types.ModuleType("yams")
    yams.buildobjs = buildobjs  # type: ignore[attr-defined]
    yams.constraints = buildobjs  # type: ignore[attr-defined]
    sys.modules.update({"yams": yams, "yams.buildobjs": buildobjs, "yams.constraints": buildobjs})
    try:
        exec(compile(source, path, "exec"), namespace)
    except MigrationError:
        raise
    except SyntaxError as error:
        raise MigrationError(f"syntax error in schema.py: {error.msg}", file=path, line=error.lineno)
    except Exception as error:  # the user's file: report where it failed
        line = next((f.lineno for f in reversed(traceback.extract_tb(error.__traceback__)) if f.filename == path), None)
        raise MigrationError(f"schema.py raised {type(error).__name__}: {error}", file=path, line=line)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    try:
        return build_schema(namespace)
    except MigrationError as error:
        raise MigrationError(error.message, file=path, line=error.line)


def _plain(value: Any) -> Any:
    """Options as JSON values (permissions hold tuples; anything exotic is kept as its repr)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value) if not hasattr(value, "isoformat") else value.isoformat()


def _compact(options: Dict[str, Any]) -> Dict[str, Any]:
    """The options worth storing: set flags and given values (a default of False or 0 is a value)."""
    return {k: _plain(v) for k, v in options.items()
            if v is not None and k != "required" and (v is not False or k == "default")}


def build_schema(namespace: Dict[str, Any]) -> Schema:
    schema = Schema()
    classes = sorted((v for v in namespace.values()
                      if isinstance(v, type) and issubclass(v, _BASES) and v not in _BASES),
                     key=lambda cls: cls._order)
    pending: List[RelationDefinition] = []
    inlined: Dict[str, bool] = {}
    symmetric: Dict[str, bool] = {}
    rtype_props: Dict[str, Dict[str, Any]] = {}

    def relation(subject: str, rtype: str, obj: str, options: Dict[str, Any]) -> None:
        options = dict(options)
        if options.pop("inlined", None):
            inlined[rtype] = True
        if options.pop("symmetric", None):
            symmetric[rtype] = True
        required = options.get("required")
        if not options.get("cardinality"):
            options["cardinality"] = ("1*" if required else "**") if obj not in FINAL_TYPES else ("11" if required else "?1")
        pending.append(RelationDefinition(subject, rtype, obj, _compact(options)))

    for cls in classes:
        if issubclass(cls, buildobjs.EntityType):
            etype = check_name(cls.__name__, "entity type name")
            props: Dict[str, Any] = {}
            if cls.__doc__ and cls.__doc__ != buildobjs.EntityType.__doc__:
                props["description"] = " ".join(cls.__doc__.split())
            if cls.__permissions__:
                props["permissions"] = _plain(cls.__permissions__)
            if cls.__unique_together__:
                props["unique_together"] = _plain(cls.__unique_together__)
            schema.entities[etype] = EntityType(etype, props)
            members = []
            for klass in reversed(cls.__mro__):
                if isinstance(klass, type) and issubclass(klass, buildobjs.EntityType) and klass not in _BASES:
                    members.extend((name, value) for name, value in vars(klass).items()
                                   if isinstance(value, (buildobjs._FinalType, buildobjs._Relation)))
            latest: Dict[str, Any] = {}
            for name, value in members:
                latest[name] = value  # a subclass overrides what it inherits
            for name, value in sorted(latest.items(), key=lambda item: item[1].order):
                check_name(name, f"attribute or relation name of {etype}")
                if isinstance(value, buildobjs._FinalType):
                    relation(etype, name, value.etype, value.options)
                elif isinstance(value, buildobjs.SubjectRelation):
                    for target in value.etypes:
                        relation(etype, name, target, value.options)
                else:
                    for target in value.etypes:
                        relation(target, name, etype, value.options)
        elif issubclass(cls, buildobjs.RelationType):
            rtype = check_name(cls.__name__, "relation type name")
            props = rtype_props.setdefault(rtype, {})
            if getattr(cls, "inlined", False):
                inlined[rtype] = True
            if getattr(cls, "symmetric", False):
                symmetric[rtype] = True
            if getattr(cls, "description", None):
                props["description"] = cls.description
            if cls.__permissions__:
                props["permissions"] = _plain(cls.__permissions__)
            if hasattr(cls, "subject") and hasattr(cls, "object"):
                _class_definitions(cls, rtype, relation)
        else:
            rtype = check_name(vars(cls).get("name", cls.__name__), "relation type name")
            _class_definitions(cls, rtype, relation)
            if cls.__permissions__:
                rtype_props.setdefault(rtype, {})["permissions"] = _plain(cls.__permissions__)

    for definition in pending:
        check_name(definition.subject, "entity type name")
        if definition.object not in FINAL_TYPES:
            check_name(definition.object, "entity type name")
        for end in (definition.subject, definition.object):
            if end not in FINAL_TYPES and end not in schema.entities:
                raise MigrationError(f"relation {definition.rtype} uses {end!r}, which is no entity type of schema.py")
        final = definition.final
        known = schema.relations.get(definition.rtype)
        if known is None:
            props = dict(rtype_props.get(definition.rtype, {}))
            if inlined.get(definition.rtype):
                props["inlined"] = True
            if symmetric.get(definition.rtype):
                props["symmetric"] = True
            schema.relations[definition.rtype] = RelationType(definition.rtype, final, props)
        elif known.final != final:
            raise MigrationError(f"{definition.rtype} is used both as an attribute and as a relation")
        if inlined.get(definition.rtype) and definition.cardinality[0] not in "?1":
            raise MigrationError(f"relation {definition.rtype} is inlined but {definition.subject} may have several "
                                 f"(cardinality {definition.cardinality!r}): use '?' or '1' on the subject side")
        if definition.key in schema.definitions:
            raise MigrationError(f"{definition.subject} {definition.rtype} {definition.object} is defined twice")
        schema.definitions[definition.key] = definition
    for rtype, props in rtype_props.items():
        if rtype not in schema.relations:
            # A relation type without definitions is still a type (add_relation_type may add it).
            schema.relations[rtype] = RelationType(rtype, False, dict(props, inlined=True) if inlined.get(rtype) else props)
    return schema


def _class_definitions(cls: type, rtype: str, relation) -> None:
    subjects = cls.subject if isinstance(cls.subject, (list, tuple)) else [cls.subject]
    objects = cls.object if isinstance(cls.object, (list, tuple)) else [cls.object]
    options = {key: getattr(cls, key) for key in ("cardinality", "inlined", "symmetric", "description", "composite",
                                                     "default", "maxsize", "unique", "indexed", "required")
               if getattr(cls, key, None) is not None}
    for subject in subjects:
        for obj in objects:
            relation(subject, rtype, obj, options)
