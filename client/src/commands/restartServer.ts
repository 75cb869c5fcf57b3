// erudiMigrations.restartServer: stops and starts the language server (after an update, or when it misbehaves).
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';

export async function restartServer(ctx: ClientContext): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the Erudi Migrations language server' }, () => ctx.server.restart());
}
