// Finds depends.map entries that step the framework backwards: a higher model version needing less erudi than a lower one.
import type { DependsMapEntry } from './depends-map';
import { compareVersions } from './model-version';

export interface BackwardStep {
  entry: DependsMapEntry;
  /** The lower model version's entry that already needs more erudi. */
  earlier: DependsMapEntry;
}

/** Walks entries by model version, keeping the highest erudi needed so far; sorted by line. */
export function findBackwardSteps(entries: DependsMapEntry[]): BackwardStep[] {
  const byModel = [...entries].sort((a, b) => compareVersions(a.modelVersion, b.modelVersion) || a.line - b.line);
  const steps: BackwardStep[] = [];
  let highest: DependsMapEntry | undefined;
  for (const entry of byModel) {
    if (highest && compareVersions(entry.modelVersion, highest.modelVersion) > 0 && compareVersions(entry.erudiVersion, highest.erudiVersion) < 0) {
      steps.push({ entry, earlier: highest });
    }
    if (!highest || compareVersions(entry.erudiVersion, highest.erudiVersion) > 0) highest = entry;
  }
  return steps.sort((a, b) => a.entry.line - b.entry.line);
}
