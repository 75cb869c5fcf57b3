// depends.map editor features: hover in plain words, completion of known versions, and the "sort entries" quick fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { raiseDependsErudiVersionAction } from '../../server/src/features/code-actions/raise-depends-erudi-version';
import { removeDuplicateDependsEntryAction } from '../../server/src/features/code-actions/remove-duplicate-depends-entry';
import { sortDependsMapAction } from '../../server/src/features/code-actions/sort-depends-map';
import { applyEdits } from './apply-edits';
import { dependsMapCompletion } from '../../server/src/features/depends-map/completion';
import { dependsMapHover } from '../../server/src/features/depends-map/hover';
import type { FeatureDocument } from '../../server/src/features/feature-contract';
import { ROOT, SETTINGS, workspaceOf } from './workspace-check';

function documentOf(text: string): FeatureDocument {
  const { index } = workspaceOf({
    'app/__pkginfo__.py': 'numversion = (0, 15, 0)',
    'app/migration/0.13.0_add_age_Any.py': '',
    'app/migration/0.13.0_web.py': '',
    'app/migration/0.14.0_Any.py': '',
    'app/migration/0.2_bad_Any.py': '',
    'app/migration/depends.map': text,
  });
  const located = index.document(`${ROOT}/app/migration/depends.map`)!;
  return { ...located, text, settings: SETTINGS };
}

/** Splits "text with | cursor" into text and position. */
function atCursor(marked: string) {
  const offset = marked.indexOf('|');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), position: { line: before.length - 1, character: before[before.length - 1].length } };
}

test('hover explains an entry in plain words', () => {
  const cases: Array<[string, RegExp | undefined]> = [
    ['0.13.0 : 2.27.0|', /Before the model can be migrated to \*\*0\.13\.0\*\*, the framework must be at \*\*2\.27\.0\*\* or newer; installed: 2\.28\.0\./],
    ['0.14.0 : 2.30.0|', /installed: 2\.28\.0 \(too old: update the runtime first\)/],
    ['0.16.0 : 2.0.0|', /applies once it goes beyond/],
    ['# comment|', undefined],
    ['junk|', undefined],
    ['|', undefined],
  ];
  for (const [marked, expected] of cases) {
    const { text, position } = atCursor(marked);
    const hover = dependsMapHover(documentOf(text), position);
    if (expected) assert.match(hover?.markdown ?? '', expected, marked);
    else assert.equal(hover, undefined, marked);
  }
});

test('completion offers known model versions at the start of a line and the installed framework after ":"', () => {
  const cases: Array<[string, string[]]> = [
    ['|', ['0.15.0', '0.14.0', '0.13.0']],
    ['0.1|', ['0.15.0', '0.14.0', '0.13.0']],
    ['0.13.0 : |', ['2.28.0']],
    ['0.13.0 : 2.|', ['2.28.0']],
    ['# |', []],
    ['abc|', []],
    ['0.13.0 : 2.28.0 |', []],
  ];
  for (const [marked, labels] of cases) {
    const { text, position } = atCursor(marked);
    assert.deepEqual(dependsMapCompletion(documentOf(text), position).map((s) => s.label), labels, marked);
  }
  const { text, position } = atCursor('0.1|');
  const first = dependsMapCompletion(documentOf(text), position)[0];
  assert.deepEqual(first.replaceRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  assert.equal(first.insertSnippet, '0.15.0 : ${1:2.28.0}');
});

test('"sort entries" is offered only for an unsorted map and replaces the whole text', () => {
  const request = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics: [], canRenameFiles: true };
  assert.deepEqual(sortDependsMapAction(documentOf('0.1.0 : 1.0.0\n0.2.0 : 1.0.0\n'), request), []);
  const [action] = sortDependsMapAction(documentOf('# b\n0.2.0 : 1.0.0\n0.1.0 : 1.0.0\n'), request);
  assert.equal(action.title, 'Sort entries by model version');
  assert.deepEqual(action.edit.textEdits, [
    { path: `${ROOT}/app/migration/depends.map`, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, newText: '# b\n0.1.0 : 1.0.0\n0.2.0 : 1.0.0\n' },
  ]);
});

test('depends.map quick fixes: raise a backward erudi version, remove a duplicate entry', () => {
  const text = '0.1.0 : 2.5.0\n0.2.0 : 2.1.0\n0.1.0 : 2.5.0\n0.3.0 : 2.6.0\n';
  const on = (line: number) => ({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, diagnostics: [], canRenameFiles: true });
  const cases: Array<[string, number, string | undefined]> = [
    // action, line, text after applying it (undefined: no action there)
    ['raise', 1, '0.1.0 : 2.5.0\n0.2.0 : 2.5.0\n0.1.0 : 2.5.0\n0.3.0 : 2.6.0\n'],
    ['raise', 3, undefined],
    ['remove', 2, '0.1.0 : 2.5.0\n0.2.0 : 2.1.0\n0.3.0 : 2.6.0\n'],
    ['remove', 0, undefined],
  ];
  for (const [which, line, expected] of cases) {
    const action = which === 'raise' ? raiseDependsErudiVersionAction : removeDuplicateDependsEntryAction;
    const [fix] = action(documentOf(text), on(line));
    assert.equal(fix && applyEdits(text, fix.edit.textEdits ?? []), expected, `${which} on line ${line + 1}`);
  }
});
