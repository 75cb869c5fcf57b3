"""Cube discovery: which cubes an application's `__pkginfo__.py` depends on, where each is found, and
the whole dependency graph in the order CubicWeb loads it (dependencies first).

The shared contract (HELPERS.md, DESIGN §3): a `__depends__` key `cubicweb-<name>` is a cube (`cubicweb` is
the framework, other keys are Python packages); old cubes list bare names in `__depends_cubes__`. A cube
is a folder holding its own `__pkginfo__.py`: `cubicweb_<name>/`, `cubicweb-<name>/cubicweb_<name>/` or
`cubes/<name>/`, looked for in the workspace folders, then the `--cubes-path` folders, then
`ERUDI_CUBES_PATH`. The runtime has no editor workspace: its workspace folders are the application's
folder and the folders above it, nearest first (a workspace folder holds the application somewhere below
it, so the editor's folder is one of them). `__pkginfo__.py` is read, never executed.
"""
from __future__ import annotations

import ast
import os
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .errors import MigrationError
from .source_text import read_source
from .versions import Version

ENVIRONMENT_VARIABLE = "ERUDI_CUBES_PATH"
CUBE_PREFIX = "cubicweb-"


class Dependency:
    """One cube named by a `__pkginfo__.py`: the cube's name, the version constraint, and where it is named."""

    def __init__(self, name: str, constraint: Optional[str], pkginfo: str, line: int) -> None:
        self.name = name
        self.constraint = constraint
        self.pkginfo = pkginfo
        self.line = line

    def __repr__(self) -> str:
        return f"<Dependency {self.name} {self.constraint or ''}>"


class Cube:
    """A cube found on disk: the package folder holding its `__pkginfo__.py`, `schema.py` or `schema/`, `migration/`."""

    def __init__(self, name: str, directory: str) -> None:
        self.name = name
        self.directory = os.path.abspath(directory)
        self.pkginfo_path = os.path.join(self.directory, "__pkginfo__.py")
        self.migration_dir = os.path.join(self.directory, "migration")
        self._dependencies: Optional[List[Dependency]] = None

    @property
    def package(self) -> str:
        """The importable name of its package (`cubicweb_file`, or `cubes.comment` in the old layout)."""
        base = os.path.basename(self.directory)
        if os.path.basename(os.path.dirname(self.directory)) == "cubes" and not base.startswith("cubicweb_"):
            return "cubes." + base
        return base

    @property
    def numversion(self) -> Version:
        from .application import read_numversion
        return read_numversion(self.pkginfo_path)

    @property
    def dependencies(self) -> List[Dependency]:
        if self._dependencies is None:
            self._dependencies = read_dependencies(self.pkginfo_path)
        return self._dependencies

    def __repr__(self) -> str:
        return f"<Cube {self.name} at {self.directory}>"


def cube_name(key: str) -> Optional[str]:
    """`cubicweb-file` -> `file`; `cubicweb-seo-tools` -> `seo_tools` (the package is `cubicweb_seo_tools`);
    None for `cubicweb` itself and for other Python packages."""
    if not key.startswith(CUBE_PREFIX) or len(key) == len(CUBE_PREFIX):
        return None
    return key[len(CUBE_PREFIX):].replace("-", "_")


def _literal_dict(node: ast.AST) -> List[Tuple[str, Optional[str], int]]:
    """(key, constraint, line) of a dict literal (or `dict(...)` call) whose keys are strings."""
    items: List[Tuple[str, Optional[str], int]] = []
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                constraint = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
                items.append((key.value, constraint, key.lineno))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        for keyword in node.keywords:
            if keyword.arg:
                value = keyword.value
                constraint = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
                items.append((keyword.arg, constraint, keyword.value.lineno))
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            if isinstance(element, ast.Constant) and isinstance(element.value, str):
                items.append((element.value, None, element.lineno))
    return items


def read_dependencies(pkginfo_path: str) -> List[Dependency]:
    """The cubes a `__pkginfo__.py` depends on, in the order it names them (each once)."""
    if not os.path.isfile(pkginfo_path):
        return []
    source = read_source(pkginfo_path)
    try:
        tree = ast.parse(source, pkginfo_path)
    except SyntaxError as error:
        raise MigrationError(f"syntax error: {error.msg}; fix __pkginfo__.py", file=pkginfo_path, line=error.lineno)
    found: Dict[str, Dependency] = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if not isinstance(target, ast.Name) or target.id not in ("__depends__", "__depends_cubes__"):
                continue
            for key, constraint, line in _literal_dict(node.value):
                name = cube_name(key) if target.id == "__depends__" else key.replace("-", "_")
                if name and name not in found:
                    found[name] = Dependency(name, constraint, pkginfo_path, line)
    return list(found.values())


def search_path(application_dir: str, cubes_path: Optional[str] = None,
                environ: Optional[Mapping[str, str]] = None,
                workspace_folders: Optional[Sequence[str]] = None) -> List[str]:
    """The folders cubes are looked for in, in the contract's order (duplicates dropped)."""
    environ = os.environ if environ is None else environ
    folders: List[str] = []
    if workspace_folders is None:
        folder = os.path.abspath(application_dir)
        while True:
            folders.append(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    else:
        folders.extend(os.path.abspath(f) for f in workspace_folders)
    for text in (cubes_path, environ.get(ENVIRONMENT_VARIABLE)):
        folders.extend(os.path.abspath(os.path.expanduser(part)) for part in (text or "").split(os.pathsep) if part)
    seen: List[str] = []
    for folder in folders:
        if folder not in seen:
            seen.append(folder)
    return seen


def _candidates(folder: str, name: str) -> Iterable[str]:
    package = "cubicweb_" + name
    yield os.path.join(folder, package)
    yield os.path.join(folder, "cubicweb-" + name.replace("_", "-"), package)
    if "_" in name:
        yield os.path.join(folder, "cubicweb-" + name, package)
    yield os.path.join(folder, "cubes", name)


def find_cube(name: str, folders: Sequence[str]) -> Optional[Cube]:
    """The first folder of `folders` holding the cube `name` (with its own `__pkginfo__.py`), or None."""
    for folder in folders:
        for candidate in _candidates(folder, name):
            if os.path.isfile(os.path.join(candidate, "__pkginfo__.py")):
                return Cube(name, candidate)
    return None


def _not_found(dependency: Dependency, folders: Sequence[str]) -> MigrationError:
    return MigrationError(
        f"cube {dependency.name!r} (cubicweb-{dependency.name.replace('_', '-')}) is named here but not found: "
        f"no cubicweb_{dependency.name}/, cubicweb-{dependency.name.replace('_', '-')}/cubicweb_{dependency.name}/ "
        f"or cubes/{dependency.name}/ with a __pkginfo__.py in {len(folders)} folders searched; "
        f"give its parent folder with --cubes-path DIR or {ENVIRONMENT_VARIABLE}",
        file=dependency.pkginfo, line=dependency.line)


def resolve(application_dir: str, folders: Sequence[str]) -> List[Cube]:
    """Every cube the application depends on, recursively, dependencies before the cubes that use them
    (CubicWeb's order); the first dependency that cannot be found, or a cycle, is a MigrationError naming
    the `__pkginfo__.py` and the line."""
    ordered: List[Cube] = []
    done: Dict[str, Cube] = {}
    visiting: List[str] = []

    def visit(dependency: Dependency) -> None:
        if dependency.name in done:
            return
        if dependency.name in visiting:
            cycle = " -> ".join(visiting[visiting.index(dependency.name):] + [dependency.name])
            raise MigrationError(f"the cubes depend on each other in a cycle ({cycle}): remove one of these "
                                 "dependencies", file=dependency.pkginfo, line=dependency.line)
        cube = find_cube(dependency.name, folders)
        if cube is None:
            raise _not_found(dependency, folders)
        visiting.append(dependency.name)
        for inner in cube.dependencies:
            visit(inner)
        visiting.pop()
        done[cube.name] = cube
        ordered.append(cube)

    for dependency in read_dependencies(os.path.join(os.path.abspath(application_dir), "__pkginfo__.py")):
        visit(dependency)
    return ordered


def application_cubes(application_dir: str, cubes_path: Optional[str] = None,
                      environ: Optional[Mapping[str, str]] = None) -> List[Cube]:
    """resolve() over the contract's search path: what `create`, `upgrade` and the schema loader use."""
    return resolve(application_dir, search_path(application_dir, cubes_path, environ))
