// The server speaks every transport vscode-languageserver offers: stdio (also with no flag, through the bin), node-ipc, socket, pipe.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { copyFixture, LspSession, removeDir } from './lsp-session';

const dir = copyFixture('names-app');
after(() => removeDir(dir));

const starts: Array<[string, () => Promise<LspSession>]> = [
  ['bin without a flag (stdio)', async () => LspSession.start('bin')],
  ['--node-ipc', async () => LspSession.start('node-ipc')],
  ['--socket=PORT', () => LspSession.startConnectingBack('socket')],
  ['--pipe=NAME', () => LspSession.startConnectingBack('pipe')],
];

for (const [name, start] of starts) {
  test(`${name}: initialize and publish diagnostics`, async () => {
    const lsp = await start();
    try {
      const result = await lsp.initialize(dir);
      assert.ok(result.capabilities.codeActionProvider);
      await lsp.until('a diagnostic', () => lsp.codes(join(dir, 'migration/helpers.py')).includes('filename-grammar'));
    } finally {
      await lsp.stop();
    }
  });
}
