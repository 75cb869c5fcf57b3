// Quick fix for schema-not-migrated: "Generate migration script", the client's command that shows the diff and writes the script.
import { GENERATE_SCRIPT_COMMAND } from '../../../../protocol/protocol';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

export function generateMigrationScriptAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const diagnostics = request.diagnostics.filter((d) => d.code === 'schema-not-migrated');
  if (!diagnostics.length) return [];
  // One script covers every change: one action for all the diagnostics in range.
  return [{
    title: 'Generate migration script',
    kind: 'quickfix',
    diagnostics,
    isPreferred: true,
    edit: {},
    command: { title: 'Generate Migration Script from schema.py', command: GENERATE_SCRIPT_COMMAND, arguments: [{ file: document.path }] },
  }];
}
