"""A plain schema as readable yams-like text, the same function for the persisted and the application's
schema so that a diff view lines them up: entity types by name, each with its attributes and the relations
it is the subject of (by name), then the relation types that have properties of their own."""
from __future__ import annotations

import json
from typing import Any, Dict, List

from ..schema.model import RelationDefinition, Schema
from .compare import comparable

IMPLICIT = ("eid", "identity")  # every entity type has them (CubicWeb adds them): not worth a line each
_ATTRIBUTE_FIRST = ("required", "unique", "maxsize", "default", "vocabulary", "indexed", "fulltextindexed",
                    "internationalizable")


def _value(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, list):
        return "(" + ", ".join(_value(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        if value.get("type", "").endswith("RQLExpression") and "expression" in value:
            return f"{value['type']}({value['expression']!r})"
        return "{" + ", ".join(f"{k!r}: {_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def _arguments(props: Dict[str, Any], first: List[str]) -> List[str]:
    shown = []
    for key in first:
        if key in props:
            shown.append(f"{key}={_value(props[key])}")
    for key in sorted(props):
        if key not in first:
            name = "__permissions__" if key == "permissions" else key
            shown.append(f"{name}={_value(props[key])}")
    return shown


def _attribute_line(definition: RelationDefinition) -> str:
    props = comparable(definition.props)
    cardinality = props.pop("cardinality", "?1")
    if cardinality[0] == "1":
        props["required"] = True
    if cardinality not in ("?1", "11"):
        props["cardinality"] = cardinality
    args = _arguments(props, list(_ATTRIBUTE_FIRST))
    return f"    {definition.rtype} = {definition.object}({', '.join(args)})"


def _relation_line(rtype: str, objects: List[str], props: Dict[str, Any]) -> str:
    target = repr(objects[0]) if len(objects) == 1 else "(" + ", ".join(repr(o) for o in objects) + ")"
    args = [target] + _arguments(props, ["cardinality", "composite"])
    return f"    {rtype} = SubjectRelation({', '.join(args)})"


def schema_text(schema: Schema) -> str:
    lines: List[str] = []
    by_subject: Dict[str, List[RelationDefinition]] = {}
    for definition in schema.definitions.values():  # one pass: a scan per type is quadratic at 300 types
        by_subject.setdefault(definition.subject, []).append(definition)
    for etype in sorted(schema.entities):
        entity = schema.entities[etype]
        props = comparable(entity.props)
        lines.append(f"class {etype}(EntityType):")
        if props.get("description"):
            lines.append(f"    {json.dumps(props['description'], ensure_ascii=False)}")
        for key in ("specializes", "abstract", "unique_together", "permissions"):
            if key in props:
                name = {"specializes": "__specializes__", "abstract": "__abstract__",
                        "unique_together": "__unique_together__", "permissions": "__permissions__"}[key]
                lines.append(f"    {name} = {_value(props[key])}")
        for key in sorted(set(props) - {"description", "specializes", "abstract", "unique_together", "permissions"}):
            lines.append(f"    __{key}__ = {_value(props[key])}")
        own = by_subject.get(etype, [])
        attributes = sorted((d for d in own if d.final and d.rtype not in IMPLICIT), key=lambda d: d.rtype)
        lines.extend(_attribute_line(d) for d in attributes)
        # Relations this type is the subject of: one line per relation type and set of equal properties.
        grouped: Dict[str, Dict[str, List[str]]] = {}
        for definition in own:
            if definition.final or definition.rtype in IMPLICIT:
                continue
            props_key = json.dumps(comparable(definition.props), sort_keys=True, default=str)
            grouped.setdefault(definition.rtype, {}).setdefault(props_key, []).append(definition.object)
        for rtype in sorted(grouped):
            for props_key, objects in sorted(grouped[rtype].items()):
                lines.append(_relation_line(rtype, sorted(objects), json.loads(props_key)))
        if len(lines) and lines[-1] == f"class {etype}(EntityType):":
            lines.append("    pass")
        lines.append("")
    for rtype in sorted(schema.relations):
        relation = schema.relations[rtype]
        props = {k: v for k, v in comparable(relation.props).items() if k != "virtual"}
        if relation.final or rtype in IMPLICIT or not props:
            continue
        base = "ComputedRelation" if props.get("rule") else "RelationType"
        lines.append(f"class {rtype}({base}):")
        for key in sorted(props):
            name = "__permissions__" if key == "permissions" else key
            lines.append(f"    {name} = {_value(props[key])}")
        lines.append("")
    return "\n".join(lines)
