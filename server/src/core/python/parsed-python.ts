// A Python text together with its syntax tree, reparsed incrementally as the editor sends changes.
import { editTree, type PythonParser, type TextChange, type Tree } from './parser';
import { LineIndex } from './line-index';

export class ParsedPython {
  private constructor(readonly text: string, readonly tree: Tree, readonly lines: LineIndex) {}

  static parse(parser: PythonParser, text: string): ParsedPython {
    return new ParsedPython(text, parser.parse(text), new LineIndex(text));
  }

  /**
   * The text after `changes` (each in the coordinates of the text left by the previous one), parsed by
   * editing the old tree so tree-sitter reuses every subtree the changes did not touch.
   */
  withChanges(parser: PythonParser, changes: readonly TextChange[]): ParsedPython {
    // The old tree may still be read by a request in flight, so edit a copy.
    const tree = this.tree.copy();
    let text = this.text;
    for (const change of changes) text = editTree(tree, text, change);
    const next = new ParsedPython(text, parser.parse(text, tree), new LineIndex(text));
    tree.delete();
    return next;
  }

  /** Frees the tree's memory in the wasm heap; call once nothing reads this version any more. */
  dispose(): void {
    this.tree.delete();
  }
}
