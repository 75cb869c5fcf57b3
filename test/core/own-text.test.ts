// ownText: a piece of text kept in a cache does not keep the whole text it was cut from alive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ownText } from '../../server/src/core/own-text';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap growth (MB) while `keep` holds a 90-character piece of each of 100 texts of 200 KB. */
function retainedBy(keep: (piece: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let i = 0; i < 100; i++) {
    const text = Buffer.alloc(200_000, 97 + (i % 26)).toString('latin1');
    kept.push(keep(text.slice(10, 100)));
  }
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / 1e6;
  assert.equal(kept.length, 100);
  assert.ok(kept.every((piece, i) => piece === String.fromCharCode(97 + (i % 26)).repeat(90)));
  return grown;
}

test('a piece kept as is holds its 200 KB text; its ownText copy holds only itself', () => {
  // The control: what a cache keyed by statement text kept before (20 MB for 9 KB of keys).
  assert.ok(retainedBy((piece) => piece) > 15);
  assert.ok(retainedBy(ownText) < 2);
});

test('ownText keeps the characters, short and long, one-byte and not', () => {
  for (const text of ['', 'x', 'twelve chars', 'thirteen char', 'add_attribute("Ticket", "priorité")', 'é'.repeat(40), '\u{1F600}'.repeat(20)]) {
    assert.equal(ownText(text), text);
  }
});
