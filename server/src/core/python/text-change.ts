// The one edit turning a text into another (common prefix and suffix kept), found in blocks so a 200 KB schema.py costs little.
import type { TextChange } from './parser';

// Blocks compared as strings (the engine compares them natively) before the last characters one by one.
const BLOCK = 256;

/** The one edit turning `before` into `after`: what lies between their common start and their common end. */
export function changeBetween(before: string, after: string): TextChange {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start + BLOCK <= limit && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const room = limit - start;
  while (tail + BLOCK <= room && before.slice(before.length - tail - BLOCK, before.length - tail) === after.slice(after.length - tail - BLOCK, after.length - tail)) tail += BLOCK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { startOffset: start, oldEndOffset: before.length - tail, newText: after.slice(start, after.length - tail) };
}
