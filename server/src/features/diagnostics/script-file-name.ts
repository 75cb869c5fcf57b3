// Diagnostics from a migration script's name alone: filename-grammar, unknown-mode, bad-version, sql-mode.
import { diagnostic } from '../../core/check-diagnostic';
import { FILE_START } from '../../core/text-range';
import { readRelatedText } from '../script/script-analysis';
import type { DiagnosticProvider } from './diagnostic-provider';
import { importedByScripts } from './imported-modules';

export const scriptFileNameProvider: DiagnosticProvider = {
  id: 'script-file-name',
  documentKinds: ['migration-script'],
  // A helper module is told apart by the scripts importing it: re-checked when scripts come and go (not on each edit).
  dependsOn: ['script-names'],
  check(document) {
    const problems = document.script?.problems ?? [];
    const helper = document.script?.extension === 'py' && problems.some((p) => p.code === 'filename-grammar')
      && importedByScripts(document.application, document.script.name.slice(0, -'.py'.length), readRelatedText);
    return problems.filter((p) => !(helper && p.code === 'filename-grammar')).map((problem) => diagnostic(problem.code, FILE_START, problem.message));
  },
};
