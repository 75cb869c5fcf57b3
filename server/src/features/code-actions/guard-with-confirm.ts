// Quick fix for destructive-operation and unguarded-drop: put the call in an `if confirm("..."):` branch.
import { splitLines } from '../../core/text-range';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

const FIXABLE = new Set(['destructive-operation', 'unguarded-drop']);

/** The question asked: the call itself, as the user will recognise it. */
function question(call: string): string {
  const shown = call.replace(/\s+/g, ' ').trim();
  const short = shown.length > 70 ? `${shown.slice(0, 67)}...` : shown;
  return `Run ${short}? It destroys data.`.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export function guardWithConfirmAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const lines = splitLines(document.text);
  const eol = /\r\n/.test(document.text) ? '\r\n' : /\r/.test(document.text) ? '\r' : '\n';
  const actions: PlainCodeAction[] = [];
  const done = new Set<number>();
  for (const diagnostic of request.diagnostics) {
    if (!FIXABLE.has(diagnostic.code)) continue;
    const { start, end } = diagnostic.range;
    const first = lines[start.line] ?? '';
    const indentation = /^[ \t]*/.exec(first)![0];
    // Only a call that is its own statement (what is before it on its line is indentation) can be wrapped safely.
    if (first.slice(0, start.character).trim() !== '' || done.has(start.line)) continue;
    const rest = (lines[end.line] ?? '').slice(end.character).replace(/#.*$/, '').trim();
    if (rest !== '' && rest !== ';') continue;
    done.add(start.line);
    const unit = indentation.includes('\t') ? '\t' : '    ';
    const body = lines.slice(start.line, end.line + 1);
    const call = [body[0].slice(start.character), ...body.slice(1)].join(' ');
    const callText = end.line === start.line ? first.slice(start.character, end.character) : call;
    const newText = [`${indentation}if confirm("${question(callText)}"):`, ...body.map((line) => (line.trim() ? unit + line : line))].join(eol);
    actions.push({
      title: 'Ask first: guard with if confirm(...)',
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { textEdits: [{ path: document.path, range: { start: { line: start.line, character: 0 }, end: { line: end.line, character: (lines[end.line] ?? '').length } }, newText }] },
    });
  }
  return actions;
}
