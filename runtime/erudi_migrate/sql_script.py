"""Splits a .sql script into statements (with their first line), respecting quotes, comments and
PostgreSQL dollar-quoted bodies, so each statement runs on its own."""
from __future__ import annotations

import re
from typing import List, Tuple

_DOLLAR = re.compile(r"\$[A-Za-z_0-9]*\$")


def split_statements(text: str) -> List[Tuple[str, int]]:
    statements: List[Tuple[str, int]] = []
    start, i, line, start_line = 0, 0, 1, None
    n = len(text)

    def flush(end: int) -> None:
        statement = text[start:end].strip()
        if statement and _has_code(statement):
            statements.append((statement, start_line or line))

    while i < n:
        c = text[i]
        if start_line is None and not c.isspace():
            start_line = line
        if c == "\n":
            line += 1
            i += 1
        elif c == "-" and text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
        elif c in ("'", '"'):
            j = i + 1
            while j < n:
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            line += text.count("\n", i, j)
            i = j + 1
        elif c == "$" and _DOLLAR.match(text, i):
            tag = _DOLLAR.match(text, i).group(0)
            end = text.find(tag, i + len(tag))
            end = n if end < 0 else end + len(tag)
            line += text.count("\n", i, end)
            i = end
        elif c == ";":
            flush(i)
            i += 1
            start, start_line = i, None
        else:
            i += 1
    flush(n)
    return statements


def _has_code(statement: str) -> bool:
    """False for a chunk made only of comments."""
    without = re.sub(r"--[^\n]*", "", statement)
    without = re.sub(r"/\*.*?\*/", "", without, flags=re.S)
    return bool(without.strip())
