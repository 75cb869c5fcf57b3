// `check --schema --db URL`: asks the runtime what the instance's schema lacks after the pending scripts (`erudi-migrate diff --after-pending`).
import { spawnSync } from 'node:child_process';
import { delimiter } from 'node:path';
import { readSchemaDiff, type SchemaDiff } from '../core/schema-diff';
import { runtimeDir } from './ledger-check';

/** A database URL as it may be printed: a password in the user info or the query (which the runtime refuses anyway) becomes ***. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}

/** Runs `erudi-migrate diff --after-pending --exit-code --json` for one application: the diff, or why it could not be read. */
export function readInstanceSchemaDiff(appRoot: string, dbUrl: string, cubesPath: string[]): SchemaDiff | { error: string } {
  const runtime = runtimeDir();
  if (!runtime) return { error: 'the bundled runtime (runtime/erudi_migrate) was not found' };
  const python = process.env.ERUDI_PYTHON || 'python3';
  // The pending scripts run in a transaction that is rolled back: their confirm() questions are answered yes (--non-interactive),
  // so the diff is what remains after an upgrade where the user says yes.
  const args = ['-m', 'erudi_migrate', 'diff', '--app', appRoot, '--db', dbUrl, '--after-pending', '--exit-code', '--json', '--non-interactive'];
  if (cubesPath.length) args.push('--cubes-path', cubesPath.join(delimiter));
  const run = spawnSync(python, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONPATH: [runtime, process.env.PYTHONPATH].filter(Boolean).join(delimiter) },
  });
  if (run.error) return { error: `cannot start ${python}: ${run.error.message} (set ERUDI_PYTHON)` };
  // --exit-code makes "there are changes" exit 1 too: the diff event, not the status, says which it was.
  return readSchemaDiff(run.stdout ?? '', run.stderr ?? '', run.status);
}
