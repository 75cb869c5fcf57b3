// erudiMigrations.restoreBackup: a quick pick of the instance's backups (`erudi-migrate backups --json`), a modal
// confirmation naming the backup and the database, then `erudi-migrate restore`, and the view and status refreshed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { backupLabel, parseBackups, type BackupEntry } from '../core/backups';
import { runMigration, startInstanceCommand } from '../migrationRun';
import { findApplications, type Application } from '../paths';
import { runRuntime } from '../runner';
import { pickApplication } from './pickApplication';

/** `{ app: folder, backup: path }` from a run's "Restore Backup" button, or what pickApplication takes. */
async function applicationOf(arg: unknown): Promise<Application | undefined> {
  const folder = arg && typeof arg === 'object' && typeof (arg as { app?: unknown }).app === 'string' ? (arg as { app: string }).app : undefined;
  if (folder) {
    const found = (await findApplications()).find((a) => a.folder === folder);
    if (found) return found;
  }
  return pickApplication(folder ? vscode.Uri.file(folder) : arg, 'Restore Backup');
}

export async function restoreBackup(ctx: ClientContext, arg: unknown): Promise<void> {
  const prepared = await startInstanceCommand(ctx, arg, 'Restore Backup', 'Restore Backup', applicationOf);
  if (!prepared) return;
  const { app, database } = prepared;
  const listed = await runRuntime(ctx.runtimeRoot, { command: 'backups', app, settings: prepared.settings, password: prepared.password }, {});
  const backups = parseBackups(listed.stdout);
  if ('error' in backups) {
    const cause = listed.spawnError ?? listed.errors[0]?.message ?? backups.error;
    void vscode.window.showErrorMessage(`Erudi Migrations: the backups of ${database} could not be listed: ${cause}`);
    return;
  }
  if (!backups.length) {
    void vscode.window.showInformationMessage(`Erudi Migrations: ${database} has no backups yet (an upgrade takes one${prepared.settings.database.kind === 'postgresql' ? ' with --backup' : ''}).`);
    return;
  }
  const wanted = arg && typeof arg === 'object' ? (arg as { backup?: unknown }).backup : undefined;
  let chosen: BackupEntry | undefined = typeof wanted === 'string' ? backups.find((b) => b.path === wanted) : undefined;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      backups.map((backup) => ({ ...backupLabel(backup), backup })),
      { title: `Erudi Migrations: Restore Backup of ${app.name}`, placeHolder: `A backup of ${database}, newest first`, matchOnDescription: true, matchOnDetail: true },
    );
    chosen = picked?.backup;
  }
  if (!chosen) return;
  const held = chosen.model ? `model ${chosen.model} (erudi ${chosen.erudi ?? '?'})` : 'an unreadable instance';
  await runMigration(ctx, {
    command: 'restore', app, title: `Restore ${path.basename(chosen.path)}`, extraArgs: [chosen.path, '--yes'],
    confirmation: () => ({
      message: `Restore ${path.basename(chosen!.path)} over ${database}?`,
      detail: `The backup holds ${held}, taken ${chosen!.time}.\n\nThe database's current state is backed up first; `
        + `${chosen!.config ? 'the configuration file is restored with it.' : 'the backup has no configuration copy: the configuration file stays as it is.'}`,
      action: 'Restore',
    }),
  });
}
