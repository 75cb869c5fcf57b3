// Reads `numversion = (X, Y, Z)` from __pkginfo__.py statically (never executed), by the same definition as the runtime
// (runtime/erudi_migrate/application.py numversion_of): the first module-level assignment to numversion, a tuple or list
// display of three integer literals in any form Python reads (12, 0x1, 0o7, 0b1, 1_0), parentheses, several lines.
import { type ModelVersion, modelVersion } from './model-version';
import { type Token, topLevelStatements } from './python/logical-lines';
import { FILE_START, lineRange, splitLines, type TextRange } from './text-range';

export type PkgInfo =
  | { numversion: ModelVersion; range: TextRange }
  | { numversion?: undefined; range: TextRange; problem: string };

const INTEGER = /^(?:[1-9](?:_?[0-9])*|0(?:_?0)*|0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+)$/;
const LEADING_ZERO = /^0[0-9_]*[1-9][0-9_]*$/;
const EXAMPLE = 'like numversion = (0, 13, 0)';

export function readPkgInfo(text: string): PkgInfo {
  const scan = topLevelStatements(text);
  let found: PkgInfo | undefined;
  for (let next = scan.next(); ; next = scan.next()) {
    if (next.done) {
      // Python refuses the whole file (the runtime cannot read numversion from it), wherever the fault is.
      const invalid = next.value.invalid;
      if (invalid) {
        const line = lineAt(text, invalid.line);
        return { range: lineRange(invalid.line, 0, line.trimEnd().length), problem: `__pkginfo__.py is no valid Python, so numversion cannot be read: ${invalid.reason} on line ${invalid.line + 1}.` };
      }
      return found ?? { range: FILE_START, problem: 'No numversion found: add a line numversion = (X, Y, Z) with the model version, for example numversion = (0, 1, 0).' };
    }
    if (!found) found = numversionOf(next.value.tokens, text);
  }
}

function numversionOf(tokens: Token[], text: string): PkgInfo | undefined {
  {
    const value = assignedValue(tokens);
    if (!value) return undefined;
    const first = tokens[0];
    const range = lineRange(first.line, first.column, Math.max(first.column, lineAt(text, first.line).trimEnd().length));
    const shown = clip(value.map((t) => t.text).join(' '));
    const elements = tupleElements(value);
    if (!elements || elements.length !== 3) {
      return { range, problem: `numversion must be a tuple of three integers, ${EXAMPLE}; found "${shown}".` };
    }
    const numbers: number[] = [];
    for (const element of elements) {
      const literal = element.length === 1 && element[0].kind === 'number' ? element[0].text : undefined;
      if (literal !== undefined && LEADING_ZERO.test(literal)) {
        return { range, problem: `numversion's integers must not have leading zeros (Python rejects them): found "${shown}".` };
      }
      if (literal === undefined || !INTEGER.test(literal)) {
        return { range, problem: `numversion must be a tuple of three integer literals (no names, signs or expressions), ${EXAMPLE}; found "${shown}".` };
      }
      const number = integerValue(literal);
      if (number === undefined) return { range, problem: `numversion's integers must be below 2^53: found "${shown}".` };
      numbers.push(number);
    }
    return { numversion: modelVersion(numbers[0], numbers[1], numbers[2]), range };
  }
}

/** The value tokens of `numversion = [other =]... value` (a chained assignment counts), or undefined. */
function assignedValue(tokens: Token[]): Token[] | undefined {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'op' && token.text === '=' && token.depth === tokens[0].depth) parts.push([]);
    else parts[parts.length - 1].push(token);
  }
  if (parts.length < 2) return undefined;
  const targets = parts.slice(0, -1);
  const named = targets.some((target) => target.length === 1 && target[0].kind === 'name' && target[0].text === 'numversion');
  return named ? parts[parts.length - 1] : undefined;
}

/**
 * The elements of a tuple or list display (each a token list), or undefined when the value is none. Linear: the
 * matching bracket and "holds a comma directly" are computed once, so 10,000 nested parentheses cost nothing.
 */
function tupleElements(value: Token[]): Token[][] | undefined {
  const n = value.length;
  const closing = new Array<number>(n).fill(-1);
  const commaInside = new Array<boolean>(n).fill(false);
  let outerComma = false;
  const open: number[] = [];
  value.forEach((token, i) => {
    if (token.kind !== 'op') return;
    if (token.text === '(' || token.text === '[' || token.text === '{') open.push(i);
    else if (token.text === ')' || token.text === ']' || token.text === '}') {
      const at = open.pop();
      if (at !== undefined) closing[at] = i;
    } else if (token.text === ',') {
      if (open.length) commaInside[open[open.length - 1]] = true;
      else outerComma = true;
    }
  });
  const wraps = (lo: number, hi: number, bracket: string) => hi - lo >= 2 && value[lo].kind === 'op' && value[lo].text === bracket && closing[lo] === hi - 1;
  // Splits value[lo, hi) at its outer commas: one trailing comma is allowed, an empty element is kept (and refused).
  const split = (lo: number, hi: number): Token[][] => {
    if (lo >= hi) return [];
    const elements: Array<[number, number]> = [];
    let from = lo;
    for (let i = lo; i < hi; i++) {
      if (closing[i] > i) i = closing[i];
      else if (value[i].kind === 'op' && value[i].text === ',') {
        elements.push([from, i]);
        from = i + 1;
      }
    }
    if (from < hi) elements.push([from, hi]);
    return elements.map(([a, b]) => {
      // An element without its grouping parentheses: (1) is 1, (1,) stays a tuple.
      while (wraps(a, b, '(') && b - a > 2 && !commaInside[a]) [a, b] = [a + 1, b - 1];
      return value.slice(a, b);
    });
  };
  let [lo, hi] = [0, n];
  for (;;) {
    if (wraps(lo, hi, '[')) return split(lo + 1, hi - 1);
    if (wraps(lo, hi, '(')) {
      if (hi - lo === 2) return [];
      if (commaInside[lo]) return split(lo + 1, hi - 1);
      [lo, hi] = [lo + 1, hi - 1]; // grouping parentheses: (((0, 1, 0)))
      continue;
    }
    return lo === 0 && hi === n && outerComma ? split(lo, hi) : undefined;
  }
}

/** The value of a Python integer literal when it is a safe JavaScript integer. */
function integerValue(literal: string): number | undefined {
  const digits = literal.replace(/_/g, '');
  if (digits.length > 80) return undefined;
  const value = BigInt(/^0[oO]/.test(digits) ? `0o${digits.slice(2)}` : digits);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

function lineAt(text: string, line: number): string {
  return splitLines(text)[line] ?? '';
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
