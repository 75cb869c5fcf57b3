"""Makes a migration script's imports work as under CubicWeb: a sibling module (`from .utils import x`),
the application's own package (`from cubicweb_foo.migration.utils import x`), and the CubicWeb and yams
names of the compatibility modules (`from yams.constraints import UniqueConstraint`)."""
from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import types
from typing import Iterator


@contextlib.contextmanager
def script_package(path: str) -> Iterator[str]:
    """Yields the `__package__` a script at `path` runs in, importable while the context lasts.

    A script of a cube laid out as a package (`cubicweb_foo/migration/x.py` beside
    `cubicweb_foo/__init__.py`) runs in `cubicweb_foo.migration`, with the folder holding
    `cubicweb_foo` on sys.path. Any other folder gets a package of its own, named after its path.
    Modules imported meanwhile are forgotten afterwards, so that two applications of the same name
    (two tests, two cubes paths) never see each other's modules."""
    from .schema.loader import COMPAT
    folder = os.path.dirname(os.path.abspath(path))
    application = os.path.dirname(folder)
    before = set(sys.modules)
    added_path = None
    # Scripts import CubicWeb's and yams' names too (`from yams.constraints import UniqueConstraint`).
    sys.path.append(COMPAT)
    if os.path.isfile(os.path.join(application, "__init__.py")) and os.path.basename(application).isidentifier():
        package = os.path.basename(application) + "." + os.path.basename(folder)
        added_path = os.path.dirname(application)
        sys.path.insert(0, added_path)
    else:
        package = "erudi_script_" + hashlib.sha1(folder.encode()).hexdigest()[:12]
        module = types.ModuleType(package)
        module.__path__ = [folder]  # type: ignore[attr-defined]
        sys.modules[package] = module
    try:
        yield package
    finally:
        for entry in (added_path, COMPAT):
            if entry is not None:
                with contextlib.suppress(ValueError):
                    sys.path.remove(entry)
        roots = (package.split(".")[0], "yams", "cubicweb", "cubes")
        for name in set(sys.modules) - before:
            if name.split(".")[0] in roots:
                del sys.modules[name]
