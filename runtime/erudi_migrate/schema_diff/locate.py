"""Where a schema change lives in the schema files (the application's and its cubes'): the line of the class
defining an entity type, of the attribute or relation assignment in its body, of a RelationDefinition or
RelationType class. Read with `ast`, never executed; what cannot be placed gets no line."""
from __future__ import annotations

import ast
import os
from typing import Dict, List, Optional, Sequence, Tuple

from ..schema.loader import schema_files

Place = Tuple[str, int]


def _string(node: ast.AST) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class Locator:
    def __init__(self, directories: Sequence[str]) -> None:
        self.classes: Dict[str, Place] = {}
        self.members: Dict[Tuple[str, str], Place] = {}
        self.relations: Dict[str, Place] = {}
        self.definitions: Dict[Tuple[str, str, str], Place] = {}
        self.bases: Dict[str, List[str]] = {}
        for directory in directories:
            for path in schema_files(directory):
                self._read(os.path.abspath(path))

    def _read(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read(), path)
        except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
            return  # the loader has reported it already, with its line
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            assigned: Dict[str, ast.AST] = {}
            self.bases.setdefault(node.name, [b.id for b in node.bases if isinstance(b, ast.Name)])
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    for target in statement.targets:
                        if isinstance(target, ast.Name):
                            assigned[target.id] = statement.value
                            self.members.setdefault((node.name, target.id), (path, statement.lineno))
            name = _string(assigned["name"]) if "name" in assigned else None
            subject = _string(assigned["subject"]) if "subject" in assigned else None
            obj = _string(assigned["object"]) if "object" in assigned else None
            if subject is not None or obj is not None or "rule" in assigned or node.name[:1].islower():
                rtype = name or node.name
                self.relations.setdefault(rtype, (path, node.lineno))
                if subject and obj:
                    self.definitions.setdefault((subject, rtype, obj), (path, node.lineno))
            else:
                self.classes.setdefault(name or node.name, (path, node.lineno))

    def entity(self, etype: str) -> Optional[Place]:
        return self.classes.get(etype)

    def member(self, etype: str, name: str) -> Optional[Place]:
        """The line assigning `name` in etype's class or in a base class it inherits it from."""
        seen, todo = set(), [etype]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            if (current, name) in self.members:
                return self.members[(current, name)]
            todo.extend(self.bases.get(current, []))
        return self.classes.get(etype)

    def relation(self, rtype: str) -> Optional[Place]:
        found = self.relations.get(rtype)
        if found:
            return found
        for (_, member), place in self.members.items():
            if member == rtype:
                return place
        return None

    def definition(self, subject: str, rtype: str, obj: str) -> Optional[Place]:
        return (self.definitions.get((subject, rtype, obj)) or self.members.get((subject, rtype))
                or self.members.get((obj, rtype)) or self.relations.get(rtype) or self.classes.get(subject))


def place_changes(changes, locator: Locator) -> None:
    """Sets each change's file and line where the application's files define what it is about."""
    for change in changes:
        kind, key = change.kind, change.key
        place: Optional[Place] = None
        if kind.startswith("entity-type"):
            place = locator.entity(key[1] if kind == "entity-type-renamed" else key[0])
        elif kind == "attribute-renamed":
            place = locator.member(key[0], key[2])
        elif kind.startswith("attribute"):
            place = locator.member(key[0], key[1])
        elif kind.startswith("relation-type"):
            place = None if kind.endswith("removed") else locator.relation(key[0])
        elif kind.startswith("relation-definition"):
            place = locator.definition(*key)
        elif kind == "permissions-changed":
            if key[0] == "entity":
                place = locator.entity(key[1])
            elif key[0] == "relation":
                place = locator.relation(key[1])
            else:
                place = locator.definition(key[1], key[2], key[3])
        if place is not None:
            change.file, change.line = place


def application_directories(application_dir: str, cubes: List) -> List[str]:
    """The application's folder first: its own definitions win when a cube defines the same name."""
    return [application_dir] + [cube.directory for cube in reversed(cubes)]
