// The workspace index and diagnostics pipeline: which diagnostics a tree yields, and that incremental updates equal a fresh check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticsPipeline } from '../../server/src/features/diagnostics/diagnostics-pipeline';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { listDiagnostics, ROOT, SETTINGS, workspaceOf } from './workspace-check';

const PKG = { 'app/__pkginfo__.py': 'numversion = (0, 2, 0)\n' };

test('a workspace yields the diagnostics of DESIGN §3 for names, pkginfo and depends.map', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expected: string[] }> = [
    { name: 'clean application', files: { ...PKG, 'app/migration/0.1.0_Any.py': '', 'app/migration/0.2.0_add_web.py': '', 'app/migration/depends.map': '0.2.0 : 2.27.0\n' }, expected: [] },
    { name: 'exempt files', files: { ...PKG, 'app/migration/__init__.py': '', 'app/migration/postcreate.py': '', 'app/migration/_util.py': '', 'app/migration/x.pyc': '', 'app/migration/README': '' }, expected: [] },
    {
      name: 'file-name problems',
      files: { ...PKG, 'app/migration/helper.py': '', 'app/migration/0.1.0_any.py': '', 'app/migration/0.1_Any.py': '', 'app/migration/0.1.0_web.sql': '' },
      expected: ['app/migration/0.1.0_any.py:1 unknown-mode', 'app/migration/0.1.0_web.sql:1 sql-mode', 'app/migration/0.1_Any.py:1 bad-version', 'app/migration/helper.py:1 filename-grammar'],
    },
    {
      name: 'duplicates ignoring case',
      files: { ...PKG, 'app/migration/0.1.0_add_Any.py': '', 'app/migration/0.1.0_ADD_Any.py': '', 'app/migration/0.1.0_add_web.py': '' },
      expected: ['app/migration/0.1.0_ADD_Any.py:1 duplicate-script', 'app/migration/0.1.0_add_Any.py:1 duplicate-script'],
    },
    { name: 'script ahead of model', files: { ...PKG, 'app/migration/0.3.0_Any.py': '' }, expected: ['app/migration/0.3.0_Any.py:1 script-ahead-of-model'] },
    { name: 'no pkginfo: nothing is ahead', files: { 'app/migration/9.0.0_Any.py': '' }, expected: [] },
    { name: 'pkginfo without numversion', files: { 'app/__pkginfo__.py': 'version = "1"\n', 'app/migration/0.1.0_Any.py': '' }, expected: ['app/__pkginfo__.py:1 pkginfo-version'] },
    { name: 'unreadable pkginfo', files: { 'app/migration/0.1.0_Any.py': '' }, expected: [] },
    {
      name: 'depends.map rules',
      files: { ...PKG, 'app/migration/depends.map': '# c\n0.1.0 : 2.28.0\n0.2.0 : 2.27.0\nnope\n0.1.0 : 2.28.0\n0.3.0 : 2.29.0\n' },
      expected: [
        'app/migration/depends.map:3 depends-not-monotonic',
        'app/migration/depends.map:4 depends-syntax',
        'app/migration/depends.map:5 depends-duplicate',
        'app/migration/depends.map:6 depends-framework-unavailable',
        'app/migration/depends.map:6 depends-future-version',
      ],
    },
    {
      name: 'two applications, nested folders, skipped node_modules',
      files: { 'a/migration/0.1.0_x.py': '', 'deep/er/b/migration/0.1.0_y.py': '', 'node_modules/c/migration/0.1.0_z.py': '' },
      expected: ['a/migration/0.1.0_x.py:1 unknown-mode', 'deep/er/b/migration/0.1.0_y.py:1 unknown-mode'],
    },
  ];
  for (const { name, files, expected } of cases) assert.deepEqual(listDiagnostics(workspaceOf(files).pipeline), expected, name);
});

test('a read error becomes a diagnostic, not a crash', () => {
  const { fs, index } = workspaceOf({});
  fs.write(`${ROOT}/app/__pkginfo__.py`, { error: 'permission denied' });
  fs.write(`${ROOT}/app/migration/depends.map`, { error: 'permission denied' });
  index.scan([ROOT]);
  const pipeline = new DiagnosticsPipeline(index, SETTINGS);
  pipeline.checkAll();
  assert.deepEqual(listDiagnostics(pipeline), ['app/__pkginfo__.py:1 pkginfo-version', 'app/migration/depends.map:1 depends-syntax']);
});

type Step = { name: string; act: (fs: ReturnType<typeof workspaceOf>['fs']) => Array<{ path: string; type: 'created' | 'changed' | 'deleted' }>; expected: string[]; removed?: string[] };

test('file events update diagnostics incrementally, leave nothing stale, and match a fresh check', () => {
  const M = `${ROOT}/app/migration`;
  const steps: Step[] = [
    { name: 'create a duplicate', act: (fs) => (fs.write(`${M}/0.1.0_ANY.py`, ''), [{ path: `${M}/0.1.0_ANY.py`, type: 'created' }]), expected: ['app/migration/0.1.0_ANY.py:1 duplicate-script', 'app/migration/0.1.0_ANY.py:1 unknown-mode', 'app/migration/0.1.0_Any.py:1 duplicate-script'] },
    {
      name: 'rename the duplicate away',
      act: (fs) => (fs.remove(`${M}/0.1.0_ANY.py`), fs.write(`${M}/0.1.0_other_Any.py`, ''), [{ path: `${M}/0.1.0_ANY.py`, type: 'deleted' }, { path: `${M}/0.1.0_other_Any.py`, type: 'created' }]),
      expected: [],
      removed: ['app/migration/0.1.0_ANY.py'],
    },
    { name: 'lower numversion', act: (fs) => (fs.write(`${ROOT}/app/__pkginfo__.py`, 'numversion = (0, 0, 1)'), [{ path: `${ROOT}/app/__pkginfo__.py`, type: 'changed' }]), expected: ['app/migration/0.1.0_Any.py:1 script-ahead-of-model', 'app/migration/0.1.0_other_Any.py:1 script-ahead-of-model', 'app/migration/depends.map:1 depends-future-version'] },
    { name: 'delete pkginfo', act: (fs) => (fs.remove(`${ROOT}/app/__pkginfo__.py`), [{ path: `${ROOT}/app/__pkginfo__.py`, type: 'deleted' }]), expected: [], removed: ['app/__pkginfo__.py'] },
    { name: 'break depends.map', act: (fs) => (fs.write(`${M}/depends.map`, '0.1 : 2.0.0'), [{ path: `${M}/depends.map`, type: 'changed' }]), expected: ['app/migration/depends.map:1 depends-syntax'] },
    { name: 'delete depends.map', act: (fs) => (fs.remove(`${M}/depends.map`), [{ path: `${M}/depends.map`, type: 'deleted' }]), expected: [], removed: ['app/migration/depends.map'] },
    { name: 'add a bad script', act: (fs) => (fs.write(`${M}/notes.py`, ''), [{ path: `${M}/notes.py`, type: 'created' }]), expected: ['app/migration/notes.py:1 filename-grammar'] },
    {
      name: 'a new application appears',
      act: (fs) => (fs.write(`${ROOT}/other/migration/0.1.0_bad.py`, ''), [{ path: `${ROOT}/other/migration`, type: 'created' }]),
      expected: ['app/migration/notes.py:1 filename-grammar', 'other/migration/0.1.0_bad.py:1 unknown-mode'],
    },
    {
      name: 'a folder holding an application is copied inside another application',
      act: (fs) => (fs.write(`${ROOT}/app/vendored/lib/migration/0.1.0_Web.py`, ''), [{ path: `${ROOT}/app/vendored`, type: 'created' }]),
      expected: ['app/migration/notes.py:1 filename-grammar', 'app/vendored/lib/migration/0.1.0_Web.py:1 unknown-mode', 'other/migration/0.1.0_bad.py:1 unknown-mode'],
    },
    {
      name: 'and removed again',
      act: (fs) => (fs.remove(`${ROOT}/app/vendored`), [{ path: `${ROOT}/app/vendored`, type: 'deleted' }]),
      expected: ['app/migration/notes.py:1 filename-grammar', 'other/migration/0.1.0_bad.py:1 unknown-mode'],
      removed: ['app/vendored/lib/migration/0.1.0_Web.py'],
    },
    {
      name: 'the migration folder is deleted',
      act: (fs) => (fs.remove(`${ROOT}/other/migration`), [{ path: `${ROOT}/other/migration`, type: 'deleted' }]),
      expected: ['app/migration/notes.py:1 filename-grammar'],
      removed: ['other/migration/0.1.0_bad.py'],
    },
    {
      name: 'the whole application folder is deleted',
      act: (fs) => (fs.remove(`${ROOT}/app`), [{ path: `${ROOT}/app`, type: 'deleted' }]),
      expected: [],
      removed: ['app/migration/0.1.0_Any.py', 'app/migration/0.1.0_other_Any.py', 'app/migration/notes.py'],
    },
  ];
  const { fs, index, pipeline } = workspaceOf({ 'app/__pkginfo__.py': 'numversion = (0, 2, 0)', 'app/migration/0.1.0_Any.py': '', 'app/migration/depends.map': '0.1.0 : 2.0.0' });
  for (const step of steps) {
    const result = pipeline.apply(index.applyFileEvents(step.act(fs)));
    assert.deepEqual(listDiagnostics(pipeline), step.expected, step.name);
    assert.deepEqual(result.removed.map((p) => p.slice(ROOT.length + 1)).sort(), step.removed ?? [], `${step.name}: cleared`);
    const fresh = new WorkspaceIndex(fs);
    fresh.scan([ROOT]);
    const freshPipeline = new DiagnosticsPipeline(fresh, SETTINGS);
    freshPipeline.checkAll();
    assert.deepEqual(listDiagnostics(freshPipeline), step.expected, `${step.name}: fresh check agrees`);
  }
});

test('an open document wins over the disk, and closing it brings the disk back', () => {
  const open = new Map<string, string>();
  const { index, pipeline } = workspaceOf({ ...PKG, 'app/migration/depends.map': '0.1.0 : 2.0.0\n' }, open);
  const map = `${ROOT}/app/migration/depends.map`;
  open.set(map, 'junk\n0.1.0 : 9.0.0');
  pipeline.apply([index.applyTextChange(map)!]);
  assert.deepEqual(listDiagnostics(pipeline), ['app/migration/depends.map:1 depends-syntax', 'app/migration/depends.map:2 depends-framework-unavailable']);
  open.delete(map);
  pipeline.apply([index.applyTextChange(map)!]);
  assert.deepEqual(listDiagnostics(pipeline), []);
});

test('settings changes re-check depends-framework-unavailable', () => {
  const { pipeline } = workspaceOf({ ...PKG, 'app/migration/depends.map': '0.1.0 : 2.29.0\n' });
  assert.deepEqual(listDiagnostics(pipeline), ['app/migration/depends.map:1 depends-framework-unavailable']);
  pipeline.updateSettings({ frameworkVersion: { major: 3, minor: 0, patch: 0, text: '3.0.0' } });
  assert.deepEqual(listDiagnostics(pipeline), []);
});

test('a sliced first check gives what checkAll gives, even when files are deleted or created between slices', async () => {
  const files: Record<string, string> = { ...PKG };
  for (let i = 0; i < 30; i++) files[`app/migration/0.1.${i}_${i % 3 ? 'Any' : 'any'}.py`] = '';
  const { fs, index, pipeline } = workspaceOf(files);
  const published = new Map<string, number>();
  let slices = 0;
  const done = await pipeline.checkAllInSlices(
    7,
    async () => {
      slices++;
      if (slices === 1) {
        // Between slices: a not-yet-checked misnamed script disappears, and a new one appears.
        fs.remove(`${ROOT}/app/migration/0.1.27_any.py`);
        fs.write(`${ROOT}/app/migration/0.2.0_web.sql`, '');
        const events = [{ path: `${ROOT}/app/migration/0.1.27_any.py`, type: 'deleted' as const }, { path: `${ROOT}/app/migration/0.2.0_web.sql`, type: 'created' as const }];
        const result = pipeline.apply(index.applyFileEvents(events));
        for (const path of result.updated) published.set(path, pipeline.diagnosticsOf(path).length);
        for (const path of result.removed) published.set(path, 0);
      }
    },
    (result) => {
      for (const path of result.updated) published.set(path, pipeline.diagnosticsOf(path).length);
      for (const path of result.removed) published.set(path, 0);
    },
    () => false,
  );
  assert.equal(done, true);
  assert.ok(slices >= 4);
  const fresh = new DiagnosticsPipeline(index, SETTINGS);
  fresh.checkAll();
  assert.deepEqual(listDiagnostics(pipeline), listDiagnostics(fresh));
  assert.ok(!published.get(`${ROOT}/app/migration/0.1.27_any.py`), "the deleted script never shows a diagnostic");
  assert.equal(published.get(`${ROOT}/app/migration/0.2.0_web.sql`), 1);
  assert.equal([...published.values()].reduce((a, b) => a + b, 0), listDiagnostics(fresh).length);
});
