// erudiMigrations.runScript: runs one migration script in one transaction, after a modal naming the database.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { runMigration } from '../migrationRun';
import { applicationOfScript, scriptTarget } from '../paths';

export async function runScript(ctx: ClientContext, arg: unknown, dryRun = false): Promise<void> {
  const target = scriptTarget(arg);
  if ('error' in target) {
    void vscode.window.showErrorMessage(`Erudi Migrations: ${target.error}`);
    return;
  }
  const app = applicationOfScript(target.uri)!;
  // Run what is on screen: unsaved edits would otherwise be silently ignored.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
  if (open?.isDirty) await open.save();
  const name = path.basename(target.uri.fsPath);
  await runMigration(ctx, {
    command: 'run', app, script: target.uri.fsPath, dryRun,
    title: `${dryRun ? 'Preview' : 'Run'} ${name}`,
    confirmation: (settings) => ({
      message: `Run ${name} against ${settings.database.url}?`,
      detail: `${settings.runnerCommand ? `With your runner: ${settings.runnerCommand}\n` : ''}The script of ${app.name} runs in one transaction and commits what it changes in that database. Use Preview to see its SQL without writing anything.`,
      action: 'Run',
    }),
  });
}
