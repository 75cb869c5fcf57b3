// Runs every safety rule on one top-level statement of a script.
import type { SyntaxNode } from '../../core/python/parser';
import type { CatalogCall } from '../script/catalog-calls';
import { guardedByConfirm } from '../script/confirm-guard';
import { catalogEntryNamed, type ScriptContext } from '../script/script-context';
import type { ScriptProblem } from '../script/script-problem';
import { queryStrings } from './query-strings';
import { SAFETY_RULES } from './registry';
import type { RenameFacts } from './rename-still-used';
import type { DataFigures, SafetyInput } from './safety-rule';

/** True when the script asks the user things: a call of confirm() or a read of interactive_mode, anywhere in it. */
export function isInteractiveScript(text: string): boolean {
  return /(?<![\w.])(?:confirm\s*\(|interactive_mode\b)/.test(text);
}

/**
 * The attributes the script fills with an RQL SET somewhere (`SET X age %(v)s ...`, `X age 0` after a comma in the
 * same SET): an added required attribute filled this way is the safe recipe. Sorted, for the checks' cache key.
 */
export function filledAttributes(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\bSET\s+((?:[A-Z]\w*\s+\w+\s+[^,'"]*?(?:,\s*)?)+?)(?:\bWHERE\b|['"])/g)) {
    for (const part of match[1].matchAll(/[A-Z]\w*\s+(\w+)/g)) names.add(part[1]);
  }
  for (const match of text.matchAll(/\.cw_set\(([^)]*)\)/g)) for (const part of match[1].matchAll(/(\w+)\s*=/g)) names.add(part[1]);
  return [...names].sort();
}

/** `interactive` may be a function: then it is asked only by a rule that needs it (a recorded fact of the script). */
export function checkSafety(context: ScriptContext, statement: SyntaxNode, calls: readonly CatalogCall[], interactive: boolean | (() => boolean), figures?: DataFigures, filled: readonly string[] | SafetyInput['filled'] = [], renameAt?: (start: number) => RenameFacts | undefined): ScriptProblem[] {
  const isConfirm = (name: string) => name === 'confirm' && !!catalogEntryNamed(context, name);
  const input = {
    context, statement, calls, figures, filled: Array.isArray(filled) ? new Set(filled) : (filled as SafetyInput['filled']), renameAt,
    get interactive() {
      return typeof interactive === 'function' ? interactive() : interactive;
    },
    queries: queryStrings(context, statement, calls),
    guarded: (node: SyntaxNode) => guardedByConfirm(node, isConfirm),
  };
  return SAFETY_RULES.flatMap((rule) => rule.check(input));
}
