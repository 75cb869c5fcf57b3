"""RQL expressions in schemas: the permission expressions (ERQLExpression on entities and attributes,
RRQLExpression on relations) and the RQL constraints, kept as their normalized text so that the
persisted schema and a new schema.py compare equal when only spacing differs."""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional

from .constraints import BaseConstraint
from .errors import BadSchemaDefinition

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def normalize_expression(expression: str) -> str:
    """Spacing normalized (one space between words, none before a comma), as CubicWeb's parser prints it."""
    text = " ".join(str(expression).split())
    return re.sub(r"\s*,\s*", ", ", text)


def _mainvars(value: Any) -> List[str]:
    if isinstance(value, str):
        return sorted({v.strip() for v in value.split(",") if v.strip()})
    return sorted(set(value))


def _variables(expression: str) -> set:
    return {w for w in _WORD.findall(expression) if w.isupper() and len(w) <= 3}


class RQLExpression:
    """An RQL restriction granting a permission; `mainvars` are its selected variables."""
    predefined = ""

    def __init__(self, expression: str, mainvars: Any = None, eid: Optional[int] = None) -> None:
        if not isinstance(expression, str) or not expression.strip():
            raise BadSchemaDefinition(f"{type(self).__name__} takes an RQL restriction (a non-empty string), "
                                      f"not {expression!r}")
        self.expression = normalize_expression(expression)
        self.mainvars = _mainvars(mainvars if mainvars is not None else self.guess_mainvars())
        self.eid = eid

    def guess_mainvars(self) -> Iterable[str]:
        found = [v for v in self.predefined if v in _variables(self.expression)]
        return found or ["X"]

    def serialize(self) -> Dict[str, Any]:
        return {"type": type(self).__name__, "expression": self.expression, "mainvars": self.mainvars}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RQLExpression) and self.serialize() == other.serialize()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.expression))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.expression!r})"


class ERQLExpression(RQLExpression):
    """On an entity type or an attribute: X is the entity, U the user."""
    predefined = "XU"

    def guess_mainvars(self) -> Iterable[str]:
        return ["X"]


class RRQLExpression(RQLExpression):
    """On a relation: S and O are its subject and object, U the user."""
    predefined = "SOU"

    def guess_mainvars(self) -> Iterable[str]:
        found = [v for v in "SOU" if v in _variables(self.expression)]
        if not found:
            raise BadSchemaDefinition(f"RRQLExpression({self.expression!r}): use S, O or U (the relation's "
                                      "subject, object, the user), or give mainvars")
        return found


class BaseRQLConstraint(RRQLExpression, BaseConstraint):
    """A constraint written in RQL over S, O (and U)."""

    def __init__(self, expression: str, mainvars: Any = None, msg: Optional[str] = None) -> None:
        RRQLExpression.__init__(self, expression, mainvars)
        self.msg = msg

    def type(self) -> str:
        return type(self).__name__

    def value(self) -> Any:
        return {"expression": self.expression, "mainvars": self.mainvars}

    def serialize(self) -> Dict[str, Any]:
        return BaseConstraint.serialize(self)

    __eq__ = BaseConstraint.__eq__
    __hash__ = BaseConstraint.__hash__


class RQLVocabularyConstraint(BaseRQLConstraint):
    """Limits the proposed values to what the query finds (not enforced)."""


class RQLConstraint(BaseRQLConstraint):
    """Like RQLVocabularyConstraint, and enforced by the repository."""


class RQLUniqueConstraint(BaseRQLConstraint):
    """The query finds at most one entity."""
