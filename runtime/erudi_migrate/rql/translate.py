"""Translates the RQL query model to SQL over the storage layout (entities, cw_<Etype>, <rtype>_relation).

Variables are typed from `X is Etype`, declarations and the relation definitions; a variable whose
occurrences all sit inside one NOT (or one OR branch) is existential there and becomes an EXISTS
subquery, as RQL means it. Values are always bound: fragments carry markers that `render` turns into
the dialect's placeholders, in text order.
"""

import datetime
import decimal
import re

from .errors import RqlError
from .query import (And, Argument, Arithmetic, Comparison, Insert, Literal, Not, Or, Select, Typing, Variable,
                    term_variables)

_MARKER = re.compile("\x00(\\d+)\x00")
COMPARATORS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


# Python values each final type takes, for literals and arguments (checked before any SQL runs).
_TEMPORAL = (str, datetime.date, datetime.time, datetime.timedelta)
ACCEPTED_VALUES = {
    "String": (str,), "RichString": (str,), "Password": (str, bytes),
    "Int": (int,), "BigInt": (int,), "Float": (int, float, decimal.Decimal), "Decimal": (int, float, decimal.Decimal),
    "Boolean": (bool,), "Bytes": (bytes, bytearray, memoryview),
    "Date": _TEMPORAL, "Datetime": _TEMPORAL, "TZDatetime": _TEMPORAL, "Time": _TEMPORAL, "TZTime": _TEMPORAL,
    "Interval": _TEMPORAL, "eid": (int,),
}


NUMERIC_TYPES = ("Int", "BigInt", "Float", "Decimal")


def describe_value(value):
    if isinstance(value, bool):
        return "a boolean (%s)" % ("TRUE" if value else "FALSE")
    if isinstance(value, str):
        return "a string (%r)" % value
    if isinstance(value, int):
        return "an integer (%d)" % value
    if isinstance(value, float):
        return "a number (%r)" % value
    return "a %s" % type(value).__name__


class AmbiguousType(RqlError):
    """A variable of several entity types where one is needed: the query runs once per type (a union)."""

    def __init__(self, query, offset, problem, variable, types):
        super().__init__(query, offset, problem)
        self.variable, self.types = variable, types


class StorageNames:
    """Table and column names of the storage layout; the runtime's Storage may be given instead."""

    def table(self, etype):
        return "cw_" + etype

    def column(self, name):
        return "cw_" + name

    def relation_table(self, rtype):
        return rtype + "_relation"


class SchemaView:
    """What translation needs of a schema: entity types, attributes per type, relations with their ends."""

    def __init__(self, etypes, attributes, relations):
        self.etypes = list(etypes)                  # names, in definition order
        self.attributes = attributes                # etype -> {attribute: final type}
        self.required = {}                          # etype -> attributes an INSERT must give (no default)
        self.system = set()                         # the framework's own types (props "system": True)
        self.relations = relations                  # rtype -> {"inlined": bool, "subjects": set, "objects": set}
        self.attribute_names = set()
        for attrs in attributes.values():
            self.attribute_names.update(attrs)

    @classmethod
    def from_schema(cls, schema):
        """From erudi_migrate.schema.model.Schema (repo_schema)."""
        attributes = {name: {} for name in schema.entities}
        relations, required = {}, {}
        for d in schema.definitions.values():
            if d.final:
                attributes.setdefault(d.subject, {})[d.rtype] = d.object
                if d.required and d.props.get("default") is None:
                    required.setdefault(d.subject, set()).add(d.rtype)
            else:
                rtype = schema.relations.get(d.rtype)
                entry = relations.setdefault(d.rtype, {"inlined": bool(rtype and rtype.inlined),
                                                       "subjects": set(), "objects": set()})
                entry["subjects"].add(d.subject)
                entry["objects"].add(d.object)
        view = cls(schema.entities.keys(), attributes, relations)
        view.required = required
        view.system = {name for name, entity in schema.entities.items() if entity.props.get("system")}
        return view


class Statement:
    """One SQL statement with its bound values, ready for the cursor."""

    def __init__(self, sql, params):
        self.sql, self.params = sql, params

    def __repr__(self):
        return "Statement(%r, %r)" % (self.sql, self.params)


class Bindings:
    """Collects bound values behind markers, so fragments can be assembled in any order."""

    def __init__(self):
        self.values = []

    def bind(self, value):
        self.values.append(value)
        return "\x00%d\x00" % (len(self.values) - 1)

    def render(self, sql, param):
        params = []

        def replace(match):
            params.append(self.values[int(match.group(1))])
            return param
        return Statement(_MARKER.sub(replace, sql), params)


class _Scope:
    """A FROM/WHERE level: the top query or an EXISTS subquery; value variables bound there."""

    def __init__(self, parent, node):
        self.parent, self.node = parent, node
        self.from_items, self.conditions, self.bindings = [], [], {}
        self.joins = 0 if parent is None else parent.joins

    def lookup(self, name):
        scope = self
        while scope is not None:
            if name in scope.bindings:
                return scope.bindings[name]
            scope = scope.parent
        return None


class Translation:
    """Plans the SQL of one query; raises RqlError (positioned in the query) for anything outside the subset."""

    def __init__(self, text, statement, schema, names=None, kwargs=None, dialect="sqlite", forced=None):
        self.text, self.statement, self.schema, self.dialect = text, statement, schema, dialect
        self.names = names or StorageNames()
        self.kwargs = kwargs or {}
        self.bindings = Bindings()
        self.entity_vars, self.value_vars = {}, {}     # name -> first token
        self.candidates = {}                           # entity variable -> set of possible entity types
        self.scope_of = {}                             # variable -> id of its scope node (None: top)
        self.narrowing = set()                         # ids of Typing nodes that type their variable
        self.binding_comparisons = set()               # ids of `X attr N` that give N its value (no condition)
        # Variables an INSERT creates: they exist in no table yet, so the WHERE clause never reads them.
        self.created = {d.variable.name for d in statement.declarations} if isinstance(statement, Insert) else set()
        self._analyse()
        # One solution of a union: variables of several possible types, each given one (see execute.py).
        for name, etype in (forced or {}).items():
            self.candidates[name] = {etype}

    # -- errors --------------------------------------------------------------------------------------------

    def fail(self, token, problem, expected=()):
        raise RqlError(self.text, token.start, problem, expected)

    # -- analysis: variable kinds, scopes, types -----------------------------------------------------------

    def _analyse(self):
        st = self.statement
        occurrences = {}                               # variable -> list of scope paths

        def occur(variable, path, kind):
            occurrences.setdefault(variable.name, []).append(path)
            self._kind(variable, kind)

        top = ()
        for declaration in getattr(st, "declarations", []):
            occur(declaration.variable, top, "entity")
        for assignment in getattr(st, "assignments", []):
            occur(assignment.subject, top, "entity")
            self._occur_in(assignment.term, assignment.name, lambda v, kind: occur(v, top, kind))
        if isinstance(st, Select):
            for selected in st.selection:
                occurrences.setdefault(selected.variable.name, []).append(top)
            for variable in st.groupby + [v for v, _ in st.orderby]:
                occurrences.setdefault(variable.name, []).append(top)

        def walk(expr, path):
            if isinstance(expr, And):
                for part in expr.parts:
                    walk(part, path)
            elif isinstance(expr, Or):
                for part in expr.parts:
                    walk(part, path + (id(part),))
            elif isinstance(expr, Not):
                walk(expr.part, path + (id(expr),))
            elif isinstance(expr, Typing):
                occur(expr.subject, path, "entity")
            elif isinstance(expr, Comparison):
                occur(expr.subject, path, "entity")
                for term in expr.terms:
                    self._occur_in(term, expr.name, lambda v, kind, path=path: occur(v, path, kind))
        if st.where is not None:
            walk(st.where, top)

        for name, paths in occurrences.items():
            common = paths[0]
            for path in paths[1:]:
                n = 0
                while n < len(common) and n < len(path) and common[n] == path[n]:
                    n += 1
                common = common[:n]
            self.scope_of[name] = common[-1] if common else None
        # A variable only selected (`Any X`) is an entity of any type.
        for name in occurrences:
            if name not in self.entity_vars and name not in self.value_vars:
                token = self._first_token(name)
                self.entity_vars[name] = token
        self._infer_types(occurrences)

    def _occur_in(self, term, name_token, occur):
        """Records the variables of a value: an arithmetic expression computes numbers from attribute values."""
        if isinstance(term, Variable):
            occur(term, self._object_kind(name_token))
        elif isinstance(term, Arithmetic):
            if self._object_kind(name_token) != "value":
                self.fail(term.token, "'%s' is a relation: it takes a variable or an eid, not an expression"
                          % name_token.text)
            for variable in term_variables(term):
                occur(variable, "value")

    def _first_token(self, name):
        st = self.statement
        if isinstance(st, Select):
            for selected in st.selection:
                if selected.variable.name == name:
                    return selected.variable.token
        for variable in getattr(st, "groupby", []) + [v for v, _ in getattr(st, "orderby", [])]:
            if variable.name == name:
                return variable.token
        return None

    def _object_kind(self, name_token):
        name = name_token.text
        if name == "eid" or name in self.schema.attribute_names:
            return "value"
        if name in self.schema.relations:
            return "entity"
        self.fail(name_token, "unknown attribute or relation '%s'%s" % (name, self._suggest(name)))

    def _suggest(self, name):
        import difflib
        known = sorted(self.schema.attribute_names | set(self.schema.relations))
        close = difflib.get_close_matches(name, known, n=3)
        return "; did you mean %s?" % " or ".join("'%s'" % c for c in close) if close else ""

    def _kind(self, variable, kind):
        mine, other = (self.entity_vars, self.value_vars) if kind == "entity" else (self.value_vars, self.entity_vars)
        if variable.name in other:
            self.fail(variable.token, "%s is used both as an entity and as an attribute value" % variable.name)
        mine.setdefault(variable.name, variable.token)

    def _infer_types(self, occurrences):
        everything = set(self.schema.etypes)
        reasons = {}
        for name in self.entity_vars:
            self.candidates[name] = set(everything)
            reasons[name] = []

        def narrow(variable, types, why):
            self.candidates[variable.name] &= set(types)
            reasons[variable.name].append(why)
            if not self.candidates[variable.name]:
                self.fail(variable.token, "no entity type fits %s: %s" % (variable.name, ", ".join(reasons[variable.name])))

        def check_etype(token):
            if token.kind == "ANY":
                return None
            if token.text not in everything:
                import difflib
                close = difflib.get_close_matches(token.text, sorted(everything), n=3)
                hint = "; did you mean %s?" % " or ".join(close) if close else ""
                self.fail(token, "unknown entity type '%s'%s" % (token.text, hint), ["ETYPE"])
            return token.text

        def constrain(subject, name_token, term, scope_node=None, everywhere=True):
            # Under OR or NOT a restriction does not type its variables: for a type without that
            # attribute or relation it is merely false there (see attribute_condition).
            name = name_token.text
            if name == "eid":
                return
            if name not in self.schema.attribute_names and name not in self.schema.relations:
                self.fail(name_token, "unknown attribute or relation '%s'%s" % (name, self._suggest(name)))
            types_subject = everywhere or self.scope_of.get(subject.name) == scope_node
            types_object = isinstance(term, Variable) and (everywhere or self.scope_of.get(term.name) == scope_node)
            if name in self.schema.attribute_names:
                if types_subject:
                    narrow(subject, [t for t, attrs in self.schema.attributes.items() if name in attrs],
                           "has attribute '%s'" % name)
            else:
                relation = self.schema.relations[name]
                if types_subject:
                    narrow(subject, relation["subjects"], "is the subject of '%s'" % name)
                if types_object:
                    narrow(term, relation["objects"], "is the object of '%s'" % name)

        st = self.statement
        for declaration in getattr(st, "declarations", []):
            etype = check_etype(declaration.etype)
            if etype is not None:
                narrow(declaration.variable, [etype], "is declared %s" % etype)
        for assignment in getattr(st, "assignments", []):
            constrain(assignment.subject, assignment.name, assignment.term)

        def walk(expr, scope_node):
            if isinstance(expr, And):
                for part in expr.parts:
                    walk(part, scope_node)
            elif isinstance(expr, Or):
                for part in expr.parts:
                    walk(part, id(part))
            elif isinstance(expr, Not):
                walk(expr.part, id(expr))
            elif isinstance(expr, Typing):
                etype = check_etype(expr.etype)
                # `X is T` types X only where it is a plain conjunct of X's own scope; elsewhere it is a test.
                if etype is not None and self.scope_of[expr.subject.name] == scope_node:
                    narrow(expr.subject, [etype], "is %s" % etype)
                    self.narrowing.add(id(expr))
            elif isinstance(expr, Comparison):
                for term in expr.terms:
                    constrain(expr.subject, expr.name, term, scope_node, everywhere=False)
        if st.where is not None:
            walk(st.where, None)
        # The framework's system types (workflow...) share attribute names like `name` with applications';
        # a variable they could be is one of the application's types unless the query says otherwise.
        for name, types in self.candidates.items():
            if len(types) > 1 and types - self.schema.system:
                types -= self.schema.system

    # -- variables in SQL ----------------------------------------------------------------------------------

    def etype_of(self, name):
        types = self.candidates[name]
        return next(iter(types)) if len(types) == 1 else None

    def require_etype(self, variable, why):
        etype = self.etype_of(variable.name)
        if etype is None:
            types = sorted(self.candidates[variable.name])
            raise AmbiguousType(self.text, variable.token.start,
                                "cannot tell the entity type of %s (%s) to %s; add `%s is <Etype>`"
                                % (variable.name, " or ".join(types), why, variable.name), variable.name, types)
        return etype

    def alias(self, name):
        return "_" + name

    def eid(self, name):
        return "%s.%s" % (self.alias(name), "cw_eid" if self.etype_of(name) else "eid")

    def from_item(self, name):
        etype = self.etype_of(name)
        if etype:
            return "%s AS %s" % (self.names.table(etype), self.alias(name)), None
        condition = None
        if self.candidates[name] != set(self.schema.etypes):
            condition = "%s.type IN (%s)" % (self.alias(name), ", ".join(
                self.bindings.bind(t) for t in sorted(self.candidates[name])))
        return "entities AS %s" % self.alias(name), condition

    def value(self, scope, term, name_token):
        if isinstance(term, Arithmetic):
            return "(%s %s %s)" % (self.value(scope, term.left, name_token), term.operator,
                                   self.value(scope, term.right, name_token))
        if isinstance(term, Literal):
            return self.bindings.bind(term.value)
        if isinstance(term, Argument):
            return self.bindings.bind(self.argument(term))
        if term.name in self.entity_vars:
            return self.eid(term.name)
        bound = scope.lookup(term.name)
        if bound is None:
            self.fail(term.token, "%s has no value here: bind it first with a restriction like `X %s %s`"
                      % (term.name, name_token.text if name_token is not None else "attr", term.name))
        return bound

    def argument(self, term):
        if term.name not in self.kwargs:
            given = ", ".join(sorted(self.kwargs)) or "none"
            self.fail(term.token, "argument %%(%s)s is not given in kwargs (given: %s)" % (term.name, given))
        return self.kwargs[term.name]

    def is_null(self, term):
        if isinstance(term, Literal):
            return term.value is None
        if isinstance(term, Argument):
            return self.argument(term) is None
        return False

    def column_of(self, variable, name_token):
        name = name_token.text
        if name == "eid":
            return self.eid(variable.name)
        etype = self.require_etype(variable, "read its attribute '%s'" % name)
        if name not in self.schema.attributes.get(etype, {}):
            self.fail(name_token, "%s has no attribute '%s'" % (etype, name))
        return "%s.%s" % (self.alias(variable.name), self.names.column(name))

    # -- restrictions --------------------------------------------------------------------------------------

    def scope_vars(self, node_id):
        return [n for n in self.entity_vars if self.scope_of.get(n) == node_id and n not in self.created]

    def open_scope(self, parent, node_id, expr):
        """A scope with its entity variables in FROM and its value variables bound by plain conjuncts."""
        scope = _Scope(parent, node_id)
        for name in self.scope_vars(node_id):
            item, condition = self.from_item(name)
            scope.from_items.append(item)
            if condition:
                scope.conditions.append(condition)
        if expr is not None:
            self.bind_values(scope, expr, node_id)
            condition = self.condition(scope, expr, conjunct=True)
            if condition:
                scope.conditions.append(condition)
        return scope

    def bind_values(self, scope, expr, node_id):
        for part in (expr.parts if isinstance(expr, And) else [expr]):
            if isinstance(part, Comparison) and part.operator is None and isinstance(part.terms[0], Variable):
                name = part.terms[0].name
                if name in self.value_vars and self.scope_of[name] == node_id and scope.lookup(name) is None:
                    scope.bindings[name] = self.column_of(part.subject, part.name)
                    self.binding_comparisons.add(id(part))

    def condition(self, scope, expr, conjunct):
        """SQL for a restriction; '' when it holds by construction (a typing, a binding)."""
        if isinstance(expr, And):
            parts = [self.condition(scope, p, conjunct) for p in expr.parts]
            parts = [p for p in parts if p]
            return " AND ".join(parts) if len(parts) <= 1 else "(" + " AND ".join(parts) + ")"
        if isinstance(expr, Or):
            return "(" + " OR ".join(self.subquery_or_condition(scope, p, id(p), False) or "1=1"
                                     for p in expr.parts) + ")"
        if isinstance(expr, Not):
            return self.subquery_or_condition(scope, expr.part, id(expr), True)
        if isinstance(expr, Typing):
            return self.typing(expr)
        return self.comparison(scope, expr, conjunct)

    def subquery_or_condition(self, scope, expr, node_id, negated):
        if self.scope_vars(node_id):
            inner = self.open_scope(scope, node_id, expr)
            sql = "EXISTS (SELECT 1 FROM %s%s)" % (", ".join(inner.from_items), self.where_clause(inner.conditions))
            return "NOT " + sql if negated else sql
        if negated:
            return "NOT (%s)" % (self.condition(scope, expr, conjunct=False) or "1=1")
        return self.condition(scope, expr, conjunct=False)

    def where_clause(self, conditions):
        return " WHERE " + " AND ".join(conditions) if conditions else ""

    def typing(self, expr):
        if id(expr) in self.narrowing:
            return ""
        etype = expr.etype.text
        if expr.etype.kind == "ANY":
            return ""
        known = self.etype_of(expr.subject.name)
        if known is not None:
            return "1=1" if known == etype else "1=0"
        return "%s.type = %s" % (self.alias(expr.subject.name), self.bindings.bind(etype))

    def comparison(self, scope, expr, conjunct):
        if id(expr) in self.binding_comparisons:
            return ""
        name = expr.name.text
        if name == "eid" or name in self.schema.attribute_names:
            return self.attribute_condition(scope, expr)
        return self.relation_condition(scope, expr, conjunct)

    def check_term(self, variable, name_token, term, like=False):
        """A literal or argument must suit the attribute's type: the database never sees a mismatch."""
        if isinstance(term, Arithmetic):
            final = self.schema.attributes.get(self.etype_of(variable.name), {}).get(name_token.text)
            if final not in NUMERIC_TYPES:
                self.fail(term.token, "arithmetic computes numbers; %s is a %s" % (name_token.text, final))
            for operand in (term.left, term.right):
                self.check_term(variable, name_token, operand)
            return
        if not isinstance(term, (Literal, Argument)):
            return
        value = term.value if isinstance(term, Literal) else self.argument(term)
        if value is None:
            return
        name = name_token.text
        final = "eid" if name == "eid" else self.schema.attributes.get(self.etype_of(variable.name), {}).get(name)
        accepted = (str,) if like else ACCEPTED_VALUES.get(final)
        if accepted is None or (isinstance(value, accepted) and not (isinstance(value, bool) and bool not in accepted)):
            return
        what = "LIKE takes a string pattern" if like else "%s is %s" % (name, "an eid (Int)" if final == "eid" else "a " + final)
        self.fail(term.token, "%s, not %s" % (what, describe_value(value)))

    def lacks(self, variable, name_token):
        """True when the variable's one type has no such attribute or relation: the restriction is false."""
        etype = self.etype_of(variable.name)
        name = name_token.text
        if etype is None or name == "eid":
            return False
        if name in self.schema.attribute_names:
            return name not in self.schema.attributes.get(etype, {})
        return etype not in self.schema.relations[name]["subjects"]

    def attribute_condition(self, scope, expr):
        if self.lacks(expr.subject, expr.name):
            return "1=0"
        column = self.column_of(expr.subject, expr.name)
        for term in expr.terms:
            self.check_term(expr.subject, expr.name, term, like=expr.operator == "LIKE")
        op = expr.operator
        if op == "IN":
            return "%s IN (%s)" % (column, ", ".join(self.value(scope, t, expr.name) for t in expr.terms))
        term = expr.terms[0]
        if op == "LIKE":
            return "%s LIKE %s" % (column, self.value(scope, term, expr.name))
        if self.is_null(term):
            if op in (None, "="):
                return "%s IS NULL" % column
            if op == "!=":
                return "%s IS NOT NULL" % column
            self.fail(term.token, "NULL cannot be compared with %s; use `X attr NULL` or `NOT X attr NULL`" % op)
        return "%s %s %s" % (column, COMPARATORS[op or "="], self.value(scope, term, expr.name))

    def relation_condition(self, scope, expr, conjunct):
        relation = self.schema.relations[expr.name.text]
        if expr.operator not in (None, "="):
            self.fail(expr.name, "a relation is followed with `X %s Y`; %s compares attributes only"
                      % (expr.name.text, expr.operator))
        term = expr.terms[0]
        if self.lacks(expr.subject, expr.name) or (
                isinstance(term, Variable) and self.etype_of(term.name) not in (None,) and
                self.etype_of(term.name) not in relation["objects"]):
            return "1=0"
        subject = self.eid(expr.subject.name)
        if relation["inlined"]:
            self.require_etype(expr.subject, "follow its inlined relation '%s'" % expr.name.text)
            column = "%s.%s" % (self.alias(expr.subject.name), self.names.column(expr.name.text))
            if self.is_null(term):
                return "%s IS NULL" % column
            # `IS NOT NULL AND`: so that NOT (X rel Y) holds when X has no rel at all.
            return "(%s IS NOT NULL AND %s = %s)" % (column, column, self.value(scope, term, expr.name))
        table = self.names.relation_table(expr.name.text)
        if self.is_null(term):
            return "NOT EXISTS (SELECT 1 FROM %s WHERE eid_from = %s)" % (table, subject)
        target = self.value(scope, term, expr.name)
        if conjunct:
            scope.joins += 1
            alias = "_r%d_%s" % (scope.joins, expr.name.text)
            scope.from_items.append("%s AS %s" % (table, alias))
            return "%s.eid_from = %s AND %s.eid_to = %s" % (alias, subject, alias, target)
        return "EXISTS (SELECT 1 FROM %s WHERE eid_from = %s AND eid_to = %s)" % (table, subject, target)

    # -- statements ----------------------------------------------------------------------------------------

    def top_scope(self):
        return self.open_scope(None, None, self.statement.where)

    def select_sql(self, scope, expressions, distinct=False, tail=""):
        return "SELECT %s%s FROM %s%s%s" % ("DISTINCT " if distinct else "", ", ".join(expressions),
                                              ", ".join(scope.from_items), self.where_clause(scope.conditions), tail)

    def expression(self, scope, variable):
        if variable.name in self.entity_vars:
            return self.eid(variable.name)
        bound = scope.lookup(variable.name)
        if bound is None:
            self.fail(variable.token, "%s has no value: bind it with a restriction like `X attr %s`"
                      % (variable.name, variable.name))
        return bound

    def check_grouping(self):
        """With an aggregate, every other selected variable must be grouped (neither database guesses)."""
        st = self.statement
        if st.distinct:
            selected = {s.variable.name for s in st.selection if not s.aggregate}
            for variable, _ in st.orderby:
                if variable.name not in selected:
                    self.fail(variable.token, "DISTINCT rows can only be ordered by what they hold: select %s too"
                              % variable.name)
        if not any(s.aggregate for s in st.selection):
            return
        grouped = {v.name for v in st.groupby}
        for selected in st.selection:
            if not selected.aggregate and selected.variable.name not in grouped:
                self.fail(selected.variable.token, "%s is selected beside an aggregate: add `GROUPBY %s` (before "
                          "ORDERBY) or aggregate it too" % (selected.variable.name, selected.variable.name))

    def select_variables(self):
        """Every variable the SELECT, GROUPBY and ORDERBY clauses read, in order, with a token to report."""
        st = self.statement
        found = {}
        for variable in [sel.variable for sel in st.selection] + st.groupby + [v for v, _ in st.orderby]:
            found.setdefault(variable.name, variable)
        return list(found.values())

    def select_tail(self, expression_of, param=None):
        """GROUP BY, ORDER BY, LIMIT and OFFSET; `param` given: values are placeholders of an outer query."""
        st = self.statement
        bind = self.bindings.bind if param is None else (lambda value: param)
        tail = ""
        if st.groupby:
            tail += " GROUP BY " + ", ".join(expression_of(v) for v in st.groupby)
        if st.orderby:
            tail += " ORDER BY " + ", ".join(expression_of(v) + (" DESC" if desc else "") for v, desc in st.orderby)
        if st.limit is not None:
            tail += " LIMIT " + bind(st.limit)
        if st.offset is not None:
            if st.limit is None and self.dialect == "sqlite":
                tail += " LIMIT -1"  # SQLite takes no OFFSET without a LIMIT; -1 means none
            tail += " OFFSET " + bind(st.offset)
        return tail

    def columns(self):
        return ["%s(%s)" % (s.aggregate, s.variable.name) if s.aggregate else s.variable.name
                for s in self.statement.selection]

    def select(self):
        self.check_grouping()
        scope = self.top_scope()
        expression_of = lambda variable: self.expression(scope, variable)  # noqa: E731
        expressions = [("%s(%s)" % (s.aggregate, expression_of(s.variable)) if s.aggregate else expression_of(s.variable))
                       for s in self.statement.selection]
        return self.columns(), self.select_sql(scope, expressions, distinct=self.statement.distinct,
                                               tail=self.select_tail(expression_of))

    def union_part(self, param):
        """This solution's rows of every variable select_variables() lists, as columns c0, c1..., rendered."""
        self.check_grouping()
        scope = self.top_scope()
        expressions = ["%s AS c%d" % (self.expression(scope, v), i) for i, v in enumerate(self.select_variables())]
        return self.bindings.render(self.select_sql(scope, expressions), param)


def union_select(parts, param):
    """One SELECT over the UNION ALL of the solutions (Translation objects of the same query)."""
    first = parts[0]
    rendered = [part.union_part(param) for part in parts]
    position = {v.name: i for i, v in enumerate(first.select_variables())}
    column = lambda variable: "_u.c%d" % position[variable.name]  # noqa: E731
    outer = ", ".join("%s(%s)" % (s.aggregate, column(s.variable)) if s.aggregate else column(s.variable)
                      for s in first.statement.selection)
    sql = "SELECT %s%s FROM (%s) AS _u%s" % ("DISTINCT " if first.statement.distinct else "", outer,
                                            " UNION ALL ".join(r.sql for r in rendered),
                                            first.select_tail(column, param))
    params = [value for r in rendered for value in r.params]
    st = first.statement
    params += [v for v in (st.limit, st.offset) if v is not None]
    return first.columns(), Statement(sql, params)


__all__ = ["AmbiguousType", "Translation", "SchemaView", "StorageNames", "Statement", "Bindings", "union_select"]
