// The quote a file writes its strings with, so that what completion inserts looks like the code around it.
import type { SyntaxNode, Tree } from './parser';

export type Quote = "'" | '"';

const byTree = new WeakMap<Tree, Quote>();

/** The quote most single-line string literals of the file open with; `'` when there are none or as many of each. */
export function preferredQuote(tree: Tree): Quote {
  const known = byTree.get(tree);
  if (known) return known;
  let single = 0;
  let double = 0;
  // Iterative walk: a deeply nested file must not overflow the stack.
  const pending: SyntaxNode[] = [tree.rootNode];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type === 'string_start') {
      // Triple-quoted strings are docstrings by convention, written `"""` whatever the file's style.
      const quotes = node.text.replace(/^[a-zA-Z]+/, '');
      if (quotes === "'") single++;
      else if (quotes === '"') double++;
      continue;
    }
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) pending.push(child);
    }
  }
  const quote: Quote = double > single ? '"' : "'";
  byTree.set(tree, quote);
  return quote;
}

/** Rewrites the simple `'...'` strings of a snippet body with the file's quote (bodies are written with `'`). */
export function withQuote(body: string, quote: Quote): string {
  if (quote === "'") return body;
  return body.replace(/'([^'"\\\n]*)'/g, '"$1"');
}
