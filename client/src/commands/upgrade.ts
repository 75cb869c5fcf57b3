// erudiMigrations.upgrade: shows the upgrade's plan (steps, scripts, ledger, pre-flight), then asks Upgrade, Dry Run or Cancel.
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { parseUpgradePlan, planScriptCount, renderUpgradePlan } from '../core/upgradePlan';
import { runMigration, startInstanceCommand } from '../migrationRun';
import { runRuntime } from '../runner';

export async function upgrade(ctx: ClientContext, arg: unknown): Promise<void> {
  const prepared = await startInstanceCommand(ctx, arg, 'Upgrade', 'Upgrade Instance');
  if (!prepared) return;
  const { app, database } = prepared;
  // Ask the runtime what will run, so that the plan and the confirmation name it.
  const probe = await runRuntime(ctx.runtimeRoot, { command: 'status', app, settings: prepared.settings, password: prepared.password }, {});
  const plan = probe.stdout.trim() ? parseUpgradePlan(probe.stdout) : { error: probe.spawnError ?? (probe.stderr.trim().split('\n').pop() || 'no status') };
  if (!('error' in plan)) {
    if (!plan.stored) {
      const create = 'Create Instance';
      void vscode.window.showWarningMessage(`Erudi Migrations: ${database} holds no instance of ${app.name} yet.`, create).then((choice) => {
        if (choice === create) void vscode.commands.executeCommand('erudiMigrations.createInstance', vscode.Uri.file(app.folder));
      });
      return;
    }
    if (!plan.blocked && !plan.steps.length && !plan.unapplied.length && planScriptCount(plan) === 0) {
      void vscode.window.showInformationMessage(`Erudi Migrations: ${app.name} is up to date (model ${plan.stored.model}).`);
      return;
    }
    await ctx.previews.show(`Upgrade plan of ${app.name}`, renderUpgradePlan(plan, app.name, database), app.folder, 'markdown');
    if (plan.blocked) {
      void vscode.window.showErrorMessage(`Erudi Migrations: the upgrade of ${app.name} is blocked: ${plan.blocked}`);
      return;
    }
  }
  const known = 'error' in plan ? undefined : plan;
  const scripts = known ? known.steps.flatMap((s) => s.scripts).concat(known.otherScripts) : [];
  const message = known
    ? `Upgrade ${app.name} in ${database} from ${known.stored?.model} to ${known.installed.model}?`
    : `Upgrade ${app.name} in ${database}?`;
  const detail = [
    known ? `${known.steps.length} step(s), ${scripts.length} script(s)${scripts.length ? `, in this order:\n${scripts.map((p) => `  ${p}`).join('\n')}` : '; no script of the application runs.'}` : `The runtime's status could not be read: ${'error' in plan ? plan.error : ''}`,
    'Each version step commits together with its stored version. Dry Run runs everything and rolls it back.',
    prepared.settings.database.kind === 'sqlite' ? 'The SQLite file is copied to a timestamped backup first.' : '',
  ].filter(Boolean).join('\n\n');
  const choice = await ctx.prompts.choose(message, detail, ['Upgrade', 'Dry Run']);
  if (!choice) return;
  await runMigration(ctx, { command: 'upgrade', app, title: choice === 'Dry Run' ? `Dry run of the upgrade of ${app.name}` : `Upgrade ${app.name}`, dryRun: choice === 'Dry Run' });
}
