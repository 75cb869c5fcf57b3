// Finds what Python 3 would refuse to compile in a tree-sitter tree (ERROR/MISSING nodes, indentation, Python 2 forms), in plain words.
import type { SyntaxNode } from './parser';

/** One syntax problem, as offsets in the text that was parsed. */
export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
}

const OPENER_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const CLOSER_OF: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const COMPOUND_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'while', 'def', 'class', 'with', 'try', 'except', 'finally']);

/** Where the line holding `offset` starts and ends (any of \n, \r\n, \r ends a line). */
function lineAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

/** The leaves of a subtree in order, a string literal counting as one leaf (brackets inside strings are text). Iterative: any depth. */
function leaves(node: SyntaxNode, into: SyntaxNode[] = []): SyntaxNode[] {
  const stack: SyntaxNode[] = [node];
  while (stack.length) {
    const current = stack.pop() as SyntaxNode;
    if (current.childCount === 0 || current.type === 'string') {
      if (current.endIndex > current.startIndex || current.isMissing) into.push(current);
      continue;
    }
    const children = current.children;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) stack.push(children[i] as SyntaxNode);
  }
  return into;
}

/** The first bracket left open, or closed without being opened, among `tokens`. */
function unbalancedBracket(tokens: readonly SyntaxNode[]): { token: SyntaxNode; kind: 'unclosed' | 'unopened' } | undefined {
  const open: SyntaxNode[] = [];
  for (const token of tokens) {
    if (token.isMissing) continue;
    if (CLOSER_OF[token.type]) open.push(token);
    else if (OPENER_OF[token.type]) {
      if (open.length && open[open.length - 1].type === OPENER_OF[token.type]) open.pop();
      else return { token, kind: 'unopened' };
    }
  }
  return open.length ? { token: open[0], kind: 'unclosed' } : undefined;
}

/** An unterminated quote: a string start tree-sitter could not pair with an end. */
function unterminatedString(node: SyntaxNode): SyntaxNode | undefined {
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'string_start') return child;
    if (child.type === 'string' && (child.lastChild?.type !== 'string_end' || child.lastChild.isMissing)) return child;
  }
  return undefined;
}

function describeError(node: SyntaxNode, text: string): SyntaxProblem {
  const quote = unterminatedString(node);
  if (quote) {
    const line = lineAround(text, quote.startIndex);
    return { start: quote.startIndex, end: Math.max(line.end, quote.endIndex), message: 'unterminated string: the quote opened here is never closed; add the closing quote (use triple quotes for a string over several lines)' };
  }
  const tokens = leaves(node);
  const bracket = unbalancedBracket(tokens);
  if (bracket?.kind === 'unclosed') {
    const { token } = bracket;
    return { start: token.startIndex, end: token.endIndex, message: `'${token.type}' was never closed: add the matching '${CLOSER_OF[token.type]}'` };
  }
  if (bracket?.kind === 'unopened') {
    const { token } = bracket;
    return { start: token.startIndex, end: token.endIndex, message: `unmatched '${token.type}': no '${OPENER_OF[token.type]}' opens it; remove it or add the opening bracket` };
  }
  const first = tokens[0];
  if (first && COMPOUND_KEYWORDS.has(first.type)) {
    const line = lineAround(text, first.startIndex);
    const header = text.slice(first.startIndex, line.end).replace(/\s*(#.*)?$/, '');
    if (!header.endsWith(':')) {
      const end = first.startIndex + header.length;
      return { start: Math.max(first.startIndex, end - 1), end, message: `missing ':' at the end of the '${first.type}' line` };
    }
  }
  // Tree-sitter wraps the tokens it could not fit; the last one is where Python would stop too.
  const last = tokens.filter((t) => !t.isMissing).pop() ?? node;
  const line = lineAround(text, last.startIndex);
  const shown = text.slice(last.startIndex, Math.min(last.endIndex, line.end));
  return { start: last.startIndex, end: Math.max(last.startIndex + 1, Math.min(last.endIndex, line.end)), message: `invalid syntax at '${shown}': this is not valid Python; check for a missing operator, comma or bracket` };
}

function describeMissing(node: SyntaxNode, text: string): SyntaxProblem {
  const at = node.startIndex;
  if (node.type === '_newline' || node.type === 'newline') {
    // Two statements run together: point at what follows the complete one.
    const rest = /^[ \t]*([A-Za-z_]\w*|\S)/.exec(text.slice(at));
    const start = rest ? at + rest[0].length - rest[1].length : at;
    const shown = rest?.[1] ?? '';
    return { start, end: start + shown.length, message: `unexpected '${shown}' after a complete statement: a missing operator, comma or line break?` };
  }
  if (OPENER_OF[node.type]) return { start: Math.max(0, at - 1), end: at, message: `missing '${node.type}': close the '${OPENER_OF[node.type]}' opened before it` };
  if (node.type === ':') return { start: Math.max(0, at - 1), end: at, message: "missing ':' at the end of this line" };
  if (node.type === 'identifier') return { start: Math.max(0, at - 1), end: at, message: 'a name or value is missing here' };
  return { start: Math.max(0, at - 1), end: at, message: `missing '${node.type.replace(/^_/, '')}' here` };
}

/** Python 2 syntax that real cubes still hold; Python 3 refuses it, so say how to write it now. */
function python2Form(node: SyntaxNode, text: string): SyntaxProblem | undefined {
  const at = { start: node.startIndex, end: node.endIndex };
  switch (node.type) {
    case 'print_statement': {
      const line = lineAround(text, node.startIndex);
      return { start: node.startIndex, end: Math.min(node.endIndex, line.end), message: "Python 2 print statement, a syntax error in Python 3 (the runtime's Python): call the function instead, print(...) with parentheses" };
    }
    case 'exec_statement':
      return { ...at, message: 'Python 2 exec statement, a syntax error in Python 3: call the function instead, exec(code)' };
    case 'except_clause': {
      const comma = node.children.find((c) => c?.type === ',');
      if (!comma) return undefined;
      const line = lineAround(text, node.startIndex);
      return { start: node.startIndex, end: line.end, message: "Python 2 'except X, e:', a syntax error in Python 3: write 'except X as e:' (several types go in parentheses: 'except (A, B) as e:')" };
    }
    case 'raise_statement': {
      const value = node.firstNamedChild;
      if (value?.type !== 'expression_list') return undefined;
      return { ...at, message: "Python 2 'raise E, \"message\"', a syntax error in Python 3: write 'raise E(\"message\")'" };
    }
    case 'string_start':
      if (node.text.startsWith('`')) return { ...at, message: 'Python 2 backquotes, a syntax error in Python 3: write repr(...)' };
      if (/u/i.test(node.text) && /r/i.test(node.text)) return { ...at, message: `Python 2 string prefix '${node.text.replace(/['"]+$/, '')}', a syntax error in Python 3: write r'...' (every string is unicode)` };
      return undefined;
    case '<>':
      return { ...at, message: "Python 2 '<>', a syntax error in Python 3: write '!='" };
    case 'integer':
      if (/^0\d*[1-9]\d*$/.test(node.text)) return { ...at, message: `Python 2 octal literal, a syntax error in Python 3: write 0o${node.text.replace(/^0+/, '')}` };
      if (/^[0-9]+[lL]$/.test(node.text)) return { ...at, message: `Python 2 long literal, a syntax error in Python 3: write ${node.text.slice(0, -1)}` };
      return undefined;
    default:
      return undefined;
  }
}

/** The indentation (spaces and tabs) before `offset` on its line, or undefined when code precedes it. */
function indentationBefore(text: string, offset: number): string | undefined {
  // Most statements start their line (every top-level one in a well-formed script): nothing to slice or match.
  const previous = offset > 0 ? text.charCodeAt(offset - 1) : 10;
  if (previous === 10 || previous === 13) return '';
  const { start } = lineAround(text, offset);
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function width(indentation: string): number {
  let columns = 0;
  for (const c of indentation) columns = c === '\t' ? columns + 8 - (columns % 8) : columns + 1;
  return columns;
}

/** A statement's place in the text: statement lists are checked on offsets alone, so cached statements need no node. */
export interface StatementSpan {
  start: number;
  end: number;
}

/**
 * The statements of one block (or the module) must start on their own line, at the same indentation written the
 * same way; `expected` is the module's '' (undefined in a block: the first statement sets it).
 */
export function statementListProblems(statements: readonly StatementSpan[], text: string, expected: string | undefined): SyntaxProblem[] {
  const into: SyntaxProblem[] = [];
  let reference = expected;
  let previous: StatementSpan | undefined;
  for (const statement of statements) {
    if (statement.end === statement.start) continue;
    const before = previous;
    previous = statement;
    const indentation = indentationBefore(text, statement.start);
    if (indentation === undefined) {
      // Two statements on one line without ';': tree-sitter inserts an invisible line break between them.
      if (before && !text.slice(before.end, statement.start).includes(';')) {
        const line = lineAround(text, statement.start);
        const shown = /^([A-Za-z_]\w*|\S)/.exec(text.slice(statement.start, line.end))?.[1] ?? '';
        into.push({ start: statement.start, end: statement.start + Math.max(1, shown.length), message: `unexpected '${shown}' after a complete statement: a missing operator, comma or line break?` });
      }
      continue;
    }
    if (reference === undefined) {
      reference = indentation;
      continue;
    }
    if (indentation === reference) continue;
    const line = lineAround(text, statement.start);
    const at = { start: line.start, end: statement.start > line.start ? statement.start : Math.min(line.end, line.start + 1) };
    if (width(indentation) === width(reference)) {
      into.push({ ...at, message: 'inconsistent use of tabs and spaces in indentation (Python 3 stops with TabError): indent with spaces only' });
      continue;
    }
    const where = reference === '' ? 'no indentation (a top-level statement)' : `${width(reference)} column(s) like the lines before it in this block`;
    into.push({ ...at, message: `bad indentation (Python stops with IndentationError): this line is indented by ${width(indentation)} column(s), expected ${where}` });
  }
  return into;
}

const spans = (nodes: ReadonlyArray<SyntaxNode | null>): StatementSpan[] =>
  nodes.filter((n): n is SyntaxNode => !!n && n.type !== 'comment' && !n.isMissing).map((n) => ({ start: n.startIndex, end: n.endIndex }));

/** A block with no statement: `if x:` followed by an unindented line. */
function emptyBlock(block: SyntaxNode, text: string): SyntaxProblem | undefined {
  if (block.namedChildren.some((c) => c && c.type !== 'comment')) return undefined;
  const header = block.parent;
  if (!header) return undefined;
  const line = lineAround(text, header.startIndex);
  const keyword = header.firstChild?.type ?? 'previous';
  return { start: header.startIndex, end: Math.max(header.startIndex + 1, line.end), message: `expected an indented block after this '${keyword}' line: indent the statements that belong to it (or write 'pass')` };
}

/** Every syntax problem inside one statement (its own indentation is its statement list's business), in source order. */
export function statementProblems(node: SyntaxNode, text: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  // An explicit stack, not recursion: 20,000 nested brackets in a schema.py overflowed the call stack and lost every problem.
  const stack: SyntaxNode[] = [node];
  const pushChildren = (children: ReadonlyArray<SyntaxNode | null>) => {
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) stack.push(children[i] as SyntaxNode);
  };
  while (stack.length) {
    const current = stack.pop() as SyntaxNode;
    if (current.isError) {
      problems.push(describeError(current, text));
      continue;
    }
    if (current.isMissing) {
      problems.push(describeMissing(current, text));
      continue;
    }
    if (current.type === 'string') {
      // Only the string's start can be Python 2 (`ur'...'`, backquotes); interpolations are expressions.
      const children = current.children;
      for (const child of children) {
        if (child?.type !== 'string_start') continue;
        const old = python2Form(child, text);
        if (old) problems.push(old);
      }
      pushChildren(children.filter((child) => child?.type !== 'string_start'));
      continue;
    }
    const old = python2Form(current, text);
    if (old) problems.push(old);
    if (current.type === 'block') {
      const empty = emptyBlock(current, text);
      if (empty) problems.push(empty);
      problems.push(...statementListProblems(spans(current.namedChildren), text, undefined));
    }
    pushChildren(current.children);
  }
  if (!problems.length && node.hasError) problems.push(deepestError(node, text));
  return problems.sort((a, b) => a.start - b.start);
}

/** Where the error is when tree-sitter hid it (an invisible missing token): the innermost node that has it. */
function deepestError(node: SyntaxNode, text: string): SyntaxProblem {
  let current = node;
  for (;;) {
    const inner = current.children.find((c) => c?.hasError);
    if (!inner) break;
    current = inner;
  }
  const line = lineAround(text, current.startIndex);
  return { start: current.startIndex, end: Math.max(current.startIndex + 1, Math.min(current.endIndex, line.end)), message: 'invalid syntax here: this is not valid Python; check for a missing operator, comma or bracket' };
}

/** Every syntax problem of a whole module (or of a tree whose root is an ERROR), in source order. */
export function syntaxProblemsIn(root: SyntaxNode, text: string): SyntaxProblem[] {
  if (root.type !== 'module') return [...statementListProblems(spans([root]), text, ''), ...statementProblems(root, text)].sort((a, b) => a.start - b.start);
  const statements = root.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  const problems = statementListProblems(spans(statements), text, '');
  for (const statement of statements) problems.push(...statementProblems(statement, text));
  return problems.sort((a, b) => a.start - b.start);
}
