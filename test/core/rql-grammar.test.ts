// The TypeScript RQL parser against the shared case table, which the Python parser also runs: one grammar, two readers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import fixture from '../fixtures/rql-cases.json';
import { parseRql, rqlGrammar, sexpr } from '../../server/src/core/rql/parser';

type Case = { query: string; source: string; tree?: string; error?: { offset: number; expected: string[]; message: string; code: string } };

const { cases } = fixture as { cases: Case[] };

/** The table's offsets count code points (as Python does); the server's count UTF-16 units. */
export function codePointOffset(text: string, offset: number): number {
  return [...text.slice(0, offset)].length;
}

for (const c of cases) {
  test(`rql grammar: ${JSON.stringify(c.query)}`, () => {
    const result = parseRql(c.query);
    if (c.tree !== undefined) {
      assert.equal(result.problem, null, result.problem?.message);
      assert.equal(sexpr(result.tree!), c.tree);
    } else {
      assert.equal(result.tree, null);
      const { offset, expected, message, code } = result.problem!;
      assert.deepEqual({ offset: codePointOffset(c.query, offset), expected, message, code }, c.error);
    }
  });
}

// Parsing never fails: any text gives a tree or one problem inside the text, whose expected set is not empty.
test('rql grammar: any text parses to a tree or to one positioned problem', () => {
  const words = ['Any', 'X', 'Y', 'WHERE', 'is', 'Person', ',', 'name', '>', 'IN', '(', ')', 'NOT', 'OR', 'ORDERBY', 'LIMIT', '3', "'s'", '%(a)s', 'SET', 'DELETE', 'INSERT', ':', '"', '$', 'EXISTS', 'HAVING', 'WITH', 'BEING', 'UNION', 'COUNT'];
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom(...words)).map((w) => w.join(' '))), (text) => {
      const result = parseRql(text);
      if (result.tree) return result.problem === null && result.tree.end <= text.length;
      const problem = result.problem!;
      const within = problem.offset >= 0 && problem.offset + problem.length <= text.length;
      return within && (problem.code === 'too-deeply-nested' || problem.expected.length > 0);
    }),
    { numRuns: 2000 },
  );
});

// CPU time of this process: other processes on a loaded machine do not count.
function seconds(text: string): number {
  const start = process.cpuUsage();
  parseRql(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

// The best of three runs at N and 4N: linear time gives 4 (more with the collector's work), quadratic 16.
function assertLinear(make: (n: number) => string, n = 200000): void {
  seconds(make(n));
  const small = Math.min(...[0, 1, 2].map(() => seconds(make(n))));
  const large = Math.min(...[0, 1, 2].map(() => seconds(make(4 * n))));
  assert.ok(large / Math.max(small, 1e-6) < 10, `N: ${small}s, 4N: ${large}s`);
}

test('rql grammar: a string of quote-backslash pairs, unterminated comments and quotes lex in linear time', () => {
  assertLinear((n) => `Any X WHERE X name ${'"\\'.repeat(n)}`);
  assertLinear((n) => `Any X WHERE X name ${'/*/'.repeat(n)}`);
  assertLinear((n) => `Any X WHERE X name ${"'\\'".repeat(n)}`);
});

test('rql grammar: parsing is linear: rule evaluations per token stay bounded (memoized), whatever the nesting of choices', () => {
  const shapes = [
    (n: number) => `Any X WHERE ${Array(n).fill('(X age 1 OR (X name "a" AND X age > (2 + 3)))').join(', ')}`,
    (n: number) => `Any X GROUPBY X WHERE X age 1 HAVING ${Array(n).fill('((COUNT(X) + (1)) > (2))').join(' OR ')}`,
    (n: number) => `Any X GROUPBY X WHERE X age 1 HAVING ${Array(n).fill('((1 + 2) < COUNT(X))').join(', ')}`,
  ];
  for (const make of shapes) {
    const small = parseRql(make(100));
    const large = parseRql(make(400));
    const ratio = large.steps / large.tokens.length / (small.steps / small.tokens.length);
    assert.ok(ratio < 1.1, `steps per token: ${small.steps / small.tokens.length} at N, ${large.steps / large.tokens.length} at 4N`);
    assert.ok(large.steps <= large.tokens.length * Object.keys(rqlGrammar.rules).length);
  }
});

test('rql grammar: nesting past the bound is one too-deeply-nested problem, not a stack overflow', () => {
  for (const depth of [41, 306, 100000]) {
    const result = parseRql(`Any X WHERE ${'('.repeat(depth)}X name 1${')'.repeat(depth)}`);
    assert.equal(result.tree, null);
    assert.equal(result.problem?.code, 'too-deeply-nested');
    assert.equal(result.problem?.offset, 'Any X WHERE '.length + 40);
  }
  assert.notEqual(parseRql(`Any X WHERE ${'('.repeat(40)}X name 1${')'.repeat(40)}`).tree, null);
});
