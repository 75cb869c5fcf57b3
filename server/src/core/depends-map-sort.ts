// Sorts depends.map entries by model version, keeping each entry's comment lines above it and every other line in place.
import { type DependsMap, parseDependsMap } from './depends-map';
import { compareVersions } from './model-version';

/** True when the entries already go up by model version. */
export function isDependsMapSorted(map: DependsMap): boolean {
  return map.entries.every((entry, i) => i === 0 || compareVersions(map.entries[i - 1].modelVersion, entry.modelVersion) <= 0);
}

/**
 * The text with entries sorted (stable for equal versions), or undefined when already sorted.
 * A block is an entry plus the comment lines directly above it (no blank line between); blocks move, the rest stays
 * (the file's leading comment block is a header, not the first entry's comment).
 */
export function sortDependsMap(text: string): string | undefined {
  const map = parseDependsMap(text);
  if (isDependsMapSorted(map)) return undefined;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const raw = text.split(/\r\n|\r|\n/);
  type Block = { lines: string[]; entryIndex: number };
  const blocks: Block[] = [];
  // Slots in the original order: a string is a line that stays, a number is where a sorted block goes.
  const slots: Array<string | number> = [];
  let pendingComments: string[] = [];
  const flushComments = () => {
    slots.push(...pendingComments);
    pendingComments = [];
  };
  // The comment block the file starts with is its header: it stays on top even when an entry follows directly.
  let header = true;
  map.lines.forEach((line, i) => {
    if (header && line.kind === 'comment') {
      slots.push(raw[i]);
      return;
    }
    header = false;
    if (line.kind === 'comment') {
      pendingComments.push(raw[i]);
    } else if (line.kind === 'entry') {
      blocks.push({ lines: [...pendingComments, raw[i]], entryIndex: blocks.length });
      pendingComments = [];
      slots.push(blocks.length - 1);
    } else {
      flushComments();
      slots.push(raw[i]);
    }
  });
  flushComments();
  const entries = map.entries;
  const sorted = [...blocks].sort((a, b) => compareVersions(entries[a.entryIndex].modelVersion, entries[b.entryIndex].modelVersion) || a.entryIndex - b.entryIndex);
  let next = 0;
  const out: string[] = [];
  for (const slot of slots) {
    if (typeof slot === 'string') out.push(slot);
    else out.push(...sorted[next++].lines);
  }
  return out.join(eol);
}
