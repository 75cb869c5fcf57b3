// erudiMigrations.openScript and erudiMigrations.revealScript: a script of the Migrations view in the editor or the explorer.
import * as vscode from 'vscode';
import { invokedOn } from '../paths';

export async function openScript(arg: unknown): Promise<void> {
  const uri = invokedOn(arg);
  if (uri) await vscode.window.showTextDocument(uri);
}

export async function revealScript(arg: unknown): Promise<void> {
  const uri = invokedOn(arg);
  if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
}
