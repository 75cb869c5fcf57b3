// The runtime's `--json` event stream (DESIGN §4): one JSON object per line, read into typed events.
import { layOutSql } from './runReport';

export interface ConfigChange {
  action: string;
  section?: string | null;
  option?: string | null;
  value?: unknown;
  old_value?: unknown;
  to_option?: string | null;
  to_section?: string | null;
}

export type RuntimeEvent =
  | { event: 'start'; command: string; db: string; dry_run: boolean }
  | { event: 'step'; kind: 'framework' | 'model' | string; version: string }
  | { event: 'script'; file: string; version: string; mode: string; display?: string }
  | { event: 'sql'; sql: string; params: unknown[] }
  | { event: 'output'; text: string }
  | { event: 'confirm'; id: number; question: string }
  | { event: 'config'; changes: (ConfigChange | string)[]; file?: string; saved?: boolean }
  | { event: 'notice'; text: string }
  | { event: 'backup'; path: string }
  | { event: 'error'; file?: string; line?: number; message: string }
  | { event: 'done'; status: 'committed' | 'rolled-back' | 'dry-run' | 'partly-committed' }
  /** An event this client does not know (a newer runtime): shown by its text, never as raw JSON. */
  | { event: 'other'; name: string; data: Record<string, unknown> };

/** A line the runtime printed: an event, or plain text (a custom runner, or anything not JSON). */
export type RuntimeLine = { kind: 'event'; event: RuntimeEvent } | { kind: 'text'; text: string };

const known = new Set(['start', 'step', 'script', 'sql', 'output', 'confirm', 'config', 'notice', 'backup', 'error', 'done']);

export function parseRuntimeLine(line: string): RuntimeLine {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as { event?: unknown };
      if (value && typeof value === 'object' && typeof value.event === 'string') {
        if (known.has(value.event)) return { kind: 'event', event: value as RuntimeEvent };
        return { kind: 'event', event: { event: 'other', name: value.event, data: value as Record<string, unknown> } };
      }
    } catch {
      // Not JSON after all: show it as text.
    }
  }
  return { kind: 'text', text: line };
}

/** Splits a byte stream into lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = '';
  push(chunk: string): string[] {
    const parts = (this.tail + chunk).split(/\r?\n/);
    this.tail = parts.pop() ?? '';
    return parts;
  }
  end(): string[] {
    const rest = this.tail;
    this.tail = '';
    return rest ? [rest] : [];
  }
}

/** One configuration change in words: `added [main] port = 8080`. */
export function describeConfigChange(change: ConfigChange | string): string {
  if (typeof change === 'string') return change;
  const where = `${change.section ? `[${change.section}] ` : ''}${change.option ?? ''}`.trim();
  const to = change.to_option || change.to_section ? ` → ${change.to_section ? `[${change.to_section}] ` : ''}${change.to_option ?? change.option ?? ''}` : '';
  const value = change.action === 'changed' ? ` = ${String(change.value)} (was ${String(change.old_value)})`
    : change.value !== undefined && change.value !== null && change.action !== 'removed' ? ` = ${String(change.value)}` : '';
  return `${change.action} ${where}${to}${value}`;
}

/** The SQL of an event with one indentation (continuation lines dedented) and its parameters as a trailing comment. */
function describeSql(sql: string, params: unknown[] | undefined): string {
  return `${layOutSql(sql, '    ')}${params && params.length ? `    -- ${params.map((p) => JSON.stringify(p)).join(', ')}` : ''}`;
}

/** How one event reads in the output channel (human words, never JSON); `undefined` for events shown some other way. */
export function describeEvent(event: RuntimeEvent): string | undefined {
  switch (event.event) {
    case 'start': return `${event.command}${event.dry_run ? ' (dry run)' : ''} on ${event.db}`;
    case 'step': return `— ${event.kind === 'framework' ? 'framework (erudi)' : event.kind} → ${event.version}`;
    case 'script': return `▶ ${event.display ?? event.file} (${event.version}, ${event.mode})`;
    case 'sql': return describeSql(event.sql, event.params);
    case 'output': return event.text.replace(/\n$/, '');
    case 'confirm': return `? ${event.question}`;
    case 'config': {
      const lines = event.changes.map((c) => `  configuration: ${describeConfigChange(c)}`);
      if (event.file && lines.length) lines.push(`  configuration ${event.saved ? 'saved to' : 'not saved (dry run):'} ${event.file}`);
      return lines.join('\n') || undefined;
    }
    case 'notice': return `  note: ${event.text}`;
    case 'backup': return `  backup: ${event.path}`;
    case 'error': return `✖ ${event.file ? `${event.file}${event.line ? `:${event.line}` : ''}: ` : ''}${event.message}`;
    case 'done': return `done: ${{ committed: 'committed', 'rolled-back': 'rolled back', 'dry-run': 'dry run, rolled back', 'partly-committed': 'stopped, part of a step committed' }[event.status] ?? event.status}`;
    case 'other': {
      const text = event.data.text ?? event.data.message;
      return typeof text === 'string' ? `  ${event.name}: ${text}` : undefined;
    }
  }
}
