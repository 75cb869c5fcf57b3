// Tool erudi_migrations_check: the language server's diagnostics of migration folders, as the headless checker prints them (read-only).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../protocol/protocol';
import { textResult } from './toolResult';

export interface CheckInput {
  folder?: string;
}

const SEVERITY = ['error', 'warning', 'information', 'hint'];

export function checkTool(): vscode.LanguageModelTool<CheckInput> {
  return {
    prepareInvocation: () => ({ invocationMessage: 'Collecting the Erudi Migrations diagnostics' }),
    async invoke(options) {
      const folder = options.input?.folder;
      const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      const under = folder ? path.resolve(root, folder) : undefined;
      const lines: string[] = [];
      let errors = 0;
      for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
        if (under && !(uri.fsPath === under || uri.fsPath.startsWith(under + path.sep))) continue;
        for (const d of diagnostics) {
          if (d.source !== DIAGNOSTIC_SOURCE) continue;
          if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
          const code = typeof d.code === 'object' ? d.code.value : d.code;
          lines.push(`${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity]} ${code ?? ''}: ${d.message}`);
        }
      }
      lines.sort();
      return textResult(lines.length ? `${lines.length} diagnostic(s), ${errors} error(s):\n${lines.join('\n')}` : `No Erudi Migrations diagnostic${folder ? ` under ${folder}` : ''}.`);
    },
  };
}
