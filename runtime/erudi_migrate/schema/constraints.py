"""The constraints a schema declares (yams' `yams.constraints` names), as plain values the runtime can
persist and compare: each has `type()` (its class name) and `serialize()` (a JSON-able value)."""
from __future__ import annotations

from typing import Any, Dict, Optional


class BaseConstraint:
    """A constraint on a relation definition; `msg` is the message CubicWeb shows when it fails."""

    def __init__(self, msg: Optional[str] = None) -> None:
        self.msg = msg

    def type(self) -> str:
        return type(self).__name__

    def value(self) -> Any:
        return None

    def serialize(self) -> Dict[str, Any]:
        value = {"type": self.type(), "value": self.value()}
        if self.msg:
            value["msg"] = self.msg
        return value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BaseConstraint) and self.serialize() == other.serialize()

    def __hash__(self) -> int:
        return hash(repr(self.serialize()))

    def __repr__(self) -> str:
        return f"{self.type()}({self.value()!r})"


class UniqueConstraint(BaseConstraint):
    """The value is unique among the entities of the type (a unique index)."""


class SizeConstraint(BaseConstraint):
    def __init__(self, max: Optional[int] = None, min: Optional[int] = None, msg: Optional[str] = None) -> None:
        super().__init__(msg)
        self.max = max
        self.min = min

    def value(self) -> Any:
        return {"max": self.max, "min": self.min}


class RegexpConstraint(BaseConstraint):
    def __init__(self, regexp: str, flags: int = 0, msg: Optional[str] = None) -> None:
        super().__init__(msg)
        self.regexp = regexp
        self.flags = flags

    def value(self) -> Any:
        return {"regexp": self.regexp, "flags": self.flags}


class Attribute:
    """A boundary that is another attribute of the same entity (`BoundaryConstraint('>=', Attribute('start'))`)."""

    def __init__(self, attr: str) -> None:
        self.attr = attr

    def serialize(self) -> Dict[str, Any]:
        return {"attribute": self.attr}

    def __repr__(self) -> str:
        return f"Attribute({self.attr!r})"


class NOW:
    """The current datetime (plus `offset`, a timedelta), as a boundary or a default."""

    def __init__(self, offset: Any = None) -> None:
        self.offset = offset

    def serialize(self) -> Dict[str, Any]:
        return {"now": True, "offset": _plain(self.offset)}

    def __repr__(self) -> str:
        return "NOW()" if self.offset is None else f"NOW({self.offset!r})"


class TODAY:
    """The current date (plus `offset`), as a boundary or a default."""

    def __init__(self, offset: Any = None, type: str = "Date") -> None:
        self.offset = offset
        self.type = type

    def serialize(self) -> Dict[str, Any]:
        return {"today": True, "offset": _plain(self.offset), "type": self.type}

    def __repr__(self) -> str:
        return "TODAY()" if self.offset is None else f"TODAY({self.offset!r})"


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "serialize"):
        return value.serialize()
    if hasattr(value, "total_seconds"):
        return {"seconds": value.total_seconds()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return repr(value)


class BoundaryConstraint(BaseConstraint):
    def __init__(self, op: str, boundary: Any = None, msg: Optional[str] = None) -> None:
        super().__init__(msg)
        if op not in ("<", "<=", ">", ">=", "="):
            from .errors import BadSchemaDefinition
            raise BadSchemaDefinition(f"BoundaryConstraint: unknown operator {op!r} (use <, <=, >, >= or =)")
        self.operator = op
        self.boundary = boundary

    def value(self) -> Any:
        return {"op": self.operator, "boundary": _plain(self.boundary)}


class IntervalBoundConstraint(BaseConstraint):
    def __init__(self, minvalue: Any = None, maxvalue: Any = None, msg: Optional[str] = None) -> None:
        super().__init__(msg)
        self.minvalue = minvalue
        self.maxvalue = maxvalue

    def value(self) -> Any:
        return {"minvalue": _plain(self.minvalue), "maxvalue": _plain(self.maxvalue)}


class StaticVocabularyConstraint(BaseConstraint):
    def __init__(self, values: Any, msg: Optional[str] = None) -> None:
        super().__init__(msg)
        self.values = tuple(values)

    def value(self) -> Any:
        return list(self.values)


class MultipleStaticVocabularyConstraint(StaticVocabularyConstraint):
    """Several values of the vocabulary, comma separated."""


class FormatConstraint(StaticVocabularyConstraint):
    """The format of a RichString (the MIME types CubicWeb renders)."""
    regular_formats = ("text/rest", "text/markdown", "text/html", "text/plain")

    def __init__(self, msg: Optional[str] = None) -> None:
        super().__init__(self.regular_formats, msg)

    def value(self) -> Any:
        return None


FORMAT_CONSTRAINT = FormatConstraint()

__all__ = ["BaseConstraint", "UniqueConstraint", "SizeConstraint", "RegexpConstraint", "BoundaryConstraint",
           "IntervalBoundConstraint", "StaticVocabularyConstraint", "MultipleStaticVocabularyConstraint",
           "FormatConstraint", "FORMAT_CONSTRAINT", "Attribute", "NOW", "TODAY"]
