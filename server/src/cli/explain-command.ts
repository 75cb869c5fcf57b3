// `erudi-migrations check --explain CODE`: what a diagnostic code means, and for a safety rule its note, help and cases.
import { closestName } from '../core/closest-name';
import { DIAGNOSTIC_CODES, isDiagnosticCode } from '../core/diagnostic-codes';
import { safetyRule } from '../features/safety-rules/registry';

/** Prints the explanation; returns the exit status (2 for a code that does not exist). */
export function explainCode(code: string, out: (line: string) => void, err: (line: string) => void): number {
  if (!isDiagnosticCode(code)) {
    const suggestion = closestName(code, Object.keys(DIAGNOSTIC_CODES));
    err(`erudi-migrations: "${code}" is no diagnostic code${suggestion ? `; did you mean "${suggestion}"?` : ''} Safety rules are listed in docs/safety-rules.md.`);
    return 2;
  }
  const entry = DIAGNOSTIC_CODES[code];
  out(`${code} (${entry.severity})`);
  const rule = safetyRule(code);
  if (!rule) {
    out(`  ${entry.rule}`);
    out(`  Silence one line with "# erudi: ignore[${code}]", the whole file with "# erudi: ignore-file[${code}]".`);
    return 0;
  }
  out(`  What goes wrong: ${rule.note}`);
  out(`  Safer: ${rule.help}`);
  out('');
  out('  Examples:');
  for (const example of rule.cases) {
    out(`    ${example.expected === null ? 'fine:   ' : 'flagged:'} ${example.script.trimEnd().split('\n').join('\n             ')}`);
    if (example.figures) out(`             (with instance figures: ${JSON.stringify(example.figures.entityTypes)})`);
  }
  out('');
  out(`  Silence one line with "# erudi: ignore[${code}]", the whole file with "# erudi: ignore-file[${code}]".`);
  return 0;
}
