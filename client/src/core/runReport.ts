// A run as a report: its steps, each step's scripts with their SQL (parameters bound), questions, outcome.
// Read by the SQL preview document, the result notification and the assistants' tools, from the runtime's events.
import type { RuntimeEvent } from './runtimeEvents';

export interface ReportStatement {
  sql: string;
  params: unknown[];
}

export interface ReportScript {
  name: string;
  version?: string;
  mode?: string;
  statements: ReportStatement[];
  output: string[];
}

export interface ReportStep {
  /** `framework (erudi) 2.27.0`, `model 0.2.0`, or '' for a run of one script. */
  label: string;
  scripts: ReportScript[];
  /** Statements of the step outside any script (version rows, the framework's own tables). */
  statements: ReportStatement[];
}

export interface RunReport {
  command: string;
  database: string;
  dryRun: boolean;
  steps: ReportStep[];
  statementCount: number;
  questions: string[];
  /** Questions nobody was asked: the runtime's automatic yes (--non-interactive), listed so no answer goes unseen. */
  automaticAnswers: string[];
  errors: { file?: string; line?: number; message: string }[];
  backup?: string;
  status?: 'committed' | 'rolled-back' | 'dry-run' | 'partly-committed';
}

export function buildRunReport(events: readonly RuntimeEvent[]): RunReport {
  const report: RunReport = { command: '', database: '', dryRun: false, steps: [], statementCount: 0, questions: [], automaticAnswers: [], errors: [] };
  let step: ReportStep | undefined;
  let script: ReportScript | undefined;
  const currentStep = () => {
    if (!step) { step = { label: '', scripts: [], statements: [] }; report.steps.push(step); }
    return step;
  };
  for (const event of events) {
    switch (event.event) {
      case 'start': report.command = event.command; report.database = event.db; report.dryRun = !!event.dry_run; break;
      case 'step':
        step = { label: `${event.kind === 'framework' ? 'framework (erudi)' : event.kind} ${event.version}`, scripts: [], statements: [] };
        report.steps.push(step);
        script = undefined;
        break;
      case 'script':
        script = { name: event.display ?? event.file, version: event.version, mode: event.mode, statements: [], output: [] };
        currentStep().scripts.push(script);
        break;
      case 'sql':
        report.statementCount++;
        (script ?? currentStep()).statements.push({ sql: event.sql, params: event.params ?? [] });
        break;
      case 'output': if (script) script.output.push(event.text.replace(/\n$/, '')); break;
      case 'confirm': report.questions.push(event.question); break;
      case 'error': report.errors.push({ file: event.file, line: event.line, message: event.message }); break;
      case 'done': report.status = event.status; break;
      default: {
        const extra = event as { event: string; path?: unknown };
        if (extra.event === 'backup' && typeof extra.path === 'string') report.backup = extra.path;
        // The runtime's automatic yes (--non-interactive): a `question` event, unknown to the typed list.
        if (event.event === 'other' && event.name === 'question' && event.data.automatic === true && typeof event.data.question === 'string') {
          report.questions.push(event.data.question);
          report.automaticAnswers.push(event.data.question);
        }
      }
    }
  }
  return report;
}

/** A statement laid out with one indentation: its own lines dedented, then every line indented by `indent`. */
export function layOutSql(sql: string, indent: string): string {
  const lines = sql.replace(/\s+$/, '').split(/\r\n|\r|\n/);
  while (lines.length > 1 && lines[0]!.trim() === '') lines.shift();
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const common = rest.length ? Math.min(...rest.map((l) => /^[ \t]*/.exec(l)![0].length)) : 0;
  return lines.map((line, i) => `${indent}${i === 0 ? line.trim() : line.slice(common).replace(/\s+$/, '')}`).join('\n');
}

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replace(/'/g, "''").replace(/\r\n|\r|\n/g, '\\n')}'`;
  return JSON.stringify(value);
}

function statementText(statement: ReportStatement): string {
  const body = layOutSql(statement.sql, '');
  const terminated = /;\s*$/.test(body) ? body : `${body};`;
  const params = statement.params.length ? `-- parameters: ${statement.params.map(sqlLiteral).join(', ')}\n` : '';
  return `${params}${terminated}`;
}

/** The outcome in words, as the document and the notification say it. */
export function outcomeText(report: RunReport): string {
  if (report.errors.length) {
    const first = report.errors[0]!;
    return `failed${first.file ? ` at ${first.file}${first.line ? `:${first.line}` : ''}` : ''}: ${first.message} — rolled back, nothing of the failing step was written`;
  }
  switch (report.status) {
    case 'dry-run': return 'rolled back — nothing was written';
    case 'rolled-back': return 'rolled back — nothing was written';
    case 'committed': return 'committed';
    case 'partly-committed': return 'stopped — part of a step was committed (see the error)';
    default: return 'did not finish';
  }
}

/** The SQL preview document: statements grouped under each step and script, parameters as comments, the outcome last. */
export function renderSqlPreview(report: RunReport, title: string): string {
  const out: string[] = [`-- ${title}`, `-- database: ${report.database}${report.dryRun ? ' (dry run)' : ''}`,
    `-- ${report.statementCount} statement${report.statementCount === 1 ? '' : 's'}, ${report.steps.reduce((n, s) => n + s.scripts.length, 0)} script(s)`, ''];
  for (const step of report.steps) {
    if (step.label) out.push(`-- ===== ${step.label} =====`, '');
    for (const statement of step.statements) out.push(statementText(statement), '');
    for (const script of step.scripts) {
      out.push(`-- ----- ${script.name}${script.mode ? ` (${script.mode})` : ''} -----`);
      if (!script.statements.length) out.push('-- (no SQL)');
      for (const statement of script.statements) out.push(statementText(statement));
      for (const line of script.output) out.push(`-- output: ${line}`);
      out.push('');
    }
  }
  for (const question of report.questions) out.push(`-- asked: ${question}`);
  for (const error of report.errors) out.push(`-- error${error.file ? ` in ${error.file}${error.line ? `:${error.line}` : ''}` : ''}: ${error.message.replace(/\r\n|\r|\n/g, ' ')}`);
  out.push(`-- outcome: ${outcomeText(report)}`);
  return `${out.join('\n')}\n`;
}

/**
 * What a run's notification says of its questions: how many were asked, and each one answered for the user (by "Yes to
 * All" in the editor or the runtime's automatic yes), quoted, so no answer goes unseen. Empty when none was asked.
 */
export function questionsSummary(asked: readonly string[] /* every question, answered for the user or not */, answeredForYou: readonly string[]): string {
  if (!asked.length) return '';
  const plural = (n: number) => `${n} question${n === 1 ? '' : 's'}`;
  const total = asked.length;
  if (!answeredForYou.length) return ` ${plural(total)} asked (see the output).`;
  const shown = answeredForYou.slice(0, 3).map((q) => `“${q.length > 80 ? `${q.slice(0, 79)}…` : q}”`).join(', ');
  const more = answeredForYou.length > 3 ? ` and ${answeredForYou.length - 3} more (see the output)` : '';
  return ` ${plural(total)} asked; answered Yes for you: ${shown}${more}.`;
}
