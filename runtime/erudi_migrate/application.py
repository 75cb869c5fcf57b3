"""An application folder: __pkginfo__.py (numversion), schema.py and migration/."""
from __future__ import annotations

import ast
import os
from typing import List, Optional, Tuple

from .depends_map import DependsMap
from .errors import MigrationError
from .source_text import read_source
from .scripts import MigrationScript, list_scripts
from .versions import Version


class Application:
    def __init__(self, directory: str):
        self.directory = os.path.abspath(directory)
        self.pkginfo_path = os.path.join(self.directory, "__pkginfo__.py")
        self.schema_path = os.path.join(self.directory, "schema.py")
        self.migration_dir = os.path.join(self.directory, "migration")
        self._numversion: Optional[Version] = None

    @property
    def numversion(self) -> Version:
        if self._numversion is None:
            self._numversion = read_numversion(self.pkginfo_path)
        return self._numversion

    def scripts(self) -> Tuple[List[MigrationScript], List[str]]:
        return list_scripts(self.migration_dir)

    def depends_map(self) -> DependsMap:
        return DependsMap.read(self.migration_dir)

    def relative(self, path: str) -> str:
        return os.path.relpath(path, self.directory).replace(os.sep, "/")


def read_numversion(path: str) -> Version:
    """numversion from __pkginfo__.py, read without executing it."""
    if not os.path.isfile(path):
        raise MigrationError(f"no __pkginfo__.py in {os.path.dirname(path)}: is --app the application folder?")
    return numversion_of(read_source(path), path)


def numversion_of(source: str, path: str = "__pkginfo__.py") -> Version:
    """The version of the first top-level `numversion = (X, Y, Z)` of a __pkginfo__.py text.

    The one definition the editor shares (server/src/core/pkginfo.ts): a tuple or list display of exactly three
    integer literals (any form Python reads: 12, 0x1, 0o7, 0b1, 1_0; parentheses, several lines), each below 2^53.
    A name, a call, a negative number, a float, a set or a string is refused, even where Python would compute it.
    """
    if source.startswith("\ufeff"):
        source = source[1:]
    try:
        tree = ast.parse(source, path)
    except SyntaxError as error:
        raise MigrationError(f"syntax error: {error.msg}", file=path, line=error.lineno)
    except ValueError as error:  # source code string cannot contain null bytes
        raise MigrationError(f"cannot be read as Python: {error}", file=path, line=1)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "numversion" for t in node.targets):
            value = node.value
            parts = value.elts if isinstance(value, (ast.Tuple, ast.List)) else []
            numbers = [p.value for p in parts if isinstance(p, ast.Constant) and type(p.value) is int]
            if len(parts) == 3 and len(numbers) == 3:
                try:
                    return Version.of(tuple(numbers))
                except ValueError:
                    raise MigrationError("numversion's integers must be below 2^53, e.g. numversion = (0, 1, 0)",
                                         file=path, line=node.lineno)
            raise MigrationError("numversion must be a tuple of three integers, e.g. numversion = (0, 1, 0)",
                                 file=path, line=node.lineno)
    raise MigrationError("no 'numversion = (X, Y, Z)' found", file=path, line=1)
