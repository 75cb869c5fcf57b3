// Finds the complete calls `name(...)` in a Python tree, with their arguments, for the checks to read.
import type { SyntaxNode } from './parser';
import { stringLiteral, type StringLiteral } from './string-literal';

export interface CallArgument {
  kind: 'positional' | 'keyword' | 'unpacked-sequence' | 'unpacked-mapping';
  /** Index among the positional arguments (positional only). */
  position: number;
  keyword?: string;
  /** The whole argument, `name=value` included. */
  start: number;
  end: number;
  /** The value alone. */
  valueStart: number;
  valueEnd: number;
  /** Set when the value is a plain string constant. */
  literal?: StringLiteral;
}

export interface PythonCall {
  /** The called name (only plain names are collected: `f(...)`, not `obj.f(...)`). */
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  arguments: CallArgument[];
}

function readArgument(node: SyntaxNode, position: number): CallArgument {
  const base = { start: node.startIndex, end: node.endIndex, valueStart: node.startIndex, valueEnd: node.endIndex, position };
  switch (node.type) {
    case 'keyword_argument': {
      const value = node.childForFieldName('value');
      const argument: CallArgument = { ...base, kind: 'keyword', position: -1, keyword: node.childForFieldName('name')?.text ?? '' };
      if (value) {
        argument.valueStart = value.startIndex;
        argument.valueEnd = value.endIndex;
        argument.literal = stringLiteral(value);
      }
      return argument;
    }
    case 'list_splat':
      return { ...base, kind: 'unpacked-sequence', position: -1 };
    case 'dictionary_splat':
      return { ...base, kind: 'unpacked-mapping', position: -1 };
    default:
      return { ...base, kind: 'positional', literal: stringLiteral(node) };
  }
}

/** The arguments of a well-formed `argument_list` node (comments and punctuation skipped). */
export function readArguments(argumentList: SyntaxNode): CallArgument[] {
  const result: CallArgument[] = [];
  let position = 0;
  for (const child of argumentList.namedChildren) {
    if (!child || child.type === 'comment') continue;
    const argument = readArgument(child, position);
    if (argument.kind === 'positional') position++;
    result.push(argument);
  }
  return result;
}

/** Every call of a plain name whose name `wanted` accepts, inside `within` (a tree's root or one statement), in source order. */
export function findCalls(within: SyntaxNode, wanted: (name: string) => boolean): PythonCall[] {
  const calls: PythonCall[] = [];
  for (const node of within.descendantsOfType('call')) {
    if (!node) continue;
    const callee = node.childForFieldName('function');
    const argumentList = node.childForFieldName('arguments');
    // A generator argument (`f(x for x in y)`) is no argument list we can check.
    if (!callee || callee.type !== 'identifier' || !argumentList || argumentList.type !== 'argument_list') continue;
    if (!wanted(callee.text)) continue;
    calls.push({
      name: callee.text,
      nameStart: callee.startIndex,
      nameEnd: callee.endIndex,
      start: node.startIndex,
      end: node.endIndex,
      arguments: readArguments(argumentList),
    });
  }
  return calls;
}
