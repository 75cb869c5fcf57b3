// destructive-operation: a call that drops or deletes data (drop_*, or sqlexec/rql of DROP, DELETE, TRUNCATE).
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import { catalogCalls } from './catalog-calls';
import type { ScriptContext } from './script-context';

export function checkDestructiveCalls(context: ScriptContext): CheckDiagnostic[] {
  const diagnostics: CheckDiagnostic[] = [];
  for (const { call, primitive, binding } of catalogCalls(context)) {
    const range = context.script.lines.rangeOf(call.start, call.end);
    if (primitive.destructive) {
      diagnostics.push(diagnostic('destructive-operation', range, `${primitive.name}() destroys data: ${primitive.summary} Make sure a backup exists, or guard it with confirm().`));
      continue;
    }
    const when = primitive.destructiveWhen;
    const literal = when ? binding.bound.get(when.parameter)?.literal : undefined;
    if (when && literal && when.pattern.test(literal.value)) {
      const statement = literal.value.trim().split(/\s+/)[0].toUpperCase();
      diagnostics.push(diagnostic('destructive-operation', range, `${primitive.name}() runs ${statement}, which destroys data. Make sure a backup exists, or guard it with confirm().`));
    }
  }
  return diagnostics;
}
