"""`python -m erudi_migrate.schema.dump DIR [--cubes-path P] [--exclude-core]`: the normalized JSON of the
schema CubicWeb would build for the application folder DIR (core + cubes + application), the shared
contract the language server's static reader is compared with (HELPERS.md, "Normalized schema dump").

The shape, keys sorted, definitions sorted by (subject, object):
  {"entityTypes": {Etype: {"final": false, "abstract": bool, "specializes": name|null,
                           "attributes": {attr: {"type", "required", "unique", "default", "maxsize",
                                                 "vocabulary", "indexed", "fulltextindexed",
                                                 "internationalizable", "formula"}}}},
   "relationTypes": {rtype: {"symmetric", "inlined", "computed", "rule",
                             "definitions": [{"subject", "object", "cardinality", "composite"}]}}}

What yams and CubicWeb build, and so what this prints:
- an entity type is every EntityType class not starting with `_` (an `_`-prefixed class is no type; what it
  declares is inherited); `abstract` is true when the class body sets `__abstract__ = True` (CubicWeb still
  registers it); `specializes` is the first base of a class with `__specializes_schema__`.
- attributes: inherited ones included; `RichString` is a `String` plus a `<name>_format` String
  (default the `default_format`, default "text/plain"; maxsize 50; internationalizable); `make_type(T)` is T;
  `required` is the cardinality's first character being '1'; `unique` from unique=True or UniqueConstraint;
  `maxsize` from maxsize= or SizeConstraint(max); `vocabulary=` on a String also sets maxsize to its longest
  value (as yams does); `vocabulary` from vocabulary= or StaticVocabularyConstraint; the boolean flags are
  true or false; `default`, `maxsize`, `vocabulary` and `formula` are null when absent.
- every entity type has the attribute `eid` (Int, required) and the relation `identity` to itself, and the
  core's `'*'` relations (creation_date, modification_date, cwuri, is, is_instance_of, owned_by,
  created_by, cw_source); a WorkflowableEntityType subclass (not `__abstract__`) has in_state,
  custom_workflow, and TrInfo's wf_info_for.
- relationTypes holds the non-final relation types (attributes are under their entity type), with a type's
  definition properties (cardinality, composite...) applied to definitions that do not set them;
  a ComputedRelation is `"computed": true` with its `rule` (spacing normalized) and no definitions
  (CubicWeb infers them by RQL analysis; neither reader does).
- cardinality defaults: '?1' for attributes, '**' for relations.
- a type that specializes another gets the relations of its ancestors in the runtime's schema (yams'
  inferred definitions: `State allowed_transition BaseTransition` also gives `State allowed_transition
  Transition`); they are not printed: the dump lists the definitions the files write (and `'*'` expands).

`--exclude-core` leaves out what the core alone defines, to compare what an application (and its cubes)
adds: core entity types, the attributes eid/creation_date/modification_date/cwuri, the definitions of the
relations is/is_instance_of/owned_by/created_by/cw_source/identity, and any definition the core schema
has itself; a relation type is kept when a definition is left or the core does not define it.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Dict, Optional

from ..errors import MigrationError
from .loader import load_core_schema, load_schema
from .model import Schema

METADATA_ATTRIBUTES = ("eid", "creation_date", "modification_date", "cwuri")
METADATA_RELATIONS = ("is", "is_instance_of", "owned_by", "created_by", "cw_source", "identity")


def _attribute(props: Dict[str, Any], final_type: str) -> Dict[str, Any]:
    return {
        "type": final_type,
        "required": str(props.get("cardinality", "?1"))[0] == "1",
        "unique": bool(props.get("unique")),
        "default": props.get("default"),
        "maxsize": props.get("maxsize"),
        "vocabulary": props.get("vocabulary"),
        "indexed": bool(props.get("indexed")),
        "fulltextindexed": bool(props.get("fulltextindexed")),
        "internationalizable": bool(props.get("internationalizable")),
        "formula": props.get("formula"),
    }


def normalize(schema: Schema, core: Optional[Schema] = None) -> Dict[str, Any]:
    """The contract's JSON value of `schema`; with `core`, only what the schema adds to it (--exclude-core)."""
    entity_types: Dict[str, Any] = {}
    for name, entity in schema.entities.items():
        if core is not None and name in core.entities:
            continue
        attributes = {}
        for definition in schema.attributes(name):
            if core is not None and definition.rtype in METADATA_ATTRIBUTES:
                continue
            attributes[definition.rtype] = _attribute(definition.props, definition.object)
        entity_types[name] = {"final": False, "abstract": bool(entity.props.get("abstract")),
                              "specializes": entity.props.get("specializes"), "attributes": attributes}
    relation_types: Dict[str, Any] = {}
    for name, relation in schema.relations.items():
        if relation.final or relation.props.get("virtual") and name != "identity":
            continue
        definitions = []
        for definition in schema.definitions_of(name):
            if definition.props.get("infered"):
                continue  # see the header: what specialization infers is not printed
            if core is not None and (name in METADATA_RELATIONS or definition.key in core.definitions):
                continue
            definitions.append({"subject": definition.subject, "object": definition.object,
                                "cardinality": definition.cardinality, "composite": definition.props.get("composite")})
        if core is not None and not definitions and name in core.relations:
            continue
        definitions.sort(key=lambda d: (d["subject"], d["object"]))
        relation_types[name] = {"symmetric": bool(relation.props.get("symmetric")), "inlined": relation.inlined,
                                "computed": bool(relation.props.get("rule")), "rule": relation.props.get("rule"),
                                "definitions": definitions}
    return {"entityTypes": entity_types, "relationTypes": relation_types}


def dump(directory: str, cubes_path: Optional[str] = None, exclude_core: bool = False) -> str:
    schema = load_schema(directory, cubes_path)
    value = normalize(schema, load_core_schema() if exclude_core else None)
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m erudi_migrate.schema.dump",
                                     description="Prints the normalized JSON of an application's merged schema.")
    parser.add_argument("directory", metavar="DIR", help="the application (or cube) folder")
    parser.add_argument("--cubes-path", metavar="DIR[:DIR]", help="more folders to find cubes in")
    parser.add_argument("--exclude-core", action="store_true", help="leave out what CubicWeb's core schema defines")
    options = parser.parse_args(argv)
    try:
        print(dump(options.directory, options.cubes_path, options.exclude_core))
    except MigrationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
