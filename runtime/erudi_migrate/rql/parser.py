"""Interprets grammar.json (the one RQL grammar) into a syntax tree; server/src/core/rql/parser.ts is its twin."""

import json
import os
import re
import sys

GRAMMAR_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "grammar.json")


class Token:
    """A lexed piece of the query: kind is a token kind (VAR, STRING...), a keyword or a punctuation."""

    __slots__ = ("kind", "text", "start", "end")

    def __init__(self, kind, text, start, end):
        self.kind, self.text, self.start, self.end = kind, text, start, end

    def to_json(self):
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}

    def __repr__(self):
        return "Token(%s, %r, %d)" % (self.kind, self.text, self.start)


class Node:
    """A rule matched over [start, end); children are tokens and nodes in source order."""

    __slots__ = ("rule", "children", "start", "end")

    def __init__(self, rule, children, start, end):
        self.rule, self.children, self.start, self.end = rule, children, start, end

    def nodes(self, rule=None):
        return [c for c in self.children if isinstance(c, Node) and (rule is None or c.rule == rule)]

    def node(self, rule):
        for c in self.children:
            if isinstance(c, Node) and c.rule == rule:
                return c
        return None

    def tokens(self, kind=None):
        return [c for c in self.children if isinstance(c, Token) and (kind is None or c.kind == kind)]

    def to_json(self):
        return {"rule": self.rule, "start": self.start, "end": self.end,
                "children": [c.to_json() for c in self.children]}

    def __repr__(self):
        return "Node(%s, %d-%d)" % (self.rule, self.start, self.end)


class SyntaxProblem:
    """Where a query stops matching the grammar and what would have been accepted there.

    code is 'rql-syntax', or 'too-deeply-nested' when parentheses nest past the grammar's bound.
    """

    def __init__(self, offset, length, expected, message, code="rql-syntax"):
        self.offset, self.length, self.expected, self.message, self.code = offset, length, expected, message, code

    def to_json(self):
        return {"offset": self.offset, "length": self.length, "expected": self.expected, "message": self.message,
                "code": self.code}


class ParseResult:
    def __init__(self, tree, tokens, problem, expected_at_end=(), steps=0):
        self.tree, self.tokens, self.problem = tree, tokens, problem
        # Rule bodies evaluated (memo misses): at most rules x tokens, the measure tests use to prove linear parsing.
        self.steps = steps
        # What the grammar would accept after the last token (for completion), whether or not the text parsed.
        self.expected_at_end = list(expected_at_end)


def describe(terminal, labels):
    return labels.get(terminal, "'%s'" % terminal)


def describe_found(token):
    if token.kind == "EOF":
        return "the end of the query"
    if token.kind == "INVALID":
        if token.text[:1] in "\"'":
            return "an unterminated string"
        if token.text.startswith("/*"):
            return "an unterminated comment"
    return "'%s'" % token.text


def join_alternatives(items):
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def sexpr(tree):
    """A compact, comparable rendering of a tree: (rule child...) with tokens as their text; a rule node with
    one child is shown as that child, so precedence levels appear only where they group something."""
    while isinstance(tree, Node) and len(tree.children) == 1:
        tree = tree.children[0]
    if isinstance(tree, Token):
        return tree.text
    return "(" + " ".join([tree.rule] + [sexpr(c) for c in tree.children if not (isinstance(c, Token) and c.kind == "EOF")]) + ")"


def describe_expected(expected, labels, groups):
    """The alternatives of a problem's message: a group's label where all its members are expected."""
    remaining, described = list(expected), []
    for group in groups:
        if all(m in remaining for m in group["members"]):
            remaining = [e for e in remaining if e not in group["members"]]
            described.append(group["label"])
    return join_alternatives(described + [describe(e, labels) for e in remaining])


def nesting_problem(tokens, bound):
    """The first '(' nested deeper than the bound, as a too-deeply-nested problem; None when within it."""
    depth = 0
    for token in tokens:
        if token.kind == "(":
            depth += 1
            if depth > bound:
                return SyntaxProblem(token.start, 1, [], "parentheses nested more than %d deep: the query is not "
                                     "checked further; split it or nest less" % bound, "too-deeply-nested")
        elif token.kind == ")" and depth > 0:
            depth -= 1
    return None


class Grammar:
    def __init__(self, spec):
        self.spec = spec
        self.rules = spec["rules"]
        self.start = spec["start"]
        self.labels = spec.get("labels", {})
        self.groups = spec.get("groups", [])
        self.max_nesting = spec["maxNesting"]
        self.keywords = set(spec["keywords"])
        self.token_patterns = [(t["kind"], re.compile(t["pattern"]), t.get("skip", False), t.get("invalid", False))
                               for t in spec["tokens"]]
        self.word_kinds = [(w["kind"], re.compile(w["pattern"])) for w in spec["words"]]
        self._compiled = {}
        self._rule_index = {name: i for i, name in enumerate(self.rules)}
        self._parsers = [None] * len(self.rules)
        for name, i in self._rule_index.items():
            self._parsers[i] = self._compile(self.rules[name])

    # -- lexing (each step consumes at least one character; no pattern rescans what an earlier one refused) --

    def lex(self, text):
        tokens, pos, n = [], 0, len(text)
        patterns = self.token_patterns
        while pos < n:
            for kind, pattern, skip, invalid in patterns:
                m = pattern.match(text, pos)
                if m is not None and m.end() > pos:
                    end = m.end()
                    if invalid:
                        tokens.append(Token("INVALID", text[pos:end], pos, end))
                    elif not skip:
                        tokens.append(self.classify(kind, text[pos:end], pos, end))
                    pos = end
                    break
            else:
                # Nothing matches here (a stray '$'): one INVALID character the parser reports.
                tokens.append(Token("INVALID", text[pos], pos, pos + 1))
                pos += 1
        tokens.append(Token("EOF", "", n, n))
        return tokens

    def classify(self, kind, text, start, end):
        if kind == "PUNCT":
            return Token(text, text, start, end)
        if kind == "WORD":
            upper = text.upper()
            if upper in self.keywords:
                return Token(upper, text, start, end)
            for word_kind, pattern in self.word_kinds:
                if pattern.search(text):
                    return Token(word_kind, text, start, end)
        return Token(kind, text, start, end)

    # -- parsing: ordered choice, memoized per (rule, token); the furthest failure is the error ------------

    def _compile(self, expr):
        """A function (state, i) -> (children, next) or None for a grammar expression."""
        if isinstance(expr, str):
            if expr in self.rules:
                index = self._rule_index[expr]
                parsers = self._parsers

                def rule(state, i, name=expr, index=index):
                    key = index * state.width + i
                    memo = state.memo
                    if key in memo:
                        return memo[key]
                    state.steps += 1
                    inner = parsers[index](state, i)
                    if inner is None:
                        result = None
                    else:
                        children, j = inner
                        tokens = state.tokens
                        start = tokens[i].start
                        result = [Node(name, children, start, tokens[j - 1].end if j > i else start)], j
                    memo[key] = result
                    return result
                return rule
            wanted = expr[1:] if expr.startswith("$") else expr

            def terminal(state, i, wanted=wanted):
                token = state.tokens[i]
                if token.kind == wanted:
                    return [token], i + 1
                state.fail(i, wanted)
                return None
            return terminal
        if isinstance(expr, list):
            parts = [self._compile(part) for part in expr]

            def sequence(state, i):
                children = []
                for part in parts:
                    matched = part(state, i)
                    if matched is None:
                        return None
                    children.extend(matched[0])
                    i = matched[1]
                return children, i
            return sequence
        if "choice" in expr:
            alternatives = [self._compile(a) for a in expr["choice"]]

            def choice(state, i):
                for alternative in alternatives:
                    matched = alternative(state, i)
                    if matched is not None:
                        return matched
                return None
            return choice
        if "optional" in expr:
            inner = self._compile(expr["optional"])

            def optional(state, i):
                matched = inner(state, i)
                return matched if matched is not None else ([], i)
            return optional
        if "repeat" in expr:
            inner = self._compile(expr["repeat"])

            def repeat(state, i):
                children = []
                while True:
                    matched = inner(state, i)
                    if matched is None or matched[1] == i:
                        return children, i
                    children.extend(matched[0])
                    i = matched[1]
            return repeat
        raise ValueError("grammar.json: unknown form %r" % (expr,))

    def parse(self, text):
        tokens = self.lex(text)
        too_deep = nesting_problem(tokens, self.max_nesting)
        if too_deep is not None:
            return ParseResult(None, tokens, too_deep)
        state = _ParseState(tokens)
        # Each level of parentheses costs a bounded number of frames; maxNesting keeps it well under this.
        needed = 200 + 40 * self.max_nesting
        if sys.getrecursionlimit() < needed:
            sys.setrecursionlimit(needed)
        matched = self._parsers[self._rule_index[self.start]](state, 0)
        expected = sorted(state.expected)
        at_end = [e for e in expected if e != "EOF"] if state.furthest == len(tokens) - 1 else []
        if matched is not None:
            children, j = matched
            tree = Node(self.start, children, tokens[0].start, tokens[j - 1].end if j > 0 else 0)
            return ParseResult(tree, tokens, None, at_end, state.steps)
        at = tokens[state.furthest]
        message = "expected %s, found %s" % (describe_expected(expected, self.labels, self.groups), describe_found(at))
        problem = SyntaxProblem(at.start, max(at.end - at.start, 0), expected, message)
        return ParseResult(None, tokens, problem, at_end, state.steps)


class _ParseState:
    __slots__ = ("tokens", "width", "memo", "furthest", "expected", "steps")

    def __init__(self, tokens):
        self.tokens = tokens
        self.width = len(tokens) + 1
        self.memo = {}
        self.steps = 0
        self.furthest = 0
        self.expected = set()

    def fail(self, i, wanted):
        if i > self.furthest:
            self.furthest, self.expected = i, {wanted}
        elif i == self.furthest:
            self.expected.add(wanted)


_grammar = None


def grammar():
    global _grammar
    if _grammar is None:
        with open(GRAMMAR_PATH, encoding="utf-8") as f:
            _grammar = Grammar(json.load(f))
    return _grammar


def parse(text):
    return grammar().parse(text)
