// Diagnostics from a migration script's name alone: filename-grammar, unknown-mode, bad-version, sql-mode.
import { diagnostic } from '../../core/check-diagnostic';
import { FILE_START } from '../../core/text-range';
import type { DiagnosticProvider } from './diagnostic-provider';

export const scriptFileNameProvider: DiagnosticProvider = {
  id: 'script-file-name',
  documentKinds: ['migration-script'],
  dependsOn: [],
  check(document) {
    return (document.script?.problems ?? []).map((problem) => diagnostic(problem.code, FILE_START, problem.message));
  },
};
