// Reads the value of a Python string literal node when it is a plain constant (no f-string, no bytes).
import type { SyntaxNode } from './parser';

export interface StringLiteral {
  /** The string's value; escape sequences are kept as written (schema names never need them). */
  value: string;
  /** The whole literal, quotes and prefix included. */
  start: number;
  end: number;
  /** The text between the quotes. */
  contentStart: number;
  contentEnd: number;
  /** True when the closing quote is missing (half-typed code). */
  unterminated: boolean;
}

/** The constant a `string` node holds, or undefined for f-strings, bytes and anything that is no string. */
export function stringLiteral(node: SyntaxNode): StringLiteral | undefined {
  if (node.type !== 'string') return undefined;
  const open = node.firstChild;
  const close = node.lastChild;
  if (!open || open.type !== 'string_start' || !close) return undefined;
  const prefix = open.text.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  const unterminated = close.type !== 'string_end' || close.isMissing;
  if (prefix.includes('f') && node.children.some((child) => child?.type === 'interpolation')) return undefined;
  const contentStart = open.endIndex;
  const contentEnd = unterminated ? node.endIndex : close.startIndex;
  const value = node.text.slice(contentStart - node.startIndex, contentEnd - node.startIndex);
  return { value, start: node.startIndex, end: node.endIndex, contentStart, contentEnd, unterminated };
}
