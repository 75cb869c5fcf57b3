// A diagnostic of a script body before it has a line and column: offsets, so it can be cached per statement and moved.
import type { DiagnosticCode } from '../../core/diagnostic-codes';

export interface ScriptProblem {
  code: DiagnosticCode;
  /** Offsets in the script's text (UTF-16 code units). */
  start: number;
  end: number;
  message: string;
}
