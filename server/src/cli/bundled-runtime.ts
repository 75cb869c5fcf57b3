// Runs the bundled runtime (`python -m erudi_migrate COMMAND --app DIR --db URL ...`) for the headless checks of `check --db`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The runtime folder (holding erudi_migrate/) nearest above this module, in the source tree or the build. */
export function runtimeDir(): string | undefined {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'runtime', 'erudi_migrate', '__init__.py'))) return join(folder, 'runtime');
    if (dirname(folder) === folder) return undefined;
  }
}

export interface RuntimeRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** One runtime command on one application and database (`ERUDI_PYTHON`, else python3); or why it could not start. */
export function runBundledRuntime(command: string[], appRoot: string, dbUrl: string, cubesPath: string[]): RuntimeRun | { error: string } {
  const runtime = runtimeDir();
  if (!runtime) return { error: 'the bundled runtime (runtime/erudi_migrate) was not found' };
  const python = process.env.ERUDI_PYTHON || 'python3';
  const args = ['-m', 'erudi_migrate', ...command, '--app', appRoot, '--db', dbUrl];
  if (cubesPath.length) args.push('--cubes-path', cubesPath.join(delimiter));
  const run = spawnSync(python, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024, // a schema diff carries both schemas as text
    env: { ...process.env, PYTHONPATH: [runtime, process.env.PYTHONPATH].filter(Boolean).join(delimiter) },
  });
  if (run.error) return { error: `cannot start ${python}: ${run.error.message} (set ERUDI_PYTHON)` };
  return { stdout: run.stdout ?? '', stderr: run.stderr ?? '', status: run.status };
}

/** The last stdout line as JSON (the command's result event), or the last stderr line when there is none. */
export function lastJsonLine<T>(run: RuntimeRun): T | { error: string } {
  try {
    return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as T;
  } catch {
    return { error: (run.stderr.trim().split('\n').pop() ?? '') || `the runtime exited with ${run.status}` };
  }
}
