// The script features in the shape the document router expects (positions in, plain suggestions out).
import type { TextPosition } from '../../core/text-range';
import type { CompletionSuggestion, DefinitionTarget, DocumentFeatures, FeatureDocument, SuggestionKind } from '../feature-contract';
import { completeScript, type ScriptCompletionKind } from './completion';
import { definitionAt } from './definition';
import { hoverAt } from './hover';
import { contextOf } from './script-analysis';
import { signatureHelpAt } from './signature-help';

const KINDS: Record<ScriptCompletionKind, SuggestionKind> = {
  function: 'function',
  value: 'variable',
  snippet: 'snippet',
  'keyword-argument': 'property',
  'entity-type': 'class',
  'relation-type': 'field',
  attribute: 'field',
  relation: 'field',
  keyword: 'keyword',
  variable: 'variable',
};

function at(document: FeatureDocument, position: TextPosition) {
  const context = contextOf(document);
  return context ? { context, offset: context.script.lines.offsetAt(position) } : undefined;
}

export function scriptCompletion(document: FeatureDocument, position: TextPosition): CompletionSuggestion[] {
  const found = at(document, position);
  if (!found) return [];
  const { lines } = found.context.script;
  return completeScript(found.context, found.offset).map((c) => ({
    label: c.label,
    kind: KINDS[c.kind],
    detail: c.detail,
    documentation: c.documentation,
    ...(c.isSnippet ? { insertSnippet: c.insertText, insertText: c.label } : { insertText: c.insertText }),
    replaceRange: lines.rangeOf(c.replaceStart, c.replaceEnd),
    sortText: c.sortText,
  }));
}

export const scriptFeatures: DocumentFeatures = {
  completion: scriptCompletion,
  // Quotes open a string argument (schema names, RQL); "(" and "," need no completion, signature help covers them.
  completionTriggerCharacters: ["'", '"'],
  hover(document, position) {
    const found = at(document, position);
    const hover = found && hoverAt(found.context, found.offset);
    return hover ? { markdown: hover.markdown, range: found.context.script.lines.rangeOf(hover.start, hover.end) } : undefined;
  },
  signatureHelp(document, position) {
    const found = at(document, position);
    const help = found && signatureHelpAt(found.context, found.offset);
    if (!help) return undefined;
    return {
      signatures: [{
        label: help.label,
        documentation: help.documentation,
        parameters: help.parameters.map((p) => ({ label: help.label.slice(...p.label), documentation: p.documentation })),
        activeParameter: help.activeParameter,
      }],
      activeSignature: 0,
      // LSP: an index past the parameters means "none is active" (an unknown keyword).
      activeParameter: help.activeParameter ?? help.parameters.length,
    };
  },
  signatureHelpTriggerCharacters: ['(', ','],
  signatureHelpRetriggerCharacters: [')'],
  definition(document, position): DefinitionTarget[] {
    const found = at(document, position);
    if (!found) return [];
    return definitionAt(found.context, found.offset).map((d) => ({
      path: d.path,
      range: { start: { line: d.location.line, character: d.location.character }, end: { line: d.location.line, character: d.location.character + (d.location.end - d.location.start) } },
    }));
  },
};
