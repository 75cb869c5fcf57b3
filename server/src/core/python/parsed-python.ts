// A Python text together with its syntax tree, reparsed incrementally as the editor sends changes.
import { editTree, type PythonParser, type TextChange, type Tree } from './parser';
import { LineIndex, parserText } from './line-index';

export class ParsedPython {
  /** The text tree-sitter saw: `text` with lone `\r` line breaks as `\n` (same length, same offsets). */
  private readonly parsed: string;

  private constructor(readonly text: string, readonly tree: Tree, readonly lines: LineIndex, parsed?: string) {
    this.parsed = parsed ?? parserText(text);
  }

  static parse(parser: PythonParser, text: string): ParsedPython {
    const parsed = parserText(text);
    return new ParsedPython(text, parser.parse(parsed), LineIndex.of(text), parsed);
  }

  /** A text with a tree already parsed from it (the caller gives the tree away: `dispose` frees it). */
  static fromTree(text: string, tree: Tree): ParsedPython {
    return new ParsedPython(text, tree, LineIndex.of(text));
  }

  /**
   * The text after `changes` (each in the coordinates of the text left by the previous one), parsed by
   * editing the old tree so tree-sitter reuses every subtree the changes did not touch.
   */
  withChanges(parser: PythonParser, changes: readonly TextChange[]): ParsedPython {
    let text = this.text;
    for (const change of changes) text = text.slice(0, change.startOffset) + change.newText + text.slice(change.oldEndOffset);
    const parsed = parserText(text);
    // The old tree may still be read by a request in flight, so edit a copy.
    const tree = this.tree.copy();
    let edited = this.parsed;
    for (const change of changes) edited = editTree(tree, edited, { ...change, newText: parserText(change.newText) });
    // A change next to a lone \r can turn it into half of a \r\n: then the edits do not describe the text, parse afresh.
    const next = edited === parsed
      ? new ParsedPython(text, parser.parse(parsed, tree), LineIndex.of(text), parsed)
      : ParsedPython.parse(parser, text);
    tree.delete();
    return next;
  }

  /** Frees the tree's memory in the wasm heap; call once nothing reads this version any more. */
  dispose(): void {
    this.tree.delete();
  }
}
