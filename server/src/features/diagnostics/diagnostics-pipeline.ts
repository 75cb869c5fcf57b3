// Runs the registered providers per document, caches each provider's result, and re-runs only what a change affects.
import { diagnostic, sameDiagnostics, type CheckDiagnostic } from '../../core/check-diagnostic';
import { isTooLargeToAnalyse, tooLargeMessage } from '../../core/document-size';
import { FILE_START } from '../../core/text-range';
import type { ApplicationPart } from '../../core/workspace/application';
import type { TextRead } from '../../core/workspace/file-system';
import type { WorkspaceChange, WorkspaceDocument, WorkspaceIndex } from '../../core/workspace/workspace-index';
import type { CheckSettings } from '../check-settings';
import type { CheckedDocument, DiagnosticFilter, DiagnosticProvider } from './diagnostic-provider';
import type { InstanceFacts } from './instance-facts';
import { DIAGNOSTIC_FILTERS, DIAGNOSTIC_PROVIDERS } from './providers';
import { releaseCheckTrees } from '../script/script-analysis';

export interface PipelineResult {
  /** Documents whose diagnostics may have changed: publish them. */
  updated: string[];
  /** Paths that are no document any more: clear their diagnostics. */
  removed: string[];
}

/** One document's pending re-check: all providers when it changed itself, else those depending on a changed part. */
export interface PlannedCheck {
  providers: Set<DiagnosticProvider>;
  ownChange: boolean;
  /** The application parts whose change calls for it (what `unchanged` is asked about). */
  parts: Set<ApplicationPart>;
  /** The root of the application the change was in. */
  root?: string;
}

interface DocumentResult {
  document: WorkspaceDocument;
  byProvider: Map<string, CheckDiagnostic[]>;
  /** The providers' diagnostics before filters (their own objects): when unchanged (and the text too) nothing is re-filtered or re-published. */
  raw: readonly CheckDiagnostic[];
  /** The final diagnostics, after filters, sorted. */
  diagnostics: CheckDiagnostic[];
}

export class DiagnosticsPipeline {
  private readonly results = new Map<string, DocumentResult>();
  /** What was read of each application's instance, by application root. */
  private readonly instances = new Map<string, InstanceFacts>();

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
    this.forgetAll();
    const updated: string[] = [];
    for (const application of this.index.applications.values()) {
      for (const document of this.index.documentsOf(application)) {
        this.run(document, this.providers, true);
        updated.push(document.path);
      }
    }
    const present = new Set(updated);
    return { updated, removed: removed.filter((p) => !present.has(p)) };
  }

  /**
   * Like checkAll, in slices with a pause between them, so that a first check of thousands of scripts leaves room for
   * requests and edits. A slice is a number of documents, or as many as fit in `budgetMs` of work. Documents `first`
   * accepts (the open ones) are checked before the others. Each slice's result goes to `publish`; the last call clears
   * documents gone. Returns false when cancelled (a newer full check started).
   */
  async checkAllInSlices(
    slice: number | { budgetMs: number },
    pause: () => Promise<void>,
    publish: (result: PipelineResult) => void,
    cancelled: () => boolean,
    first: (path: string) => boolean = () => false,
  ): Promise<boolean> {
    const previous = new Set(this.results.keys());
    this.forgetAll();
    const listed = [...this.index.applications.values()].flatMap((application) => this.index.documentsOf(application)).map((d) => d.path);
    const documents = [...listed.filter(first), ...listed.filter((path) => !first(path))];
    const full = (count: number, started: number) => (typeof slice === 'number' ? count >= slice : performance.now() - started >= slice.budgetMs);
    for (let next = 0; next < documents.length; ) {
      if (cancelled()) return false;
      const updated: string[] = [];
      const started = performance.now();
      for (let count = 0; next < documents.length && !full(count, started); count++) {
        // Events between slices may have deleted it (checking it now would leave a stale diagnostic) or checked it already.
        const document = this.index.document(documents[next++]);
        if (!document || this.results.has(document.path)) continue;
        this.run(document, this.providers, true);
        updated.push(document.path);
      }
      publish({ updated, removed: [] });
      await pause();
    }
    if (cancelled()) return false;
    publish({ updated: [], removed: [...previous].filter((path) => !this.results.has(path)) });
    return true;
  }

  /** Re-checks what the changes touch: changed documents fully, and documents of providers depending on a changed part. */
  apply(changes: WorkspaceChange[]): PipelineResult {
    const { removed, work } = this.plan(changes);
    const updated: string[] = [];
    for (const [path, pending] of work) if (this.runPlanned(path, pending) === 'updated') updated.push(path);
    const published = new Set(updated);
    return { updated, removed: removed.filter((path) => !published.has(path)) };
  }

  /**
   * What the changes require, without checking anything yet: the paths that are no document any more (forgotten now)
   * and the documents to re-check, each with the providers to run (all of them when the document changed itself).
   * The server runs the changed documents at once and the dependents in slices (`runPlanned`); `apply` runs all.
   */
  plan(changes: WorkspaceChange[]): { removed: string[]; work: Map<string, PlannedCheck> } {
    const removed: string[] = [];
    const work = new Map<string, PlannedCheck>();
    for (const change of changes) {
      for (const path of change.removed) {
        this.forget(path);
        removed.push(path);
        work.delete(path);
      }
      if (!this.index.applications.has(change.application.root)) continue;
      const affected = this.providers.filter((p) => p.dependsOn.some((part) => change.parts.has(part)) && !p.unaffected?.(change.application, change.parts, this.settings));
      // Only documents that changed themselves or that an affected provider checks: a depends.map edit does not walk 5,000 scripts.
      const kinds = new Set(affected.flatMap((p) => p.documentKinds));
      const candidates = this.index.documentsOf(change.application, kinds);
      for (const path of change.documents) {
        const document = this.index.document(path);
        if (document && !kinds.has(document.kind)) candidates.push(document);
      }
      for (const document of candidates) {
        const own = change.documents.has(document.path);
        const providers = own ? [] : affected.filter((p) => p.documentKinds.includes(document.kind));
        if (!own && !providers.length) continue;
        let planned = work.get(document.path);
        if (!planned) work.set(document.path, (planned = { providers: new Set<DiagnosticProvider>(), ownChange: false, parts: new Set<ApplicationPart>(), root: change.application.root }));
        if (own) planned.ownChange = true;
        for (const p of providers) planned.providers.add(p);
        for (const part of change.parts) planned.parts.add(part);
      }
    }
    return { removed, work };
  }

  /** Runs one planned re-check on the document as the index knows it now: 'updated' when its diagnostics may have changed. */
  runPlanned(path: string, planned: PlannedCheck): 'updated' | 'same' | 'gone' {
    // A dependent whose providers can tell by its path that their last results hold: not even looked up.
    if (!planned.ownChange && planned.root !== undefined && this.results.has(path)) {
      const application = this.index.applications.get(planned.root);
      const providers = [...planned.providers];
      if (application && providers.length && providers.every((p) => p.unchangedAt?.(path, application, planned.parts, this.settings))) return 'same';
    }
    const document = this.index.document(path);
    if (!document) return 'gone';
    if (planned.ownChange) {
      this.run(document, this.providers, true);
      return 'updated';
    }
    // Most documents come out as before (a rename changes duplicates of one name): only changed ones are published.
    return this.run(document, [...planned.providers], false, planned.parts) ? 'updated' : 'same';
  }

  private forget(path: string): void {
    this.results.delete(path);
    for (const provider of this.providers) provider.forget?.(path);
  }

  private forgetAll(): void {
    for (const path of [...this.results.keys()]) this.forget(path);
  }

  /** Settings for the next checks, without re-checking (before a full check). */
  setSettings(settings: CheckSettings): void {
    this.settings = settings;
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

  /**
   * New facts about an application's instance (undefined forgets them): re-runs the providers that depend on `instance`
   * on that application's documents only. Facts set before the first check are simply used by it.
   */
  updateInstance(root: string, facts: InstanceFacts | undefined): PipelineResult {
    if (facts) this.instances.set(root, facts);
    else this.instances.delete(root);
    const application = this.index.applications.get(root);
    if (!application) return { updated: [], removed: [] };
    return this.apply([{ application, parts: new Set(['instance'] as const), documents: new Set<string>(), removed: new Set<string>() }]);
  }

  /** The diagnostics of one document: every provider's, then the filters, sorted by position. */
  diagnosticsOf(path: string): CheckDiagnostic[] {
    return this.results.get(path)?.diagnostics ?? [];
  }

  /** Every document checked so far. */
  checkedPaths(): string[] {
    return [...this.results.keys()];
  }

  /**
   * Runs the providers on a document, then the filters; true when its final diagnostics may have changed.
   * @param ownChange the document's own text or name changed, so filters (which may read the text) must run again
   */
  private run(document: WorkspaceDocument, providers: readonly DiagnosticProvider[], ownChange: boolean, parts: ReadonlySet<ApplicationPart> = new Set()): boolean {
    try {
      return this.runProviders(document, providers, ownChange, parts);
    } finally {
      // The providers shared one parse of a closed document: it is freed now, so a workspace check holds one tree at a time.
      releaseCheckTrees();
    }
  }

  private runProviders(document: WorkspaceDocument, providers: readonly DiagnosticProvider[], ownChange: boolean, parts: ReadonlySet<ApplicationPart>): boolean {
    let result = this.results.get(document.path);
    if (!result) {
      // Never checked yet (e.g. during a sliced first check): every provider runs, or its diagnostics would be partial.
      this.results.set(document.path, (result = { document, byProvider: new Map(), raw: [], diagnostics: [] }));
      providers = this.providers;
      ownChange = true;
    }
    result.document = document;
    const checked = this.checkedDocument(document);
    let tooLarge: DocumentTooLarge | undefined;
    let ran = ownChange;
    for (const provider of providers) {
      if (!provider.documentKinds.includes(document.kind)) continue;
      try {
        // Only a part it depends on changed: a provider that can tell its last result still holds is not run again.
        if (!ownChange && result.byProvider.has(provider.id) && provider.unchanged?.(checked, parts)) continue;
        ran = true;
        result.byProvider.set(provider.id, provider.check(checked));
      } catch (error) {
        result.byProvider.delete(provider.id);
        if (error instanceof DocumentTooLarge) tooLarge = error;
        else this.log(`diagnostic provider ${provider.id} failed on ${document.path}: ${describe(error)}`);
      }
    }
    if (!ran) return false;
    // Providers that read the content of a document over the limit give way to one diagnostic saying so.
    if (tooLarge) result.byProvider.set(TOO_LARGE, [diagnostic('file-too-large', FILE_START, tooLargeMessage(tooLarge.characters))]);
    else if (ownChange) result.byProvider.delete(TOO_LARGE);
    const raw = [...result.byProvider.values()].flat();
    if (!ownChange && sameDiagnostics(raw, result.raw)) return false;
    result.raw = raw;
    // Filters and the sort work on a copy: `raw` is compared with the next run's.
    let diagnostics = raw.slice();
    for (const filter of this.filters) {
      try {
        diagnostics = filter.filter(checked, diagnostics);
      } catch (error) {
        if (error instanceof DocumentTooLarge) continue;
        this.log(`diagnostic filter ${filter.id} failed on ${document.path}: ${describe(error)}`);
      }
    }
    result.diagnostics = diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return true;
  }

  private checkedDocument(document: WorkspaceDocument): CheckedDocument {
    let text: TextRead | undefined;
    return {
      ...document,
      settings: this.settings,
      instance: this.instances.get(document.application.root),
      open: this.index.isOpen(document.path),
      read: () => {
        text ??= this.index.readText(document.path);
        if (text.text !== undefined && isTooLargeToAnalyse(text.text)) throw new DocumentTooLarge(text.text.length);
        return text;
      },
    };
  }
}

const TOO_LARGE = 'file-too-large';

/** Thrown by `read()` for a document over the size limit: the provider asking for its content is skipped. */
class DocumentTooLarge extends Error {
  constructor(readonly characters: number) {
    super(`the document has ${characters} characters`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
