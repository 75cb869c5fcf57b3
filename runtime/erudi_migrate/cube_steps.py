"""The cubes' part of an instance's life, as CubicWeb has it: each cube's version stored per cube, its
pending scripts run in dependency order by `upgrade` (one step, one commit per cube version), its
postcreate.py run by `create`, and every cube's stored and installed versions for `status`."""
from __future__ import annotations

import os
from typing import Dict, List, NamedTuple, Optional

from . import cubes as discovery
from .errors import MigrationError
from .instance import read_cube_versions, write_cube_version
from .scripts import MigrationScript, list_scripts, select_scripts
from .versions import Version


class CubeStep(NamedTuple):
    cube: discovery.Cube
    version: Version
    scripts: List[MigrationScript]

    @property
    def label(self) -> str:
        return f"cube {self.cube.name} {self.version}"


def application_cubes(application, cubes_path: Optional[str]) -> List[discovery.Cube]:
    return discovery.application_cubes(application.directory, cubes_path)


def plan_cube_steps(application, db, cubes_path: Optional[str], instance_kind: str) -> List[CubeStep]:
    """The cubes' pending version steps, dependencies first, each cube's versions in order. A cube the
    instance does not have yet is not upgraded: a script adds it with add_cube(), as under CubicWeb."""
    stored = read_cube_versions(db)
    steps: List[CubeStep] = []
    for cube in application_cubes(application, cubes_path):
        if cube.name not in stored:
            continue
        installed = cube.numversion
        if stored[cube.name] > installed:
            raise MigrationError(f"the database has cube {cube.name} at {stored[cube.name]}, newer than the cube "
                                 f"found at {cube.directory} ({installed}): use the cube release it was migrated with",
                                 file=cube.pkginfo_path)
        scripts = select_scripts(list_scripts(cube.migration_dir)[0], stored[cube.name], installed, instance_kind)
        versions = sorted({s.version for s in scripts} | ({installed} if installed > stored[cube.name] else set()))
        for version in versions:
            steps.append(CubeStep(cube, version, [s for s in scripts if s.version == version]))
    return steps


def run_precreate(ctx, application, cubes_path: Optional[str]) -> None:
    """`create`, before the schema's tables exist: each cube's precreate.py, dependencies first, then the
    application's (CubicWeb runs them there, so they can only prepare the database, e.g. with sql())."""
    from .primitives.context import exec_event_script
    for cube in application_cubes(application, cubes_path):
        exec_event_script(ctx, "precreate", cube.name)
    exec_event_script(ctx, "precreate")


def record_created_cubes(ctx, application, cubes_path: Optional[str]) -> None:
    """`create`: every cube the application is built from is stored at its installed version, and its
    postcreate.py runs, dependencies first (the application's own runs last)."""
    from .primitives.context import exec_event_script
    from . import ledger
    keeps_cubes = ledger.installed_framework(ctx.db) >= ledger.CUBES_SINCE
    for cube in application_cubes(application, cubes_path):
        write_cube_version(ctx.db, cube.name, cube.numversion)
        if keeps_cubes:  # built from the cube's schema at its version: its scripts up to it are in it
            ledger.record_cube_scripts(ctx.db, cube, cube.numversion, "created")
    for cube in application_cubes(application, cubes_path):
        exec_event_script(ctx, "postcreate", cube.name)


def cube_status(application, db, cubes_path: Optional[str]) -> List[Dict[str, Optional[str]]]:
    """[{name, stored, installed}] of the application's cubes and of the cubes the instance stores."""
    stored = read_cube_versions(db) if db is not None else {}
    found = {c.name: c for c in application_cubes(application, cubes_path)}
    result = []
    for name in list(found) + [n for n in sorted(stored) if n not in found]:
        result.append({"name": name, "stored": str(stored[name]) if name in stored else None,
                       "installed": str(found[name].numversion) if name in found else None})
    return result


def display(cube: discovery.Cube, script: MigrationScript) -> str:
    return f"{cube.name}:" + os.path.relpath(script.path, cube.directory).replace(os.sep, "/")
