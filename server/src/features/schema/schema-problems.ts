// schema-error and schema-redefinition: what in a schema file (schema.py, a schema/ module) CubicWeb could not load, on its line.
import { diagnostic } from '../../core/check-diagnostic';
import type { DiagnosticProvider } from '../diagnostics/diagnostic-provider';
import { mergedSchemaOf } from '../script/script-analysis';
import { LineIndex } from '../../core/python/line-index';

export const schemaProblemsProvider: DiagnosticProvider = {
  id: 'schema-problems',
  documentKinds: ['schema'],
  // A base class or an import may come from a cube or from another module of the schema/ package.
  dependsOn: ['schema', 'pkginfo', 'settings'],
  check(document) {
    const merged = mergedSchemaOf(document.application, document.settings);
    const read = document.read();
    if (!merged || read.text === undefined) return [];
    const lines = LineIndex.of(read.text);
    return merged.schema.problems
      .filter((problem) => problem.location.path === document.path)
      .map((problem) => diagnostic(
        problem.severity === 'error' ? 'schema-error' : 'schema-redefinition',
        lines.rangeOf(problem.location.start, problem.location.end),
        problem.message,
      ));
  },
};
