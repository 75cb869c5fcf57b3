// Cubes: __depends__ read statically (every spelling real __pkginfo__.py files use), and the cube folders setting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cubeCandidates, readCubeDependencies, splitCubesPath } from '../../server/src/core/workspace/cubes';
import { resolveSettings } from '../../server/src/features/resolve-settings';

// __pkginfo__.py text → the cubes it names, with the line (1-based) of each
const DEPENDS: [string, string[]][] = [
  ["__depends__ = {'cubicweb': '>= 3.24.0', 'cubicweb-file': '>= 1.2', 'six': '>= 1.4'}\n", ['file:1']],
  ['__depends__ = {\n    "cubicweb": ">= 3.26",\n    "cubicweb-tracker": None,  # the tracker\n    "cubicweb-blog": None,\n}\n', ['tracker:3', 'blog:4']],
  ["__depends__ = {'cubicweb-my-cube': None}\n", ['my_cube:1']],
  // Old cubes: bare names, as a dict or a sequence.
  ["__depends_cubes__ = {'comment': None}\n__depends__ = {'cubicweb-comment': None}\n", ['comment:1']],
  ["__depends_cubes__ = ('file', 'tag')\n", ['file:1', 'tag:1']],
  // Values are no names; comments and strings mentioning cubes are not dependencies.
  ["# __depends__ = {'cubicweb-old': None}\n__depends__ = {'cubicweb-file': 'cubicweb-x'}\ndescription = 'cubicweb-nothing'\n", ['file:2']],
  ["numversion = (0, 1, 0)\n", []],
  ["__depends__ = {'cubicweb-file': None\n", ['file:1']],
];

test('the cubes of __depends__ and __depends_cubes__', () => {
  for (const [text, expected] of DEPENDS) {
    assert.deepEqual(readCubeDependencies(text).map((c) => `${c.name}:${c.range.start.line + 1}`), expected, text);
  }
});

test('the folders a cube is looked for in, in the contract\'s order', () => {
  assert.deepEqual(cubeCandidates('/ws', 'file'), ['/ws/cubicweb_file', '/ws/cubicweb-file/cubicweb_file', '/ws/cubes/file']);
  assert.deepEqual(cubeCandidates('/srv/cubes', 'file'), ['/srv/cubes/cubicweb_file', '/srv/cubes/cubicweb-file/cubicweb_file', '/srv/cubes/cubes/file', '/srv/cubes/file']);
  assert.deepEqual(cubeCandidates('/ws/cubicweb_file', 'file')[0], '/ws/cubicweb_file');
  assert.deepEqual(splitCubesPath(' /a: :/b:'), ['/a', '/b']);
});

test('cube folders: --cubes-path, then ERUDI_CUBES_PATH, then erudiMigrations.cubesPath; unusable values explained', () => {
  const rows: [unknown, string | undefined, string[], string[], number][] = [
    [{ cubesPath: ['/setting'] }, '/env1:/env2', ['/flag'], ['/flag', '/env1', '/env2', '/setting'], 0],
    [{ cubesPath: '/one:/two' }, undefined, [], ['/one', '/two'], 0],
    [{ cubesPath: [42, '/ok', ''] }, undefined, [], ['/ok'], 2],
    [{ cubesPath: { folder: '/x' } }, undefined, [], [], 1],
    [{ cubesPath: null }, '', [], [], 0],
    [undefined, undefined, [], [], 0],
  ];
  for (const [raw, environment, flag, expected, problems] of rows) {
    const resolved = resolveSettings(raw, { cubesPath: flag, environment: { ERUDI_CUBES_PATH: environment } });
    assert.deepEqual(resolved.settings.cubeFolders, expected, JSON.stringify(raw));
    assert.equal(resolved.problems.length, problems, JSON.stringify(raw));
    for (const problem of resolved.problems) assert.match(problem, /erudiMigrations\.cubesPath/);
  }
});
