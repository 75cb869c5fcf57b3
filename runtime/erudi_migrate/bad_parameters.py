"""Turns a value the database driver cannot send (an integer beyond 64 bits, a string holding a lone surrogate) into
an error naming the argument: the attribute its column stores, the value, and what to give instead."""
from __future__ import annotations

import re
from typing import Any, List, Optional, Sequence

from .errors import MigrationError

_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+\S+\s*\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)", re.IGNORECASE | re.DOTALL)
_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\"?\s*=\s*(\?|%s)")
_PLACEHOLDER = re.compile(r"\?|%s")
INT64 = 2 ** 63
INT32 = 2 ** 31


def _columns(sql: str, count: int) -> List[Optional[str]]:
    """The column each placeholder of an INSERT (column list) or UPDATE (`col = ?`) fills, where that is plain."""
    insert = _INSERT.match(sql)
    if insert:
        columns = [c.strip().strip('"') for c in insert.group(1).split(",")]
        values = [v.strip() for v in insert.group(2).split(",")]
        if len(columns) == len(values) and all(_PLACEHOLDER.fullmatch(v) for v in values):
            return (columns + [None] * count)[:count]
    assigned = [m.group(1) for m in _ASSIGNMENT.finditer(sql)]
    return (assigned + [None] * count)[:count] if len(_PLACEHOLDER.findall(sql)) >= len(assigned) else [None] * count


def _name(column: Optional[str], position: int) -> str:
    if column and column.startswith("cw_") and column != "cw_eid":
        return f"attribute '{column[3:]}'"
    return f"column '{column}'" if column else f"SQL parameter {position}"


def _clip(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def explain(error: BaseException, sql: str, params: Optional[Sequence[Any]]) -> Optional[MigrationError]:
    """The readable error for an OverflowError or UnicodeEncodeError raised while sending `params`, or None."""
    # PostgreSQL's own refusal of a number its column type cannot hold (an Int column is 32 bits there).
    out_of_range = type(error).__name__ == "NumericValueOutOfRange"
    if not isinstance(error, (OverflowError, UnicodeEncodeError)) and not out_of_range:
        return None
    if not params or isinstance(params, dict):
        return None
    columns = _columns(sql, len(params))
    bound = INT32 if out_of_range else INT64
    for position, (value, column) in enumerate(zip(params, columns), start=1):
        if not isinstance(error, UnicodeEncodeError) and isinstance(value, int) and not isinstance(value, bool) \
                and not -bound <= value < bound:
            limit = "32 bits: -2^31 to 2^31-1" if out_of_range else "64 bits: -2^63 to 2^63-1"
            return MigrationError(f"the {_name(column, position)} gets {_clip(value)}, too large for its database "
                                  f"integer ({limit}): store it as a BigInt, a string or a Decimal")
        if isinstance(error, UnicodeEncodeError) and isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as bad:
                character = value[bad.start]
                return MigrationError(f"the {_name(column, position)} gets a string holding U+{ord(character):04X} at "
                                      f"position {bad.start}, which UTF-8 cannot encode (a lone surrogate, usually from "
                                      f"bytes decoded with errors='surrogateescape'): decode the text properly first")
    return None
