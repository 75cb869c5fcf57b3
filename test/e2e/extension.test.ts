// End to end in code-server + Chromium: diagnostics, completion, Run, Preview, confirm() and Restricted Mode on a copy of examples/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileDigest, modelVersion, runtimeCli, sqliteRows, tableExists } from './database';
import { startPostgres, type PostgresCluster } from './postgresql';
import { CodeServer, copyExamples, removeCopy, repoRoot, until, type Workbench } from './workbench';

const runTitle = 'Erudi Migrations: Run Migration Script';
const previewTitle = 'Erudi Migrations: Preview Migration Script (Dry Run)';

/** Writes a script into the copy's migration folder and returns its path relative to the workspace. */
function writeScript(workspace: string, name: string, text: string): string {
  const file = path.join(workspace, 'ticketing/migration', name);
  writeFileSync(file, text);
  return path.relative(workspace, file);
}

/**
 * An old instance, made with the runtime's CLI where the extension's default URL points: created from the example's
 * first release (ticketing-0.1.0) with the framework of that time, as the example's README does.
 */
function createOldInstance(workspace: string): string {
  const db = path.join(workspace, '.erudi/ticketing.sqlite');
  mkdirSync(path.dirname(db), { recursive: true });
  runtimeCli(path.join(repoRoot, 'runtime'), ['create', '--app', path.join(workspace, 'ticketing-0.1.0'), '--db', `sqlite:///${db}`, '--framework-version', '2.26.0', '--non-interactive']);
  return db;
}

/** The text of the first visible editor whose text contains `marker`, with non-breaking spaces as spaces. */
async function editorWith(wb: Workbench, marker: string | RegExp): Promise<string | undefined> {
  for (const editor of await wb.page.locator('.editor-instance .monaco-editor .view-lines').all()) {
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    if (typeof marker === 'string' ? text.includes(marker) : marker.test(text)) return text;
  }
  return undefined;
}

async function confirmRunDialog(wb: Workbench, db: string): Promise<void> {
  const message = await until('the modal confirmation naming the database', () => wb.dialogMessage());
  assert.match(message, /Run .* against sqlite:\/\//);
  assert.ok(message.includes(db), `the confirmation names ${db}: ${message}`);
  await wb.pressDialogButton('Run');
}

describe('in a trusted workspace', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;
  let db: string;
  let version: string;

  before(async () => {
    workspace = copyExamples();
    version = modelVersion(path.join(workspace, 'ticketing'));
    db = createOldInstance(workspace);
    writeScript(workspace, '0.1_oops_any.py', '# a badly named script\n');
    server = await CodeServer.start({ trusted: true });
    wb = await server.open(workspace);
  });

  after(async () => {
    await wb?.screenshot('e2e-last-trusted').catch(() => undefined);
    await server?.stop();
    if (workspace) removeCopy(workspace);
  });

  test('a badly named script shows its diagnostic in the Problems panel', async () => {
    const rows = await until('a problem for 0.1_oops_any.py', async () => {
      const problems = await wb.problems();
      return problems.some((p) => /bad-version|unknown-mode/.test(p)) ? problems : undefined;
    }, 60_000);
    assert.ok(rows.some((r) => /bad-version/.test(r)), `bad-version among ${JSON.stringify(rows)}`);
    await wb.screenshot('e2e-problems');
  });

  test('the language model tools are registered with VS Code', async () => {
    await wb.runCommand('Erudi Migrations: Show Output');
    const names = 'erudi_migrations_status, erudi_migrations_check, erudi_migrations_preview_script, erudi_migrations_preview_upgrade, erudi_migrations_generate_script';
    await until('the registered tools in the output channel', async () => {
      const text = (await wb.page.locator('.panel .monaco-editor .view-lines').allInnerTexts()).join(' ').replace(/\s+/g, ' ');
      return text.includes(`Language model tools registered: ${names}`);
    });
  });

  test('the language status item shows the server state and opens its log; Restart Language Server brings it back', async () => {
    await wb.openFile('ticketing/migration/0.1_oops_any.py');
    const openHover = async () => {
      await wb.page.keyboard.press('Escape');
      await wb.page.locator('[id="status.languageStatus"]').click();
      return (await wb.page.locator('.monaco-hover').allInnerTexts()).join(' ');
    };
    await until('"Erudi Migrations: checking" in the language status', async () => (await openHover()).includes('Erudi Migrations: checking'));
    await wb.page.locator('.monaco-hover a', { hasText: 'Show log' }).first().click();
    await until('the server log in the Output panel', async () => (await wb.page.locator('.panel select.monaco-select-box').evaluateAll(
      (selects) => selects.map((s) => (s as unknown as { selectedOptions: ArrayLike<{ textContent: string | null }> }).selectedOptions[0]?.textContent ?? ''))).includes('Erudi Migrations Language Server'));
    await wb.runCommand('Erudi Migrations: Restart Language Server');
    await until('the server checking again after the restart', async () => (await openHover()).includes('Erudi Migrations: checking'));
    await wb.page.keyboard.press('Escape');
    await until('bad-version still reported after the restart', async () => (await wb.problems()).some((p) => p.includes('bad-version')));
  });

  test('Upgrade from the palette lists the pending scripts in a modal, then brings the database to the model version', async () => {
    // The upgrade's pre-flight refuses while a misnamed script sits in migration/ (it would never run): fix it first.
    rmSync(path.join(workspace, 'ticketing/migration/0.1_oops_any.py'));
    await wb.openFile('ticketing/__pkginfo__.py');
    const statusItem = wb.page.locator('.statusbar-item', { hasText: /DB \d/ });
    const before = await until('the status bar to show pending scripts', async () => {
      const text = (await statusItem.count()) ? await statusItem.first().innerText() : '';
      return /DB 0\.1\.0 → 0\.4\.0 · \d+ pending/.test(text) ? text : undefined;
    }, 60_000);
    assert.match(before, new RegExp(`DB 0\\.1\\.0 → ${version.replace(/\./g, '\\.')} · \\d+ pending`));
    const digest = fileDigest(db);
    // First a dry run of the whole upgrade: the plan, then the SQL of every step, and nothing written.
    await wb.runCommand('Erudi Migrations: Upgrade Instance');
    await until('the upgrade confirmation offering a dry run', async () => (await wb.dialogMessage())?.includes('Dry Run'), 60_000);
    const plan = await until('the upgrade plan document', async () => {
      for (const editor of await wb.page.locator('.editor-instance .monaco-editor .view-lines').all()) {
        // Markdown wraps in a narrow column: rejoin the wrapped pieces before reading.
        const text = (await editor.innerText()).replace(/\u00a0/g, ' ').replace(/\n/g, '');
        if (text.includes('# Upgrade plan — ticketing')) return text;
      }
      return undefined;
    });
    assert.match(plan, /## 1\. framework \(erudi\) 2\.27\.0/);
    assert.match(plan, /model 0\.2\.0[\s\S]*migration\/0\.2\.0_app_tokens_Any\.py`? — pending/);
    assert.match(plan, /Pre-flight: passed/);
    await wb.screenshot('readme-upgrade-plan');
    await wb.pressDialogButton('Dry Run');
    const dryRun = await until('the dry run\'s SQL document', async () => {
      if ((await wb.dialogMessage())?.includes('Yes to All')) await wb.pressDialogButton('Yes to All');
      for (const editor of await wb.page.locator('.editor-instance .monaco-editor .view-lines').all()) {
        const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
        if (text.includes('-- Dry run of the upgrade of ticketing')) return text;
      }
      return undefined;
    }, 120_000);
    // The document's top: its counts and the first step (the editor renders only the lines in view).
    assert.match(dryRun, /-- \d+ statements, \d+ script\(s\)/);
    assert.match(dryRun, /-- ===== framework \(erudi\) 2\.27\.0 =====/);
    // Beside it, the same report as a rehearsal: a table per step, measured in the rolled-back transaction.
    const measured = await until('the dry run report beside the SQL', async () => {
      for (const editor of await wb.page.locator('.editor-instance .monaco-editor .view-lines').all()) {
        const text = (await editor.innerText()).replace(/\u00a0/g, ' ').replace(/\n/g, '');
        if (text.includes('# Dry run of the upgrade of ticketing: passed')) return text;
      }
      return undefined;
    }, 60_000);
    assert.match(measured, /nothing was written\./);
    assert.match(measured, /\| # \| step \| script \| duration \| statements \| rows written \| outcome \|/);
    assert.equal(fileDigest(db), digest, 'the dry run of the upgrade wrote nothing');
    // The report opened beside (and is active): close it, back to the SQL preview the following steps start from.
    await wb.runCommand('View: Close Editor');
    await wb.clearNotifications();
    await wb.runCommand('Erudi Migrations: Upgrade Instance');
    const message = await until('the upgrade confirmation', () => wb.dialogMessage(), 60_000);
    assert.match(message, /Upgrade ticketing in sqlite:\/\/.* from 0\.1\.0 to 0\.4\.0\?/);
    assert.ok(message.includes('migration/0.2.0_app_tokens_Any.py'), `the pending scripts are listed: ${message}`);
    await wb.screenshot('e2e-upgrade-confirm');
    await wb.pressDialogButton('Upgrade');
    // A script's questions (confirm(), a DELETE through rql()) are modal; the first is answered "Yes to All".
    await until('the model version 0.4.0 stored in the database', async () => {
      if ((await wb.dialogMessage())?.includes('Yes to All')) await wb.pressDialogButton('Yes to All');
      return JSON.stringify(sqliteRows(db, "SELECT version FROM erudi_versions WHERE component = 'model'")) === JSON.stringify([[version]]);
    }, 120_000);
    const committed = await until('the "committed" notification', async () => (await wb.notifications()).find((n) => n.includes('Upgrade ticketing: committed')));
    // What ran, how long it took and where the backup is.
    assert.match(committed, /committed — \d+ steps, \d+ scripts, \d+ SQL statements in \d+\.\d s\. Backup: .*\.erudi\/ticketing\.sqlite/);
    await until('the status bar to show the database up to date', async () => (await statusItem.count()) && (await statusItem.first().innerText()).includes(`DB ${version} ✓`));
    await wb.runCommand('Erudi Migrations: Show Output');
    await wb.runCommand('Focus on Migrations View');
    // Scripts grouped by version step; a step whose scripts all ran says so.
    await until('the Migrations view grouped by version', async () => (await wb.page.locator('.pane-body .monaco-list-row', { hasText: /model 0\.2\.0.*applied/ }).count()) > 0);
    await wb.screenshot('readme-upgrade');
    await wb.clearNotifications();
  });

  test('Show Entities from schema.py\'s lens shows the rows read-only; Run RQL Query shows a selection and refuses writes', async () => {
    const tickets = sqliteRows(db, 'SELECT cw_eid FROM cw_Ticket ORDER BY cw_eid') as number[][];
    const before = fileDigest(db);
    await wb.openFile('ticketing/schema.py');
    const lens = wb.page.locator('.codelens-decoration a', { hasText: 'Show Entities' });
    await until('the Show Entities lenses of schema.py', async () => (await lens.count()) > 0);
    await lens.first().click();
    await until('a rows document opened from the lens', async () => {
      const text = await editorWith(wb, /^# \w+ — ticketing/m);
      return text && (text.includes('| eid |') || text.includes('No rows.'));
    }, 60_000);
    await wb.runCommand('Erudi Migrations: Show Entities');
    await until('the entity type prompt', async () => (await wb.page.locator('.quick-input-widget', { hasText: 'Entity type' }).count()) > 0);
    await wb.page.locator('.quick-input-widget input').fill('Ticket');
    await wb.page.keyboard.press('Enter');
    const table = await until('the Ticket rows document', async () => {
      const text = await editorWith(wb, '# Ticket — ticketing');
      return text?.includes('| eid |') ? text : undefined;
    }, 60_000);
    for (const [eid] of tickets) assert.ok(table.includes(`| ${eid} |`), `ticket ${eid} is listed: ${table}`);
    assert.match(table, /\(read-only\)/);
    await wb.screenshot('readme-show-entities');

    await wb.runCommand('Erudi Migrations: Run RQL Query (Read-Only)');
    const input = wb.page.locator('.quick-input-widget input');
    await until('the RQL input', async () => (await wb.page.locator('.quick-input-widget', { hasText: 'RQL selection' }).count()) > 0);
    await input.fill('DELETE Ticket X');
    await until('the refusal of a write', async () => (await wb.page.locator('.quick-input-widget', { hasText: 'Only selections run here' }).count()) > 0);
    await input.fill('Any X, S ORDERBY S WHERE X is Ticket, X sn S');
    await wb.page.keyboard.press('Enter');
    const rows = await until('the RQL rows document', async () => {
      const text = await editorWith(wb, '# RQL — ticketing');
      return text?.includes('| X | S |') ? text : undefined;
    }, 60_000);
    assert.match(rows, new RegExp(`Rows 1–${tickets.length} of ${tickets.length}`));
    assert.equal(fileDigest(db), before, 'reading rows wrote nothing');
    await wb.page.keyboard.press('Escape');
  });

  test('completion in an Any script offers add_attribute', async () => {
    const script = writeScript(workspace, `${version}_e2e_completion_Any.py`, '"""Completion test."""\n\n');
    await wb.openFile(script);
    await wb.typeAtEnd('add_at');
    const items = await until('add_attribute in the suggest widget', async () => {
      let shown = await wb.suggestions();
      if (shown.length === 0) { await wb.page.keyboard.press('Control+Space'); shown = await wb.suggestions(); }
      return shown.includes('add_attribute') ? shown : undefined;
    });
    assert.ok(items.includes('add_attribute'));
    await wb.screenshot('e2e-completion');
    await wb.page.keyboard.press('Escape');
  });

  test('Run from the command palette changes the SQLite database', async () => {
    const script = writeScript(workspace, `${version}_e2e_run_Any.py`,
      '"""Run test."""\nsqlexec("CREATE TABLE e2e_run_marker (n INTEGER)", ask_confirm=False)\nsqlexec("INSERT INTO e2e_run_marker VALUES (42)", ask_confirm=False)\n');
    assert.equal(tableExists(db, 'e2e_run_marker'), false);
    await wb.openFile(script);
    await wb.runCommand(runTitle);
    await confirmRunDialog(wb, db);
    await until('e2e_run_marker in the database', () => tableExists(db, 'e2e_run_marker'), 60_000);
    assert.deepEqual(sqliteRows(db, 'SELECT n FROM e2e_run_marker'), [[42]]);
    await until('the "committed" notification', async () => (await wb.notifications()).some((n) => n.includes('committed')));
    await wb.screenshot('e2e-run');
    await wb.clearNotifications();
  });

  test('Preview leaves the database byte-identical', async () => {
    const script = writeScript(workspace, `${version}_e2e_preview_Any.py`,
      '"""Preview test."""\nsqlexec("CREATE TABLE e2e_preview_marker (n INTEGER)", ask_confirm=False)\n');
    const before = fileDigest(db);
    await wb.openFile(script);
    await wb.runCommand(previewTitle);
    const shown = await until('the preview notification', async () => (await wb.notifications()).find((n) => n.includes('nothing was written')), 60_000);
    assert.match(shown, /1 script, 1 SQL statement in \d+\.\d s; rolled back — nothing was written/);
    // The SQL is a read-only document of its own, grouped under the script, the outcome last.
    const sql = await until('the SQL preview document', async () => {
      for (const editor of await wb.page.locator('.editor-instance .monaco-editor .view-lines').all()) {
        const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
        if (text.includes('-- outcome:')) return text;
      }
      return undefined;
    });
    assert.ok(sql.includes(`-- ----- migration/${version}_e2e_preview_Any.py (Any) -----`), sql);
    assert.ok(sql.includes('CREATE TABLE e2e_preview_marker (n INTEGER);'), sql);
    assert.ok(sql.includes('-- outcome: rolled back — nothing was written'), sql);
    await wb.screenshot('readme-sql-preview');
    assert.equal(fileDigest(db), before, 'the SQLite file is byte-identical after a preview');
    assert.equal(tableExists(db, 'e2e_preview_marker'), false);
    await wb.screenshot('e2e-preview');
    await wb.clearNotifications();
  });

  test('a script calling confirm() shows a modal and gets the answer; what "Yes to All" answered is quoted in the result', async () => {
    const script = writeScript(workspace, `${version}_e2e_confirm_Any.py`,
      '"""Confirm test."""\nif confirm("Create the e2e confirm table?"):\n    sqlexec("CREATE TABLE e2e_confirm_yes (n INTEGER)", ask_confirm=False)\n'
      + 'if confirm("Create the second e2e table?"):\n    sqlexec("CREATE TABLE e2e_confirm_all (n INTEGER)", ask_confirm=False)\n');
    await wb.openFile(script);
    await wb.runCommand(runTitle);
    await confirmRunDialog(wb, db);
    const question = await until('the confirm() modal', async () => {
      const message = await wb.dialogMessage();
      return message?.includes('Create the e2e confirm table?') ? message : undefined;
    }, 60_000);
    assert.match(question, /Yes/);
    await wb.screenshot('e2e-confirm');
    await wb.pressDialogButton('Yes to All');
    await until('e2e_confirm_yes and e2e_confirm_all in the database after answering Yes to All', () => tableExists(db, 'e2e_confirm_yes') && tableExists(db, 'e2e_confirm_all'), 60_000);
    const result = await until('the committed notification', async () => (await wb.notifications()).find((n) => n.includes('committed')), 60_000);
    assert.match(result, /2 questions asked; answered Yes for you: “Create the second e2e table\?”/);
    await wb.clearNotifications();
  });
  test('a failing script shows an error with "Show Output", "Go to Line" and a diagnostic on the failing line', async () => {
    const script = writeScript(workspace, `${version}_e2e_failing_Any.py`, '"""Failure test."""\nx = 1\nraise RuntimeError("stop here")\n');
    await wb.openFile(script);
    await wb.runCommand(runTitle);
    await confirmRunDialog(wb, db);
    const error = await until('the failure notification', async () => (await wb.notifications()).find((n) => n.includes('failed')), 60_000);
    assert.match(error, /RuntimeError: stop here/);
    assert.ok(await wb.page.locator('.notifications-toasts .monaco-button', { hasText: 'Show Output' }).count() > 0, 'the error offers "Show Output"');
    assert.ok(await wb.page.locator('.notifications-toasts .monaco-button', { hasText: 'Go to Line' }).count() > 0, 'the error offers "Go to Line"');
    const problem = await until('the run-failed problem', async () => (await wb.problems()).find((p) => p.includes('run-failed')));
    assert.match(problem, /stop here.*\[Ln 3, Col 1\]/);
    await wb.screenshot('e2e-failure');
    await wb.clearNotifications();
  });
  test('Cancel stops the run and the runtime rolls back', async () => {
    const script = writeScript(workspace, `${version}_e2e_cancel_Any.py`,
      '"""Cancel test."""\nimport time\nsqlexec("CREATE TABLE e2e_cancelled (n INTEGER)", ask_confirm=False)\ntime.sleep(120)\n');
    await wb.openFile(script);
    await wb.runCommand(runTitle);
    await confirmRunDialog(wb, db);
    const cancel = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'e2e_cancel' }).locator('.monaco-button', { hasText: 'Cancel' });
    await until('the Cancel button of the progress notification', async () => (await cancel.count()) > 0);
    // Cancel once the script runs (its name in the progress message), not while the interpreter is still starting.
    await until('the script running', async () => (await wb.notifications()).some((n) => n.includes(`migration/${version}_e2e_cancel_Any.py`)), 60_000);
    await cancel.first().click();
    const cancelled = await until('the cancelled notification', async () => (await wb.notifications()).find((n) => n.includes('cancelled')), 60_000);
    assert.match(cancelled, /rolled back \(rolled-back\)/);
    assert.equal(tableExists(db, 'e2e_cancelled'), false);
    await wb.clearNotifications();
  });

  test('New Migration Script writes a correctly named file with the header snippet', async () => {
    await wb.runCommand('Erudi Migrations: New Migration Script');
    const input = wb.page.locator('.quick-input-widget input');
    await until('the description prompt', async () => (await wb.page.locator('.quick-input-widget', { hasText: 'What does the script do' }).count()) > 0);
    await input.fill('Add due date');
    await wb.page.keyboard.press('Enter');
    await until('the mode pick', async () => (await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'repository side; changes the schema' }).count()) > 0);
    await input.fill('Any');
    await wb.page.keyboard.press('Enter');
    await until('the version pick', async () => (await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Other version' }).count()) > 0);
    const proposed = (await wb.page.locator('.quick-input-widget .monaco-list-row .label-name').first().innerText()).trim();
    // The model version comes first: a script for the release in progress, which needs no change of numversion.
    assert.equal(proposed, version);
    await wb.page.keyboard.press('Enter');
    const file = path.join(workspace, 'ticketing/migration', `${proposed}_add_due_date_Any.py`);
    const text = await until(`${file} with its header`, () => (existsSync(file) ? readFileSync(file, 'utf8') : undefined));
    assert.match(text, /^"""Add due date\.\n/);
    assert.ok(text.includes(`${proposed}_add_due_date_Any.py runs when`), text);
    // Later tests expect the example's scripts only.
    rmSync(file);
  });

  test('New Migration Script above numversion offers to raise it, and raises it in __pkginfo__.py', async () => {
    const pkginfo = path.join(workspace, 'ticketing/__pkginfo__.py');
    const before = readFileSync(pkginfo, 'utf8');
    await wb.runCommand('Erudi Migrations: New Migration Script');
    const input = wb.page.locator('.quick-input-widget input');
    await until('the description prompt', async () => (await wb.page.locator('.quick-input-widget', { hasText: 'What does the script do' }).count()) > 0);
    await input.fill('Next release');
    await wb.page.keyboard.press('Enter');
    await until('the mode pick', async () => (await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'repository side; changes the schema' }).count()) > 0);
    await input.fill('Any');
    await wb.page.keyboard.press('Enter');
    const raising = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'raises numversion' }).first();
    await until('a version that raises numversion', async () => (await raising.count()) > 0);
    const next = (await raising.locator('.label-name').innerText()).trim();
    await raising.click();
    const message = await until('the offer to raise numversion', () => wb.dialogMessage());
    assert.ok(message.includes(`${next} is above the model version ${version}`), message);
    await wb.pressDialogButton(`Raise numversion to ${next}`);
    const file = path.join(workspace, 'ticketing/migration', `${next}_next_release_Any.py`);
    // Written with its header and saved: removing it earlier would let the save bring it back.
    await until(`${file} written with its header`, () => existsSync(file) && readFileSync(file, 'utf8').includes('Next release'));
    const raised = await until('numversion raised on disk', () => {
      const text = readFileSync(pkginfo, 'utf8');
      return text.includes(`numversion = (${next.split('.').join(', ')})`) ? text : undefined;
    });
    assert.equal(raised.replace(/numversion = \([^)]*\)/, ''), before.replace(/numversion = \([^)]*\)/, ''), 'only numversion changed');
    // Put the example back as the later tests expect it.
    await wb.runCommand('View: Close Editor');
    writeFileSync(pkginfo, before);
    rmSync(file);
    await wb.clearNotifications();
  });

  test('Create Instance asks, naming the database, then builds the instance at the model version', async () => {
    const created = path.join(workspace, '.erudi/ticketing-0.1.0.sqlite');
    assert.equal(existsSync(created), false);
    await wb.openFile('ticketing-0.1.0/__pkginfo__.py');
    await wb.runCommand('Erudi Migrations: Create Instance');
    const message = await until('the creation confirmation', () => wb.dialogMessage());
    assert.ok(message.includes(`Create an instance of ticketing-0.1.0 in sqlite:///${created}?`), message);
    await wb.pressDialogButton('Create');
    await until('the new instance at model 0.1.0', () => existsSync(created) &&
      JSON.stringify(sqliteRows(created, "SELECT version FROM erudi_versions WHERE component = 'model'")) === '[["0.1.0"]]', 60_000);
    await until('the "committed" notification', async () => (await wb.notifications()).some((n) => n.includes('Create Instance of ticketing-0.1.0: committed')));
    await wb.clearNotifications();
  });

  test('the status bar and the Migrations view show the stored and model versions', async () => {
    await wb.openFile('ticketing/migration/depends.map');
    const item = wb.page.locator('.statusbar-item', { hasText: /DB \d+\.\d+\.\d+/ });
    // The item follows the active editor's application: ticketing now, after ticketing-0.1.0 in the previous test.
    const text = await until(`the DB status-bar item of ticketing (DB ${version})`, async () => {
      const shown = (await item.count()) > 0 ? await item.first().innerText() : '';
      return shown.includes(`DB ${version}`) ? shown : undefined;
    });
    // Up to date, except that the scripts the tests ran one by one at the model version are not in the ledger.
    assert.match(text, new RegExp(`DB ${version.replace(/\./g, '\\.')} (✓|· \\d+ unapplied)`));
    await wb.runCommand('Erudi Migrations: Show Output');
    await wb.runCommand('Focus on Migrations View');
    const rows = await until('the Migrations view rows', async () => {
      const all = (await wb.page.locator('.pane-body .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      return all.some((r) => r.includes('ticketing')) && all.some((r) => r.includes('e2e_run_Any.py') && r.includes('applied')) ? all : undefined;
    });
    assert.ok(rows.some((r) => /Stored\s*model \d/.test(r)), JSON.stringify(rows));
    assert.ok(rows.some((r) => new RegExp(`model ${version.replace(/\./g, '\\.')}`).test(r)), `a group for the model version: ${JSON.stringify(rows)}`);
    // Applied scripts say, from the ledger, when they were applied and how long they took.
    assert.ok(rows.some((r) => /applied \d{4}-\d\d-\d\d \d\d:\d\d UTC · \d+(\.\d)? (ms|s)/.test(r)), `an applied-at time and a duration: ${JSON.stringify(rows)}`);
    // A script's context menu offers what fits it.
    await wb.page.locator('.pane-body .monaco-list-row', { hasText: 'e2e_run_Any.py' }).first().click({ button: 'right' });
    const menu = await until('the script\'s context menu', async () => {
      const items = (await wb.page.locator('.context-view .action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      return items.length ? items : undefined;
    });
    for (const entry of ['Run Migration Script', 'Preview Migration Script (Dry Run)', 'Open Script', 'Reveal in Explorer']) {
      assert.ok(menu.includes(entry), `${entry} in ${JSON.stringify(menu)}`);
    }
    await wb.page.keyboard.press('Escape');
    await wb.screenshot('readme-migrations');
  });

  test('Get Started opens the walkthrough with its steps', async () => {
    await wb.runCommand('Erudi Migrations: Get Started');
    const page = wb.page.locator('.gettingStartedContainer, .getting-started-container, .gettingStarted').first();
    await until('the walkthrough with its steps', async () => {
      const text = (await page.count()) > 0 ? await page.innerText() : '';
      return text.includes('Get started with Erudi Migrations') && text.includes('Preview a script (dry run)') && text.includes('Write the next script') && text.includes('Let schema.py write the script');
    });
    await wb.screenshot('readme-walkthrough');
  });

  test('Restore Backup lists the backups, confirms naming the database, restores it and refreshes the status', async () => {
    await wb.clearNotifications();
    await wb.openFile('ticketing/__pkginfo__.py');
    await wb.runCommand('Erudi Migrations: Restore Backup');
    // The upgrade's backup holds the instance as it was before it: model 0.1.0, erudi 2.26.0.
    const items = await until('the backups in a quick pick', async () => {
      const rows = (await wb.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
      return rows.some((r) => r.includes('model 0.1.0 · erudi 2.26.0')) ? rows : undefined;
    }, 60_000);
    assert.ok(items.some((r) => /\.erudi\/ticketing\.sqlite\.\d{8}-\d{6}-\d{6}\.bak/.test(r)), `the backup's path: ${JSON.stringify(items)}`);
    await wb.screenshot('readme-restore-backup');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'model 0.1.0 · erudi 2.26.0' }).first().click();
    const message = await until('the restore confirmation', () => wb.dialogMessage(), 60_000);
    assert.match(message, /Restore ticketing\.sqlite\.\d{8}-\d{6}-\d{6}\.bak over sqlite:\/\/.*\?/);
    assert.match(message, /holds model 0\.1\.0 \(erudi 2\.26\.0\)/);
    await wb.pressDialogButton('Restore');
    await until('the database back at model 0.1.0', async () =>
      JSON.stringify(sqliteRows(db, "SELECT version FROM erudi_versions WHERE component = 'model'")) === JSON.stringify([['0.1.0']]), 120_000);
    const done = await until('the restore\'s notification', async () => (await wb.notifications()).find((n) => /Restore ticketing\.sqlite\..*: committed/.test(n)));
    assert.match(done, /Backup: .*\.erudi\/ticketing\.sqlite\.\d{8}-\d{6}-\d{6}\.bak/, `the state before the restore was backed up: ${done}`);
    const statusItem = wb.page.locator('.statusbar-item', { hasText: /DB \d/ });
    await until('the status bar to show the restored version', async () =>
      (await statusItem.count()) > 0 && /DB 0\.1\.0 → /.test(await statusItem.first().innerText()), 60_000);
  });
});

describe('in Restricted Mode', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;

  before(async () => {
    server = await CodeServer.start({ trusted: false });
  });

  after(async () => {
    await server?.stop();
    if (workspace) removeCopy(workspace);
  });

  test('Run refuses with an explanation and writes nothing', async () => {
    workspace = copyExamples();
    const db = createOldInstance(workspace);
    const before = fileDigest(db);
    const script = writeScript(workspace, `${modelVersion(path.join(workspace, 'ticketing'))}_e2e_restricted_Any.py`,
      'sqlexec("CREATE TABLE e2e_restricted_marker (n INTEGER)", ask_confirm=False)\n');
    wb = await server.open(workspace);
    await wb.openFile(script);
    await wb.runCommand(runTitle);
    const refusal = await until('the Restricted Mode refusal', async () => (await wb.notifications()).find((n) => n.includes('Restricted Mode')));
    assert.match(refusal, /disabled in Restricted Mode/);
    assert.equal(await wb.dialogMessage(), undefined, 'no confirmation is asked: nothing will run');
    assert.equal(fileDigest(db), before);
    await wb.screenshot('e2e-restricted');
  });
});

/** Every file under a folder, for looking for a leaked password. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    const stat = statSync(file);
    return stat.isDirectory() ? filesUnder(file) : stat.isFile() ? [file] : [];
  });
}

describe('with a PostgreSQL database that wants a password', () => {
  const password = 'e2e-Pa55-word';
  let cluster: PostgresCluster;
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;

  before(async () => {
    cluster = await startPostgres(password);
    workspace = copyExamples();
    mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'erudiMigrations.database.url': cluster.url }));
    server = await CodeServer.start({ trusted: true });
    wb = await server.open(workspace);
  });

  after(async () => {
    await server?.stop();
    cluster?.stop();
    if (workspace) removeCopy(workspace);
  });

  test('the password is asked once, kept in the secret storage, reaches the runtime, and is written nowhere', async () => {
    await wb.openFile('ticketing/__pkginfo__.py');
    await wb.runCommand('Erudi Migrations: Create Instance');
    const input = wb.page.locator('.quick-input-widget input');
    await until('the password prompt', async () => (await wb.page.locator('.quick-input-widget', { hasText: 'database password' }).count()) > 0);
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(password);
    await wb.page.keyboard.press('Enter');
    const message = await until('the creation confirmation', () => wb.dialogMessage());
    assert.ok(message.includes(`in ${cluster.url}?`), message);
    await wb.pressDialogButton('Create');
    await until('the instance in PostgreSQL', () => JSON.stringify(cluster.rows("SELECT version FROM erudi_versions WHERE component = 'model'")) === '[["0.4.0"]]', 60_000);
    await wb.clearNotifications();

    // Asked once: the status now reads the database with the stored password, without a prompt.
    await wb.runCommand('Erudi Migrations: Show Migration Status');
    const status = await until('the status notification', async () => (await wb.notifications()).find((n) => n.includes('ticketing: up to date')), 60_000);
    assert.match(status, /stored model 0\.4\.0/);
    assert.equal(await wb.page.locator('.quick-input-widget', { hasText: 'database password' }).isVisible(), false);
    await wb.runCommand('Erudi Migrations: Show Output');
    await wb.screenshot('e2e-postgresql');

    // Settings, logs and output channels (the server side of code-server keeps them as files) never hold it.
    const files = [...filesUnder(server.home), ...filesUnder(workspace)].filter((file) => !/\.(sqlite|bak|png)$/.test(file));
    assert.ok(files.some((file) => readFileSync(file).includes('=== Create Instance of ticketing')), 'the output channel is among the files searched');
    assert.deepEqual(files.filter((file) => readFileSync(file).includes(password)), []);
  });
});
