// Picks the known name a misspelt one most likely meant ("Persn" → "Person"), for "did you mean" hints; bounded, so
// 20,000 misspelt names against a 3,000-type schema stay fast: each list is indexed once (by its one-letter deletions,
// which find every name one edit away exactly, and by length); a farther match compares at most MAX_EXAMINED
// candidates (each comparison abandoned once it exceeds the distance still worth reporting), for MAX_SCANS names per list.

// Edits between two names, a swap of neighbouring letters counting as one ("nmae" → "name").
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Infinity);
}

/** How many candidates one suggestion compares at most, nearest lengths first. */
export const MAX_EXAMINED = 150;
/** How many names farther than one edit get that scan, per candidate list; later ones get one-edit matches only. */
export const MAX_SCANS = 1_000;
const MAX_REMEMBERED = 10_000;

interface CandidateIndex {
  byLowerCase: Map<string, string>;
  /** The candidates, lower-cased, in the list's order. */
  all: Array<[string, string]>;
  /** Each candidate and each of its one-letter deletions, to the candidates (positions in `all`) giving it. */
  byDeletion: Map<string, number[]>;
  /** Candidates by length (lower-cased, with the original), in the list's order. */
  byLength: Map<number, Array<[string, string]>>;
  remembered: Map<string, string | undefined>;
  scans: number;
}

const indexes = new WeakMap<object, CandidateIndex>();

function indexOf(candidates: Iterable<string>): CandidateIndex {
  const cached = typeof candidates === 'object' ? indexes.get(candidates) : undefined;
  if (cached) return cached;
  const index: CandidateIndex = { byLowerCase: new Map(), all: [], byDeletion: new Map(), remembered: new Map(), byLength: new Map(), scans: 0 };
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (!index.byLowerCase.has(lower)) index.byLowerCase.set(lower, candidate);
    const position = index.all.push([lower, candidate]) - 1;
    for (const key of new Set(deletions(lower))) {
      const list = index.byDeletion.get(key) ?? [];
      list.push(position);
      index.byDeletion.set(key, list);
    }
    const bucket = index.byLength.get(lower.length) ?? [];
    bucket.push([lower, candidate]);
    index.byLength.set(lower.length, bucket);
  }
  if (typeof candidates === 'object') indexes.set(candidates, index);
  return index;
}

/** The closest candidate, when it is close enough to be a typo (a case difference, or a third of the letters at most). */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const index = indexOf(candidates);
  if (index.remembered.has(name)) return index.remembered.get(name);
  const answer = search(name, index);
  if (index.remembered.size >= MAX_REMEMBERED) index.remembered.clear();
  index.remembered.set(name, answer);
  return answer;
}

function search(name: string, index: CandidateIndex): string | undefined {
  const lower = name.toLowerCase();
  const same = index.byLowerCase.get(lower);
  if (same !== undefined) return same;
  const threshold = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = threshold + 1;
  // Every candidate one edit away (insertion, deletion, substitution, swap) shares a deletion key with the name.
  const near = new Set<number>();
  for (const key of deletions(lower)) for (const position of index.byDeletion.get(key) ?? []) near.add(position);
  for (const position of [...near].sort((a, b) => a - b)) {
    const [candidate, original] = index.all[position];
    const d = boundedDistance(lower, candidate, bestDistance - 1);
    if (d < bestDistance) [best, bestDistance] = [original, d];
  }
  if (bestDistance <= 1 || threshold < 2 || index.scans >= MAX_SCANS) return best;
  index.scans++;
  countLetters(lower);
  let examined = 0;
  // The distance is at least the difference in length: nearer lengths first, never beyond the threshold.
  for (let delta = 0; delta <= threshold && delta < bestDistance; delta++) {
    for (const length of delta === 0 ? [lower.length] : [lower.length - delta, lower.length + delta]) {
      for (const [candidate, original] of index.byLength.get(length) ?? []) {
        if (examined++ >= MAX_EXAMINED) return best;
        if (bagDistance(candidate) > bestDistance - 1) continue;
        const d = boundedDistance(lower, candidate, bestDistance - 1);
        if (d < bestDistance) {
          [best, bestDistance] = [original, d];
          if (d <= 1) return best; // nothing but a case difference (handled above) is closer
        }
      }
    }
  }
  return best;
}

// The letters of the name being looked up, counted (by code unit modulo 256), for bagDistance.
const letters = new Int32Array(256);
let counted = '';

function countLetters(text: string): void {
  for (let i = 0; i < counted.length; i++) letters[counted.charCodeAt(i) & 255] = 0;
  for (let i = 0; i < text.length; i++) letters[text.charCodeAt(i) & 255]++;
  counted = text;
}

/** A lower bound of the edit distance to the counted name, in one pass: letters one has that the other lacks. */
function bagDistance(candidate: string): number {
  let missing = 0;
  for (let i = 0; i < candidate.length; i++) if (--letters[candidate.charCodeAt(i) & 255] < 0) missing++;
  for (let i = 0; i < candidate.length; i++) letters[candidate.charCodeAt(i) & 255]++;
  const extra = counted.length - (candidate.length - missing);
  // A swap counts as one edit but moves no letter; a substitution is one missing and one extra letter.
  return Math.max(missing, extra);
}

/** The text itself and each text with one letter removed. */
function deletions(text: string): string[] {
  const keys = [text];
  for (let i = 0; i < text.length; i++) keys.push(text.slice(0, i) + text.slice(i + 1));
  return keys;
}

// Three rows reused by every comparison (a comparison allocating its rows made 20,000 lookups take minutes).
let buffers: Int32Array[] = [0, 1, 2].map(() => new Int32Array(64));

/** The edit distance when it is at most `limit`, else a number above `limit` (computed no further than needed). */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (buffers[0].length < width) buffers = [0, 1, 2].map(() => new Int32Array(width * 2));
  let before = buffers[0];
  let previous = buffers[1];
  let row = buffers[2];
  for (let j = 0; j < width; j++) previous[j] = j;
  let previousSmallest = 0;
  const big = 1 << 29;
  const band = Number.isFinite(limit) ? limit : width;
  for (let i = 1; i <= a.length; i++) {
    // Only cells within `band` of the diagonal can hold a distance <= limit; the others count as too far.
    const from = Math.max(1, i - band);
    const to = Math.min(b.length, i + band);
    row[0] = i;
    if (from > 1) row[from - 1] = big;
    let smallest = from === 1 ? i : big;
    const ai = a.charCodeAt(i - 1);
    const aPrevious = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = previous[j - 1] + (ai === bj ? 0 : 1);
      const deletion = previous[j] + 1;
      const insertion = row[j - 1] + 1;
      if (deletion < value) value = deletion;
      if (insertion < value) value = insertion;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrevious === bj && before[j - 2] + 1 < value) value = before[j - 2] + 1;
      row[j] = value;
      if (value < smallest) smallest = value;
    }
    if (to < b.length) row[to + 1] = big;
    // Every later cell is at least the smallest of this row (transpositions look back two rows: keep both in mind).
    if (smallest > limit && previousSmallest > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = row;
    row = spare;
    previousSmallest = smallest;
  }
  return previous[b.length];
}
