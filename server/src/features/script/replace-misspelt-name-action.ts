// Quick fix for unknown-entity-type, unknown-relation-type, unknown-attribute and rql-unknown-name: use the schema name the check suggests.
import { splitLines } from '../../core/text-range';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

const FIXABLE = new Set(['unknown-entity-type', 'unknown-relation-type', 'unknown-attribute', 'rql-unknown-name']);
// The checks (schema-arguments.ts) end their message with this when a schema.py name is a likely typo.
const SUGGESTION = /did you mean '([^']+)'\?$/;

export function replaceMisspeltNameAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const actions: PlainCodeAction[] = [];
  const lines = splitLines(document.text);
  for (const diagnostic of request.diagnostics) {
    const suggestion = FIXABLE.has(diagnostic.code) ? SUGGESTION.exec(diagnostic.message)?.[1] : undefined;
    const { start, end } = diagnostic.range;
    if (!suggestion || start.line !== end.line) continue;
    // The range is the argument: a string literal (its quotes kept), a `**kwargs` keyword (add_entity) or a name in an RQL string.
    const written = (lines[start.line] ?? '').slice(start.character, end.character);
    const quoted = /^([A-Za-z]*)(['"])(.*)\2$/.exec(written);
    const newText = quoted ? `${quoted[1]}${quoted[2]}${suggestion}${quoted[2]}` : suggestion;
    actions.push({
      title: `Replace with '${suggestion}' (defined in the schema)`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { textEdits: [{ path: document.path, range: diagnostic.range, newText }] },
    });
  }
  return actions;
}
