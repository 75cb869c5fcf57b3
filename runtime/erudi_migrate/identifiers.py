"""Validation of the names that reach SQL (entity types, attributes, relations): never an injection."""
from __future__ import annotations

import re

from .errors import MigrationError

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
# PostgreSQL truncates identifiers at 63 bytes; the longest name we derive is "<rtype>_relation".
MAX_LENGTH = 50


def check_name(name: object, what: str = "name") -> str:
    """Returns `name` when it is a plain identifier, else raises a MigrationError saying why."""
    if not isinstance(name, str):
        raise MigrationError(f"{what} must be a string, not {type(name).__name__} ({name!r})")
    if not _NAME.match(name):
        raise MigrationError(
            f"invalid {what} {name!r}: use letters, digits and '_' only, not starting with a digit")
    if len(name) > MAX_LENGTH:
        raise MigrationError(f"{what} {name!r} is longer than {MAX_LENGTH} characters")
    return name
