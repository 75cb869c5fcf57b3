// All checks of one migration script's content, in one call: what the diagnostic provider and the CLI run.
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import { ARGUMENT_LANGUAGES } from './argument-languages';
import { checkCallArguments } from './call-arguments';
import { catalogCalls } from './catalog-calls';
import { checkDestructiveCalls } from './destructive-calls';
import { checkModeAvailability } from './mode-availability';
import { checkSchemaArguments } from './schema-arguments';
import type { ScriptContext } from './script-context';

/** Problems inside string arguments written in another language (rql-syntax for rql()). */
export function checkEmbeddedLanguages(context: ScriptContext): CheckDiagnostic[] {
  const diagnostics: CheckDiagnostic[] = [];
  for (const { binding } of catalogCalls(context)) {
    for (const [argument, parameter] of binding.parameterOf) {
      const language = parameter?.language ? ARGUMENT_LANGUAGES[parameter.language] : undefined;
      if (!language?.check || !argument.literal) continue;
      const base = argument.literal.contentStart;
      for (const problem of language.check(argument.literal.value)) {
        const start = base + problem.offset;
        diagnostics.push(diagnostic(problem.code, context.script.lines.rangeOf(start, start + Math.max(problem.length, 0)), problem.message));
      }
    }
  }
  return diagnostics;
}

/** Every diagnostic the script's content deserves (suppressions are applied afterwards, by the pipeline's filter). */
export function checkScript(context: ScriptContext): CheckDiagnostic[] {
  return [
    ...checkModeAvailability(context),
    ...checkCallArguments(context),
    ...checkSchemaArguments(context),
    ...checkDestructiveCalls(context),
    ...checkEmbeddedLanguages(context),
  ];
}
