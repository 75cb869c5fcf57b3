// Cubes over the protocol and in the checker: a cube's schema edit re-checks the applications built on it; cubesPath; --cubes-path.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { copyFixture, LspSession, removeDir, REPO, uri } from './lsp-session';

const BIN = join(REPO, 'bin', 'erudi-migrations.js');
const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

const FORGE_SCRIPT = 'forge/migration/0.3.0_Any.py';
const VERSION_MODULE = 'cubicweb-tracker/cubicweb_tracker/schema/project.py';

test('editing a cube\'s schema (in the editor, then on disk) re-checks the application that depends on it', async () => {
  const dir = copyFixture('cubes');
  dirs.push(dir);
  const lsp = LspSession.start('stdio');
  try {
    await lsp.initialize(dir);
    const script = join(dir, FORGE_SCRIPT);
    // The forge names BlogEntry (the blog cube) and Version (the tracker cube): both found; only the typo is reported.
    const scriptText = "add_relation_definition('BlogEntry', 'entry_about', 'Version')\nadd_entity_type('Licence')\n";
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(script), languageId: 'python', version: 1, text: scriptText } });
    const lines = () => (lsp.diagnostics.get(uri(script)) ?? []).map((d) => `${d.range.start.line} ${d.code}`).sort().join();
    await lsp.until('the forge script checked', () => lines() === '1 unknown-entity-type');
    assert.deepEqual(lsp.codes(join(dir, 'forge/__pkginfo__.py')), []);

    // The tracker's schema module edited, unsaved: Version renamed, so the forge's script names a type no schema defines.
    const module = join(dir, VERSION_MODULE);
    const text = readFileSync(module, 'utf8');
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(module), languageId: 'python', version: 1, text } });
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(module), version: 2 },
      contentChanges: [{ text: text.replace('class Version(WorkflowableEntityType)', 'class Release(WorkflowableEntityType)') }],
    });
    await lsp.until('unknown-entity-type on Version in the forge script', () => lines() === '0 unknown-entity-type,1 unknown-entity-type');

    // Closed: the disk's text is back, and Version with it.
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(module) } });
    await lsp.until('Version known again', () => lines() === '1 unknown-entity-type');

    // Changed on disk (a watched-file event) the same way.
    writeFileSync(module, text.replace('class Version(WorkflowableEntityType)', 'class Release(WorkflowableEntityType)'));
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(module), type: 2 }] });
    await lsp.until('unknown-entity-type from the disk edit', () => lines() === '0 unknown-entity-type,1 unknown-entity-type');
  } finally {
    await lsp.stop();
  }
});

test('erudiMigrations.cubesPath finds cubes outside the workspace; changing it re-checks', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'erudi-forge-'));
  const cubes = copyFixture('cubes');
  dirs.push(workspace, cubes);
  cpSync(join(cubes, 'forge'), join(workspace, 'forge'), { recursive: true });
  const lsp = LspSession.start('stdio');
  try {
    await lsp.initialize(workspace);
    const pkginfo = join(workspace, 'forge', '__pkginfo__.py');
    // Not found: one warning per missing cube of __depends__ (tracker, blog), and no unknown-name cascade on the scripts.
    await lsp.until('cube-not-found', () => lsp.codes(pkginfo).length === 2);
    assert.deepEqual(lsp.codes(pkginfo), ['cube-not-found', 'cube-not-found']);
    assert.deepEqual(lsp.codes(join(workspace, FORGE_SCRIPT)), []);
    assert.match(String(lsp.diagnostics.get(uri(pkginfo))![0].message), /erudiMigrations\.cubesPath/);

    lsp.settings = { cubesPath: [cubes] };
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await lsp.until('the cubes found', () => lsp.codes(pkginfo).length === 0);
    // Now the scripts are judged against the cubes: a misspelt type of the tracker is reported.
    const script = join(workspace, FORGE_SCRIPT);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(script), languageId: 'python', version: 1, text: "add_relation_definition('BlogEntry', 'entry_about', 'Versoin')\n" } });
    await lsp.until('unknown-entity-type', () => lsp.codes(script).join() === 'unknown-entity-type');
    assert.match(String(lsp.diagnostics.get(uri(script))![0].message), /did you mean 'Version'\?/);
  } finally {
    await lsp.stop();
  }
});

test('erudi-migrations check --cubes-path finds the cubes; without it, the missing cubes are named', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'erudi-forge-check-'));
  dirs.push(workspace);
  const cubes = join(REPO, 'test', 'fixtures', 'cubes');
  cpSync(join(cubes, 'forge'), join(workspace, 'forge'), { recursive: true });
  writeFileSync(join(workspace, 'forge', 'migration', '0.3.0_Any.py'), "add_relation_definition('BlogEntry', 'entry_about', 'Versoin')\n");

  const without = spawnSync(process.execPath, [BIN, 'check', workspace], { encoding: 'utf8', cwd: workspace, env: { ...process.env, ERUDI_CUBES_PATH: '' } });
  assert.equal(without.status, 0);
  assert.deepEqual(without.stdout.split('\n').filter(Boolean).map((l) => l.split(': ')[0] + ': ' + l.split(': ')[1].split(' ')[1]), [
    'forge/__pkginfo__.py:12:5: cube-not-found',
    'forge/__pkginfo__.py:13:5: cube-not-found',
  ]);

  const withPath = spawnSync(process.execPath, [BIN, 'check', workspace, '--cubes-path', cubes], { encoding: 'utf8', cwd: workspace, env: { ...process.env, ERUDI_CUBES_PATH: '' } });
  assert.equal(withPath.status, 0);
  const lines = withPath.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, withPath.stdout);
  assert.match(lines[0], /^forge\/migration\/0\.3\.0_Any\.py:1:\d+: warning unknown-entity-type: .*did you mean 'Version'\?$/);

  // The environment variable does the same.
  const withEnv = spawnSync(process.execPath, [BIN, 'check', workspace], { encoding: 'utf8', cwd: workspace, env: { ...process.env, ERUDI_CUBES_PATH: cubes } });
  assert.deepEqual(withEnv.stdout.split('\n').filter(Boolean), lines);

  const bad = spawnSync(process.execPath, [BIN, 'check', workspace, '--cubes-path', join(workspace, 'nowhere')], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--cubes-path .*nowhere: no such directory/);
});
