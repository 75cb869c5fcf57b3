// Hostile LSP messages (non-string URIs, malformed contentChanges, didOpen with text: null) fail alone: a request gets
// an InvalidParams error, a notification changes nothing; documents over 2 MB get their name checked and one note;
// slow requests are logged with their method and file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LspSession, removeDir, startOnNamesApp, uri } from './lsp-session';

let dir: string;
let lsp: LspSession;

before(async () => {
  ({ dir, lsp } = await startOnNamesApp());
});
after(async () => {
  await lsp.stop();
  removeDir(dir);
});

const INVALID_PARAMS = -32602;

async function errorOf(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await request;
  } catch (error) {
    return error as { code: number; message: string };
  }
  assert.fail('the request was answered, not refused');
}

test('a request with a non-string URI or a broken position gets InvalidParams, and the next request works', async () => {
  for (const params of [
    { textDocument: { uri: 42 }, position: { line: 0, character: 0 } },
    { textDocument: { uri: { path: '/x' } }, position: { line: 0, character: 0 } },
    { textDocument: {}, position: { line: 0, character: 0 } },
    { textDocument: { uri: uri(join(dir, 'migration/0.1.0_Any.py')) }, position: { line: 'a', character: 0 } },
    { textDocument: { uri: uri(join(dir, 'migration/0.1.0_Any.py')) }, position: null },
  ]) {
    const error = await errorOf(lsp.connection.sendRequest('textDocument/hover', params));
    assert.equal(error.code, INVALID_PARAMS, JSON.stringify(params));
    assert.match(error.message, /textDocument|position/);
  }
  const broken = await errorOf(lsp.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 7 }, range: null, context: {} }));
  assert.equal(broken.code, INVALID_PARAMS);
  const script = uri(join(dir, 'migration/0.4.0_Any.py'));
  assert.ok(await lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri: script }, position: { line: 0, character: 0 } }) !== undefined);
  assert.ok(lsp.child.exitCode === null, 'the server is still running');
});

test('didOpen with text: null opens nothing; malformed contentChanges leave the document as it was', async () => {
  const path = join(dir, 'migration/depends.map');
  const map = uri(path);
  const onDisk = () => lsp.codes(path).join() === 'depends-not-monotonic';
  await lsp.until('disk depends.map', onDisk);
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: map, languageId: 'erudi-depends-map', version: 1, text: null } });
  // Not open: a change to it is ignored, so the disk text still decides.
  await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: map, version: 2 }, contentChanges: [{ text: 'garbage' }] });
  await lsp.settle();
  assert.ok(onDisk(), lsp.codes(path).join());

  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: map, languageId: 'erudi-depends-map', version: 1, text: '0.1.0 : 2.26.0\n' } });
  await lsp.until('the open text is checked', () => lsp.codes(path).length === 0);
  for (const contentChanges of [
    null,
    'not an array',
    [{ text: 42 }],
    [{ range: { start: { line: 'x', character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }],
    [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }],
    [{ text: 'garbage that must not land' }, null],
  ]) {
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: map, version: 3 }, contentChanges });
  }
  await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 12, version: 3 }, contentChanges: [{ text: 'x' }] });
  await lsp.settle();
  assert.deepEqual(lsp.codes(path), [], 'no malformed change was applied');
  // A well-formed change after them applies to the intact text.
  await lsp.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: map, version: 4 },
    contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'oops\n' }],
  });
  await lsp.until('the valid change is checked', () => lsp.codes(path).join() === 'depends-syntax');
  const diagnostic = lsp.diagnostics.get(map)?.[0];
  assert.equal(diagnostic?.range.start.line, 1);
  await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: map } });
  await lsp.until('disk depends.map again', onDisk);
  assert.ok(lsp.logs.some((line) => /didChange: invalid params/.test(line)), 'the refusal is logged');
});

test('a document over 2 MB gets its file-name checks and one note that the rest is skipped', async () => {
  const path = join(dir, 'migration/0.2.0_add_age_any.py');
  const big = uri(path);
  const text = `add_attribute('Person', 'age')\n${'# padding\n'.repeat(220_000)}`;
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'python', version: 1, text } });
  await lsp.until('the note', () => lsp.codes(path).includes('file-too-large'));
  assert.deepEqual(lsp.codes(path), ['file-too-large', 'unknown-mode']);
  const note = lsp.diagnostics.get(big)!.find((d) => d.code === 'file-too-large')!;
  assert.equal(note.severity, 3, 'information');
  assert.match(String(note.message), /2,097,152/);
  await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
  await lsp.until('the disk text again', () => !lsp.codes(path).includes('file-too-large'));
});

test('a request or notification over 50 ms is logged with its method and file', async () => {
  const path = join(dir, 'migration/0.4.0_Any.py');
  const script = uri(path);
  // 1.5 MB of calls: under the size limit, so it is parsed and checked, which takes well over 50 ms.
  const text = "add_attribute('Person', 'age')\n".repeat(50_000);
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: script, languageId: 'python', version: 1, text } });
  await lsp.settle();
  await lsp.until('the slow log', () => lsp.logs.some((line) => line.includes('slow: textDocument/didOpen') && line.includes(script)), 20_000);
  await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: script } });
  await lsp.settle();
});
