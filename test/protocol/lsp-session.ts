// Test harness: starts the bundled server (node dist/server/server.js) and speaks real LSP JSON-RPC to it, recording published diagnostics.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createClientPipeTransport,
  createClientSocketTransport,
  createMessageConnection,
  generateRandomPipeName,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';

export const REPO = resolve(__dirname, '../..');
export const SERVER = join(REPO, 'dist/server/server.js');

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    workspaceFolders: true,
  },
  textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: {} },
};

export function uri(path: string): string {
  return pathToFileURL(path).href;
}

/** Copies a fixture to a fresh temp folder the test may change. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `erudi-${name}-`));
  cpSync(join(REPO, 'test/fixtures', name), dir, { recursive: true });
  return dir;
}

export class LspSession {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly registrations: string[] = [];
  /** What the server logged (window/logMessage), in order. */
  readonly logs: string[] = [];
  settings: Record<string, unknown> = {};
  private waiters: Array<() => void> = [];
  private constructor(
    readonly connection: MessageConnection,
    readonly child: ChildProcess,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const wake of this.waiters.splice(0)) wake();
    });
    connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string }> }) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onNotification('window/showMessage', () => {});
    connection.listen();
  }

  /** The server started through bin/erudi-migrations-language-server.js over a socket or a named pipe it connects back to. */
  static async startConnectingBack(transport: 'socket' | 'pipe'): Promise<LspSession> {
    const bin = join(REPO, 'bin/erudi-migrations-language-server.js');
    if (transport === 'socket') {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const listening = await createClientSocketTransport(port);
      const child = spawn(process.execPath, [bin, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
      const [reader, writer] = await listening.onConnected();
      return new LspSession(createMessageConnection(reader, writer), child);
    }
    const pipeName = generateRandomPipeName();
    const listening = await createClientPipeTransport(pipeName);
    const child = spawn(process.execPath, [bin, `--pipe=${pipeName}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const [reader, writer] = await listening.onConnected();
    return new LspSession(createMessageConnection(reader, writer), child);
  }

  /** The server over stdio by default; `bin` starts it through bin/erudi-migrations-language-server.js with no flag at all. */
  static start(transport: 'stdio' | 'node-ipc' | 'bin' = 'stdio'): LspSession {
    if (transport === 'bin') {
      const child = spawn(process.execPath, [join(REPO, 'bin/erudi-migrations-language-server.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
      return new LspSession(createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
    }
    if (transport === 'node-ipc') {
      const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      return new LspSession(createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), child);
    }
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new LspSession(createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
  }

  async initialize(root: string, capabilities: ClientCapabilities = FULL_CAPABILITIES, initializationOptions?: unknown) {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(root),
      capabilities,
      workspaceFolders: [{ uri: uri(root), name: 'test' }],
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** Codes last published for a path, sorted. */
  codes(path: string): string[] {
    return (this.diagnostics.get(uri(path)) ?? []).map((d) => String(d.code)).sort();
  }

  /** Waits until the predicate holds on the published diagnostics (re-checked on every publish), or fails after a timeout. */
  async until(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; published: ${JSON.stringify([...this.diagnostics].map(([u, d]) => [u.split('/').pop(), d.map((x) => x.code)]))}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => (clearTimeout(timer), wake()));
      });
    }
  }

  /** Lets the server drain what it was sent (a round trip), so "nothing more was published" can be asserted. */
  async settle(): Promise<void> {
    await this.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    this.child.kill();
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A server over stdio on a fresh copy of the names-app fixture, once its first diagnostics are published. */
export async function startOnNamesApp(): Promise<{ dir: string; lsp: LspSession }> {
  const dir = copyFixture('names-app');
  const lsp = LspSession.start('stdio');
  await lsp.initialize(dir);
  await lsp.until('initial diagnostics', () => lsp.codes(join(dir, 'migration/helpers.py')).length > 0);
  return { dir, lsp };
}
