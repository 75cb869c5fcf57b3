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

// `# erudi: ignore[` up to its "[": sticky, tried once per "#", so a line repeating it costs linear time (a global
// regular expression with `[^\]]*` rescanned the rest of the line from every "#": quadratic).
const OPENING = /#\s*erudi:\s*ignore\[/y;

/** Each `# erudi: ignore[...]` of a line: where its code list starts and the list's text. */
function* suppressionsIn(line: string): Generator<{ listStart: number; list: string }> {
  for (let hash = line.indexOf('#'); hash >= 0; ) {
    OPENING.lastIndex = hash;
    if (!OPENING.test(line)) {
      hash = line.indexOf('#', hash + 1);
      continue;
    }
    const listStart = OPENING.lastIndex;
    const close = line.indexOf(']', listStart);
    if (close < 0) return; // no "]" after this one: none after any later one either
    yield { listStart, list: line.slice(listStart, close) };
    hash = line.indexOf('#', close + 1);
  }
}

/** Finds the suppression comments of a Python text. */
export function scanSuppressions(text: string): SuppressionScan {
  const byLine = new Map<number, Set<string>>();
  const problems: CheckDiagnostic[] = [];
  if (!text.includes('erudi:')) return { byLine, problems };
  splitLines(text).forEach((line, number) => {
    for (const { listStart, list } of suppressionsIn(line)) {
      const codes = byLine.get(number) ?? new Set<string>();
      byLine.set(number, codes);
      for (const part of list.matchAll(/[^,\s]+/g)) {
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
