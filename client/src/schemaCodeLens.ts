// CodeLens above each entity type of schema.py (or a schema/ package module): Show Entities, its rows in the instance.
import * as vscode from 'vscode';
import { entityClassLines } from './core/schemaEntityClasses';

export const schemaDocuments: vscode.DocumentFilter[] = [
  { scheme: 'file', pattern: '**/schema.py' },
  { scheme: 'file', pattern: '**/schema/*.py' },
];

export class SchemaCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return entityClassLines(document.getText()).map(({ name, line }) => new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
      title: '$(table) Show Entities',
      tooltip: `The rows of ${name} in the configured database (read-only)`,
      command: 'erudiMigrations.showEntities',
      arguments: [{ uri: document.uri, etype: name }],
    }));
  }
}
