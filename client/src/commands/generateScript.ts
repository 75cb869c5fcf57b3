// erudiMigrations.generateScript: shows what schema.py changes against the instance (after its pending scripts) in a diff view, then
// writes the migration script that makes those changes (`erudi-migrate generate`) on confirmation and opens it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readGeneratedScript, readSchemaDiff, type RuntimeFailure } from '../../../server/src/core/schema-diff';
import type { ClientContext } from '../clientContext';
import { generationQuestion } from '../core/schemaGeneration';
import { startInstanceCommand } from '../migrationRun';
import { openAtLine } from '../openAtLine';
import type { Application } from '../paths';
import { runRuntime, YES_ON_ROLLED_BACK_RUNS, type RunOutcome, type RuntimeInvocation } from '../runner';

const TITLE = 'Generate Migration Script from schema.py';

export async function generateScript(ctx: ClientContext, arg: unknown): Promise<void> {
  const prepared = await startInstanceCommand(ctx, arg, TITLE);
  if (!prepared) return;
  const { app, database } = prepared;
  const base: Omit<RuntimeInvocation, 'command'> = { app, settings: prepared.settings, password: prepared.password };

  // A background schema reading holds the instance's lock while it runs the pending scripts: it gives way first.
  await ctx.backgroundReads?.yieldToRun();
  const read = await withCancellableProgress(`Reading the schema difference of ${app.name}`, async (token) => {
    const diffRun = await runRuntime(ctx.runtimeRoot, { ...base, command: 'diff', extraArgs: ['--after-pending'] }, YES_ON_ROLLED_BACK_RUNS, token);
    if (diffRun.cancelled) return undefined;
    const diff = diffRun.spawnError ? { error: diffRun.spawnError } : readSchemaDiff(diffRun.stdout, diffRun.stderr, diffRun.exitCode);
    if ('error' in diff || !diff.changes.length) return { diff };
    // The dry run says which version the script gets and whether numversion must rise, before the question.
    const dryRun = await runRuntime(ctx.runtimeRoot, { ...base, command: 'generate', dryRun: true }, YES_ON_ROLLED_BACK_RUNS, token);
    if (dryRun.cancelled) return undefined;
    return { diff, planned: dryRun.spawnError ? { error: dryRun.spawnError } : readGeneratedScript(dryRun.stdout, dryRun.stderr, dryRun.exitCode) };
  });
  if (!read) return cancelled();
  const { diff, planned } = read;
  if ('error' in diff) return failed(app, 'The schema difference could not be read', diff);
  if (!diff.changes.length) {
    void vscode.window.showInformationMessage(`Erudi Migrations: ${app.name}'s schema files and ${database} agree${diff.afterPending ? ' once the pending scripts have run' : ''}: there is no script to generate.`);
    return;
  }
  const stored = diff.storedVersion ? ` ${diff.storedVersion}` : '';
  const left = ctx.previews.put(`${app.name} instance${stored}${diff.afterPending ? ' after pending scripts' : ''}`, diff.persistedText, app.folder, 'py');
  const right = ctx.previews.put(`${app.name} schema files`, diff.applicationText, app.folder, 'py');
  const title = `${app.name}: instance${stored}${diff.afterPending ? ' + pending scripts' : ''} ↔ schema files (${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'})`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
  if (!planned || 'error' in planned) return failed(app, 'The script could not be prepared', planned ?? { error: 'no dry run' });

  const question = generationQuestion(app.name, database, diff, planned);
  const choice = await ctx.prompts.choose(question.message, question.detail, question.choices);
  if (!choice) return;
  const raise = choice === question.raiseChoice;
  const written = await withCancellableProgress(`Writing the migration script of ${app.name}`, (token) =>
    runRuntime(ctx.runtimeRoot, { ...base, command: 'generate', extraArgs: raise ? ['--raise-numversion'] : [] }, YES_ON_ROLLED_BACK_RUNS, token));
  if (!written || written.cancelled) return cancelled();
  const result = outcomeOf(written);
  if ('error' in result) return failed(app, 'The script could not be written', result);
  if (!result.path) {
    void vscode.window.showInformationMessage(`Erudi Migrations: nothing to write for ${app.name}: the schema files and the instance agree now.`);
    return;
  }
  const file = path.resolve(app.folder, result.path);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  const raised = result.numversionRaised ? ` numversion raised to ${result.numversion} in __pkginfo__.py.` : '';
  ctx.output.appendLine(`Generated ${vscode.workspace.asRelativePath(file)} (${result.changes} change${result.changes === 1 ? '' : 's'}) from the difference with ${database}.${raised}`);
  void vscode.window.showInformationMessage(`Erudi Migrations: wrote ${path.basename(file)} (${result.changes} change${result.changes === 1 ? '' : 's'}); read it, then preview it before it runs.${raised}`);
  // The new pending script covers the changes: the status and schema-not-migrated follow.
  void ctx.statuses.refresh();
}

function outcomeOf(run: RunOutcome) {
  return run.spawnError ? { error: run.spawnError } : readGeneratedScript(run.stdout, run.stderr, run.exitCode);
}

function withCancellableProgress<T>(title: string, work: (token: vscode.CancellationToken) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Erudi Migrations: ${title}`, cancellable: true }, (_progress, token) => work(token));
}

function cancelled(): void {
  void vscode.window.showInformationMessage('Erudi Migrations: Generate Migration Script cancelled; nothing was written.');
}

/** A failure with the runtime's reason, and "Go to Line" when it names a file (a schema that cannot be read). */
function failed(app: Application, what: string, failure: RuntimeFailure): void {
  const goTo = 'Go to Line';
  const buttons = failure.file ? [goTo] : [];
  void vscode.window.showErrorMessage(`Erudi Migrations: ${what} (${app.name}): ${failure.error}`, ...buttons).then((choice) => {
    if (choice === goTo && failure.file) void openAtLine(app.folder, failure.file, failure.line);
  });
}
