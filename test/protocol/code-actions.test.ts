// Over stdio: quick fixes (rename for unknown-mode and bad-version as a RenameFile, "sort entries"), hover and completion in depends.map, settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { copyFixture, FULL_CAPABILITIES, LspSession, removeDir, uri } from './lsp-session';

let dir: string;
let m: string;
let lsp: LspSession;

before(async () => {
  dir = copyFixture('names-app');
  m = join(dir, 'migration');
  lsp = LspSession.start('stdio');
  await lsp.initialize(dir);
  await lsp.until('initial diagnostics', () => lsp.codes(join(m, 'depends.map')).length > 0 && lsp.codes(join(m, '0.2_repository.py')).length > 0 && lsp.codes(join(m, '0.2.0_add_age_any.py')).length > 0);
});
after(async () => {
  await lsp.stop();
  removeDir(dir);
});

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

test('unknown-mode and bad-version offer a rename-file quick fix', async () => {
  const cases: Array<[string, string]> = [
    ['0.2.0_add_age_any.py', '0.2.0_add_age_Any.py'],
    ['0.2_repository.py', '0.2.0_repository.py'],
  ];
  for (const [from, to] of cases) {
    const diagnostics = lsp.diagnostics.get(uri(join(m, from)))!;
    const actions = (await lsp.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(join(m, from)) }, range: zero, context: { diagnostics } })) as Array<{
      title: string;
      kind: string;
      edit: { documentChanges: unknown[] };
    }>;
    assert.equal(actions.length, 1, from);
    assert.equal(actions[0].title, `Rename to ${to}`);
    assert.equal(actions[0].kind, 'quickfix');
    assert.deepEqual(actions[0].edit.documentChanges, [{ kind: 'rename', oldUri: uri(join(m, from)), newUri: uri(join(m, to)), options: { overwrite: false, ignoreIfExists: false } }]);
  }
});

test('"sort entries" rewrites an unsorted depends.map, keeping its comment on top', async () => {
  const actions = (await lsp.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(join(m, 'depends.map')) }, range: zero, context: { diagnostics: [] } })) as Array<{
    title: string;
    edit: { documentChanges: Array<{ edits: Array<{ newText: string }> }> };
  }>;
  assert.deepEqual(actions.map((a) => a.title), ['Sort entries by model version']);
  assert.equal(actions[0].edit.documentChanges[0].edits[0].newText, '# Framework steps the model needs.\n0.1.0 : 2.27.0\n0.2.0 : 2.0.0\n');
});

test('hover and completion in depends.map', async () => {
  const mapUri = uri(join(m, 'depends.map'));
  const hover = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri: mapUri }, position: { line: 1, character: 2 } })) as { contents: { value: string } };
  // The installed framework is the bundled runtime's own version.
  const installed = /__version__ = "([^"]+)"/.exec(readFileSync(new URL('../../runtime/erudi_migrate/__init__.py', import.meta.url), 'utf8'))![1];
  assert.ok(hover.contents.value.includes(`Before the model can be migrated to **0.2.0**, the framework must be at **2.0.0** or newer; installed: ${installed}.`), hover.contents.value);
  const completion = (await lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri: mapUri }, position: { line: 3, character: 0 } })) as { items: Array<{ label: string }> };
  assert.deepEqual(completion.items.map((i) => i.label), ['0.4.0', '0.3.0', '0.2.0', '0.1.0']);
});

test('a client that cannot rename files gets no rename action', async () => {
  const other = LspSession.start('stdio');
  try {
    await other.initialize(dir, { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true } } });
    await other.until('diagnostics', () => other.codes(join(m, '0.2_repository.py')).length > 0);
    const actions = await other.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(join(m, '0.2_repository.py')) }, range: zero, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
  } finally {
    await other.stop();
  }
});

test('erudiMigrations.frameworkVersion overrides the installed framework, also over --node-ipc', async () => {
  const other = LspSession.start('node-ipc');
  try {
    other.settings = { frameworkVersion: '2.0.0' };
    await other.initialize(dir);
    const map = join(m, 'depends.map');
    await other.until('framework too old', () => other.codes(map).includes('depends-framework-unavailable'));
    other.settings = { frameworkVersion: '3.0.0' };
    await other.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await other.until('framework new enough', () => !other.codes(map).includes('depends-framework-unavailable'));
  } finally {
    await other.stop();
  }
});
