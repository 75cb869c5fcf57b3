"""An application folder: __pkginfo__.py (numversion), schema.py and migration/."""
from __future__ import annotations

import ast
import os
from typing import List, Optional, Tuple

from .depends_map import DependsMap
from .errors import MigrationError
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
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    try:
        tree = ast.parse(source, path)
    except SyntaxError as error:
        raise MigrationError(f"syntax error: {error.msg}", file=path, line=error.lineno)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "numversion" for t in node.targets):
            try:
                return Version.of(tuple(ast.literal_eval(node.value)))
            except (ValueError, TypeError):
                raise MigrationError("numversion must be a tuple of three integers, e.g. numversion = (0, 1, 0)",
                                     file=path, line=node.lineno)
    raise MigrationError("no 'numversion = (X, Y, Z)' found", file=path, line=1)
