"""Interprets grammar.json (the one RQL grammar) into a syntax tree; server/src/core/rql/parser.ts is its twin."""

import json
import os
import re

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
        found = self.nodes(rule)
        return found[0] if found else None

    def tokens(self, kind=None):
        return [c for c in self.children if isinstance(c, Token) and (kind is None or c.kind == kind)]

    def to_json(self):
        return {"rule": self.rule, "start": self.start, "end": self.end,
                "children": [c.to_json() for c in self.children]}


class SyntaxProblem:
    """Where a query stops matching the grammar and what would have been accepted there."""

    def __init__(self, offset, length, expected, found, labels):
        self.offset, self.length, self.expected, self.found = offset, length, expected, found
        self.message = "expected %s, found %s" % (
            join_alternatives([describe(e, labels) for e in expected]), found)

    def to_json(self):
        return {"offset": self.offset, "length": self.length, "expected": self.expected, "message": self.message}


class ParseResult:
    def __init__(self, tree, tokens, problem):
        self.tree, self.tokens, self.problem = tree, tokens, problem


def describe(terminal, labels):
    return labels.get(terminal, "'%s'" % terminal)


def describe_found(token):
    if token.kind == "EOF":
        return "the end of the query"
    if token.kind == "INVALID" and token.text in "\"'":
        return "an unterminated string"
    return "'%s'" % token.text


def join_alternatives(items):
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def sexpr(tree):
    """A compact, comparable rendering of a tree: (rule child...) with tokens as their text."""
    if isinstance(tree, Token):
        return tree.text
    return "(" + " ".join([tree.rule] + [sexpr(c) for c in tree.children]) + ")"


class Grammar:
    def __init__(self, spec):
        self.spec = spec
        self.rules = spec["rules"]
        self.start = spec["start"]
        self.labels = spec.get("labels", {})
        self.keywords = set(spec["keywords"])
        self.token_patterns = [(t["kind"], re.compile(t["pattern"]), t.get("skip", False)) for t in spec["tokens"]]
        self.word_kinds = [(w["kind"], re.compile(w["pattern"])) for w in spec["words"]]

    # -- lexing ---------------------------------------------------------------------------------------

    def lex(self, text):
        tokens, pos = [], 0
        while pos < len(text):
            for kind, pattern, skip in self.token_patterns:
                m = pattern.match(text, pos)
                if m and m.end() > pos:
                    if not skip:
                        tokens.append(self.classify(kind, m.group(0), pos, m.end()))
                    pos = m.end()
                    break
            else:
                # Nothing matches here (an unterminated string, a stray '$'): one INVALID character the parser reports.
                tokens.append(Token("INVALID", text[pos], pos, pos + 1))
                pos += 1
        tokens.append(Token("EOF", "", len(text), len(text)))
        return tokens

    def classify(self, kind, text, start, end):
        if kind == "PUNCT":
            return Token(text, text, start, end)
        if kind == "WORD":
            if text.upper() in self.keywords:
                return Token(text.upper(), text, start, end)
            for word_kind, pattern in self.word_kinds:
                if pattern.search(text):
                    return Token(word_kind, text, start, end)
        return Token(kind, text, start, end)

    # -- parsing (ordered choice with backtracking; the furthest failure is the error) -----------------

    def parse(self, text):
        tokens = self.lex(text)
        state = _ParseState(tokens)
        matched = self._match(self.start, 0, state)
        if matched is not None:
            return ParseResult(matched[0][0], tokens, None)
        at = tokens[state.furthest]
        found = describe_found(at)
        problem = SyntaxProblem(at.start, max(at.end - at.start, 0), sorted(state.expected), found, self.labels)
        return ParseResult(None, tokens, problem)

    def _match(self, expr, i, state):
        """Returns (children, next index) or None."""
        if isinstance(expr, str):
            if expr in self.rules:
                inner = self._match(self.rules[expr], i, state)
                if inner is None:
                    return None
                children, j = inner
                start = state.tokens[i].start
                end = state.tokens[j - 1].end if j > i else start
                return [Node(expr, children, start, end)], j
            wanted = expr[1:] if expr.startswith("$") else expr
            token = state.tokens[i]
            if token.kind == wanted:
                return [token], i + 1
            state.fail(i, wanted)
            return None
        if isinstance(expr, list):
            children = []
            for part in expr:
                matched = self._match(part, i, state)
                if matched is None:
                    return None
                children.extend(matched[0])
                i = matched[1]
            return children, i
        if "choice" in expr:
            for alternative in expr["choice"]:
                matched = self._match(alternative, i, state)
                if matched is not None:
                    return matched
            return None
        if "optional" in expr:
            matched = self._match(expr["optional"], i, state)
            return matched if matched is not None else ([], i)
        if "repeat" in expr:
            children = []
            while True:
                matched = self._match(expr["repeat"], i, state)
                if matched is None or matched[1] == i:
                    return children, i
                children.extend(matched[0])
                i = matched[1]
        raise ValueError("grammar.json: unknown form %r" % (expr,))


class _ParseState:
    def __init__(self, tokens):
        self.tokens = tokens
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
