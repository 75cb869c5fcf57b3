// Restricted Mode: checks keep working, but nothing that executes workspace code (schema.py, scripts) runs until the workspace is trusted.
import * as vscode from 'vscode';

/** True when the workspace is trusted; otherwise explains why `action` is refused and offers to manage trust. */
export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  // Not awaited: the command ends now, whether or not the message is ever answered.
  void vscode.window.showErrorMessage(
    `Erudi Migrations: ${action} is disabled in Restricted Mode. It would execute this workspace's Python code (schema.py, migration scripts) and write to a database. Trust the workspace to allow it; the checks in the Problems panel keep working meanwhile.`,
    manage,
  ).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
