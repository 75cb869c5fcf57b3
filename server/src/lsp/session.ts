// The server's state for one client: open documents, the workspace index, the diagnostics pipeline, and what the client supports.
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../core/workspace/node-file-system';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import type { CheckSettings } from '../features/check-settings';
import { DiagnosticsPipeline } from '../features/diagnostics/diagnostics-pipeline';
import { resolveSettings } from '../features/resolve-settings';
import { readRelatedFilesWith } from '../features/script/script-analysis';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { MemoryReturn } from './memory-return';
import { RecheckScheduler } from './recheck-scheduler';
import type { FallbackFileWatcher } from './fallback-file-watcher';
import { pathToUri, uriToPath } from './paths';

export class ServerSession {
  /** Open documents by URI. */
  readonly openDocuments = new Map<string, TextDocument>();
  /** The URI the client used for a path, so diagnostics go to the URI it knows. */
  private readonly uriByPath = new Map<string, string>();
  readonly index: WorkspaceIndex;
  readonly pipeline: DiagnosticsPipeline;
  readonly publisher: DiagnosticsPublisher;
  /** Every re-check after an edit or a file event goes through it (dependents in slices, open documents first). */
  readonly scheduler: RecheckScheduler;
  /** Reduces the heap once quiet after the first check and after closing documents (not while re-checks run). */
  readonly memory: MemoryReturn;
  capabilities: ClientCapabilities = {};
  workspaceRoots: string[] = [];
  settings: CheckSettings;
  initializationSettings: unknown;
  /** When the last request or notification was handled (performance.now()); undefined before any. */
  lastMessageAt: number | undefined;
  /** Set when the client cannot watch files itself. */
  fallbackWatcher?: FallbackFileWatcher;
  /** Resolves once the workspace has been indexed after `initialized`: requests wait for it, so the first completion is not empty. */
  indexed?: Promise<void>;
  private markIndexed = (): void => {};

  /** Called on `initialized`: from now on requests wait until the first index is built. */
  expectIndex(): void {
    this.indexed = new Promise((resolve) => (this.markIndexed = resolve));
  }

  /** Called when the first index is built, or its building failed (requests must not wait forever). */
  indexReady(): void {
    this.markIndexed();
  }

  constructor(readonly connection: Connection) {
    this.index = new WorkspaceIndex(nodeFileSystem, (path) => {
      const uri = this.uriByPath.get(path);
      return uri === undefined ? undefined : this.openDocuments.get(uri)?.getText();
    });
    // Script checks read schema.py through the index, so an unsaved schema.py edit counts.
    readRelatedFilesWith((path) => this.index.readRelated(path));
    this.settings = resolveSettings(undefined).settings;
    this.pipeline = new DiagnosticsPipeline(this.index, this.settings, undefined, undefined, (m) => connection.console.error(m));
    this.publisher = new DiagnosticsPublisher(connection, this.pipeline, (path) => this.uriOf(path));
    this.scheduler = new RecheckScheduler(this.pipeline, this.publisher, (path) => this.index.isOpen(path));
    this.memory = new MemoryReturn(() => this.scheduler.busy, (m) => connection.console.log(m));
  }

  /** A request or notification was handled: the first check's slices shrink, a pending heap reduction waits. */
  noteMessage(): void {
    this.lastMessageAt = performance.now();
    this.memory.activity();
  }

  uriOf(path: string): string {
    return this.uriByPath.get(path) ?? pathToUri(path);
  }

  openDocument(document: TextDocument): string | undefined {
    this.openDocuments.set(document.uri, document);
    const path = uriToPath(document.uri);
    if (path !== undefined) this.uriByPath.set(path, document.uri);
    return path;
  }

  closeDocument(uri: string): string | undefined {
    this.openDocuments.delete(uri);
    // The client's URI spelling is kept after close: diagnostics of a closed file keep going where the client saw them.
    return uriToPath(uri);
  }

  get supportsWorkspaceConfiguration(): boolean {
    return this.capabilities.workspace?.configuration === true;
  }

  get canRenameFiles(): boolean {
    const edit = this.capabilities.workspace?.workspaceEdit;
    return edit?.documentChanges === true && (edit.resourceOperations ?? []).includes('rename');
  }

  get supportsDocumentChanges(): boolean {
    return this.capabilities.workspace?.workspaceEdit?.documentChanges === true;
  }

  get snippetSupport(): boolean {
    return this.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  }
}
