// Tool erudi_migrations_generate_script: the differences between the instance (after its pending scripts) and schema.py, and the script
// `erudi-migrate generate --dry-run` would write for them. Nothing is written; the user confirms first (it runs the workspace's code).
import * as vscode from 'vscode';
import { readGeneratedScript, readSchemaDiff } from '../../../server/src/core/schema-diff';
import type { ClientContext } from '../clientContext';
import { redactDatabaseUrl } from '../../../protocol/database-url';
import { prepareRun } from '../migrationRun';
import { runRuntime, YES_ON_ROLLED_BACK_RUNS } from '../runner';
import { applicationNamed, textResult } from './toolResult';

export interface GenerateInput {
  application?: string;
}

export function generateScriptTool(ctx: ClientContext): vscode.LanguageModelTool<GenerateInput> {
  return {
    prepareInvocation(options) {
      return {
        invocationMessage: 'Comparing schema.py with the instance and drafting the migration script (dry run)',
        confirmationMessages: {
          title: 'Draft a migration script from schema.py?',
          message: new vscode.MarkdownString(`Loads the schema files of ${options.input?.application ?? 'the application'} and applies its pending scripts to the configured database in a transaction that is rolled back, to compare the two schemas. Nothing is written: no file, no database change.`),
        },
      };
    },
    async invoke(options, token) {
      if (!vscode.workspace.isTrusted) return textResult('Refused: the workspace is in Restricted Mode; comparing the schemas executes its Python code.');
      const app = await applicationNamed(options.input?.application);
      if ('error' in app) return textResult(app.error);
      const prepared = await prepareRun(ctx, app, false);
      if (!prepared) return textResult(`No usable database settings for ${app.name} (see the message shown to the user).`);
      const base = { app, settings: prepared.settings, password: prepared.password };
      const database = redactDatabaseUrl(prepared.settings.database.url);
      const diffRun = await runRuntime(ctx.runtimeRoot, { ...base, command: 'diff', extraArgs: ['--after-pending'] }, YES_ON_ROLLED_BACK_RUNS, token);
      const diff = diffRun.spawnError ? { error: diffRun.spawnError } : readSchemaDiff(diffRun.stdout, diffRun.stderr, diffRun.exitCode);
      if ('error' in diff) return textResult(`The schema difference of ${app.name} with ${database} could not be read: ${diff.error}`);
      if (!diff.changes.length) return textResult(`${app.name}: the schema files and ${database} (model ${diff.storedVersion ?? '?'}${diff.afterPending ? ', after its pending scripts' : ''}) agree; no script is needed.`);
      const changes = diff.changes.map((c) => `- ${c.summary}${c.file ? ` (${vscode.workspace.asRelativePath(c.file)}${c.line ? `:${c.line}` : ''})` : ''}`);
      const run = await runRuntime(ctx.runtimeRoot, { ...base, command: 'generate', dryRun: true }, YES_ON_ROLLED_BACK_RUNS, token);
      const script = run.spawnError ? { error: run.spawnError } : readGeneratedScript(run.stdout, run.stderr, run.exitCode);
      const head = `${app.name}: ${diff.changes.length} change(s) between ${database} (model ${diff.storedVersion ?? '?'}${diff.afterPending ? ', after its pending scripts' : ''}) and the schema files:\n${changes.join('\n')}`;
      if ('error' in script) return textResult(`${head}\n\nThe script could not be drafted: ${script.error}`);
      const numversion = script.needsNumversion ? `\nIts version ${script.version} is above numversion ${script.numversion}: writing it should raise numversion in __pkginfo__.py.` : '';
      return textResult(`${head}\n\nDraft of migration script ${script.version} (not written; the command "Generate Migration Script from schema.py" writes it):${numversion}\n\n\`\`\`python\n${script.text}\`\`\``);
    },
  };
}
