// Event scripts (postcreate.py, ...) and helper modules the scripts import are part of migration/: never flagged as misnamed, still syntax-checked.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { prepareScriptAnalysis, readRelatedFilesWith } from '../../server/src/features/script/script-analysis';
import type { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { nodeFileSystem } from '../../server/src/core/workspace/node-file-system';
import { listDiagnostics, ROOT, workspaceOf } from './workspace-check';

before(prepareScriptAnalysis);

const PKG = { 'cubicweb_foo/__pkginfo__.py': 'numversion = (0, 2, 0)\n' };

function check(files: Record<string, string>): string[] {
  const open = new Map<string, string>();
  let index: WorkspaceIndex | undefined;
  readRelatedFilesWith((path) => index?.readText(path) ?? { error: 'not yet' });
  const workspace = workspaceOf(files, open);
  index = workspace.index;
  // The first check ran before the reader was set: check again now that related files are read from the tree.
  workspace.pipeline.checkAll();
  try {
    return listDiagnostics(workspace.pipeline);
  } finally {
    readRelatedFilesWith((path) => nodeFileSystem.readText(path));
  }
}

const CASES: Array<[string, Record<string, string>, string[]]> = [
  ['event scripts are never flagged', {
    ...PKG,
    'cubicweb_foo/migration/precreate.py': '', 'cubicweb_foo/migration/postcreate.py': "add_entity('CWGroup', name=u'staff')\n",
    'cubicweb_foo/migration/preremove.py': '', 'cubicweb_foo/migration/postremove.py': '', 'cubicweb_foo/migration/bootstrapmigration_repository.py': '',
  }, []],
  ['an event script with a syntax error gets python-syntax', { ...PKG, 'cubicweb_foo/migration/postcreate.py': "print 'created'\n" }, ['cubicweb_foo/migration/postcreate.py:1 python-syntax']],
  ['a helper module imported relatively is no misnamed script', {
    ...PKG, 'cubicweb_foo/migration/utils.py': 'def helper():\n    pass\n', 'cubicweb_foo/migration/0.2.0_Any.py': 'from .utils import helper\nhelper()\n',
  }, []],
  ['imported through the package', {
    ...PKG, 'cubicweb_foo/migration/tools.py': '', 'cubicweb_foo/migration/0.2.0_Any.py': 'from cubicweb_foo.migration.tools import x\n',
  }, []],
  ['imported the Python 2 way', { ...PKG, 'cubicweb_foo/migration/tools.py': '', 'cubicweb_foo/migration/postcreate.py': 'import os, tools\n' }, []],
  ['imported from the package: from . import', { ...PKG, 'cubicweb_foo/migration/tools.py': '', 'cubicweb_foo/migration/0.2.0_Any.py': 'from . import (other,\n  tools)\n' }, []],
  ['a module nobody imports is still flagged', {
    ...PKG, 'cubicweb_foo/migration/utils.py': '', 'cubicweb_foo/migration/0.2.0_Any.py': '# from .utils import helper\nx = "utils"\nimport utilsx\n',
  }, ['cubicweb_foo/migration/utils.py:1 filename-grammar']],
];

for (const [name, files, expected] of CASES) {
  test(name, () => assert.deepEqual(check(files), expected));
}

test('the index knows event scripts as documents of their own kind', () => {
  const { index, fs } = workspaceOf({ ...PKG, 'cubicweb_foo/migration/postcreate.py': '' });
  assert.equal(index.document(`${ROOT}/cubicweb_foo/migration/postcreate.py`)?.kind, 'event-script');
  fs.remove(`${ROOT}/cubicweb_foo/migration/postcreate.py`);
  const events = index.applyFileEvents([{ path: `${ROOT}/cubicweb_foo/migration/postcreate.py`, type: 'deleted' }]);
  assert.deepEqual([...events[0].removed], [`${ROOT}/cubicweb_foo/migration/postcreate.py`]);
  assert.equal(index.document(`${ROOT}/cubicweb_foo/migration/postcreate.py`), undefined);
});
