"""`erudi-migrate stats`: how much data each entity type holds, read-only, for the checker's data-aware safety rules:
rows per type; per attribute the NULLs, the values shared by more than one row (what a unique constraint would meet),
and for strings the longest value and how many exceed schema.py's maxsize. One aggregate query per table."""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

from . import storage
from .browse import _open_read_only
from .errors import MigrationError
from .identifiers import check_name
from .schema.loader import load_schema
from .schema.model import Schema
from .schema.persisted import SchemaStore

# Types whose values have a length worth comparing with a maxsize.
TEXT_TYPES = ("String", "RichString")  # not Password: a hash, stored as bytes on PostgreSQL
# Types whose values DISTINCT can compare on both databases (not Bytes, not Password hashes' bytes).
COMPARABLE = ("String", "RichString", "Int", "BigInt", "Float", "Decimal", "Boolean", "Date", "Datetime", "TZDatetime",
              "Time", "TZTime")


def _application_sizes(options) -> Dict[str, Dict[str, int]]:
    """{etype: {attribute: maxsize}} from the application's schema files, or {} when they cannot be read (the
    figures are still useful without them; the checker reads the sizes itself)."""
    app = getattr(options, "app", None)
    if not app or not (os.path.isfile(os.path.join(app, "schema.py")) or os.path.isdir(os.path.join(app, "schema"))):
        return {}
    try:
        schema = load_schema(app, getattr(options, "cubes_path", None))
    except MigrationError:
        return {}
    sizes: Dict[str, Dict[str, int]] = {}
    for etype in schema:
        for definition in schema.attributes(etype.name):
            size = definition.props.get("maxsize")
            if isinstance(size, int) and definition.object in TEXT_TYPES:
                sizes.setdefault(etype.name, {})[definition.rtype] = size
    return sizes


def _length(db) -> str:
    return "CHAR_LENGTH" if db.dialect.name == "postgresql" else "LENGTH"


def _type_figures(db, schema: Schema, etype: str, sizes: Dict[str, int]) -> Dict[str, Any]:
    table = storage.table(check_name(etype))
    parts: List[str] = ["COUNT(*)"]
    layout: List[tuple] = []
    length = _length(db)
    for definition in schema.attributes(etype):
        name = definition.rtype
        if name in ("eid",) or definition.props.get("formula") or not definition.final:
            continue
        column = storage.column(check_name(name))
        at = len(parts)
        parts.append(f"COUNT({column})")
        kinds = ["count"]
        if definition.object in COMPARABLE:
            parts.append(f"COUNT(DISTINCT {column})")
            kinds.append("distinct")
        if definition.object in TEXT_TYPES:
            parts.append(f"MAX({length}({column}))")
            kinds.append("max")
            size = sizes.get(name)
            if size is not None:
                parts.append(f"SUM(CASE WHEN {length}({column}) > {int(size)} THEN 1 ELSE 0 END)")
                kinds.append(("longer", size))
        layout.append((name, at, kinds))
    row = db.query(f"SELECT {', '.join(parts)} FROM {table}")[0]
    rows = int(row[0])
    attributes: Dict[str, Any] = {}
    for name, at, kinds in layout:
        figures: Dict[str, Any] = {}
        for offset, kind in enumerate(kinds):
            value = row[at + offset]
            if kind == "count":
                figures["nulls"] = rows - int(value or 0)
                counted = int(value or 0)
            elif kind == "distinct":
                figures["duplicates"] = counted - int(value or 0)
            elif kind == "max":
                figures["maxLength"] = None if value is None else int(value)
            else:
                figures.setdefault("longerThan", {})[str(kind[1])] = int(value or 0)
        attributes[name] = figures
    return {"rows": rows, "attributes": attributes}


def stats(options, events) -> Dict[str, Any]:
    """The figures of every entity type of the instance, read on a read-only connection."""
    db = _open_read_only(options, events)
    try:
        schema = SchemaStore.load(db).schema
        sizes = _application_sizes(options)
        types = {}
        known = storage.Storage(db)
        for etype in sorted(schema.entities):
            if not known.table_exists(storage.table(etype)):
                continue
            types[etype] = _type_figures(db, schema, etype, sizes.get(etype, {}))
        return {"event": "stats", "entityTypes": types}
    finally:
        db.close()


def format_stats(result: Dict[str, Any]) -> str:
    """The figures as text: one line per type, then its attributes with NULLs, duplicates or long values."""
    lines = []
    for etype, figures in result["entityTypes"].items():
        lines.append(f"{etype}: {figures['rows']} row{'' if figures['rows'] == 1 else 's'}")
        for name, attribute in figures["attributes"].items():
            shown = [f"{attribute['nulls']} null"] if attribute.get("nulls") else []
            if attribute.get("duplicates"):
                shown.append(f"{attribute['duplicates']} duplicate")
            if attribute.get("maxLength") is not None:
                shown.append(f"longest {attribute['maxLength']}")
            for size, count in (attribute.get("longerThan") or {}).items():
                if count:
                    shown.append(f"{count} longer than {size}")
            if shown:
                lines.append(f"  {name}: {', '.join(shown)}")
    return "\n".join(lines) if lines else "no entity types"
