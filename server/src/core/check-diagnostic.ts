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
