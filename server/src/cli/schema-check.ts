// `check --schema --db URL`: asks the runtime what the instance's schema lacks after the pending scripts (`erudi-migrate diff --after-pending`).
import { readSchemaDiff, type SchemaDiff } from '../core/schema-diff';
import { runBundledRuntime } from './bundled-runtime';

/** Runs `erudi-migrate diff --after-pending --exit-code --json` for one application: the diff, or why it could not be read. */
export function readInstanceSchemaDiff(appRoot: string, dbUrl: string, cubesPath: string[]): SchemaDiff | { error: string } {
  // The pending scripts run in a transaction that is rolled back: their confirm() questions are answered yes (--non-interactive),
  // so the diff is what remains after an upgrade where the user says yes.
  const run = runBundledRuntime(['diff', '--after-pending', '--exit-code', '--json', '--non-interactive'], appRoot, dbUrl, cubesPath);
  if ('error' in run) return run;
  // --exit-code makes "there are changes" exit 1 too: the diff event, not the status, says which it was.
  return readSchemaDiff(run.stdout, run.stderr, run.status);
}
