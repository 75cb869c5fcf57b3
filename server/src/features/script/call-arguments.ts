// wrong-arguments: a catalog function called with too many or too few positional arguments, or an unknown keyword.
import { renderSignature } from '../../core/catalog/signature';
import type { CatalogCall } from './catalog-calls';
import type { ScriptProblem } from './script-problem';

export function checkCallArguments(calls: readonly CatalogCall[]): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const { call, primitive, binding } of calls) {
    for (const problem of binding.problems) {
      problems.push({ code: 'wrong-arguments', start: call.start, end: call.end, message: `${problem.message}; the signature is ${renderSignature(primitive).label}` });
    }
  }
  return problems;
}
