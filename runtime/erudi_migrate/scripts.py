"""Migration script files: their names (DESIGN 1.1), which ones an upgrade runs and in what order (1.2)."""
from __future__ import annotations

import os
import re
from typing import List, NamedTuple, Optional, Tuple

from .versions import Version

MODES = ("Any", "repository", "web", "common")
REPOSITORY_SIDE = ("Any", "repository")
# Which modes each instance kind runs (DESIGN 1.2).
INSTANCE_KINDS = {
    "all-in-one": ("Any", "common", "repository", "web"),
    "repository": ("Any", "common", "repository"),
    "web": ("common", "web"),
}
EXEMPT = ("depends.map", "__init__.py", "postcreate.py")
LEFTOVER_SUFFIXES = (".pyc", "~", ".swp", ".orig")

# version, then optional description, then the mode after the LAST "_" (CubicWeb split on the first one).
_SCRIPT = re.compile(r"^(?P<version>[0-9]+\.[0-9]+\.[0-9]+)(?:_(?P<description>[A-Za-z0-9_-]+))?_(?P<mode>[A-Za-z]+)\.(?P<ext>py|sql)\Z")


class MigrationScript(NamedTuple):
    path: str              # absolute path
    name: str              # file name
    version: Version
    description: Optional[str]
    mode: str
    ext: str               # "py" or "sql"

    @property
    def order_key(self) -> Tuple[Version, bytes]:
        return (self.version, self.name.encode("utf-8"))


def parse_script_name(path: str) -> Optional[MigrationScript]:
    """The script a file name denotes, or None when the runtime would never run it."""
    name = os.path.basename(path)
    match = _SCRIPT.match(name)
    if not match:
        return None
    version = Version.parse(match["version"])
    mode, ext = match["mode"], match["ext"]
    if version is None or mode not in MODES or (ext == "sql" and mode != "Any"):
        return None
    return MigrationScript(os.path.abspath(path), name, version, match["description"], mode, ext)


def is_exempt(name: str) -> bool:
    return name in EXEMPT or name.startswith("_") or name.endswith(LEFTOVER_SUFFIXES)


def list_scripts(migration_dir: str) -> Tuple[List[MigrationScript], List[str]]:
    """All scripts of a folder in run order, and the .py/.sql files that are not scripts (never run)."""
    scripts: List[MigrationScript] = []
    ignored: List[str] = []
    if not os.path.isdir(migration_dir):
        return scripts, ignored
    for name in os.listdir(migration_dir):
        path = os.path.join(migration_dir, name)
        if not os.path.isfile(path) or is_exempt(name):
            continue
        script = parse_script_name(path)
        if script is not None:
            scripts.append(script)
        elif name.endswith((".py", ".sql")):
            ignored.append(name)
    scripts.sort(key=lambda s: s.order_key)
    return scripts, sorted(ignored)


def select_scripts(scripts: List[MigrationScript], after: Optional[Version], upto: Version,
                   instance_kind: str = "all-in-one") -> List[MigrationScript]:
    """Scripts with after < version <= upto whose mode the instance kind runs, in run order (DESIGN 1.2)."""
    modes = INSTANCE_KINDS[instance_kind]
    chosen = [s for s in scripts
              if (after is None or s.version > after) and s.version <= upto and s.mode in modes]
    return sorted(chosen, key=lambda s: s.order_key)
