// Test helper: applies plain text edits (non-overlapping) to a text, as an editor would.
import type { TextRange } from '../../server/src/core/text-range';

export function applyEdits(text: string, edits: Array<{ range: TextRange; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)), text);
}
