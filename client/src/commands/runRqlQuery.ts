// erudiMigrations.runRqlQuery: runs a read-only RQL selection (the editor's selection, or typed) and shows its rows.
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { showData } from '../data/dataDocuments';
import { requireTrust } from '../trust';
import { pickApplication } from './pickApplication';

export async function runRqlQuery(_ctx: ClientContext, arg: unknown): Promise<void> {
  if (!(await requireTrust('Run RQL Query'))) return;
  const app = await pickApplication(arg, 'Run RQL Query');
  if (!app) return;
  const editor = vscode.window.activeTextEditor;
  // A selected string literal counts without its quotes: `rql('Any X WHERE X is Ticket')`.
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim().replace(/^[rRuU]?(['"])(.*)\1$/s, '$2') : '';
  const text = await vscode.window.showInputBox({
    title: `Run RQL Query on ${app.name} (read-only)`,
    prompt: 'An RQL selection; INSERT, SET and DELETE are refused',
    value: selected || 'Any X WHERE X is ',
    validateInput: (v) => (/^\s*(INSERT|SET|DELETE)\b/i.test(v) ? 'Only selections run here: write changes in a migration script.' : undefined),
  });
  if (!text?.trim()) return;
  await showData({ app: app.folder, kind: 'query', target: text.trim(), offset: 0 });
}
