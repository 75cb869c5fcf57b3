// Tools erudi_migrations_preview_script and erudi_migrations_preview_upgrade: a dry run (everything rolled back), after the
// user's confirmation since it runs the workspace's Python code against the database; the result is the SQL preview.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { buildRunReport, renderSqlPreview } from '../core/runReport';
import type { RuntimeEvent } from '../core/runtimeEvents';
import { prepareRun } from '../migrationRun';
import { applicationOfScript, type Application } from '../paths';
import { runRuntime } from '../runner';
import { applicationNamed, textResult, workspaceFile } from './toolResult';

async function dryRun(ctx: ClientContext, app: Application, command: 'run' | 'upgrade', title: string, script: string | undefined, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  if (!vscode.workspace.isTrusted) return textResult('Refused: the workspace is in Restricted Mode; a dry run executes its Python code.');
  const prepared = await prepareRun(ctx, app, false);
  if (!prepared) return textResult(`No usable database settings for ${app.name} (see the message shown to the user).`);
  const events: RuntimeEvent[] = [];
  const outcome = await runRuntime(ctx.runtimeRoot, { command, app, settings: prepared.settings, password: prepared.password, script, dryRun: true }, {
    onEvent: (event) => { events.push(event); },
    // Everything is rolled back: answering yes shows what the scripts do when the user says yes.
    confirm: async () => true,
  }, token);
  if (outcome.spawnError) return textResult(`The runtime could not start: ${outcome.spawnError}`);
  const report = renderSqlPreview(buildRunReport(events), title);
  const failure = outcome.exitCode !== 0 && !events.some((e) => e.event === 'error') ? `\n-- the runtime exited with code ${outcome.exitCode}: ${outcome.stderr.trim().split('\n').pop() ?? ''}\n` : '';
  return textResult(report + failure);
}

export interface PreviewScriptInput {
  script: string;
}

export function previewScriptTool(ctx: ClientContext): vscode.LanguageModelTool<PreviewScriptInput> {
  return {
    prepareInvocation(options) {
      const name = path.basename(options.input.script);
      return {
        invocationMessage: `Previewing ${name} (dry run)`,
        confirmationMessages: {
          title: 'Preview a migration script?',
          message: new vscode.MarkdownString(`Runs \`${name}\`'s Python code against the configured database in a transaction that is rolled back: nothing is written.`),
        },
      };
    },
    async invoke(options, token) {
      const uri = workspaceFile(options.input.script);
      const app = applicationOfScript(uri);
      if (!app) return textResult(`${options.input.script} is not in an application's migration/ folder.`);
      return dryRun(ctx, app, 'run', `Dry run of ${path.basename(uri.fsPath)}`, uri.fsPath, token);
    },
  };
}

export interface PreviewUpgradeInput {
  application?: string;
}

export function previewUpgradeTool(ctx: ClientContext): vscode.LanguageModelTool<PreviewUpgradeInput> {
  return {
    prepareInvocation(options) {
      return {
        invocationMessage: 'Previewing the upgrade (dry run)',
        confirmationMessages: {
          title: 'Preview the upgrade?',
          message: new vscode.MarkdownString(`Runs every pending step of ${options.input?.application ?? 'the application'} against the configured database in a transaction that is rolled back: nothing is written.`),
        },
      };
    },
    async invoke(options, token) {
      const app = await applicationNamed(options.input?.application);
      if ('error' in app) return textResult(app.error);
      return dryRun(ctx, app, 'upgrade', `Dry run of the upgrade of ${app.name}`, undefined, token);
    },
  };
}
