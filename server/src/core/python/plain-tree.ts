// A statement's syntax tree copied into plain objects by one cursor walk, read like tree-sitter's nodes by the checks.
import type { SyntaxNode } from './parser';

/*
 * Why: each read of a web-tree-sitter node (its children, a field, its type) is a call into the parser's memory and
 * a new node object, and a distinct statement is read many times over (catalog calls, safety rules, RQL strings,
 * unknown names, python-syntax). One cursor walk copies what they read: type, named, offsets, field, children.
 *
 * Only for a tree without syntax errors (`plainTree`'s caller checks it): then no node is an ERROR, MISSING or has an
 * error below it. Anything the copy does not hold (positions, isExtra, descendantForIndex, ...) is asked of the real
 * node, found again by its index under its parent, so the answers are tree-sitter's own.
 */

interface Source {
  /** The real node's text (tree-sitter's input over the root's range), and where it starts. */
  text: string;
  start: number;
  root: SyntaxNode;
}

export class PlainNode {
  /** Children in tree-sitter's order (named, anonymous and extras, hidden nodes flattened). */
  readonly kids: PlainNode[] = [];
  private realNode: SyntaxNode | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node is in its parent (the cursor's, as `childrenForFieldName` reads it). */
    readonly fieldName: string | null,
    readonly up: PlainNode | undefined,
    readonly index: number,
    private readonly source: Source,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex - this.source.start, this.endIndex - this.source.start);
  }
  get hasError(): boolean {
    return false;
  }
  get isError(): boolean {
    return false;
  }
  get isMissing(): boolean {
    return false;
  }
  get children(): PlainNode[] {
    return this.kids.slice();
  }
  get namedChildren(): PlainNode[] {
    return this.kids.filter((kid) => kid.isNamed);
  }
  get childCount(): number {
    return this.kids.length;
  }
  get namedChildCount(): number {
    let count = 0;
    for (const kid of this.kids) if (kid.isNamed) count++;
    return count;
  }
  child(index: number): PlainNode | null {
    return this.kids[index] ?? null;
  }
  namedChild(index: number): PlainNode | null {
    for (const kid of this.kids) if (kid.isNamed && index-- === 0) return kid;
    return null;
  }
  get firstChild(): PlainNode | null {
    return this.kids[0] ?? null;
  }
  get lastChild(): PlainNode | null {
    return this.kids[this.kids.length - 1] ?? null;
  }
  get firstNamedChild(): PlainNode | null {
    for (const kid of this.kids) if (kid.isNamed) return kid;
    return null;
  }
  get lastNamedChild(): PlainNode | null {
    for (let i = this.kids.length - 1; i >= 0; i--) if (this.kids[i].isNamed) return this.kids[i];
    return null;
  }
  childForFieldName(name: string): PlainNode | null {
    for (const kid of this.kids) if (kid.fieldName === name) return kid;
    // Tree-sitter also gives a node the fields of a hidden rule aliased to a visible child, though the cursor names them
    // on that child's children only. In the Python grammar the one such rule is match's `_match_block` (as `block`).
    if (name === 'alternative' && this.type === 'match_statement') return this.childForFieldName('body')?.childForFieldName('alternative') ?? null;
    return null;
  }
  childrenForFieldName(name: string): PlainNode[] {
    return this.kids.filter((kid) => kid.fieldName === name);
  }
  get parent(): PlainNode | SyntaxNode | null {
    return this.up ?? this.real().parent;
  }
  get nextSibling(): PlainNode | SyntaxNode | null {
    return this.up ? this.up.kids[this.index + 1] ?? null : this.real().nextSibling;
  }
  get previousSibling(): PlainNode | SyntaxNode | null {
    return this.up ? this.up.kids[this.index - 1] ?? null : this.real().previousSibling;
  }
  get nextNamedSibling(): PlainNode | SyntaxNode | null {
    if (!this.up) return this.real().nextNamedSibling;
    for (let i = this.index + 1; i < this.up.kids.length; i++) if (this.up.kids[i].isNamed) return this.up.kids[i];
    return null;
  }
  get previousNamedSibling(): PlainNode | SyntaxNode | null {
    if (!this.up) return this.real().previousNamedSibling;
    for (let i = this.index - 1; i >= 0; i--) if (this.up.kids[i].isNamed) return this.up.kids[i];
    return null;
  }

  /** This node and its descendants of those types, in document order (as tree-sitter's, the node itself included). */
  descendantsOfType(types: string | readonly string[], startPosition?: unknown, endPosition?: unknown): Array<PlainNode | SyntaxNode> {
    if (startPosition !== undefined || endPosition !== undefined) return this.real().descendantsOfType(types as string[], startPosition as never, endPosition as never);
    const wanted = typeof types === 'string' ? [types] : types;
    const found: PlainNode[] = [];
    // Depth first without recursion (a statement may nest 20,000 calls).
    const stack: PlainNode[] = [this];
    while (stack.length) {
      const node = stack.pop()!;
      if (wanted.includes(node.type)) found.push(node);
      for (let i = node.kids.length - 1; i >= 0; i--) stack.push(node.kids[i]);
    }
    return found;
  }

  walk(): PlainCursor {
    return new PlainCursor(this);
  }

  /** The tree-sitter node this copies (for what the copy does not hold). */
  real(): SyntaxNode {
    return (this.realNode ??= this.up ? this.up.real().child(this.index)! : this.source.root);
  }

  // Asked of the real node.
  get id(): number { return this.real().id; }
  get tree(): SyntaxNode['tree'] { return this.real().tree; }
  get typeId(): number { return this.real().typeId; }
  get grammarId(): number { return this.real().grammarId; }
  get grammarType(): string { return this.real().grammarType; }
  get isExtra(): boolean { return this.real().isExtra; }
  get hasChanges(): boolean { return this.real().hasChanges; }
  get startPosition(): SyntaxNode['startPosition'] { return this.real().startPosition; }
  get endPosition(): SyntaxNode['endPosition'] { return this.real().endPosition; }
  get parseState(): number { return this.real().parseState; }
  get nextParseState(): number { return this.real().nextParseState; }
  get descendantCount(): number { return this.real().descendantCount; }
  equals(other: SyntaxNode): boolean { return this.real().equals(other instanceof PlainNode ? other.real() : other); }
  childForFieldId(fieldId: number): SyntaxNode | null { return this.real().childForFieldId(fieldId); }
  childrenForFieldId(fieldId: number): SyntaxNode[] { return this.real().childrenForFieldId(fieldId); }
  fieldNameForChild(index: number): string | null { return this.real().fieldNameForChild(index); }
  fieldNameForNamedChild(index: number): string | null { return this.real().fieldNameForNamedChild(index); }
  firstChildForIndex(index: number): SyntaxNode | null { return this.real().firstChildForIndex(index); }
  firstNamedChildForIndex(index: number): SyntaxNode | null { return this.real().firstNamedChildForIndex(index); }
  childWithDescendant(descendant: SyntaxNode): SyntaxNode | null { return this.real().childWithDescendant(descendant instanceof PlainNode ? descendant.real() : descendant); }
  descendantForIndex(start: number, end?: number): SyntaxNode | null { return this.real().descendantForIndex(start, end); }
  namedDescendantForIndex(start: number, end?: number): SyntaxNode | null { return this.real().namedDescendantForIndex(start, end); }
  descendantForPosition(start: SyntaxNode['startPosition'], end?: SyntaxNode['startPosition']): SyntaxNode | null { return this.real().descendantForPosition(start, end); }
  namedDescendantForPosition(start: SyntaxNode['startPosition'], end?: SyntaxNode['startPosition']): SyntaxNode | null { return this.real().namedDescendantForPosition(start, end); }
  toString(): string { return this.real().toString(); }
}

/** A tree cursor over a plain tree, limited like tree-sitter's to the node it starts at. */
export class PlainCursor {
  constructor(private node: PlainNode, private readonly top = node, private depth = 0) {}
  get currentNode(): PlainNode { return this.node; }
  get nodeType(): string { return this.node.type; }
  get nodeIsNamed(): boolean { return this.node.isNamed; }
  get nodeIsMissing(): boolean { return false; }
  get nodeText(): string { return this.node.text; }
  get startIndex(): number { return this.node.startIndex; }
  get endIndex(): number { return this.node.endIndex; }
  get currentFieldName(): string | null { return this.node === this.top ? null : this.node.fieldName; }
  get currentDepth(): number { return this.depth; }
  gotoFirstChild(): boolean {
    if (!this.node.kids.length) return false;
    this.node = this.node.kids[0];
    this.depth++;
    return true;
  }
  gotoLastChild(): boolean {
    if (!this.node.kids.length) return false;
    this.node = this.node.kids[this.node.kids.length - 1];
    this.depth++;
    return true;
  }
  gotoNextSibling(): boolean {
    const next = this.node === this.top ? undefined : this.node.up?.kids[this.node.index + 1];
    if (!next) return false;
    this.node = next;
    return true;
  }
  gotoPreviousSibling(): boolean {
    const previous = this.node === this.top ? undefined : this.node.up?.kids[this.node.index - 1];
    if (!previous) return false;
    this.node = previous;
    return true;
  }
  gotoParent(): boolean {
    if (this.node === this.top || !this.node.up) return false;
    this.node = this.node.up;
    this.depth--;
    return true;
  }
  copy(): PlainCursor { return new PlainCursor(this.node, this.top, this.depth); }
  delete(): void {}
}

/** The plain copy of `root`'s tree (which must hold no syntax error), made by one cursor walk. */
export function plainTree(root: SyntaxNode): PlainNode {
  const source: Source = { text: root.text, start: root.startIndex, root };
  const language = root.tree.language;
  const types = language.types;
  const fields = language.fields;
  const cursor = root.walk();
  const top = new PlainNode(types[cursor.nodeTypeId] || 'ERROR', cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, null, undefined, 0, source);
  let parent = top;
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const node = new PlainNode(types[cursor.nodeTypeId] || 'ERROR', cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, fields[cursor.currentFieldId] ?? null, parent, parent.kids.length, source);
      parent.kids.push(node);
      if (cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (parent === top) {
          cursor.delete();
          return top;
        }
        cursor.gotoParent();
        parent = parent.up!;
      }
    }
  }
  cursor.delete();
  return top;
}
