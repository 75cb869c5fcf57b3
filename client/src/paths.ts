// Where things are: the applications of the workspace (folders holding `migration/`), the script a command acts on, the bundled runtime.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseScriptName } from './core/migrationScript';

/** An application: a folder with a `migration/` folder (and usually `__pkginfo__.py` and `schema.py`). */
export interface Application {
  name: string;
  folder: string;
  workspaceFolder: vscode.WorkspaceFolder;
}

const ignored = '**/{node_modules,.git,.erudi,dist,.venv,venv}/**';

export async function findApplications(): Promise<Application[]> {
  const found = new Map<string, Application>();
  const hits = await vscode.workspace.findFiles('**/migration/*.{py,sql,map}', ignored, 20000);
  const pkginfos = await vscode.workspace.findFiles('**/__pkginfo__.py', ignored, 2000);
  for (const uri of hits) addApplication(found, path.dirname(path.dirname(uri.fsPath)), uri);
  for (const uri of pkginfos) addApplication(found, path.dirname(uri.fsPath), uri);
  return [...found.values()].sort((a, b) => a.folder.localeCompare(b.folder));
}

function addApplication(found: Map<string, Application>, folder: string, uri: vscode.Uri): void {
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
  if (!workspaceFolder || found.has(folder)) return;
  found.set(folder, { name: path.basename(folder), folder, workspaceFolder });
}

/** The application a file belongs to, when it sits in an application's `migration/` folder. */
export function applicationOfScript(file: vscode.Uri): Application | undefined {
  if (file.scheme !== 'file' || path.basename(path.dirname(file.fsPath)) !== 'migration') return undefined;
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(file);
  if (!workspaceFolder) return undefined;
  const folder = path.dirname(path.dirname(file.fsPath));
  return { name: path.basename(folder), folder, workspaceFolder };
}

/**
 * The file or folder a command was invoked on: a Uri from the explorer, editor title or CodeLens, or a node of the
 * Migrations view (which hands its own elements to commands: a script's `file`, an application's folder).
 */
export function invokedOn(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const node = arg as { file?: unknown; entry?: { app?: { folder?: unknown } } } | undefined;
  if (typeof node?.file === 'string') return vscode.Uri.file(node.file);
  if (typeof node?.entry?.app?.folder === 'string') return vscode.Uri.file(node.entry.app.folder);
  return undefined;
}

/** The script a command acts on: the one it was invoked on, else the active editor's. */
export function scriptTarget(arg: unknown): { uri: vscode.Uri } | { error: string } {
  const uri = invokedOn(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return { error: 'Open a migration script (migration/<X.Y.Z>_<description>_<mode>.py) first, or pick one in the explorer.' };
  const name = path.basename(uri.fsPath);
  if (!applicationOfScript(uri)) return { error: `${name} is not in an application's migration/ folder, so it is no migration script.` };
  if (!parseScriptName(name)) {
    return { error: `${name} is not a valid migration script name: expected <X.Y.Z>[_<description>]_<Any|repository|web|common>.py (see the Problems panel).` };
  }
  return { uri };
}

/** The application folder a read-only document of this extension (rows, previews, plans) was made for. */
export function applicationFolderOfDocument(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'erudi-data' && uri.scheme !== 'erudi-preview') return undefined;
  try {
    const app = (JSON.parse(uri.query) as { app?: unknown }).app;
    return typeof app === 'string' ? app : undefined;
  } catch {
    return undefined;
  }
}

/** The Python package root of the runtime shipped inside the extension. */
export function runtimeRoot(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath('runtime');
}

export function snippetsFolder(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath('snippets');
}
