// Quick fix for depends-not-monotonic: raise the entry's erudi version to what a lower model version already needs.
import { parseDependsMap } from '../../core/depends-map';
import { findBackwardSteps } from '../../core/depends-map-order';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

export function raiseDependsErudiVersionAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const { start, end } = request.range;
  return findBackwardSteps(parseDependsMap(document.text).entries)
    .filter(({ entry }) => entry.line >= start.line && entry.line <= end.line)
    .map(({ entry, earlier }) => ({
      title: `Use erudi ${earlier.erudiVersion.text} (what model ${earlier.modelVersion.text} already needs)`,
      kind: 'quickfix',
      isPreferred: true,
      diagnostics: request.diagnostics.filter((d) => d.code === 'depends-not-monotonic' && d.range.start.line === entry.line),
      edit: { textEdits: [{ path: document.path, range: entry.erudiRange, newText: earlier.erudiVersion.text }] },
    }));
}
