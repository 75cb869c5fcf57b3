// The Migrations view's content as plain data: an application's scripts grouped by version step, each with its state.
import { compareVersions, formatVersion, parseScriptName, type MigrationScriptName } from './migrationScript';
import type { MigrationStatus } from './migrationStatus';

export type ScriptState = 'applied' | 'pending' | 'unapplied' | 'changed after apply' | 'above the model' | 'no instance' | 'unknown';

export interface ScriptEntry {
  file: string;
  script: MigrationScriptName;
  state: ScriptState;
  /** When the ledger says so: the script's recorded and current checksums, when it was applied. */
  changed?: { recorded?: string; current?: string; applied_at?: string };
}

export interface VersionGroup {
  /** `model 0.2.0`, `framework (erudi) 2.27.0`. */
  label: string;
  kind: string;
  version: string;
  /** Position in the next upgrade (1-based), when it is one of its steps. */
  upcoming?: number;
  scripts: ScriptEntry[];
}

/**
 * Groups the script file names of a migration folder by version, in the order the runtime runs them, and interleaves
 * the framework steps an upgrade would run before the model step they precede.
 */
export function groupScripts(files: readonly string[], status: MigrationStatus | undefined): VersionGroup[] {
  const pending = new Set(status?.pending.map(baseName));
  const unapplied = new Set(status?.unapplied?.map(baseName));
  const changed = new Map(status?.changed?.map((c) => [baseName(c.file), c]));
  const stored = status?.stored?.model.split('.').map(Number);
  const model = status?.installed.model.split('.').map(Number);
  const scripts = files
    .map((file) => ({ file, script: parseScriptName(file) }))
    .filter((s): s is { file: string; script: MigrationScriptName } => !!s.script)
    .sort((a, b) => compareVersions(a.script.version, b.script.version) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const groups = new Map<string, VersionGroup>();
  for (const { file, script } of scripts) {
    let state: ScriptState = 'unknown';
    if (status) {
      if (!status.stored) state = 'no instance';
      else if (changed.has(file)) state = 'changed after apply';
      else if (unapplied.has(file)) state = 'unapplied';
      else if (pending.has(file)) state = 'pending';
      else if (stored && compareVersions(script.version, stored) <= 0) state = 'applied';
      else if (model && compareVersions(script.version, model) > 0) state = 'above the model';
      else state = 'pending';
    }
    const version = formatVersion(script.version);
    const group = groups.get(version) ?? { label: `model ${version}`, kind: 'model', version, scripts: [] };
    groups.set(version, group);
    const entry: ScriptEntry = { file, script, state };
    const c = changed.get(file);
    if (c) entry.changed = { recorded: c.recorded, current: c.current, applied_at: c.applied_at };
    group.scripts.push(entry);
  }
  const ordered = [...groups.values()];
  // The next upgrade's steps, in its order: model steps mark their group, framework steps get groups of their own.
  (status?.steps ?? []).forEach((step, index) => {
    if (step.kind === 'model') {
      const group = groups.get(step.version);
      if (group) group.upcoming = index + 1;
      else ordered.push({ label: `model ${step.version}`, kind: 'model', version: step.version, upcoming: index + 1, scripts: [] });
      return;
    }
    const label = step.kind === 'framework' ? `framework (erudi) ${step.version}` : `${step.kind} ${step.version}`;
    const next = status!.steps!.slice(index + 1).find((s) => s.kind === 'model');
    const at = next ? ordered.findIndex((g) => g.kind === 'model' && g.version === next.version) : -1;
    const group: VersionGroup = { label, kind: step.kind, version: step.version, upcoming: index + 1, scripts: [] };
    if (at >= 0) ordered.splice(at, 0, group);
    else ordered.push(group);
  });
  return ordered;
}

/** What a group's line says beside its label: `2 applied · 1 pending`. */
export function groupSummary(group: VersionGroup): string {
  if (!group.scripts.length) return group.upcoming ? `step ${group.upcoming} of the next upgrade` : 'no script';
  const counts = new Map<ScriptState, number>();
  for (const s of group.scripts) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
  const parts = [...counts].map(([state, n]) => `${n} ${state}`);
  return `${group.upcoming ? `step ${group.upcoming} · ` : ''}${parts.join(' · ')}`;
}

/** A script's label without the version its group already shows: `0.2.0_app_tokens_Any.py` → `app_tokens_Any.py`. */
export function scriptLabel(file: string): string {
  return file.replace(/^\d+\.\d+\.\d+_/, '');
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
