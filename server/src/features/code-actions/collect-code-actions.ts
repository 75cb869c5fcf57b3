// Runs a document kind's code action providers and offers each fix once, however many problems it mends.
import type { CodeActionRequest, DocumentFeatures, FeatureDocument, PlainCodeAction } from '../feature-contract';

/**
 * Two problems may have the same fix (`0.5_foo_any.py` is both a bad version and an unknown mode, and both
 * rename it to `0.5.0_foo_Any.py`): one action then fixes both diagnostics.
 */
export function collectCodeActions(features: DocumentFeatures, document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const byFix = new Map<string, PlainCodeAction>();
  for (const provide of features.codeActions ?? []) {
    for (const action of provide(document, request)) {
      const key = `${action.kind}\u0000${action.title}\u0000${JSON.stringify(action.edit)}`;
      const known = byFix.get(key);
      if (!known) {
        byFix.set(key, action);
        continue;
      }
      const diagnostics = [...(known.diagnostics ?? [])];
      for (const d of action.diagnostics ?? []) {
        if (!diagnostics.some((k) => k.code === d.code && JSON.stringify(k.range) === JSON.stringify(d.range))) diagnostics.push(d);
      }
      byFix.set(key, { ...known, diagnostics, isPreferred: known.isPreferred || action.isPreferred });
    }
  }
  return [...byFix.values()];
}
