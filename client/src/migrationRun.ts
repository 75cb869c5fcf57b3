// A run as people see it: trust check, settings and password, modal confirmation, progress with Cancel, output, confirm(), failures as diagnostics.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, SETTINGS_SECTION } from '../../protocol/protocol';
import type { ClientContext } from './clientContext';
import { redactDatabaseUrl } from '../../protocol/database-url';
import { parseRehearsal, renderRehearsal, type Rehearsal } from './core/rehearsalReport';
import { buildRunReport, outcomeText, questionsSummary, renderSqlPreview, type RunReport } from './core/runReport';
import { describeEvent, type RuntimeEvent } from './core/runtimeEvents';
import type { Application } from './paths';
import { runRuntime, type RunOutcome, type RuntimeCommand } from './runner';
import { readRunSettings, type RunSettings } from './settings';
import { pickApplication } from './commands/pickApplication';
import { openAtLine } from './openAtLine';
import { requireTrust } from './trust';

export interface MigrationRunRequest {
  command: Exclude<RuntimeCommand, 'status' | 'entities' | 'query' | 'mark-applied' | 'backups' | 'diff' | 'generate' | 'rehearse'>;
  app: Application;
  /** For `run`: the script's absolute path. */
  script?: string;
  /** Arguments after the command (`restore BACKUP --yes`). */
  extraArgs?: string[];
  dryRun?: boolean;
  /** What people read in the progress notification and messages ("Run 0.13.0_add_age_Any.py"). */
  title: string;
  /** Asked before anything is written; dry runs write nothing and skip it. Gets the settings to name the database. */
  confirmation?: (settings: RunSettings) => { message: string; detail: string; action: string };
}

/** Settings and password for an application, or undefined after telling the user what is missing. */
export async function prepareRun(ctx: ClientContext, app: Application, askPassword: boolean): Promise<{ settings: RunSettings; password?: string } | undefined> {
  const settings = await readRunSettings(app);
  if ('error' in settings) {
    void vscode.window.showErrorMessage(`Erudi Migrations: ${settings.error}`, 'Open Settings').then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_SECTION);
    });
    return undefined;
  }
  if (settings.database.kind !== 'postgresql') return { settings };
  const password = await ctx.passwords.get(settings.database, askPassword);
  if (password === undefined) {
    void vscode.window.showErrorMessage(`Erudi Migrations: no password for ${settings.database.url}. Run "Erudi Migrations: Set Database Password".`);
    return undefined;
  }
  return { settings, password };
}

/** What an instance command has once it may start: the application, its settings and password, and the database as it may be shown. */
export interface InstanceCommandStart {
  app: Application;
  settings: RunSettings;
  password?: string;
  /** The database URL with any secret redacted, for messages and the output channel. */
  database: string;
}

/**
 * The start every command on an instance shares: workspace trust, the application (the command's argument or a pick), its settings
 * and password; undefined when the user declined or was told what is missing. `purpose` is what the application pick asks for.
 */
export async function startInstanceCommand(ctx: ClientContext, arg: unknown, title: string, purpose = title, pick = pickApplication): Promise<InstanceCommandStart | undefined> {
  if (!(await requireTrust(title))) return undefined;
  const app = await pick(arg, purpose);
  if (!app) return undefined;
  const prepared = await prepareRun(ctx, app, true);
  if (!prepared) return undefined;
  return { app, ...prepared, database: redactDatabaseUrl(prepared.settings.database.url) };
}

export async function runMigration(ctx: ClientContext, request: MigrationRunRequest): Promise<RunOutcome | undefined> {
  if (!(await requireTrust(request.title))) return undefined;
  const prepared = await prepareRun(ctx, request.app, true);
  if (!prepared) return undefined;
  const { settings, password } = prepared;
  const useCustomRunner = request.command === 'run' && !!settings.runnerCommand;
  if (useCustomRunner && request.dryRun) {
    void vscode.window.showErrorMessage('Erudi Migrations: Preview needs the bundled runtime (a custom runner.command has no dry run). Clear erudiMigrations.runner.command to preview.');
    return undefined;
  }
  if (!request.dryRun && request.confirmation) {
    const question = request.confirmation(settings);
    if (!(await ctx.prompts.confirmRun(question.message, question.detail, question.action))) return undefined;
  }

  if (request.command === 'create' && settings.database.kind === 'sqlite') {
    // The default database lives in .erudi/, which a fresh checkout does not have.
    mkdirSync(path.resolve(request.app.workspaceFolder.uri.fsPath, path.dirname(settings.database.file)), { recursive: true });
  }
  const output = ctx.output;
  if (request.script) ctx.runDiagnostics.delete(vscode.Uri.file(request.script));
  output.appendLine('');
  output.appendLine(`=== ${request.title} — ${new Date().toLocaleString()}`);
  // A background schema reading holds the instance's lock while it runs the pending scripts: it gives way first.
  await ctx.backgroundReads?.yieldToRun();
  const events: RuntimeEvent[] = [];
  const startedAt = Date.now();
  let yesToAll = false;
  const answeredForYou: string[] = [];
  let currentScript: string | undefined;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Erudi Migrations: ${request.title}`, cancellable: true },
    async (progress, token) => {
      const result = await runRuntime(ctx.runtimeRoot, {
        command: request.command, app: request.app, settings, script: request.script, dryRun: request.dryRun, password, useCustomRunner,
        extraArgs: request.extraArgs,
      }, {
        onEvent(event) {
          events.push(event);
          const line = describeEvent(event);
          if (line !== undefined) output.appendLine(line);
          if (event.event === 'script') {
            currentScript = event.display ?? path.basename(event.file);
            progress.report({ message: currentScript });
          }
          if (event.event === 'step') progress.report({ message: `${event.kind} ${event.version}` });
        },
        onText(line, stream) {
          output.appendLine(stream === 'stderr' ? `[stderr] ${line}` : line);
        },
        confirm: async (question) => {
          if (yesToAll) {
            answeredForYou.push(question);
            output.appendLine(`  → yes (Yes to All)`);
            return true;
          }
          const answer = await ctx.prompts.scriptQuestion(question, currentScript ?? (request.script && path.basename(request.script)));
          yesToAll = answer === 'yes-to-all';
          output.appendLine(`  → ${answer}`);
          return answer !== 'no';
        },
      }, token);
      output.appendLine(`$ ${result.commandLine}${result.exitCode !== null ? `  → exit ${result.exitCode}` : ''}`);
      return result;
    },
  );
  const run = buildRunReport(events);
  run.automaticAnswers.unshift(...answeredForYou);
  await report(ctx, request, outcome, run, events, Date.now() - startedAt);
  void ctx.statuses.refresh();
  // The data changed: the data-aware rules need the new figures.
  void ctx.figures.refresh();
  return outcome;
}

/** "2 steps, 5 scripts, 31 SQL statements in 1.4 s": what a run did, for its notification. */
export function runCounts(report: RunReport, durationMs: number): string {
  const steps = report.steps.filter((s) => s.label).length;
  const scripts = report.steps.reduce((n, s) => n + s.scripts.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [steps ? plural(steps, 'step') : '', plural(scripts, 'script'), plural(report.statementCount, 'SQL statement')].filter(Boolean);
  return `${parts.join(', ')} in ${(durationMs / 1000).toFixed(1)} s`;
}

async function report(ctx: ClientContext, request: MigrationRunRequest, outcome: RunOutcome, run: RunReport, events: readonly RuntimeEvent[], durationMs: number): Promise<void> {
  const showOutput = 'Show Output';
  const offerOutput = (shown: Thenable<string | undefined>) => void shown.then((c) => { if (c === showOutput) ctx.output.show(true); });
  if (outcome.spawnError) {
    ctx.output.appendLine(`✖ ${outcome.spawnError}`);
    offerOutput(vscode.window.showErrorMessage(`Erudi Migrations: ${outcome.spawnError}`, showOutput));
    return;
  }
  if (outcome.cancelled) {
    offerOutput(vscode.window.showWarningMessage(`Erudi Migrations: ${request.title} cancelled; the runtime rolled back (${outcome.done ?? 'stopped'}).`, showOutput));
    return;
  }
  const questions = questionsSummary(run.questions, run.automaticAnswers);
  // A dry run of the upgrade ends with the rehearsal's report (per step: time, statements, rows per table): shown beside.
  const measured = request.dryRun && request.command === 'upgrade' ? dryRunReport(events) : undefined;
  const showMeasured = async () => {
    if (!measured) return;
    const start = events.find((e) => e.event === 'start');
    const report = renderRehearsal(measured, {
      app: request.app.name,
      database: redactDatabaseUrl(start?.event === 'start' ? start.db : ''),
      link: (file, line) => `${vscode.Uri.file(path.resolve(request.app.folder, file)).toString()}${line ? `#L${line}` : ''}`,
    });
    await ctx.previews.show(`Dry run report of ${request.app.name}`, report, request.app.folder, 'markdown', true);
  };
  const failed = outcome.exitCode !== 0 || outcome.errors.length > 0;
  if (failed) {
    await showMeasured();
    addFailureDiagnostics(ctx, request, outcome);
    const first = outcome.errors[0];
    const where = first?.file ? ` (${path.basename(first.file)}${first.line ? `:${first.line}` : ''})` : '';
    const cause = first?.message ?? (outcome.stderr.trim().split('\n').pop() || `exit code ${outcome.exitCode}`);
    const goToLine = 'Go to Line';
    const target = first?.file ?? request.script;
    const buttons = target ? [goToLine, showOutput] : [showOutput];
    void vscode.window.showErrorMessage(`Erudi Migrations: ${request.title} failed${where}: ${cause}`, ...buttons).then((choice) => {
      if (choice === showOutput) ctx.output.show(true);
      if (choice === goToLine && target) void openAtLine(request.app.folder, target, first?.line);
    });
    return;
  }
  const counts = runCounts(run, durationMs);
  if (request.dryRun) {
    // A preview is for reading the SQL: a document of its own, grouped by step and script.
    await ctx.previews.show(`Preview of ${request.title.replace(/^Preview /, '')}`, renderSqlPreview(run, request.title), request.app.folder);
    await showMeasured();
    offerOutput(vscode.window.showInformationMessage(`Erudi Migrations: ${request.title}: ${counts}; ${outcomeText(run)}.${questions}`, showOutput));
    return;
  }
  const backup = run.backup;
  const restore = 'Restore Backup';
  const canRestore = backup && (await vscode.commands.getCommands(true)).includes('erudiMigrations.restoreBackup');
  const buttons = canRestore ? [showOutput, restore] : [showOutput];
  void vscode.window.showInformationMessage(
    `Erudi Migrations: ${request.title}: ${outcome.done ?? 'finished'} — ${counts}.${backup ? ` Backup: ${backup}.` : ''}${questions}`, ...buttons,
  ).then((choice) => {
    if (choice === showOutput) ctx.output.show(true);
    if (choice === restore) void vscode.commands.executeCommand('erudiMigrations.restoreBackup', { app: request.app.folder, backup });
  });
}

function addFailureDiagnostics(ctx: ClientContext, request: MigrationRunRequest, outcome: RunOutcome): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const error of outcome.errors) {
    const file = error.file ?? request.script;
    if (!file) continue;
    const line = Math.max(0, (error.line ?? 1) - 1);
    // The end column is clamped by the editor to the line's length.
    const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, 10_000), error.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = request.dryRun ? 'preview-failed' : 'run-failed';
    byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
  }
  for (const [file, diagnostics] of byFile) ctx.runDiagnostics.set(vscode.Uri.file(file), diagnostics);
}

/** The `rehearsal` event `upgrade --dry-run --json` ends with, read as a rehearsal (undefined from an older runtime). */
function dryRunReport(events: readonly RuntimeEvent[]): Rehearsal | undefined {
  const event = [...events].reverse().find((e) => e.event === 'other' && e.name === 'rehearsal');
  if (!event || event.event !== 'other') return undefined;
  const parsed = parseRehearsal(JSON.stringify(event.data));
  return 'error' in parsed ? undefined : parsed;
}
