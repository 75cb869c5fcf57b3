// Sends publishDiagnostics for what the pipeline re-checked, only when a document's diagnostics changed, and clears removed ones.
import type { Connection } from 'vscode-languageserver/node';
import type { DiagnosticsPipeline, PipelineResult } from '../features/diagnostics/diagnostics-pipeline';
import { toLspDiagnostic } from './convert';

export class DiagnosticsPublisher {
  /** What the client was last sent, by URI (as JSON, to compare). */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly pipeline: DiagnosticsPipeline,
    private readonly uriOf: (path: string) => string,
  ) {}

  publish(result: PipelineResult): void {
    for (const path of result.removed) this.send(this.uriOf(path), []);
    for (const path of result.updated) {
      this.send(this.uriOf(path), this.pipeline.diagnosticsOf(path).map(toLspDiagnostic));
    }
  }

  /** Clears a URI the client may still show diagnostics for (e.g. a document the client renamed under us). */
  clear(uri: string): void {
    this.send(uri, []);
  }

  private send(uri: string, diagnostics: ReturnType<typeof toLspDiagnostic>[]): void {
    const json = JSON.stringify(diagnostics);
    const previous = this.published.get(uri);
    if (previous === json || (previous === undefined && diagnostics.length === 0)) return;
    if (diagnostics.length) this.published.set(uri, json);
    else this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}
