// Raising numversion in __pkginfo__.py: the edit keeps the line's layout and comment, and refuses what it cannot read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numversionEdit } from '../../server/src/core/numversion-edit';

function apply(text: string, version: [number, number, number]): string | undefined {
  const edit = numversionEdit(text, version);
  if (!edit) return undefined;
  const lines = text.split('\n');
  const { start, end } = edit.range;
  lines[start.line] = lines[start.line].slice(0, start.character) + edit.newText + lines[start.line].slice(end.character);
  return lines.join('\n');
}

// __pkginfo__.py text → text after raising to 0.5.0 (undefined: no edit)
const CASES: [string, string | undefined][] = [
  ['numversion = (0, 4, 0)\n', 'numversion = (0, 5, 0)\n'],
  ['# -*- coding: utf-8 -*-\nmodname = "x"\nnumversion = (0,4,0)  # the model\nversion = ".".join(str(num) for num in numversion)\n',
    '# -*- coding: utf-8 -*-\nmodname = "x"\nnumversion = (0,5,0)  # the model\nversion = ".".join(str(num) for num in numversion)\n'],
  ['numversion = [0, 4, 0]', 'numversion = [0, 5, 0]'],
  ['numversion = 0, 4, 0', 'numversion = 0, 5, 0'],
  ['version = "0.4.0"\n', undefined],
  ['numversion = (0, 4)\n', undefined],
];

test('numversion edits', () => {
  for (const [text, expected] of CASES) assert.equal(apply(text, [0, 5, 0]), expected, JSON.stringify(text));
});
