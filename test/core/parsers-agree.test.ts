// The editor and the runtime read depends.map, __pkginfo__.py and script file names identically: 10,000 generated
// inputs per format (fixed seed) through both parsers, failing on any disagreement (100,000 in `npm run bench`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareParsers, type Format } from '../differential/differential';

const INPUTS = 10_000;
const SEED = 16;

for (const format of ['depends-map', 'pkginfo', 'file-name'] as Format[]) {
  test(`${format}: the editor's and the runtime's parsers agree on ${INPUTS} generated inputs`, () => {
    const { inputs, disagreements } = compareParsers(format, INPUTS, SEED);
    assert.equal(inputs, INPUTS);
    const shown = disagreements.slice(0, 5).map((d) => JSON.stringify(d)).join('\n');
    assert.equal(disagreements.length, 0, `${disagreements.length} disagreements, first ones:\n${shown}`);
  });
}
