// What `erudi-migrate status --json` reports about one application's instance, and how it reads in one line.
import { compareVersions, parseModelVersion } from '../../../server/src/core/model-version';

export interface VersionPair {
  model: string;
  erudi: string;
}

/** One script's latest record in the instance's ledger (`status --json` `records`). */
export interface LedgerRecord {
  /** `model`, `erudi` or `cube:<name>`. */
  component: string;
  version: string;
  script: string;
  /** applied, created, baseline, marked-applied, marked-unapplied. */
  outcome: string;
  applied: boolean;
  applied_at: string;
  duration_ms: number | null;
  recorded_by?: string | null;
}

export interface MigrationStatus {
  /** Null when the database holds no instance yet. */
  stored: VersionPair | null;
  installed: VersionPair;
  /** Pending scripts, relative to the application folder (`migration/<file>`), in the order they will run. */
  pending: string[];
  /** The steps an upgrade would run, in order (framework, model, cube). */
  steps?: { kind: string; version: string }[];
  /** Scripts at or below the stored version that the instance's ledger lacks. */
  unapplied?: string[];
  /** Scripts whose content changed after they were applied. */
  changed?: { file: string; recorded?: string; current?: string; applied_at?: string }[];
  /** Why an upgrade would refuse (broken depends.map, missing cube, newer database). */
  blocked?: string;
  /** The ledger: each script's latest record (when it was applied, how long it took). */
  records?: LedgerRecord[];
}

export function parseMigrationStatus(stdout: string): MigrationStatus | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim().split(/\r?\n/).pop() ?? '');
  } catch {
    return { error: `the runtime's status is not JSON: ${stdout.slice(0, 200)}` };
  }
  const v = value as Partial<MigrationStatus>;
  if (!v || typeof v !== 'object' || !v.installed || !Array.isArray(v.pending)) {
    return { error: `the runtime's status lacks "installed" or "pending": ${stdout.slice(0, 200)}` };
  }
  const raw = value as Record<string, unknown>;
  const status: MigrationStatus = { stored: v.stored ?? null, installed: v.installed, pending: v.pending };
  if (Array.isArray(raw.steps)) status.steps = raw.steps as MigrationStatus['steps'];
  if (Array.isArray(raw.unapplied)) status.unapplied = (raw.unapplied as unknown[]).map(String);
  if (Array.isArray(raw.changed)) status.changed = raw.changed as MigrationStatus['changed'];
  if (Array.isArray(raw.records)) {
    status.records = (raw.records as Partial<LedgerRecord>[]).filter((r) => r && typeof r.script === 'string' && typeof r.component === 'string')
      .map((r) => ({ component: r.component!, version: String(r.version ?? ''), script: r.script!, outcome: String(r.outcome ?? ''),
        applied: r.applied === true, applied_at: String(r.applied_at ?? ''), duration_ms: typeof r.duration_ms === 'number' ? r.duration_ms : null,
        recorded_by: typeof r.recorded_by === 'string' ? r.recorded_by : null }));
  }
  const blocked = typeof raw.blocked === 'string' ? raw.blocked : typeof raw.problem === 'string' ? raw.problem : undefined;
  if (blocked) status.blocked = blocked;
  return status;
}

/** True when the database stores a model version above the code's: the runtime refuses to upgrade it. */
export function isNewerThanCode(status: MigrationStatus): boolean {
  const stored = status.stored && parseModelVersion(status.stored.model);
  const installed = parseModelVersion(status.installed.model);
  return !!stored && !!installed && compareVersions(stored, installed) > 0;
}

/** The status-bar text, e.g. `DB 0.2.0 → 0.4.0 · 3 pending`. */
export function statusBarText(status: MigrationStatus): string {
  if (!status.stored) return `DB: no instance · model ${status.installed.model}`;
  if (isNewerThanCode(status)) return `DB ${status.stored.model} newer than model ${status.installed.model}`;
  const ledger = ledgerNote(status);
  if (status.blocked) return `DB ${status.stored.model} → ${status.installed.model} · blocked`;
  if (status.pending.length === 0 && status.stored.model === status.installed.model && !ledger) return `DB ${status.stored.model} ✓`;
  const pending = status.pending.length ? ` · ${status.pending.length} pending` : '';
  const target = status.stored.model === status.installed.model ? `DB ${status.stored.model}` : `DB ${status.stored.model} → ${status.installed.model}`;
  return `${target}${pending}${ledger ? ` · ${ledger}` : ''}`;
}

/** `1 unapplied · 2 changed`: what the ledger holds against the files, or ''. */
function ledgerNote(status: MigrationStatus): string {
  const parts = [];
  if (status.unapplied?.length) parts.push(`${status.unapplied.length} unapplied`);
  if (status.changed?.length) parts.push(`${status.changed.length} changed`);
  return parts.join(' · ');
}

/** The short text beside an application in the Migrations view. */
export function applicationSummary(status: MigrationStatus): string {
  if (!status.stored) return 'no instance';
  if (isNewerThanCode(status)) return `${status.stored.model} · newer than the code (${status.installed.model})`;
  if (status.blocked) return `${status.stored.model} → ${status.installed.model} · blocked`;
  const ledger = ledgerNote(status);
  if (status.pending.length === 0 && status.stored.model === status.installed.model) return `${status.stored.model} · ${ledger || 'up to date'}`;
  return `${status.stored.model} → ${status.installed.model} · ${status.pending.length} pending`;
}

/** A sentence for messages and tooltips. */
export function statusSentence(application: string, status: MigrationStatus): string {
  if (!status.stored) return `${application}: the database holds no instance yet (model ${status.installed.model}); run "Create Instance".`;
  const versions = `stored model ${status.stored.model} (erudi ${status.stored.erudi}), installed model ${status.installed.model} (erudi ${status.installed.erudi})`;
  if (isNewerThanCode(status)) return `${application}: the database is newer than the code — ${versions}. Point erudiMigrations.database.url at this application's own database, or update the code.`;
  if (status.blocked) return `${application}: the upgrade is blocked: ${status.blocked} — ${versions}.`;
  const ledger = ledgerNote(status);
  if (status.pending.length === 0 && !ledger && status.stored.model === status.installed.model) return `${application}: up to date — ${versions}.`;
  if (status.pending.length === 0) return `${application}: ${ledger ? `${ledger} script(s) in the ledger` : 'framework steps pending'} — ${versions}.`;
  return `${application}: ${status.pending.length} pending script${status.pending.length === 1 ? '' : 's'} — ${versions}.`;
}
