// The TypeScript RQL parser against the shared case table, which the Python parser also runs: one grammar, two readers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import fixture from '../fixtures/rql-cases.json';
import { parseRql, sexpr } from '../../server/src/core/rql/parser';

type Case = { query: string; tree?: string; error?: { offset: number; expected: string[]; message: string } };

const { cases, generated } = fixture as { cases: Case[]; generated: Case[] };

for (const c of [...cases, ...generated]) {
  test(`rql grammar: ${JSON.stringify(c.query)}`, () => {
    const result = parseRql(c.query);
    if (c.tree !== undefined) {
      assert.equal(result.problem, null, result.problem?.message);
      assert.equal(sexpr(result.tree!), c.tree);
    } else {
      assert.equal(result.tree, null);
      const { offset, expected, message } = result.problem!;
      assert.deepEqual({ offset, expected, message }, c.error);
    }
  });
}

// Parsing never fails: any text gives a tree or one problem inside the text, whose expected set is not empty.
test('rql grammar: any text parses to a tree or to one positioned problem', () => {
  const words = ['Any', 'X', 'Y', 'WHERE', 'is', 'Person', ',', 'name', '>', 'IN', '(', ')', 'NOT', 'OR', 'ORDERBY', 'LIMIT', '3', "'s'", '%(a)s', 'SET', 'DELETE', 'INSERT', ':', '"', '$'];
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom(...words)).map((w) => w.join(' '))), (text) => {
      const result = parseRql(text);
      if (result.tree) return result.problem === null && result.tree.end <= text.length;
      const problem = result.problem!;
      return problem.offset >= 0 && problem.offset + problem.length <= text.length && problem.expected.length > 0;
    }),
    { numRuns: 2000 },
  );
});
