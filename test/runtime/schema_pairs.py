"""Seeded random pairs of schemas (A, then B made from A by the edits developers make: types, attributes and
relations added, removed, renamed, properties, cardinalities, inlining and permissions changed), written
as schema.py text. Used by the generate property test and, through `python3 schema_pairs.py --write DIR N`,
by the TypeScript test that runs the editor's checker on the generated scripts."""
from __future__ import annotations

import copy
import random
from typing import Any, Dict, List, Optional

TYPE_NAMES = [f"Thing{c}" for c in "ABCDEFGHIJ"]
ATTRIBUTE_NAMES = [f"field_{c}" for c in "abcdefgh"]
RELATION_NAMES = [f"link_{c}" for c in "pqrstu"]
GROUPS = ("managers", "users", "guests", "owners")
FINAL = ("String", "Int", "Boolean", "Float", "Date", "BigInt")


def _attribute(rng: random.Random) -> Dict[str, Any]:
    kind = rng.choice(FINAL)
    attr: Dict[str, Any] = {"type": kind}
    if kind == "String":
        if rng.random() < 0.2:
            attr["vocabulary"] = rng.choice([("low", "high"), ("draft", "published", "archived")])
        elif rng.random() < 0.6:
            attr["maxsize"] = rng.choice([16, 64, 255])
        if rng.random() < 0.3:
            attr["default"] = "low" if "vocabulary" in attr else "x"
        if rng.random() < 0.2:
            attr["fulltextindexed"] = True
    elif kind in ("Int", "BigInt") and rng.random() < 0.4:
        attr["default"] = rng.choice([0, 7])
    elif kind == "Boolean" and rng.random() < 0.5:
        attr["default"] = rng.choice([True, False])
    elif kind == "Float" and rng.random() < 0.3:
        attr["default"] = 1.5
    if rng.random() < 0.3 and _give_default(attr):
        attr["required"] = True  # with a default, as an attribute added to a table with rows needs one
    if kind != "Boolean" and rng.random() < 0.15:
        attr["unique"] = True
    if rng.random() < 0.15:
        attr["indexed"] = True
    if rng.random() < 0.15:
        attr["description"] = rng.choice(["what it says", "set by hand"])
    return attr


DEFAULTS = {"String": "y", "Int": 3, "BigInt": 3, "Boolean": True, "Float": 2.5}


def _give_default(attr: Dict[str, Any]) -> bool:
    """Gives attr a default when it has none; False for a type without one here (Date)."""
    if "default" not in attr:
        if attr["type"] not in DEFAULTS:
            return False
        attr["default"] = attr["vocabulary"][0] if "vocabulary" in attr else DEFAULTS[attr["type"]]
    return True


def row_values(attributes: Dict[str, Any]) -> Dict[str, Any]:
    """One entity's values for these attributes (every attribute set, within its size and vocabulary)."""
    import datetime
    values = {"String": "v", "Int": 1, "BigInt": 1, "Boolean": True, "Float": 1.0, "Date": datetime.date(2020, 1, 1)}
    return {name: spec["vocabulary"][0] if "vocabulary" in spec else values[spec["type"]]
            for name, spec in attributes.items()}


def _permissions(rng: random.Random) -> Optional[Dict[str, List[str]]]:
    if rng.random() < 0.7:
        return None
    return {action: sorted(rng.sample(GROUPS[:3] if action in ("read", "add") else GROUPS, rng.randint(1, 3)))
            for action in ("read", "add", "update", "delete")}


def random_schema(rng: random.Random) -> Dict[str, Any]:
    types: Dict[str, Any] = {}
    for name in rng.sample(TYPE_NAMES, rng.randint(2, 5)):
        types[name] = {"attributes": {a: _attribute(rng) for a in rng.sample(ATTRIBUTE_NAMES, rng.randint(1, 4))},
                       "permissions": _permissions(rng)}
    relations: Dict[str, Any] = {}
    for name in rng.sample(RELATION_NAMES, rng.randint(0, 3)):
        relation = {"inlined": rng.random() < 0.25, "definitions": []}
        for subject in rng.sample(sorted(types), rng.randint(1, min(2, len(types)))):
            relation["definitions"].append(_definition(rng, subject, rng.choice(sorted(types)), relation["inlined"]))
        relations[name] = relation
    return {"types": types, "relations": relations}


def _definition(rng: random.Random, subject: str, obj: str, inlined: bool) -> Dict[str, Any]:
    first = rng.choice("?1") if inlined else rng.choice("?1*+")
    definition = {"subject": subject, "object": obj, "cardinality": first + rng.choice("?1*+")}
    if rng.random() < 0.15:
        definition["composite"] = rng.choice(["subject", "object"])
    return definition


# edits ------------------------------------------------------------------------------------------
def _rename_type(schema, old: str, new: str) -> None:
    schema["types"][new] = schema["types"].pop(old)
    for relation in schema["relations"].values():
        for definition in relation["definitions"]:
            for end in ("subject", "object"):
                if definition[end] == old:
                    definition[end] = new


def _drop_type(schema, name: str) -> None:
    del schema["types"][name]
    for rtype in list(schema["relations"]):
        relation = schema["relations"][rtype]
        relation["definitions"] = [d for d in relation["definitions"] if name not in (d["subject"], d["object"])]
        if not relation["definitions"]:
            del schema["relations"][rtype]


def edited(schema: Dict[str, Any], rng: random.Random, count: int) -> Dict[str, Any]:
    """B: `count` random edits of A (each keeps the schema valid)."""
    schema = copy.deepcopy(schema)
    for _ in range(count):
        types = sorted(schema["types"])
        edit = rng.choice(["add-type", "drop-type", "rename-type", "add-attribute", "drop-attribute",
                           "rename-attribute", "change-attribute", "retype-attribute", "add-relation",
                           "drop-relation", "add-definition", "drop-definition", "change-cardinality",
                           "toggle-inlined", "permissions", "composite"])
        free_types = [t for t in TYPE_NAMES if t not in schema["types"]]
        if edit == "add-type" and free_types:
            schema["types"][rng.choice(free_types)] = {
                "attributes": {a: _attribute(rng) for a in rng.sample(ATTRIBUTE_NAMES, rng.randint(1, 3))},
                "permissions": _permissions(rng)}
        elif edit == "drop-type" and len(types) > 1:
            _drop_type(schema, rng.choice(types))
        elif edit == "rename-type" and free_types:
            _rename_type(schema, rng.choice(types), rng.choice(free_types))
        elif edit in ("add-attribute", "drop-attribute", "rename-attribute", "change-attribute", "retype-attribute"):
            attributes = schema["types"][rng.choice(types)]["attributes"]
            free = [a for a in ATTRIBUTE_NAMES if a not in attributes]
            names = sorted(attributes)
            if edit == "add-attribute" and free:
                attributes[rng.choice(free)] = _attribute(rng)
            elif edit == "drop-attribute" and len(names) > 1:
                del attributes[rng.choice(names)]
            elif edit == "rename-attribute" and free and names:
                attributes[rng.choice(free)] = attributes.pop(rng.choice(names))
            elif edit == "change-attribute" and names:
                attr = attributes[rng.choice(names)]
                prop = rng.choice(["required", "unique", "indexed", "default", "maxsize", "description"])
                if prop in ("required", "unique", "indexed"):
                    if attr.pop(prop, None) is None and not (prop == "unique" and attr["type"] == "Boolean") \
                            and (prop != "required" or _give_default(attr)):
                        attr[prop] = True
                elif prop == "default":
                    if "default" in attr and not attr.get("required"):
                        del attr["default"]
                    else:
                        attr["default"] = {"String": "low" if "vocabulary" in attr else "y", "Int": 3, "BigInt": 3,
                                           "Boolean": True, "Float": 2.5}.get(attr["type"])
                        if attr["default"] is None:
                            del attr["default"]
                elif prop == "maxsize" and attr["type"] == "String" and "vocabulary" not in attr:
                    attr["maxsize"] = rng.choice([32, 128, 512])
                elif prop == "description":
                    attr["description"] = "changed " + str(rng.randint(1, 9))
            elif edit == "retype-attribute" and names:
                attr = attributes[rng.choice(names)]
                if attr["type"] == "Int":
                    attr["type"] = rng.choice(["BigInt", "Float"])
        elif edit == "add-relation":
            free = [r for r in RELATION_NAMES if r not in schema["relations"]]
            if free:
                inlined = rng.random() < 0.25
                schema["relations"][rng.choice(free)] = {"inlined": inlined, "definitions": [
                    _definition(rng, rng.choice(types), rng.choice(types), inlined)]}
        elif edit == "drop-relation" and schema["relations"]:
            del schema["relations"][rng.choice(sorted(schema["relations"]))]
        elif schema["relations"]:
            relation = schema["relations"][rng.choice(sorted(schema["relations"]))]
            definitions = relation["definitions"]
            if edit == "add-definition":
                subjects = [t for t in types if t not in {d["subject"] for d in definitions}]
                if subjects:
                    definitions.append(_definition(rng, rng.choice(subjects), rng.choice(types), relation["inlined"]))
            elif edit == "drop-definition" and len(definitions) > 1:
                definitions.remove(rng.choice(definitions))
            elif edit == "change-cardinality":
                definition = rng.choice(definitions)
                definition["cardinality"] = (rng.choice("?1") if relation["inlined"] else rng.choice("?1*+")) + \
                    rng.choice("?1*+")
            elif edit == "toggle-inlined":
                relation["inlined"] = not relation["inlined"]
                if relation["inlined"]:
                    for definition in definitions:
                        if definition["cardinality"][0] not in "?1":
                            definition["cardinality"] = "?" + definition["cardinality"][1]
            elif edit == "composite":
                definition = rng.choice(definitions)
                if definition.pop("composite", None) is None:
                    definition["composite"] = "subject"
        if edit == "permissions":
            schema["types"][rng.choice(sorted(schema["types"]))]["permissions"] = _permissions(rng)
    return schema


def pair(seed: int, edits: int = 4):
    rng = random.Random(seed)
    a = random_schema(rng)
    return a, edited(a, rng, edits)


# text -------------------------------------------------------------------------------------------
def schema_text(schema: Dict[str, Any]) -> str:
    lines = ['"""A generated schema (test/runtime/schema_pairs.py)."""',
             "from yams.buildobjs import BigInt, Boolean, Date, EntityType, Float, Int, String, SubjectRelation", ""]
    for name in sorted(schema["types"]):
        entity = schema["types"][name]
        lines.append("")
        lines.append(f"class {name}(EntityType):")
        if entity["permissions"]:
            grants = ", ".join(f"{action!r}: {tuple(groups)!r}" for action, groups in entity["permissions"].items())
            lines.append(f"    __permissions__ = {{{grants}}}")
        for attr, spec in sorted(entity["attributes"].items()):
            args = [f"{k}={v!r}" for k, v in sorted(spec.items()) if k != "type"]
            lines.append(f"    {attr} = {spec['type']}({', '.join(args)})")
        for rtype, relation in sorted(schema["relations"].items()):
            for definition in relation["definitions"]:
                if definition["subject"] != name:
                    continue
                args = [repr(definition["object"]), f"cardinality={definition['cardinality']!r}"]
                if relation["inlined"]:
                    args.append("inlined=True")
                if definition.get("composite"):
                    args.append(f"composite={definition['composite']!r}")
                lines.append(f"    {rtype} = SubjectRelation({', '.join(args)})")
        if lines[-1].startswith("class "):
            lines.append("    pass")
    return "\n".join(lines) + "\n"


def write_application(directory: str, schema: Dict[str, Any], version: str = "0.1.0") -> None:
    import os
    os.makedirs(os.path.join(directory, "migration"), exist_ok=True)
    with open(os.path.join(directory, "__pkginfo__.py"), "w", encoding="utf-8") as handle:
        handle.write(f'"""A generated application."""\nnumversion = ({", ".join(version.split("."))})\n'
                     'version = ".".join(str(part) for part in numversion)\n')
    with open(os.path.join(directory, "schema.py"), "w", encoding="utf-8") as handle:
        handle.write(schema_text(schema))


def write_generated(directory: str, seeds, edits: int = 6) -> None:
    """For each seed, `directory/app_<seed>/`: an application at schema B whose migration/ holds the script
    `generate` wrote against an SQLite instance created at A (the instance is removed afterwards)."""
    import contextlib
    import io
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "runtime"))
    from erudi_migrate.cli import main

    for seed in seeds:
        app = os.path.join(directory, f"app_{seed}")
        database = os.path.join(directory, f"app_{seed}.db")
        a, b = pair(seed, edits)
        write_application(app, a)
        for command in (["create"], ["generate", "--raise-numversion"]):
            if command[0] == "generate":
                write_application(app, b)
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(command + ["--app", app, "--db", "sqlite:///" + database, "--yes"])
            if code:
                raise SystemExit(f"seed {seed}: {' '.join(command)} failed:\n{out.getvalue()}{err.getvalue()}")
        os.remove(database)


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description="Writes applications with generated migration scripts.")
    parser.add_argument("--write", metavar="DIR", required=True)
    parser.add_argument("--seeds", type=int, default=12, help="how many seeds (0..N-1)")
    options = parser.parse_args()
    write_generated(options.write, range(options.seeds))
