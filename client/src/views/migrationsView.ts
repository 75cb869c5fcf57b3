// The Migrations view: per application its stored and model versions, then its scripts grouped by version step
// (the next upgrade's framework steps among them), each marked applied, pending, unapplied or changed after apply.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applicationSummary } from '../core/migrationStatus';
import { groupScripts, groupSummary, recordSummary, scriptLabel, type ScriptEntry, type ScriptState, type VersionGroup } from '../core/scriptGroups';
import type { ApplicationStatus, InstanceStatuses } from '../instanceStatus';

type MigrationsNode =
  | { kind: 'application'; entry: ApplicationStatus }
  | { kind: 'fact'; label: string; description?: string; icon: string; tooltip?: string }
  | { kind: 'group'; entry: ApplicationStatus; group: VersionGroup }
  | { kind: 'script'; file: string; script: ScriptEntry['script']; state: ScriptState; changed?: ScriptEntry['changed']; record?: ScriptEntry['record'] };

const ICONS: Record<ScriptState, [string, string?]> = {
  applied: ['pass-filled', 'testing.iconPassed'],
  pending: ['circle-large-outline'],
  unapplied: ['warning', 'problemsWarningIcon.foreground'],
  'changed after apply': ['diff-modified', 'problemsWarningIcon.foreground'],
  'above the model': ['circle-slash'],
  'no instance': ['circle-large-outline'],
  unknown: ['question'],
};

export class MigrationsView implements vscode.TreeDataProvider<MigrationsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly statuses: InstanceStatuses) {
    statuses.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: MigrationsNode): MigrationsNode[] {
    if (!node) return this.statuses.all.map((entry) => ({ kind: 'application', entry }));
    if (node.kind === 'group') {
      return node.group.scripts.map((s) => ({ kind: 'script', file: path.join(node.entry.app.folder, 'migration', s.file), script: s.script, state: s.state, changed: s.changed, record: s.record }));
    }
    if (node.kind !== 'application') return [];
    const { entry } = node;
    const facts: MigrationsNode[] = [];
    if (entry.status) {
      const { stored, installed, blocked } = entry.status;
      facts.push({ kind: 'fact', label: 'Stored', description: stored ? `model ${stored.model} · erudi ${stored.erudi}` : 'no instance', icon: 'database', tooltip: entry.database });
      facts.push({ kind: 'fact', label: 'Code', description: `model ${installed.model} · erudi ${installed.erudi}`, icon: 'file-code' });
      if (blocked) facts.push({ kind: 'fact', label: 'Blocked', description: blocked, icon: 'error', tooltip: blocked });
    } else {
      facts.push({ kind: 'fact', label: 'Status unknown', description: entry.problem, icon: 'warning', tooltip: entry.problem });
    }
    const folder = path.join(entry.app.folder, 'migration');
    const files = existsSync(folder) ? readdirSync(folder) : [];
    return [...facts, ...groupScripts(files, entry.status).map((group): MigrationsNode => ({ kind: 'group', entry, group }))];
  }

  getTreeItem(node: MigrationsNode): vscode.TreeItem {
    if (node.kind === 'application') {
      const item = new vscode.TreeItem(node.entry.app.name, vscode.TreeItemCollapsibleState.Expanded);
      const s = node.entry.status;
      item.description = s ? applicationSummary(s) : '';
      item.tooltip = `${node.entry.app.folder}${node.entry.database ? `\n${node.entry.database}` : ''}${s?.blocked ? `\nBlocked: ${s.blocked}` : ''}`;
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
    if (node.kind === 'group') {
      const { group } = node;
      // Open: what is still to run or needs a look, and the release in progress (the model version).
      const pendingHere = group.upcoming !== undefined || group.scripts.some((s) => s.state !== 'applied')
        || group.version === node.entry.status?.installed.model;
      const item = new vscode.TreeItem(group.label, group.scripts.length
        ? (pendingHere ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed)
        : vscode.TreeItemCollapsibleState.None);
      item.description = groupSummary(group);
      item.tooltip = `${group.label}: ${groupSummary(group)}`;
      item.iconPath = new vscode.ThemeIcon(group.kind === 'framework' ? 'gear' : group.upcoming ? 'arrow-circle-up' : 'versions');
      item.contextValue = group.upcoming ? 'erudiUpcomingStep' : 'erudiVersionStep';
      return item;
    }
    const name = path.basename(node.file);
    const item = new vscode.TreeItem(scriptLabel(name), vscode.TreeItemCollapsibleState.None);
    // Applied scripts say when and how long from the ledger (issue 15); the tooltip holds the rest.
    const ledger = recordSummary({ file: name, script: node.script, state: node.state, record: node.record });
    item.description = node.state === 'unknown' ? '' : ledger?.description ?? node.state;
    const changed = node.changed ? `\nChanged after it was applied${node.changed.applied_at ? ` (${node.changed.applied_at})` : ''}: sha256 ${node.changed.recorded ?? '?'} then, ${node.changed.current ?? '?'} now` : '';
    const recorded = ledger ? `\n${ledger.tooltip}` : '';
    item.tooltip = new vscode.MarkdownString(`**${name}**\n\n${node.file}\n\n${node.state}${(recorded + changed).replace(/\n/g, '\n\n')}`);
    const [icon, color] = ICONS[node.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.resourceUri = vscode.Uri.file(node.file);
    item.contextValue = node.state === 'unapplied' ? 'erudiMigrationScript erudiUnappliedScript' : 'erudiMigrationScript';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.file)] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
