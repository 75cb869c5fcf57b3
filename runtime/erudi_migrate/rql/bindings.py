"""Bound values of a translated query: fragments carry markers for literals and arguments, rendered as placeholders in text order."""

import re

_MARKER = re.compile("\x00([va])([A-Za-z0-9_]+)\x00")


class Statement:
    """One SQL statement with its bound values, ready for the cursor."""

    def __init__(self, sql, params):
        self.sql, self.params = sql, params

    def __repr__(self):
        return "Statement(%r, %r)" % (self.sql, self.params)


class Rendered:
    """SQL with markers turned into placeholders once; params() fills them from a query's kwargs.

    A literal is kept as a value; an argument stays a name, so one Rendered serves every call of a
    cached query whatever its arguments.
    """

    __slots__ = ("sql", "sources")

    def __init__(self, sql, sources):
        self.sql, self.sources = sql, sources

    def params(self, kwargs):
        return [kwargs[value] if is_argument else value for is_argument, value in self.sources]


class Bindings:
    """Collects bound values behind markers, so fragments can be assembled in any order."""

    def __init__(self):
        self.values = []

    def bind(self, value):
        self.values.append(value)
        return "\x00v%d\x00" % (len(self.values) - 1)

    def bind_argument(self, name):
        return "\x00a%s\x00" % name

    def prepare(self, sql, param):
        sources = []

        def replace(match):
            if match.group(1) == "a":
                sources.append((True, match.group(2)))
            else:
                sources.append((False, self.values[int(match.group(2))]))
            return param
        return Rendered(_MARKER.sub(replace, sql), sources)

    def render(self, sql, param, kwargs=None):
        prepared = self.prepare(sql, param)
        return Statement(prepared.sql, prepared.params(kwargs or {}))
