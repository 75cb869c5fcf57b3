// `npm run bench`: bench/rehearse_bench.py, `erudi-migrate rehearse` on a 1,000,000-row SQLite database next to a plain file copy of it (the floor).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

export async function runRehearseBenchmark(): Promise<{ name: string; lines: string[] }> {
  const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
  const run = spawnSync(python, [join(root, 'bench/rehearse_bench.py')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(root, 'runtime') },
  });
  if (run.status !== 0) throw new Error(`bench/rehearse_bench.py exited with ${run.status}: ${(run.stderr || run.stdout).trim()}`);
  return { name: 'migration runtime: rehearse on a 1,000,000-row SQLite database vs a plain file copy (the floor)', lines: run.stdout.trim().split('\n') };
}
