// Reads each application's instance figures (erudi-migrate stats, read-only) at start, after runs and on demand, and hands them to the language server.
import * as vscode from 'vscode';
import type { InstanceFiguresParams } from '../../protocol/protocol';
import { readBackgroundSettings } from './backgroundSettings';
import { CoalescedRefresh } from './coalescedRefresh';
import { parseStatsOutput } from './core/instanceFigures';
import { findApplications, type Application } from './paths';
import { runRuntime } from './runner';
import type { DatabasePasswords } from './secrets';
import type { LanguageServer } from './server';

export class InstanceFigures implements vscode.Disposable {
  /** The last figures sent, per application folder: sent again when the server restarts. */
  private readonly sent = new Map<string, InstanceFiguresParams>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runtimeRoot: string, private readonly passwords: DatabasePasswords, private readonly server: LanguageServer) {
    this.subscription = server.onDidChangeState((state) => {
      if (state === 'running') for (const params of this.sent.values()) this.server.sendInstanceFigures(params);
    });
  }

  /** Re-reads every application's figures; calls during a refresh coalesce into one more. Never per keystroke: at start, after a run, on demand. */
  refresh(): Promise<void> {
    return this.refreshing.run();
  }

  private readonly refreshing = new CoalescedRefresh(async () => {
    const apps = await findApplications();
    for (const params of await Promise.all(apps.map((app) => this.readOne(app)))) {
      this.sent.set(params.application, params);
      this.server.sendInstanceFigures(params);
    }
  });

  private async readOne(app: Application): Promise<InstanceFiguresParams> {
    const none = (problem: string): InstanceFiguresParams => ({ application: app.folder, figures: null, problem });
    // Reading figures loads schema.py (for its maxsize values), which is code: not in Restricted Mode.
    if (!vscode.workspace.isTrusted) return none('Restricted Mode');
    const read = await readBackgroundSettings(app, this.passwords);
    // Without a stored password the rules stay static.
    if ('problem' in read) return none(read.problem === 'settings' ? read.error : 'no password stored for this database');
    const { settings, password } = read;
    const outcome = await runRuntime(this.runtimeRoot, { command: 'stats', app, settings, password }, {});
    if (outcome.spawnError) return none(outcome.spawnError);
    const figures = parseStatsOutput(outcome.stdout);
    return 'error' in figures ? none(figures.error) : { application: app.folder, figures };
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
