"""Plans the SQL of one RQL query over the storage layout: variable kinds, scopes and entity types.

Variables are typed from `X is Etype`, declarations and the relation definitions; a variable whose
occurrences all sit inside one NOT, EXISTS or OR branch is existential there and becomes an EXISTS
subquery, as RQL means it. The SQL of each construct is in its own module: values and functions
(functions.py), restrictions (restriction.py), selections, HAVING, WITH and UNION (selection.py);
writes run in execute.py. Values are always bound (bindings.py).
"""

import difflib

from .bindings import Bindings, Statement
from .errors import RqlError
from .functions import ValueSql
from .query import (And, Argument, Arithmetic, Comparison, EtypeName, Exists, Function, Insert, Literal, Negative, Not,
                    Or, Select, Test, Typing, Variable, term_variables)
from .restriction import RestrictionSql
from .schema_view import ACCEPTED_VALUES, NUMERIC_TYPES, SchemaView, StorageNames, describe_value
from .selection import SelectionSql, compile_select


class AmbiguousType(RqlError):
    """A variable of several entity types where one is needed: the query runs once per type (a union)."""

    def __init__(self, query, offset, problem, variable, types):
        super().__init__(query, offset, problem)
        self.variable, self.types = variable, types


class Scope:
    """A FROM/WHERE level: the top query or an EXISTS subquery; value variables bound there."""

    def __init__(self, parent, node):
        self.parent, self.node = parent, node
        self.from_items, self.conditions, self.bindings = [], [], {}
        self.outer_joins = []                           # LEFT/FULL OUTER JOIN clauses, after the FROM items
        self.joins = 0 if parent is None else parent.joins

    def lookup(self, name):
        scope = self
        while scope is not None:
            if name in scope.bindings:
                return scope.bindings[name]
            scope = scope.parent
        return None


# Relations every entity has, with a meaning of their own rather than a table.
SPECIAL_RELATIONS = {"identity"}


class Translation(ValueSql, RestrictionSql, SelectionSql):
    """Plans the SQL of one query; raises RqlError (positioned in the query) for anything outside the language."""

    def __init__(self, text, statement, schema, names=None, kwargs=None, dialect="sqlite", forced=None,
                 bindings=None):
        self.text, self.statement, self.schema, self.dialect = text, statement, schema, dialect
        self.names = names or StorageNames()
        self.kwargs = kwargs or {}
        self.bindings = bindings if bindings is not None else Bindings()
        self.entity_vars, self.value_vars = {}, {}     # name -> first token
        self.candidates = {}                           # entity variable -> set of possible entity types
        self.scope_of = {}                             # variable -> id of its scope node (None: top)
        self.narrowing = set()                         # ids of Typing nodes that type their variable
        self.binding_comparisons = set()               # ids of `X attr N` that give N its value (no condition)
        # What the SQL depends on in the arguments, so that a cached translation is checked and reused.
        self.null_sensitive = set()                    # arguments whose NULL-ness changed the SQL
        self.argument_checks = []                      # (name, accepted types, problem, token)
        self.arguments_used = {}                       # name -> token
        # Variables an INSERT creates: they exist in no table yet, so the WHERE clause never reads them.
        self.created = {d.variable.name for d in statement.declarations} if isinstance(statement, Insert) else set()
        # WITH ... BEING (...) aliases: name -> (subquery index, column index).
        self.aliases = {}
        for i, sub in enumerate(getattr(statement, "subqueries", [])):
            for j, alias in enumerate(sub.aliases):
                self.aliases[alias.name] = (i, j)
        self._analyse()
        # One solution of a union: variables of several possible types, each given one (see selection.py).
        for name, etype in (forced or {}).items():
            if name in self.optional:
                # One query per type would give each row once per type, NULL where it is another one.
                self.fail(self.optional[name][0].token, "the optional %s may be %s: add `%s is <Etype>` to read it"
                          % (name, " or ".join(sorted(self.candidates[name])), name))
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

        def read(term, path=()):
            for variable in term_variables(term):
                occurrences.setdefault(variable.name, []).append(path)

        top = ()
        for declaration in getattr(st, "declarations", []):
            occur(declaration.variable, top, "entity")
        for assignment in getattr(st, "assignments", []):
            if assignment.name.text == "has_text":
                self.fail(assignment.name, "has_text searches the text of the full-text indexed attributes; it is "
                          "not set: change the attributes themselves")
            occur(assignment.subject, top, "entity")
            self._occur_in(assignment.term, assignment.name, lambda v, kind: occur(v, top, kind))
        if isinstance(st, Select):
            for term in st.selection + st.groupby + [t for t, _ in st.orderby]:
                self._no_etype(term)
                read(term)
            if st.having is not None:
                self._walk_having(st.having, read)
            for name in self.aliases:
                occurrences.setdefault(name, []).append(top)

        outer = []                                     # (relation, scope path, plain conjunct of it)

        def walk(expr, path, plain=True):
            if isinstance(expr, And):
                for part in expr.parts:
                    walk(part, path, plain)
            elif isinstance(expr, Or):
                for part in expr.parts:
                    walk(part, path + (id(part),), False)
            elif isinstance(expr, Not):
                walk(expr.part, path + (id(expr),), False)
            elif isinstance(expr, Exists):
                walk(expr.part, path + (id(expr),), True)
            elif isinstance(expr, Typing):
                occur(expr.subject, path, "entity")
            elif isinstance(expr, Comparison):
                if expr.name.text == "has_text" and (expr.operator not in (None, "=") or len(expr.terms) != 1 or
                                                     not isinstance(expr.terms[0], (Literal, Argument))):
                    self.fail(expr.name, "has_text takes the words to search as a string: `X has_text \"words\"` or "
                              "`X has_text %(words)s`")
                occur(expr.subject, path, "entity")
                for term in expr.terms:
                    self._occur_in(term, expr.name, lambda v, kind, path=path: occur(v, path, kind))
                if expr.optional:
                    outer.append((expr, path, plain))
        if st.where is not None:
            walk(st.where, top)

        for name, paths in occurrences.items():
            common = paths[0]
            for path in paths[1:]:
                n = 0
                while n < len(common) and n < len(path) and common[n] == path[n]:
                    n += 1
                common = common[:n]
            # A WITH alias is bound by the top query, whatever reads it.
            self.scope_of[name] = None if name in self.aliases else (common[-1] if common else None)
        # A variable only selected (`Any X`) is an entity of any type; a WITH alias only read is its column.
        for name in occurrences:
            if name not in self.entity_vars and name not in self.value_vars:
                token = self._first_token(name)
                (self.value_vars if name in self.aliases else self.entity_vars)[name] = token
        self._outer_joins(outer)
        self._infer_types()

    def _outer_joins(self, found):
        """`X rel Y?` (Y optional), `X? rel Y` (X optional), `X? rel Y?` (both): each optional variable is joined
        to the other end by a LEFT (FULL) OUTER JOIN whose ON clause holds the restrictions that read it."""
        self.optional = {}                             # optional variable -> (relation, anchor variable name)
        for expr, path, plain in found:
            name = expr.name.text
            if name in self.schema.attribute_names or name == "eid":
                if expr.optional == "right":
                    continue  # `X attr V?`: an attribute is read as NULL where there is none, as asked
                self.fail(expr.token, "'%s' is an attribute: its value is NULL where there is none; `?` marks the "
                          "optional end of a relation (`X rel Y?`)" % name)
            if name in SPECIAL_RELATIONS or name not in self.schema.relations:
                if name not in self.schema.relations and name not in SPECIAL_RELATIONS:
                    self._unknown_name(expr.name)
                self.fail(expr.token, "'%s' cannot be optional: `?` marks the end of a relation" % name)
            term = expr.terms[0] if len(expr.terms) == 1 else None
            if expr.operator not in (None, "=") or not isinstance(term, Variable) or term.name in self.value_vars:
                self.fail(expr.token, "an optional relation links two variables: `X %s Y?` or `X? %s Y`"
                          % (name, name))
            ends = {"right": [(term, expr.subject)], "left": [(expr.subject, term)], "both": [(term, expr.subject)]}
            for optional, anchor in ends[expr.optional]:
                scope = path[-1] if path else None
                if not plain or self.scope_of.get(optional.name) != scope:
                    self.fail(expr.token, "an optional relation is a plain restriction (joined with `,`) of the "
                              "query or EXISTS where %s is used, not inside OR or NOT" % optional.name)
                if optional.name in self.optional:
                    self.fail(optional.token, "%s is already the optional end of '%s': a variable is joined by one "
                              "optional relation" % (optional.name, self.optional[optional.name][0].name.text))
                if optional.name in self.aliases or optional.name in self.created:
                    self.fail(optional.token, "%s comes from %s: it cannot be an optional end" % (
                        optional.name, "a WITH subquery" if optional.name in self.aliases else "this INSERT"))
                self.optional[optional.name] = (expr, anchor.name)

    def _walk_having(self, expr, read):
        if isinstance(expr, (And, Or)):
            for part in expr.parts:
                self._walk_having(part, read)
        elif isinstance(expr, Not):
            self._walk_having(expr.part, read)
        else:
            for term in [expr.left] + expr.terms:
                self._no_etype(term)
                read(term)

    def _no_etype(self, term):
        if isinstance(term, EtypeName):
            self.fail(term.token, "an entity type is a value only after `is` or `is_instance_of` (`X is %s`); "
                      "a variable is upper case (X, N1)" % term.name)
        for inner in getattr(term, "args", []) + [getattr(term, "left", None), getattr(term, "right", None),
                                                  getattr(term, "operand", None)]:
            if inner is not None:
                self._no_etype(inner)

    def _occur_in(self, term, name_token, occur):
        """Records the variables of a value: an expression computes values from attribute values."""
        self._no_etype(term)
        if isinstance(term, Variable):
            occur(term, self._object_kind(name_token))
        elif isinstance(term, (Arithmetic, Negative, Function)):
            if self._object_kind(name_token) != "value":
                self.fail(term.token, "'%s' is a relation: it takes a variable or an eid, not an expression"
                          % name_token.text)
            for variable in term_variables(term):
                occur(variable, "value")

    def _first_token(self, name):
        st = self.statement
        if isinstance(st, Select):
            for term in st.selection + st.groupby + [t for t, _ in st.orderby]:
                for variable in term_variables(term):
                    if variable.name == name:
                        return variable.token
            for sub in st.subqueries:
                for alias in sub.aliases:
                    if alias.name == name:
                        return alias.token
        return None

    def _object_kind(self, name_token):
        name = name_token.text
        if name == "eid" or name == "has_text" or name in self.schema.attribute_names:
            return "value"
        if name in self.schema.relations or name in SPECIAL_RELATIONS:
            return "entity"
        self._unknown_name(name_token)

    def _unknown_name(self, name_token):
        name = name_token.text
        self.fail(name_token, "unknown attribute or relation '%s'%s" % (name, self._suggest(name)))

    def _suggest(self, name):
        known = sorted(self.schema.attribute_names | set(self.schema.relations))
        close = difflib.get_close_matches(name, known, n=3)
        return "; did you mean %s?" % " or ".join("'%s'" % c for c in close) if close else ""

    def _kind(self, variable, kind):
        mine, other = (self.entity_vars, self.value_vars) if kind == "entity" else (self.value_vars, self.entity_vars)
        if variable.name in other:
            self.fail(variable.token, "%s is used both as an entity and as an attribute value" % variable.name)
        mine.setdefault(variable.name, variable.token)

    def check_etype(self, token):
        if token.text == "Any":
            return None
        if token.text not in self.schema.etype_set:
            close = difflib.get_close_matches(token.text, sorted(self.schema.etypes), n=3)
            hint = "; did you mean %s?" % " or ".join(close) if close else ""
            self.fail(token, "unknown entity type '%s'%s" % (token.text, hint), ["ETYPE"])
        return token.text

    def typing_types(self, expr):
        """The entity types a typing admits; None for `is Any`."""
        types = set()
        for token in expr.etypes:
            etype = self.check_etype(token)
            if etype is None:
                return None
            types |= self.schema.instances_of(etype) if expr.instance else {etype}
        return types

    def _infer_types(self):
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

        def constrain(subject, name_token, term, scope_node=None, everywhere=True):
            # Under OR or NOT a restriction does not type its variables: for a type without that
            # attribute or relation it is merely false there (see attribute_condition).
            name = name_token.text
            if name == "eid" or name == "has_text" or name in SPECIAL_RELATIONS:
                return  # has_text is false for a type without indexed text, it does not type its subject
            if name not in self.schema.attribute_names and name not in self.schema.relations:
                self._unknown_name(name_token)
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
            etype = self.check_etype(declaration.etype)
            if etype is not None:
                narrow(declaration.variable, [etype], "is declared %s" % etype)
        for assignment in getattr(st, "assignments", []):
            constrain(assignment.subject, assignment.name, assignment.term)

        def walk(expr, scope_node):
            # A restriction types the variables of its own scope (those not used outside it).
            if isinstance(expr, And):
                for part in expr.parts:
                    walk(part, scope_node)
            elif isinstance(expr, Or):
                for part in expr.parts:
                    walk(part, id(part))
            elif isinstance(expr, (Not, Exists)):
                walk(expr.part, id(expr))
            elif isinstance(expr, Typing):
                types = self.typing_types(expr)
                # `X is T` types X only where it is a plain conjunct of X's own scope; elsewhere it is a test.
                if types is not None and self.scope_of[expr.subject.name] == scope_node:
                    narrow(expr.subject, types, "is %s" % " or ".join(t.text for t in expr.etypes))
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
        types = self.candidates.get(name)
        return next(iter(types)) if types is not None and len(types) == 1 else None

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

    # -- arguments (recorded, so that a cached translation is checked against each call's kwargs) -----------

    def argument(self, term):
        """The value of %(name)s now; the SQL binds the name, not the value."""
        if term.name not in self.kwargs:
            given = ", ".join(sorted(self.kwargs)) or "none"
            self.fail(term.token, "argument %%(%s)s is not given in kwargs (given: %s)" % (term.name, given))
        self.arguments_used.setdefault(term.name, term.token)
        return self.kwargs[term.name]

    def is_null(self, term):
        from .query import Argument, Literal
        if isinstance(term, Literal):
            return term.value is None
        if isinstance(term, Argument):
            self.null_sensitive.add(term.name)
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

    def check_term(self, variable, name_token, term, like=False):
        """A literal or argument must suit the attribute's type: the database never sees a mismatch."""
        from .query import Argument, Literal
        if isinstance(term, Arithmetic):
            final = self.schema.attributes.get(self.etype_of(variable.name), {}).get(name_token.text)
            if final not in NUMERIC_TYPES + TEMPORAL_TYPES:
                self.fail(term.token, "arithmetic computes numbers; %s is a %s" % (name_token.text, final))
            if final in NUMERIC_TYPES:
                for operand in (term.left, term.right):
                    self.check_term(variable, name_token, operand)
            return
        if not isinstance(term, (Literal, Argument)):
            return
        name = name_token.text
        final = "eid" if name == "eid" else self.schema.attributes.get(self.etype_of(variable.name), {}).get(name)
        accepted = (str,) if like else ACCEPTED_VALUES.get(final)
        if accepted is None:
            return
        what = "%s takes a string pattern" % ("LIKE" if like is True else like) if like else \
            "%s is %s" % (name, "an eid (Int)" if final == "eid" else "a " + final)
        if isinstance(term, Argument):
            self.argument_checks.append((term.name, accepted, what, term.token))
        check_value(self.text, term.token, term.value if isinstance(term, Literal) else self.argument(term),
                    accepted, what)


# `TODAY - 7`: days added to a date.
TEMPORAL_TYPES = ("Date", "Datetime", "TZDatetime")


def check_value(text, token, value, accepted, what):
    if value is None or (isinstance(value, accepted) and not (isinstance(value, bool) and bool not in accepted)):
        return
    raise RqlError(text, token.start, "%s, not %s" % (what, describe_value(value)))


__all__ = ["AmbiguousType", "Translation", "SchemaView", "StorageNames", "Statement", "Bindings", "Scope",
           "compile_select", "check_value", "Test"]
