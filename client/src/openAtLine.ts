// "Go to Line" of a failure message: opens a file of the application (relative paths from its folder) at a 1-based line.
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function openAtLine(folder: string, file: string, line: number | null | undefined): Promise<void> {
  const at = Math.max(0, (line ?? 1) - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(path.resolve(folder, file)), { selection: new vscode.Range(at, 0, at, 0) });
}
