// Parses a closed script for a check without parsing again what is already known: its regions (clean-boundaries.ts)
// whose text was seen before take their outline from then, and only the new ones are parsed, each alone.
//
// Most statements of an application's scripts are texts seen before (at 5,000 realistic scripts, 92%), and their
// checks' results are kept by text: such a statement needs neither a parse nor a tree. A script whose regions do not
// all parse cleanly alone has a syntax error somewhere (or something the character scan cannot judge): it is parsed
// whole, as it always was.
import { BoundedMap } from '../bounded-map';
import { ownText } from '../own-text';
import { canonicalText } from './canonical-text';
import { cleanRegions, commentsIn, type Region } from './clean-boundaries';
import { LineIndex, parserText } from './line-index';
import { typeIndex, typeName } from './module-outline';
import { ParsedPython } from './parsed-python';
import type { PythonParser, SyntaxNode, Tree } from './parser';
import { rangeOf } from './statement-splice';

/**
 * What is known of a code region: most regions are one statement and its line break, kept as the statement's type and
 * its text (the one copy the statement caches share, canonical-text.ts); others as their children's start, end
 * (relative to the region) and type index, with the children's texts.
 */
export type KnownRegion = { type: string; text: string; outline?: undefined } | { outline: Int32Array; texts: string[] };

/**
 * The code regions seen so far, by their text without its last line break (a region at the end of a file may have
 * none: its children are the same).
 */
export class KnownRegions {
  // Beyond 100,000 texts the table starts again (an application's distinct statements fit many times over).
  private readonly regions = new BoundedMap<string, KnownRegion>(100_000);

  get(parsed: string, region: Region): KnownRegion | undefined {
    return this.regions.get(keyOf(parsed, region));
  }

  /** Notes a region parsed cleanly alone, from its children (offsets in `text`, whose parser text is `text` itself). */
  learn(text: string, region: Region, children: readonly Child[]): void {
    const key = keyOf(text, region);
    const [first] = children;
    if (children.length === 1 && first.start === region.start && first.end === region.start + key.length) {
      const canonical = canonicalText(key);
      this.regions.set(canonical, { type: first.type, text: canonical });
      return;
    }
    const outline = new Int32Array(children.length * 3);
    const texts: string[] = [];
    children.forEach(({ start, end, type }, i) => {
      outline[3 * i] = start - region.start;
      outline[3 * i + 1] = end - region.start;
      outline[3 * i + 2] = typeIndex(type);
      texts.push(canonicalText(text.slice(start, end)));
    });
    this.regions.set(ownText(key), { outline, texts });
  }

  clear(): void {
    this.regions.clear();
  }
}

function keyOf(parsed: string, { start, end }: Region): string {
  return parsed.slice(start, parsed.charCodeAt(end - 1) === 10 ? end - 1 : end);
}

interface Child {
  start: number;
  end: number;
  type: string;
  text?: string;
}

/**
 * The script's parse for a check: from known and newly parsed regions when every region parses cleanly alone, else the
 * whole text's parse. Parsing each new region alone costs no more than one parse of the text (at 5,000 realistic
 * scripts, 0.7 s for all of them this way against 2.9 s whole, even for the first scripts, where nothing is known).
 */
export function parseReusingRegions(parser: PythonParser, text: string, known: KnownRegions): ParsedPython {
  const parsed = parserText(text);
  const regions = cleanRegions(parsed);
  if (!regions) return ParsedPython.parse(parser, text);
  const lines = LineIndex.of(text);
  const children: Child[] = [];
  const nodes = new Map<number, SyntaxNode>();
  const trees: Tree[] = [];
  for (let k = 0; k < regions.length; k++) {
    const region = regions[k];
    if (!region.code) {
      for (const { start, end } of commentsIn(parsed, region)) children.push({ start, end, type: 'comment' });
      continue;
    }
    const seen = known.get(parsed, region);
    if (seen && seen.outline === undefined) {
      children.push({ start: region.start, end: region.start + seen.text.length, type: seen.type, text: parsed === text ? seen.text : text.slice(region.start, region.start + seen.text.length) });
      continue;
    }
    if (seen) {
      const { outline, texts } = seen;
      for (let i = 0; i < outline.length; i += 3) {
        // A lone \r is a \n to the parser: the region's text then stands for texts that differ there.
        const start = region.start + outline[i];
        const end = region.start + outline[i + 1];
        children.push({ start, end, type: typeName(outline[i + 2]), text: parsed === text ? texts[i / 3] : text.slice(start, end) });
      }
      continue;
    }
    const tree = parseAlone(parser, parsed, lines, region);
    const alone = tree && childrenOf(tree, region);
    if (!alone) {
      tree?.delete();
      for (const made of trees) made.delete();
      return ParsedPython.parse(parser, text);
    }
    trees.push(tree);
    const root = tree.rootNode;
    alone.forEach((child, j) => {
      nodes.set(children.length, root.child(j)!);
      children.push(child);
    });
    if (parsed === text) known.learn(text, region, alone);
  }
  return ParsedPython.fromOutline(parser, text, children, { nodes, trees });
}

function parseAlone(parser: PythonParser, parsed: string, lines: LineIndex, { start, end }: Region): Tree | undefined {
  // Handing tree-sitter the region only (see statement-splice.ts): the nodes keep their offsets in the whole text.
  const tree = parser.parse((index) => (index < end ? parsed.slice(index, end) : ''), undefined, { includedRanges: [rangeOf(lines, start, end)] });
  const root = tree.rootNode;
  if (root.type === 'module' && !root.hasError) return tree;
  tree.delete();
  return undefined;
}

/** The module children of a region parsed alone, or undefined when they are not all inside it (the first at its start). */
function childrenOf(tree: Tree, region: Region): Child[] | undefined {
  const children: Child[] = [];
  const cursor = tree.walk();
  if (cursor.gotoFirstChild()) {
    do children.push({ start: cursor.startIndex, end: cursor.endIndex, type: cursor.nodeType });
    while (cursor.gotoNextSibling());
  }
  cursor.delete();
  return fitsRegion(children, region) ? children : undefined;
}

function fitsRegion(children: readonly Child[], region: Region): boolean {
  if (!children.length) return false;
  if (region.start > 0 && children[0].start !== region.start) return false;
  return children.every(({ start, end }) => start >= region.start && end <= region.end);
}
