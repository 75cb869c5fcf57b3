// What the assistants' tools share: a text result, and the application a tool's input names.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findApplications, type Application } from '../paths';

export function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The application named by folder name or path; the only one when none is named; else an error listing them. */
export async function applicationNamed(name: string | undefined): Promise<Application | { error: string }> {
  const apps = await findApplications();
  if (!apps.length) return { error: 'There is no application in this workspace (a folder with a migration/ folder and __pkginfo__.py).' };
  if (!name) return apps.length === 1 ? apps[0]! : { error: `Name the application: ${apps.map((a) => a.name).join(', ')}.` };
  const wanted = path.resolve(name);
  const found = apps.find((a) => a.name === name || a.folder === name || a.folder === wanted
    || a.folder.endsWith(`${path.sep}${name.replace(/[\\/]+$/, '')}`));
  return found ?? { error: `No application "${name}" in this workspace; there are: ${apps.map((a) => a.name).join(', ')}.` };
}

/** A workspace-relative or absolute path as a file Uri. */
export function workspaceFile(file: string): vscode.Uri {
  if (path.isAbsolute(file)) return vscode.Uri.file(file);
  const folder = vscode.workspace.workspaceFolders?.find((f) => existsSync(path.join(f.uri.fsPath, file)));
  return vscode.Uri.file(path.join((folder ?? vscode.workspace.workspaceFolders?.[0])?.uri.fsPath ?? process.cwd(), file));
}
