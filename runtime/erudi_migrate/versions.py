"""Versions X.Y.Z: three non-negative integers without leading zeros (DESIGN 1.1)."""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\Z")
# The editor compares versions as JavaScript numbers: beyond 2^53 - 1 both sides refuse, rather than compare wrongly.
MAX_PART = 2 ** 53 - 1


class Version(NamedTuple):
    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    @classmethod
    def parse(cls, text: str) -> Optional["Version"]:
        """Returns the version, or None when `text` is not X.Y.Z (so callers word their own error)."""
        match = _VERSION.match(text.strip(" \t")) if isinstance(text, str) else None
        if not match or any(len(part) > 16 or int(part) > MAX_PART for part in match.groups()):
            return None
        return cls(*(int(part) for part in match.groups()))

    @classmethod
    def of(cls, value) -> "Version":
        """A version from "X.Y.Z" or a 3-tuple of ints; raises ValueError otherwise."""
        if isinstance(value, Version):
            return value
        if isinstance(value, (tuple, list)) and len(value) == 3 and all(
                isinstance(part, int) and not isinstance(part, bool) and 0 <= part <= MAX_PART for part in value):
            return cls(*value)
        parsed = cls.parse(value) if isinstance(value, str) else None
        if parsed is None:
            raise ValueError(f"{value!r} is not a version X.Y.Z")
        return parsed
