"""Attributes whose final type has no column type: a type of `register_base_type` (postgis' Geometry, ...)
that yams accepts but the runtime cannot store; refused before anything is written, at the attribute's line."""
from __future__ import annotations

import ast
from typing import Optional, Tuple

from ..errors import MigrationError
from .model import FINAL_TYPES, RelationDefinition, Schema


def _attribute_line(path: str, class_line: Optional[int], attribute: str) -> Optional[int]:
    """The line of `attribute = ...` in the class declared at class_line (else in any class of the file,
    for an attribute an abstract parent declares); the class line when it is not found."""
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
    except (OSError, SyntaxError, ValueError):
        return class_line
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    classes.sort(key=lambda n: n.lineno != class_line)  # the declaring class first
    for node in classes:
        for statement in node.body:
            if isinstance(statement, ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == attribute for target in statement.targets):
                return statement.lineno
    return class_line


def where(schema: Schema, definition: RelationDefinition) -> Tuple[Optional[str], Optional[int]]:
    """The schema file and line that declare `definition` (None, None when unknown: a persisted schema)."""
    origin = getattr(schema, "origins", {}).get(definition.key)
    if origin is None:
        return None, None
    return origin[0], _attribute_line(origin[0], origin[1], definition.rtype)


def unstorable(definition: RelationDefinition, schema: Optional[Schema] = None) -> MigrationError:
    """The refusal of an attribute whose type the runtime has no SQL type for, naming the fix."""
    file, line = where(schema, definition) if schema is not None else (None, None)
    return MigrationError(
        f"{definition.subject}.{definition.rtype} is of type {definition.object}, a final type the schema registered "
        f"(yams.register_base_type) that the runtime has no column type for: it stores yams' built-in types only "
        f"({', '.join(FINAL_TYPES)}). Declare the attribute with one of them (e.g. String() holding the value's "
        f"text, or Bytes()), or leave it out of the schema and create its column with sql() in a migration script",
        file=file, line=line)


def refuse_unstorable(schema: Schema) -> None:
    """Raises for the first attribute of `schema` whose type cannot be stored (in definition order)."""
    for definition in schema.definitions.values():
        if definition.final and definition.object not in FINAL_TYPES:
            raise unstorable(definition, schema)
