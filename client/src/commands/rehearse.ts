// erudiMigrations.rehearse: runs the whole upgrade on a copy of the instance's database (`erudi-migrate rehearse`), with progress and
// Cancel (the runtime drops its copy), and shows the report in a read-only document with a table per step.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { firstFailure, formatDuration, parseRehearsal, renderRehearsal } from '../core/rehearsalReport';
import { describeEvent } from '../core/runtimeEvents';
import { startInstanceCommand } from '../migrationRun';
import { openAtLine } from '../openAtLine';
import { runRuntime } from '../runner';

const TITLE = 'Rehearse Upgrade on a Copy';

export async function rehearse(ctx: ClientContext, arg: unknown): Promise<void> {
  const prepared = await startInstanceCommand(ctx, arg, TITLE);
  if (!prepared) return;
  const { app, database } = prepared;
  ctx.output.appendLine('');
  ctx.output.appendLine(`=== Rehearsal of ${app.name} on a copy of ${database} — ${new Date().toLocaleString()}`);
  // A background schema reading holds the instance's lock while it runs the pending scripts: it gives way first.
  await ctx.backgroundReads?.yieldToRun();
  // Questions are answered yes on the copy, as --non-interactive would: the rehearsal shows what the yes path does.
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Erudi Migrations: rehearsing the upgrade of ${app.name} on a copy`, cancellable: true },
    (progress, token) => runRuntime(ctx.runtimeRoot, { command: 'rehearse', app, settings: prepared.settings, password: prepared.password }, {
      onEvent(event) {
        const line = describeEvent(event);
        if (line !== undefined) ctx.output.appendLine(line);
        if (event.event === 'step') progress.report({ message: `${event.kind} ${event.version}` });
        if (event.event === 'script') progress.report({ message: event.display ?? path.basename(event.file) });
      },
      onText: (line, stream) => ctx.output.appendLine(stream === 'stderr' ? `[stderr] ${line}` : line),
      confirm: async (question) => {
        ctx.output.appendLine(`  ${question} → yes (on the copy)`);
        return true;
      },
    }, token),
  );
  ctx.output.appendLine(`$ ${outcome.commandLine}${outcome.exitCode !== null ? `  → exit ${outcome.exitCode}` : ''}`);
  const showOutput = 'Show Output';
  if (outcome.cancelled) {
    void ctx.statuses.refresh();
    void vscode.window.showWarningMessage(`Erudi Migrations: rehearsal of ${app.name} cancelled; its copy was dropped and ${database} was not touched.`, showOutput)
      .then((c) => { if (c) ctx.output.show(true); });
    return;
  }
  const result = outcome.spawnError ? { error: outcome.spawnError } : parseRehearsal(outcome.stdout, outcome.stderr, outcome.exitCode);
  if ('error' in result) {
    const goTo = 'Go to Line';
    const buttons = 'file' in result && result.file ? [goTo, showOutput] : [showOutput];
    void vscode.window.showErrorMessage(`Erudi Migrations: the rehearsal of ${app.name} could not run: ${result.error}`, ...buttons).then((c) => {
      if (c === showOutput) ctx.output.show(true);
      if (c === goTo && 'file' in result && result.file) void openAtLine(app.folder, result.file, result.line);
    });
    return;
  }
  const report = renderRehearsal(result, {
    app: app.name,
    database,
    link: (file, line) => `${vscode.Uri.file(path.resolve(app.folder, file)).toString()}${line ? `#L${line}` : ''}`,
  });
  await ctx.previews.show(`Rehearsal of ${app.name}`, report, app.folder, 'markdown');
  const failure = firstFailure(result);
  // The background schema reading stopped for the rehearsal reads again.
  void ctx.statuses.refresh();
  if (result.ok) {
    void vscode.window.showInformationMessage(`Erudi Migrations: rehearsal of ${app.name} passed — ${result.steps.length} step(s) in ${formatDuration(result.durationMs)} on a copy; ${database} was not touched.`);
    return;
  }
  const goTo = 'Go to Line';
  const buttons = failure?.file ? [goTo, showOutput] : [showOutput];
  void vscode.window.showErrorMessage(`Erudi Migrations: rehearsal of ${app.name} failed${failure?.file ? ` (${path.basename(failure.file)}${failure.line ? `:${failure.line}` : ''})` : ''}: ${failure?.message ?? 'see the report'}`, ...buttons)
    .then((c) => {
      if (c === showOutput) ctx.output.show(true);
      if (c === goTo && failure?.file) void openAtLine(app.folder, failure.file, failure.line);
    });
}
