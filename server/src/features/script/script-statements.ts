// A script as its top-level statements, so that checks and name lookups redo only the statements an edit changed.
import { bindStatement } from '../../core/python/bound-names';
import type { ParsedPython } from '../../core/python/parsed-python';
import type { SyntaxNode } from '../../core/python/parser';
import { ownText } from '../../core/own-text';
import { canonicalText } from '../../core/python/canonical-text';
import { plainTree } from '../../core/python/plain-tree';

export interface TopLevelStatement {
  start: number;
  end: number;
  /** The node's type (expression_statement, for_statement, ...), read without the node. */
  type: string;
  text: string;
  /** The statement's node (looked up on demand: most statements are answered from a cache by their text). */
  node(): SyntaxNode;
  /**
   * Whether results may be cached by its text: not when it holds a syntax error (error recovery depends on the
   * statements around it, so the same text may be another tree in another script or version).
   */
  reusable: boolean;
  /**
   * The statement's tree for the checks: a plain copy made by one cursor walk when it holds no syntax error (every
   * check of a distinct statement reads the same copy, without calls into the parser's memory), else `node()`.
   */
  tree(): SyntaxNode;
}

const statementsCache = new WeakMap<ParsedPython, TopLevelStatement[]>();

export function topLevelStatements(script: ParsedPython): TopLevelStatement[] {
  let statements = statementsCache.get(script);
  if (statements) return statements;
  const errors = script.hasError;
  statements = script.moduleChildren().filter((child) => child.type !== 'comment').map(({ start, end, type, text, node }) => {
    const reusable = !errors || !node().hasError;
    let tree: SyntaxNode | undefined;
    // Reusable means no syntax error in the statement's tree: the plain copy needs that.
    // Only reusable texts are cache keys (a statement with a syntax error is looked up by no cache).
    return { start, end, type, text: reusable ? canonicalText(text) : text, node, reusable, tree: () => (tree ??= reusable ? plainTree(node()) as unknown as SyntaxNode : node()) };
  });
  statementsCache.set(script, statements);
  return statements;
}

// Bounded caches keyed by statement text: an edit changes one statement, the others are found here.
const MAX_CACHED = 50_000;
const bindingsByText = new Map<string, readonly string[]>();
const boundCache = new WeakMap<ParsedPython, Set<string>>();

/** Names the script binds at module level (assignments, imports, defs), which hide catalog names of the same spelling. */
export function scriptBoundNames(script: ParsedPython): Set<string> {
  let names = boundCache.get(script);
  if (names) return names;
  names = new Set();
  for (const statement of topLevelStatements(script)) {
    // A call or other expression binds a name only through an assignment, which needs '=': most statements end here.
    if (statement.type === 'expression_statement' && !statement.text.includes('=')) continue;
    let bound = statement.reusable ? bindingsByText.get(statement.text) : undefined;
    if (!bound) {
      const found = new Set<string>();
      bindStatement(statement.tree(), found);
      bound = [...found].map(ownText);
      if (bindingsByText.size >= MAX_CACHED) bindingsByText.clear();
      if (statement.reusable) bindingsByText.set(statement.text, bound);
    }
    for (const name of bound) names.add(name);
  }
  boundCache.set(script, names);
  return names;
}
