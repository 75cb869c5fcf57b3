// The four script modes (DESIGN 1.1) and the spelling suggestions behind the unknown-mode quick fix.
import { editDistance } from './closest-name';

export const MODES = ['Any', 'repository', 'web', 'common'] as const;
export type Mode = (typeof MODES)[number];

export function isMode(text: string): text is Mode {
  return (MODES as readonly string[]).includes(text);
}

/** Modes that run on the repository side and may use the schema, data and low-level primitives. */
export const REPOSITORY_SIDE_MODES: readonly Mode[] = ['Any', 'repository'];

// Abbreviations people actually write; case and typos are handled by distance below.
const ALIASES: Record<string, Mode> = { repo: 'repository', all: 'Any', both: 'common', www: 'web', server: 'repository' };

/** The mode the author most likely meant ("any" → "Any", "repo" → "repository", "comon" → "common"), or undefined. */
export function suggestMode(text: string): Mode | undefined {
  const lower = text.toLowerCase();
  if (lower === '') return undefined;
  const byCase = MODES.find((m) => m.toLowerCase() === lower);
  if (byCase) return byCase;
  if (ALIASES[lower]) return ALIASES[lower];
  let best: Mode | undefined;
  let bestDistance = Infinity;
  for (const mode of MODES) {
    if (Math.abs(lower.length - mode.length) > 2) continue;
    const d = editDistance(lower, mode.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [mode, d];
  }
  // Two edits at most, and never more than a third of the word, so "xyz" is not taken for "web".
  return bestDistance <= Math.min(2, Math.floor(lower.length / 3)) ? best : undefined;
}
