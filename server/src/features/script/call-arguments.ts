// wrong-arguments: a catalog function called with too many or too few positional arguments, or an unknown keyword.
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import { renderSignature } from '../../core/catalog/signature';
import { catalogCalls } from './catalog-calls';
import type { ScriptContext } from './script-context';

export function checkCallArguments(context: ScriptContext): CheckDiagnostic[] {
  const diagnostics: CheckDiagnostic[] = [];
  for (const { call, primitive, binding } of catalogCalls(context)) {
    for (const problem of binding.problems) {
      const range = context.script.lines.rangeOf(call.start, call.end);
      diagnostics.push(diagnostic('wrong-arguments', range, `${problem.message}; the signature is ${renderSignature(primitive).label}`));
    }
  }
  return diagnostics;
}
