// The nesting CPython's tokenizer refuses: more than 200 open brackets, 100 or more indented blocks; one linear walk.
import type { SyntaxProblem } from './syntax-errors';
import type { SyntaxNode } from './parser';

export const MAX_BRACKET_DEPTH = 200;
/** CPython 3.11 refuses the 100th nested block (its indentation stack holds 100 levels, the module's included). */
export const MAX_BLOCK_DEPTH = 99;

const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);

/** Whether a statement could break a limit at all (cheap, on its text): most never are walked. */
export function mayExceedNesting(text: string): boolean {
  let brackets = 0;
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) brackets++;
    else if (c === 10 || c === 13) lines++;
  }
  return brackets > MAX_BRACKET_DEPTH || lines > MAX_BLOCK_DEPTH;
}

/** The first bracket past 200 levels and the first block past 99 levels in a statement, as Python 3.11 reports them. */
export function nestingProblems(statement: SyntaxNode): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  let brackets = 0;
  let bracketReported = false;
  let blockReported = false;
  // Blocks open around the cursor's ancestors; a cursor walk keeps the count without tree-sitter's (root-first) parent lookups.
  const blocksAt: number[] = [];
  let blocks = 0;
  const cursor = statement.walk();
  for (;;) {
    const type = cursor.nodeType;
    if (OPENING.has(type)) {
      if (++brackets > MAX_BRACKET_DEPTH && !bracketReported) {
        bracketReported = true;
        problems.push({ start: cursor.startIndex, end: cursor.endIndex, message: `too many nested parentheses: Python refuses more than ${MAX_BRACKET_DEPTH} open brackets at once; build the value in steps, assigning the inner parts to names` });
      }
    } else if (CLOSING.has(type)) brackets = Math.max(0, brackets - 1);
    else if (type === 'block' && ++blocks > MAX_BLOCK_DEPTH && !blockReported) {
      blockReported = true;
      problems.push({ start: cursor.startIndex, end: Math.min(cursor.endIndex, cursor.startIndex + 1), message: `too many levels of indentation: Python refuses more than ${MAX_BLOCK_DEPTH} nested blocks; move the inner blocks into a function` });
    }
    // Brackets inside a string (an f-string's braces included, as Python 3.11 tokenizes them) are no nesting.
    if (type !== 'string' && cursor.gotoFirstChild()) {
      blocksAt.push(type === 'block' ? 1 : 0);
      continue;
    }
    if (type === 'block') blocks--;
    for (;;) {
      if (cursor.gotoNextSibling()) break;
      if (!blocksAt.length || !cursor.gotoParent()) {
        cursor.delete();
        return problems;
      }
      blocks -= blocksAt.pop() ?? 0;
    }
  }
}
