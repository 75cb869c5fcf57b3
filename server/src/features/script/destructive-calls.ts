// destructive-operation: a call that drops or deletes data (drop_*, sql()/sqlexec()/rql() or cnx/session.system_sql() of DROP, DELETE, TRUNCATE), unless confirm() guards it.
import type { SyntaxNode } from '../../core/python/parser';
import { queryStrings } from '../safety-rules/query-strings';
import type { CatalogCall } from './catalog-calls';
import { guardedByConfirm } from './confirm-guard';
import { catalogEntryNamed, type ScriptContext } from './script-context';
import type { ScriptProblem } from './script-problem';

const ADVICE = 'Make sure a backup exists, or guard it with confirm().';

export function checkDestructiveCalls(context: ScriptContext, statement: SyntaxNode, calls: readonly CatalogCall[]): ScriptProblem[] {
  const isConfirm = (name: string) => name === 'confirm' && !!catalogEntryNamed(context, name);
  const guarded = (start: number, end: number) => {
    const node = statement.descendantForIndex(start, end);
    return !!node && guardedByConfirm(node, isConfirm);
  };
  const problems: ScriptProblem[] = [];
  for (const { call, primitive, binding } of calls) {
    const at = { start: call.start, end: call.end };
    if (primitive.destructive) {
      if (!guarded(call.start, call.end)) problems.push({ code: 'destructive-operation', ...at, message: `${primitive.name}() destroys data: ${primitive.summary} ${ADVICE}` });
      continue;
    }
    const when = primitive.destructiveWhen;
    const literal = when ? binding.bound.get(when.parameter)?.literal : undefined;
    if (when && literal && when.pattern.test(literal.value) && !guarded(call.start, call.end)) {
      const statementWord = literal.value.trim().split(/\s+/)[0].toUpperCase();
      problems.push({ code: 'destructive-operation', ...at, message: `${primitive.name}() runs ${statementWord}, which destroys data. ${ADVICE}` });
    }
  }
  // The connection's own SQL door (cnx.system_sql, session.system_sql) destroys as sqlexec() does.
  const pattern = context.catalog.byName.get('sqlexec');
  const sqlPattern = pattern?.kind === 'function' ? pattern.destructiveWhen?.pattern : undefined;
  for (const query of queryStrings(context, statement, [])) {
    if (query.language !== 'sql' || !sqlPattern?.test(query.literal.value) || guarded(query.start, query.end)) continue;
    const statementWord = query.literal.value.trim().split(/\s+/)[0].toUpperCase();
    problems.push({ code: 'destructive-operation', start: query.start, end: query.end, message: `${query.callee}() runs ${statementWord}, which destroys data. ${ADVICE}` });
  }
  return problems;
}
