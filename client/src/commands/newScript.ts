// erudiMigrations.newScript: asks a description and a mode, proposes the next version, writes a correctly named script with a header snippet.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import {
  buildScriptName, compareVersions, descriptionFromText, formatVersion, isValidVersion, modes, parseScriptName, proposeVersions, readModelVersion, type Mode,
} from '../core/migrationScript';
import { numversionEdit } from '../../../server/src/core/numversion-edit';
import { snippetsFolder } from '../paths';
import { pickApplication } from './pickApplication';

const modeHelp: Record<Mode, string> = {
  Any: 'repository side; changes the schema and data in the database',
  repository: 'repository side; files on disk',
  web: 'web side; files on disk',
  common: 'both sides; files on disk',
};

export async function newScript(ctx: ClientContext, arg: unknown): Promise<void> {
  const app = await pickApplication(arg, 'New Migration Script');
  if (!app) return;
  const title = `New migration script in ${app.name}`;
  const text = await vscode.window.showInputBox({
    title, prompt: 'What does the script do? (becomes the description part of the file name; may be empty)',
    placeHolder: 'add age to person',
    validateInput: (value) => (value.trim() && !descriptionFromText(value) ? 'Use letters or digits.' : undefined),
  });
  if (text === undefined) return;
  const description = descriptionFromText(text);
  const modePick = await vscode.window.showQuickPick(
    [
      ...modes.map((mode) => ({ label: mode, description: modeHelp[mode], mode, ext: 'py' as const })),
      { label: 'Any (.sql)', description: 'plain SQL, executed statement by statement', mode: 'Any' as Mode, ext: 'sql' as const },
    ],
    { title, placeHolder: 'Mode: where the script runs' },
  );
  if (!modePick) return;

  const migration = path.join(app.folder, 'migration');
  const existing = existsSync(migration) ? readdirSync(migration).map(parseScriptName).filter((s) => !!s) : [];
  const pkginfo = path.join(app.folder, '__pkginfo__.py');
  const model = existsSync(pkginfo) ? readModelVersion(readFileSync(pkginfo, 'utf8')) : undefined;
  const proposals = proposeVersions(model, existing.map((s) => s.version));
  const other = 'Other version…';
  const versionPick = await vscode.window.showQuickPick(
    [...proposals.map((p) => ({ label: p.version, description: p.note })), { label: other, description: '' }],
    { title, placeHolder: 'Version: scripts run when upgrading to this model version' },
  );
  if (!versionPick) return;
  let version = versionPick.label;
  if (version === other) {
    const typed = await vscode.window.showInputBox({ title, prompt: 'Version X.Y.Z', validateInput: (v) => (isValidVersion(v.trim()) ? undefined : 'Three integers without leading zeros, like 0.13.0.') });
    if (!typed) return;
    version = typed.trim();
  }
  if (model && compareVersions(version.split('.').map(Number), model) > 0) {
    const raised = await offerToRaiseModel(ctx, pkginfo, model, version);
    if (raised === undefined) return;
  }

  const name = buildScriptName(version, description, modePick.mode, modePick.ext);
  const file = vscode.Uri.file(path.join(migration, name));
  if (existsSync(file.fsPath)) {
    void vscode.window.showErrorMessage(`Erudi Migrations: ${vscode.workspace.asRelativePath(file)} already exists.`);
    return;
  }
  await vscode.workspace.fs.writeFile(file, new Uint8Array());
  const editor = await vscode.window.showTextDocument(file);
  await editor.insertSnippet(headerSnippet(ctx, modePick.ext, text.trim() || name, modePick.mode, version));
  await editor.document.save();
}

/**
 * A script above `numversion` never runs (the upgrade stops at the model version): offers to raise it in __pkginfo__.py.
 * Resolves to true when raised, false when the user keeps it, undefined when they cancel.
 */
async function offerToRaiseModel(ctx: ClientContext, pkginfo: string, model: [number, number, number], version: string): Promise<boolean | undefined> {
  const raise = `Raise numversion to ${version}`;
  const keep = 'Keep numversion';
  const answer = await ctx.prompts.choose(
    `${version} is above the model version ${formatVersion(model)}. Raise numversion in __pkginfo__.py?`,
    'An upgrade stops at the model version (numversion): a script above it does not run until numversion is raised.',
    [raise, keep],
  );
  if (answer === undefined) return undefined;
  if (answer === keep) return false;
  const uri = vscode.Uri.file(pkginfo);
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = numversionEdit(document.getText(), version.split('.').map(Number) as [number, number, number]);
  if (!edit) {
    void vscode.window.showWarningMessage(`Erudi Migrations: could not find numversion = (X, Y, Z) in ${vscode.workspace.asRelativePath(uri)}; raise it by hand.`);
    return false;
  }
  const change = new vscode.WorkspaceEdit();
  const { start, end } = edit.range;
  change.replace(uri, new vscode.Range(start.line, start.character, end.line, end.character), edit.newText);
  await vscode.workspace.applyEdit(change);
  await document.save();
  return true;
}

/** The header from the `header` snippet of snippets/ (the one completion offers), its first placeholder filled with the description. */
function headerSnippet(ctx: ClientContext, ext: 'py' | 'sql', summary: string, mode: Mode, version: string): vscode.SnippetString {
  const escaped = summary.replace(/[$}\\]/g, '\\$&');
  const body = ext === 'py' ? findHeaderSnippet(snippetsFolder(ctx.extension)) : undefined;
  if (body) return new vscode.SnippetString(body.replace(/\$\{1:[^}]*\}/, () => `\${1:${escaped}}`));
  // .sql scripts have no Python docstring; a missing snippet file still gives a named, documented file.
  const comment = ext === 'sql' ? '--' : '#';
  return new vscode.SnippetString(`${comment} ${escaped}.\n${comment} Mode ${mode}: ${modeHelp[mode]}. Runs when upgrading to model ${version}.\n\n$0\n`);
}

/** Finds, in the snippet files, the entry whose name or prefix says "header". */
export function findHeaderSnippet(folder: string): string | undefined {
  if (!existsSync(folder)) return undefined;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json') || f.endsWith('.code-snippets')).sort()) {
    let snippets: Record<string, { prefix?: string | string[]; body?: string | string[] }>;
    try {
      snippets = JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
    } catch {
      continue;
    }
    for (const [key, snippet] of Object.entries(snippets)) {
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix ?? ''];
      if (/header/i.test(key) || prefixes.some((p) => /header/i.test(p))) {
        return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      }
    }
  }
  return undefined;
}
