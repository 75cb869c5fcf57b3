// Loads the tree-sitter Python grammar once and parses Python text into error-tolerant syntax trees.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Edit, Language, Parser, type Point, type Range, type Tree } from 'web-tree-sitter';

export type { Tree, Node as SyntaxNode, Point } from 'web-tree-sitter';

/** A ready parser: parsing is synchronous once the grammar is loaded. */
export interface PythonParser {
  /**
   * Parses text; with `oldTree` already edited (see `editTree`), reuses its unchanged parts; with `includedRanges`,
   * reads only those ranges of the text (the nodes keep their offsets in the whole text). The text may be given as a
   * function returning the text from an offset on (a part of it is enough). Never throws on bad code.
   */
  parse(text: string | ((index: number) => string), oldTree?: Tree, options?: { includedRanges?: Range[] }): Tree;
}

// Bundled: the wasm files sit next to dist/server/server.js. Under tsx: they are in node_modules.
function locate(file: string, packageDir: string): string {
  const candidates = [join(__dirname, file), join(__dirname, '..', '..', '..', '..', 'node_modules', packageDir, file), join(process.cwd(), 'node_modules', packageDir, file)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`cannot find ${file}; looked in ${candidates.join(', ')} (run npm run build, or npm install)`);
  return found;
}

let loading: Promise<PythonParser> | undefined;

/** Loads web-tree-sitter and the Python grammar the first time; later calls share the same parser. */
export function loadPythonParser(): Promise<PythonParser> {
  loading ??= (async () => {
    const runtimeWasm = locate('web-tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtimeWasm });
    const python = await Language.load(locate('tree-sitter-python.wasm', 'tree-sitter-python'));
    const parser = new Parser();
    parser.setLanguage(python);
    return {
      parse(text: string | ((index: number) => string), oldTree?: Tree, options?: { includedRanges?: Range[] }): Tree {
        const tree = options ? parser.parse(text, oldTree ?? null, options) : parser.parse(text, oldTree ?? null);
        // parse() only returns null without a language or when a progress callback cancels; neither happens here.
        if (!tree) throw new Error('tree-sitter returned no tree for a Python text');
        return tree;
      },
    };
  })();
  return loading;
}

/** Where a text change happened, in the coordinates of the text before it (offsets are UTF-16 code units). */
export interface TextChange {
  startOffset: number;
  oldEndOffset: number;
  newText: string;
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** Tells `tree` (parsed from `oldText`) about one change, so the next parse can reuse what did not move. */
export function editTree(tree: Tree, oldText: string, change: TextChange): string {
  const newText = oldText.slice(0, change.startOffset) + change.newText + oldText.slice(change.oldEndOffset);
  const newEndOffset = change.startOffset + change.newText.length;
  tree.edit(new Edit({
    startIndex: change.startOffset,
    oldEndIndex: change.oldEndOffset,
    newEndIndex: newEndOffset,
    startPosition: pointAt(oldText, change.startOffset),
    oldEndPosition: pointAt(oldText, change.oldEndOffset),
    newEndPosition: pointAt(newText, newEndOffset),
  }));
  return newText;
}
