// `check --db URL`: reads the instance's figures through the bundled runtime (`erudi-migrate stats --json`, read-only) for the data-aware safety rules.
import { spawnSync } from 'node:child_process';
import { delimiter } from 'node:path';
import type { InstanceFigures } from '../../../protocol/protocol';
import { runtimeDir } from './ledger-check';

/** The application's instance figures, or why they could not be read. */
export function readInstanceFigures(appRoot: string, dbUrl: string, cubesPath: string[]): InstanceFigures | { error: string } {
  const runtime = runtimeDir();
  if (!runtime) return { error: 'the bundled runtime (runtime/erudi_migrate) was not found' };
  const python = process.env.ERUDI_PYTHON || 'python3';
  const args = ['-m', 'erudi_migrate', 'stats', '--json', '--app', appRoot, '--db', dbUrl];
  if (cubesPath.length) args.push('--cubes-path', cubesPath.join(delimiter));
  const run = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: [runtime, process.env.PYTHONPATH].filter(Boolean).join(delimiter) },
  });
  if (run.error) return { error: `cannot start ${python}: ${run.error.message} (set ERUDI_PYTHON)` };
  try {
    const event = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { event?: string; message?: string; entityTypes?: InstanceFigures['entityTypes'] };
    if (event.event === 'stats' && event.entityTypes) return { entityTypes: event.entityTypes };
    return { error: event.message ?? `the runtime exited with ${run.status}` };
  } catch {
    return { error: (run.stderr.trim().split('\n').pop() ?? '') || `the runtime exited with ${run.status}` };
  }
}
