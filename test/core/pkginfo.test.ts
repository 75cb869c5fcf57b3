// __pkginfo__.py: numversion read statically, or the problem the pkginfo-version diagnostic reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPkgInfo } from '../../server/src/core/pkginfo';

test('readPkgInfo finds numversion = (X, Y, Z) or says what is wrong, on which line', () => {
  const cases: Array<[string, string | undefined, number]> = [
    // text, version (undefined: a problem), line of the range
    ['numversion = (0, 13, 0)\n', '0.13.0', 0],
    ['"""doc"""\nmodname = "x"\nnumversion = (1, 2, 3)\nversion = ".".join(map(str, numversion))', '1.2.3', 2],
    ['numversion=(0,1,0,)', '0.1.0', 0],
    ['numversion = [0, 1, 0]', '0.1.0', 0],
    ['numversion = 0, 1, 0', '0.1.0', 0],
    ['numversion = (0, 1, 0)  # the model version', '0.1.0', 0],
    ['numversion = (0, 1)', undefined, 0],
    ['x = 1\nnumversion = (0, 1, "a")', undefined, 1],
    ['numversion = (0, 01, 0)', undefined, 0],
    ['numversion = "0.1.0"', undefined, 0],
    ['version = "0.1.0"', undefined, 0],
    ['', undefined, 0],
    ['\u0000\uFFFD binary', undefined, 0],
  ];
  for (const [text, version, line] of cases) {
    const info = readPkgInfo(text);
    assert.equal(info.numversion?.text, version, JSON.stringify(text));
    assert.equal(info.range.start.line, line, JSON.stringify(text));
    if (!info.numversion) assert.match((info as { problem: string }).problem, /numversion/);
  }
});

test('numversion is read as Python reads a literal tuple: any integer form, several lines, never in a string', () => {
  const cases: Array<[string, string | undefined]> = [
    ['numversion = (0x1, 1_0, 0o7)', '1.10.7'],
    ['numversion = (\n    0,\n    4,  # minor\n    0,\n)', '0.4.0'],
    ['numversion = (\r\n0b1, 2,\r3)', '1.2.3'],
    ['\ufeffnumversion = (0, 1, 0)', '0.1.0'],
    ['version = numversion = ((0), 1, 2)', '0.1.2'],
    ['"""\nnumversion = (9, 9, 9)\n"""\nnumversion = (0, 1, 0)', '0.1.0'],
    ['"""\nnumversion = (9, 9, 9)\n"""', undefined],
    ["x = r'\\' numversion = (5, 5, 5)'", undefined],
    ['if True:\n    numversion = (9, 9, 9)', undefined],
    ['if True: numversion = (9, 9, 9)', undefined],
    ['x = 1; numversion = (0, 3, 0)', '0.3.0'],
    ['numversion = (9007199254740991, 0, 0)', '9007199254740991.0.0'],
    ['numversion = (9007199254740992, 0, 0)', undefined],
    ['numversion = (0x20000000000000, 0, 0)', undefined],
    ['numversion = (-1, 0, 0)', undefined],
    ['numversion = {0, 1, 2}', undefined],
    ['numversion = (0, 1, 2) + ()', undefined],
    ['numversion = (0, 1, 0)\nx = (1,,2)', undefined],
    ['numversion = (0, 1, 0)\nx = "never closed', undefined],
  ];
  for (const [text, version] of cases) assert.equal(readPkgInfo(text).numversion?.text, version, JSON.stringify(text));
});

test('a numversion line that never closes costs linear time (it was cubic)', () => {
  const started = performance.now();
  const info = readPkgInfo(`numversion = (0, 4, 0${' '.repeat(200_000)}x`);
  assert.equal(info.numversion, undefined);
  assert.match((info as { problem: string }).problem, /never closed/);
  // A behaviour bound, not a benchmark: cubic time at this size would take hours.
  assert.ok(performance.now() - started < 5_000);
});
