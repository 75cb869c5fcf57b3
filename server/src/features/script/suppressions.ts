// "# erudi: ignore[code]" (its line) and "# erudi: ignore-file[code]" (the whole file) comments: drop what they name, report codes that do not exist.
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
  /** Codes an `# erudi: ignore-file[...]` comment suppresses in the whole file. */
  fileWide: Set<string>;
  /** unknown-suppression diagnostics for codes no check reports. */
  problems: CheckDiagnostic[];
}

// `# erudi: ignore[` up to its "[": sticky, tried once per "#", so a line repeating it costs linear time (a global
// regular expression with `[^\]]*` rescanned the rest of the line from every "#": quadratic).
const OPENING = /#\s*erudi:\s*ignore(-file)?\[/y;

/** Each `# erudi: ignore[...]` / `ignore-file[...]` of a line: where its code list starts, the list's text, its reach. */
function* suppressionsIn(line: string): Generator<{ listStart: number; list: string; file: boolean }> {
  for (let hash = line.indexOf('#'); hash >= 0; ) {
    OPENING.lastIndex = hash;
    const opening = OPENING.exec(line);
    if (!opening) {
      hash = line.indexOf('#', hash + 1);
      continue;
    }
    const listStart = OPENING.lastIndex;
    const close = line.indexOf(']', listStart);
    if (close < 0) return; // no "]" after this one: none after any later one either
    yield { listStart, list: line.slice(listStart, close), file: opening[1] !== undefined };
    hash = line.indexOf('#', close + 1);
  }
}

/** Finds the suppression comments of a Python text. */
export function scanSuppressions(text: string): SuppressionScan {
  const byLine = new Map<number, Set<string>>();
  const fileWide = new Set<string>();
  const problems: CheckDiagnostic[] = [];
  if (!text.includes('erudi:')) return { byLine, fileWide, problems };
  splitLines(text).forEach((line, number) => {
    for (const { listStart, list, file } of suppressionsIn(line)) {
      const codes = file ? fileWide : byLine.get(number) ?? new Set<string>();
      if (!file) byLine.set(number, codes);
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
  return { byLine, fileWide, problems };
}

/** The diagnostics left once the suppressions of `text` are applied (a comment on a diagnostic's first or last line counts). */
export function applySuppressions(text: string, diagnostics: readonly CheckDiagnostic[]): CheckDiagnostic[] {
  const { byLine, fileWide, problems } = scanSuppressions(text);
  if (!byLine.size && !fileWide.size && !problems.length) return [...diagnostics];
  const suppressed = (d: CheckDiagnostic) =>
    fileWide.has(d.code) || byLine.get(d.range.start.line)?.has(d.code) || byLine.get(d.range.end.line)?.has(d.code);
  return [...diagnostics.filter((d) => !suppressed(d)), ...problems.filter((d) => !suppressed(d))];
}
