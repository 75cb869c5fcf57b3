// Runs re-checks so the editor stays responsive: changed and open documents at once, their dependents in short slices between requests.
import type { WorkspaceChange } from '../core/workspace/workspace-index';
import type { DiagnosticsPipeline, PlannedCheck } from '../features/diagnostics/diagnostics-pipeline';
import type { DiagnosticsPublisher } from './diagnostics-publisher';

// Work between two pauses: short enough that a completion or hover waiting behind it still answers within its usual time.
export const SLICE_BUDGET_MS = 8;

export class RecheckScheduler {
  /** Dependents still to re-check, by path (a later change merges into what is pending, so nothing is checked twice). */
  private readonly pending = new Map<string, PlannedCheck>();
  private draining = false;

  constructor(
    private readonly pipeline: DiagnosticsPipeline,
    private readonly publisher: DiagnosticsPublisher,
    private readonly isOpen: (path: string) => boolean,
    private readonly pause: () => Promise<void> = () => new Promise((resume) => setImmediate(resume)),
  ) {}

  /** Applies changes: removals and the documents that changed themselves or are open are published now, the rest in slices. */
  apply(changes: WorkspaceChange[]): void {
    const { removed, work } = this.pipeline.plan(changes);
    const updated: string[] = [];
    for (const path of removed) this.pending.delete(path);
    for (const [path, planned] of work) {
      if (planned.ownChange || this.isOpen(path)) {
        const known = this.pending.get(path);
        this.pending.delete(path);
        if (known) for (const p of known.providers) planned.providers.add(p);
        if (this.pipeline.runPlanned(path, planned) === 'updated') updated.push(path);
        continue;
      }
      const known = this.pending.get(path);
      if (!known) this.pending.set(path, planned);
      else for (const p of planned.providers) known.providers.add(p);
    }
    const published = new Set(updated);
    this.publisher.publish({ updated, removed: removed.filter((path) => !published.has(path)) });
    if (this.pending.size && !this.draining) void this.drain();
  }

  /** True while dependents of earlier changes are still being re-checked. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.size) {
        const started = performance.now();
        const updated: string[] = [];
        for (const [path, planned] of this.pending) {
          this.pending.delete(path);
          if (this.pipeline.runPlanned(path, planned) === 'updated') updated.push(path);
          if (performance.now() - started >= SLICE_BUDGET_MS) break;
        }
        this.publisher.publish({ updated, removed: [] });
        await this.pause();
      }
    } finally {
      this.draining = false;
    }
  }
}
