// The runtime's `--json` event stream (DESIGN §4): one JSON object per line, read into typed events.

export type RuntimeEvent =
  | { event: 'start'; command: string; db: string; dry_run: boolean }
  | { event: 'step'; kind: 'framework' | 'model'; version: string }
  | { event: 'script'; file: string; version: string; mode: string; display?: string }
  | { event: 'sql'; sql: string; params: unknown[] }
  | { event: 'output'; text: string }
  | { event: 'confirm'; id: number; question: string }
  | { event: 'config'; changes: unknown[] }
  | { event: 'error'; file?: string; line?: number; message: string }
  | { event: 'done'; status: 'committed' | 'rolled-back' | 'dry-run' };

/** A line the runtime printed: an event, or plain text (a custom runner, or anything not JSON). */
export type RuntimeLine = { kind: 'event'; event: RuntimeEvent } | { kind: 'text'; text: string };

const known = new Set(['start', 'step', 'script', 'sql', 'output', 'confirm', 'config', 'error', 'done']);

export function parseRuntimeLine(line: string): RuntimeLine {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as { event?: unknown };
      if (value && typeof value === 'object' && typeof value.event === 'string' && known.has(value.event)) {
        return { kind: 'event', event: value as RuntimeEvent };
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

/** How one event reads in the output channel; `undefined` for events shown some other way. */
export function describeEvent(event: RuntimeEvent): string | undefined {
  switch (event.event) {
    case 'start': return `${event.command}${event.dry_run ? ' (dry run)' : ''} on ${event.db}`;
    case 'step': return `— ${event.kind === 'framework' ? 'framework (erudi)' : 'model'} → ${event.version}`;
    case 'script': return `▶ ${event.display ?? event.file} (${event.version}, ${event.mode})`;
    case 'sql': return `  ${event.sql}${event.params && event.params.length ? `    -- ${JSON.stringify(event.params)}` : ''}`;
    case 'output': return event.text.replace(/\n$/, '');
    case 'confirm': return `? ${event.question}`;
    case 'config': return `configuration changes: ${JSON.stringify(event.changes)}`;
    case 'error': return `✖ ${event.file ? `${event.file}${event.line ? `:${event.line}` : ''}: ` : ''}${event.message}`;
    case 'done': return `done: ${event.status}`;
  }
}
