// Which application a command acts on: the one of the file it was invoked on or of the active editor, else asked.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applicationFolderOfDocument, applicationOfScript, findApplications, invokedOn, type Application } from '../paths';

export async function pickApplication(arg: unknown, purpose: string): Promise<Application | undefined> {
  const uri = invokedOn(arg) ?? vscode.window.activeTextEditor?.document.uri;
  const apps = await findApplications();
  // A page of rows, a preview or a plan belongs to the application it was made for.
  const shownFrom = uri && applicationFolderOfDocument(uri);
  const shown = shownFrom ? apps.find((a) => a.folder === shownFrom) : undefined;
  if (shown) return shown;
  if (uri) {
    const ofScript = applicationOfScript(uri);
    if (ofScript) return ofScript;
    const containing = apps.find((a) => uri.fsPath === a.folder || uri.fsPath.startsWith(a.folder + path.sep));
    if (containing) return containing;
  }
  if (apps.length === 1) return apps[0];
  if (apps.length === 0) {
    void vscode.window.showErrorMessage('Erudi Migrations: no application in this workspace (a folder with a migration/ folder and __pkginfo__.py).');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    apps.map((app) => ({ label: app.name, description: vscode.workspace.asRelativePath(app.folder), app })),
    { title: `Erudi Migrations: ${purpose}`, placeHolder: 'Application' },
  );
  return picked?.app;
}
