"""SQL of RQL values: literals, arguments, TODAY/NOW, arithmetic, and functions (aggregates, scalar, user-defined) per dialect."""

import datetime

from .query import Argument, Arithmetic, EtypeName, Function, Literal, Negative, Special, Variable

# name -> (minimum, maximum) arguments, and the SQL per dialect ("{0}" is the first argument...).
_SCALAR = {
    "UPPER": (1, 1, {"sqlite": "UPPER({0})", "postgresql": "UPPER({0})"}),
    "LOWER": (1, 1, {"sqlite": "LOWER({0})", "postgresql": "LOWER({0})"}),
    "LENGTH": (1, 1, {"sqlite": "LENGTH({0})", "postgresql": "LENGTH({0})"}),
    "ABS": (1, 1, {"sqlite": "ABS({0})", "postgresql": "ABS({0})"}),
    "SUBSTRING": (3, 3, {"sqlite": "SUBSTR({0}, {1}, {2})", "postgresql": "SUBSTRING({0}, {1}, {2})"}),
    "YEAR": (1, 1, {"sqlite": "CAST(STRFTIME('%Y', {0}) AS INTEGER)", "postgresql": "CAST(EXTRACT(YEAR FROM {0}) AS INTEGER)"}),
    "MONTH": (1, 1, {"sqlite": "CAST(STRFTIME('%m', {0}) AS INTEGER)", "postgresql": "CAST(EXTRACT(MONTH FROM {0}) AS INTEGER)"}),
    "DAY": (1, 1, {"sqlite": "CAST(STRFTIME('%d', {0}) AS INTEGER)", "postgresql": "CAST(EXTRACT(DAY FROM {0}) AS INTEGER)"}),
    "HOUR": (1, 1, {"sqlite": "CAST(STRFTIME('%H', {0}) AS INTEGER)", "postgresql": "CAST(EXTRACT(HOUR FROM {0}) AS INTEGER)"}),
    "MINUTE": (1, 1, {"sqlite": "CAST(STRFTIME('%M', {0}) AS INTEGER)", "postgresql": "CAST(EXTRACT(MINUTE FROM {0}) AS INTEGER)"}),
    # CubicWeb's WEEKDAY: 1 is Sunday, 7 Saturday.
    "WEEKDAY": (1, 1, {"sqlite": "(CAST(STRFTIME('%w', {0}) AS INTEGER) + 1)", "postgresql": "(CAST(EXTRACT(DOW FROM {0}) AS INTEGER) + 1)"}),
    "RANDOM": (0, 0, {"sqlite": "RANDOM()", "postgresql": "RANDOM()"}),
}
_AGGREGATE = {
    "COUNT": {"sqlite": "COUNT({0})", "postgresql": "COUNT({0})"},
    "MIN": {"sqlite": "MIN({0})", "postgresql": "MIN({0})"},
    "MAX": {"sqlite": "MAX({0})", "postgresql": "MAX({0})"},
    "SUM": {"sqlite": "SUM({0})", "postgresql": "SUM({0})"},
    "AVG": {"sqlite": "AVG({0})", "postgresql": "AVG({0})"},
    "GROUP_CONCAT": {"sqlite": "GROUP_CONCAT({0}, ', ')", "postgresql": "STRING_AGG(CAST({0} AS TEXT), ', ')"},
}


def special_value(kind, dialect, days=0):
    """TODAY or NOW (shifted by a number of days), as the value the database stores for Date/Datetime."""
    if kind == "TODAY":
        value = datetime.date.today() + datetime.timedelta(days=days)
        return value.isoformat() if dialect == "sqlite" else value
    value = datetime.datetime.now() + datetime.timedelta(days=days)
    return value.isoformat(" ") if dialect == "sqlite" else value


def term_label(term):
    """How a selected value is named in a result set's columns: `X`, `COUNT(X)`, `A + 1`."""
    if isinstance(term, Variable):
        return term.name
    if isinstance(term, Function):
        return "%s(%s)" % (term.name, ", ".join(term_label(a) for a in term.args))
    if isinstance(term, Arithmetic):
        return "%s %s %s" % (term_label(term.left), term.operator, term_label(term.right))
    if isinstance(term, Negative):
        return "-" + term_label(term.operand)
    if isinstance(term, Special):
        return term.kind
    if isinstance(term, Argument):
        return "%%(%s)s" % term.name
    return term.token.text


class ValueSql:
    """Mixin of Translation: the SQL of a value in a scope."""

    def value(self, scope, term, name_token=None, aggregates=False):
        if isinstance(term, Arithmetic):
            folded = self._fold_date(term)
            if folded is not None:
                return folded
            left = self.value(scope, term.left, name_token, aggregates)
            right = self.value(scope, term.right, name_token, aggregates)
            if term.operator == "%" and self.dialect == "postgresql":
                # psycopg reads '%' in the SQL text as a placeholder.
                return "MOD(%s, %s)" % (left, right)
            return "(%s %s %s)" % (left, term.operator, right)
        if isinstance(term, Negative):
            return "(-%s)" % self.value(scope, term.operand, name_token, aggregates)
        if isinstance(term, Literal):
            return self.bindings.bind(term.value)
        if isinstance(term, Special):
            return self.bindings.bind(special_value(term.kind, self.dialect))
        if isinstance(term, Argument):
            self.argument(term)
            return self.bindings.bind_argument(term.name)
        if isinstance(term, Function):
            return self.function(scope, term, name_token, aggregates)
        if isinstance(term, EtypeName):
            self.fail(term.token, "an entity type is a value only after `is`: `X is %s`" % term.name)
        return self.variable_value(scope, term, name_token)

    def variable_value(self, scope, variable, name_token=None):
        bound = scope.lookup(variable.name)
        if bound is not None:
            return bound
        if variable.name in self.entity_vars:
            return self.eid(variable.name)
        self.fail(variable.token, "%s has no value here: bind it first with a restriction like `X %s %s`"
                  % (variable.name, name_token.text if name_token is not None else "attr", variable.name))

    def _fold_date(self, term):
        """`TODAY - 7`, `NOW + 1`: days added to the date of the query, computed once, bound as a value."""
        left, right = term.left, term.right
        if term.operator in ("+", "-") and isinstance(left, Special) and isinstance(right, Literal) \
                and isinstance(right.value, (int, float)) and not isinstance(right.value, bool):
            days = right.value if term.operator == "+" else -right.value
            return self.bindings.bind(special_value(left.kind, self.dialect, days))
        return None

    def function(self, scope, term, name_token, aggregates):
        name = term.name.upper()
        if name in _AGGREGATE:
            if not aggregates:
                self.fail(term.token, "%s() folds rows into one value: it belongs in the selection, ORDERBY or "
                          "HAVING, not in a WHERE restriction" % term.name)
            if len(term.args) != 1:
                self.fail(term.token, "%s() takes one value, not %d" % (term.name, len(term.args)))
            # An aggregate of an aggregate is not SQL: the inner one is computed per group already.
            inner = self.value(scope, term.args[0], name_token, False)
            return _AGGREGATE[name][self.dialect].format(inner)
        if name == "FSPATH":
            # CubicWeb computes FSPATH only for an attribute kept by a BytesFileSystemStorage and refuses it
            # otherwise ("source only callback"); here no attribute has one (storage_changed is refused).
            what = term_label(term.args[0]) if len(term.args) == 1 else "D"
            self.fail(term.token, "FSPATH(%s) is the path of the file where CubicWeb's BytesFileSystemStorage keeps a "
                      "Bytes value; this runtime keeps every Bytes value in its database column (storage_changed is "
                      "refused), so there is no file and no path: select %s itself (the bytes), or run this script "
                      "with cubicweb-ctl" % (what, what))
        args = [self.value(scope, a, name_token, aggregates) for a in term.args]
        if name in _SCALAR:
            low, high, sql = _SCALAR[name]
            if not low <= len(args) <= high:
                self.fail(term.token, "%s() takes %s, not %d" % (
                    term.name, "%d value(s)" % low if low == high else "%d to %d values" % (low, high), len(args)))
            return sql[self.dialect].format(*args)
        # A user function: the database's function of that name (the grammar admits only plain words).
        return "%s(%s)" % (term.name, ", ".join(args))
