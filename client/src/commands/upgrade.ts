// erudiMigrations.upgrade: applies every pending step of an application, after a modal listing what will run on which database.
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { parseMigrationStatus } from '../core/migrationStatus';
import { prepareRun, runMigration } from '../migrationRun';
import { runRuntime } from '../runner';
import { requireTrust } from '../trust';
import { pickApplication } from './pickApplication';

export async function upgrade(ctx: ClientContext, arg: unknown): Promise<void> {
  if (!(await requireTrust('Upgrade'))) return;
  const app = await pickApplication(arg, 'Upgrade Instance');
  if (!app) return;
  const prepared = await prepareRun(ctx, app, true);
  if (!prepared) return;
  // Ask the runtime what will run, so that the confirmation names it.
  const probe = await runRuntime(ctx.runtimeRoot, { command: 'status', app, settings: prepared.settings, password: prepared.password }, {});
  const status = probe.exitCode === 0 ? parseMigrationStatus(probe.stdout) : undefined;
  if (status && !('error' in status)) {
    if (!status.stored) {
      const create = 'Create Instance';
      void vscode.window.showWarningMessage(`Erudi Migrations: ${prepared.settings.database.url} holds no instance of ${app.name} yet.`, create).then((choice) => {
        if (choice === create) void vscode.commands.executeCommand('erudiMigrations.createInstance', vscode.Uri.file(app.folder));
      });
      return;
    }
    if (status.pending.length === 0 && status.stored.model === status.installed.model && status.stored.erudi === status.installed.erudi) {
      void vscode.window.showInformationMessage(`Erudi Migrations: ${app.name} is up to date (model ${status.stored.model}).`);
      return;
    }
  }
  const known = status && !('error' in status) ? status : undefined;
  await runMigration(ctx, {
    command: 'upgrade', app, title: `Upgrade ${app.name}`,
    confirmation: (settings) => ({
      message: known
        ? `Upgrade ${app.name} in ${settings.database.url} from ${known.stored?.model} to ${known.installed.model}?`
        : `Upgrade ${app.name} in ${settings.database.url}?`,
      detail: [
        known ? (known.pending.length ? `${known.pending.length} script(s) will run, in this order:\n${known.pending.map((p) => `  ${p}`).join('\n')}` : 'Framework steps only; no script of the application runs.') : `The runtime's status could not be read: ${probe.stderr.trim().split('\n').pop() ?? ''}`,
        'Each version step commits together with its stored version.',
        settings.database.kind === 'sqlite' ? 'The SQLite file is copied to a timestamped backup first.' : '',
      ].filter(Boolean).join('\n\n'),
      action: 'Upgrade',
    }),
  });
}
