// A rehearsal (`erudi-migrate rehearse --json`: the whole upgrade on a copy of the database) read and rendered as a Markdown
// report: the outcome, then one table per step (duration, statements, rows inserted, updated and deleted per table), failures with a link to their line.

export interface RehearsalStep {
  kind: string;
  version: string;
  script: string | null;
  /** How the runtime names the script (`migration/0.2.0_x_Any.py`, `erudi:2.27.0_Any.py`). */
  display?: string;
  durationMs: number;
  statements: number;
  tables: Record<string, { inserted: number; updated: number; deleted: number }>;
  error: { message: string; file?: string | null; line?: number | null } | null;
}

export interface Rehearsal {
  ok: boolean;
  /** `upgrade --dry-run`'s report: measured on the real database in a transaction then rolled back, not on a copy. */
  dryRun?: boolean;
  /** The copy kept with --keep; null when it was dropped. */
  copy: string | null;
  fromVersion: string | null;
  toVersion: string | null;
  durationMs: number;
  copyMethod?: string;
  copyMs?: number;
  steps: RehearsalStep[];
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The last `rehearsal` event of the output, or why there is none (the `error` event, the last stderr line). */
export function parseRehearsal(stdout: string, stderr = '', exitCode: number | null = 0): Rehearsal | { error: string; file?: string; line?: number } {
  const events: Array<Record<string, unknown>> = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object') events.push(value as Record<string, unknown>);
    } catch {
      // Plain output of a script: not an event.
    }
  }
  const event = [...events].reverse().find((e) => e.event === 'rehearsal');
  if (!event) {
    const error = events.find((e) => e.event === 'error');
    if (error && typeof error.message === 'string') {
      const file = typeof error.file === 'string' ? error.file : undefined;
      const line = typeof error.line === 'number' ? error.line : undefined;
      return { error: file ? `${file}${line ? `:${line}` : ''}: ${error.message}` : error.message, ...(file ? { file } : {}), ...(file && line ? { line } : {}) };
    }
    return { error: stderr.trim().split('\n').pop()?.trim() || `the runtime printed no rehearsal (exit status ${exitCode})` };
  }
  const steps = (Array.isArray(event.steps) ? event.steps : []).filter((s): s is Record<string, unknown> => !!s && typeof s === 'object').map((s): RehearsalStep => {
    const tables: RehearsalStep['tables'] = {};
    for (const [name, rows] of Object.entries((s.tables && typeof s.tables === 'object' ? s.tables : {}) as Record<string, Record<string, unknown>>)) {
      tables[name] = { inserted: count(rows?.inserted), updated: count(rows?.updated), deleted: count(rows?.deleted) };
    }
    const error = s.error && typeof s.error === 'object' ? (s.error as Record<string, unknown>) : undefined;
    return {
      kind: String(s.kind ?? ''),
      version: String(s.version ?? ''),
      script: typeof s.script === 'string' ? s.script : null,
      ...(typeof s.display === 'string' ? { display: s.display } : {}),
      durationMs: count(s.durationMs),
      statements: count(s.statements),
      tables,
      error: error ? { message: String(error.message ?? 'failed'), file: typeof error.file === 'string' ? error.file : null, line: typeof error.line === 'number' ? error.line : null } : null,
    };
  });
  return {
    ok: event.ok === true,
    ...(event.dryRun === true ? { dryRun: true } : {}),
    copy: typeof event.copy === 'string' ? event.copy : null,
    fromVersion: typeof event.fromVersion === 'string' ? event.fromVersion : null,
    toVersion: typeof event.toVersion === 'string' ? event.toVersion : null,
    durationMs: count(event.durationMs),
    ...(typeof event.copyMethod === 'string' ? { copyMethod: event.copyMethod } : {}),
    ...(typeof event.copyMs === 'number' ? { copyMs: event.copyMs } : {}),
    steps,
  };
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The first failing step's error, with its file and line (what "Go to Line" opens). */
export function firstFailure(rehearsal: Rehearsal): RehearsalStep['error'] | undefined {
  return rehearsal.steps.find((s) => s.error)?.error ?? undefined;
}

export interface ReportContext {
  app: string;
  database: string;
  /** A link to a file's line (a `file:` URI with `#L<line>`), built by the caller. */
  link(file: string, line: number | null | undefined): string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderRehearsal(rehearsal: Rehearsal, context: ReportContext): string {
  const failure = rehearsal.steps.find((s) => s.error);
  const range = rehearsal.fromVersion && rehearsal.toVersion ? `${rehearsal.fromVersion} → ${rehearsal.toVersion}` : 'the pending steps';
  const copied = rehearsal.copyMethod ? ` (copied by ${rehearsal.copyMethod}${rehearsal.copyMs !== undefined ? ` in ${formatDuration(rehearsal.copyMs)}` : ''})` : '';
  const lines = [
    rehearsal.dryRun ? `# Dry run of the upgrade of ${context.app}: ${rehearsal.ok ? 'passed' : 'FAILED'}` : `# Rehearsal of ${context.app}: ${rehearsal.ok ? 'passed' : 'FAILED'}`,
    '',
    rehearsal.dryRun
      ? `Database: \`${context.database}\`, upgraded ${range} in one transaction, then rolled back: nothing was written.`
      : `Database: \`${context.database}\`, upgraded ${range} on a copy${copied}; the real database was not touched.`,
    '',
    rehearsal.ok
      ? `**Outcome:** every step passed in ${formatDuration(rehearsal.durationMs)}.`
      : `**Outcome:** failed at ${failure ? `${failure.kind} ${failure.version}${failure.display || failure.script ? ` (${failure.display ?? failure.script})` : ''}` : 'a step'} after ${formatDuration(rehearsal.durationMs)}: an upgrade of the real database would stop there and roll that step back.`,
    '',
    ...(rehearsal.dryRun ? [] : [rehearsal.copy ? `The copy is kept for inspection: \`${rehearsal.copy}\`.` : 'The copy was dropped.', '']),
    '| # | step | script | duration | statements | rows written | outcome |',
    '|---:|---|---|---:|---:|---:|---|',
  ];
  rehearsal.steps.forEach((step, i) => {
    const rows = Object.values(step.tables).reduce((n, t) => n + t.inserted + t.updated + t.deleted, 0);
    lines.push(`| ${i + 1} | ${step.kind} ${step.version} | ${cell(step.display ?? step.script ?? '—')} | ${formatDuration(step.durationMs)} | ${step.statements} | ${rows} | ${step.error ? '**failed**' : 'ok'} |`);
  });
  rehearsal.steps.forEach((step, i) => {
    lines.push('', `## ${i + 1}. ${step.kind} ${step.version}${step.display || step.script ? ` — ${step.display ?? step.script}` : ''}`, '');
    lines.push(`${formatDuration(step.durationMs)}, ${step.statements} SQL statement${step.statements === 1 ? '' : 's'}.`, '');
    const tables = Object.entries(step.tables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (tables.length) {
      lines.push('| table | inserted | updated | deleted |', '|---|---:|---:|---:|');
      for (const [name, t] of tables) lines.push(`| ${cell(name)} | ${t.inserted} | ${t.updated} | ${t.deleted} |`);
    } else {
      lines.push('No row was written.');
    }
    if (step.error) {
      const where = step.error.file ? ` at [${cell(step.error.file.split('/').pop() ?? step.error.file)}${step.error.line ? `:${step.error.line}` : ''}](${context.link(step.error.file, step.error.line)})` : '';
      lines.push('', `**Failed${where}:** ${cell(step.error.message)}`);
    }
  });
  if (!rehearsal.steps.length) lines.push('', 'No step was pending: the instance is up to date.');
  return `${lines.join('\n')}\n`;
}
