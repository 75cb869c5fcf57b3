// Reads the runtime's `erudi-migrate diff --json` output (its last `diff` event, or the `error` that stopped it) into plain data.
import type { SchemaChange } from '../../../protocol/protocol';

export type { SchemaChange };

/** The `diff` event: what differs between the instance's persisted schema and the application's. */
export interface SchemaDiff {
  storedVersion: string | null;
  /** True when the pending scripts were applied (and rolled back) first: the changes are what no pending script covers. */
  afterPending: boolean;
  changes: SchemaChange[];
  /** Both schemas rendered as the same readable text, for a diff view. */
  persistedText: string;
  applicationText: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const lineNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null);

/** One change as the contract gives it; a field of the wrong type reads as absent rather than failing the whole diff. */
function readChange(value: unknown): SchemaChange | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const c = value as Record<string, unknown>;
  const kind = text(c.kind);
  const subject = text(c.subject);
  if (!kind || subject === null) return undefined;
  return {
    kind,
    subject,
    property: text(c.property),
    before: c.before ?? null,
    after: c.after ?? null,
    file: text(c.file),
    line: lineNumber(c.line),
    summary: text(c.summary)?.trim() || `${kind.replace(/-/g, ' ')}: ${subject}`,
  };
}

function events(stdout: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  for (const line of stdout.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (value && typeof value === 'object' && typeof (value as { event?: unknown }).event === 'string') found.push(value as Record<string, unknown>);
    } catch {
      // A line that is no JSON (a warning printed by a schema module): not an event.
    }
  }
  return found;
}

/** Where an `error` event points, as "file:line: message". */
export function describeRuntimeError(event: Record<string, unknown>): string {
  const message = text(event.message) ?? 'the runtime reported an error';
  const file = text(event.file);
  const line = lineNumber(event.line);
  return file ? `${file}${line ? `:${line}` : ''}: ${message}` : message;
}

/**
 * The diff in the runtime's stdout, or why there is none: the `error` event's file, line and message, else the last
 * stderr line (`stderr`), else the exit status.
 */
export function readSchemaDiff(stdout: string, stderr = '', exitCode: number | null = 0): SchemaDiff | { error: string } {
  const all = events(stdout);
  const diff = [...all].reverse().find((e) => e.event === 'diff');
  if (diff) {
    if (!Array.isArray(diff.changes)) return { error: 'the runtime\'s diff event has no list of changes' };
    return {
      storedVersion: text(diff.storedVersion),
      afterPending: diff.afterPending === true,
      changes: diff.changes.map(readChange).filter((c): c is SchemaChange => c !== undefined),
      persistedText: text(diff.persistedText) ?? '',
      applicationText: text(diff.applicationText) ?? '',
    };
  }
  const error = all.find((e) => e.event === 'error');
  if (error) return { error: describeRuntimeError(error) };
  const last = stderr.trim().split('\n').pop()?.trim();
  return { error: last || `the runtime printed no diff (exit status ${exitCode})` };
}
