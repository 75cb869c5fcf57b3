// erudiMigrations.showStatus: reads every application's status, writes it to the output channel and offers the next step.
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { statusSentence } from '../core/migrationStatus';
import { invokedOn } from '../paths';
import { requireTrust } from '../trust';

export async function showStatus(ctx: ClientContext, arg: unknown): Promise<void> {
  if (!(await requireTrust('Show Migration Status'))) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading migration status' }, () => ctx.statuses.refresh());
  const all = ctx.statuses.all;
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Erudi Migrations: no application in this workspace (a folder with a migration/ folder).');
    return;
  }
  ctx.output.appendLine('');
  ctx.output.appendLine(`=== Migration status — ${new Date().toLocaleString()}`);
  for (const s of all) {
    ctx.output.appendLine(s.status ? statusSentence(s.app.name, s.status) : `${s.app.name}: ${s.problem}`);
    if (s.database) ctx.output.appendLine(`  database: ${s.database}`);
    for (const p of s.status?.pending ?? []) ctx.output.appendLine(`  pending: ${p}`);
  }
  const current = ctx.statuses.forFile(invokedOn(arg) ?? vscode.window.activeTextEditor?.document.uri) ?? all[0]!;
  const actions = ['Show Migrations', 'Show output'];
  if (current.status && !current.status.stored) actions.unshift('Create Instance');
  else if (current.status?.pending.length) actions.unshift('Upgrade');
  const text = current.status ? statusSentence(current.app.name, current.status) : `${current.app.name}: ${current.problem}`;
  const folder = vscode.Uri.file(current.app.folder);
  // The command ends with the message shown; its buttons act whenever they are pressed.
  void vscode.window.showInformationMessage(`Erudi Migrations: ${text}`, ...actions).then((choice) => {
    if (choice === 'Upgrade') void vscode.commands.executeCommand('erudiMigrations.upgrade', folder);
    if (choice === 'Create Instance') void vscode.commands.executeCommand('erudiMigrations.createInstance', folder);
    if (choice === 'Show Migrations') void vscode.commands.executeCommand('erudiMigrations.migrations.focus');
    if (choice === 'Show output') ctx.output.show(true);
  });
}
