"""Turns the grammar's syntax tree into the query model the SQL translation works on (Select, Insert, ...)."""

from .errors import RqlError
from .parser import Node, Token, parse

# Functions that fold rows into one value (as in CubicWeb): with them, the other selected values are grouped.
AGGREGATES = {"COUNT", "MIN", "MAX", "SUM", "AVG", "GROUP_CONCAT"}


# -- terms ----------------------------------------------------------------------------------------------

class Literal:
    def __init__(self, value, token):
        self.value, self.token = value, token


class Special:
    """`TODAY` or `NOW`: the date or time when the query runs."""

    def __init__(self, kind, token):
        self.kind, self.token = kind, token


class Argument:
    def __init__(self, name, token):
        self.name, self.token = name, token


class Variable:
    def __init__(self, name, token):
        self.name, self.token = name, token


class EtypeName:
    """An entity type written as a value (the object of `is`, `is_instance_of`)."""

    def __init__(self, name, token):
        self.name, self.token = name, token


class Arithmetic:
    """`A + 1`, `S * 2`: numbers computed from values (left to right; * / % before + and -)."""

    def __init__(self, operator, left, right, token):
        self.operator, self.left, self.right, self.token = operator, left, right, token


class Negative:
    """`-A`: the opposite of a value."""

    def __init__(self, operand, token):
        self.operand, self.token = operand, token


class Function:
    """`UPPER(N)`, `COUNT(X)`, `F(1, 2)`: a function of the database applied to values."""

    def __init__(self, name, args, token):
        self.name, self.args, self.token = name, args, token

    @property
    def aggregate(self):
        return self.name.upper() in AGGREGATES


def term_variables(term):
    """The variables a value reads."""
    if isinstance(term, Variable):
        return [term]
    if isinstance(term, Arithmetic):
        return term_variables(term.left) + term_variables(term.right)
    if isinstance(term, Negative):
        return term_variables(term.operand)
    if isinstance(term, Function):
        return [v for a in term.args for v in term_variables(a)]
    return []


def expression_variables(expr):
    """The names of the variables a restriction reads, at any depth."""
    if isinstance(expr, (And, Or)):
        return [n for part in expr.parts for n in expression_variables(part)]
    if isinstance(expr, (Not, Exists)):
        return expression_variables(expr.part)
    if isinstance(expr, Typing):
        return [expr.subject.name]
    if isinstance(expr, Comparison):
        return [expr.subject.name] + [v.name for t in expr.terms for v in term_variables(t)]
    return []


def has_aggregate(term):
    if isinstance(term, Function):
        return term.aggregate or any(has_aggregate(a) for a in term.args)
    if isinstance(term, Arithmetic):
        return has_aggregate(term.left) or has_aggregate(term.right)
    if isinstance(term, Negative):
        return has_aggregate(term.operand)
    return False


# -- restrictions -----------------------------------------------------------------------------------------

class And:
    def __init__(self, parts):
        self.parts = parts


class Or:
    def __init__(self, parts):
        self.parts = parts


class Not:
    def __init__(self, part, token):
        self.part, self.token = part, token


class Exists:
    """`EXISTS(...)`: its variables not used outside are existential there."""

    def __init__(self, part, token):
        self.part, self.token = part, token


class Typing:
    """`X is Etype`, `X is IN (A, B)`; `X is_instance_of ...` (instance=True) also admits the subtypes."""

    def __init__(self, subject, etypes, token, instance=False):
        self.subject, self.etypes, self.token, self.instance = subject, etypes, token, instance

    @property
    def etype(self):
        return self.etypes[0]


class Comparison:
    """`X name V`, `X age > 3`, `X name LIKE "a%"`, `X age IN (1, 2)`, `X knows Y`; operator None is the bare form.

    optional: 'left' (`X? rel Y`), 'right' (`X rel Y?`) or 'both': an outer join.
    """

    def __init__(self, subject, name, operator, terms, token, optional=None):
        self.subject, self.name, self.operator, self.terms, self.token = subject, name, operator, terms, token
        self.optional = optional


class Test:
    """A HAVING condition: `COUNT(X) > 1`, `UPPER(L) = UPPER(N)`, `COUNT(X) IN (1, 2)`."""

    def __init__(self, left, operator, terms, token):
        self.left, self.operator, self.terms, self.token = left, operator, terms, token


# -- statements -------------------------------------------------------------------------------------------

class Subquery:
    """`X, N BEING (Any X, N WHERE ...)` in a WITH clause: the aliases name the subquery's columns."""

    def __init__(self, aliases, query):
        self.aliases, self.query = aliases, query


class Select:
    def __init__(self, selection, groupby, orderby, limit, offset, where, distinct=False, having=None, subqueries=(),
                 head=None):
        self.selection, self.groupby, self.orderby, self.distinct = selection, groupby, orderby, distinct
        self.limit, self.offset, self.where, self.having = limit, offset, where, having
        self.subqueries, self.head = list(subqueries), head


class Union:
    """`(Any ...) UNION (Any ...)`: the rows of every part, in order."""

    def __init__(self, selects, token):
        self.selects, self.token = selects, token


class Declaration:
    """`Person X` in INSERT and DELETE."""

    def __init__(self, etype, variable):
        self.etype, self.variable = etype, variable


class Assignment:
    """`X attr V` or `X rel Y` in INSERT, SET and DELETE."""

    def __init__(self, subject, name, term, token):
        self.subject, self.name, self.term, self.token = subject, name, term, token


class Insert:
    def __init__(self, declarations, assignments, where):
        self.declarations, self.assignments, self.where = declarations, assignments, where


class Update:
    def __init__(self, assignments, where):
        self.assignments, self.where = assignments, where


class DeleteEntities:
    def __init__(self, declarations, where):
        self.declarations, self.where = declarations, where


class DeleteRelations:
    def __init__(self, assignments, where):
        self.assignments, self.where = assignments, where


# -- building -----------------------------------------------------------------------------------------------

def read_query(text):
    """Parses `text` into a statement of the model; raises RqlError on a syntax error."""
    result = parse(text)
    if result.problem is not None:
        raise RqlError(text, result.problem.offset, result.problem.message, result.problem.expected)
    statement = result.tree.node("statement").children[0]
    return _Reader(text).statement(statement)


def _flatten(kind, parts):
    if len(parts) == 1:
        return parts[0]
    flat = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, kind) else [part])
    return kind(flat)


def _unquote(text):
    """As CubicWeb reads a string: only the backslash and the quote that delimits it are escaped."""
    quote, body = text[0], text[1:-1]
    out, i = [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body) and body[i + 1] in ("\\", quote):
            out.append(body[i + 1])
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


class _Reader:
    def __init__(self, text):
        self.text = text

    def fail(self, token, problem):
        raise RqlError(self.text, token.start, problem)

    def statement(self, node):
        if node.rule == "union":
            return self.union(node)
        if node.node("having") is not None:
            self.fail(node.node("having").children[0], "HAVING filters the groups of a selection; a change takes "
                      "WHERE restrictions only")
        return getattr(self, "_" + node.rule)(node)

    # -- selections ---------------------------------------------------------------------------------------

    def union(self, node):
        inner = node.children[0]
        if inner.rule == "select":
            return self.select(inner)
        selects = [self.select(s) for s in inner.nodes("select")]
        return selects[0] if len(selects) == 1 else Union(selects, inner.tokens("UNION")[0])

    def select(self, node):
        head = node.tokens("ETYPE")[0]
        selection = [self.term(e) for e in node.node("selection").nodes("expression")]
        groupby = [self.column(e, selection) for e in node.node("groupby").nodes("expression")] \
            if node.node("groupby") else []
        orderby = []
        if node.node("orderby"):
            for term in node.node("orderby").nodes("sortterm"):
                orderby.append((self.column(term.node("expression"), selection), bool(term.tokens("DESC"))))
        limit = int(node.node("limit").tokens("INT")[0].text) if node.node("limit") else None
        offset = int(node.node("offset").tokens("INT")[0].text) if node.node("offset") else None
        where = self.where(node)
        if head.text != "Any":
            # `Person P WHERE ...` is `Any P WHERE P is Person, ...`.
            first = selection[0]
            if not isinstance(first, Variable):
                self.fail(head, "`%s ...` selects entities of that type: a variable must follow it" % head.text)
            typing = Typing(first, [head], head)
            where = typing if where is None else _flatten(And, [typing, where])
        having = self.condition(node.node("having").node("condition")) if node.node("having") else None
        subqueries = []
        if node.node("with"):
            for sub in node.node("with").nodes("subquery"):
                aliases = [Variable(t.text, t) for t in sub.tokens("VAR")]
                subqueries.append(Subquery(aliases, self.union(sub.node("union"))))
        return Select(selection, groupby, orderby, limit, offset, where, bool(node.tokens("DISTINCT")), having,
                      subqueries, head)

    def column(self, node, selection):
        """A GROUPBY or ORDERBY term; an integer there is a position in the selection (1 is the first)."""
        term = self.term(node)
        if isinstance(term, Literal) and isinstance(term.value, int) and not isinstance(term.value, bool):
            if not 1 <= term.value <= len(selection):
                self.fail(term.token, "column %d is not selected: the selection has %d column(s)"
                          % (term.value, len(selection)))
            return selection[term.value - 1]
        return term

    # -- changes ------------------------------------------------------------------------------------------

    def _insert(self, node):
        declarations = [self.declaration(d) for d in self.declarations(node)]
        return Insert(declarations, self.assignments(node), self.where(node))

    def _update(self, node):
        return Update(self.assignments(node), self.where(node))

    def _delete(self, node):
        if node.node("declarations") is not None or node.node("declaration") is not None:
            return DeleteEntities([self.declaration(d) for d in self.declarations(node)], self.where(node))
        # The relations to delete are also restrictions: only existing (X, Y) pairs are found and removed.
        assignments = self.assignments(node)
        found = [Comparison(a.subject, a.name, None, [a.term], a.token) for a in assignments]
        where = self.where(node)
        return DeleteRelations(assignments, _flatten(And, found + ([where] if where is not None else [])))

    def declarations(self, node):
        many = node.node("declarations")
        return many.nodes("declaration") if many is not None else [node.node("declaration")]

    def declaration(self, node):
        etype, variable = node.tokens()
        return Declaration(etype, Variable(variable.text, variable))

    def assignments(self, node):
        many = node.node("assignments")
        found = many.nodes("assignment") if many is not None else node.nodes("assignment")
        result = []
        for assignment in found:
            subject, name = assignment.tokens()
            result.append(Assignment(Variable(subject.text, subject), name, self.term(assignment.node("expression")),
                                     name))
        return result

    # -- restrictions -------------------------------------------------------------------------------------

    def where(self, node):
        where = node.node("where")
        return self.restriction(where.node("restriction")) if where is not None else None

    def restriction(self, node):
        return _flatten(And, [self.disjunction(d) for d in node.nodes("disjunction")])

    def disjunction(self, node):
        return _flatten(Or, [self.conjunction(c) for c in node.nodes("conjunction")])

    def conjunction(self, node):
        return _flatten(And, [self.negation(n) for n in node.nodes("negation")])

    def negation(self, node):
        if node.node("group") is not None:
            expression = self.restriction(node.node("group").node("restriction"))
        elif node.node("exists") is not None:
            exists = node.node("exists")
            expression = Exists(self.restriction(exists.node("restriction")), exists.tokens("EXISTS")[0])
        else:
            expression = self.relation(node.node("relation"))
        negated = node.tokens("NOT")
        return Not(expression, negated[0]) if negated else expression

    def relation(self, node):
        subject_token, name = node.tokens("VAR")[0], node.tokens("NAME")[0]
        subject = Variable(subject_token.text, subject_token)
        marks = [c for c in node.children if isinstance(c, Token) and c.kind == "?"]
        left = any(m.start < name.start for m in marks)
        right = any(m.start > name.start for m in marks)
        optional = "both" if left and right else "left" if left else "right" if right else None
        value = node.node("value")
        membership = value.node("membership")
        if membership is not None:
            operator, terms = "IN", self.expressions(membership)
        else:
            comparison = value.node("comparison")
            found = comparison.node("operator")
            operator = found.children[0].kind if found is not None else None
            terms = [self.term(comparison.node("expression"))]
        if name.text in ("is", "is_instance_of"):
            return self.typing(subject, name, operator, terms, optional)
        return Comparison(subject, name, operator, terms, name, optional)

    def typing(self, subject, name, operator, terms, optional):
        if operator not in (None, "=", "IN") or optional:
            self.fail(name, "`%s` takes an entity type or IN (types): `X %s Person`" % (name.text, name.text))
        etypes = []
        for term in terms:
            if not isinstance(term, EtypeName):
                self.fail(term.token, "`%s` takes entity types (Person, Any), not %s"
                          % (name.text, getattr(term, "name", None) or term.token.text))
            etypes.append(term.token)
        if not etypes:
            self.fail(name, "`%s IN ()` names no entity type" % name.text)
        return Typing(subject, etypes, name, instance=name.text == "is_instance_of")

    def expressions(self, membership):
        found = membership.node("expressions")
        if found is None:
            expression = membership.node("expression")
            return [self.term(expression)] if expression is not None else []
        return [self.term(e) for e in found.nodes("expression")]

    # -- HAVING -------------------------------------------------------------------------------------------

    def condition(self, node):
        return _flatten(And, [self.condor(c) for c in node.nodes("condor")])

    def condor(self, node):
        return _flatten(Or, [self.condand(c) for c in node.nodes("condand")])

    def condand(self, node):
        return _flatten(And, [self.condnot(c) for c in node.nodes("condnot")])

    def condnot(self, node):
        group = node.node("condgroup")
        expression = self.condition(group.node("condition")) if group is not None else self.test(node.node("test"))
        negated = node.tokens("NOT")
        return Not(expression, negated[0]) if negated else expression

    def test(self, node):
        if node.tokens("?"):
            self.fail(node.tokens("?")[0], "an outer join (`?`) in HAVING is not supported: write the condition "
                      "in WHERE with `X rel Y?`")
        expressions = node.nodes("expression")
        left = self.term(expressions[0])
        membership = node.node("membership")
        if membership is not None:
            return Test(left, "IN", self.expressions(membership), membership.children[0])
        operator = node.node("operator").children[0]
        return Test(left, operator.kind, [self.term(expressions[1])], operator)

    # -- values -------------------------------------------------------------------------------------------

    def term(self, node):
        """An expression, product, unary or atom node, or a token: the term it computes."""
        if isinstance(node, Token):
            return self.atom_token(node)
        rule = node.rule
        if rule in ("expression", "product"):
            children = node.children
            value = self.term(children[0])
            for i in range(1, len(children), 2):
                value = Arithmetic(children[i].kind, value, self.term(children[i + 1]), children[i])
            return value
        if rule == "unary":
            if len(node.children) == 2:
                sign, operand = node.children
                inner = self.term(operand)
                if isinstance(inner, Literal) and isinstance(inner.value, (int, float)) \
                        and not isinstance(inner.value, bool):
                    return Literal(-inner.value, sign)
                return Negative(inner, sign)
            return self.term(node.children[0])
        if rule == "atom":
            return self.term(node.children[0])
        if rule == "parenthesized":
            return self.term(node.node("expression"))
        if rule == "function":
            name = node.children[0]
            found = node.node("expressions")
            args = [self.term(e) for e in found.nodes("expression")] if found is not None else \
                [self.term(e) for e in node.nodes("expression")]
            return Function(name.text, args, name)
        raise AssertionError("grammar.json: no term for rule %s" % rule)

    def atom_token(self, token):
        kind = token.kind
        if kind == "VAR":
            return Variable(token.text, token)
        if kind == "ETYPE":
            return EtypeName(token.text, token)
        if kind == "ARG":
            return Argument(token.text[2:-2], token)
        if kind == "STRING":
            return Literal(_unquote(token.text), token)
        if kind == "INT":
            return Literal(int(token.text), token)
        if kind == "FLOAT":
            return Literal(float(token.text), token)
        if kind in ("TODAY", "NOW"):
            return Special(kind, token)
        return Literal({"TRUE": True, "FALSE": False, "NULL": None}[kind], token)


__all__ = ["read_query", "term_variables", "has_aggregate", "Node", "Token"]
