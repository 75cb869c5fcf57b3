// After each status refresh (start, a saved schema.py or script, a run), asks the runtime what schema.py changes no pending script covers
// (`diff --after-pending`) for every application with an instance, and hands it to the language server, which shows schema-not-migrated.
import * as vscode from 'vscode';
import { SCHEMA_DIFF_NOTIFICATION, type SchemaDiffParams } from '../../protocol/protocol';
import { readSchemaDiff } from '../../server/src/core/schema-diff';
import { redactDatabaseUrl } from '../../protocol/database-url';
import { readBackgroundSettings } from './backgroundSettings';
import type { ApplicationStatus, InstanceStatuses } from './instanceStatus';
import { runRuntime, YES_ON_ROLLED_BACK_RUNS } from './runner';
import type { DatabasePasswords } from './secrets';
import type { LanguageServer } from './server';

export class SchemaDiffs implements vscode.Disposable {
  /** The last notification sent per application folder: sent again to a restarted server. */
  private readonly sent = new Map<string, SchemaDiffParams>();
  /** Each application's latest reading; an older one finishing later is dropped. */
  private readonly generation = new Map<string, number>();
  /** The last problem logged per application, so a broken instance is not logged on every save. */
  private readonly logged = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  /** The readings in flight: `diff --after-pending` takes the instance's lock while it applies (and rolls back) the pending scripts. */
  private readonly inFlight = new Map<string, { source: vscode.CancellationTokenSource; done: Promise<unknown> }>();

  constructor(
    private readonly runtimeRoot: string,
    private readonly passwords: DatabasePasswords,
    private readonly statuses: InstanceStatuses,
    private readonly server: LanguageServer,
    private readonly log: vscode.OutputChannel,
  ) {
    this.subscriptions = [
      statuses.onDidChange(() => void this.readAll()),
      server.onDidChangeState((state) => { if (state === 'running') for (const params of this.sent.values()) void server.notify(SCHEMA_DIFF_NOTIFICATION, params); }),
    ];
  }

  private async readAll(): Promise<void> {
    const current = new Set(this.statuses.all.map((s) => s.app.folder));
    // An application gone from the workspace: its diagnostics go with it.
    for (const folder of [...this.sent.keys()]) if (!current.has(folder)) this.forget(folder);
    await Promise.all(this.statuses.all.map((s) => this.readOne(s)));
  }

  private async readOne(status: ApplicationStatus): Promise<void> {
    const folder = status.app.folder;
    const generation = (this.generation.get(folder) ?? 0) + 1;
    this.generation.set(folder, generation);
    // No instance yet, Restricted Mode, no password, a blocked upgrade: nothing to compare with.
    if (!status.status?.stored || status.status.blocked || status.problem) return this.forget(folder);
    const read = await readBackgroundSettings(status.app, this.passwords);
    if ('problem' in read) return this.forget(folder);
    const { settings, password } = read;
    // A reading still in flight is out of date and holds the instance's lock: stopped, and gone before the new one starts.
    const previous = this.inFlight.get(folder);
    if (previous) {
      previous.source.cancel();
      await previous.done;
      if (this.generation.get(folder) !== generation) return;
    }
    const source = new vscode.CancellationTokenSource();
    const done = runRuntime(this.runtimeRoot, { command: 'diff', app: status.app, settings, password, extraArgs: ['--after-pending'] }, YES_ON_ROLLED_BACK_RUNS, source.token);
    this.inFlight.set(folder, { source, done });
    const outcome = await done.finally(() => {
      if (this.inFlight.get(folder)?.source === source) this.inFlight.delete(folder);
      source.dispose();
    });
    // Stopped for a command of the user's (yieldToRun): the last diagnostics stay until the next reading.
    if (outcome.cancelled || this.generation.get(folder) !== generation) return;
    const diff = outcome.spawnError ? { error: outcome.spawnError } : readSchemaDiff(outcome.stdout, outcome.stderr, outcome.exitCode);
    if ('error' in diff) {
      if (this.logged.get(folder) !== diff.error) this.log.appendLine(`The schema difference of ${status.app.name} with its instance could not be read: ${diff.error}`);
      this.logged.set(folder, diff.error);
      return this.forget(folder);
    }
    this.logged.delete(folder);
    this.send({
      application: vscode.Uri.file(folder).toString(),
      database: redactDatabaseUrl(settings.database.url),
      storedVersion: diff.storedVersion ?? status.status.stored.model,
      changes: diff.changes,
    }, folder);
  }

  /**
   * A command of the user's (run, upgrade, rehearse, generate) is about to use the instance: the background readings
   * stop (the runtime rolls back) and their processes are gone before it starts, so it never meets their lock. The
   * status refresh that follows a run reads again.
   */
  async yieldToRun(): Promise<void> {
    const running = [...this.inFlight.values()];
    for (const { source } of running) source.cancel();
    await Promise.all(running.map(({ done }) => done));
  }

  private forget(folder: string): void {
    if (!this.sent.has(folder)) return;
    this.sent.delete(folder);
    void this.server.notify(SCHEMA_DIFF_NOTIFICATION, { application: vscode.Uri.file(folder).toString(), database: '', storedVersion: null, changes: null } satisfies SchemaDiffParams);
  }

  private send(params: SchemaDiffParams, folder: string): void {
    const previous = this.sent.get(folder);
    if (previous && JSON.stringify(previous) === JSON.stringify(params)) return;
    this.sent.set(folder, params);
    void this.server.notify(SCHEMA_DIFF_NOTIFICATION, params);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
