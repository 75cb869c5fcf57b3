// Registers the language model tools of package.json's `languageModelTools`, so that an assistant in the editor can
// answer "what will this upgrade do?": status and check are read-only, previews ask the user first and write nothing.
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { checkTool } from './checkTool';
import { generateScriptTool } from './generateTool';
import { previewScriptTool, previewUpgradeTool } from './previewTools';
import { statusTool } from './statusTool';

export const TOOL_NAMES = ['erudi_migrations_status', 'erudi_migrations_check', 'erudi_migrations_preview_script', 'erudi_migrations_preview_upgrade', 'erudi_migrations_generate_script'] as const;

export function registerLanguageModelTools(ctx: ClientContext): vscode.Disposable[] {
  // Editors without the language model API (older hosts) simply get no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return [];
  const tools: Record<(typeof TOOL_NAMES)[number], vscode.LanguageModelTool<never>> = {
    erudi_migrations_status: statusTool(ctx) as vscode.LanguageModelTool<never>,
    erudi_migrations_check: checkTool() as vscode.LanguageModelTool<never>,
    erudi_migrations_preview_script: previewScriptTool(ctx) as vscode.LanguageModelTool<never>,
    erudi_migrations_preview_upgrade: previewUpgradeTool(ctx) as vscode.LanguageModelTool<never>,
    erudi_migrations_generate_script: generateScriptTool(ctx) as vscode.LanguageModelTool<never>,
  };
  const registered = TOOL_NAMES.map((name) => vscode.lm.registerTool(name, tools[name]));
  const known = vscode.lm.tools.filter((t) => (TOOL_NAMES as readonly string[]).includes(t.name)).map((t) => t.name);
  ctx.output.appendLine(`Language model tools registered: ${known.join(', ') || 'none'}`);
  return registered;
}
