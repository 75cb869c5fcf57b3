// Memory goes back to the system once the server is quiet after the first check and after closing documents, and not while it works.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getHeapStatistics } from 'node:v8';
import { MemoryReturn, reduceHeap } from '../../server/src/lsp/memory-return';
import { copyFixture, LspSession, removeDir, uri } from './lsp-session';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function counting(): { collect: () => Promise<undefined>; count: () => number } {
  let n = 0;
  return { collect: async () => void n++, count: () => n };
}

/** Polls until `done` or the deadline (a loaded machine runs timers late, never early). */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !done() && Date.now() < deadline; ) await sleep(10);
}

test('asked several times, the heap is reduced once, after the server was quiet', async () => {
  const { collect, count } = counting();
  const memory = new MemoryReturn(() => false, () => {}, collect, 30);
  memory.afterWork('checking the workspace');
  memory.afterWork('closing documents');
  assert.equal(count(), 0, 'not at once: a request may follow');
  await until(() => count() > 0);
  // Given time for a second one, there is none.
  await sleep(100);
  assert.equal(count(), 1);
  assert.equal(memory.pending, false);
});

test('messages and re-checks postpone the collection until they stop', async () => {
  const { collect, count } = counting();
  let busy = false;
  // Quiet means 300 ms without activity: a message every 10 ms stays far from it, even on a loaded machine.
  const memory = new MemoryReturn(() => busy, () => {}, collect, 300);
  memory.afterWork('closing documents');
  // Typing: a message every 10 ms for 400 ms.
  for (const end = Date.now() + 400; Date.now() < end; ) {
    await sleep(10);
    memory.activity();
  }
  assert.equal(count(), 0, 'no collection while messages keep coming');
  busy = true;
  await sleep(700);
  assert.equal(count(), 0, 'no collection while dependents are re-checked');
  busy = false;
  await until(() => count() > 0);
  assert.equal(count(), 1);
});

test('reduceHeap gives back the pages garbage left, not only the objects', async () => {
  // Fragmented garbage: most of what was allocated dies, what lives is spread over the pages.
  let kept: object[] = [];
  for (let round = 0; round < 30; round++) {
    const batch = Array.from({ length: 40_000 }, (_, i) => ({ text: `statement ${round} ${i}`, at: [round, i] }));
    kept.push(...batch.filter((_, i) => i % 5 === 0));
  }
  const reduced = await reduceHeap();
  assert.ok(reduced, 'the inspector is available in this Node');
  assert.ok(reduced.after < reduced.before, `heap committed ${reduced.before} → ${reduced.after}`);
  assert.equal(getHeapStatistics().total_heap_size <= reduced.before, true);
  assert.ok(kept.length > 0);
  kept = [];
});

test('the server returns memory after its first check and after documents are closed', async () => {
  const dir = copyFixture('script-app');
  const lsp = LspSession.start('stdio');
  try {
    await lsp.initialize(dir);
    const returned = (why: string) => lsp.logs.filter((line) => line.startsWith(`memory returned after ${why}: heap `)).length;
    // Logs do not wake `until` (it waits for diagnostics): poll them.
    const logged = async (why: string) => {
      for (const deadline = Date.now() + 10_000; returned(why) === 0 && Date.now() < deadline; ) await sleep(50);
    };
    await logged('checking the workspace');
    assert.equal(returned('checking the workspace'), 1, lsp.logs.join('\n'));

    const script = join(dir, 'migration', '0.2.0_add_age_Any.py');
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(script), languageId: 'python', version: 1, text: readFileSync(script, 'utf8') } });
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(script) } });
    await logged('closing documents');
    assert.equal(returned('closing documents'), 1, lsp.logs.join('\n'));
  } finally {
    await lsp.stop();
    removeDir(dir);
  }
});
