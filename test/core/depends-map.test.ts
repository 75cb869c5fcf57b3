// depends.map parsing (entries, comments, errors with ranges) and sorting that keeps comments with their entries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDependsMap } from '../../server/src/core/depends-map';
import { sortDependsMap } from '../../server/src/core/depends-map-sort';

test('each line is blank, a comment, an entry or an error', () => {
  const cases: Array<[string, string]> = [
    ['', 'blank'],
    ['   ', 'blank'],
    ['# comment', 'comment'],
    ['   # indented comment', 'comment'],
    ['0.13.0 : 2.27.0', 'entry 0.13.0 2.27.0'],
    ['0.13.0:2.27.0', 'entry 0.13.0 2.27.0'],
    ['  0.13.0   :   2.27.0  ', 'entry 0.13.0 2.27.0'],
    ['0.13 : 2.27.0', 'error'],
    ['0.13.0 : 2.27', 'error'],
    ['0.13.0 2.27.0', 'error'],
    ['0.13.0 : 2.27.0 # note', 'error'],
    ['0.13.0 : 2.27.0 : 1.0.0', 'error'],
    [':', 'error'],
    ['\u0000\u0001', 'error'],
  ];
  for (const [text, expected] of cases) {
    const line = parseDependsMap(text).lines[0];
    const shown = line.kind === 'entry' ? `entry ${line.entry.modelVersion.text} ${line.entry.erudiVersion.text}` : line.kind;
    assert.equal(shown, expected, JSON.stringify(text));
  }
});

test('entry ranges point at the versions, error ranges at the non-blank text', () => {
  const map = parseDependsMap('# x\n  0.13.0 : 2.27.0\r\n  junk  ');
  assert.deepEqual(map.entries[0].modelRange, { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } });
  assert.deepEqual(map.entries[0].erudiRange, { start: { line: 1, character: 11 }, end: { line: 1, character: 17 } });
  assert.deepEqual(map.errors[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } });
});

test('sortDependsMap sorts by model version, keeps comments above their entry and the rest in place', () => {
  const cases: Array<[string, string | undefined]> = [
    ['0.1.0 : 1.0.0\n0.2.0 : 1.0.0\n', undefined],
    ['0.2.0 : 1.0.0\n0.1.0 : 1.0.0', '0.1.0 : 1.0.0\n0.2.0 : 1.0.0'],
    ['0.10.0 : 1.0.0\n0.9.0 : 1.0.0', '0.9.0 : 1.0.0\n0.10.0 : 1.0.0'],
    [
      '# header\n\n# why 0.2\n0.2.0 : 2.0.0\n# why 0.1\n0.1.0 : 1.0.0\n',
      '# header\n\n# why 0.1\n0.1.0 : 1.0.0\n# why 0.2\n0.2.0 : 2.0.0\n',
    ],
    ['0.3.0 : 1.0.0\n\n0.1.0 : 1.0.0\nbad\n0.2.0 : 1.0.0', '0.1.0 : 1.0.0\n\n0.2.0 : 1.0.0\nbad\n0.3.0 : 1.0.0'],
    ['0.2.0 : 1.0.0\r\n0.1.0 : 1.0.0\r\n', '0.1.0 : 1.0.0\r\n0.2.0 : 1.0.0\r\n'],
    ['# header\n0.2.0 : 1.0.0\n# about 0.1\n0.1.0 : 1.0.0', '# header\n# about 0.1\n0.1.0 : 1.0.0\n0.2.0 : 1.0.0'],
  ];
  for (const [text, expected] of cases) assert.equal(sortDependsMap(text), expected, JSON.stringify(text));
});

test('depends.map: lines break at \\n, \\r\\n and \\r only; a BOM is ignored; only spaces and tabs are blanks', () => {
  const nel = parseDependsMap('# old\u00850.2.0 : 9.0.0\n0.1.0 : 2.0.0');
  assert.deepEqual(nel.lines.map((l) => l.kind), ['comment', 'entry']);
  assert.equal(parseDependsMap('0.1.0 : 2.0.0\u20280.2.0 : 2.0.0').lines[0].kind, 'error');
  const bom = parseDependsMap('\ufeff0.1.0 : 2.0.0\r0.2.0\t:\t2.1.0 \r\n');
  assert.deepEqual(bom.entries.map((e) => [e.line, e.modelVersion.text, e.erudiVersion.text, e.modelRange.start.character]), [
    [0, '0.1.0', '2.0.0', 1],
    [1, '0.2.0', '2.1.0', 0],
  ]);
  assert.equal(parseDependsMap('0.1.0 :\u00a02.0.0').errors.length, 1);
  assert.equal(parseDependsMap('0.1.0 : 9007199254740992.0.0').errors.length, 1);
});
