// The rql() benchmark for `npm run bench`: bench/rql_bench.py (SET over 100,000 entities vs SQL) on SQLite and a throwaway PostgreSQL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

export async function runRqlBenchmark(): Promise<{ name: string; lines: string[] }> {
  const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
  const run = spawnSync('bash', [join(root, 'test/runtime/with-postgresql.sh'), python, join(root, 'bench/rql_bench.py')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(root, 'runtime') },
  });
  if (run.status !== 0) throw new Error(`bench/rql_bench.py exited with ${run.status}: ${(run.stderr || run.stdout).trim()}`);
  return { name: 'rql() SET vs hand-written SQL (target: within 1.3x)', lines: run.stdout.trim().split('\n') };
}
