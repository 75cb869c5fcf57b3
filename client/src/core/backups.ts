// What `erudi-migrate backups --json` lists, and how a backup reads in the Restore Backup quick pick.

export interface BackupEntry {
  path: string;
  /** `2026-12-02T04:12:33`, when the backup was taken (local time of the machine that took it). */
  time: string;
  kind: string;
  model: string | null;
  erudi: string | null;
  size: number;
  /** The configuration file's copy, when the backup has one. */
  config: string | null;
}

export function parseBackups(stdout: string): BackupEntry[] | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim().split(/\r?\n/).pop() ?? '');
  } catch {
    return { error: `the runtime's list of backups is not JSON: ${stdout.slice(0, 200)}` };
  }
  const list = (value as { backups?: unknown })?.backups;
  if (!Array.isArray(list)) return { error: `the runtime's answer lacks "backups": ${stdout.slice(0, 200)}` };
  return list.filter((b): b is Record<string, unknown> => !!b && typeof b === 'object' && typeof (b as { path?: unknown }).path === 'string')
    .map((b) => ({
      path: b.path as string, time: String(b.time ?? ''), kind: String(b.kind ?? ''),
      model: typeof b.model === 'string' ? b.model : null, erudi: typeof b.erudi === 'string' ? b.erudi : null,
      size: typeof b.size === 'number' ? b.size : 0, config: typeof b.config === 'string' ? b.config : null,
    }));
}

export function formatSize(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** A quick pick item's texts: the time and versions first (what people choose by), the path and size below. */
export function backupLabel(backup: BackupEntry): { label: string; description: string; detail: string } {
  const versions = backup.model ? `model ${backup.model} · erudi ${backup.erudi ?? '?'}` : 'no instance (unreadable)';
  return {
    label: backup.time.replace('T', ' '),
    description: versions,
    detail: `${backup.path} · ${formatSize(backup.size)}${backup.config ? ' · with the configuration' : ''}`,
  };
}
