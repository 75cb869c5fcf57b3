// Re-parses only the top-level statements an edit touched, where that gives exactly what a full parse gives.
import type { LineIndex } from './line-index';
import type { ModuleChild } from './parsed-python';
import type { PythonParser, SyntaxNode, TextChange, Tree } from './parser';

// tree-sitter's Python grammar cannot reuse a top-level statement after an edit (each is lexed again: an incremental
// reparse of a 2,000-line script costs a quarter of a full parse, whatever the edit), and after error recovery an
// incremental reparse can differ from a fresh parse. But in a script without any syntax error, at a clean boundary (a
// non-comment statement starting a line) the parser is where it is at the start of a file: no open bracket, string or
// block, indentation 0. So the statements between two clean boundaries, parsed alone over their range of the new text,
// are what a full parse gives, when they parse without error and do not end in a line continuation (the statements
// after them are kept, moved). With a syntax error anywhere this does not hold (error recovery reaches back into
// earlier statements, as a test found): the caller parses the whole text. Comments are never a boundary: one after a
// block may belong to the block, depending on what follows.

/** Beyond this many statements re-parsed, the whole tree's parse is as cheap. */
const MAX_REGION_CHILDREN = 400;

function startsCleanly(children: readonly ModuleChild[], k: number, parsed: string): boolean {
  const child = children[k];
  return child.type !== 'comment' && (child.start === 0 || parsed.charCodeAt(child.start - 1) === 10);
}

const BLANK = /[ \t\f\r\n]/;

export interface Splice {
  children: ModuleChild[];
  /** The tree of the statements parsed alone (to be freed with the version). */
  tree: Tree;
}

/** The included range of tree-sitter for [start, end) of a text. */
export function rangeOf(lines: LineIndex, start: number, end: number) {
  const from = lines.positionAt(start);
  const to = lines.positionAt(end);
  return { startIndex: start, endIndex: end, startPosition: { row: from.line, column: from.character }, endPosition: { row: to.line, column: to.character } };
}

/**
 * The module's children after `change` (in the old text's coordinates), from the old children (those of an error-free
 * module) and a parse of the touched statements alone; undefined when the boundaries around the change are not clean
 * or the statements do not parse cleanly alone: then the whole text must be parsed.
 */
export function spliceRegion(
  parser: PythonParser,
  old: readonly ModuleChild[],
  oldParsed: string,
  change: TextChange,
  text: string,
  parsed: string,
  lines: LineIndex,
  wholeChild: (index: number) => SyntaxNode,
): Splice | undefined {
  const n = old.length;
  if (n === 0 || change.startOffset < old[0].start) return undefined;
  const delta = change.newText.length - (change.oldEndOffset - change.startOffset);
  // The last child starting at or before the change, and the first starting after its end.
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (old[middle].start <= change.startOffset) low = middle;
    else high = middle - 1;
  }
  let a = low;
  let z = a + 1;
  while (z < n && old[z].start <= change.oldEndOffset) z++;
  while (a > 0 && !startsCleanly(old, a, oldParsed)) a--;
  while (z < n && !startsCleanly(old, z, oldParsed)) z++;
  if ((a === 0 && z === n) || z - a > MAX_REGION_CHILDREN) return undefined;
  // From the file's start when the first statement is touched, so that what comes before it is read as a parse would.
  const start = a === 0 ? 0 : old[a].start;
  const end = z < n ? old[z].start + delta : parsed.length;
  // The first statement after the boundary must start a line (blank lines before it are fine), and not be a comment.
  let first = start;
  while (first < end && BLANK.test(parsed[first])) first++;
  if (first < end && (parsed[first] === '#' || (first > 0 && parsed.charCodeAt(first - 1) !== 10))) return undefined;
  // A trailing backslash would continue the region's last line into the next statement.
  let last = end - 1;
  while (last >= start && BLANK.test(parsed[last])) last--;
  if (last >= start && parsed[last] === '\\') return undefined;
  // Handing tree-sitter the region only: given the whole text, each read copies 10 KB of it into the parser's memory.
  const tree = parser.parse((index) => (index < end ? parsed.slice(index, end) : ''), undefined, { includedRanges: [rangeOf(lines, start, end)] });
  const root = tree.rootNode;
  if (root.type !== 'module' || root.hasError) {
    tree.delete();
    return undefined;
  }
  const children: ModuleChild[] = [];
  for (let i = 0; i < a; i++) {
    const { start: s, end: e, type, text: t } = old[i];
    children.push({ start: s, end: e, type, text: t, node: () => wholeChild(i) });
  }
  const cursor = tree.walk();
  if (cursor.gotoFirstChild()) {
    let j = 0;
    do {
      const index = j++;
      const { startIndex: s, endIndex: e } = cursor;
      children.push({ start: s, end: e, type: cursor.nodeType, text: text.slice(s, e), node: () => root.child(index)! });
    } while (cursor.gotoNextSibling());
  }
  cursor.delete();
  for (let i = z; i < n; i++) {
    const index = children.length;
    const { start: s, end: e, type, text: t } = old[i];
    children.push({ start: s + delta, end: e + delta, type, text: t, node: () => wholeChild(index) });
  }
  return { children, tree };
}

/**
 * The node of the module's child `i` (a statement of an error-free module), from a parse of that statement alone: from
 * its start (the file's start for the first child) to the next clean boundary, by the rule above. Undefined when that
 * does not give exactly what a full parse gives (no clean boundary, an error, a line continuation, another node): then
 * the whole text must be parsed. The tree is the caller's to free.
 */
export function parseChildAlone(
  parser: PythonParser,
  children: readonly ModuleChild[],
  i: number,
  parsed: string,
  lines: LineIndex,
): { tree: Tree; node: SyntaxNode } | undefined {
  const child = children[i];
  if (i > 0 && !startsCleanly(children, i, parsed)) return undefined;
  let z = i + 1;
  while (z < children.length && !startsCleanly(children, z, parsed)) z++;
  const start = i === 0 ? 0 : child.start;
  const end = z < children.length ? children[z].start : parsed.length;
  let last = end - 1;
  while (last >= start && BLANK.test(parsed[last])) last--;
  if (last >= start && parsed[last] === '\\') return undefined;
  const tree = parser.parse((index) => (index < end ? parsed.slice(index, end) : ''), undefined, { includedRanges: [rangeOf(lines, start, end)] });
  const root = tree.rootNode;
  // The region's children must be this one and the comments up to the boundary, as the whole module has them.
  let same = root.type === 'module' && !root.hasError && root.childCount === z - i;
  for (let j = 0; same && j < z - i; j++) {
    const node = root.child(j)!;
    const expected = children[i + j];
    same = node.startIndex === expected.start && node.endIndex === expected.end && node.type === expected.type;
  }
  if (!same) {
    tree.delete();
    return undefined;
  }
  return { tree, node: root.child(0)! };
}
