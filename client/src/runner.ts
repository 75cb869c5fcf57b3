// Spawns the migration runtime (or the user's own runner), streams its JSON events, answers confirm() on stdin, cancels by signal.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LineSplitter, parseRuntimeLine, type RuntimeEvent } from './core/runtimeEvents';
import { expandRunnerCommand } from './core/runnerTemplate';
import type { Application } from './paths';
import type { RunSettings } from './settings';

export type RuntimeCommand = 'run' | 'upgrade' | 'create' | 'status' | 'entities' | 'query' | 'mark-applied' | 'stats' | 'backups' | 'restore' | 'diff' | 'generate' | 'rehearse';

export interface RuntimeInvocation {
  command: RuntimeCommand;
  app: Application;
  settings: RunSettings;
  /** Absolute path of the script, for `run`. */
  script?: string;
  dryRun?: boolean;
  password?: string;
  /** Use `runner.command` instead of the bundled runtime (only `run` has a template). */
  useCustomRunner?: boolean;
  /** Arguments after the command (`entities ETYPE --limit N`, `query RQL`, `restore BACKUP --yes`). */
  extraArgs?: string[];
}

export interface RunHandlers {
  onEvent?(event: RuntimeEvent): void;
  onText?(line: string, stream: 'stdout' | 'stderr'): void;
  confirm?(question: string): Promise<boolean>;
}

/**
 * For runs whose pending scripts are applied in a transaction that is rolled back (diff --after-pending, generate):
 * their confirm() questions are answered yes, so the result is what the scripts do when the user says yes at upgrade.
 */
export const YES_ON_ROLLED_BACK_RUNS: RunHandlers = { confirm: async () => true };

export interface RunOutcome {
  exitCode: number | null;
  /** The status of the `done` event, when the runtime sent one. */
  done?: 'committed' | 'rolled-back' | 'dry-run' | 'partly-committed';
  errors: Extract<RuntimeEvent, { event: 'error' }>[];
  stdout: string;
  stderr: string;
  cancelled: boolean;
  /** Set when the process could not start at all (interpreter not found...). */
  spawnError?: string;
  /** The command line, safe to show: it never holds the password. */
  commandLine: string;
}

export function runtimeArgv(runtimeRoot: string, inv: RuntimeInvocation): { argv: string[]; env: Record<string, string> } | { error: string } {
  if (inv.useCustomRunner && inv.settings.runnerCommand) {
    const expanded = expandRunnerCommand(inv.settings.runnerCommand, {
      script: inv.script ?? '', app: inv.app.folder, instance: inv.app.name, db: inv.settings.database.url, python: inv.settings.python,
    });
    return 'error' in expanded ? expanded : { argv: expanded.argv, env: {} };
  }
  const argv = [inv.settings.python, '-m', 'erudi_migrate', inv.command];
  if ((inv.command === 'run' || inv.command === 'mark-applied') && inv.script) argv.push(inv.script);
  if (inv.extraArgs) argv.push(...inv.extraArgs);
  // The instance kind decides which modes run, and so what status calls pending.
  argv.push('--app', inv.app.folder, '--db', inv.settings.database.url, '--json', '--instance-kind', inv.settings.instanceKind);
  if (inv.dryRun) argv.push('--dry-run');
  const pythonPath = [runtimeRoot, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  return { argv, env: { PYTHONPATH: pythonPath, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' } };
}

/** The environment for the runtime: the password travels in PGPASSWORD only (never argv); without one, libpq's own lookup (~/.pgpass, an inherited PGPASSWORD) applies. */
export function runtimeEnvironment(base: NodeJS.ProcessEnv, extra: Record<string, string>, password: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...extra };
  if (password !== undefined) env.PGPASSWORD = password;
  return env;
}

export function quoteForDisplay(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function runRuntime(runtimeRoot: string, inv: RuntimeInvocation, handlers: RunHandlers, token?: vscode.CancellationToken): Promise<RunOutcome> {
  const command = runtimeArgv(runtimeRoot, inv);
  const outcome: RunOutcome = { exitCode: null, errors: [], stdout: '', stderr: '', cancelled: false, commandLine: '' };
  if ('error' in command) return Promise.resolve({ ...outcome, spawnError: command.error });
  outcome.commandLine = quoteForDisplay(command.argv);
  return new Promise((resolve) => {
    const [program, ...args] = command.argv as [string, ...string[]];
    const child = spawn(program, args, {
      cwd: inv.app.workspaceFolder.uri.fsPath,
      env: runtimeEnvironment(process.env, command.env, inv.password),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = new LineSplitter();
    const err = new LineSplitter();
    const onStdoutLine = (line: string) => {
      const parsed = parseRuntimeLine(line);
      if (parsed.kind === 'text') { handlers.onText?.(line, 'stdout'); return; }
      const event = parsed.event;
      if (event.event === 'error') outcome.errors.push(event);
      if (event.event === 'done') outcome.done = event.status;
      handlers.onEvent?.(event);
      if (event.event === 'confirm') {
        const ask = handlers.confirm ? handlers.confirm(event.question) : Promise.resolve(false);
        void ask.then((answer) => {
          if (child.stdin.writable) child.stdin.write(`${JSON.stringify({ id: event.id, answer })}\n`);
        });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => { outcome.stdout += chunk; out.push(chunk).forEach(onStdoutLine); });
    child.stderr.on('data', (chunk: string) => { outcome.stderr += chunk; err.push(chunk).forEach((l) => handlers.onText?.(l, 'stderr')); });
    child.stdin.on('error', () => { /* the runtime exited before reading its answer; the exit code tells the story */ });
    let killTimer: NodeJS.Timeout | undefined;
    const cancel = token?.onCancellationRequested(() => {
      outcome.cancelled = true;
      // SIGTERM makes the runtime roll back and report "rolled-back"; SIGKILL only if it hangs.
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      outcome.spawnError = error.code === 'ENOENT'
        ? `"${program}" was not found. Set erudiMigrations.pythonPath (or select an interpreter in the Python extension).`
        : `could not start "${program}": ${error.message}`;
    });
    child.on('close', (code) => {
      out.end().forEach(onStdoutLine);
      err.end().forEach((l) => handlers.onText?.(l, 'stderr'));
      if (killTimer) clearTimeout(killTimer);
      cancel?.dispose();
      outcome.exitCode = code;
      resolve(outcome);
    });
  });
}
