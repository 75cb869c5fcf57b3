// Quick fix for rename-still-used: replace every remaining use of the old name with the new one, in the script and the other files.
import { LineIndex } from '../../core/python/line-index';
import { renameFactsOf } from '../safety-rules/rename-still-used';
import { contextOf, readRelatedText } from '../script/script-analysis';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

export function replaceRenamedUsesAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const diagnostics = request.diagnostics.filter((d) => d.code === 'rename-still-used');
  if (!diagnostics.length) return [];
  const context = contextOf(document);
  const facts = context && renameFactsOf(context);
  if (!context || !facts) return [];
  const actions: PlainCodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const at = context.script.lines.offsetAt(diagnostic.range.start);
    const rename = facts.find((f) => f.start === at);
    if (!rename || rename.inScript.length + rename.elsewhere.length === 0) continue;
    const textEdits = rename.inScript.map((use) => ({ path: document.path, range: context.script.lines.rangeOf(use.start, use.end), newText: rename.newName }));
    const lines = new Map<string, LineIndex | undefined>();
    for (const use of rename.elsewhere) {
      if (!lines.has(use.path)) {
        const text = readRelatedText(use.path).text;
        lines.set(use.path, text === undefined ? undefined : new LineIndex(text));
      }
      const index = lines.get(use.path);
      if (index) textEdits.push({ path: use.path, range: index.rangeOf(use.start, use.end), newText: rename.newName });
    }
    const count = textEdits.length;
    actions.push({
      title: `Replace the ${count} remaining use${count === 1 ? '' : 's'} of '${rename.oldName}' with '${rename.newName}'`,
      kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true, edit: { textEdits },
    });
  }
  return actions;
}
