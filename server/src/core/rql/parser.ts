// Interprets runtime/erudi_migrate/rql/grammar.json (the one RQL grammar) into a syntax tree; twin of rql/parser.py.
import grammarSpec from '../../../../runtime/erudi_migrate/rql/grammar.json';
import { ownText } from '../own-text';

/** A grammar expression: a terminal or rule name, a sequence, or a choice/optional/repeat form. */
export type GrammarExpression =
  | string
  | GrammarExpression[]
  | { choice: GrammarExpression[] }
  | { optional: GrammarExpression }
  | { repeat: GrammarExpression };

export interface GrammarSpec {
  maxNesting: number;
  tokens: { kind: string; pattern: string; skip?: boolean; invalid?: boolean }[];
  keywords: string[];
  words: { kind: string; pattern: string }[];
  labels: Record<string, string>;
  groups: { label: string; members: string[] }[];
  start: string;
  rules: Record<string, GrammarExpression>;
}

export interface RqlToken { kind: string; text: string; start: number; end: number }
export interface RqlNode { rule: string; start: number; end: number; children: (RqlNode | RqlToken)[] }

/** Where a query stops matching the grammar and what would have been accepted there. */
export interface RqlSyntaxProblem {
  offset: number;
  length: number;
  expected: string[];
  message: string;
  /** 'rql-syntax', or 'too-deeply-nested' when parentheses nest past the grammar's bound. */
  code: 'rql-syntax' | 'too-deeply-nested';
}

export interface RqlParse {
  tree: RqlNode | null;
  tokens: RqlToken[];
  problem: RqlSyntaxProblem | null;
  /** What the grammar would accept after the last token (for completion), whether or not the text parsed. */
  expectedAtEnd: string[];
  /** Rule bodies evaluated (memo misses): at most rules x tokens, the measure tests use to prove linear parsing. */
  steps: number;
}

export const rqlGrammar = grammarSpec as unknown as GrammarSpec;

export function isNode(x: RqlNode | RqlToken): x is RqlNode {
  return 'rule' in x;
}

export function describeTerminal(terminal: string, labels: Record<string, string> = rqlGrammar.labels): string {
  return labels[terminal] ?? `'${terminal}'`;
}

export function joinAlternatives(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The alternatives of a problem's message: a group's label where all its members are expected. */
export function describeExpected(expected: string[], spec: GrammarSpec = rqlGrammar): string {
  let remaining = [...expected];
  const described: string[] = [];
  for (const group of spec.groups ?? []) {
    if (group.members.every((m) => remaining.includes(m))) {
      remaining = remaining.filter((e) => !group.members.includes(e));
      described.push(group.label);
    }
  }
  return joinAlternatives([...described, ...remaining.map((e) => describeTerminal(e, spec.labels))]);
}

function describeFound(token: RqlToken): string {
  if (token.kind === 'EOF') return 'the end of the query';
  if (token.kind === 'INVALID') {
    if (token.text.startsWith('"') || token.text.startsWith("'")) return 'an unterminated string';
    if (token.text.startsWith('/*')) return 'an unterminated comment';
  }
  return `'${token.text}'`;
}

/** A compact, comparable rendering of a tree: (rule child...) with tokens as their text; a rule node with one
 * child is shown as that child, so precedence levels appear only where they group something. */
export function sexpr(tree: RqlNode | RqlToken): string {
  while (isNode(tree) && tree.children.length === 1) tree = tree.children[0];
  if (!isNode(tree)) return tree.text;
  return `(${[tree.rule, ...tree.children.filter((c) => isNode(c) || c.kind !== 'EOF').map(sexpr)].join(' ')})`;
}

/** The first '(' nested deeper than the bound, as a too-deeply-nested problem; null when within it. */
export function nestingProblem(tokens: RqlToken[], bound: number): RqlSyntaxProblem | null {
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === '(') {
      depth += 1;
      if (depth > bound) {
        return {
          offset: token.start, length: 1, expected: [], code: 'too-deeply-nested',
          message: `parentheses nested more than ${bound} deep: the query is not checked further; split it or nest less`,
        };
      }
    } else if (token.kind === ')' && depth > 0) depth -= 1;
  }
  return null;
}

type Match = { children: (RqlNode | RqlToken)[]; next: number } | null;

interface ParseState {
  tokens: RqlToken[];
  /** Per token, per rule: undefined until tried, then the match or null (rows made as tokens are reached). */
  memo: ((Match | undefined)[] | undefined)[];
  rules: number;
  steps: number;
  furthest: number;
  /** The terminals expected at `furthest`: the first `expectedCount` entries (reused as the furthest point moves on). */
  expected: string[];
  expectedCount: number;
  /** Per token, the match of that token alone (a terminal matched there by several rules is one object). */
  tokenMatches: Match[];
}
type Parser = (state: ParseState, i: number) => Match;

// A query is parsed once per distinct statement text holding it (thousands in a big history): these run for every
// token tried, so they allocate nothing on failure and one match per token on success.
function fail(state: ParseState, i: number, wanted: string): void {
  if (i > state.furthest) {
    state.furthest = i;
    state.expectedCount = 0;
  } else if (i < state.furthest) return;
  const expected = state.expected;
  for (let k = 0; k < state.expectedCount; k++) if (expected[k] === wanted) return;
  expected[state.expectedCount++] = wanted;
}

// The match of nothing: its children are never changed (the tree is read, never written), so one array serves all.
const NO_CHILDREN: (RqlNode | RqlToken)[] = [];

export class RqlGrammar {
  private readonly tokenPatterns: { kind: string; pattern: RegExp; skip: boolean; invalid: boolean }[];
  private readonly wordKinds: { kind: string; pattern: RegExp }[];
  private readonly keywords: Set<string>;
  private readonly ruleIndex = new Map<string, number>();
  private readonly parsers: Parser[] = [];

  constructor(readonly spec: GrammarSpec) {
    // 'u': patterns read code points as Python's re does; 'y': anchored at lastIndex.
    this.tokenPatterns = spec.tokens.map((t) => ({ kind: t.kind, pattern: new RegExp(t.pattern, 'uy'), skip: !!t.skip, invalid: !!t.invalid }));
    this.wordKinds = spec.words.map((w) => ({ kind: w.kind, pattern: new RegExp(w.pattern, 'u') }));
    this.keywords = new Set(spec.keywords);
    Object.keys(spec.rules).forEach((name, i) => this.ruleIndex.set(name, i));
    for (const name of Object.keys(spec.rules)) this.parsers.push(this.compile(spec.rules[name]));
  }

  /** Each step consumes at least one character; no pattern rescans what an earlier one refused. */
  lex(text: string): RqlToken[] {
    const tokens: RqlToken[] = [];
    let pos = 0;
    outer: while (pos < text.length) {
      for (const { kind, pattern, skip, invalid } of this.tokenPatterns) {
        pattern.lastIndex = pos;
        const m = pattern.exec(text);
        if (m && m[0].length > 0) {
          const end = pos + m[0].length;
          if (invalid) tokens.push({ kind: 'INVALID', text: m[0], start: pos, end });
          else if (!skip) tokens.push(this.classify(kind, m[0], pos, end));
          pos = end;
          continue outer;
        }
      }
      // Nothing matches here (a stray '$'): one INVALID character (a whole code point) the parser reports.
      const width = (text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1;
      tokens.push({ kind: 'INVALID', text: text.slice(pos, pos + width), start: pos, end: pos + width });
      pos += width;
    }
    tokens.push({ kind: 'EOF', text: '', start: text.length, end: text.length });
    return tokens;
  }

  private classify(kind: string, text: string, start: number, end: number): RqlToken {
    if (kind === 'PUNCT') return { kind: text, text, start, end };
    if (kind === 'WORD') {
      const upper = text.toUpperCase();
      if (this.keywords.has(upper)) return { kind: upper, text, start, end };
      for (const w of this.wordKinds) if (w.pattern.test(text)) return { kind: w.kind, text, start, end };
    }
    return { kind, text, start, end };
  }

  private compile(expr: GrammarExpression): Parser {
    if (typeof expr === 'string') {
      const index = this.ruleIndex.get(expr);
      if (index !== undefined) {
        const parsers = this.parsers;
        return (state, i) => {
          let row = state.memo[i];
          if (row === undefined) row = state.memo[i] = new Array<Match | undefined>(state.rules);
          const memo = row[index];
          if (memo !== undefined) return memo;
          state.steps += 1;
          const inner = parsers[index](state, i);
          let result: Match = null;
          if (inner) {
            const start = state.tokens[i].start;
            const end = inner.next > i ? state.tokens[inner.next - 1].end : start;
            result = { children: [{ rule: expr, start, end, children: inner.children }], next: inner.next };
          }
          row[index] = result;
          return result;
        };
      }
      const wanted = expr.startsWith('$') ? expr.slice(1) : expr;
      return (state, i) => {
        const token = state.tokens[i];
        if (token.kind === wanted) return (state.tokenMatches[i] ??= { children: [token], next: i + 1 });
        fail(state, i, wanted);
        return null;
      };
    }
    if (Array.isArray(expr)) {
      const parts = expr.map((p) => this.compile(p));
      if (parts.length === 0) return (_state, i) => ({ children: NO_CHILDREN, next: i });
      const [head, ...rest] = parts;
      // Most tries fail at the first part (a choice's alternatives): nothing is made for them. Children arrays are
      // shared with a part's match while nothing is added to them (matches are never changed).
      return (state, i) => {
        const first = head(state, i);
        if (!first) return null;
        let children: (RqlNode | RqlToken)[] | undefined;
        let at = first.next;
        for (const part of rest) {
          const m = part(state, at);
          if (!m) return null;
          if (m.children.length > 0) {
            children ??= first.children.slice();
            for (const c of m.children) children.push(c);
          }
          at = m.next;
        }
        return rest.length === 0 ? first : { children: children ?? first.children, next: at };
      };
    }
    if ('choice' in expr) {
      const alternatives = expr.choice.map((a) => this.compile(a));
      return (state, i) => {
        for (const alternative of alternatives) {
          const m = alternative(state, i);
          if (m) return m;
        }
        return null;
      };
    }
    if ('optional' in expr) {
      const inner = this.compile(expr.optional);
      return (state, i) => inner(state, i) ?? { children: NO_CHILDREN, next: i };
    }
    if ('repeat' in expr) {
      const inner = this.compile(expr.repeat);
      return (state, i) => {
        let firstChildren: (RqlNode | RqlToken)[] | undefined;
        let children: (RqlNode | RqlToken)[] | undefined;
        let at = i;
        for (;;) {
          const m = inner(state, at);
          if (!m || m.next === at) return { children: children ?? firstChildren ?? NO_CHILDREN, next: at };
          if (firstChildren === undefined) firstChildren = m.children;
          else if (m.children.length > 0) {
            children ??= firstChildren.slice();
            for (const c of m.children) children.push(c);
          }
          at = m.next;
        }
      };
    }
    throw new Error(`grammar.json: unknown form ${JSON.stringify(expr)}`);
  }

  /** Ordered choice, memoized per (rule, token); the furthest failure is the error. Never throws on bad input. */
  parse(text: string): RqlParse {
    const tokens = this.lex(text);
    const tooDeep = nestingProblem(tokens, this.spec.maxNesting);
    if (tooDeep) return { tree: null, tokens, problem: tooDeep, expectedAtEnd: [], steps: 0 };
    const memo = new Array<(Match | undefined)[] | undefined>(tokens.length + 1);
    const state: ParseState = { tokens, memo, rules: this.parsers.length, steps: 0, furthest: 0, expected: [], expectedCount: 0, tokenMatches: new Array<Match>(tokens.length) };
    const result = this.parsers[this.ruleIndex.get(this.spec.start)!](state, 0);
    // Sorted by code unit, as Python's sorted() does for these ASCII names.
    const expected = state.expected.slice(0, state.expectedCount).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const expectedAtEnd = state.furthest === tokens.length - 1 ? expected.filter((e) => e !== 'EOF') : [];
    if (result) {
      const end = result.next > 0 ? tokens[result.next - 1].end : 0;
      return { tree: { rule: this.spec.start, start: tokens[0].start, end, children: result.children }, tokens, problem: null, expectedAtEnd, steps: state.steps };
    }
    const at = tokens[state.furthest];
    const message = `expected ${describeExpected(expected, this.spec)}, found ${describeFound(at)}`;
    return {
      tree: null, tokens, expectedAtEnd, steps: state.steps,
      problem: { offset: at.start, length: Math.max(at.end - at.start, 0), expected, message, code: 'rql-syntax' },
    };
  }
}

let shared: RqlGrammar | undefined;

// The syntax check and the name check of one query string both parse it: the latest parses are kept by text (a
// parse is read, never changed, by its users). Bounded: cleared when full. A parse weighs about 5 KB and statement
// results are cached anyway: at 5,000 realistic scripts, 64 parses instead of 2,000 cost 1,000 more parses of 14,100
// calls (CPU within noise) and 12 MB less peak RSS in check.
const MAX_REMEMBERED = 64;
const remembered = new Map<string, RqlParse>();

/** Parses an RQL query with the shared grammar. */
export function parseRql(text: string): RqlParse {
  const known = remembered.get(text);
  if (known) return known;
  shared ??= new RqlGrammar(rqlGrammar);
  // The parse's tokens are views into the text they read: a copy of the query, so they do not keep the script's text.
  const own = ownText(text);
  const parsed = shared.parse(own);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(own, parsed);
  return parsed;
}
