// Evaluates the constant Python expressions a schema file writes (strings, numbers, tuples, calls) without running anything.
import type { SyntaxNode } from '../python/parser';
import { stringLiteral } from '../python/string-literal';

/** What a schema expression is, as far as a static reader can tell. */
export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'seq'; items: PyValue[] }
  | { kind: 'call'; callee: string; args: PyValue[]; kwargs: Map<string, PyValue>; node: SyntaxNode }
  | { kind: 'name'; name: string; node: SyntaxNode }
  | { kind: 'other' };

const OTHER: PyValue = { kind: 'other' };
// Nested literals deeper than this are not schema declarations; the bound keeps hostile input from overflowing the stack.
const MAX_DEPTH = 64;

/** `yams.buildobjs.String` and `String` both name String. */
export function lastName(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}

function pythonNumber(text: string): number | undefined {
  const clean = text.replace(/_/g, '').replace(/[lLjJ]$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0[bB][01]+$/.test(clean)) return parseInt(clean.slice(2), 2);
  const value = Number(clean);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The value of an expression. `constants` resolves module-level names (`MAXSIZE = 64`); `_('text')` (CubicWeb's
 * translation marker) is the text itself.
 */
export function evaluate(node: SyntaxNode | null | undefined, constants: ReadonlyMap<string, PyValue> = new Map(), depth = 0): PyValue {
  if (!node || depth > MAX_DEPTH) return OTHER;
  switch (node.type) {
    case 'string': {
      const literal = stringLiteral(node);
      return literal && !literal.unterminated ? { kind: 'str', value: literal.value } : OTHER;
    }
    case 'concatenated_string': {
      const parts = node.namedChildren.map((child) => evaluate(child, constants, depth + 1));
      return parts.every((p) => p.kind === 'str') ? { kind: 'str', value: parts.map((p) => (p as { value: string }).value).join('') } : OTHER;
    }
    case 'integer':
    case 'float': {
      const value = pythonNumber(node.text);
      return value === undefined ? OTHER : { kind: 'num', value };
    }
    case 'true': return { kind: 'bool', value: true };
    case 'false': return { kind: 'bool', value: false };
    case 'none': return { kind: 'none' };
    case 'unary_operator': {
      const operand = evaluate(node.childForFieldName('argument'), constants, depth + 1);
      const operator = node.childForFieldName('operator')?.text;
      if (operand.kind === 'num' && operator === '-') return { kind: 'num', value: -operand.value };
      return operand.kind === 'num' && operator === '+' ? operand : OTHER;
    }
    case 'parenthesized_expression':
      return evaluate(node.namedChildren[0], constants, depth + 1);
    case 'tuple':
    case 'list':
    case 'set':
      return { kind: 'seq', items: node.namedChildren.filter((c) => c?.type !== 'comment').map((child) => evaluate(child, constants, depth + 1)) };
    case 'identifier': {
      const known = constants.get(node.text);
      return known ?? { kind: 'name', name: node.text, node };
    }
    case 'attribute': {
      const name = lastName(node);
      return name ? { kind: 'name', name, node } : OTHER;
    }
    case 'call': {
      const callee = lastName(node.childForFieldName('function'));
      if (!callee) return OTHER;
      const args: PyValue[] = [];
      const kwargs = new Map<string, PyValue>();
      for (const argument of node.childForFieldName('arguments')?.namedChildren ?? []) {
        if (!argument || argument.type === 'comment') continue;
        if (argument.type === 'keyword_argument') {
          const key = argument.childForFieldName('name')?.text;
          if (key) kwargs.set(key, evaluate(argument.childForFieldName('value'), constants, depth + 1));
        } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
          args.push(OTHER);
        } else {
          args.push(evaluate(argument, constants, depth + 1));
        }
      }
      // `_('open')` marks a string for translation; its value is the string.
      if (callee === '_' && args.length === 1 && args[0].kind === 'str' && kwargs.size === 0) return args[0];
      return { kind: 'call', callee, args, kwargs, node };
    }
    default:
      return OTHER;
  }
}

/** 'Person', ('Person', 'Company') or ['Person'] as a list of names; anything else as none. */
export function namesOf(value: PyValue | undefined): string[] {
  if (!value) return [];
  if (value.kind === 'str') return [value.value];
  if (value.kind === 'seq') return value.items.flatMap((item) => (item.kind === 'str' ? [item.value] : []));
  return [];
}

/** The value as JSON (null for what is no plain constant), for the normalized dump. */
export function toJson(value: PyValue | undefined): unknown {
  if (!value) return null;
  switch (value.kind) {
    case 'str':
    case 'num':
    case 'bool':
      return value.value;
    case 'seq':
      return value.items.map(toJson);
    default:
      return null;
  }
}

export function isTrue(value: PyValue | undefined): boolean {
  return (value?.kind === 'bool' || value?.kind === 'num' || value?.kind === 'str') && !!value.value;
}
