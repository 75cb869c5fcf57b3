"""Pre-flight of an upgrade: everything that would make it fail or skip a file is found before anything is
locked, backed up or written (every file of migration/ accounted for, names, syntax, transaction control)."""
from __future__ import annotations

import ast
import os
import re
import stat
from typing import Iterable, List, NamedTuple, Optional

from .errors import MigrationError
from .scripts import MODES, is_exempt, parse_script_name, _SCRIPT
from .source_text import read_source
from . import transaction_control

# A name that starts like a version: meant as a script, so a name the runtime would not run is an error.
_VERSION_PREFIXED = re.compile(r"^[0-9]+(?:\.[0-9]+)*(?:[_.].*)?\Z")
_LOOSE = re.compile(r"^(?P<version>[0-9]+(?:\.[0-9]+)*)(?:_(?P<rest>.*?))?\.(?P<ext>py|sql)\Z", re.I)
_MODE_SPELLINGS = {m.lower(): m for m in MODES}
_MODE_SPELLINGS.update({"repo": "repository", "all": "Any", "both": "common"})


class Problem(NamedTuple):
    file: str            # path shown to the user (relative to the application when possible)
    line: Optional[int]
    message: str         # what is wrong and the fix
    path: Optional[str] = None  # the absolute path
    excerpt: Optional[str] = None  # the source line and a caret under the error, when there is one

    def text(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


def suggest_name(name: str) -> Optional[str]:
    """The valid script name closest to `name` (0.5_foo_any.py -> 0.5.0_foo_Any.py), or None."""
    match = _LOOSE.match(name)
    if not match:
        return None
    parts = [str(int(p)) for p in match["version"].split(".")][:3]
    parts += ["0"] * (3 - len(parts))
    ext = match["ext"].lower()
    words = [w for w in (match["rest"] or "").split("_") if w]
    mode = _MODE_SPELLINGS.get(words[-1].lower()) if words else None
    if mode is not None:
        words = words[:-1]
    if mode is None or ext == "sql":
        mode = "Any"
    description = "_".join(re.sub(r"[^A-Za-z0-9_-]", "-", w) for w in words)
    candidate = ".".join(parts) + (f"_{description}" if description else "") + f"_{mode}.{ext}"
    return candidate if _SCRIPT.match(candidate) and candidate != name else None


def folder_problems(migration_dir: str, shown) -> List[Problem]:
    """Entries of migration/ that the runtime could not run although they look like scripts."""
    problems: List[Problem] = []
    if not os.path.isdir(migration_dir):
        return problems
    for name in sorted(os.listdir(migration_dir)):
        if is_exempt(name):
            continue
        path = os.path.join(migration_dir, name)
        looks_like_script = name.endswith((".py", ".sql")) or bool(_VERSION_PREFIXED.match(name))
        if not looks_like_script:
            continue
        display = shown(path)
        if os.path.islink(path) and not os.path.exists(path):
            problems.append(Problem(display, None, f"a symbolic link to {os.readlink(path)}, which does not exist: "
                                                   "restore its target or remove the link", path))
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            problems.append(Problem(display, None, f"cannot be read ({error.strerror}): fix its permissions", path))
            continue
        if stat.S_ISDIR(mode):
            if parse_script_name(path) is not None or _VERSION_PREFIXED.match(name):
                problems.append(Problem(display, None, "a directory named like a migration script: scripts are "
                                                       "files; rename or move it out of migration/", path))
            continue
        if not stat.S_ISREG(mode):
            problems.append(Problem(display, None, "not a regular file: replace it with the script file", path))
            continue
        if not os.access(path, os.R_OK):
            problems.append(Problem(display, None, "cannot be read (permission denied): fix its permissions "
                                                   f"(chmod u+r {name})", path))
            continue
        if parse_script_name(path) is None and _VERSION_PREFIXED.match(name):
            suggestion = suggest_name(name)
            fix = f"rename it to {suggestion}" if suggestion else \
                "rename it to <X.Y.Z>[_<description>]_<mode>.py (modes: Any, repository, web, common)"
            problems.append(Problem(display, None, f"not a valid migration script name, so it would never run: {fix}", path))
    return problems


def script_problems(scripts: Iterable, shown) -> List[Problem]:
    """Syntax errors and transaction control in the scripts that are about to run."""
    problems: List[Problem] = []
    for script in scripts:
        display, path = shown(script.path), script.path
        try:
            source = read_source(script.path)
        except MigrationError as error:  # not UTF-8 (with the offset), a NUL byte, over the size limit, unreadable
            problems.append(Problem(display, error.line, error.message, path))
            continue
        if script.ext == "sql":
            controls = transaction_control.in_sql(source)
        else:
            try:
                tree = compile(source, script.path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
            except SyntaxError as error:
                lines = source.splitlines()
                text = lines[error.lineno - 1] if error.lineno and 0 < error.lineno <= len(lines) else None
                end = getattr(error, "end_offset", None) if getattr(error, "end_lineno", None) == error.lineno else None
                excerpt = MigrationError("", source=text, column=error.offset or None, end_column=end or None).excerpt()
                problems.append(Problem(display, error.lineno, f"syntax error: {error.msg}: fix the script", path, excerpt or None))
                continue
            except ValueError as error:  # NUL bytes
                problems.append(Problem(display, None, f"cannot be compiled: {error}", path))
                continue
            controls = transaction_control.in_python(tree)
        for control in controls:
            problems.append(Problem(display, control.line, control.message().split(": ", 1)[1], path))
    return problems


def cube_problems(application_dir: str, cubes_path: Optional[str], shown) -> List[Problem]:
    """Every cube of `__depends__` found (recursively), and each cube's migration/ folder accounted for."""
    from .cubes import application_cubes
    try:
        found = application_cubes(application_dir, cubes_path)
    except MigrationError as error:
        return [Problem(shown(error.file) if error.file else "__pkginfo__.py", error.line, error.message, error.file)]
    problems: List[Problem] = []
    for cube in found:
        problems += folder_problems(cube.migration_dir, lambda path, cube=cube: _in_cube(cube, path))
    return problems


def _in_cube(cube, path: str) -> str:
    return f"cube {cube.name}: " + os.path.relpath(path, cube.directory).replace(os.sep, "/")


def refuse(problems: List[Problem], what: str = "upgrade") -> None:
    """Raises one error naming every problem (the first one's file and line on the error itself)."""
    if not problems:
        return
    first = problems[0]
    lines = "\n".join("  " + p.text() + (("\n" + "\n".join("  " + line for line in p.excerpt.splitlines())) if p.excerpt else "")
                      for p in problems)
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    raise MigrationError(f"pre-flight found {count}; the {what} did not start (nothing was locked, backed up or "
                         f"written):\n{lines}", file=first.path, line=first.line) from None
