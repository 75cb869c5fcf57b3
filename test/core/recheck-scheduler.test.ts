// The re-check scheduler: a dependent still pending from an earlier change is re-checked knowing every part changed since.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApplicationPart } from '../../server/src/core/workspace/application';
import type { WorkspaceChange } from '../../server/src/core/workspace/workspace-index';
import type { DiagnosticsPipeline, PlannedCheck } from '../../server/src/features/diagnostics/diagnostics-pipeline';
import type { DiagnosticsPublisher } from '../../server/src/lsp/diagnostics-publisher';
import { RecheckScheduler } from '../../server/src/lsp/recheck-scheduler';

test('a re-check pending from a schema change, then a pkginfo change: the script is asked about both parts', async () => {
  // A pipeline that plans one dependent per change, with the change's parts, and notes what each run is asked about.
  const ran: string[][] = [];
  const pipeline = {
    plan: (changes: WorkspaceChange[]) => ({
      removed: [],
      work: new Map<string, PlannedCheck>([['/app/migration/1.0.0_Any.py', { providers: new Set(), ownChange: false, parts: new Set<ApplicationPart>(changes[0].parts) }]]),
    }),
    runPlanned: (_path: string, planned: PlannedCheck) => (ran.push([...planned.parts].sort()), 'same' as const),
  } as unknown as DiagnosticsPipeline;
  const publisher = { publish: () => {}, written: async () => {} } as unknown as DiagnosticsPublisher;
  let resume: () => void = () => {};
  // The first slice runs at once; the pause holds the rest until the second change is applied.
  const scheduler = new RecheckScheduler(pipeline, publisher, () => false, () => new Promise<void>((r) => (resume = r)));
  const change = (part: ApplicationPart): WorkspaceChange => ({ parts: new Set([part]), documents: new Set(), removed: new Set() }) as unknown as WorkspaceChange;
  scheduler.apply([change('schema')]);
  assert.deepEqual(ran, [['schema']]);
  // Pending again (a second schema edit during the slices), then pkginfo changes before its slice runs.
  scheduler.apply([change('schema')]);
  scheduler.apply([change('pkginfo')]);
  resume();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(ran, [['schema'], ['pkginfo', 'schema']]);
});
