"""Builds the plain `model.Schema` from the definition classes of every schema module loaded (core, cubes,
application), merged into one namespace as CubicWeb merges them: one entity type per name, relation
types merged with the definitions that use them, `'*'` expanded to every entity type, each entity type
given `eid` and `identity` as CubicWeb gives them."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from . import buildobjs as bo
from .constraints import (BaseConstraint, FormatConstraint, SizeConstraint, StaticVocabularyConstraint,
                          UniqueConstraint)
from .errors import BadSchemaDefinition
from .model import FINAL_TYPES, EntityType, RelationDefinition, RelationType, Schema

# Relation types CubicWeb treats as virtual: never stored (identity is X itself; eid is the key column).
VIRTUAL_RTYPES = ("eid", "identity", "has_text")


class Origin:
    """Where a definition class comes from: its file and line (for messages)."""

    def __init__(self, path: str, line: Optional[int]) -> None:
        self.path = path
        self.line = line


def plain(value: Any) -> Any:
    """A JSON value for permissions, defaults and constraint values."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "serialize"):
        return value.serialize()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return repr(value)


def _permissions(value: Any) -> Optional[Dict[str, Any]]:
    if not value:
        return None if value is None else {}
    if not isinstance(value, dict):
        raise BadSchemaDefinition("__permissions__ must be a dict of action: (groups and RQL expressions)")
    return {action: plain(list(granted)) for action, granted in value.items()}


class _Rdef:
    """A definition being built: its ends, its properties, and the class that declared it."""

    def __init__(self, subject: str, rtype: str, obj: str, props: Dict[str, Any], origin: Origin) -> None:
        self.subject, self.rtype, self.object, self.props, self.origin = subject, rtype, obj, props, origin


def _relation_props(spec: Any) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(definition properties, relation type properties) of a SubjectRelation / attribute / RelationDefinition."""
    if isinstance(spec, bo.ObjectRelation):
        source = dict(spec.options)
        if isinstance(spec, bo.AbstractTypedAttribute):
            if spec.parameters:
                source["parameters"] = spec.parameters
    else:
        source = {k: getattr(spec, k) for k in bo.RDEF_PROPERTIES + bo.RTYPE_PROPERTIES + ("widget",)
                  if getattr(spec, k, None) is not None}
        if getattr(spec, "required", None):  # RelationDefinition(required=...) is accepted by the runtime
            source.setdefault("cardinality", "1*")
    rtype_props = {k: source.pop(k) for k in bo.RTYPE_PROPERTIES if k in source}
    return source, rtype_props


def _normalize(props: Dict[str, Any], final: bool) -> Dict[str, Any]:
    """The persisted properties of a definition: constraints folded into maxsize / unique / vocabulary where
    the storage needs them, the others kept serialized; False and None left out (a default is a value)."""
    out: Dict[str, Any] = {}
    constraints: List[BaseConstraint] = list(props.pop("constraints", None) or ())
    permissions = props.pop("__permissions__", None)
    if "required" in props:
        props.pop("required")
    for key, value in props.items():
        if key in ("order", "uid", "infered"):
            continue
        if key == "default":
            out[key] = plain(value)
        elif value is not None and value is not False:
            out[key] = plain(value)
    kept = []
    for constraint in constraints:
        if not isinstance(constraint, BaseConstraint):
            raise BadSchemaDefinition(f"{constraint!r} is no constraint (use yams.constraints or cubicweb.schema ones)")
        if isinstance(constraint, SizeConstraint) and final:
            if constraint.max is not None:
                out["maxsize"] = constraint.max
            if constraint.min is not None:
                kept.append(constraint)
        elif isinstance(constraint, UniqueConstraint) and final:
            out["unique"] = True
        elif isinstance(constraint, StaticVocabularyConstraint) and not isinstance(constraint, FormatConstraint) \
                and final:
            out["vocabulary"] = plain(list(constraint.values))
        else:
            kept.append(constraint)
    if kept:
        out["constraints"] = [c.serialize() for c in kept]
    if permissions is not None:
        out["permissions"] = _permissions(permissions)
    return out


def build(classes: List[Tuple[type, Origin]], cubicweb: bool = True) -> Schema:
    """The schema of the definition classes, in the order given (core first, then cubes, then the application);
    `cubicweb`: give every entity type `eid` and `identity` as CubicWeb does (plain yams does not)."""
    etypes: Dict[str, Tuple[type, Origin]] = {}
    rtype_classes: Dict[str, Tuple[type, Origin]] = {}
    rdef_classes: List[Tuple[type, Origin]] = []
    for cls, origin in classes:
        if issubclass(cls, bo.EntityType):
            name = getattr(cls, "name", None) if isinstance(getattr(cls, "name", None), str) else cls.__name__
            if name in etypes:
                raise _at(origin, f"entity type {name} is defined twice (also in {etypes[name][1].path}); "
                                  "to add to a type defined elsewhere, use a RelationDefinition or "
                                  f"{name}.add_relation(...)")
            etypes[name] = (cls, origin)
        elif issubclass(cls, bo.RelationType):
            name = cls.__dict__.get("name") or cls.__name__
            if name in rtype_classes:
                raise _at(origin, f"relation type {name} is defined twice (also in {rtype_classes[name][1].path})")
            rtype_classes[name] = (cls, origin)
        elif issubclass(cls, bo.RelationDefinition):
            rdef_classes.append((cls, origin))

    schema = Schema()
    every = list(etypes)
    for name, (cls, origin) in etypes.items():
        props: Dict[str, Any] = {}
        doc = cls.__dict__.get("__doc__")
        if doc:
            props["description"] = " ".join(doc.split())
        permissions = _permissions(cls.__dict__.get("__permissions__", getattr(cls, "__permissions__", None)))
        if permissions is not None:
            props["permissions"] = permissions
        if cls.__unique_together__:
            props["unique_together"] = plain(cls.__unique_together__)
        if cls.__specializes__:
            props["specializes"] = cls.__specializes__
        if cls.__dict__.get("__abstract_here__"):
            props["abstract"] = True
        schema.entities[name] = EntityType(name, props)

    rdefs: List[_Rdef] = []
    rtype_props: Dict[str, Dict[str, Any]] = {}

    def ends(value: Any, origin: Origin, what: str) -> List[str]:
        if value == "*":
            return list(every)
        if isinstance(value, (list, tuple)):
            return [v for item in value for v in ends(item, origin, what)]
        if not isinstance(value, str):
            raise _at(origin, f"the {what} of a relation is an entity type name (a string, a tuple or '*'), "
                              f"not {value!r}")
        return [value]

    def merge_rtype(rtype: str, props: Dict[str, Any], origin: Origin) -> None:
        known = rtype_props.setdefault(rtype, {})
        for key, value in props.items():
            if value is None:
                continue
            if key in known and known[key] != value and key != "description":
                raise _at(origin, f"conflicting values {known[key]!r}/{value!r} for property {key} of relation {rtype}")
            known[key] = value

    def add(subjects: List[str], rtype: str, objects: List[str], props: Dict[str, Any], origin: Origin) -> None:
        for subject in subjects:
            for obj in objects:
                rdefs.append(_Rdef(subject, rtype, obj, dict(props), origin))

    for name, (cls, origin) in etypes.items():
        for spec in cls.__relations__:
            props, rprops = _relation_props(spec)
            merge_rtype(spec.name, rprops, origin)
            if isinstance(spec, bo.RelationDefinition):
                add(ends(spec.subject, origin, "subject"), spec.name, ends(spec.object, origin, "object"), props, origin)
            elif spec.role == "subject":
                add([name], spec.name, ends(spec.etype, origin, "object"), props, origin)
            else:
                add(ends(spec.etype, origin, "subject"), spec.name, [name], props, origin)
    for cls, origin in rdef_classes:
        rtype = cls.__dict__.get("name") or getattr(cls, "name", None) or cls.__name__
        if not isinstance(rtype, str):
            rtype = cls.__name__
        props, rprops = _relation_props(cls)
        merge_rtype(rtype, rprops, origin)
        if cls.subject is None or cls.object is None:
            raise _at(origin, f"relation definition {cls.__name__} needs both `subject` and `object`")
        add(ends(cls.subject, origin, "subject"), rtype, ends(cls.object, origin, "object"), props, origin)

    # Relation type classes: their own properties, definition defaults, and their definition if any.
    defaults: Dict[str, Dict[str, Any]] = {}
    descriptions: Dict[str, str] = {}
    for rtype, (cls, origin) in rtype_classes.items():
        rprops = {k: getattr(cls, k) for k in bo.RTYPE_PROPERTIES if getattr(cls, k, None) is not None}
        merge_rtype(rtype, rprops, origin)
        doc = cls.__dict__.get("__doc__")
        description = cls.__dict__.get("description") or (" ".join(doc.split()) if doc else None)
        if description:
            descriptions[rtype] = description
        rdef_defaults = {k: getattr(cls, k) for k in bo.RDEF_PROPERTIES
                         if k not in ("description",) and getattr(cls, k, None) is not None}
        if issubclass(cls, bo.ComputedRelation) or getattr(cls, "rule", None):
            if not getattr(cls, "rule", None):
                raise _at(origin, f"computed relation {rtype} needs a `rule` (an RQL expression over S and O)")
            rtype_props.setdefault(rtype, {})["rule"] = " ".join(str(cls.rule).split())
            if rdef_defaults.get("__permissions__") is not None:
                rtype_props[rtype]["permissions"] = _permissions(rdef_defaults["__permissions__"])
            continue
        defaults[rtype] = rdef_defaults
        subject, obj = getattr(cls, "subject", None), getattr(cls, "object", None)
        if subject is not None and obj is not None:
            add(ends(subject, origin, "subject"), rtype, ends(obj, origin, "object"), {}, origin)

    # CubicWeb gives every entity type its eid and identity.
    if cubicweb:
        for name in reversed(every):
            rdefs.insert(0, _Rdef(name, "eid", "Int", {"cardinality": "11"}, etypes[name][1]))
        for name in every:
            rdefs.append(_Rdef(name, "identity", name, {}, etypes[name][1]))
        rtype_props.setdefault("identity", {})["virtual"] = True
        rtype_props.setdefault("eid", {})["virtual"] = True

    finals = set(bo.BASE_TYPES)
    for rdef in rdefs:
        final = rdef.object in finals
        props = dict(defaults.get(rdef.rtype, {}))
        if rdef.rtype in rtype_props and rtype_props[rdef.rtype].get("rule"):
            raise _at(rdef.origin, f"{rdef.rtype} is a computed relation (ComputedRelation): it takes no definition")
        props.update({k: v for k, v in rdef.props.items() if v is not None})
        if not props.get("cardinality"):
            props["cardinality"] = "?1" if final else "**"
        cardinality = props["cardinality"]
        if not (isinstance(cardinality, str) and len(cardinality) == 2 and
                all(c in "1?+*" for c in cardinality)):
            raise _at(rdef.origin, f"cardinality {cardinality!r} of {rdef.subject} {rdef.rtype} {rdef.object}: "
                                   "two characters among 1 ? + * (subject side first), e.g. '?*'")
        for end in (rdef.subject, rdef.object):
            if end not in schema.entities and not (end == rdef.object and final):
                raise _at(rdef.origin, f"relation {rdef.rtype} uses {end!r}, which is no entity type of the "
                                       "schema (core, cubes and application); check the name or add the cube "
                                       "that defines it to __depends__")
        props = _normalize(props, final)
        if final and rdef.object not in FINAL_TYPES:
            props["final"] = True  # a type of register_base_type (the model knows only the built-in ones)
        known = schema.relations.get(rdef.rtype)
        if known is None:
            schema.relations[rdef.rtype] = RelationType(rdef.rtype, final, {})
        elif known.final != final:
            raise _at(rdef.origin, f"{rdef.rtype} is used both as an attribute and as a relation")
        key = (rdef.subject, rdef.rtype, rdef.object)
        if key in schema.definitions:
            if rdef.rtype in ("eid", "identity"):
                continue
            raise _at(rdef.origin, f"{rdef.subject} {rdef.rtype} {rdef.object} is defined twice")
        schema.definitions[key] = RelationDefinition(rdef.subject, rdef.rtype, rdef.object, props)
        schema.origins[key] = (rdef.origin.path, rdef.origin.line)

    _infer_specialized(schema)
    for rtype, props in rtype_props.items():
        relation = schema.relations.get(rtype)
        if relation is None:
            if rtype in ("eid", "identity") and not every:
                continue
            # A relation type without definitions is still a type (computed relations, `see_also`...).
            relation = schema.relations[rtype] = RelationType(rtype, False, {})
        for key in ("inlined", "symmetric", "fulltext_container", "rule", "virtual", "permissions"):
            if props.get(key):
                relation.props[key] = props[key]
        if rtype in descriptions:
            relation.props["description"] = descriptions[rtype]
    for rtype, (cls, origin) in rtype_classes.items():
        permissions = cls.__dict__.get("__permissions__")
        if permissions is not None and rtype in schema.relations and "permissions" not in schema.relations[rtype].props:
            schema.relations[rtype].props["permissions"] = _permissions(permissions)
    for definition in schema.definitions.values():
        relation = schema.relations[definition.rtype]
        if relation.inlined and definition.cardinality[0] not in "?1":
            origin = next(r.origin for r in rdefs if (r.subject, r.rtype, r.object) == definition.key)
            raise _at(origin, f"relation {definition.rtype} is inlined but {definition.subject} may have several "
                              f"(cardinality {definition.cardinality!r}): use '?' or '1' on the subject side")
    for name, entity in schema.entities.items():
        for group in entity.unique_together:
            for attr in group:
                if (name, attr) not in {(d.subject, d.rtype) for d in schema.definitions.values()
                                        if d.final or schema.relations[d.rtype].inlined}:
                    raise _at(etypes[name][1], f"__unique_together__ of {name} names {attr!r}, which is no "
                                               "attribute or inlined relation of it")
    return schema


def _infer_specialized(schema: Schema) -> None:
    """A type that specializes another has its relations too (yams' inferred definitions): `State
    allowed_transition BaseTransition` gives `State allowed_transition Transition`."""
    descendants: Dict[str, List[str]] = {}
    for name, entity in schema.entities.items():
        parent = entity.props.get("specializes")
        seen = [name]
        while parent and parent in schema.entities and parent not in seen:
            descendants.setdefault(parent, []).append(name)
            seen.append(parent)
            parent = schema.entities[parent].props.get("specializes")
    if not descendants:
        return
    for definition in list(schema.definitions.values()):
        if definition.rtype in ("eid", "identity"):
            continue
        subjects = [definition.subject] + descendants.get(definition.subject, [])
        objects = [definition.object] + (descendants.get(definition.object, []) if not definition.final else [])
        for subject in subjects:
            for obj in objects:
                key = (subject, definition.rtype, obj)
                if key not in schema.definitions:
                    schema.definitions[key] = RelationDefinition(subject, definition.rtype, obj,
                                                                 dict(definition.props, infered=True))


def _at(origin: Origin, message: str) -> BadSchemaDefinition:
    error = BadSchemaDefinition(message)
    error.origin = origin  # type: ignore[attr-defined]
    return error
