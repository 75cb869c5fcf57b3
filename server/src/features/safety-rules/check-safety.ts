// Runs every safety rule on one top-level statement of a script.
import type { SyntaxNode } from '../../core/python/parser';
import type { CatalogCall } from '../script/catalog-calls';
import { guardedByConfirm } from '../script/confirm-guard';
import { catalogEntryNamed, type ScriptContext } from '../script/script-context';
import type { ScriptProblem } from '../script/script-problem';
import { queryStrings } from './query-strings';
import { SAFETY_RULES } from './registry';
import type { DataFigures } from './safety-rule';

/** True when the script asks the user things: a call of confirm() or a read of interactive_mode, anywhere in it. */
export function isInteractiveScript(text: string): boolean {
  return /(?<![\w.])(?:confirm\s*\(|interactive_mode\b)/.test(text);
}

export function checkSafety(context: ScriptContext, statement: SyntaxNode, calls: readonly CatalogCall[], interactive: boolean, figures?: DataFigures): ScriptProblem[] {
  const isConfirm = (name: string) => name === 'confirm' && !!catalogEntryNamed(context, name);
  const input = {
    context, statement, calls, interactive, figures,
    queries: queryStrings(context, statement, calls),
    guarded: (node: SyntaxNode) => guardedByConfirm(node, isConfirm),
  };
  return SAFETY_RULES.flatMap((rule) => rule.check(input));
}
