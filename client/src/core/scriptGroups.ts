// The Migrations view's content as plain data: an application's scripts grouped by version step, each with its state.
import { compareVersions, formatVersion, parseScriptName, type MigrationScriptName } from './migrationScript';
import type { LedgerRecord, MigrationStatus } from './migrationStatus';

export type ScriptState = 'applied' | 'pending' | 'unapplied' | 'changed after apply' | 'above the model' | 'no instance' | 'unknown';

export interface ScriptEntry {
  file: string;
  script: MigrationScriptName;
  state: ScriptState;
  /** When the ledger says so: the script's recorded and current checksums, when it was applied. */
  changed?: { recorded?: string; current?: string; applied_at?: string };
  /** The ledger's latest record of the script: when it was applied and how long it took. */
  record?: LedgerRecord;
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
  const records = new Map(status?.records?.filter((r) => r.component === 'model').map((r) => [r.script, r]));
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
    const record = records.get(file);
    if (record && status?.stored) entry.record = record;
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

/** `2026-12-02 04:12 UTC`: a ledger time, to the minute (the tooltip has it to the second). */
export function ledgerTime(iso: string, seconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ')} UTC`;
}

/** `14 ms`, `2.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

const OUTCOME_WORDS: Record<string, string> = {
  applied: 'applied', created: 'created with the instance', baseline: 'baseline (applied before the ledger)',
  'marked-applied': 'marked applied', 'marked-unapplied': 'marked unapplied',
};

/**
 * What the view says of a script's ledger record: beside its label (`applied 2026-12-02 04:12 UTC · 14 ms`) and in
 * its tooltip (the outcome, the time to the second, the duration, who recorded it). Undefined without a record.
 */
export function recordSummary(entry: ScriptEntry): { description: string; tooltip: string } | undefined {
  const r = entry.record;
  if (!r) return undefined;
  const words = OUTCOME_WORDS[r.outcome] ?? r.outcome;
  const short = r.outcome === 'applied' ? 'applied' : r.outcome === 'created' ? 'created' : words.split(' (')[0]!;
  const duration = r.duration_ms !== null ? ` · ${formatDuration(r.duration_ms)}` : '';
  // Beside the label only for an applied script (other states say their state; the tooltip has the record).
  const description = entry.state === 'applied'
    ? `${short} ${ledgerTime(r.applied_at)}${r.outcome === 'applied' || r.outcome === 'marked-applied' ? duration : ''}`
    : entry.state;
  const tooltip = `Ledger: ${words} on ${ledgerTime(r.applied_at, true)}${r.duration_ms !== null ? `, in ${formatDuration(r.duration_ms)}` : ''}`
    + `${r.recorded_by ? ` (recorded by ${r.recorded_by})` : ''}`;
  return { description, tooltip };
}

/** A script's label without the version its group already shows: `0.2.0_app_tokens_Any.py` → `app_tokens_Any.py`. */
export function scriptLabel(file: string): string {
  return file.replace(/^\d+\.\d+\.\d+_/, '');
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
