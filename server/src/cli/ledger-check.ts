// `check --db URL`: asks the runtime what the instance's ledger says (`erudi-migrate status --json`) and reports unapplied-script and script-changed-after-apply on the files.
import { join } from 'node:path';
import { lastJsonLine, runBundledRuntime } from './bundled-runtime';
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

/** Runs `erudi-migrate status --json` for one application: the parsed status, or why it could not be read. */
export function readLedger(appRoot: string, dbUrl: string, cubesPath: string[]): LedgerStatus | { error: string } {
  const run = runBundledRuntime(['status', '--json'], appRoot, dbUrl, cubesPath);
  return 'error' in run ? run : lastJsonLine<LedgerStatus>(run);
}
