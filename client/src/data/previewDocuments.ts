// Read-only SQL documents (`erudi-preview:` URIs) holding what a dry run executed, grouped by step and script.
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

  /** Opens a new preview document beside the editor, with SQL highlighting. */
  async show(name: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${name.replace(/[\\/]/g, '_')}.sql` });
    this.texts.set(uri.toString(), text);
    // Keep the last previews only: each is a whole run's SQL.
    while (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value!);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'sql');
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
