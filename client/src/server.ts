// Starts, restarts and stops the language client; the server runs in Restricted Mode too, since it only reads files.
import * as vscode from 'vscode';
import { DEPENDS_MAP_LANGUAGE_ID, INSTANCE_FIGURES_NOTIFICATION, SETTINGS_SECTION, SLOW_CHECK_NOTIFICATION, type InstanceFiguresParams, type SlowCheckParams } from '../../protocol/protocol';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/** What the server is asked to look at: scripts, depends.map, and the files their checks read. */
export const serverDocuments: { scheme: string; language?: string; pattern?: string }[] = [
  { scheme: 'file', language: 'python', pattern: '**/migration/**' },
  { scheme: 'file', language: 'sql', pattern: '**/migration/**' },
  { scheme: 'file', language: DEPENDS_MAP_LANGUAGE_ID },
  { scheme: 'file', pattern: '**/__pkginfo__.py' },
  { scheme: 'file', pattern: '**/schema.py' },
];

export class LanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateChanged.event;
  private readonly slowCheck = new vscode.EventEmitter<SlowCheckParams>();
  /** A document's check took over a second (the server says which and how long). */
  readonly onDidCheckSlowly = this.slowCheck.event;
  state: ServerState = 'stopped';
  /** One channel for the whole session, so that restarts append to the same log. */
  readonly log: vscode.LogOutputChannel;
  private readonly watchers: vscode.FileSystemWatcher[];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Erudi Migrations Language Server', { log: true });
    this.watchers = ['**/migration/**', '**/__pkginfo__.py', '**/schema.py'].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: serverDocuments,
      outputChannel: this.log,
      synchronize: { fileEvents: this.watchers, configurationSection: SETTINGS_SECTION },
    };
    // The id matches the settings section, so `erudiMigrations.trace.server` traces the protocol.
    const client = new LanguageClient(SETTINGS_SECTION, 'Erudi Migrations Language Server', serverOptions, clientOptions);
    this.client = client;
    client.onNotification(SLOW_CHECK_NOTIFICATION, (params: SlowCheckParams) => this.slowCheck.fire(params));
    client.onDidChangeState((e) => {
      this.setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    });
    this.setState('starting');
    try {
      await client.start();
    } catch (error) {
      this.setState('failed');
      this.log.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Erudi Migrations: the language server did not start.', 'Show log').then((choice) => {
        if (choice) this.log.show();
      });
    }
  }

  /** Hands the server an instance's figures (dropped when the server is not running: they are sent again once it is). */
  sendInstanceFigures(params: InstanceFiguresParams): void {
    if (this.client && this.state === 'running') void this.client.sendNotification(INSTANCE_FIGURES_NOTIFICATION, params);
  }

  /** Sends a notification to a running server; dropped otherwise (callers send their state again when it runs). */
  async notify(method: string, params: unknown): Promise<void> {
    const client = this.client;
    if (!client || this.state !== 'running') return;
    try {
      await client.sendNotification(method, params);
    } catch (error) {
      this.log.warn(`${method} not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch {
        // A server that already died cannot be stopped twice; starting a new one is what matters.
      }
    }
    this.setState('stopped');
  }

  private setState(state: ServerState): void {
    this.state = state;
    this.stateChanged.fire(state);
  }

  dispose(): void {
    void this.stop();
    this.stateChanged.dispose();
    this.slowCheck.dispose();
    this.watchers.forEach((w) => w.dispose());
    this.log.dispose();
  }
}
