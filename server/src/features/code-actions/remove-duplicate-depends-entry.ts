// Quick fix for depends-duplicate: delete the line that lists a model version a second time.
import { parseDependsMap } from '../../core/depends-map';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

export function removeDuplicateDependsEntryAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const { start, end } = request.range;
  const firstLine = new Map<string, number>();
  const actions: PlainCodeAction[] = [];
  for (const entry of parseDependsMap(document.text).entries) {
    const first = firstLine.get(entry.modelVersion.text);
    if (first === undefined) {
      firstLine.set(entry.modelVersion.text, entry.line);
      continue;
    }
    if (entry.line < start.line || entry.line > end.line) continue;
    actions.push({
      title: `Remove this second entry for ${entry.modelVersion.text} (line ${first + 1} keeps ${entry.modelVersion.text})`,
      kind: 'quickfix',
      diagnostics: request.diagnostics.filter((d) => d.code === 'depends-duplicate' && d.range.start.line === entry.line),
      edit: { textEdits: [{ path: document.path, range: { start: { line: entry.line, character: 0 }, end: { line: entry.line + 1, character: 0 } }, newText: '' }] },
    });
  }
  return actions;
}
