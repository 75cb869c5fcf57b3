// The TypeScript RQL parser against the shared case table, which the Python parser also runs: one grammar, two readers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import cases from '../fixtures/rql-cases.json';
import { parseRql, sexpr } from '../../server/src/core/rql/parser';

type Case = { query: string; tree?: string; error?: { offset: number; expected: string[]; message: string } };

for (const c of (cases as { cases: Case[] }).cases) {
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
