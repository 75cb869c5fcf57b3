// Differential test: the TypeScript and Python RQL parsers give the same verdict (tree, or problem with offset, expected, message) on 10,000 generated queries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseRql, sexpr } from '../../server/src/core/rql/parser';
import { generatedQueries } from './rql-generated-queries';

const root = join(__dirname, '..', '..');
const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';

/** The same shape as test/runtime/rql_cases.py's verdict; offsets in code points, as Python counts. */
export function tsVerdict(query: string): unknown {
  const result = parseRql(query);
  if (result.tree) return { tree: sexpr(result.tree) };
  const { offset, expected, message, code } = result.problem!;
  return { error: { offset: [...query.slice(0, offset)].length, expected, message, code } };
}

/** The Python twin's verdicts on the same queries (one process for all of them). */
export function pythonVerdicts(queries: string[]): unknown[] {
  const run = spawnSync(python, [join(root, 'test/runtime/rql_cases.py'), '--verdicts'], {
    input: JSON.stringify(queries), encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (run.status !== 0) throw new Error(`rql_cases.py --verdicts exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as unknown[];
}

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
