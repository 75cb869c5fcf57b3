// Tool erudi_migrations_status: each application's stored and model versions and what an upgrade would run (read-only).
import type * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { statusSentence } from '../core/migrationStatus';
import { textResult } from './toolResult';

export interface StatusInput {
  application?: string;
}

export function statusTool(ctx: ClientContext): vscode.LanguageModelTool<StatusInput> {
  return {
    prepareInvocation: () => ({ invocationMessage: 'Reading the migration status of the instances' }),
    async invoke(options) {
      await ctx.statuses.refresh();
      const wanted = options.input?.application;
      const all = ctx.statuses.all.filter((s) => !wanted || s.app.name === wanted || s.app.folder === wanted);
      if (!all.length) return textResult(wanted ? `No application "${wanted}" in this workspace.` : 'No application in this workspace.');
      const lines: string[] = [];
      for (const s of all) {
        lines.push(s.status ? statusSentence(s.app.name, s.status) : `${s.app.name}: ${s.problem}`);
        if (s.database) lines.push(`  database: ${s.database}`);
        for (const p of s.status?.pending ?? []) lines.push(`  pending: ${p}`);
      }
      return textResult(lines.join('\n'));
    },
  };
}
