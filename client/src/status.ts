// The status-bar item (`DB 0.2.0 → 0.4.0 · 3 pending`) and the language status item showing the server's state.
import * as vscode from 'vscode';
import { statusBarText, statusSentence } from './core/migrationStatus';
import type { InstanceStatuses } from './instanceStatus';
import { serverDocuments, type LanguageServer, type ServerState } from './server';
import { slowCheckDetail } from './core/slowCheck';
import type { SlowCheckParams } from '../../protocol/protocol';

export function createStatusBar(statuses: InstanceStatuses): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('erudiMigrations.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Erudi Migrations: database status';
  item.command = 'erudiMigrations.showStatus';
  // Output channels and other non-file editors do not belong to an application: keep the last file's.
  let lastFile: vscode.Uri | undefined;
  const update = () => {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === 'file') lastFile = active;
    // Before any file is opened: the first application's, so the item is there as soon as the extension starts.
    const current = statuses.forFile(lastFile) ?? statuses.all[0];
    if (!current) { item.hide(); return; }
    if (current.status) {
      item.text = `$(database) ${statusBarText(current.status)}`;
      item.tooltip = `${statusSentence(current.app.name, current.status)}\n${current.database ?? ''}`;
      item.backgroundColor = current.status.pending.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } else {
      item.text = vscode.workspace.isTrusted ? '$(database) DB ?' : '$(shield) DB: Restricted Mode';
      item.tooltip = `${current.app.name}: ${current.problem ?? 'status not read yet'}`;
      item.backgroundColor = undefined;
    }
    item.show();
  };
  update();
  return vscode.Disposable.from(item, statuses.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update));
}

const stateText: Record<ServerState, string> = {
  starting: '$(loading~spin) Erudi Migrations: starting',
  running: '$(check) Erudi Migrations: checking',
  stopped: '$(circle-slash) Erudi Migrations: stopped',
  failed: '$(error) Erudi Migrations: failed to start',
};

export function createServerStatus(server: LanguageServer): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('erudiMigrations.server', serverDocuments);
  item.name = 'Erudi Migrations Language Server';
  item.command = { title: 'Show log', command: 'erudiMigrations.showServerLog' };
  // The last check over a second, until the server restarts: shown as a warning, like ESLint's time budget.
  let slow: SlowCheckParams | undefined;
  const update = (state: ServerState) => {
    item.text = slow && state === 'running' ? '$(warning) Erudi Migrations: slow check' : stateText[state];
    const restricted = vscode.workspace.isTrusted ? undefined : 'Restricted Mode: checks only, runs disabled';
    item.detail = slow && state === 'running' ? slowCheckDetail(slow, vscode.workspace.asRelativePath(slow.path)) : restricted;
    item.severity = state === 'failed' ? vscode.LanguageStatusSeverity.Error : slow && state === 'running' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    item.busy = state === 'starting';
  };
  update(server.state);
  return vscode.Disposable.from(
    item,
    server.onDidChangeState((state) => {
      if (state !== 'running') slow = undefined;
      update(state);
    }),
    server.onDidCheckSlowly((params) => {
      slow = params;
      update(server.state);
    }),
  );
}
