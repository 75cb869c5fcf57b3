// Runs re-checks so the editor stays responsive: changed and open documents at once, their dependents in short slices between requests.
import type { WorkspaceChange } from '../core/workspace/workspace-index';
import type { DiagnosticsPipeline, PlannedCheck } from '../features/diagnostics/diagnostics-pipeline';
import type { DiagnosticsPublisher } from './diagnostics-publisher';

// Work between two pauses: short enough that a completion or hover waiting behind it still answers within its usual
// time (8 ms gave p95 27 ms during the first check at 5,000 realistic scripts, 4 ms 20 ms; the pauses cost no CPU).
export const SLICE_BUDGET_MS = 4;

/**
 * The first check's slices while the editor is asking (a message handled within the last second): a request then waits
 * behind half the work. At 5,000 realistic scripts, requests during the first check: p50 5.5 → 3.3 ms, p95 ~20 → ~16 ms
 * (what remains of the p95 is garbage collection: ~110 pauses of 6–7 ms during the check, and the machine's load).
 * Without messages (a cold start nobody types in) the slices stay at 4 ms: fewer pauses.
 */
export const INTERACTIVE_SLICE_BUDGET_MS = 2;
export const INTERACTIVE_WINDOW_MS = 1_000;

/** The first check's slice budget, given when the last message was handled (ms, performance.now()). */
export function firstCheckSliceBudget(lastMessageAt: number | undefined, now = performance.now()): number {
  return lastMessageAt !== undefined && now - lastMessageAt < INTERACTIVE_WINDOW_MS ? INTERACTIVE_SLICE_BUDGET_MS : SLICE_BUDGET_MS;
}

/**
 * The pause between two slices: until what the slice published is written, then three turns of the event loop.
 * vscode-jsonrpc writes one message per turn (its writer's semaphore), handles a received message in a turn of its own
 * and writes the answer in another: with a pause of one turn, a request that arrived during a slice waited behind the
 * slice's notifications and two more slices; now it is read, answered and written before the next slice.
 */
export const pauseForRequests = async (publisher: Pick<DiagnosticsPublisher, 'written'>): Promise<void> => {
  await publisher.written();
  await new Promise((resume) => setImmediate(() => setImmediate(() => setImmediate(resume))));
};

export class RecheckScheduler {
  /** Dependents still to re-check, by path (a later change merges into what is pending, so nothing is checked twice). */
  private readonly pending = new Map<string, PlannedCheck>();
  private draining = false;

  constructor(
    private readonly pipeline: DiagnosticsPipeline,
    private readonly publisher: DiagnosticsPublisher,
    private readonly isOpen: (path: string) => boolean,
    private readonly pause: () => Promise<void> = () => pauseForRequests(publisher),
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
        if (known) {
          for (const p of known.providers) planned.providers.add(p);
          for (const part of known.parts) planned.parts.add(part);
        }
        if (this.pipeline.runPlanned(path, planned) === 'updated') updated.push(path);
        continue;
      }
      const known = this.pending.get(path);
      if (!known) this.pending.set(path, planned);
      else {
        // What `unchanged` is asked about must name every part changed since the document's last check.
        for (const p of planned.providers) known.providers.add(p);
        for (const part of planned.parts) known.parts.add(part);
      }
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
