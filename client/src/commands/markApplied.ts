// erudiMigrations.markApplied: records an unapplied script in the instance's ledger without running it (after a confirmation).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { prepareRun } from '../migrationRun';
import { applicationOfScript, invokedOn } from '../paths';
import { runRuntime } from '../runner';
import { requireTrust } from '../trust';

export async function markApplied(ctx: ClientContext, arg: unknown): Promise<void> {
  if (!(await requireTrust('Mark Applied'))) return;
  const uri = invokedOn(arg);
  const app = uri && applicationOfScript(uri);
  if (!uri || !app) {
    void vscode.window.showErrorMessage('Erudi Migrations: Mark Applied acts on a script of the Migrations view.');
    return;
  }
  const prepared = await prepareRun(ctx, app, true);
  if (!prepared) return;
  const name = path.basename(uri.fsPath);
  const confirmed = await ctx.prompts.confirmRun(
    `Record ${name} as applied in ${prepared.settings.database.url}, without running it?`,
    'The ledger then counts it as run: do this only when what it does is already in the database (applied by hand, or by another branch\'s script). The ledger records who marked it and when.',
    'Mark Applied',
  );
  if (!confirmed) return;
  // A background schema reading may hold the instance's lock: it gives way first.
  await ctx.backgroundReads?.yieldToRun();
  const outcome = await runRuntime(ctx.runtimeRoot, { command: 'mark-applied', app, settings: prepared.settings, password: prepared.password, script: uri.fsPath }, {});
  if (outcome.spawnError || outcome.exitCode !== 0) {
    const cause = outcome.spawnError ?? outcome.errors[0]?.message ?? (outcome.stderr.trim().split('\n').pop() || `exit code ${outcome.exitCode}`);
    void vscode.window.showErrorMessage(`Erudi Migrations: could not mark ${name} applied: ${cause}`);
  } else {
    void vscode.window.showInformationMessage(`Erudi Migrations: ${name} is recorded as applied.`);
  }
  void ctx.statuses.refresh();
}
