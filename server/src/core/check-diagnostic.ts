// A diagnostic as the core produces it: plain data, converted to an LSP Diagnostic only by the LSP layer.
import { type DiagnosticCode, type Severity, severityOf } from './diagnostic-codes';
import type { TextRange } from './text-range';

export interface CheckDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** What is wrong and how to fix it, in the user's words. */
  message: string;
  range: TextRange;
}

/** Builds a diagnostic with the severity the code table gives. */
export function diagnostic(code: DiagnosticCode, range: TextRange, message: string): CheckDiagnostic {
  return { code, severity: severityOf(code), message, range };
}

/**
 * True when two lists hold the same diagnostics in the same order (every field compared, as their JSON would be):
 * what was published is kept as the list itself, not as a JSON copy of it.
 */
export function sameDiagnostics(a: readonly CheckDiagnostic[], b: readonly CheckDiagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!samePlainData(a[i], b[i])) return false;
  return true;
}

// Plain data (what JSON.stringify would write) compared field by field; undefined fields count as absent, as in JSON.
function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => samePlainData(item, other[i]));
  }
  const left = Object.entries(a).filter(([, v]) => v !== undefined);
  const right = b as Record<string, unknown>;
  if (left.length !== Object.values(right).filter((v) => v !== undefined).length) return false;
  return left.every(([key, value]) => samePlainData(value, right[key]));
}
