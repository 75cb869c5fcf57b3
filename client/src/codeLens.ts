// CodeLens on a migration script's first line: Run and Preview.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseScriptName } from './core/migrationScript';
import { applicationOfScript } from './paths';

export const scriptDocuments: vscode.DocumentFilter[] = [
  { scheme: 'file', pattern: '**/migration/*.py' },
  { scheme: 'file', pattern: '**/migration/*.sql' },
];

export class ScriptCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!applicationOfScript(document.uri) || !parseScriptName(path.basename(document.uri.fsPath))) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: '$(play) Run', tooltip: 'Run this migration script against the configured database', command: 'erudiMigrations.runScript', arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: '$(eye) Preview', tooltip: 'Dry run: show the SQL, then roll back', command: 'erudiMigrations.previewScript', arguments: [document.uri] }),
    ];
  }
}
