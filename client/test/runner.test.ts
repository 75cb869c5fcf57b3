// The runner against the real runtime: events, confirm() answered on stdin, cancel rolls back, the password only in the environment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { parseDatabaseUrl, type DatabaseUrl } from '../../protocol/database-url';
import type { RuntimeEvent } from '../src/core/runtimeEvents';
import type { Application } from '../src/paths';
import { runRuntime, runtimeArgv, type RuntimeInvocation } from '../src/runner';
import type { RunSettings } from '../src/settings';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runtimeRoot = path.join(repoRoot, 'runtime');
const python = process.env.ERUDI_E2E_PYTHON ?? '/usr/bin/python3';

/** A copy of the example's current release with a fresh SQLite instance. */
function instance(): { app: Application; settings: RunSettings; db: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'erudi-runner-'));
  cpSync(path.join(repoRoot, 'examples/ticketing'), path.join(root, 'ticketing'), { recursive: true });
  const db = path.join(root, 'ticketing.sqlite');
  const created = spawnSync(python, ['-m', 'erudi_migrate', 'create', '--app', path.join(root, 'ticketing'), '--db', `sqlite:///${db}`, '--non-interactive'],
    { env: { ...process.env, PYTHONPATH: runtimeRoot }, encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  const app = { name: 'ticketing', folder: path.join(root, 'ticketing'), workspaceFolder: { uri: { fsPath: root } } } as unknown as Application;
  const settings: RunSettings = { database: parseDatabaseUrl(`sqlite:///${db}`) as DatabaseUrl, python, instanceKind: 'all-in-one', runnerCommand: undefined };
  return { app, settings, db };
}

function tables(db: string): string[] {
  const r = spawnSync(python, ['-c', 'import sqlite3, sys; print("\\n".join(n for (n,) in sqlite3.connect(sys.argv[1]).execute("SELECT name FROM sqlite_master WHERE type=\'table\'")))', db], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

function script(app: Application, name: string, text: string): string {
  const file = path.join(app.folder, 'migration', name);
  writeFileSync(file, text);
  return file;
}

/** A cancellation token the test controls, shaped like VS Code's. */
function cancellation() {
  const listeners: (() => void)[] = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => { listeners.push(listener); return { dispose() {} }; },
  } as unknown as vscode.CancellationToken;
  return { token, cancel: () => { (token as { isCancellationRequested: boolean }).isCancellationRequested = true; listeners.forEach((l) => l()); } };
}

describe('runner with the real runtime', () => {
  const answers: [string, boolean, boolean][] = [
    ['yes: the guarded statement runs', true, true],
    ['no: it does not, and the run still commits', false, false],
  ];
  for (const [what, answer, created] of answers) {
    test(`confirm() answered ${what}`, async () => {
      const { app, settings, db } = instance();
      const file = script(app, '0.4.0_runner_confirm_Any.py', 'if confirm("Create runner_table?"):\n    sqlexec("CREATE TABLE runner_table (n INTEGER)", ask_confirm=False)\n');
      const events: RuntimeEvent[] = [];
      const asked: string[] = [];
      const outcome = await runRuntime(runtimeRoot, { command: 'run', app, settings, script: file }, {
        onEvent: (e) => events.push(e),
        confirm: async (q) => { asked.push(q); return answer; },
      });
      assert.equal(outcome.exitCode, 0, outcome.stderr);
      assert.equal(outcome.done, 'committed');
      assert.deepEqual(asked, ['Create runner_table?']);
      assert.equal(tables(db).includes('runner_table'), created);
      assert.deepEqual(events.map((e) => e.event).filter((e) => e !== 'sql'), ['start', 'script', 'confirm', 'done']);
    });
  }

  test('a failing script reports its file and line, and the run rolls back', async () => {
    const { app, settings, db } = instance();
    const file = script(app, '0.4.0_runner_fail_Any.py', 'sqlexec("CREATE TABLE runner_fail (n INTEGER)", ask_confirm=False)\nraise ValueError("no")\n');
    const outcome = await runRuntime(runtimeRoot, { command: 'run', app, settings, script: file }, {});
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.done, 'rolled-back');
    assert.deepEqual(outcome.errors.map((e) => [e.file, e.line]), [[file, 2]]);
    assert.equal(tables(db).includes('runner_fail'), false);
  });

  test('cancel stops the runtime, which rolls back', async () => {
    const { app, settings, db } = instance();
    const file = script(app, '0.4.0_runner_cancel_Any.py', 'import time\nsqlexec("CREATE TABLE runner_cancel (n INTEGER)", ask_confirm=False)\ntime.sleep(60)\n');
    const { token, cancel } = cancellation();
    const outcome = await runRuntime(runtimeRoot, { command: 'run', app, settings, script: file }, {
      onEvent: (e) => { if (e.event === 'sql' && e.sql.includes('runner_cancel')) cancel(); },
    }, token);
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.done, 'rolled-back');
    assert.equal(tables(db).includes('runner_cancel'), false);
  });

  test('a dry run reports its SQL and changes nothing', async () => {
    const { app, settings, db } = instance();
    const file = script(app, '0.4.0_runner_dry_Any.py', 'sqlexec("CREATE TABLE runner_dry (n INTEGER)", ask_confirm=False)\n');
    const sql: string[] = [];
    const outcome = await runRuntime(runtimeRoot, { command: 'run', app, settings, script: file, dryRun: true }, { onEvent: (e) => { if (e.event === 'sql') sql.push(e.sql); } });
    assert.equal(outcome.done, 'dry-run');
    assert.ok(sql.some((s) => s.includes('CREATE TABLE runner_dry')));
    assert.equal(tables(db).includes('runner_dry'), false);
  });

  test('the password reaches the process through PGPASSWORD, never through argv', async () => {
    const { app, settings } = instance();
    const pg: RunSettings = { ...settings, database: parseDatabaseUrl('postgresql://ann@db.invalid:5432/tickets') as DatabaseUrl,
      runnerCommand: '{python} -c "import json, os, sys; print(json.dumps([os.environ.get(\'PGPASSWORD\'), sys.argv]))" {db}' };
    const invocation: RuntimeInvocation = { command: 'run', app, settings: pg, script: '/x.py', password: 's3cret', useCustomRunner: true };
    const lines: string[] = [];
    const outcome = await runRuntime(runtimeRoot, invocation, { onText: (l) => lines.push(l) });
    const [environment, argv] = JSON.parse(lines[0] ?? '[]') as [string, string[]];
    assert.equal(environment, 's3cret');
    assert.deepEqual(argv.slice(1), ['postgresql://ann@db.invalid:5432/tickets']);
    assert.ok(!outcome.commandLine.includes('s3cret'));
    const builtIn = runtimeArgv(runtimeRoot, { ...invocation, settings: { ...pg, runnerCommand: undefined }, useCustomRunner: false });
    assert.ok(!('error' in builtIn) && !builtIn.argv.some((a) => a.includes('s3cret')));
  });

  test('a missing interpreter is an error the user can act on', async () => {
    const { app, settings } = instance();
    const outcome = await runRuntime(runtimeRoot, { command: 'status', app, settings: { ...settings, python: '/nonexistent/python3' } }, {});
    assert.match(outcome.spawnError ?? '', /was not found\. Set erudiMigrations\.pythonPath/);
  });
});
