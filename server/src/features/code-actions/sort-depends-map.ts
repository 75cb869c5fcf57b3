// "Sort entries" for a depends.map whose entries do not go up by model version; comments stay with their entry.
import { sortDependsMap } from '../../core/depends-map-sort';
import { splitLines } from '../../core/text-range';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

export function sortDependsMapAction(document: FeatureDocument, _request: CodeActionRequest): PlainCodeAction[] {
  const sorted = sortDependsMap(document.text);
  if (sorted === undefined) return [];
  const lines = splitLines(document.text);
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  return [
    {
      title: 'Sort entries by model version',
      kind: 'quickfix',
      edit: { textEdits: [{ path: document.path, range: { start: { line: 0, character: 0 }, end }, newText: sorted }] },
    },
  ];
}
