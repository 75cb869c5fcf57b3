// Reads the runtime's `erudi-migrate diff --json` and `generate --json` outputs (their last event, or the `error` that stopped them) into plain data.
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
export function readSchemaDiff(stdout: string, stderr = '', exitCode: number | null = 0): SchemaDiff | RuntimeFailure {
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
  return runtimeFailure(all, stderr, exitCode, 'diff');
}

/** Why a runtime command gave no result: the message (with file:line when known), and where to go. */
export interface RuntimeFailure {
  error: string;
  file?: string;
  line?: number;
}

function runtimeFailure(all: Array<Record<string, unknown>>, stderr: string, exitCode: number | null, what: string): RuntimeFailure {
  const error = all.find((e) => e.event === 'error');
  if (error) {
    const file = text(error.file) ?? undefined;
    const line = lineNumber(error.line) ?? undefined;
    return { error: describeRuntimeError(error), ...(file ? { file } : {}), ...(file && line ? { line } : {}) };
  }
  const last = stderr.trim().split('\n').pop()?.trim();
  return { error: last || `the runtime printed no ${what} (exit status ${exitCode})` };
}

/** The `generated` event of `erudi-migrate generate --json`. */
export interface GeneratedScript {
  /** The file written; null for a dry run or when there was nothing to write. */
  path: string | null;
  version: string;
  numversion: string;
  numversionRaised: boolean;
  /** The script's version is above numversion: --raise-numversion would raise it. */
  needsNumversion: boolean;
  text: string;
  /** How many changes it makes (0: schema.py and the instance agree). */
  changes: number;
}

export function readGeneratedScript(stdout: string, stderr = '', exitCode: number | null = 0): GeneratedScript | RuntimeFailure {
  const all = events(stdout);
  const generated = [...all].reverse().find((e) => e.event === 'generated');
  if (!generated) return runtimeFailure(all, stderr, exitCode, 'script');
  return {
    path: text(generated.path),
    version: text(generated.version) ?? '',
    numversion: text(generated.numversion) ?? '',
    numversionRaised: generated.numversionRaised === true,
    needsNumversion: generated.needsNumversion === true,
    text: text(generated.text) ?? '',
    changes: typeof generated.changes === 'number' ? generated.changes : 0,
  };
}
