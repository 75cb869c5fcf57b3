// The rename quick fixes for unknown-mode and bad-version: the new name, and nothing when the client cannot rename files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renameScriptModeAction } from '../../server/src/features/code-actions/rename-script-mode';
import { renameScriptVersionAction } from '../../server/src/features/code-actions/rename-script-version';
import { renameSqlScriptModeAction } from '../../server/src/features/code-actions/rename-sql-script-mode';
import { collectCodeActions } from '../../server/src/features/code-actions/collect-code-actions';
import { DOCUMENT_FEATURES } from '../../server/src/features/document-features';
import { ROOT, SETTINGS, workspaceOf } from './workspace-check';

test('rename quick fixes propose the corrected file name', () => {
  const cases: Array<[string, 'mode' | 'version' | 'sql', string | undefined]> = [
    ['0.1.0_any.py', 'mode', '0.1.0_Any.py'],
    ['0.1.0_add_repo.py', 'mode', '0.1.0_add_repository.py'],
    ['0.1.0_x_Common.sql', 'mode', '0.1.0_x_common.sql'],
    ['0.1.0_xyz.py', 'mode', undefined],
    ['0.1_Any.py', 'version', '0.1.0_Any.py'],
    ['00.1.0_add_web.py', 'version', '0.1.0_add_web.py'],
    ['0.1.0_Any.py', 'version', undefined],
    ['0.1.0_Any.py', 'mode', undefined],
    ['0.1.0_fix_web.sql', 'sql', '0.1.0_fix_Any.sql'],
    ['0.1.0_Any.sql', 'sql', undefined],
  ];
  for (const [name, which, expected] of cases) {
    const { index } = workspaceOf({ [`app/migration/${name}`]: '' });
    const document = { ...index.document(`${ROOT}/app/migration/${name}`)!, text: '', settings: SETTINGS };
    const action = which === 'mode' ? renameScriptModeAction : which === 'sql' ? renameSqlScriptModeAction : renameScriptVersionAction;
    const request = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics: [], canRenameFiles: true };
    const [fix] = action(document, request);
    assert.deepEqual(fix?.edit.renames, expected ? [{ from: `${ROOT}/app/migration/${name}`, to: `${ROOT}/app/migration/${expected}` }] : undefined, name);
    if (fix) assert.equal(fix.diagnostics?.[0].code, { mode: 'unknown-mode', version: 'bad-version', sql: 'sql-mode' }[which]);
    assert.deepEqual(action(document, { ...request, canRenameFiles: false }), [], `${name}: no rename support, no action`);
  }
});

test('no rename onto a script that already exists', () => {
  const { index } = workspaceOf({ 'app/migration/0.1.0_any.py': '', 'app/migration/0.1.0_Any.py': '' });
  const document = { ...index.document(`${ROOT}/app/migration/0.1.0_any.py`)!, text: '', settings: SETTINGS };
  const request = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics: [], canRenameFiles: true };
  assert.deepEqual(renameScriptModeAction(document, request), []);
});

test('a name that is both a bad version and an unknown mode gets one rename, fixing both', () => {
  const name = '0.5_foo_any.py';
  const { index } = workspaceOf({ [`app/migration/${name}`]: '' });
  const document = { ...index.document(`${ROOT}/app/migration/${name}`)!, text: '', settings: SETTINGS };
  const request = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics: [], canRenameFiles: true };
  const actions = collectCodeActions(DOCUMENT_FEATURES['migration-script'], document, request);
  const renames = actions.filter((a) => a.title.startsWith('Rename to'));
  assert.deepEqual(renames.map((a) => a.title), ['Rename to 0.5.0_foo_Any.py']);
  assert.deepEqual(renames[0].diagnostics?.map((d) => d.code).sort(), ['bad-version', 'unknown-mode']);
});
