// The latest parse of the few files two readers parse (schema.py: the schema reader and python-syntax), so a keystroke parses it once.
import type { Tree } from './parser';

// Only files the schema reader is editing are shared (it registers them); a workspace's thousands of scripts are not.
const MAX_SHARED = 4;
const latest = new Map<string, { text: string; tree: Tree }>();

/** A copy of the latest tree of `path` when it was parsed from `text` (the caller owns the copy), else undefined. */
export function sharedTree(path: string, text: string): Tree | undefined {
  const known = latest.get(path);
  return known?.text === text ? known.tree.copy() : undefined;
}

/** Whether `path` is a shared file (a reader parsing it should record its tree with `shareTree`). */
export function isSharedPath(path: string): boolean {
  return latest.has(path);
}

/** Records `tree` (a parse of `text`) as the latest of `path`; a copy is kept, `tree` stays the caller's. */
export function shareTree(path: string, text: string, tree: Tree): void {
  const known = latest.get(path);
  if (known?.text === text) return;
  known?.tree.delete();
  latest.delete(path);
  latest.set(path, { text, tree: tree.copy() });
  if (latest.size > MAX_SHARED) {
    const [oldest, entry] = latest.entries().next().value!;
    entry.tree.delete();
    latest.delete(oldest);
  }
}

/** Frees the shared trees (tests compare with reads from nothing; a closed schema file needs none). */
export function forgetSharedTrees(): void {
  for (const entry of latest.values()) entry.tree.delete();
  latest.clear();
}
