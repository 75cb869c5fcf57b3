"""Versions X.Y.Z: three non-negative integers without leading zeros (DESIGN 1.1)."""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\Z")


class Version(NamedTuple):
    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    @classmethod
    def parse(cls, text: str) -> Optional["Version"]:
        """Returns the version, or None when `text` is not X.Y.Z (so callers word their own error)."""
        match = _VERSION.match(text.strip()) if isinstance(text, str) else None
        return cls(*(int(part) for part in match.groups())) if match else None

    @classmethod
    def of(cls, value) -> "Version":
        """A version from "X.Y.Z" or a 3-tuple of ints; raises ValueError otherwise."""
        if isinstance(value, Version):
            return value
        if isinstance(value, (tuple, list)) and len(value) == 3 and all(
                isinstance(part, int) and not isinstance(part, bool) and part >= 0 for part in value):
            return cls(*value)
        parsed = cls.parse(value) if isinstance(value, str) else None
        if parsed is None:
            raise ValueError(f"{value!r} is not a version X.Y.Z")
        return parsed
