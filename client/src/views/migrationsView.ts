// The Migrations view: per application, stored and model versions and every script marked applied or pending; a click opens it.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { compareVersions, formatVersion, parseScriptName, type MigrationScriptName } from '../core/migrationScript';
import { applicationSummary } from '../core/migrationStatus';
import type { ApplicationStatus, InstanceStatuses } from '../instanceStatus';

type ScriptState = 'applied' | 'pending' | 'not selected' | 'no instance' | 'unknown';

type MigrationsNode =
  | { kind: 'application'; entry: ApplicationStatus }
  | { kind: 'fact'; label: string; description?: string; icon: string; tooltip?: string }
  | { kind: 'script'; file: string; script: MigrationScriptName; state: ScriptState };

export class MigrationsView implements vscode.TreeDataProvider<MigrationsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly statuses: InstanceStatuses) {
    statuses.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: MigrationsNode): MigrationsNode[] {
    if (!node) return this.statuses.all.map((entry) => ({ kind: 'application', entry }));
    if (node.kind !== 'application') return [];
    const { entry } = node;
    const facts: MigrationsNode[] = [];
    if (entry.status) {
      const { stored, installed } = entry.status;
      facts.push({ kind: 'fact', label: 'Stored', description: stored ? `model ${stored.model} · erudi ${stored.erudi}` : 'no instance', icon: 'database', tooltip: entry.database });
      facts.push({ kind: 'fact', label: 'Model', description: `model ${installed.model} · erudi ${installed.erudi}`, icon: 'file-code' });
    } else {
      facts.push({ kind: 'fact', label: 'Status unknown', description: entry.problem, icon: 'warning', tooltip: entry.problem });
    }
    return [...facts, ...this.scripts(entry)];
  }

  private scripts(entry: ApplicationStatus): MigrationsNode[] {
    const folder = path.join(entry.app.folder, 'migration');
    if (!existsSync(folder)) return [];
    const pending = new Set(entry.status?.pending.map((p) => path.basename(p)));
    const stored = entry.status?.stored?.model.split('.').map(Number);
    const scripts = readdirSync(folder)
      .map((file) => ({ file, script: parseScriptName(file) }))
      .filter((s): s is { file: string; script: MigrationScriptName } => !!s.script)
      // The order the runtime runs them in: by version, then by file name in byte order.
      .sort((a, b) => compareVersions(a.script.version, b.script.version) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return scripts.map(({ file, script }) => {
      let state: ScriptState = 'unknown';
      if (entry.status) {
        if (!entry.status.stored) state = 'no instance';
        else if (pending.has(file)) state = 'pending';
        else if (stored && compareVersions(script.version, stored) <= 0) state = 'applied';
        else state = 'not selected';
      }
      return { kind: 'script', file: path.join(folder, file), script, state };
    });
  }

  getTreeItem(node: MigrationsNode): vscode.TreeItem {
    if (node.kind === 'application') {
      const item = new vscode.TreeItem(node.entry.app.name, vscode.TreeItemCollapsibleState.Expanded);
      const s = node.entry.status;
      item.description = s ? applicationSummary(s) : '';
      item.tooltip = node.entry.app.folder;
      item.iconPath = new vscode.ThemeIcon('package');
      item.contextValue = 'erudiApplication';
      item.resourceUri = vscode.Uri.file(node.entry.app.folder);
      return item;
    }
    if (node.kind === 'fact') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.description;
      item.tooltip = node.tooltip ?? node.description;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      return item;
    }
    const item = new vscode.TreeItem(path.basename(node.file), vscode.TreeItemCollapsibleState.None);
    item.description = node.state === 'unknown' ? formatVersion(node.script.version) : node.state;
    item.tooltip = `${node.file}\n${node.state}`;
    item.iconPath = new vscode.ThemeIcon(
      node.state === 'applied' ? 'pass-filled' : node.state === 'pending' ? 'circle-large-outline' : 'circle-slash',
      node.state === 'applied' ? new vscode.ThemeColor('testing.iconPassed') : undefined,
    );
    item.resourceUri = vscode.Uri.file(node.file);
    item.contextValue = 'erudiMigrationScript';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.file)] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
