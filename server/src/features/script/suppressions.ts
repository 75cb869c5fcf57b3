// "# erudi: ignore[code]" comments: drop the diagnostics they name on their line, and report codes that do not exist.
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import { DIAGNOSTIC_CODES, isDiagnosticCode } from '../../core/diagnostic-codes';
import { lineRange, splitLines } from '../../core/text-range';
import { closestName } from '../../core/closest-name';

export interface Suppression {
  line: number;
  codes: Set<string>;
}

export interface SuppressionScan {
  /** Line number to the codes suppressed there. */
  byLine: Map<number, Set<string>>;
  /** unknown-suppression diagnostics for codes no check reports. */
  problems: CheckDiagnostic[];
}

const SUPPRESSION = /#\s*erudi:\s*ignore\[([^\]]*)\]/g;

/** Finds the suppression comments of a Python text. */
export function scanSuppressions(text: string): SuppressionScan {
  const byLine = new Map<number, Set<string>>();
  const problems: CheckDiagnostic[] = [];
  if (!text.includes('erudi:')) return { byLine, problems };
  splitLines(text).forEach((line, number) => {
    for (const match of line.matchAll(SUPPRESSION)) {
      const codes = byLine.get(number) ?? new Set<string>();
      byLine.set(number, codes);
      const listStart = match.index + match[0].indexOf('[') + 1;
      for (const part of match[1].matchAll(/[^,\s]+/g)) {
        const code = part[0];
        codes.add(code);
        if (isDiagnosticCode(code)) continue;
        const start = listStart + part.index;
        const suggestion = closestName(code, Object.keys(DIAGNOSTIC_CODES));
        problems.push(diagnostic('unknown-suppression', lineRange(number, start, start + code.length),
          `'${code}' is no diagnostic code, so this comment suppresses nothing${suggestion ? `; did you mean '${suggestion}'?` : ''}`));
      }
    }
  });
  return { byLine, problems };
}

/** The diagnostics left once the suppressions of `text` are applied (a comment on a diagnostic's first or last line counts). */
export function applySuppressions(text: string, diagnostics: readonly CheckDiagnostic[]): CheckDiagnostic[] {
  const { byLine, problems } = scanSuppressions(text);
  if (!byLine.size) return [...diagnostics];
  const suppressed = (d: CheckDiagnostic) =>
    byLine.get(d.range.start.line)?.has(d.code) || byLine.get(d.range.end.line)?.has(d.code);
  return [...diagnostics.filter((d) => !suppressed(d)), ...problems.filter((d) => !suppressed(d))];
}
