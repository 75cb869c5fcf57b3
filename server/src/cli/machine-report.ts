// check's machine-readable reports: one JSON object (--format json) or a SARIF 2.1.0 log for code-scanning tools (--format sarif).
import type { CheckDiagnostic } from '../core/check-diagnostic';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../core/diagnostic-codes';
import { safetyRule } from '../features/safety-rules/registry';

export interface ReportedFile {
  /** Relative to the report's base folder, with / separators. */
  path: string;
  diagnostics: CheckDiagnostic[];
}

function sortedRows(files: readonly ReportedFile[]): Array<{ path: string; d: CheckDiagnostic }> {
  const rows = files.flatMap((file) => file.diagnostics.map((d) => ({ path: file.path.split('\\').join('/'), d })));
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.d.range.start.line - b.d.range.start.line
    || a.d.range.start.character - b.d.range.start.character || (a.d.code < b.d.code ? -1 : a.d.code > b.d.code ? 1 : 0));
}

/** `--format json`: positions 1-based like the text report, plus counts. */
export function jsonReport(files: readonly ReportedFile[], applications: number): string {
  const diagnostics = sortedRows(files).map(({ path, d }) => ({
    path, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
    severity: d.severity, code: d.code, message: d.message,
  }));
  return JSON.stringify({
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    applications,
  }, null, 2);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function ruleDescriptor(code: DiagnosticCode) {
  const safety = safetyRule(code);
  const entry = DIAGNOSTIC_CODES[code];
  return {
    id: code,
    name: code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: entry.rule },
    fullDescription: { text: safety ? safety.note : entry.rule },
    ...(safety ? { help: { text: safety.help } } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[entry.severity] },
  };
}

/** `--format sarif`: a SARIF 2.1.0 log with one run; columns are UTF-16 code units, as the editor counts them. */
export function sarifReport(files: readonly ReportedFile[]): string {
  const rows = sortedRows(files);
  const codes = [...new Set(rows.map(({ d }) => d.code))].sort();
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'erudi-migrations', rules: codes.map(ruleDescriptor) } },
      columnKind: 'utf16CodeUnits',
      originalUriBaseIds: { SRCROOT: { description: { text: 'The folder erudi-migrations check was run from (paths are relative to it).' } } },
      results: rows.map(({ path, d }) => ({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        }],
      })),
    }],
  }, null, 2);
}
