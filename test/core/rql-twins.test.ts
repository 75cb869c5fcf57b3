// Differential test: the TypeScript and Python RQL parsers give the same verdict (tree, or problem with offset, expected, message) on 10,000 generated queries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRql } from '../../server/src/core/rql/parser';
import { generatedQueries, pythonVerdicts, tsVerdict } from './rql-generated-queries';

test('rql twins: both parsers agree on 10,000 generated queries (fixed seed)', () => {
  const queries = generatedQueries(10000);
  const theirs = pythonVerdicts(queries);
  const disagreements = queries
    .map((query, i) => ({ query, ts: tsVerdict(query), python: theirs[i] }))
    .filter((d) => JSON.stringify(d.ts) !== JSON.stringify(d.python));
  assert.deepEqual(disagreements.slice(0, 5), [], `${disagreements.length} of ${queries.length} verdicts differ`);
  // The generator reaches both verdicts often enough for the comparison to mean something.
  const trees = queries.filter((q) => parseRql(q).tree !== null).length;
  assert.ok(trees > 500 && trees < 9500, `${trees} of the generated queries parse`);
});
