// Works out, from the tokens before the cursor, which call and argument the cursor is in, even in half-typed code.
import type { SyntaxNode, Tree } from './parser';
import { stringLiteral } from './string-literal';

interface Token {
  type: string;
  start: number;
  end: number;
  /** Set for `string` tokens (a whole literal is one token). */
  node?: SyntaxNode;
}

// How far back to look for the opening parenthesis: calls longer than this are not worth the wasm walk.
const WINDOW = 4000;
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);
// A statement keyword at bracket depth 0 means the cursor cannot be inside a call that started before it.
const STATEMENT_KEYWORDS = new Set(['def', 'class', 'import', 'from', 'return', 'if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'pass', 'raise', 'del', 'global', 'nonlocal', 'assert', 'break', 'continue']);

/**
 * The tokens overlapping [from, to): leaves of the tree, except that a string literal and a comment are one token
 * each. Tree-sitter keeps every token of broken code (inside ERROR nodes), which is what makes this work mid-edit.
 */
function tokensBetween(tree: Tree, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  const cursor = tree.walk();
  // Iterative (5,000 nested calls overflowed the stack when this recursed): down to the first child that reaches
  // `from`, emitting leaves, then along siblings before `to`, climbing back up when a level is done.
  let depth = 0;
  for (;;) {
    const { nodeType: type, startIndex: start, endIndex: end } = cursor;
    const leaf = type === 'string' || type === 'comment' || !cursor.gotoFirstChildForIndex(from);
    if (!leaf) {
      depth++;
      if (cursor.startIndex < to) continue;
    } else if (!cursor.nodeIsMissing && end > start) {
      tokens.push(type === 'string' ? { type, start, end, node: cursor.currentNode } : { type, start, end });
    }
    // Next sibling before `to`, else up a level (and its next sibling), until back at the root.
    let moved = false;
    while (depth > 0) {
      if (cursor.gotoNextSibling() && cursor.startIndex < to) {
        moved = true;
        break;
      }
      cursor.gotoParent();
      depth--;
    }
    if (!moved) break;
  }
  cursor.delete();
  return tokens.filter((t) => t.end > from && t.start < to);
}

/** The string the cursor is in: a literal containing it, or an unterminated quote earlier on the same line. */
export interface StringAtCursor {
  /** Where the text between the quotes starts and ends (the end is the cursor line's end when unterminated). */
  contentStart: number;
  contentEnd: number;
  /** What is typed between the opening quote and the cursor. */
  prefix: string;
  /** Everything between the quotes. */
  value: string;
  /** The whole literal, quotes included. */
  start: number;
  end: number;
  /** True when no closing quote follows (half-typed code). */
  unterminated: boolean;
}

function stringAt(token: Token, text: string, offset: number): StringAtCursor | undefined {
  if (token.type === 'string' && token.node) {
    const literal = stringLiteral(token.node);
    if (!literal) return undefined;
    const inside = offset >= literal.contentStart && (offset <= literal.contentEnd) && (offset < literal.end || literal.unterminated);
    if (!inside) return undefined;
    return { contentStart: literal.contentStart, contentEnd: literal.contentEnd, prefix: text.slice(literal.contentStart, offset), value: literal.value, start: literal.start, end: literal.end, unterminated: literal.unterminated };
  }
  if (token.type === 'string_start') {
    // A quote tree-sitter could not close: the string runs to the end of the line.
    const quote = text.slice(token.start, token.end).replace(/^[A-Za-z]+/, '');
    if (/[bfBF]/.test(text.slice(token.start, token.end).slice(0, -quote.length))) return undefined;
    const lineEnd = text.indexOf('\n', token.end);
    const contentEnd = lineEnd === -1 ? text.length : lineEnd;
    const prefix = text.slice(token.end, offset);
    if (offset < token.end || offset > contentEnd || prefix.includes(quote)) return undefined;
    const value = text.slice(token.end, contentEnd);
    return { contentStart: token.end, contentEnd, prefix, value, start: token.start, end: contentEnd, unterminated: true };
  }
  return undefined;
}

export interface ArgumentBeforeCursor {
  kind: 'positional' | 'keyword' | 'unpacked-sequence' | 'unpacked-mapping';
  position: number;
  keyword?: string;
  /** The value when it is a plain string constant. */
  value?: string;
}

export interface CallAtCursor {
  name: string;
  nameStart: number;
  nameEnd: number;
  openParen: number;
  /** The arguments before the one the cursor is in. */
  previous: ArgumentBeforeCursor[];
  /** The argument the cursor is in (its value may be still empty). */
  active: ArgumentBeforeCursor;
  /** True when the cursor is inside brackets within the argument (`f(x, [a, |])`), not at its top level. */
  nested: boolean;
  /** Set when the cursor is in a string that is the active argument's whole value so far. */
  string?: StringAtCursor;
}

function describeArgument(tokens: Token[], text: string, position: number): ArgumentBeforeCursor {
  if (tokens.length >= 2 && tokens[0].type === 'identifier' && tokens[1].type === '=') {
    const keyword = text.slice(tokens[0].start, tokens[0].end);
    const rest = tokens.slice(2);
    const value = rest.length === 1 && rest[0].node ? stringLiteral(rest[0].node)?.value : undefined;
    return { kind: 'keyword', position: -1, keyword, value };
  }
  if (tokens[0]?.type === '**') return { kind: 'unpacked-mapping', position: -1 };
  if (tokens[0]?.type === '*') return { kind: 'unpacked-sequence', position: -1 };
  const value = tokens.length === 1 && tokens[0].node ? stringLiteral(tokens[0].node)?.value : undefined;
  return { kind: 'positional', position, value };
}

/** What the cursor sits in, outside any call: a comment, a string, or plain code after `previousToken`. */
export interface CursorSurroundings {
  inComment: boolean;
  string?: StringAtCursor;
  /** Type of the last token that ends before the cursor (`.` means an attribute is being typed). */
  previousToken?: string;
  call?: CallAtCursor;
}

// Statements that hold other statements: the cursor's own statement is looked for inside them.
const COMPOUND = new Set(['block', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'with_statement', 'try_statement',
  'except_clause', 'finally_clause', 'function_definition', 'class_definition', 'decorated_definition', 'match_statement', 'case_clause']);

/**
 * Where the innermost statement around `offset` starts: a call cannot begin before it (broken code is one ERROR
 * statement, so an unclosed call is inside it). Keeps the token walk short in long scripts.
 */
function statementStart(tree: Tree, offset: number): number {
  const cursor = tree.walk();
  let start = 0;
  const goal = Math.max(0, offset - 1);
  try {
    while (cursor.gotoFirstChildForIndex(goal)) {
      // In the blank between two statements, the one before the cursor is the one that may be unfinished.
      if (cursor.startIndex > goal && !cursor.gotoPreviousSibling()) break;
      start = cursor.startIndex;
      // Inside broken code, tree-sitter may split one unfinished line across siblings: stay at the broken statement.
      if (!COMPOUND.has(cursor.nodeType) || cursor.endIndex < offset || cursor.currentNode.hasError) break;
    }
  } finally {
    cursor.delete();
  }
  return start;
}

/** The cursor's surroundings at `offset`: comment, string, and the innermost call of a plain name it is in. */
export function surroundingsAt(tree: Tree, text: string, offset: number, isMemberCall?: (dotted: string) => boolean): CursorSurroundings {
  const tokens = tokensBetween(tree, Math.max(0, offset - WINDOW, statementStart(tree, offset)), offset);
  const last = tokens[tokens.length - 1];
  const surroundings: CursorSurroundings = { inComment: false };
  if (last?.type === 'comment' && offset > last.start) {
    surroundings.inComment = true;
    return surroundings;
  }
  // The word being typed is not "before" the cursor: skip it to see what precedes it.
  let before = tokens.length - 1;
  if (last && last.end === offset && last.type === 'identifier') before--;
  surroundings.previousToken = tokens[before]?.type;
  let string: StringAtCursor | undefined;
  // A literal containing the cursor is among the last tokens; an unclosed quote, anywhere earlier on its line.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (let i = tokens.length - 1; i >= 0 && (tokens[i].end >= lineStart || i === tokens.length - 1); i--) {
    string = stringAt(tokens[i], text, offset);
    if (string) break;
  }
  surroundings.string = string;

  // Walk back to the innermost unmatched opening bracket; a "(" right after a name opens the call.
  let depth = 0;
  let nested = false;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token.start >= offset) continue;
    if (CLOSERS.has(token.type) && token.end <= offset) depth++;
    else if (OPENERS.has(token.type)) {
      if (depth > 0) { depth--; continue; }
      const callee = tokens[i - 1];
      // `owner.member(` is a call only when the caller knows that member (the catalog's `cnx.execute`).
      const owner = tokens[i - 2]?.type === '.' && tokens[i - 3]?.type === 'identifier' && tokens[i - 4]?.type !== '.' ? tokens[i - 3] : undefined;
      const dotted = owner && callee ? `${text.slice(owner.start, owner.end)}.${text.slice(callee.start, callee.end)}` : undefined;
      const member = dotted !== undefined && isMemberCall !== undefined && isMemberCall(dotted);
      if (token.type !== '(' || callee?.type !== 'identifier' || (tokens[i - 2]?.type === '.' && !member) || tokens[i - 2]?.type === 'def') {
        nested = true;
        continue;
      }
      surroundings.call = readCallFrom(tokens, i, text, offset, nested, string);
      surroundings.call.name = member ? dotted! : text.slice(callee.start, callee.end);
      surroundings.call.nameStart = member ? owner!.start : callee.start;
      surroundings.call.nameEnd = callee.end;
      break;
    } else if (depth === 0 && STATEMENT_KEYWORDS.has(token.type)) break;
  }
  return surroundings;
}

function readCallFrom(tokens: Token[], open: number, text: string, offset: number, nested: boolean, string: StringAtCursor | undefined): CallAtCursor {
  const segments: Token[][] = [[]];
  let depth = 0;
  for (let i = open + 1; i < tokens.length && tokens[i].start < offset; i++) {
    const token = tokens[i];
    if (token.type === 'comment') continue;
    if (OPENERS.has(token.type)) depth++;
    else if (CLOSERS.has(token.type)) depth--;
    if (token.type === ',' && depth === 0) segments.push([]);
    else segments[segments.length - 1].push(token);
  }
  const previous: ArgumentBeforeCursor[] = [];
  let position = 0;
  for (const segment of segments.slice(0, -1)) {
    const argument = describeArgument(segment, text, position);
    if (argument.kind === 'positional') position++;
    previous.push(argument);
  }
  const current = segments[segments.length - 1];
  const active = describeArgument(current, text, position);
  // The string counts only when it is the argument's whole value: `'Per|` or `name='Per|`, not `'a' + 'b|`.
  const valueTokens = active.kind === 'keyword' ? current.slice(2) : current;
  const ownString = !nested && string && valueTokens.length >= 1 && valueTokens[0].start === string.start
    && valueTokens.every((t) => t.start < string.end) ? string : undefined;
  return { name: '', nameStart: 0, nameEnd: 0, openParen: tokens[open].start, previous, active, nested, string: ownString };
}
