"""Raises `numversion` in a __pkginfo__.py text to another version, keeping the file's layout: only the three
integer literals of the first module-level `numversion = (X, Y, Z)` are replaced (the editor's
server/src/core/numversion-edit.ts does the same), whatever their spelling, spacing or line breaks."""
from __future__ import annotations

import ast
import re
from typing import List, Tuple

from ..application import numversion_of
from ..errors import MigrationError
from ..versions import Version


def _offsets(text: str) -> List[int]:
    """The offset of each line's start (ast's positions are lines and UTF-8 byte columns)."""
    return [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)] + [len(text)]


def _position(text: str, starts: List[int], line: int, byte_column: int) -> int:
    start = starts[line - 1]
    line_text = text[start:starts[line]]
    return start + len(line_text.encode("utf-8")[:byte_column].decode("utf-8", "replace"))


def with_numversion(text: str, version: Version, path: str = "__pkginfo__.py") -> str:
    numversion_of(text, path)  # a numversion the runtime cannot read is refused with its line, as everywhere
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    tree = ast.parse(body, path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "numversion" for t in node.targets):
            starts = _offsets(body)
            spans: List[Tuple[int, int]] = [
                (_position(body, starts, e.lineno, e.col_offset), _position(body, starts, e.end_lineno, e.end_col_offset))
                for e in node.value.elts]
            out = body
            for (start, end), number in reversed(list(zip(spans, (version.major, version.minor, version.patch)))):
                out = out[:start] + str(number) + out[end:]
            return ("\ufeff" if bom else "") + out
    raise MigrationError("no 'numversion = (X, Y, Z)' found", file=path, line=1)
