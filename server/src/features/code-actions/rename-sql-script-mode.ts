// Quick fix for sql-mode: a .sql script runs only in mode Any, so rename it to end in _Any.sql.
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';
import { renameScriptAction } from './rename-script';

export function renameSqlScriptModeAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  return renameScriptAction(document, request, 'sql-mode');
}
