// A language client for the benchmarks: starts the bundled server over stdio, tracks published diagnostics as `check` lines, and waits for states.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const SERVER = join(__dirname, '..', 'dist', 'server', 'server.js');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

interface Published {
  range: { start: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  message: string;
}

export const uriOf = (path: string): string => pathToFileURL(path).href;

export class BenchLsp {
  /** What the server last published, by path, as `check` prints it (sorted lines joined by newlines; '' for none). */
  readonly published = new Map<string, string>();
  /** When each path was first published (ms since start). */
  readonly firstPublished = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  private expected?: { lines: Map<string, string>; mismatched: Set<string>; ignored: ReadonlySet<string>; done: () => void };
  readonly started = performance.now();

  private constructor(readonly connection: MessageConnection, readonly child: ChildProcess, readonly workspace: string) {
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Published[] }) => {
      const path = fileURLToPath(p.uri);
      const text = p.diagnostics.map((d) => `${relative(workspace, path)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity ?? 1]} ${d.code}: ${d.message.replace(/\s*\n\s*/g, ' ')}`).sort().join('\n');
      this.published.set(path, text);
      if (!this.firstPublished.has(path)) this.firstPublished.set(path, performance.now() - this.started);
      const expected = this.expected;
      if (expected && !expected.ignored.has(path)) {
        if ((expected.lines.get(path) ?? '') === text) expected.mismatched.delete(path);
        else expected.mismatched.add(path);
        if (expected.mismatched.size === 0) expected.done();
      }
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => {});
    connection.onError(() => {});
    connection.listen();
  }

  /** Starts the server and sends initialize + initialized for the workspace folder. */
  static async start(workspace: string): Promise<BenchLsp> {
    // ERUDI_BENCH_SERVER_NODE_ARGS: node flags for the server (e.g. --cpu-prof, to profile a cold start).
    const nodeArgs = (process.env.ERUDI_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin!.on('error', () => {});
    const lsp = new BenchLsp(createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child, workspace);
    await lsp.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(workspace),
      workspaceFolders: [{ uri: uriOf(workspace), name: 'bench' }],
      capabilities: {
        textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, signatureHelp: {}, publishDiagnostics: {} },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
    });
    await lsp.connection.sendNotification('initialized', {});
    return lsp;
  }

  /**
   * Resolves when what is published equals `lines` (path → `check` lines) for every path, or rejects after the timeout.
   * `lines` must hold every path whose diagnostics differ from what is published now.
   */
  untilPublishedEquals(lines: Map<string, string>, timeoutMs: number, ignored: ReadonlySet<string> = new Set()): Promise<void> {
    const mismatched = new Set<string>();
    for (const path of new Set([...lines.keys(), ...this.published.keys()])) if (!ignored.has(path) && (lines.get(path) ?? '') !== (this.published.get(path) ?? '')) mismatched.add(path);
    if (mismatched.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.expected = undefined;
        const sample = [...mismatched].slice(0, 3).map((p) => `${relative(this.workspace, p)}: expected ${JSON.stringify((lines.get(p) ?? '').slice(0, 200))}, published ${JSON.stringify((this.published.get(p) ?? '').slice(0, 200))}`);
        reject(new Error(`the server's diagnostics differ from check's on ${mismatched.size} file(s) after ${timeoutMs} ms: ${sample.join('; ')}`));
      }, timeoutMs);
      this.expected = { lines, mismatched, ignored, done: () => (clearTimeout(timer), (this.expected = undefined), resolve()) };
    });
  }

  open(path: string, text: string): void {
    this.versions.set(path, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(path), languageId: path.endsWith('.py') ? 'python' : 'plaintext', version: 1, text } });
  }

  /** Replaces [start, end) of the document (offsets into `before`) with `text`. */
  change(path: string, before: string, start: number, end: number, text: string): string {
    const position = (offset: number) => {
      const lines = before.slice(0, offset).split('\n');
      return { line: lines.length - 1, character: lines[lines.length - 1].length };
    };
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(path), version }, contentChanges: [{ range: { start: position(start), end: position(end) }, text }] });
    return before.slice(0, start) + text + before.slice(end);
  }

  close(path: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(path) } });
  }

  /** Sends a position request and says how long its answer took (ms). */
  async timed(method: 'textDocument/completion' | 'textDocument/hover' | 'textDocument/signatureHelp', path: string, position: { line: number; character: number }): Promise<number> {
    const t0 = performance.now();
    await this.connection.sendRequest(method, { textDocument: { uri: uriOf(path) }, position });
    return performance.now() - t0;
  }

  /** Peak and current RSS of the server (MB), from /proc. */
  memory(): { peak: number; now: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
  }

  /** CPU time the server has used so far (ms: user + system, all its threads, from /proc). */
  cpu(): number {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat (12 and 13 after the command name), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    // Given time to exit by itself (a server run with --cpu-prof writes its profile at exit), then stopped.
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        this.child.once('exit', () => (clearTimeout(timer), resolve()));
      });
    }
    this.connection.dispose();
    this.child.kill();
  }
}
