// A script as its top-level statements, so that checks and name lookups redo only the statements an edit changed.
import { bindStatement } from '../../core/python/bound-names';
import type { ParsedPython } from '../../core/python/parsed-python';
import type { SyntaxNode } from '../../core/python/parser';

export interface TopLevelStatement {
  start: number;
  end: number;
  /** The node's type (expression_statement, for_statement, ...), read without the node. */
  type: string;
  text: string;
  /** The statement's node (looked up on demand: most statements are answered from a cache by their text). */
  node(): SyntaxNode;
}

const statementsCache = new WeakMap<ParsedPython, TopLevelStatement[]>();

export function topLevelStatements(script: ParsedPython): TopLevelStatement[] {
  let statements = statementsCache.get(script);
  if (statements) return statements;
  statements = [];
  // A tree cursor reads positions without allocating a node per statement.
  const cursor = script.tree.walk();
  const root = script.tree.rootNode;
  if (cursor.gotoFirstChild()) {
    let index = 0;
    do {
      const i = index;
      const type = cursor.nodeType;
      if (type !== 'comment') {
        const { startIndex: start, endIndex: end } = cursor;
        statements.push({ start, end, type, text: script.text.slice(start, end), node: () => root.child(i)! });
      }
      index++;
    } while (cursor.gotoNextSibling());
  }
  cursor.delete();
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
    let bound = bindingsByText.get(statement.text);
    if (!bound) {
      const found = new Set<string>();
      bindStatement(statement.node(), found);
      bound = [...found];
      if (bindingsByText.size >= MAX_CACHED) bindingsByText.clear();
      bindingsByText.set(statement.text, bound);
    }
    for (const name of bound) names.add(name);
  }
  boundCache.set(script, names);
  return names;
}
