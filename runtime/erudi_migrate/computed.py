"""Computed attributes (`Int(formula='Any COUNT(T) WHERE T concerns X')`), kept as CubicWeb's synccomputed hooks
keep them: the column is filled from its formula when the attribute is added, and recomputed, for every
entity of its type, at the end of each script (and before each real commit) when a table the formula reads
was written since (through rql(), the primitives or sql()). An entity the formula finds no row for gets NULL."""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Set, Tuple

from .errors import MigrationError
from .schema.model import RelationDefinition, Schema
from .storage import column, table

_KEYWORDS = ("GROUPBY", "ORDERBY", "LIMIT", "OFFSET", "WHERE", "HAVING", "WITH")
_AGGREGATE = re.compile(r"\b(COUNT|SUM|AVG|MIN|MAX|GROUP_CONCAT)\s*\(", re.IGNORECASE)
_WRITE = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_STATE = "computed_attributes"


def computed_definitions(schema: Schema) -> List[RelationDefinition]:
    return [d for d in schema.definitions.values() if d.final and d.props.get("formula")]


def _clauses(formula: str) -> Optional[Dict[str, str]]:
    """{'selection': ..., 'GROUPBY': ..., 'WHERE': ..., 'HAVING': ...} of `Any <selection> ... WHERE ...`, split
    at the top-level keywords (outside strings and parentheses); None when it is not of that shape."""
    text = formula.strip().rstrip(";")
    head = re.match(r"\s*Any\s+", text, re.IGNORECASE)
    if head is None:
        return None
    cuts: List[Tuple[int, str]] = []
    depth, quote, i = 0, None, head.end()
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            for keyword in _KEYWORDS:
                end = i + len(keyword)
                if text[i:end].upper() == keyword and (end == len(text) or not (text[end].isalnum() or text[end] == "_")):
                    cuts.append((i, keyword))
                    break
        i += 1
    parts = {"selection": text[head.end():cuts[0][0] if cuts else len(text)].strip()}
    for index, (start, keyword) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        parts[keyword] = text[start + len(keyword):end].strip()
    return parts


def recompute_query(definition: RelationDefinition) -> str:
    """The formula as one query over every entity of the type: `Any X, <value> [GROUPBY X] WHERE X is T, ...`
    (CubicWeb's operation adds X to the selection and the GROUPBY the same way)."""
    formula = definition.props["formula"]
    parts = _clauses(formula)
    where = f"{definition.subject}.{definition.rtype}"
    if parts is None or not parts["selection"] or not parts.get("WHERE") or set(parts) - {"selection", "GROUPBY", "WHERE", "HAVING"}:
        raise MigrationError(f"the formula of {where} ({formula!r}) is not `Any <value> WHERE <restriction on X>`: "
                             "a computed attribute's formula selects one value of the entity X")
    if not re.search(r"\bX\b", parts["WHERE"]):
        raise MigrationError(f"the formula of {where} ({formula!r}) does not use X, the entity whose value it "
                             "computes: e.g. 'Any COUNT(T) WHERE T concerns X'")
    groups = [g.strip() for g in parts.get("GROUPBY", "").split(",") if g.strip() and g.strip() != "X"]
    grouped = ""
    if "GROUPBY" in parts or _AGGREGATE.search(parts["selection"]):
        grouped = " GROUPBY " + ", ".join(["X"] + groups)
    having = f" HAVING {parts['HAVING']}" if parts.get("HAVING") else ""
    return f"Any X, {parts['selection']}{grouped} WHERE X is {definition.subject}, {parts['WHERE']}{having}"


def _target(ctx):
    from .primitives.data import ContextTarget
    return ContextTarget(ctx)


def _read_tables(ctx, definition: RelationDefinition, query: str) -> Set[str]:
    """The tables the formula's SQL reads (lower case): a write to one of them may change its values."""
    from .rql.bindings import Bindings
    from .rql.execute import parse_cached
    from .rql.schema_view import view_of
    from .rql.selection import compile_select
    from . import storage
    _, sql, _ = compile_select(query, parse_cached(query), view_of(ctx.repo_schema), storage, {}, ctx.dialect.name,
                               Bindings())
    schema = ctx.repo_schema
    known = {table(name).lower() for name in schema.entities} | {"entities"}
    known |= {storage.relation_table(name).lower() for name in schema.relations}
    # every table name the SQL mentions (a column spelt like a table only costs a recomputation more)
    return ({word.lower() for word in _WORD.findall(sql)} & known) | {table(definition.subject).lower()}


def recompute(ctx, definition: RelationDefinition) -> int:
    """Writes the formula's value into the column of every entity of the type; returns the rows changed."""
    from .rql import run_rql, view_of
    from .rql.errors import RqlError
    query = recompute_query(definition)
    watching, ctx.db.watch = getattr(ctx.db, "watch", None), None  # its own writes change nothing it reads
    try:
        try:
            found = run_rql(_target(ctx), view_of(ctx.repo_schema), query)
        except RqlError as error:
            raise MigrationError(f"the formula of {definition.subject}.{definition.rtype} "
                                 f"({definition.props['formula']!r}) cannot be computed: {error}")
        values = {}
        for row in found.rows:
            values.setdefault(row[0], row[1])
        name, col, p = table(definition.subject), column(definition.rtype), ctx.dialect.param
        changed = [(values.get(eid), eid) for eid, current in ctx.db.query(f"SELECT cw_eid, {col} FROM {name}")
                   if values.get(eid) != current]
        if changed:
            ctx.db.executemany(f"UPDATE {name} SET {col} = {p} WHERE cw_eid = {p}", changed)
        return len(changed)
    finally:
        ctx.db.watch = watching


def _state(ctx) -> Dict:
    state = ctx.state.get(_STATE)
    if state is None:
        state = ctx.state[_STATE] = {"written": set(), "reads": {}, "version": None}
    return state


def watch(ctx) -> None:
    """Notes the tables written from now on, when the instance has computed attributes (else costs nothing)."""
    state = _state(ctx)
    written = state["written"]

    def note(sql: str) -> None:
        match = _WRITE.match(sql)
        if match:
            written.add(match.group(1).lower())

    ctx.db.watch = note if computed_definitions(ctx.repo_schema) else None


def refresh(ctx) -> None:
    """Recomputes the computed attributes whose formula reads a table written since the last refresh."""
    write_pending = getattr(ctx.db, "write_pending", None)
    if write_pending is not None:
        write_pending()  # rql()'s batched SETs (rql/batch.py) note their tables when they are written
    state = _state(ctx)
    definitions = computed_definitions(ctx.repo_schema)
    if definitions and state["written"]:
        version = getattr(ctx.repo_schema, "changes", 0), id(ctx.repo_schema)
        if state["version"] != version:
            state["reads"], state["version"] = {}, version
        written = set(state["written"])
        state["written"].clear()
        for definition in definitions:
            reads = state["reads"].get(definition.key)
            if reads is None:
                reads = state["reads"][definition.key] = _read_tables(ctx, definition, recompute_query(definition))
            if reads & written:
                recompute(ctx, definition)
    state["written"].clear()
    watch(ctx)
