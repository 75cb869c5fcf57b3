// Test helpers: builds an index and pipeline over an in-memory tree and lists diagnostics as "path:line code" strings.
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { parseModelVersion } from '../../server/src/core/model-version';
import { DiagnosticsPipeline } from '../../server/src/features/diagnostics/diagnostics-pipeline';
import { MemoryFileSystem } from './memory-file-system';

export const ROOT = '/ws';
export const SETTINGS = { frameworkVersion: parseModelVersion('2.28.0')! };

export function workspaceOf(files: Record<string, string>, open: Map<string, string> = new Map()) {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, t]) => [`${ROOT}/${p}`, t])));
  const index = new WorkspaceIndex(fs, (path) => open.get(path));
  index.scan([ROOT]);
  const pipeline = new DiagnosticsPipeline(index, SETTINGS, undefined, undefined, (m) => {
    throw new Error(m);
  });
  pipeline.checkAll();
  return { fs, index, pipeline, open };
}

/** Every diagnostic the pipeline holds, as sorted "path:line code" lines (path relative to the root). */
export function listDiagnostics(pipeline: DiagnosticsPipeline): string[] {
  return pipeline
    .checkedPaths()
    .flatMap((path) => pipeline.diagnosticsOf(path).map((d) => `${path.slice(ROOT.length + 1)}:${d.range.start.line + 1} ${d.code}`))
    .sort();
}
