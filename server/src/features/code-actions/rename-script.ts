// Shared by the rename quick fixes: turns one of a script's name problems into a rename-file action.
import { dirname, join } from 'node:path';
import { diagnostic } from '../../core/check-diagnostic';
import { FILE_START } from '../../core/text-range';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

export function renameScriptAction(document: FeatureDocument, request: CodeActionRequest, code: 'unknown-mode' | 'bad-version' | 'sql-mode'): PlainCodeAction[] {
  if (!request.canRenameFiles) return [];
  const problem = document.script?.problems.find((p) => p.code === code && p.suggestedName);
  if (!problem?.suggestedName) return [];
  const target = join(dirname(document.path), problem.suggestedName);
  // Renaming onto an existing script would fail (or, worse, overwrite it): offer nothing rather than a broken fix.
  if (document.application.scripts.has(target)) return [];
  const shown = request.diagnostics.filter((d) => d.code === code);
  return [
    {
      title: `Rename to ${problem.suggestedName}`,
      kind: 'quickfix',
      isPreferred: true,
      diagnostics: shown.length ? shown : [diagnostic(code, FILE_START, problem.message)],
      edit: { renames: [{ from: document.path, to: target }] },
    },
  ];
}
