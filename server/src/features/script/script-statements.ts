// A script as its top-level statements, so that checks and name lookups redo only the statements an edit changed.
import { bindStatement } from '../../core/python/bound-names';
import type { ModuleChild, ParsedPython } from '../../core/python/parsed-python';
import type { SyntaxProblem } from '../../core/python/syntax-errors';
import type { StatementNames } from './unknown-names';
import type { StatementChecks } from './check-script';
import type { SyntaxNode } from '../../core/python/parser';
import { ownText } from '../../core/own-text';
import { BoundedMap } from '../../core/bounded-map';
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
  /** The statement's text entry, shared by every statement of that text; undefined when not reusable. */
  known: StatementText | undefined;
  /**
   * The statement's tree for the checks: a plain copy made by one cursor walk when it holds no syntax error (every
   * check of a distinct statement reads the same copy, without calls into the parser's memory), else `node()`.
   */
  tree(): SyntaxNode;
}

const statementsCache = new WeakMap<ParsedPython, TopLevelStatement[]>();

/**
 * One distinct statement text: the one copy of it that statements share, and what each text-keyed check found for
 * it (bound names here, unknown-name's names, python-syntax's problems). A statement reaches its entry through
 * `TopLevelStatement.known`, without a lookup per check: 137,858 statements at 5,000 realistic scripts are 11,200 texts.
 */
export class StatementText {
  /** The names it binds at module level (scriptBoundNames). */
  bound?: readonly string[];
  /** What unknown-name read of it. */
  names?: StatementNames;
  /** Its python-syntax problems, offsets relative to it. */
  syntax?: readonly SyntaxProblem[];
  /** The script checks' results for it (check-script.ts). */
  checks?: StatementChecks;

  constructor(readonly text: string) {}
}

// One entry per distinct statement text, keyed by its canonical copy (core/python/canonical-text.ts): the statements of
// regions already seen carry that copy, so their entry is found by the same string object. Bounded: cleared when full
// (the statements of a script keep theirs).
const entries = new BoundedMap<string, StatementText>(50_000);

/** The entry of a statement text (its one copy and what the checks found for it). */
export function statementText(text: string): StatementText {
  let known = entries.get(text);
  if (known === undefined) {
    const canonical = canonicalText(text);
    entries.set(canonical, (known = new StatementText(canonical)));
  }
  return known;
}

/** Drops every text entry (the script checks' cache is full; statements of scripts still held keep theirs). */
export function forgetStatementTexts(): void {
  entries.clear();
}

// A class, not an object of closures: one per statement per script check (137,858 at 5,000 realistic scripts).
class Statement implements TopLevelStatement {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly text: string;
  private plain: SyntaxNode | undefined;

  constructor(
    private readonly child: ModuleChild,
    readonly reusable: boolean,
    readonly known: StatementText | undefined,
  ) {
    this.start = child.start;
    this.end = child.end;
    this.type = child.type;
    this.text = known ? known.text : child.text;
  }

  node(): SyntaxNode {
    return this.child.node();
  }

  tree(): SyntaxNode {
    // Reusable means no syntax error in the statement's tree: the plain copy needs that.
    return (this.plain ??= this.reusable ? plainTree(this.node()) as unknown as SyntaxNode : this.node());
  }
}

export function topLevelStatements(script: ParsedPython): TopLevelStatement[] {
  let statements = statementsCache.get(script);
  if (statements) return statements;
  const errors = script.hasError;
  statements = [];
  for (const child of script.moduleChildren()) {
    if (child.type === 'comment') continue;
    const reusable = !errors || !child.node().hasError;
    // Only reusable texts are cache keys (a statement with a syntax error is looked up by no cache).
    statements.push(new Statement(child, reusable, reusable ? statementText(child.text) : undefined));
  }
  statementsCache.set(script, statements);
  return statements;
}

const boundCache = new WeakMap<ParsedPython, Set<string>>();
const NOTHING_BOUND: readonly string[] = [];

/** Names the script binds at module level (assignments, imports, defs), which hide catalog names of the same spelling. */
export function scriptBoundNames(script: ParsedPython): Set<string> {
  let names = boundCache.get(script);
  if (names) return names;
  names = new Set();
  for (const statement of topLevelStatements(script)) {
    const known = statement.known;
    let bound = known?.bound;
    if (!bound) {
      // A call or other expression binds a name only through an assignment, which needs '=': most statements end here.
      if (statement.type === 'expression_statement' && !statement.text.includes('=')) bound = NOTHING_BOUND;
      else {
        const found = new Set<string>();
        bindStatement(statement.tree(), found);
        bound = [...found].map(ownText);
      }
      if (known) known.bound = bound;
    }
    for (let i = 0; i < bound.length; i++) names.add(bound[i]);
  }
  boundCache.set(script, names);
  return names;
}
