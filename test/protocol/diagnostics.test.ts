// Over stdio with the bundled server: diagnostics of closed files, and their updates on watched-file events and edits, with none left stale.
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { copyFixture, LspSession, removeDir, uri } from './lsp-session';

let dir: string;
let m: string;
let lsp: LspSession;

before(async () => {
  dir = copyFixture('names-app');
  m = join(dir, 'migration');
  lsp = LspSession.start('stdio');
  await lsp.initialize(dir);
  await lsp.until('initial diagnostics', () => lsp.diagnostics.has(uri(join(m, 'depends.map'))) && lsp.diagnostics.size >= 6);
});
after(async () => {
  await lsp.stop();
  removeDir(dir);
});

test('closed files get their diagnostics after initialize, with source and code as in DESIGN §3', () => {
  const expected: Array<[string, string[]]> = [
    ['0.2.0_add_age_any.py', ['unknown-mode']],
    ['0.2_repository.py', ['bad-version']],
    ['0.3.0_cleanup_web.sql', ['sql-mode']],
    ['helpers.py', ['filename-grammar']],
    ['0.4.0_Any.py', ['script-ahead-of-model']],
    ['depends.map', ['depends-not-monotonic']],
  ];
  for (const [name, codes] of expected) assert.deepEqual(lsp.codes(join(m, name)), codes, name);
  for (const name of ['0.1.0_Any.py', '__init__.py', 'postcreate.py']) assert.deepEqual(lsp.codes(join(m, name)), [], name);
  const [d] = lsp.diagnostics.get(uri(join(m, '0.2.0_add_age_any.py')))!;
  assert.equal(d.source, 'erudi-migrations');
  assert.equal(d.severity, 1);
  assert.match(String(d.message), /did you mean Any\?/);
  assert.ok(lsp.registrations.includes('workspace/didChangeWatchedFiles'), 'the server asks to watch migration folders');
});

test('a created file is checked, and a rename clears the old name and checks the new one', async () => {
  const bad = join(m, '0.1.0_ANY.py');
  writeFileSync(bad, '');
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(bad), type: 1 }] });
  await lsp.until('duplicate on both', () => lsp.codes(bad).length === 2 && lsp.codes(join(m, '0.1.0_Any.py')).length === 1);
  assert.deepEqual(lsp.codes(bad), ['duplicate-script', 'unknown-mode']);
  assert.deepEqual(lsp.codes(join(m, '0.1.0_Any.py')), ['duplicate-script']);

  const renamed = join(m, '0.1.0_other_Any.py');
  renameSync(bad, renamed);
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(bad), type: 3 }, { uri: uri(renamed), type: 1 }] });
  await lsp.until('old name cleared', () => lsp.codes(bad).length === 0 && lsp.codes(join(m, '0.1.0_Any.py')).length === 0);
  assert.deepEqual(lsp.codes(renamed), []);
});

test('a deleted file loses its diagnostics', async () => {
  const helpers = join(m, 'helpers.py');
  rmSync(helpers);
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(helpers), type: 3 }] });
  await lsp.until('helpers.py cleared', () => lsp.codes(helpers).length === 0);
});

test('changing numversion re-checks every script, open or not', async () => {
  const pkginfo = join(dir, '__pkginfo__.py');
  writeFileSync(pkginfo, 'numversion = (0, 5, 0)\n');
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(pkginfo), type: 2 }] });
  await lsp.until('0.4.0 no longer ahead', () => lsp.codes(join(m, '0.4.0_Any.py')).length === 0);
  writeFileSync(pkginfo, 'numversion = (0, 1)\n');
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(pkginfo), type: 2 }] });
  await lsp.until('pkginfo-version', () => lsp.codes(pkginfo).includes('pkginfo-version'));
  writeFileSync(pkginfo, 'numversion = (0, 3, 0)\n');
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(pkginfo), type: 2 }] });
  await lsp.until('0.4.0 ahead again', () => lsp.codes(join(m, '0.4.0_Any.py')).includes('script-ahead-of-model') && lsp.codes(pkginfo).length === 0);
});

test('editing depends.map republishes from the editor text; closing goes back to the disk', async () => {
  const map = join(m, 'depends.map');
  const docUri = uri(map);
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'erudi-depends-map', version: 1, text: '0.1.0 : 2.0.0\n' } });
  await lsp.until('open text has no problem', () => lsp.codes(map).length === 0);
  await lsp.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: docUri, version: 2 },
    contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '0.1.0 : 2.0.0\nnonsense\n0.9.0 : 9.0.0' }],
  });
  await lsp.until('edit diagnostics', () => lsp.codes(map).length === 4);
  assert.deepEqual(lsp.codes(map), ['depends-duplicate', 'depends-framework-unavailable', 'depends-future-version', 'depends-syntax']);
  await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: docUri } });
  await lsp.until('disk text again', () => lsp.codes(map).join() === 'depends-not-monotonic');
});

test('a new application folder is discovered from watched-file events, and a deleted one cleared', async () => {
  const { mkdirSync } = await import('node:fs');
  const other = join(dir, 'sub', 'other');
  mkdirSync(join(other, 'migration'), { recursive: true });
  writeFileSync(join(other, 'migration', '1.0.0_Repo.py'), '');
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(other, 'migration')), type: 1 }] });
  await lsp.until('new app checked', () => lsp.codes(join(other, 'migration', '1.0.0_Repo.py')).length === 1);
  rmSync(join(other), { recursive: true });
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(other, 'migration')), type: 3 }] });
  await lsp.until('new app cleared', () => lsp.codes(join(other, 'migration', '1.0.0_Repo.py')).length === 0);
});

test('a script deleted while open loses its diagnostics when closed', async () => {
  const path = join(m, '0.5.0_Repo.py');
  writeFileSync(path, '');
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path), type: 1 }] });
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(path), languageId: 'python', version: 1, text: '' } });
  await lsp.until('open script checked', () => lsp.codes(path).includes('unknown-mode'));
  rmSync(path);
  await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(path) } });
  await lsp.until('closed deleted script cleared', () => lsp.codes(path).length === 0);
});

test('workspace folders added and removed are indexed and cleared', async () => {
  const { mkdtempSync, mkdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const extra = mkdtempSync(join(tmpdir(), 'erudi-folder-'));
  mkdirSync(join(extra, 'migration'));
  const script = join(extra, 'migration', '1.0.0_web.sql');
  writeFileSync(script, '');
  try {
    await lsp.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(extra), name: 'extra' }], removed: [] } });
    await lsp.until('added folder checked', () => lsp.codes(script).includes('sql-mode'));
    await lsp.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uri(extra), name: 'extra' }] } });
    await lsp.until('removed folder cleared', () => lsp.codes(script).length === 0);
    assert.ok(lsp.codes(join(m, '0.2_repository.py')).includes('bad-version'), 'the first folder is still checked');
  } finally {
    removeDir(extra);
  }
});

test('names with spaces, unicode, "#" and "%" are published under URIs that round-trip to the file', async () => {
  const names = ['0.6.0_ajouté été_Any.py', '0.6.0_a#b_Any.py', '0.6.0_100%_Any.py', '0.6.0_日本_Any.py'];
  for (const name of names) writeFileSync(join(m, name), '');
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: names.map((name) => ({ uri: uri(join(m, name)), type: 1 })) });
  await lsp.until('odd names checked', () => names.every((name) => lsp.codes(join(m, name)).includes('filename-grammar')));
  for (const name of names) rmSync(join(m, name));
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: names.map((name) => ({ uri: uri(join(m, name)), type: 3 })) });
  await lsp.until('odd names cleared', () => names.every((name) => lsp.codes(join(m, name)).length === 0));
});

test('without client file watching, the server watches application folders itself', async () => {
  const { FULL_CAPABILITIES } = await import('./lsp-session');
  const other = LspSession.start('stdio');
  const own = copyFixture('names-app');
  try {
    await other.initialize(own, { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: false } } });
    const helpers = join(own, 'migration/helpers.py');
    await other.until('initial', () => other.codes(helpers).length > 0);
    assert.ok(!other.registrations.includes('workspace/didChangeWatchedFiles'));
    const created = join(own, 'migration/0.2.0_x_Web.py');
    writeFileSync(created, '');
    rmSync(helpers);
    await other.until('created checked, deleted cleared, with no notification sent', () => other.codes(created).includes('unknown-mode') && other.codes(helpers).length === 0);
    writeFileSync(join(own, '__pkginfo__.py'), 'numversion = (1, 0, 0)\n');
    await other.until('numversion change seen', () => other.codes(join(own, 'migration/0.4.0_Any.py')).length === 0);
  } finally {
    await other.stop();
    removeDir(own);
  }
});
