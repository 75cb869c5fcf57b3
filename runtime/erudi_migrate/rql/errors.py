"""The error of a query the runtime cannot run: the query, the offset in it and what was expected there."""

from ..errors import MigrationError


class RqlError(MigrationError):
    """A syntax error or a query outside the subset, positioned in the query; never a raw SQL error."""

    def __init__(self, query, offset, problem, expected=()):
        self.query, self.offset, self.problem, self.expected = query, offset, problem, list(expected)
        super().__init__("invalid RQL at offset %d: %s\n  %s\n  %s^" % (offset, problem, query, " " * offset))
