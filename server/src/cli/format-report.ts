// Formats diagnostics as `path:line:column: severity code: message`, 1-based, sorted by path, line and column.
import type { CheckDiagnostic } from '../core/check-diagnostic';
import type { DiagnosticCode } from '../core/diagnostic-codes';

export interface Report {
  lines: string[];
  /** The code of each line, in the same order. */
  codes: DiagnosticCode[];
  errors: number;
  warnings: number;
}

export function formatReport(files: Array<{ path: string; diagnostics: CheckDiagnostic[] }>): Report {
  const rows: Array<{ path: string; d: CheckDiagnostic }> = [];
  for (const file of files) for (const d of file.diagnostics) rows.push({ path: file.path, d });
  rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.d.range.start.line - b.d.range.start.line || a.d.range.start.character - b.d.range.start.character || (a.d.code < b.d.code ? -1 : a.d.code > b.d.code ? 1 : 0));
  return {
    // Messages are one line: a newline in one would break "one diagnostic per line".
    lines: rows.map(({ path, d }) => `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message.replace(/\s*\n\s*/g, ' ')}`),
    codes: rows.map(({ d }) => d.code),
    errors: rows.filter(({ d }) => d.severity === 'error').length,
    warnings: rows.filter(({ d }) => d.severity === 'warning').length,
  };
}
