// Runs the registered providers per document, caches each provider's result, and re-runs only what a change affects.
import type { CheckDiagnostic } from '../../core/check-diagnostic';
import type { TextRead } from '../../core/workspace/file-system';
import type { WorkspaceChange, WorkspaceDocument, WorkspaceIndex } from '../../core/workspace/workspace-index';
import type { CheckSettings } from '../check-settings';
import type { CheckedDocument, DiagnosticFilter, DiagnosticProvider } from './diagnostic-provider';
import { DIAGNOSTIC_FILTERS, DIAGNOSTIC_PROVIDERS } from './providers';

export interface PipelineResult {
  /** Documents whose diagnostics may have changed: publish them. */
  updated: string[];
  /** Paths that are no document any more: clear their diagnostics. */
  removed: string[];
}

export class DiagnosticsPipeline {
  private readonly results = new Map<string, Map<string, CheckDiagnostic[]>>();
  private readonly documents = new Map<string, WorkspaceDocument>();

  constructor(
    private readonly index: WorkspaceIndex,
    private settings: CheckSettings,
    private readonly providers: readonly DiagnosticProvider[] = DIAGNOSTIC_PROVIDERS,
    private readonly filters: readonly DiagnosticFilter[] = DIAGNOSTIC_FILTERS,
    /** Where a provider's crash is reported; one failing provider must not take the others down. */
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Checks every document of every application from scratch. */
  checkAll(): PipelineResult {
    const removed = [...this.results.keys()];
    this.results.clear();
    this.documents.clear();
    const updated: string[] = [];
    for (const application of this.index.applications.values()) {
      for (const document of this.index.documentsOf(application)) {
        this.run(document, this.providers);
        updated.push(document.path);
      }
    }
    const present = new Set(updated);
    return { updated, removed: removed.filter((p) => !present.has(p)) };
  }

  /** Re-checks what the changes touch: changed documents fully, and documents of providers depending on a changed part. */
  apply(changes: WorkspaceChange[]): PipelineResult {
    const updated = new Set<string>();
    const removed = new Set<string>();
    for (const change of changes) {
      for (const path of change.removed) {
        this.results.delete(path);
        this.documents.delete(path);
        removed.add(path);
      }
      if (!this.index.applications.has(change.application.root)) continue;
      const affected = this.providers.filter((p) => p.dependsOn.some((part) => change.parts.has(part)));
      const all = this.index.documentsOf(change.application);
      for (const document of all) {
        if (change.documents.has(document.path)) {
          this.run(document, this.providers);
          updated.add(document.path);
          continue;
        }
        const providers = affected.filter((p) => p.documentKinds.includes(document.kind));
        if (providers.length) {
          this.run(document, providers);
          updated.add(document.path);
        }
      }
    }
    for (const path of updated) removed.delete(path);
    return { updated: [...updated], removed: [...removed] };
  }

  /** New settings: re-runs the providers that depend on them everywhere. */
  updateSettings(settings: CheckSettings): PipelineResult {
    this.settings = settings;
    const changes = [...this.index.applications.values()].map((application) => ({
      application,
      parts: new Set(['settings'] as const),
      documents: new Set<string>(),
      removed: new Set<string>(),
    }));
    return this.apply(changes);
  }

  /** The diagnostics of one document: every provider's, then the filters, sorted by position. */
  diagnosticsOf(path: string): CheckDiagnostic[] {
    const byProvider = this.results.get(path);
    const document = this.documents.get(path);
    if (!byProvider || !document) return [];
    let diagnostics = [...byProvider.values()].flat();
    const checked = this.checkedDocument(document);
    for (const filter of this.filters) {
      try {
        diagnostics = filter.filter(checked, diagnostics);
      } catch (error) {
        this.log(`diagnostic filter ${filter.id} failed on ${path}: ${describe(error)}`);
      }
    }
    return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  }

  /** Every document checked so far. */
  checkedPaths(): string[] {
    return [...this.results.keys()];
  }

  private run(document: WorkspaceDocument, providers: readonly DiagnosticProvider[]): void {
    this.documents.set(document.path, document);
    let byProvider = this.results.get(document.path);
    if (!byProvider) this.results.set(document.path, (byProvider = new Map()));
    const checked = this.checkedDocument(document);
    for (const provider of providers) {
      if (!provider.documentKinds.includes(document.kind)) continue;
      try {
        byProvider.set(provider.id, provider.check(checked));
      } catch (error) {
        byProvider.delete(provider.id);
        this.log(`diagnostic provider ${provider.id} failed on ${document.path}: ${describe(error)}`);
      }
    }
  }

  private checkedDocument(document: WorkspaceDocument): CheckedDocument {
    let text: TextRead | undefined;
    return {
      ...document,
      settings: this.settings,
      read: () => (text ??= this.index.readText(document.path)),
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
