"""Loads a schema as CubicWeb does: the core schema (schema/core/), then the schemas of the cubes the
application depends on (recursively, dependencies first), then the application's own `schema.py` or
`schema/` package (every module of it), all through the compatibility modules (compat/: `cubicweb`,
`yams`...) that are importable only while loading. Any problem is a MigrationError naming the file and
line, raised before anything is written."""
from __future__ import annotations

import ast
import contextlib
import importlib
import os
import sys
import traceback
from typing import Dict, List, Optional, Sequence, Tuple

from .. import cubes as cube_discovery
from ..errors import MigrationError
from ..source_text import read_source
from . import buildobjs
from .build import Origin, build
from .core import MODULES as CORE_MODULES
from .errors import BadSchemaDefinition
from .model import Schema

COMPAT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "compat")
CORE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "core")
_OWNED_PREFIXES = ("yams", "cubicweb", "cubes")


def schema_files(directory: str) -> List[str]:
    """The schema files of an application or cube folder, in loading order: `schema.py`, or the `schema/`
    package's `__init__.py` then its other modules (yams skips those whose name starts with `_`)."""
    single = os.path.join(directory, "schema.py")
    package = os.path.join(directory, "schema")
    files = [single] if os.path.isfile(single) else []
    if os.path.isdir(package) and os.path.isfile(os.path.join(package, "__init__.py")):
        files.append(os.path.join(package, "__init__.py"))
        files.extend(os.path.join(package, name) for name in sorted(os.listdir(package))
                     if name.endswith(".py") and not name.startswith("_"))
    return files


class _Folder:
    """A folder whose schema is loaded: how its modules are named and which path entry makes them importable."""

    def __init__(self, directory: str, package: Optional[str], root: Optional[str]) -> None:
        self.directory = directory
        self.package = package  # `cubicweb_file`, `cubes.comment`, or None for a folder that is no package
        self.root = root        # the sys.path entry that makes `package` importable

    def module_name(self, path: str) -> str:
        relative = os.path.relpath(path, self.directory)[:-3].replace(os.sep, ".")
        if relative.endswith(".__init__"):
            relative = relative[: -len(".__init__")]
        return f"{self.package}.{relative}" if self.package else relative


def _folder_of(directory: str) -> _Folder:
    directory = os.path.abspath(directory)
    name = os.path.basename(directory)
    parent = os.path.dirname(directory)
    if os.path.isfile(os.path.join(directory, "__init__.py")) and name.isidentifier():
        if os.path.basename(parent) == "cubes" and not name.startswith("cubicweb_"):
            return _Folder(directory, f"cubes.{name}", os.path.dirname(parent))
        return _Folder(directory, name, parent)
    return _Folder(directory, None, directory)


def _class_lines(path: str) -> Dict[str, int]:
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
    except (OSError, SyntaxError, ValueError):
        return {}
    return {node.name: node.lineno for node in tree.body if isinstance(node, ast.ClassDef)}


def _where(error: BaseException, files: Sequence[str]) -> Tuple[Optional[str], Optional[int]]:
    """The innermost frame of the traceback that is in one of the schema files."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if os.path.abspath(frame.filename) in files:
            return os.path.abspath(frame.filename), frame.lineno
    return None, None


def _import_problem(error: ImportError, path: str) -> str:
    module = getattr(error, "name", None) or ""
    if module.split(".")[0] in ("yams", "cubicweb") and "cannot import name" in str(error):
        return (f"{error}: the runtime's compatibility modules (runtime/erudi_migrate/compat/) do not offer it; "
                "import it from where CubicWeb 3.28 defines it, or define it in the schema file")
    if module and module.split(".")[0] in ("yams", "cubicweb"):
        return (f"no module named {module}: the runtime offers cubicweb, cubicweb.schema, cubicweb.schemas.*, "
                "yams, yams.buildobjs, yams.constraints and yams.reader to schema files")
    return f"{error}: a schema file may import the compatibility modules, its own package and the standard library"


class _Loading:
    """sys.path and sys.modules as a load needs them, put back as they were afterwards."""

    def __enter__(self) -> "_Loading":
        self.path = list(sys.path)
        self.modules = dict(sys.modules)
        for name in list(sys.modules):
            if name.split(".")[0] in _OWNED_PREFIXES:
                del sys.modules[name]  # a real yams or cubicweb must not answer for ours
        sys.path.insert(0, COMPAT)
        self.base_types = list(buildobjs.BASE_TYPES)
        self.parameters = dict(buildobjs.BASE_TYPE_PARAMETERS)
        self.package = buildobjs.PACKAGE
        self.bytecode = sys.dont_write_bytecode
        return self

    def user_files(self) -> None:
        """From here on the files are the user's (cubes, application): no __pycache__ left in them."""
        sys.dont_write_bytecode = True

    def add_root(self, root: str) -> None:
        if root not in sys.path:
            sys.path.insert(1, root)

    def __exit__(self, *exc) -> None:
        sys.path[:] = self.path
        for name in list(sys.modules):
            if name not in self.modules:
                del sys.modules[name]
        sys.modules.update(self.modules)
        buildobjs.BASE_TYPES[:] = self.base_types
        buildobjs.BASE_TYPE_PARAMETERS.clear()
        buildobjs.BASE_TYPE_PARAMETERS.update(self.parameters)
        buildobjs.PACKAGE = self.package
        sys.dont_write_bytecode = self.bytecode
        importlib.invalidate_caches()


def _load_module(name: str, path: str, all_files: Sequence[str]):
    read_source(path)  # not UTF-8 (with the byte offset), a NUL byte, over the size limit: named before Python reads it
    sys.modules.pop(name, None)  # put back when the load ends
    try:
        with contextlib.redirect_stdout(sys.stderr):  # a print() in schema.py must not break --json output
            return importlib.import_module(name)
    except SyntaxError as error:
        raise MigrationError(f"syntax error: {error.msg}; the schema cannot be read until it is fixed",
                             file=os.path.abspath(error.filename or path), line=error.lineno)
    except SystemExit as error:
        file, line = _where(error, all_files)
        raise MigrationError(f"the schema file called sys.exit({error.code!r}) while it was read: a schema "
                             "file only defines types; remove the call", file=file or path, line=line)
    except ImportError as error:
        file, line = _where(error, all_files)
        raise MigrationError(_import_problem(error, path), file=file or path, line=line)
    except MigrationError:
        raise
    except BadSchemaDefinition as error:
        file, line = _where(error, all_files)
        raise MigrationError(f"{error}", file=file or path, line=line)
    except Exception as error:  # the user's file: say where it failed
        file, line = _where(error, all_files)
        hint = ""
        if isinstance(error, NameError):
            hint = "; a base class or name the schema uses must be imported or defined first"
        raise MigrationError(f"the schema raised {type(error).__name__}: {error}{hint}", file=file or path, line=line)


def _definitions(module, path: str) -> List[Tuple[type, Origin]]:
    lines = _class_lines(path)
    found = [value for key, value in vars(module).items()
             if isinstance(value, type) and issubclass(value, buildobjs.Definition)
             and value.__module__ == module.__name__ and not key.startswith("_")]
    found.sort(key=lambda cls: cls._order)
    return [(cls, Origin(path, lines.get(cls.__name__))) for cls in found]


def load_folders(folders: Sequence[Tuple[str, str]], core: bool = True) -> Schema:
    """The merged schema of `folders` ((label, directory) in loading order), after the core schema."""
    with _Loading() as loading:
        classes: List[Tuple[type, Origin]] = []
        if core:
            for name in CORE_MODULES:
                path = os.path.join(CORE_DIR, f"{name}.py")
                buildobjs.PACKAGE = "cubicweb"
                classes.extend(_definitions(_load_module(f"cubicweb.schemas.{name}", path, [path]), path))
        loading.user_files()
        plan = []
        for label, directory in folders:
            folder = _folder_of(directory)
            loading.add_root(folder.root)
            plan.append((label, folder, schema_files(directory)))
        all_files = [os.path.abspath(f) for _, _, files in plan for f in files]
        for label, folder, files in plan:
            buildobjs.PACKAGE = label
            for path in files:
                module = _load_module(folder.module_name(path), path, all_files)
                classes.extend(_definitions(module, path))
        try:
            return build(classes, cubicweb=core)
        except BadSchemaDefinition as error:
            origin = getattr(error, "origin", None)
            raise MigrationError(str(error), file=origin.path if origin else None, line=origin.line if origin else None)


def load_schema(application: str, cubes_path: Optional[str] = None, core: bool = True,
                environ=None) -> Schema:
    """The schema of an application folder (or of its schema.py file): core + cubes + application.
    `core=False` reads the application and its cubes alone (instances older than erudi 2.29.0)."""
    directory = os.path.dirname(application) if application.endswith(".py") else application
    directory = os.path.abspath(directory)
    cubes = cube_discovery.application_cubes(directory, cubes_path, environ)
    folders = [(cube.name, cube.directory) for cube in cubes]
    folders.append(("application", directory))
    return load_folders(folders, core=core)


_CORE: List[Schema] = []


def load_core_schema() -> Schema:
    """CubicWeb's core schema alone (a copy: it is read once per process)."""
    if not _CORE:
        _CORE.append(load_folders([], core=True))
    return _CORE[0].copy()
