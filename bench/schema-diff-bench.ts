// `erudi-migrate diff` and `generate` on a generated 300-type schema (bench/schema_diff_bench.py), on SQLite and a throwaway PostgreSQL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

export async function runSchemaDiffBenchmark(): Promise<{ name: string; lines: string[] }> {
  const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
  const run = spawnSync('bash', [join(root, 'test/runtime/with-postgresql.sh'), python, join(root, 'bench/schema_diff_bench.py')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(root, 'runtime') },
  });
  if (run.status !== 0) throw new Error(`bench/schema_diff_bench.py exited with ${run.status}: ${(run.stderr || run.stdout).trim()}`);
  return { name: 'schema diff and generate: 300 entity types (plus the core schema), each command as a process, median of 3', lines: run.stdout.trim().split('\n') };
}
