// Quick fix for unknown-mode: rename the script to the mode it most likely meant (any → Any, repo → repository).
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';
import { renameScriptAction } from './rename-script';

export function renameScriptModeAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  return renameScriptAction(document, request, 'unknown-mode');
}
