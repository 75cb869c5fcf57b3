// Reads the extension's settings for one application: database URL (expanded), interpreter, instance kind, custom runner.
import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import { expandDatabaseUrl, parseDatabaseUrl, type DatabaseUrl } from '../../protocol/database-url';
import type { Application } from './paths';
import { SETTINGS_SECTION } from '../../protocol/protocol';

export const section = SETTINGS_SECTION;
export const defaultDatabaseUrl = 'sqlite:///${workspaceFolder}/.erudi/${application}.sqlite';
export const instanceKinds = ['all-in-one', 'repository', 'web'] as const;

export interface RunSettings {
  database: DatabaseUrl;
  python: string;
  instanceKind: (typeof instanceKinds)[number];
  /** The custom runner template, when the user runs scripts with their own tool. */
  runnerCommand: string | undefined;
}

export async function readRunSettings(app: Application): Promise<RunSettings | { error: string }> {
  const config = vscode.workspace.getConfiguration(section, app.workspaceFolder.uri);
  const template = config.get<string>('database.url') || defaultDatabaseUrl;
  const expanded = expandDatabaseUrl(template, { workspaceFolder: app.workspaceFolder.uri.fsPath, application: app.name, env: process.env });
  if ('error' in expanded) return expanded;
  const database = parseDatabaseUrl(expanded.url);
  if ('error' in database) return { error: `erudiMigrations.database.url: ${database.error}` };
  if (database.kind === 'postgresql' && database.inlinePassword) {
    return { error: 'erudiMigrations.database.url contains a password. Remove it from the URL and run "Erudi Migrations: Set Database Password": the password is kept in the secret storage.' };
  }
  const kind = config.get<string>('instanceKind') ?? 'all-in-one';
  const instanceKind = (instanceKinds as readonly string[]).includes(kind) ? (kind as RunSettings['instanceKind']) : 'all-in-one';
  const runnerCommand = config.get<string>('runner.command')?.trim() || undefined;
  return { database, python: await pythonInterpreter(app.workspaceFolder.uri), instanceKind, runnerCommand };
}

/** The setting, else the Python extension's selected interpreter, else `python3`. */
export async function pythonInterpreter(resource: vscode.Uri): Promise<string> {
  const configured = vscode.workspace.getConfiguration(section, resource).get<string>('pythonPath')?.trim();
  if (configured) return configured;
  if (vscode.extensions.getExtension('ms-python.python')) {
    try {
      const api = await PythonExtension.api();
      const active = api.environments.getActiveEnvironmentPath(resource);
      const resolved = await api.environments.resolveEnvironment(active);
      const executable = resolved?.executable.uri?.fsPath;
      if (executable) return executable;
    } catch {
      // The Python extension is present but not ready: the plain interpreter still works.
    }
  }
  return 'python3';
}
