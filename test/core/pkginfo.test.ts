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
