// Quick fix for bad-version: rename the script to the X.Y.Z it most likely meant (0.1 → 0.1.0, 00.1.0 → 0.1.0).
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';
import { renameScriptAction } from './rename-script';

export function renameScriptVersionAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  return renameScriptAction(document, request, 'bad-version');
}
