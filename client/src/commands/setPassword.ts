// erudiMigrations.setPassword: stores the password of the configured PostgreSQL database in the secret storage.
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { readRunSettings } from '../settings';
import { pickApplication } from './pickApplication';

export async function setPassword(ctx: ClientContext, arg: unknown): Promise<void> {
  const app = await pickApplication(arg, 'Set Database Password');
  if (!app) return;
  const settings = await readRunSettings(app);
  if ('error' in settings) {
    void vscode.window.showErrorMessage(`Erudi Migrations: ${settings.error}`);
    return;
  }
  if (settings.database.kind !== 'postgresql') {
    void vscode.window.showInformationMessage(`Erudi Migrations: ${app.name} uses ${settings.database.url}, an SQLite file: it needs no password.`);
    return;
  }
  const stored = await ctx.passwords.prompt(settings.database);
  if (stored === undefined) return;
  void vscode.window.showInformationMessage(`Erudi Migrations: password stored for ${settings.database.url} in VS Code's secret storage.`);
  void ctx.statuses.refresh();
}
