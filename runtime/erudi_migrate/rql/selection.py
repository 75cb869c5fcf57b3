"""SQL of RQL selections: selected values, GROUPBY/HAVING (with aggregates), ORDERBY/LIMIT/OFFSET, WITH ... BEING subqueries, UNION."""

from .errors import RqlError
from .functions import term_label
from .query import And, Not, Or, Select, Union, has_aggregate, term_variables

# More would be a query to write with `X is <Etype>`, not a union to build.
MAX_SOLUTIONS = 32


class SelectionSql:
    """Mixin of Translation: a Select statement as one SQL SELECT."""

    def absorb(self, other):
        """Takes what another translation of the same query learnt of the arguments."""
        self.null_sensitive |= other.null_sensitive
        self.argument_checks.extend(other.argument_checks)
        self.arguments_used.update(other.arguments_used)

    def alias_column(self, name):
        index, column = self.aliases[name]
        return "_w%d.c%d" % (index, column)

    def top_scope(self):
        st = self.statement
        if not getattr(st, "subqueries", None):
            return self.open_scope(None, None, st.where)

        def subqueries(scope):
            for i, sub in enumerate(st.subqueries):
                names = ["c%d" % j for j in range(len(sub.aliases))]
                columns, sql, _ = compile_select(self.text, sub.query, self.schema, self.names, self.kwargs,
                                              self.dialect, self.bindings, names, self)
                if len(columns) != len(sub.aliases):
                    raise RqlError(self.text, sub.aliases[0].token.start, "%s BEING (...): the subquery selects %d "
                                   "value(s) for %d name(s)" % (", ".join(a.name for a in sub.aliases), len(columns),
                                                               len(sub.aliases)))
                scope.from_items.append("(%s) AS _w%d" % (sql, i))
                for alias in sub.aliases:
                    if alias.name in self.value_vars:
                        scope.bindings[alias.name] = self.alias_column(alias.name)
        return self.open_scope(None, None, st.where, before=subqueries)

    def select_sql(self, scope, expressions, distinct=False, tail=""):
        source = " FROM " + self.from_sql(scope) if scope.from_items or scope.outer_joins else ""
        return "SELECT %s%s%s%s%s" % ("DISTINCT " if distinct else "", ", ".join(expressions), source,
                                      self.where_clause(scope.conditions), tail)

    def check_grouping(self):
        """With an aggregate or GROUPBY, every other selected value must be grouped (neither database guesses)."""
        st = self.statement
        labels = [term_label(t) for t in st.selection]
        if st.distinct:
            for term, _ in st.orderby:
                if term_label(term) not in labels:
                    self.fail(term.token, "DISTINCT rows can only be ordered by what they hold: select %s too"
                              % term_label(term))
        if not (st.groupby or any(has_aggregate(t) for t in st.selection)):
            return
        grouped = {term_label(t) for t in st.groupby}
        grouped_variables = {v.name for t in st.groupby for v in term_variables(t)}
        for term in st.selection:
            if has_aggregate(term) or term_label(term) in grouped:
                continue
            if not all(v.name in grouped_variables for v in term_variables(term)) or not term_variables(term):
                if not term_variables(term):
                    continue  # a constant
                self.fail(term.token, "%s is selected beside an aggregate: add `GROUPBY %s` (before ORDERBY) or "
                          "aggregate it too" % (term_label(term), term_label(term)))

    def columns(self):
        return [term_label(t) for t in self.statement.selection]

    def select_tail(self, scope, param=None):
        """GROUP BY, HAVING, ORDER BY, LIMIT and OFFSET; `param` given: values are placeholders of an outer query."""
        st = self.statement
        bind = self.bindings.bind if param is None else (lambda value: param)
        tail = ""
        if st.groupby:
            tail += " GROUP BY " + ", ".join(self.value(scope, t) for t in st.groupby)
        if st.having is not None:
            parts = st.having.parts if isinstance(st.having, And) else [st.having]
            grouped = [part for part in parts if _reads_aggregate(part)]
            # A condition without an aggregate filters rows, as CubicWeb runs it: in WHERE (both databases refuse
            # a HAVING without GROUP BY or aggregate, and on a grouped value it means the same).
            scope.conditions.extend(self.having_condition(scope, part) for part in parts if part not in grouped)
            if grouped:
                tail += " HAVING " + " AND ".join(self.having_condition(scope, part) for part in grouped)
        if st.orderby:
            tail += " ORDER BY " + ", ".join(self.value(scope, t, aggregates=True) + (" DESC" if desc else "")
                                             for t, desc in st.orderby)
        if st.limit is not None:
            tail += " LIMIT " + bind(st.limit)
        if st.offset is not None:
            if st.limit is None and self.dialect == "sqlite":
                tail += " LIMIT -1"  # SQLite takes no OFFSET without a LIMIT; -1 means none
            tail += " OFFSET " + bind(st.offset)
        return tail

    def having_condition(self, scope, expr):
        if isinstance(expr, And):
            return "(" + " AND ".join(self.having_condition(scope, p) for p in expr.parts) + ")"
        if isinstance(expr, Or):
            return "(" + " OR ".join(self.having_condition(scope, p) for p in expr.parts) + ")"
        if isinstance(expr, Not):
            return "NOT (%s)" % self.having_condition(scope, expr.part)
        left = self.value(scope, expr.left, aggregates=True)
        values = [self.value(scope, t, aggregates=True) for t in expr.terms]
        if expr.operator == "IN":
            return "%s IN (%s)" % (left, ", ".join(values)) if values else "1=0"
        if expr.operator in ("LIKE", "ILIKE", "~=", "REGEXP"):
            return self.pattern_condition(expr.operator, left, values[0])
        from .restriction import COMPARATORS
        return "%s %s %s" % (left, COMPARATORS[expr.operator], values[0])

    def select(self, column_names=None):
        """The columns and the SQL (with markers) of this solution."""
        self.check_grouping()
        scope = self.top_scope()
        expressions = [self.value(scope, t, aggregates=True) for t in self.statement.selection]
        if column_names:
            expressions = ["%s AS %s" % (e, n) for e, n in zip(expressions, column_names)]
        return self.columns(), self.select_sql(scope, expressions, distinct=self.statement.distinct,
                                               tail=self.select_tail(scope))

    def read_variables(self):
        """Every variable the selection, GROUPBY, ORDERBY and HAVING read, in order (for a union of solutions)."""
        st = self.statement
        found = {}
        terms = st.selection + st.groupby + [t for t, _ in st.orderby]
        if st.having is not None:
            stack = [st.having]
            while stack:
                expr = stack.pop()
                if isinstance(expr, (And, Or)):
                    stack.extend(expr.parts)
                elif isinstance(expr, Not):
                    stack.append(expr.part)
                else:
                    terms = terms + [expr.left] + expr.terms
        for term in terms:
            for variable in term_variables(term):
                found.setdefault(variable.name, variable)
        return list(found.values())

    def union_part(self):
        """This solution's rows of every variable read_variables() lists, as columns c0, c1..."""
        self.check_grouping()
        scope = self.top_scope()
        expressions = ["%s AS c%d" % (self.variable_value(scope, v), i) for i, v in enumerate(self.read_variables())]
        if not expressions:
            expressions = ["1 AS c0"]
        return self.select_sql(scope, expressions)


def _solutions(make, probe, forced=None):
    """Translations typing every variable that must have one type, one per combination of its types."""
    from .translate import AmbiguousType
    forced = forced or {}
    translation = make(forced)
    try:
        probe(translation)
    except AmbiguousType as ambiguity:
        solutions = []
        for etype in ambiguity.types:
            solutions.extend(_solutions(make, probe, dict(forced, **{ambiguity.variable: etype})))
            if len(solutions) > MAX_SOLUTIONS:
                raise ambiguity
        return solutions
    return [make(forced)]


def solutions(text, statement, schema, names, kwargs, dialect, bindings, probe):
    from .translate import Translation
    make = lambda forced: Translation(text, statement, schema, names, kwargs, dialect, forced, bindings)  # noqa: E731
    return _solutions(make, probe)


def compile_select(text, statement, schema, names, kwargs, dialect, bindings, column_names=None, parent=None):
    """(columns, SQL with markers) of a Select or Union; several solutions become one UNION ALL query.

    `parent`: the translation of the outer query, which records what its arguments decide.
    """
    if isinstance(statement, Union):
        parts = [compile_select(text, s, schema, names, kwargs, dialect, bindings, column_names, parent)
                 for s in statement.selects]
        if len({len(columns) for columns, _, _ in parts}) > 1:
            raise RqlError(text, statement.token.start, "the queries of a UNION select %s values"
                           % " and ".join(str(len(c)) for c, _, _ in parts))
        for _, _, t in parts[1:]:
            parts[0][2].absorb(t)
        return parts[0][0], " UNION ALL ".join(sql for _, sql, _ in parts), parts[0][2]
    if not isinstance(statement, Select):
        raise RqlError(text, 0, "a subquery selects: (Any ...)")
    found = solutions(text, statement, schema, names, kwargs, dialect, bindings, lambda t: t.select())
    for t in found[1:]:
        found[0].absorb(t)
    if parent is not None:
        parent.absorb(found[0])
    if len(found) == 1:
        columns, sql = found[0].select(column_names)
    else:
        columns, sql = union_select(found, column_names)
    return columns, sql, found[0]


def _reads_aggregate(condition):
    """Whether a HAVING condition reads an aggregate (COUNT(X) > 1), rather than row values (LENGTH(N) > 3)."""
    if isinstance(condition, (And, Or)):
        return any(_reads_aggregate(part) for part in condition.parts)
    if isinstance(condition, Not):
        return _reads_aggregate(condition.part)
    return has_aggregate(condition.left) or any(has_aggregate(term) for term in condition.terms)


def union_select(parts, column_names=None):
    """One SELECT over the UNION ALL of the solutions (Translation objects of the same query)."""
    from .translate import Scope
    first = parts[0]
    inner = " UNION ALL ".join(part.union_part() for part in parts)
    outer = Scope(None, None)
    for i, variable in enumerate(first.read_variables()):
        outer.bindings[variable.name] = "_u.c%d" % i
    st = first.statement
    expressions = [first.value(outer, t, aggregates=True) for t in st.selection]
    if column_names:
        expressions = ["%s AS %s" % (e, n) for e, n in zip(expressions, column_names)]
    tail = first.select_tail(outer)  # (HAVING's conditions without an aggregate go to outer.conditions)
    sql = "SELECT %s%s FROM (%s) AS _u%s%s" % ("DISTINCT " if st.distinct else "", ", ".join(expressions), inner,
                                              first.where_clause(outer.conditions), tail)
    return first.columns(), sql
