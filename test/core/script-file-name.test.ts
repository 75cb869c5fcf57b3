// Migration file names (DESIGN 1.1): what is a script, its parts, the problems reported and the rename each fix offers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestMode } from '../../server/src/core/mode';
import { duplicateKey, parseMigrationFileName } from '../../server/src/core/script-file-name';

test('exempt and non-script files are never flagged', () => {
  const cases: Array<[string, 'exempt' | 'other']> = [
    ['depends.map', 'exempt'],
    ['__init__.py', 'exempt'],
    ['postcreate.py', 'exempt'],
    ['_helpers.py', 'exempt'],
    ['0.1.0_Any.pyc', 'exempt'],
    ['0.1.0_Any.py~', 'exempt'],
    ['.0.1.0_Any.py.swp', 'exempt'],
    ['0.1.0_Any.py.orig', 'exempt'],
    ['README.txt', 'other'],
    ['notes.md', 'other'],
    ['0.1.0_Any.PY', 'other'],
  ];
  for (const [name, kind] of cases) assert.equal(parseMigrationFileName(name).kind, kind, name);
});

test('valid script names parse into version, description and mode (mode after the LAST "_")', () => {
  const cases: Array<[string, string, string | undefined, string, string]> = [
    // name, version, description, mode, extension
    ['0.1.0_Any.py', '0.1.0', undefined, 'Any', 'py'],
    ['0.13.0_add_age_Any.py', '0.13.0', 'add_age', 'Any', 'py'],
    ['1.2.3_fix-data_repository.py', '1.2.3', 'fix-data', 'repository', 'py'],
    ['2.0.0_web.py', '2.0.0', undefined, 'web', 'py'],
    ['2.0.0_a_b_c_common.py', '2.0.0', 'a_b_c', 'common', 'py'],
    ['0.2.0_cleanup_Any.sql', '0.2.0', 'cleanup', 'Any', 'sql'],
  ];
  for (const [name, version, description, mode, extension] of cases) {
    const parsed = parseMigrationFileName(name);
    assert.equal(parsed.kind, 'script', name);
    if (parsed.kind !== 'script') continue;
    assert.deepEqual(
      { version: parsed.version?.text, description: parsed.description, mode: parsed.mode, extension: parsed.extension, problems: parsed.problems },
      { version, description, mode, extension, problems: [] },
      name,
    );
  }
});

test('bad names report the right codes and suggest the right rename', () => {
  const cases: Array<[string, string[], string | undefined]> = [
    // name, codes, suggested name of the first problem that has one
    ['0.1.0_any.py', ['unknown-mode'], '0.1.0_Any.py'],
    ['0.1.0_add_age_repo.py', ['unknown-mode'], '0.1.0_add_age_repository.py'],
    ['0.1.0_Web.py', ['unknown-mode'], '0.1.0_web.py'],
    ['0.1.0_comon.py', ['unknown-mode'], '0.1.0_common.py'],
    ['0.1.0_xyz.py', ['unknown-mode'], undefined],
    ['0.1.0_add_.py', ['unknown-mode'], undefined],
    ['0.1.0.py', ['unknown-mode'], '0.1.0_Any.py'],
    ['0.1_Any.py', ['bad-version'], '0.1.0_Any.py'],
    ['00.1.0_add_Any.py', ['bad-version'], '0.1.0_add_Any.py'],
    ['0.1_any.py', ['bad-version', 'unknown-mode'], '0.1.0_Any.py'],
    ['00.2.0_x_repo.py', ['bad-version', 'unknown-mode'], '0.2.0_x_repository.py'],
    ['0.1_xyz.py', ['bad-version', 'unknown-mode'], '0.1.0_xyz.py'],
    ['1.2.3.4_Any.py', ['bad-version'], undefined],
    ['0.1.0_web.sql', ['sql-mode'], '0.1.0_Any.sql'],
    ['0.1.0_x_common.sql', ['sql-mode'], '0.1.0_x_Any.sql'],
    ['helpers.py', ['filename-grammar'], undefined],
    ['fix_data_Any.py', ['filename-grammar'], undefined],
    ['0.1.0_add age_Any.py', ['filename-grammar'], undefined],
    ['0.1.0_ajout_âge_Any.py', ['filename-grammar'], undefined],
    ['0.1.0_a.b_Any.py', ['filename-grammar'], undefined],
  ];
  for (const [name, codes, suggested] of cases) {
    const parsed = parseMigrationFileName(name);
    assert.equal(parsed.kind, 'script', name);
    if (parsed.kind !== 'script') continue;
    assert.deepEqual(parsed.problems.map((p) => p.code), codes, name);
    assert.equal(parsed.problems.find((p) => p.suggestedName)?.suggestedName, suggested, name);
    for (const p of parsed.problems) assert.ok(p.message.length > 20, `${name}: message says how to fix`);
  }
});

test('suggestMode handles case, abbreviations and small typos, and refuses far-fetched ones', () => {
  const cases: Array<[string, string | undefined]> = [
    ['any', 'Any'],
    ['ANY', 'Any'],
    ['repo', 'repository'],
    ['Repository', 'repository'],
    ['repositry', 'repository'],
    ['commmon', 'common'],
    ['wb', undefined],
    ['xyz', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(suggestMode(text), expected, text);
});

test('duplicate keys ignore case and extension, and keep version, description and mode apart', () => {
  const key = (name: string) => {
    const parsed = parseMigrationFileName(name);
    return parsed.kind === 'script' ? duplicateKey(parsed) : undefined;
  };
  const cases: Array<[string, string, boolean]> = [
    ['0.1.0_add_Any.py', '0.1.0_ADD_any.py', true],
    ['0.1.0_Any.py', '0.1.0_Any.sql', true],
    ['0.1.0_add_Any.py', '0.1.0_add_web.py', false],
    ['0.1.0_add_Any.py', '0.1.0_drop_Any.py', false],
    ['0.1.0_Any.py', '0.2.0_Any.py', false],
    ['0.1.0_a_b_Any.py', '0.1.0_a_B_Any.py', true],
  ];
  for (const [a, b, same] of cases) assert.equal(key(a) === key(b), same, `${a} vs ${b}`);
});
