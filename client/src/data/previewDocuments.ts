// Read-only documents (`erudi-preview:` URIs): the SQL a dry run executed, grouped by step and script, upgrade plans,
// rehearsal reports, and both sides of a schema difference.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'erudi-preview';

export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '-- This preview is no longer available: run the preview again.\n';
  }

  /** A new read-only document's URI, not opened yet (a diff view opens two); `extension` gives the language (`py`, `sql`, `md`). */
  put(name: string, text: string, app: string, extension: string): vscode.Uri {
    // The application rides in the query, so that commands run from this document act on it.
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${name.replace(/[\\/]/g, '_')}.${extension}`, query: JSON.stringify({ app }) });
    this.texts.set(uri.toString(), text);
    // Keep the last previews only: each is a whole run's SQL.
    while (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  /** Opens a new read-only document in the active editor group (or beside it), highlighted as `language` (sql or markdown). */
  async show(name: string, text: string, app: string, language: 'sql' | 'markdown' = 'sql', beside = false): Promise<vscode.Uri> {
    const uri = this.put(name, text, app, language === 'sql' ? 'sql' : 'md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(document, { preview: false, ...(beside ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
