// The RQL benchmark for `npm run bench`: parse rate of each twin on the case table, the twins' verdicts on 100,000
// generated queries, and bench/rql_bench.py (the rql() loop against sql() and one UPDATE) on SQLite and a throwaway PostgreSQL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fixture from '../test/fixtures/rql-cases.json';
import { parseRql } from '../server/src/core/rql/parser';
import { generatedQueries, pythonVerdicts, tsVerdict } from '../test/core/rql-generated-queries';

const root = join(__dirname, '..');

function typescriptParseRate(): string {
  const queries = (fixture as { cases: { query: string }[] }).cases.map((c) => c.query).filter((q) => q.length < 400);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < 1000) {
      for (const query of queries) parseRql(query);
      count += queries.length;
    }
    best = Math.max(best, count / ((performance.now() - start) / 1000));
  }
  return `RQL parse rate, TypeScript twin, on the ${queries.length} queries of test/fixtures/rql-cases.json: ${Math.round(best)} queries/s`;
}

function twinsAgree(count: number): string {
  const queries = generatedQueries(count, 20261203);
  const start = performance.now();
  const theirs = pythonVerdicts(queries);
  const differing = queries.filter((query, i) => JSON.stringify(tsVerdict(query)) !== JSON.stringify(theirs[i])).length;
  return `RQL twins on ${count.toLocaleString('en')} generated queries: ${differing} verdicts differ (${((performance.now() - start) / 1000).toFixed(1)} s)`;
}

export async function runRqlBenchmark(): Promise<{ name: string; lines: string[] }> {
  const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
  const lines = [typescriptParseRate(), twinsAgree(100000)];
  const run = spawnSync('bash', [join(root, 'test/runtime/with-postgresql.sh'), python, join(root, 'bench/rql_bench.py')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(root, 'runtime') },
  });
  if (run.status !== 0) throw new Error(`bench/rql_bench.py exited with ${run.status}: ${(run.stderr || run.stdout).trim()}`);
  lines.push(...run.stdout.trim().split('\n'));
  return { name: 'RQL: parsers, twins, and the rql() data migration loop (targets: within 3x of a sql() loop on SQLite, 1.5x on PostgreSQL)', lines };
}
