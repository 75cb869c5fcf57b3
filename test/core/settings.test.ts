// Settings: erudiMigrations.frameworkVersion overrides the runtime's own version; unusable values are explained, not used.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSettings } from '../../server/src/features/resolve-settings';

const runtimeVersion = /__version__\s*=\s*"([^"]+)"/.exec(readFileSync(join(__dirname, '../../runtime/erudi_migrate/__init__.py'), 'utf8'))![1];

test('frameworkVersion: the runtime version by default, the setting when it is X.Y.Z', () => {
  const cases: Array<[unknown, string, number]> = [
    // raw settings, resolved version, number of problems explained
    [undefined, runtimeVersion, 0],
    [null, runtimeVersion, 0],
    [{}, runtimeVersion, 0],
    [{ frameworkVersion: null }, runtimeVersion, 0],
    [{ frameworkVersion: '' }, runtimeVersion, 0],
    [{ frameworkVersion: ' 3.1.0 ' }, '3.1.0', 0],
    [{ frameworkVersion: '3.1' }, runtimeVersion, 1],
    [{ frameworkVersion: 3 }, runtimeVersion, 1],
    ['nonsense', runtimeVersion, 0],
  ];
  for (const [raw, version, problems] of cases) {
    const resolved = resolveSettings(raw);
    assert.equal(resolved.settings.frameworkVersion.text, version, JSON.stringify(raw));
    assert.equal(resolved.problems.length, problems, JSON.stringify(raw));
  }
});
