// Sends publishDiagnostics for what the pipeline re-checked, only when a document's diagnostics changed, and clears removed ones.
import type { Connection } from 'vscode-languageserver/node';
import { sameDiagnostics, type CheckDiagnostic } from '../core/check-diagnostic';
import type { DiagnosticsPipeline, PipelineResult } from '../features/diagnostics/diagnostics-pipeline';
import { toLspDiagnostic } from './convert';

export class DiagnosticsPublisher {
  /**
   * What the client was last sent, by path: the pipeline's own list (no copy, no JSON of it: thousands of documents'
   * diagnostics are held once). Keyed by path, not URI: the client's spelling of a URI (used while a document is
   * open) and ours may differ, and a clear must not be skipped because of that.
   */
  private readonly published = new Map<string, readonly CheckDiagnostic[]>();
  /** The last notification sent: the connection writes in order, so when it is written every earlier one is too. */
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly pipeline: DiagnosticsPipeline,
    private readonly uriOf: (path: string) => string,
  ) {}

  publish(result: PipelineResult): void {
    for (const path of result.removed) this.send(path, []);
    for (const path of result.updated) this.send(path, this.pipeline.diagnosticsOf(path));
  }

  /** Resolves when everything published so far has been written to the client. */
  written(): Promise<void> {
    return this.lastWrite;
  }

  /** Clears a path the client may still show diagnostics for. */
  clear(path: string): void {
    this.send(path, []);
  }

  private send(path: string, diagnostics: readonly CheckDiagnostic[]): void {
    const previous = this.published.get(path);
    if (previous === undefined ? diagnostics.length === 0 : sameDiagnostics(previous, diagnostics)) return;
    if (diagnostics.length) this.published.set(path, diagnostics);
    else this.published.delete(path);
    // A client gone mid-send rejects; the connection's own close handling ends the server, not an unhandled rejection.
    this.lastWrite = this.connection.sendDiagnostics({ uri: this.uriOf(path), diagnostics: diagnostics.map(toLspDiagnostic) }).catch(() => {});
  }
}
