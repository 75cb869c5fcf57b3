// Quick fix for unknown-name: "did you mean" — replace the misspelt name with the catalog, builtin or script name it suggests.
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

// unknown-names.ts ends its message with this when a known name is a likely typo.
const SUGGESTION = /did you mean '([^']+)'\?$/;

export function replaceUnknownNameAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const actions: PlainCodeAction[] = [];
  for (const diagnostic of request.diagnostics) {
    const suggestion = diagnostic.code === 'unknown-name' ? SUGGESTION.exec(diagnostic.message)?.[1] : undefined;
    if (!suggestion || diagnostic.range.start.line !== diagnostic.range.end.line) continue;
    actions.push({
      title: `Replace with '${suggestion}'`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { textEdits: [{ path: document.path, range: diagnostic.range, newText: suggestion }] },
    });
  }
  return actions;
}
