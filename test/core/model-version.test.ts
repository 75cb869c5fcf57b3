// Versions: strict X.Y.Z parsing, semver ordering, and the repairs the bad-version quick fix offers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, parseModelVersion, suggestVersion } from '../../server/src/core/model-version';

test('parseModelVersion accepts exactly X.Y.Z without leading zeros', () => {
  const cases: Array<[string, string | undefined]> = [
    ['0.1.0', '0.1.0'],
    ['0.12.0', '0.12.0'],
    ['10.200.3000', '10.200.3000'],
    ['0.1', undefined],
    ['00.1.0', undefined],
    ['0.01.0', undefined],
    ['1.2.3.4', undefined],
    ['1.2.3-rc1', undefined],
    ['v1.2.3', undefined],
    [' 1.2.3', undefined],
    ['1..3', undefined],
    ['', undefined],
    ['99999999999999999999.0.0', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(parseModelVersion(text)?.text, expected, text);
});

test('compareVersions orders numerically, not as text', () => {
  const cases: Array<[string, string, number]> = [
    ['0.9.0', '0.10.0', -1],
    ['1.0.0', '0.99.99', 1],
    ['2.27.0', '2.27.0', 0],
    ['0.0.1', '0.0.0', 1],
  ];
  for (const [a, b, sign] of cases) assert.equal(Math.sign(compareVersions(parseModelVersion(a)!, parseModelVersion(b)!)), sign, `${a} vs ${b}`);
});

test('suggestVersion repairs what one rename can', () => {
  const cases: Array<[string, string | undefined]> = [
    ['0.1', '0.1.0'],
    ['00.1.0', '0.1.0'],
    ['1', '1.0.0'],
    ['01.002.0003', '1.2.3'],
    ['1.2.3.4', undefined],
    ['1..2', undefined],
    ['abc', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(suggestVersion(text)?.text, expected, text);
});
