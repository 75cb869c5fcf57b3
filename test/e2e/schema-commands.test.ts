// End to end in code-server + Chromium: Rehearse Upgrade on a Copy (report, cancel), schema-not-migrated on save and its quick fix
// "Generate migration script" (diff view, confirmation raising numversion, the script written and opened), on a copy of examples/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileDigest, runtimeCli } from './database';
import { CodeServer, copyExamples, removeCopy, repoRoot, until, type Workbench } from './workbench';

/** The text of the visible editors, Markdown's wrapped lines joined, with non-breaking spaces as spaces. */
async function editorTexts(wb: Workbench): Promise<string[]> {
  const texts: string[] = [];
  for (const editor of await wb.page.locator('.editor-instance .monaco-editor .view-lines').all()) texts.push((await editor.innerText()).replace(/\u00a0/g, ' '));
  return texts;
}

describe('schema.py and the instance, in a trusted workspace', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;
  let db: string;
  const migration = () => path.join(workspace, 'ticketing/migration');

  before(async () => {
    workspace = copyExamples();
    // An instance of the first release where the default URL points: every framework and model step is pending.
    db = path.join(workspace, '.erudi/ticketing.sqlite');
    mkdirSync(path.dirname(db), { recursive: true });
    runtimeCli(path.join(repoRoot, 'runtime'), ['create', '--app', path.join(workspace, 'ticketing-0.1.0'), '--db', `sqlite:///${db}`, '--framework-version', '2.26.0', '--non-interactive']);
    server = await CodeServer.start({ trusted: true });
    wb = await server.open(workspace);
    // The extension is active and has read the instance's status, as a person would see before using it.
    await until('the status bar item of the instance', async () => {
      const item = wb.page.locator('.statusbar-item', { hasText: /DB 0\.1\.0 → / });
      return (await item.count()) > 0;
    }, 90_000);
  });

  /** The notifications shown, for a failure's message. */
  async function shown<T>(what: Promise<T>): Promise<T> {
    try {
      return await what;
    } catch (error) {
      await wb.screenshot('e2e-schema-commands-failure').catch(() => undefined);
      throw new Error(`${error instanceof Error ? error.message : String(error)}; notifications: ${JSON.stringify(await wb.notifications())}`);
    }
  }

  after(async () => {
    await wb?.screenshot('e2e-last-schema-commands').catch(() => undefined);
    await server?.stop();
    if (workspace) removeCopy(workspace);
  });

  test('Rehearse Upgrade on a Copy shows a report with a table per step and leaves the database as it was', async () => {
    const digest = fileDigest(db);
    // From a file of the application (the workspace holds two: the example and its first release).
    await wb.openFile('ticketing/__pkginfo__.py');
    await wb.runCommand('Erudi Migrations: Rehearse Upgrade on a Copy');
    const report = await shown(until('the rehearsal report document', async () => (await editorTexts(wb)).map((t) => t.replace(/\n/g, '')).find((t) => t.includes('# Rehearsal of ticketing')), 120_000));
    assert.match(report, /# Rehearsal of ticketing: passed/);
    assert.match(report, /upgraded 0\.1\.0 → 0\.4\.0 on a copy/);
    assert.match(report, /\| 1 \| framework 2\.27\.0 \| erudi:2\.27\.0_Any\.py \|/);
    const passed = await until('the "passed" notification', async () => (await wb.notifications()).find((n) => n.includes('rehearsal of ticketing passed')));
    assert.match(passed, /\d+ step\(s\) in [\d.]+ m?s on a copy; sqlite:\/\/.*ticketing\.sqlite was not touched/);
    assert.equal(fileDigest(db), digest, 'the rehearsal wrote nothing to the real database');
    await wb.screenshot('readme-rehearsal');
    await wb.clearNotifications();
  });

  test('Cancel stops a rehearsal; the real database is untouched', async () => {
    const digest = fileDigest(db);
    const slow = path.join(migration(), '0.4.0_zz_e2e_slow_Any.py');
    writeFileSync(slow, '"""Slow on purpose, for Cancel."""\nimport time\ntime.sleep(120)\n');
    try {
      await wb.openFile('ticketing/__pkginfo__.py');
      await wb.runCommand('Erudi Migrations: Rehearse Upgrade on a Copy');
      // Cancel once the slow script runs (its name in the progress message), not while the interpreter starts.
      await shown(until('the slow script rehearsing', async () => (await wb.notifications()).some((n) => n.includes('0.4.0_zz_e2e_slow_Any.py')), 120_000));
      const cancel = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'rehearsing the upgrade' }).locator('.monaco-button', { hasText: 'Cancel' });
      await cancel.first().click();
      const cancelled = await until('the cancelled notification', async () => (await wb.notifications()).find((n) => n.includes('rehearsal of ticketing cancelled')), 60_000);
      assert.match(cancelled, /its copy was dropped and sqlite:\/\/.* was not touched/);
      assert.equal(fileDigest(db), digest);
    } finally {
      rmSync(slow, { force: true });
    }
    await wb.clearNotifications();
  });

  test('a schema.py change no pending script makes is flagged on save; its quick fix shows the diff and writes the script', async () => {
    const pkginfo = path.join(workspace, 'ticketing/__pkginfo__.py');
    const scriptsBefore = new Set(readdirSync(migration()));
    await wb.openFile('ticketing/schema.py');
    // Typed as a person pastes it (no auto-indent), then saved.
    await wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.insertText('\n\nclass Mirror(EntityType):\n    host = String(maxsize=200, required=True)\n');
    await wb.page.keyboard.press('Control+S');
    const problem = await until('schema-not-migrated for Mirror in the Problems panel', async () =>
      (await wb.problems()).find((p) => p.includes('schema-not-migrated') && p.includes('Mirror')), 120_000);
    assert.match(problem, /Entity type Mirror is added: no pending migration script does this/);
    const line = Number(/\[Ln (\d+), Col \d+\]/.exec(problem)?.[1]);
    assert.ok(line > 1, problem);
    await wb.screenshot('e2e-schema-not-migrated');

    // The quick fix, from the flagged line.
    await wb.openFile('ticketing/schema.py');
    await wb.page.keyboard.press('Control+G');
    await wb.page.locator('.quick-input-widget input').fill(`:${line}`);
    await wb.page.keyboard.press('Enter');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Generate migration script' });
    await until('the "Generate migration script" quick fix', async () => {
      if ((await fix.count()) > 0) return true;
      await wb.page.keyboard.press('Control+.');
      return (await fix.first().waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false));
    });
    // The preferred fix is focused first: Enter applies the focused one (the menu's overlay takes clicks).
    await until('"Generate migration script" focused', async () => {
      if ((await wb.page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Generate migration script' }).count()) > 0) return true;
      await wb.page.keyboard.press('ArrowDown');
      return false;
    });
    await wb.page.keyboard.press('Enter');

    // The diff view, then the question (the version is above numversion 0.4.0: offered to raise it).
    const question = await until('the confirmation to write the script', () => wb.dialogMessage(), 120_000);
    assert.match(question, /Write the migration script 0\.4\.1 of ticketing\?/);
    assert.match(question, /Entity type Mirror is added/);
    assert.match(question, /above numversion 0\.4\.0/);
    assert.ok((await wb.page.locator('.monaco-diff-editor').count()) > 0, 'a diff view is open');
    assert.ok((await wb.page.locator('.tabs-container .tab', { hasText: 'ticketing: instance 0.1.0 + pending scripts ↔ schema files (1 change)' }).count()) > 0, 'the diff view names both sides');
    await wb.screenshot('readme-generate-diff');
    await wb.pressDialogButton('Write and Raise numversion to 0.4.1');

    const written = await until('the generated script in migration/', () => readdirSync(migration()).find((f) => !scriptsBefore.has(f) && f.startsWith('0.4.1_')), 60_000);
    const text = readFileSync(path.join(migration(), written), 'utf8');
    assert.match(text, /add_entity_type\('Mirror'\)/);
    assert.match(readFileSync(pkginfo, 'utf8'), /numversion = \(0, 4, 1\)/);
    await until('the generated script open in the editor', async () => (await wb.page.locator('.tabs-container .tab.active', { hasText: written }).count()) > 0);
    // The new pending script makes the change: the diagnostic goes.
    await until('schema-not-migrated gone', async () => !(await wb.problems()).some((p) => p.includes('schema-not-migrated')), 120_000);
    assert.ok(existsSync(path.join(migration(), written)));
    await wb.clearNotifications();
  });
});
