// A Python text together with its syntax tree, reparsed incrementally as the editor sends changes.
import { editTree, type PythonParser, type SyntaxNode, type TextChange, type Tree } from './parser';
import { LineIndex, parserText } from './line-index';
import { parseChildAlone, spliceRegion } from './statement-splice';
import { changeBetween } from './text-change';

/** One child of the module (a top-level statement or comment), readable without its node. */
export interface ModuleChild {
  start: number;
  end: number;
  /** The node's type (expression_statement, for_statement, comment, ...). */
  type: string;
  text: string;
  /** The child's node (the whole tree is parsed on demand for a child an edit did not touch). */
  node(): SyntaxNode;
}

// Changes kept for the whole tree's reparse before it is done anyway, so that a long typing session stays bounded.
const MAX_PENDING_CHANGES = 1000;

export class ParsedPython {
  /** The text tree-sitter saw: `text` with lone `\r` line breaks as `\n` (same length, same offsets). */
  private readonly parsed: string;
  /** The whole text's tree, once parsed (a version made by re-parsing statements parses it when first asked). */
  private whole?: Tree;
  /** For a version made by re-parsing statements: an earlier version's tree (a copy owned here) and the changes since. */
  private pending?: { parser: PythonParser; base: Tree; baseParsed: string; changes: TextChange[] };
  private children?: readonly ModuleChild[];
  /** Trees of the statements re-parsed alone (each over its range of the whole text), owned by this version. */
  private readonly regions: Tree[] = [];
  /** For a version made from an outline: the parser the whole text is parsed with when first asked, and the children's nodes parsed alone. */
  private outlined?: { parser: PythonParser; nodes: Map<number, SyntaxNode>; aloneLength: number };
  private disposed = false;

  private constructor(readonly text: string, readonly lines: LineIndex, parsed: string, whole?: Tree) {
    this.parsed = parsed;
    this.whole = whole;
  }

  static parse(parser: PythonParser, text: string): ParsedPython {
    const parsed = parserText(text);
    return new ParsedPython(text, LineIndex.of(text), parsed, parser.parse(parsed));
  }

  /** A text with a tree already parsed from it (the caller gives the tree away: `dispose` frees it). */
  static fromTree(text: string, tree: Tree): ParsedPython {
    return new ParsedPython(text, LineIndex.of(text), parserText(text), tree);
  }

  /**
   * An error-free text whose module children (offsets and types) a parse of the same text gave before: nothing is parsed
   * now. A child's node is parsed alone when asked (see parseChildAlone), the whole tree when something asks for it.
   */
  static fromOutline(
    parser: PythonParser,
    text: string,
    /** The children; a child's text may be given (the canonical copy), else it is cut from `text`. */
    outline: readonly { start: number; end: number; type: string; text?: string }[],
    /** Children's nodes already parsed alone (by child index), and the trees holding them (given away: freed with this version). */
    alone?: { nodes: Map<number, SyntaxNode>; trees: Tree[] },
  ): ParsedPython {
    const version = new ParsedPython(text, LineIndex.of(text), parserText(text));
    version.outlined = { parser, nodes: alone?.nodes ?? new Map(), aloneLength: 0 };
    if (alone) version.regions.push(...alone.trees);
    version.children = outline.map(({ start, end, type, text: own }, i) => ({ start, end, type, text: own ?? text.slice(start, end), node: () => version.outlinedChild(i) }));
    return version;
  }

  private outlinedChild(i: number): SyntaxNode {
    if (this.whole) return this.whole.rootNode.child(i)!;
    if (this.disposed) throw new Error('this parsed text was disposed');
    const outlined = this.outlined!;
    const { parser, nodes } = outlined;
    let node = nodes.get(i);
    if (node) return node;
    // Once the statements asked for make up half of the text (a check with few cached results), one parse is cheaper.
    const child = this.children![i];
    outlined.aloneLength += child.end - child.start;
    const alone = outlined.aloneLength * 2 <= this.parsed.length || nodes.size < 2 ? parseChildAlone(parser, this.children!, i, this.parsed, this.lines) : undefined;
    if (!alone) return this.tree.rootNode.child(i)!;
    this.regions.push(alone.tree);
    nodes.set(i, (node = alone.node));
    return node;
  }

  /** The whole text's syntax tree (parsed now, incrementally, when this version was made by re-parsing statements). */
  get tree(): Tree {
    if (this.whole) return this.whole;
    if (this.disposed) throw new Error('this parsed text was disposed');
    if (this.outlined) return (this.whole = this.outlined.parser.parse(this.parsed));
    const { parser, base, baseParsed, changes } = this.pending!;
    this.pending = undefined;
    let edited = baseParsed;
    for (const change of changes) edited = editTree(base, edited, change);
    this.whole = reparsed(parser, this.parsed, edited, base);
    base.delete();
    return this.whole;
  }

  /** False for a version made by re-parsing statements, until something asks for the whole tree. */
  get wholeTreeParsed(): boolean {
    return this.whole !== undefined;
  }

  /** The module's type and whether its tree has any error, read without parsing the whole text when it is not parsed yet. */
  get rootType(): string {
    return this.whole ? this.whole.rootNode.type : 'module';
  }

  get hasError(): boolean {
    return this.whole ? this.whole.rootNode.hasError : false;
  }

  /** The module's children in order (statements and comments); empty when the root is not a module. */
  moduleChildren(): readonly ModuleChild[] {
    if (this.children) return this.children;
    const children: ModuleChild[] = [];
    const tree = this.tree;
    // A tree cursor reads positions without allocating a node per child.
    const cursor = tree.walk();
    const root = tree.rootNode;
    if (cursor.gotoFirstChild()) {
      let index = 0;
      do {
        const i = index;
        const { startIndex: start, endIndex: end } = cursor;
        children.push({ start, end, type: cursor.nodeType, text: this.text.slice(start, end), node: () => root.child(i)! });
        index++;
      } while (cursor.gotoNextSibling());
    }
    cursor.delete();
    this.children = children;
    return children;
  }

  /**
   * The text after `changes` (each in the coordinates of the text left by the previous one). In an error-free script,
   * only the statements they touched are parsed when that is exact (see statement-splice.ts), and the whole tree is
   * parsed when something asks for it. Otherwise the old tree is edited so tree-sitter reuses every subtree the changes
   * did not touch; when the result holds a syntax error, the text is parsed afresh instead.
   */
  withChanges(parser: PythonParser, changes: readonly TextChange[]): ParsedPython {
    // A version made from an outline has no tree to edit yet.
    if (this.outlined && !this.whole) void this.tree;
    let text = this.text;
    for (const change of changes) text = text.slice(0, change.startOffset) + change.newText + text.slice(change.oldEndOffset);
    const parsed = parserText(text);
    const lines = LineIndex.of(text);
    const pendingCount = this.pending?.changes.length ?? 0;
    if (pendingCount < MAX_PENDING_CHANGES && changes.length && this.rootType === 'module' && !this.hasError) {
      // Several changes (one notification) are read as the one change from the first changed character to the last.
      const change = changes.length === 1 ? changes[0] : changeBetween(this.text, text);
      const next = new ParsedPython(text, lines, parsed);
      const spliced = spliceRegion(parser, this.moduleChildren(), this.parsed, change, text, parsed, lines, (i) => next.tree.rootNode.child(i)!);
      if (spliced) {
        next.children = spliced.children;
        next.regions.push(spliced.tree);
        const own = { ...change, newText: parserText(change.newText) };
        next.pending = this.whole
          ? { parser, base: this.whole.copy(), baseParsed: this.parsed, changes: [own] }
          : { ...this.pending!, base: this.pending!.base.copy(), changes: [...this.pending!.changes, own] };
        return next;
      }
    }
    // The old tree may still be read by a request in flight, so edit a copy.
    const tree = this.tree.copy();
    let edited = this.parsed;
    for (const change of changes) edited = editTree(tree, edited, { ...change, newText: parserText(change.newText) });
    const next = new ParsedPython(text, lines, parsed, reparsed(parser, parsed, edited, tree));
    tree.delete();
    return next;
  }

  /** Frees the tree's memory in the wasm heap; call once nothing reads this version any more. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.whole?.delete();
    this.pending?.base.delete();
    this.pending = undefined;
    for (const region of this.regions) region.delete();
  }
}

/**
 * The tree of `parsed`, reusing `edited` (an old tree edited into `editedText`): parsed afresh when the edits do not
 * describe the text (a change next to a lone \r can turn it into half of a \r\n) or when the result holds a syntax
 * error (after error recovery, an incremental reparse can differ from a fresh one).
 */
function reparsed(parser: PythonParser, parsed: string, editedText: string, edited: Tree): Tree {
  if (editedText !== parsed) return parser.parse(parsed);
  const tree = parser.parse(parsed, edited);
  if (!tree.rootNode.hasError) return tree;
  tree.delete();
  return parser.parse(parsed);
}
