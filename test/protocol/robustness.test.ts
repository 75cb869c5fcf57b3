// Over stdio: odd and hostile messages (foreign URIs, unknown documents, binary text, positions past the end) never stop the server.
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

test('the server survives odd messages and keeps checking', async () => {
  const map = uri(join(dir, 'migration/depends.map'));
  const far = { line: 1_000_000, character: 1_000_000 };
  const binary = Array.from({ length: 5_000 }, (_, i) => String.fromCharCode(i % 0xd7ff)).join('');
  await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.py', version: 2 }, contentChanges: [{ text: 'x' }] });
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'python', version: 1, text: 'add_attribute(' } });
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'untitled:x', type: 1 }, { uri: 'file:///', type: 3 }, { uri: 'not a uri', type: 2 }] });
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: map, languageId: 'erudi-depends-map', version: 1, text: binary } });
  const answers = await Promise.all([
    lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri: map }, position: far }),
    lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri: map }, position: far }),
    lsp.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: map }, range: { start: far, end: far }, context: { diagnostics: [] } }),
    lsp.connection.sendRequest('textDocument/definition', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 3 } }),
    lsp.connection.sendRequest('textDocument/signatureHelp', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 14 } }),
  ]);
  assert.equal(answers[0], null);
  await lsp.until('binary depends.map reported', () => lsp.codes(join(dir, 'migration/depends.map')).includes('depends-syntax'));
  await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: map } });
  await lsp.until('disk depends.map again', () => lsp.codes(join(dir, 'migration/depends.map')).join() === 'depends-not-monotonic');
  assert.ok(lsp.child.exitCode === null, 'the server is still running');
});
