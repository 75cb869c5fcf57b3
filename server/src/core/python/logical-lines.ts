// Splits Python source into top-level simple statements of tokens, in one linear pass, as CPython's tokenizer does
// (strings, comments, brackets, backslash continuations): enough to read a literal assignment without a parser.

export type TokenKind = 'name' | 'number' | 'string' | 'op';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based line and UTF-16 column of the token's start. */
  line: number;
  column: number;
  /** Bracket depth before the token (an opening bracket has the depth outside it). */
  depth: number;
}

/** A simple statement at module level (not in a compound statement's body), with its tokens. */
export interface TopLevelStatement {
  tokens: Token[];
}

/** How the scan ended: `invalid` when CPython's tokenizer refuses the text there (so Python refuses the file). */
export interface ScanEnd {
  invalid?: { line: number; reason: string };
}

// CPython's tokenizer refuses more than 200 nested brackets ("too many nested parentheses").
const MAX_DEPTH = 200;

// Statements whose body (on the same line or indented below) is not at module level.
const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'def', 'class', 'try', 'except', 'finally', 'async']);
const STRING_PREFIXES = new Set(['r', 'u', 'f', 'b', 'br', 'rb', 'fr', 'rf']);
const OPERATORS_3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPERATORS_2 = new Set(['==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '->', ':=', '**', '//', '<<', '>>']);
const NUMBER = /(?:0[xXoObB][0-9a-fA-F_]*|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?[jJ]?|\.[0-9][0-9_]*(?:[eE][+-]?[0-9_]+)?[jJ]?)/y;
const IDENTIFIER_PART = /[\p{ID_Continue}]/u;
const IDENTIFIER_START = /[\p{ID_Start}_]/u;

/**
 * The module-level simple statements of a Python text, lazily, in order. Stops at what CPython's tokenizer would
 * refuse (an unterminated string or bracket, a stray character, a misplaced backslash) and returns why.
 */
export function* topLevelStatements(source: string): Generator<TopLevelStatement, ScanEnd> {
  let i = source.startsWith('\ufeff') ? 1 : 0;
  const n = source.length;
  let line = 0;
  let lineStart = i;
  let depth = 0;
  const openers: string[] = [];
  let logical: Token[] = [];
  const push = (kind: TokenKind, text: string, start: number) => {
    logical.push({ kind, text, line, column: start - lineStart, depth });
  };
  const newline = (at: number) => {
    // \r\n, \r or \n: `at` is the index of the break's first character; returns the index after it.
    const next = source[at] === '\r' && source[at + 1] === '\n' ? at + 2 : at + 1;
    line++;
    lineStart = next;
    return next;
  };
  const invalid = (reason: string): ScanEnd => ({ invalid: { line, reason } });
  function* endLogicalLine(): Generator<TopLevelStatement> {
    const tokens = logical;
    logical = [];
    if (tokens.length === 0 || tokens[0].column !== 0) return;
    if (tokens[0].kind === 'name' && COMPOUND.has(tokens[0].text)) return;
    if (tokens[0].text === '@') return;
    let statement: Token[] = [];
    for (const token of tokens) {
      if (token.kind === 'op' && token.text === ';' && token.depth === 0) {
        if (statement.length) yield { tokens: statement };
        statement = [];
      } else statement.push(token);
    }
    if (statement.length) yield { tokens: statement };
  }

  while (i < n) {
    const c = source[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '\f') {
      i++;
      if (logical.length === 0) lineStart = i; // a form feed resets the indentation count, as in CPython
    } else if (c === '\n' || c === '\r') {
      i = newline(i);
      if (depth === 0) yield* endLogicalLine();
    } else if (c === '#') {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '\\') {
      if (source[i + 1] !== '\n' && source[i + 1] !== '\r') return invalid('a backslash outside a string must end its line');
      i = newline(i + 1);
    } else if (c === '"' || c === "'") {
      const end = stringEnd(source, i);
      if (end < 0) return invalid('a string is not closed');
      push('string', source.slice(i, end), i);
      i = advanceLines(source, i, end, (at) => newline(at));
    } else if (IDENTIFIER_START.test(String.fromCodePoint(source.codePointAt(i) ?? 0))) {
      const start = i;
      i += String.fromCodePoint(source.codePointAt(i) ?? 0).length;
      while (i < n) {
        const code = source.codePointAt(i) ?? 0;
        const character = String.fromCodePoint(code);
        if (!IDENTIFIER_PART.test(character)) break;
        i += character.length;
      }
      const word = source.slice(start, i);
      if (STRING_PREFIXES.has(word.toLowerCase()) && (source[i] === '"' || source[i] === "'")) {
        const end = stringEnd(source, i);
        if (end < 0) return invalid('a string is not closed');
        push('string', source.slice(start, end), start);
        i = advanceLines(source, i, end, (at) => newline(at));
      } else push('name', word, start);
    } else if ((c >= '0' && c <= '9') || (c === '.' && source[i + 1] >= '0' && source[i + 1] <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source);
      const end = match ? i + match[0].length : i + 1;
      push('number', source.slice(i, end), i);
      i = end;
    } else {
      const three = source.slice(i, i + 3);
      const two = source.slice(i, i + 2);
      const op = OPERATORS_3.has(three) ? three : OPERATORS_2.has(two) ? two : c;
      if (!'()[]{}:,;.+-*/%&|^~<>=!@'.includes(op[0]) || op === '!') {
        return invalid(`the character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed outside strings and comments`);
      }
      if (op === ')' || op === ']' || op === '}') {
        if (openers.pop() !== PAIRS[op]) return invalid(`"${op}" closes no matching bracket`);
        depth--;
      }
      const previous = logical[logical.length - 1];
      if (op === ',' && previous?.kind === 'op' && (previous.text === ',' || '([{'.includes(previous.text))) {
        return invalid(`"${previous.text},": a comma follows nothing`); // never valid Python, wherever it is
      }
      push('op', op, i);
      if (op === '(' || op === '[' || op === '{') {
        openers.push(op);
        if (++depth > MAX_DEPTH) return invalid(`more than ${MAX_DEPTH} nested brackets`);
      }
      i += op.length;
    }
  }
  if (depth > 0) return invalid(`"${openers[openers.length - 1]}" is never closed`);
  yield* endLogicalLine();
  return {};
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The index after the string literal whose quote is at `quote`, or -1 when it is never closed. */
function stringEnd(source: string, quote: number): number {
  const q = source[quote];
  const triple = source[quote + 1] === q && source[quote + 2] === q;
  let i = quote + (triple ? 3 : 1);
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === '\\') {
      // Escapes the next character (even in raw strings a backslash keeps the quote after it open); \r\n is one.
      i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2;
    } else if (c === q) {
      if (!triple) return i + 1;
      if (source[i + 1] === q && source[i + 2] === q) return i + 3;
      i++;
    } else if (!triple && (c === '\n' || c === '\r')) {
      return -1;
    } else i++;
  }
  return -1;
}

/** Counts the line breaks in source[from, to) through `newline`, returning `to`. */
function advanceLines(source: string, from: number, to: number, newline: (at: number) => number): number {
  let i = from;
  while (i < to) {
    const c = source[i];
    if (c === '\n' || c === '\r') i = newline(i);
    else i++;
  }
  return to;
}
