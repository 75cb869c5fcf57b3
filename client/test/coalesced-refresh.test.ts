// CoalescedRefresh: the status, figures and schema readings never run twice at once, and a request made during a run is not lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoalescedRefresh } from '../src/coalescedRefresh';

test('calls during a run coalesce into exactly one more run, which sees them', async () => {
  let runs = 0;
  let running = 0;
  let release!: () => void;
  const refresh = new CoalescedRefresh(async () => {
    runs++;
    running++;
    assert.equal(running, 1, 'two runs at once');
    if (runs === 1) await new Promise<void>((resolve) => { release = resolve; });
    running--;
  });
  const first = refresh.run();
  const second = refresh.run();
  const third = refresh.run();
  assert.equal(runs, 1);
  release();
  await Promise.all([first, second, third]);
  assert.equal(runs, 2);
  await refresh.run();
  assert.equal(runs, 3, 'a call after the end runs again');
});

test('a failing run does not wedge the next one', async () => {
  let runs = 0;
  const refresh = new CoalescedRefresh(async () => {
    runs++;
    if (runs === 1) throw new Error('runtime gone');
  });
  await assert.rejects(refresh.run(), /runtime gone/);
  await refresh.run();
  assert.equal(runs, 2);
});
