// Interprets runtime/erudi_migrate/rql/grammar.json (the one RQL grammar) into a syntax tree; twin of rql/parser.py.
import grammarSpec from '../../../../runtime/erudi_migrate/rql/grammar.json';

/** A grammar expression: a terminal or rule name, a sequence, or a choice/optional/repeat form. */
export type GrammarExpression =
  | string
  | GrammarExpression[]
  | { choice: GrammarExpression[] }
  | { optional: GrammarExpression }
  | { repeat: GrammarExpression };

export interface GrammarSpec {
  tokens: { kind: string; pattern: string; skip?: boolean }[];
  keywords: string[];
  words: { kind: string; pattern: string }[];
  labels: Record<string, string>;
  start: string;
  rules: Record<string, GrammarExpression>;
}

export interface RqlToken { kind: string; text: string; start: number; end: number }
export interface RqlNode { rule: string; start: number; end: number; children: (RqlNode | RqlToken)[] }

/** Where a query stops matching the grammar and what would have been accepted there. */
export interface RqlSyntaxProblem { offset: number; length: number; expected: string[]; message: string }

export interface RqlParse {
  tree: RqlNode | null;
  tokens: RqlToken[];
  problem: RqlSyntaxProblem | null;
  /** What the grammar would accept after the last token (for completion), whether or not the text parsed. */
  expectedAtEnd: string[];
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

function describeFound(token: RqlToken): string {
  if (token.kind === 'EOF') return 'the end of the query';
  if (token.kind === 'INVALID' && (token.text === '"' || token.text === "'")) return 'an unterminated string';
  return `'${token.text}'`;
}

/** A compact, comparable rendering of a tree: (rule child...) with tokens as their text. */
export function sexpr(tree: RqlNode | RqlToken): string {
  if (!isNode(tree)) return tree.text;
  return `(${[tree.rule, ...tree.children.map(sexpr)].join(' ')})`;
}

type Match = { children: (RqlNode | RqlToken)[]; next: number } | null;

export class RqlGrammar {
  private readonly tokenPatterns: { kind: string; pattern: RegExp; skip: boolean }[];
  private readonly wordKinds: { kind: string; pattern: RegExp }[];
  private readonly keywords: Set<string>;

  constructor(readonly spec: GrammarSpec) {
    this.tokenPatterns = spec.tokens.map((t) => ({ kind: t.kind, pattern: new RegExp(t.pattern, 'y'), skip: !!t.skip }));
    this.wordKinds = spec.words.map((w) => ({ kind: w.kind, pattern: new RegExp(w.pattern) }));
    this.keywords = new Set(spec.keywords);
  }

  lex(text: string): RqlToken[] {
    const tokens: RqlToken[] = [];
    let pos = 0;
    outer: while (pos < text.length) {
      for (const { kind, pattern, skip } of this.tokenPatterns) {
        pattern.lastIndex = pos;
        const m = pattern.exec(text);
        if (m && m[0].length > 0) {
          if (!skip) tokens.push(this.classify(kind, m[0], pos, pos + m[0].length));
          pos += m[0].length;
          continue outer;
        }
      }
      // Nothing matches here (an unterminated string, a stray '$'): one INVALID character the parser reports.
      tokens.push({ kind: 'INVALID', text: text[pos], start: pos, end: pos + 1 });
      pos += 1;
    }
    tokens.push({ kind: 'EOF', text: '', start: text.length, end: text.length });
    return tokens;
  }

  private classify(kind: string, text: string, start: number, end: number): RqlToken {
    if (kind === 'PUNCT') return { kind: text, text, start, end };
    if (kind === 'WORD') {
      if (this.keywords.has(text.toUpperCase())) return { kind: text.toUpperCase(), text, start, end };
      for (const w of this.wordKinds) if (w.pattern.test(text)) return { kind: w.kind, text, start, end };
    }
    return { kind, text, start, end };
  }

  /** Ordered choice with backtracking; the furthest failure is the error. Never throws on bad input. */
  parse(text: string): RqlParse {
    const tokens = this.lex(text);
    const state = { furthest: 0, expected: new Set<string>() };
    const fail = (i: number, wanted: string) => {
      if (i > state.furthest) { state.furthest = i; state.expected = new Set([wanted]); }
      else if (i === state.furthest) state.expected.add(wanted);
    };
    const match = (expr: GrammarExpression, i: number): Match => {
      if (typeof expr === 'string') {
        const rule = this.spec.rules[expr];
        if (rule !== undefined) {
          const inner = match(rule, i);
          if (!inner) return null;
          const start = tokens[i].start;
          const end = inner.next > i ? tokens[inner.next - 1].end : start;
          return { children: [{ rule: expr, start, end, children: inner.children }], next: inner.next };
        }
        const wanted = expr.startsWith('$') ? expr.slice(1) : expr;
        if (tokens[i].kind === wanted) return { children: [tokens[i]], next: i + 1 };
        fail(i, wanted);
        return null;
      }
      if (Array.isArray(expr)) {
        const children: (RqlNode | RqlToken)[] = [];
        let at = i;
        for (const part of expr) {
          const m = match(part, at);
          if (!m) return null;
          children.push(...m.children);
          at = m.next;
        }
        return { children, next: at };
      }
      if ('choice' in expr) {
        for (const alternative of expr.choice) {
          const m = match(alternative, i);
          if (m) return m;
        }
        return null;
      }
      if ('optional' in expr) return match(expr.optional, i) ?? { children: [], next: i };
      const children: (RqlNode | RqlToken)[] = [];
      let at = i;
      for (;;) {
        const m = match(expr.repeat, at);
        if (!m || m.next === at) return { children, next: at };
        children.push(...m.children);
        at = m.next;
      }
    };
    const result = match(this.spec.start, 0);
    // Sorted by code unit, as Python's sorted() does for these ASCII names.
    const expected = [...state.expected].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const expectedAtEnd = state.furthest === tokens.length - 1 ? expected.filter((e) => e !== 'EOF') : [];
    if (result) return { tree: result.children[0] as RqlNode, tokens, problem: null, expectedAtEnd };
    const at = tokens[state.furthest];
    const message = `expected ${joinAlternatives(expected.map((e) => describeTerminal(e, this.spec.labels)))}, found ${describeFound(at)}`;
    return { tree: null, tokens, problem: { offset: at.start, length: Math.max(at.end - at.start, 0), expected, message }, expectedAtEnd };
  }
}

let shared: RqlGrammar | undefined;

/** Parses an RQL query with the shared grammar. */
export function parseRql(text: string): RqlParse {
  shared ??= new RqlGrammar(rqlGrammar);
  return shared.parse(text);
}
