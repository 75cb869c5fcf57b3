// The runtime benchmarks for `npm run bench`: bench/runtime_bench.py (1,000-script upgrade overhead; upgrade scaling to 10,000 scripts; add_attribute with a default on 1,000,000 rows vs SQL) on SQLite and a throwaway PostgreSQL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

export async function runRuntimeBenchmark(): Promise<{ name: string; lines: string[] }> {
  const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
  const run = spawnSync('bash', [join(root, 'test/runtime/with-postgresql.sh'), python, join(root, 'bench/runtime_bench.py')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(root, 'runtime') },
  });
  if (run.status !== 0) throw new Error(`bench/runtime_bench.py exited with ${run.status}: ${(run.stderr || run.stdout).trim()}`);
  return { name: 'migration runtime: upgrade overhead per script (target < 5 ms), upgrade at 1,000 / 4,000 / 10,000 scripts as processes (target 1.5x), add_attribute vs SQL (target 1.2x)', lines: run.stdout.trim().split('\n') };
}
