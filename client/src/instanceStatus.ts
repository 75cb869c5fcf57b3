// The status of every application's instance, asked of the runtime and kept until files change or a run ends.
import * as vscode from 'vscode';
import { readBackgroundSettings } from './backgroundSettings';
import { CoalescedRefresh } from './coalescedRefresh';
import { parseMigrationStatus, type MigrationStatus } from './core/migrationStatus';
import { findApplications, type Application } from './paths';
import { runRuntime } from './runner';
import type { DatabasePasswords } from './secrets';

export interface ApplicationStatus {
  app: Application;
  /** Where the status comes from, without any password. */
  database?: string;
  status?: MigrationStatus;
  /** Why there is no status: Restricted Mode, a password to set, a runtime error. */
  problem?: string;
}

export class InstanceStatuses implements vscode.Disposable {
  private statuses: ApplicationStatus[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly runtimeRoot: string, private readonly passwords: DatabasePasswords) {}

  get all(): readonly ApplicationStatus[] {
    return this.statuses;
  }

  /** The application of a file, else the only one, else undefined. */
  forFile(uri: vscode.Uri | undefined): ApplicationStatus | undefined {
    const file = uri?.fsPath;
    const match = file && this.statuses.find((s) => file === s.app.folder || file.startsWith(s.app.folder + '/') || file.startsWith(s.app.folder + '\\'));
    return match || (this.statuses.length === 1 ? this.statuses[0] : undefined);
  }

  /** Re-reads everything; calls made during a refresh coalesce into one more refresh. */
  refresh(): Promise<void> {
    return this.refreshing.run();
  }

  private readonly refreshing = new CoalescedRefresh(async () => {
    const apps = await findApplications();
    this.statuses = await Promise.all(apps.map((app) => this.readOne(app)));
    this.changed.fire();
  });

  private async readOne(app: Application): Promise<ApplicationStatus> {
    // Reading the status loads schema.py, which is code: not in Restricted Mode.
    if (!vscode.workspace.isTrusted) return { app, problem: 'Restricted Mode: trust the workspace to read the database status.' };
    const read = await readBackgroundSettings(app, this.passwords);
    if ('problem' in read) {
      return read.problem === 'settings'
        ? { app, problem: read.error }
        : { app, database: read.database, problem: 'No password stored for this database: run "Erudi Migrations: Set Database Password".' };
    }
    const { settings, password } = read;
    const database = settings.database.url;
    const outcome = await runRuntime(this.runtimeRoot, { command: 'status', app, settings, password }, {});
    if (outcome.spawnError) return { app, database, problem: outcome.spawnError };
    if (outcome.exitCode !== 0) {
      const cause = outcome.errors[0]?.message ?? (outcome.stderr.trim().split('\n').pop() || `the runtime exited with code ${outcome.exitCode}`);
      return { app, database, problem: cause };
    }
    const status = parseMigrationStatus(outcome.stdout);
    return 'error' in status ? { app, database, problem: status.error } : { app, database, status };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
