// A minimal LSP client for the script protocol tests: spawns dist/server/server.js over stdio and records diagnostics.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server', 'server.js');
export const FIXTURE_APP = join(__dirname, '..', 'fixtures', 'script-app');

export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string;
  severity?: number;
  message: string;
  source?: string;
}

export class ScriptLspClient {
  private readonly published = new Map<string, PublishedDiagnostic[]>();
  private readonly waiters: { uri: string; accept: (d: PublishedDiagnostic[]) => boolean; resolve: (d: PublishedDiagnostic[]) => void }[] = [];
  private versions = new Map<string, number>();

  private constructor(readonly connection: MessageConnection, readonly child: ChildProcess, readonly workspace: string) {}

  /** Copies an application (the fixture by default) to a temporary workspace and starts an initialized server on it. */
  static async start(application: string = FIXTURE_APP): Promise<ScriptLspClient> {
    const workspace = mkdtempSync(join(tmpdir(), 'erudi-script-lsp-'));
    cpSync(application, join(workspace, 'app'), { recursive: true });
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new ScriptLspClient(connection, child, workspace);
    // Writes racing the server's exit must not become unhandled errors.
    child.stdin!.on('error', () => {});
    connection.onError(() => {});
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: PublishedDiagnostic[] }) => {
      client.published.set(params.uri, params.diagnostics);
      if (process.env.DEBUG_LSP) console.error('PUBLISH', params.uri.slice(-20), JSON.stringify(params.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code])));
      for (const waiter of [...client.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
          client.waiters.splice(client.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => {});
    connection.listen();
    const rootUri = pathToFileURL(workspace).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: {
        textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, signatureHelp: {} },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
    });
    connection.sendNotification('initialized', {});
    return client;
  }

  uri(relativePath: string): string {
    return pathToFileURL(join(this.workspace, 'app', relativePath)).href;
  }

  path(relativePath: string): string {
    return join(this.workspace, 'app', relativePath);
  }

  open(relativePath: string, text: string): string {
    const uri = this.uri(relativePath);
    this.versions.set(uri, 1);
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    return uri;
  }

  /** Sends one incremental change replacing `range` with `text`. */
  change(uri: string, range: PublishedDiagnostic['range'], text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    if (process.env.DEBUG_LSP) console.error('CHANGE', JSON.stringify(range), JSON.stringify(text));
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Resolves with the first diagnostics published for `uri` that `accept` takes (the latest ones, if already there). */
  diagnostics(uri: string, accept: (d: PublishedDiagnostic[]) => boolean = () => true, timeoutMs = 10000): Promise<PublishedDiagnostic[]> {
    const current = this.published.get(uri);
    if (current && accept(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.published.get(uri))}`)), timeoutMs);
      this.waiters.push({ uri, accept, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }

  /** Only the next publication counts (what is recorded now is stale). */
  nextDiagnostics(uri: string, accept: (d: PublishedDiagnostic[]) => boolean = () => true): Promise<PublishedDiagnostic[]> {
    this.published.delete(uri);
    return this.diagnostics(uri, accept);
  }

  request<R>(method: string, uri: string, line: number, character: number, extra: object = {}): Promise<R> {
    return this.connection.sendRequest(method, { textDocument: { uri }, position: { line, character }, ...extra }) as Promise<R>;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    // The server ends itself on shutdown + exit; a kill after a grace period covers a server that does not.
    await Promise.race([this.connection.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    await this.connection.sendNotification('exit').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill(), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}

/** Text with a `|` cursor marker → the text and the cursor's line and character. */
export function cursorIn(source: string): { text: string; line: number; character: number } {
  const marker = source.indexOf('|');
  const offset = marker === -1 ? source.length : marker;
  const before = source.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { text: before + source.slice(marker === -1 ? offset : offset + 1), line, character: offset - (before.lastIndexOf('\n') + 1) };
}
