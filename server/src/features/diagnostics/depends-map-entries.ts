// depends.map's own rules: depends-syntax, depends-duplicate and depends-not-monotonic.
import { type CheckDiagnostic, diagnostic } from '../../core/check-diagnostic';
import type { DependsMapEntry } from '../../core/depends-map';
import { findBackwardSteps } from '../../core/depends-map-order';
import { FILE_START } from '../../core/text-range';
import type { DiagnosticProvider } from './diagnostic-provider';

/** A 10 MB file of junk must not become a million diagnostics. */
export const MAX_SYNTAX_DIAGNOSTICS = 500;

export const dependsMapEntriesProvider: DiagnosticProvider = {
  id: 'depends-map-entries',
  documentKinds: ['depends-map'],
  dependsOn: ['depends-map'],
  check(document) {
    const map = document.application.dependsMap;
    if (!map) return [];
    if ('error' in map) {
      return [diagnostic('depends-syntax', FILE_START, `Cannot read depends.map (${map.error}): make it a readable text file, or remove it.`)];
    }
    const diagnostics: CheckDiagnostic[] = [];
    for (const error of map.errors.slice(0, MAX_SYNTAX_DIAGNOSTICS)) diagnostics.push(diagnostic('depends-syntax', error.range, error.message));
    if (map.errors.length > MAX_SYNTAX_DIAGNOSTICS) {
      const last = map.errors[MAX_SYNTAX_DIAGNOSTICS];
      diagnostics.push(diagnostic('depends-syntax', last.range, `${map.errors.length - MAX_SYNTAX_DIAGNOSTICS} more lines from here on are no "<X.Y.Z> : <X.Y.Z>" entries (not all are shown).`));
    }
    diagnostics.push(...duplicates(map.entries), ...notMonotonic(map.entries));
    return diagnostics;
  },
};

function duplicates(entries: DependsMapEntry[]): CheckDiagnostic[] {
  const firstLine = new Map<string, number>();
  const diagnostics: CheckDiagnostic[] = [];
  for (const entry of entries) {
    const first = firstLine.get(entry.modelVersion.text);
    if (first === undefined) firstLine.set(entry.modelVersion.text, entry.line);
    else {
      diagnostics.push(diagnostic('depends-duplicate', entry.modelRange, `Model version ${entry.modelVersion.text} is already listed on line ${first + 1}: keep one entry.`));
    }
  }
  return diagnostics;
}

function notMonotonic(entries: DependsMapEntry[]): CheckDiagnostic[] {
  return findBackwardSteps(entries).map(({ entry, earlier }) =>
    diagnostic(
      'depends-not-monotonic',
      entry.erudiRange,
      `Model ${entry.modelVersion.text} needs erudi ${entry.erudiVersion.text}, less than the ${earlier.erudiVersion.text} that the lower model ${earlier.modelVersion.text} already needs (line ${earlier.line + 1}): the framework cannot go back; use ${earlier.erudiVersion.text} or higher.`,
    ),
  );
}
