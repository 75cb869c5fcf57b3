// Quick fixes for any diagnostic of a Python file: "# erudi: ignore[code]" on its line, or "# erudi: ignore-file[code]" for the file.
import { splitLines } from '../../core/text-range';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

// A suppression of unknown-suppression would hide the problem with the suppression itself; the others are about the
// file's name or place, which a comment in its text does not change (they have fixes of their own).
const NOT_IGNORABLE = new Set(['unknown-suppression', 'filename-grammar', 'unknown-mode', 'bad-version', 'sql-mode', 'duplicate-script', 'script-ahead-of-model']);
const LINE_COMMENT = /#\s*erudi:\s*ignore\[([^\]]*)\]/;

/** The line after the shebang and encoding lines, where Python still reads them (lines 1-2). */
function fileCommentLine(lines: readonly string[]): number {
  let line = 0;
  while (line < 2 && line < lines.length && (/^#!/.test(lines[line]) || /^[ \t\f]*#.*?coding[:=]/.test(lines[line]))) line++;
  return line;
}

export function ignoreDiagnosticAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  if (document.kind === 'migration-script' && document.script?.extension !== 'py') return [];
  const lines = splitLines(document.text);
  const eol = /\r\n/.test(document.text) ? '\r\n' : /\r/.test(document.text) ? '\r' : '\n';
  const actions: PlainCodeAction[] = [];
  for (const diagnostic of request.diagnostics) {
    if (NOT_IGNORABLE.has(diagnostic.code)) continue;
    const line = diagnostic.range.end.line;
    const text = lines[line] ?? '';
    const existing = LINE_COMMENT.exec(text);
    const lineEdit = existing
      ? { range: { start: { line, character: existing.index }, end: { line, character: existing.index + existing[0].length } }, newText: `# erudi: ignore[${existing[1].trim()}, ${diagnostic.code}]` }
      : { range: { start: { line, character: text.length }, end: { line, character: text.length } }, newText: `${text.trim() ? '  ' : ''}# erudi: ignore[${diagnostic.code}]` };
    actions.push({ title: `Ignore ${diagnostic.code} on this line`, kind: 'quickfix', diagnostics: [diagnostic], edit: { textEdits: [{ path: document.path, ...lineEdit }] } });
    const at = fileCommentLine(lines);
    actions.push({
      title: `Ignore ${diagnostic.code} in this file`, kind: 'quickfix', diagnostics: [diagnostic],
      edit: { textEdits: [{ path: document.path, range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `# erudi: ignore-file[${diagnostic.code}]${eol}` }] },
    });
  }
  return actions;
}
