// What is kept of an error-free script's parse so that checking the same text again needs no parse: its children's offsets and types.
import type { ParsedPython } from './parsed-python';
import { textHash } from '../text-hash';

/**
 * The module children (statements and comments) of one text, with a fingerprint of that text (its length and two
 * independent 32-bit hashes): a few bytes per statement instead of the text or its tree.
 */
export interface ModuleOutline {
  length: number;
  hashes: readonly [number, number];
  /** start, end and type (an index into `TYPES`) of each child, in order. */
  children: Int32Array;
}

// Node types by index (the grammar's few top-level kinds: expression_statement, for_statement, comment, ...).
const TYPES: string[] = [];
const TYPE_INDEX = new Map<string, number>();

/** The index of a node type in the shared table (a few top-level kinds: small integers stand for them in packed outlines). */
export function typeIndex(type: string): number {
  let index = TYPE_INDEX.get(type);
  if (index === undefined) {
    TYPE_INDEX.set(type, (index = TYPES.length));
    TYPES.push(type);
  }
  return index;
}

/** The node type of an index `typeIndex` gave. */
export function typeName(index: number): string {
  return TYPES[index];
}

/** The outline of a parsed text, or undefined when its tree holds an error or is no module (only a full parse is exact then). */
export function outlineOf(script: ParsedPython): ModuleOutline | undefined {
  if (script.rootType !== 'module' || script.hasError) return undefined;
  const children = script.moduleChildren();
  const packed = new Int32Array(children.length * 3);
  children.forEach((child, i) => {
    packed[3 * i] = child.start;
    packed[3 * i + 1] = child.end;
    packed[3 * i + 2] = typeIndex(child.type);
  });
  return { length: script.text.length, hashes: textHash(script.text), children: packed };
}

/** Whether the outline was made from this very text (same length and both hashes). */
export function outlineFits(outline: ModuleOutline, text: string): boolean {
  if (outline.length !== text.length) return false;
  const [a, b] = textHash(text);
  return a === outline.hashes[0] && b === outline.hashes[1];
}

/** The outline's children as ParsedPython.fromOutline takes them. */
export function outlinedChildren(outline: ModuleOutline): Array<{ start: number; end: number; type: string }> {
  const children: Array<{ start: number; end: number; type: string }> = [];
  const packed = outline.children;
  for (let i = 0; i < packed.length; i += 3) children.push({ start: packed[i], end: packed[i + 1], type: TYPES[packed[i + 2]] });
  return children;
}
