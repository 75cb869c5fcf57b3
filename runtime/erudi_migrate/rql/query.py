"""Turns the grammar's syntax tree into the query model the SQL translation works on (Select, Insert, ...)."""

from .errors import RqlError
from .parser import Node, Token, parse


# -- terms ----------------------------------------------------------------------------------------------

class Literal:
    def __init__(self, value, token):
        self.value, self.token = value, token


class Argument:
    def __init__(self, name, token):
        self.name, self.token = name, token


class Variable:
    def __init__(self, name, token):
        self.name, self.token = name, token


class Arithmetic:
    """`A + 1`, `S * 2`: numbers computed from values (left to right; * and / before + and -)."""

    def __init__(self, operator, left, right, token):
        self.operator, self.left, self.right, self.token = operator, left, right, token


def term_variables(term):
    """The variables a value reads: itself, or those of an arithmetic expression."""
    if isinstance(term, Variable):
        return [term]
    if isinstance(term, Arithmetic):
        return term_variables(term.left) + term_variables(term.right)
    return []


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


class Typing:
    """`X is Etype`."""

    def __init__(self, subject, etype, token):
        self.subject, self.etype, self.token = subject, etype, token


class Comparison:
    """`X name V`, `X age > 3`, `X name LIKE "a%"`, `X age IN (1, 2)`, `X knows Y`; operator None is the bare form."""

    def __init__(self, subject, name, operator, terms, token):
        self.subject, self.name, self.operator, self.terms, self.token = subject, name, operator, terms, token


# -- statements -------------------------------------------------------------------------------------------

class Selected:
    def __init__(self, variable, aggregate=None):
        self.variable, self.aggregate = variable, aggregate


class Select:
    def __init__(self, selection, groupby, orderby, limit, offset, where, distinct=False):
        self.selection, self.groupby, self.orderby, self.distinct = selection, groupby, orderby, distinct
        self.limit, self.offset, self.where = limit, offset, where


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
    statement = result.tree.nodes()[0]
    return _STATEMENTS[statement.rule](statement)


def _select(node):
    selection = []
    for selected in node.node("selection").nodes("selected"):
        aggregate = selected.node("aggregate")
        if aggregate is not None:
            function = aggregate.children[0]
            selection.append(Selected(_variable(aggregate.tokens("VAR")[0]), function.kind))
        else:
            selection.append(Selected(_variable(selected.tokens("VAR")[0])))
    groupby = [_variable(t) for t in node.node("groupby").tokens("VAR")] if node.node("groupby") else []
    orderby = []
    if node.node("orderby"):
        for term in node.node("orderby").nodes("sortterm"):
            orderby.append((_variable(term.tokens("VAR")[0]), bool(term.tokens("DESC"))))
    limit = int(node.node("limit").tokens("INT")[0].text) if node.node("limit") else None
    offset = int(node.node("offset").tokens("INT")[0].text) if node.node("offset") else None
    return Select(selection, groupby, orderby, limit, offset, _where(node), bool(node.tokens("DISTINCT")))


def _insert(node):
    declarations = [_declaration(d) for d in node.nodes("declaration")]
    return Insert(declarations, _assignments(node), _where(node))


def _update(node):
    return Update(_assignments(node), _where(node))


def _delete(node):
    if node.node("declarations") is not None:
        return DeleteEntities([_declaration(d) for d in node.node("declarations").nodes("declaration")], _where(node))
    # The relations to delete are also restrictions: only existing (X, Y) pairs are found and removed.
    assignments = _assignments(node)
    found = [Comparison(a.subject, a.name, None, [a.term], a.token) for a in assignments]
    where = _where(node)
    return DeleteRelations(assignments, _flatten(And, found + ([where] if where is not None else [])))


_STATEMENTS = {"select": _select, "insert": _insert, "update": _update, "delete": _delete}


def _declaration(node):
    etype = node.node("etype").children[0]
    return Declaration(etype, _variable(node.tokens("VAR")[0]))


def _assignments(node):
    found = node.node("assignments")
    if found is None:
        return []
    result = []
    for assignment in found.nodes("assignment"):
        subject, name = assignment.tokens()
        result.append(Assignment(_variable(subject), name, _value(assignment.node("sum")), name))
    return result


def _where(node):
    where = node.node("where")
    return _restriction(where.node("restriction")) if where is not None else None


def _restriction(node):
    return _flatten(And, [_disjunction(d) for d in node.nodes("disjunction")])


def _disjunction(node):
    return _flatten(Or, [_conjunction(c) for c in node.nodes("conjunction")])


def _conjunction(node):
    return _flatten(And, [_negation(n) for n in node.nodes("negation")])


def _flatten(kind, parts):
    if len(parts) == 1:
        return parts[0]
    flat = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, kind) else [part])
    return kind(flat)


def _negation(node):
    inner = node.node("group")
    expression = _restriction(inner.node("restriction")) if inner is not None else _relation(node.node("relation"))
    negated = node.tokens("NOT")
    return Not(expression, negated[0]) if negated else expression


def _relation(node):
    subject = _variable(node.tokens("VAR")[0])
    typing = node.node("typing")
    if typing is not None:
        return Typing(subject, typing.node("etype").children[0], typing.tokens("IS")[0])
    comparison = node.node("comparison")
    name = comparison.tokens("NAME")[0]
    for form in comparison.nodes():
        if form.rule == "membership":
            return Comparison(subject, name, "IN", [_term(t) for t in form.nodes("term")], name)
        if form.rule == "likeness":
            return Comparison(subject, name, "LIKE", [_term(form.node("term"))], name)
        operator = form.node("operator")
        op = operator.children[0].kind if operator is not None else None
        return Comparison(subject, name, op, [_value(form.node("sum"))], name)
    raise AssertionError("grammar.json: a comparison without a form")


def _variable(token):
    return Variable(token.text, token)


def _value(node):
    """A sum or product node: its single term, or the Arithmetic it computes."""
    if node.rule == "term":
        return _term(node)
    children = node.children
    value = _value(children[0])
    for i in range(1, len(children), 2):
        value = Arithmetic(children[i].kind, value, _value(children[i + 1]), children[i])
    return value


def _term(node):
    token = node.children[0]
    if isinstance(token, Node):  # negative: '-' then a number
        sign, number = token.children
        value = -(int(number.text) if number.kind == "INT" else float(number.text))
        return Literal(value, sign)
    kind = token.kind
    if kind == "VAR":
        return Variable(token.text, token)
    if kind == "ARG":
        return Argument(token.text[2:-2], token)
    if kind == "STRING":
        return Literal(_unquote(token.text), token)
    if kind == "INT":
        return Literal(int(token.text), token)
    if kind == "FLOAT":
        return Literal(float(token.text), token)
    return Literal({"TRUE": True, "FALSE": False, "NULL": None}[kind], token)


def _unquote(text):
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append(body[i + 1])
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


__all__ = ["read_query", "term_variables", "Node", "Token"]
