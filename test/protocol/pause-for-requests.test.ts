// The pause between check slices lets a request that arrived during a slice be answered before the next slices run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { firstCheckSliceBudget, INTERACTIVE_SLICE_BUDGET_MS, pauseForRequests, SLICE_BUDGET_MS } from '../../server/src/lsp/recheck-scheduler';

// An editor in its own process: when diagnostics of a tenth slice arrive it asks something, and says when answered.
const EDITOR = `
const rpc = require('vscode-jsonrpc/node');
const c = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));
c.onNotification('published', (p) => {
  if (p.document !== 0 || p.slice % 10 !== 0) return;
  c.sendRequest('completion').then(() => c.sendNotification('answered', { askedDuring: p.slice }));
});
c.listen();
c.sendNotification('ready');
`;

test('a request sent during the first check is answered within about a slice, behind the notifications already sent', async () => {
  const editor = spawn(process.execPath, ['-e', EDITOR], { stdio: ['pipe', 'pipe', 'inherit'], cwd: process.cwd() });
  const server = createMessageConnection(new StreamMessageReader(editor.stdout!), new StreamMessageWriter(editor.stdin!));
  let slices = 0;
  const answeredAfter: number[] = [];
  server.onRequest('completion', () => []);
  server.onNotification('answered', (p: { askedDuring: number }) => {
    answeredAfter.push(slices - 1 - p.askedDuring);
  });
  const ready = new Promise<void>((resolve) => server.onNotification('ready', () => resolve()));
  server.listen();
  await ready;

  // The first check as checkAllInSlices runs it: slices of 4 ms of work, each publishing a few documents, then the pause.
  let lastWrite: Promise<void> = Promise.resolve();
  const publisher = { written: () => lastWrite };
  const asked = 15;
  for (const deadline = performance.now() + 20_000; answeredAfter.length < asked && performance.now() < deadline; ) {
    const started = performance.now();
    while (performance.now() - started < 4);
    if (slices < asked * 10) for (let document = 0; document < 5; document++) lastWrite = server.sendNotification('published', { slice: slices, document });
    slices++;
    await pauseForRequests(publisher);
  }
  server.dispose();
  editor.kill();

  assert.equal(answeredAfter.length, asked, `every request was answered during the slices (${answeredAfter.length} of ${asked})`);
  // The editor reads a slice's notifications and asks while the next slice runs; the request is read, answered and written
  // in the pause after that slice, the editor's "answered" read in a later pause: 1-2 slices. With a pause of one event
  // loop turn the answer waited behind the slice's notifications (one written per turn) and further slices: 5-6. The
  // median, so that one moment the editor's process waits for a core does not decide.
  const median = [...answeredAfter].sort((a, b) => a - b)[Math.floor(asked / 2)];
  assert.ok(median <= 3, `slices run between the slice whose diagnostics prompted a request and the editor's receipt of its answer: ${answeredAfter.join(', ')}`);
});

test('the first check works in smaller slices while the editor is asking, in 4 ms slices otherwise', () => {
  assert.equal(firstCheckSliceBudget(undefined, 5_000), SLICE_BUDGET_MS, 'no message yet');
  assert.equal(firstCheckSliceBudget(4_500, 5_000), INTERACTIVE_SLICE_BUDGET_MS, 'a request half a second ago');
  assert.equal(firstCheckSliceBudget(3_000, 5_000), SLICE_BUDGET_MS, 'the editor quiet for two seconds');
  assert.ok(INTERACTIVE_SLICE_BUDGET_MS < SLICE_BUDGET_MS);
});
