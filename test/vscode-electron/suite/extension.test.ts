// The end-to-end behaviours, through VS Code's API in a desktop window: diagnostics, completion, Run, Preview, confirm(), Restricted Mode.
/// <reference types="mocha" />
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ErudiMigrationsApi } from '../../../client/src/extension';

const python = process.env.ERUDI_E2E_PYTHON ?? '/usr/bin/python3';

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function tableExists(db: string, table: string): boolean {
  const r = spawnSync(python, ['-c', 'import sqlite3,sys; print(len(sqlite3.connect(sys.argv[1]).execute("SELECT name FROM sqlite_master WHERE name=?", (sys.argv[2],)).fetchall()))', db, table], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim() === '1';
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file).toString('base64')).digest('hex');

export function defineSuite(trusted: boolean): void {
  const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const app = path.join(workspace, 'ticketing');
  const db = path.join(workspace, '.erudi/ticketing.sqlite');
  const version = /numversion\s*=\s*\((\d+),\s*(\d+),\s*(\d+)/.exec(readFileSync(path.join(app, '__pkginfo__.py'), 'utf8'))!.slice(1).join('.');
  const asked: { runs: string[]; questions: string[] } = { runs: [], questions: [] };
  const writeScript = (name: string, text: string) => {
    const file = path.join(app, 'migration', name);
    writeFileSync(file, text);
    return vscode.Uri.file(file);
  };

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<ErudiMigrationsApi>('erudi-migrations.erudi-migrations');
    assert.ok(extension, 'the extension is installed');
    const api = await extension.activate();
    api.setPrompts({
      confirmRun: async (message) => { asked.runs.push(message); return true; },
      scriptQuestion: async (question) => { asked.questions.push(question); return 'yes'; },
      choose: async (message, _detail, choices) => { asked.runs.push(message); return choices[0]; },
    });
  });

  if (!trusted) {
    suite('Restricted Mode', () => {
      test('Run refuses and writes nothing', async () => {
        assert.equal(vscode.workspace.isTrusted, false);
        const uri = writeScript(`${version}_electron_restricted_Any.py`, 'sqlexec("CREATE TABLE electron_restricted (n INTEGER)", ask_confirm=False)\n');
        const before = digest(db);
        await vscode.commands.executeCommand('erudiMigrations.runScript', uri);
        assert.deepEqual(asked.runs, [], 'no confirmation: nothing will run');
        assert.equal(digest(db), before);
      });
    });
    return;
  }

  suite('Erudi Migrations in a trusted workspace', () => {
    test('a badly named script has a bad-version diagnostic', async () => {
      const uri = vscode.Uri.file(path.join(app, 'migration/0.1_oops_any.py'));
      const codes = await until('bad-version', () => {
        const found = vscode.languages.getDiagnostics(uri).map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
        return found.includes('bad-version') ? found : undefined;
      }, 60_000);
      assert.ok(codes.includes('bad-version'));
    });

    test('completion in an Any script offers add_attribute', async () => {
      const uri = writeScript(`${version}_electron_completion_Any.py`, 'add_at');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const labels = await until('add_attribute', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 6));
        const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return names.includes('add_attribute') ? names : undefined;
      });
      assert.ok(labels.includes('add_attribute'));
    });

    test('Run changes the SQLite database after a confirmation naming it', async () => {
      const uri = writeScript(`${version}_electron_run_Any.py`, 'sqlexec("CREATE TABLE electron_run (n INTEGER)", ask_confirm=False)\n');
      await vscode.commands.executeCommand('erudiMigrations.runScript', uri);
      assert.ok(asked.runs.at(-1)?.includes(db), `the confirmation names ${db}`);
      assert.ok(tableExists(db, 'electron_run'));
    });

    test('Preview leaves the database byte-identical', async () => {
      const uri = writeScript(`${version}_electron_preview_Any.py`, 'sqlexec("CREATE TABLE electron_preview (n INTEGER)", ask_confirm=False)\n');
      const before = digest(db);
      const runsBefore = asked.runs.length;
      await vscode.commands.executeCommand('erudiMigrations.previewScript', uri);
      assert.equal(asked.runs.length, runsBefore, 'a preview writes nothing, so it asks nothing');
      assert.equal(digest(db), before);
    });

    test('confirm() in a script is asked and answered', async () => {
      const uri = writeScript(`${version}_electron_confirm_Any.py`, 'if confirm("Create electron_confirm?"):\n    sqlexec("CREATE TABLE electron_confirm (n INTEGER)", ask_confirm=False)\n');
      await vscode.commands.executeCommand('erudiMigrations.runScript', uri);
      assert.deepEqual(asked.questions, ['Create electron_confirm?']);
      assert.ok(tableExists(db, 'electron_confirm'));
    });

    test('a failing script gets a diagnostic on its line', async () => {
      const uri = writeScript(`${version}_electron_fail_Any.py`, 'x = 1\nraise RuntimeError("stop here")\n');
      await vscode.commands.executeCommand('erudiMigrations.runScript', uri);
      const failure = await until('the run-failed diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'run-failed'));
      assert.equal(failure.range.start.line, 1);
    });
  });
}
