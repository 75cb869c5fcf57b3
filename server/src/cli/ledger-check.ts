// `check --db URL`: asks the runtime what the instance's ledger says (`erudi-migrate status --json`) and reports unapplied-script and script-changed-after-apply on the files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { type CheckDiagnostic, diagnostic } from '../core/check-diagnostic';

interface LedgerStatus {
  unapplied?: string[];
  changed?: { file: string; recorded: string; current: string; applied_at: string }[];
  blocked?: string;
  stored?: { model: string } | null;
}

const FIRST_LINE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The diagnostics a status's ledger part gives, keyed by the file's path under the application. */
export function ledgerDiagnostics(appRoot: string, status: LedgerStatus): Array<{ path: string; diagnostics: CheckDiagnostic[] }> {
  const files = new Map<string, CheckDiagnostic[]>();
  const add = (file: string, d: CheckDiagnostic) => {
    const path = join(appRoot, file);
    files.set(path, [...(files.get(path) ?? []), d]);
  };
  for (const file of status.unapplied ?? []) {
    add(file, diagnostic('unapplied-script', FIRST_LINE, `at or below the stored model version ${status.stored?.model ?? ''} and the instance's ledger has no record of it: it never ran. \`erudi-migrate upgrade --include-unapplied\` runs it; \`erudi-migrate mark-applied ${file}\` records it as applied by other means.`));
  }
  for (const changed of status.changed ?? []) {
    add(changed.file, diagnostic('script-changed-after-apply', FIRST_LINE, `changed after it was applied on ${changed.applied_at}: sha256 ${changed.recorded} then, ${changed.current} now. Restore the applied content or write a new script; \`erudi-migrate mark-applied ${changed.file}\` accepts the new content.`));
  }
  return [...files].map(([path, diagnostics]) => ({ path, diagnostics }));
}

/** The runtime folder (holding erudi_migrate/) nearest above this module, in the source tree or the build. */
export function runtimeDir(): string | undefined {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'runtime', 'erudi_migrate', '__init__.py'))) return join(folder, 'runtime');
    if (dirname(folder) === folder) return undefined;
  }
}

/** Runs `erudi-migrate status --json` for one application: the parsed status, or why it could not be read. */
export function readLedger(appRoot: string, dbUrl: string, cubesPath: string[]): LedgerStatus | { error: string } {
  const runtime = runtimeDir();
  if (!runtime) return { error: 'the bundled runtime (runtime/erudi_migrate) was not found' };
  const python = process.env.ERUDI_PYTHON || 'python3';
  const args = ['-m', 'erudi_migrate', 'status', '--json', '--app', appRoot, '--db', dbUrl];
  if (cubesPath.length) args.push('--cubes-path', cubesPath.join(delimiter));
  const run = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: [runtime, process.env.PYTHONPATH].filter(Boolean).join(delimiter) },
  });
  if (run.error) return { error: `cannot start ${python}: ${run.error.message} (set ERUDI_PYTHON)` };
  try {
    return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as LedgerStatus;
  } catch {
    return { error: (run.stderr.trim().split('\n').pop() ?? '') || `the runtime exited with ${run.status}` };
  }
}
