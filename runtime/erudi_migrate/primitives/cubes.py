"""CubicWeb 3.28's cube commands: add_cube/add_cubes (a cube's schema, its precreate/postcreate scripts and
its stored version) and drop_cube (refused while another cube depends on it, as CubicWeb refuses)."""
from __future__ import annotations

import copy
import os
from typing import Dict, List

from .. import cubes as discovery
from ..errors import MigrationError
from ..instance import delete_cube_version, read_cube_versions, write_cube_version
from ..schema.loader import load_schema
from ..schema.model import RelationDefinition, Schema
from . import primitive


def search_folders(ctx) -> List[str]:
    return discovery.search_path(ctx.application.directory, getattr(ctx.options, "cubes_path", None))


def find(ctx, name: str) -> discovery.Cube:
    if not isinstance(name, str) or not name:
        raise MigrationError(f"a cube is named by a string such as 'file', not {name!r}")
    bare = discovery.cube_name(name) or name  # 'cubicweb-file' and 'file' both name the cube file
    cube = discovery.find_cube(bare, search_folders(ctx))
    if cube is None:
        raise MigrationError(f"cube {bare!r} is not found: no cubicweb_{bare}/, cubicweb-{bare.replace('_', '-')}/"
                             f"cubicweb_{bare}/ or cubes/{bare}/ with a __pkginfo__.py beside the application or in "
                             f"--cubes-path / {discovery.ENVIRONMENT_VARIABLE}")
    return cube


def cube_directory(ctx, name: str) -> str:
    return find(ctx, name).directory


def cube_schema(ctx, cube: discovery.Cube) -> Schema:
    """The cube's schema merged with those of the cubes it depends on (its own types refer to theirs)."""
    return load_schema(cube.directory, getattr(ctx.options, "cubes_path", None), core=False)


def _with_dependencies(ctx, names) -> List[discovery.Cube]:
    """The cubes named and those they depend on, dependencies first (CubicWeb's expand_cubes order)."""
    ordered: List[discovery.Cube] = []

    def visit(cube: discovery.Cube, path: List[str]) -> None:
        if cube.name in path:
            raise MigrationError(f"the cubes depend on each other in a cycle ({' -> '.join(path + [cube.name])})")
        if any(c.name == cube.name for c in ordered):
            return
        for dependency in cube.dependencies:
            visit(find(ctx, dependency.name), path + [cube.name])
        ordered.append(cube)

    for name in names:
        visit(find(ctx, name), [])
    return ordered


def _merge(target: Schema, source: Schema) -> None:
    """Adds to target what source defines and target does not (a cube's schema joins the files' schema)."""
    for name, entity in source.entities.items():
        target.entities.setdefault(name, copy.deepcopy(entity))
    for name, relation in source.relations.items():
        target.relations.setdefault(name, copy.deepcopy(relation))
    for key, definition in source.definitions.items():
        target.definitions.setdefault(key, copy.deepcopy(definition))


def _install_schema(ctx, schema: Schema) -> None:
    """Adds to the database the types and definitions of a cube's schema it lacks (as add_cubes does)."""
    from .schema import _add_attribute_definition, _add_relation_definition, add_entity_type, add_relation_type
    new = set()
    for etype in schema.entities:
        if etype not in ctx.repo_schema.entities:
            add_entity_type(ctx, etype)
            new.add(etype)
    for rtype in schema.relations:
        if rtype not in ctx.repo_schema.relations:
            add_relation_type(ctx, rtype)
            new.add(rtype)
    for key, definition in schema.definitions.items():
        if key in ctx.repo_schema.definitions or not ({key[0], key[1], key[2]} & new):
            continue
        ends = [definition.subject] + ([] if definition.final else [definition.object])
        if all(end in ctx.repo_schema.entities for end in ends):
            fresh = RelationDefinition(*key, copy.deepcopy(ctx.newschema.definitions[key].props))
            (_add_attribute_definition if definition.final else _add_relation_definition)(ctx, fresh)


@primitive("add_cubes")
def add_cubes(ctx, cubes, update_database=True):
    from .context import exec_event_script
    from .lowlevel import install_custom_sql_scripts
    names = [cubes] if isinstance(cubes, str) else list(cubes)
    installed = read_cube_versions(ctx.db)
    added = [cube for cube in _with_dependencies(ctx, names) if cube.name not in installed]
    if not added:
        ctx.events.emit({"event": "warning", "primitive": "add_cubes",
                         "text": f"add_cubes: {', '.join(names)} already in the instance, skipped"})
        return
    schemas: Dict[str, Schema] = {cube.name: cube_schema(ctx, cube) for cube in added}
    for cube in added:
        # The files' schema now includes the cube's, as CubicWeb reloads fsschema with the new cubes.
        _merge(ctx.newschema, schemas[cube.name])
    from .. import ledger
    keeps_cubes = ledger.installed_framework(ctx.db) >= ledger.CUBES_SINCE
    for cube in added:
        write_cube_version(ctx.db, cube.name, cube.numversion)
        if keeps_cubes:  # the cube arrives at its version: its scripts up to it are in the instance
            ledger.record_cube_scripts(ctx.db, cube, cube.numversion, "created")
    if not update_database:
        return  # the cube's schema is already in the database (a cube extracted from the application)
    # Dependencies first, as CubicWeb runs them (its list is the other way round and walked reversed).
    for cube in added:
        install_custom_sql_scripts(ctx, cube.name)
        exec_event_script(ctx, "precreate", cube.name)
    for cube in added:
        _install_schema(ctx, schemas[cube.name])
    for cube in added:
        exec_event_script(ctx, "postcreate", cube.name)
    ctx.events.output(f"added cube{'s' if len(added) > 1 else ''} {', '.join(c.name for c in added)}")


@primitive("add_cube")
def add_cube(ctx, cube, update_database=True):
    add_cubes(ctx, (cube,), update_database)


def _dependents(ctx, name: str, remaining: List[str]) -> List[str]:
    """The installed cubes (and the application) that still name `name` as a dependency."""
    users = []
    for other in remaining:
        if any(d.name == name for d in find(ctx, other).dependencies):
            users.append(other)
    pkginfo = ctx.application.pkginfo_path
    if os.path.isfile(pkginfo) and any(d.name == name for d in discovery.read_dependencies(pkginfo)):
        users.append(f"the application ({os.path.basename(ctx.application.directory)}/__pkginfo__.py)")
    return users


@primitive("drop_cube")
def drop_cube(ctx, cube, removedeps=False):
    from .context import exec_event_script
    from .schema import drop_entity_type, drop_relation_definition, drop_relation_type
    name = (discovery.cube_name(cube) or cube) if isinstance(cube, str) else cube
    installed = read_cube_versions(ctx.db)
    if name not in installed:
        ctx.events.emit({"event": "warning", "primitive": "drop_cube",
                         "text": f"drop_cube: cube {name!r} is not in the instance, skipped"})
        return
    toremove = [c.name for c in _with_dependencies(ctx, [name])] if removedeps else [name]
    toremove = [c for c in toremove if c in installed]
    remaining = [c for c in installed if c not in toremove]
    users = _dependents(ctx, name, remaining)
    if users:
        raise MigrationError(f"drop_cube({name!r}): {', '.join(users)} depend{'s' if len(users) == 1 else ''} on it; "
                             f"drop {'them' if len(users) > 1 else 'it'} first, or remove the dependency")
    if removedeps:  # keep the dependencies another remaining cube still needs
        toremove = [c for c in toremove if c == name or not _dependents(ctx, c, remaining)]
        remaining = [c for c in installed if c not in toremove]
    kept = Schema()  # what the application and the remaining cubes still define
    _merge(kept, load_schema(ctx.application.directory, getattr(ctx.options, "cubes_path", None), core=False))
    for other in remaining:
        _merge(kept, cube_schema(ctx, find(ctx, other)))
    for removed in reversed(toremove):
        exec_event_script(ctx, "preremove", removed)
    dropped = Schema()
    for removed in toremove:
        _merge(dropped, cube_schema(ctx, find(ctx, removed)))
    for key in dropped.definitions:
        if key not in kept.definitions and key in ctx.repo_schema.definitions and \
                key[0] in kept.entities and (key[2] in kept.entities or dropped.definitions[key].final):
            drop_relation_definition(ctx, *key)
    for rtype in dropped.relations:
        if rtype not in kept.relations and rtype in ctx.repo_schema.relations:
            drop_relation_type(ctx, rtype)
    for etype in reversed(list(dropped.entities)):
        if etype not in kept.entities and etype in ctx.repo_schema.entities:
            drop_entity_type(ctx, etype)
    for removed in reversed(toremove):
        exec_event_script(ctx, "postremove", removed)
        delete_cube_version(ctx.db, removed)
    ctx.events.output(f"dropped cube{'s' if len(toremove) > 1 else ''} {', '.join(toremove)}")
