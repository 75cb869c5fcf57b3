// Over stdio: a request sent right after `initialized`, before the workspace is indexed, waits for the index instead of answering null.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cursorIn, ScriptLspClient } from './script-lsp-client';

const FIRST_REQUESTS: [string, string, (result: unknown) => boolean][] = [
  ['textDocument/completion', 'add_at|', (r) => ((r as { items?: { label: string }[] } | null)?.items ?? []).some((i) => i.label === 'add_attribute')],
  ['textDocument/hover', 'add_attri|bute', (r) => JSON.stringify(r ?? '').includes('add_attribute')],
  ['textDocument/signatureHelp', "add_attribute('Person', |", (r) => (r as { activeParameter?: number } | null)?.activeParameter === 1],
];

for (const [method, source, answered] of FIRST_REQUESTS) {
  test(`${method} sent with no wait after initialized is answered`, async () => {
    const client = await ScriptLspClient.start();
    try {
      const { text, line, character } = cursorIn(source);
      const script = client.open('migration/0.2.0_add_age_Any.py', text);
      const result = await client.request(method, script, line, character);
      assert.ok(answered(result), `${method} answered ${JSON.stringify(result)}`);
    } finally {
      await client.stop();
    }
  });
}
