// destructive-operation: a call that drops or deletes data (drop_*, or sqlexec/rql of DROP, DELETE, TRUNCATE).
import type { CatalogCall } from './catalog-calls';
import type { ScriptProblem } from './script-problem';

export function checkDestructiveCalls(calls: readonly CatalogCall[]): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const { call, primitive, binding } of calls) {
    const at = { start: call.start, end: call.end };
    if (primitive.destructive) {
      problems.push({ code: 'destructive-operation', ...at, message: `${primitive.name}() destroys data: ${primitive.summary} Make sure a backup exists, or guard it with confirm().` });
      continue;
    }
    const when = primitive.destructiveWhen;
    const literal = when ? binding.bound.get(when.parameter)?.literal : undefined;
    if (when && literal && when.pattern.test(literal.value)) {
      const statement = literal.value.trim().split(/\s+/)[0].toUpperCase();
      problems.push({ code: 'destructive-operation', ...at, message: `${primitive.name}() runs ${statement}, which destroys data. Make sure a backup exists, or guard it with confirm().` });
    }
  }
  return problems;
}
