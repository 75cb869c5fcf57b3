// The table of real-world schema constructs (test/fixtures/schema-constructs/): the static reader gives expected.json on
// every row, and so does the runtime's loader (`python3 -m erudi_migrate.schema.dump DIR --exclude-core`), row by row.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadPythonParser, type PythonParser } from '../../server/src/core/python/parser';
import { readCoreSchema, readMergedSchema } from '../../server/src/core/schema/merged-schema';
import { normalizeSchema } from '../../server/src/core/schema/normalize-schema';
import { OFFERED_NAMES } from '../../server/src/core/schema/schema-imports';
import { nodeFileSystem } from '../../server/src/core/workspace/node-file-system';

const ROOT = join(__dirname, '..', '..');
const CONSTRUCTS = join(ROOT, 'test', 'fixtures', 'schema-constructs');
const CASES = readdirSync(CONSTRUCTS).filter((name) => existsSync(join(CONSTRUCTS, name, 'expected.json'))).sort();
// ERUDI_WRITE_EXPECTED=1 rewrites expected.json from the static reader (then read the diff: the runtime must agree).
const WRITE = process.env.ERUDI_WRITE_EXPECTED === '1';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

/** The folder's merged schema as the static reader sees it: whole (core included), or what it adds to the core. */
function staticDump(folder: string, cubesPath: string[] = []) {
  const merged = readMergedSchema(parser, nodeFileSystem, folder, { workspaceFolders: [], workspaceApplications: [], cubeFolders: cubesPath });
  return {
    problems: merged.schema.problems.map((p) => p.message),
    missing: merged.missingCubes.map((m) => m.name),
    whole: normalizeSchema(merged.schema),
    added: normalizeSchema(merged.schema, readCoreSchema(parser)),
  };
}

/** The runtime loader's normalized dump (python3 -m erudi_migrate.schema.dump), core included. */
function runtimeDump(folder: string, cubesPath?: string): unknown {
  const printed = execFileSync('/usr/bin/python3', ['-m', 'erudi_migrate.schema.dump', folder, ...(cubesPath ? ['--cubes-path', cubesPath] : [])], {
    env: { ...process.env, PYTHONPATH: join(ROOT, 'runtime') },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(printed);
}

// Rows where the runtime is known to read differently, with what it gets wrong: apart from that difference the two
// must agree, and once the runtime is fixed they must agree fully. (make-type agrees now: a registered final type
// such as register_base_type('Geometry') is an attribute in the runtime's model too.)
const RUNTIME_DIFFERENCE: Record<string, (reader: any) => any> = {};

test('the table has one case for each construct real schemas use', () => {
  for (const construct of [
    'final-types', 'richstring', 'make-type', 'cubicweb-imports', 'subject-object-relations', 'relation-definitions', 'relation-types',
    'add-relation', 'inheritance', 'specialization', 'abstract-classes', 'workflowable', 'computed', 'unique-together', 'permissions',
    'constraints', 'attribute-options', 'schema-package',
  ]) assert.ok(CASES.includes(construct), `missing case ${construct}`);
});

for (const name of CASES) {
  const folder = join(CONSTRUCTS, name);
  test(`static reader: ${name}`, () => {
    const { problems, added } = staticDump(folder);
    assert.deepEqual(problems, [], 'a real-world construct is no schema problem');
    if (WRITE) writeFileSync(join(folder, 'expected.json'), `${JSON.stringify(added, null, 2)}\n`);
    assert.deepEqual(added, JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')));
  });

  test(`runtime loader and static reader give the same schema, core included: ${name}`, () => {
    const runtime = runtimeDump(folder);
    const reader = staticDump(folder).whole;
    const known = RUNTIME_DIFFERENCE[name];
    if (known && JSON.stringify(runtime) !== JSON.stringify(reader)) assert.deepEqual(runtime, known(reader), 'only the known difference');
    else assert.deepEqual(runtime, reader);
  });
}

// The shared cube fixtures: an application on cubes on cubes (forge -> tracker -> file, blog -> comment), a schema/ package.
const CUBES = join(ROOT, 'test', 'fixtures', 'cubes');
for (const application of ['forge', 'cubicweb-tracker/cubicweb_tracker', 'cubicweb-file/cubicweb_file', 'cubes/blog']) {
  test(`runtime loader and static reader agree on the merged schema of ${application} (cubes found through --cubes-path)`, () => {
    const reader = staticDump(join(CUBES, application), [CUBES]);
    assert.deepEqual(reader.missing, []);
    assert.deepEqual(reader.problems, []);
    assert.deepEqual(runtimeDump(join(CUBES, application), CUBES), reader.whole);
  });
}

test('every name the runtime\'s compatibility modules offer to schema files is one the static reader accepts', () => {
  const program = [
    'import importlib, json, types',
    'out = {}',
    "for name in ['yams', 'yams.buildobjs', 'yams.constraints', 'yams.reader', 'cubicweb', 'cubicweb.schema']:",
    '    m = importlib.import_module(name)',
    "    out[name] = sorted(n for n, v in vars(m).items() if (not n.startswith('_') or n == '_') and not isinstance(v, types.ModuleType))",
    'print(json.dumps(out))',
  ].join('\n');
  const printed = execFileSync('/usr/bin/python3', ['-c', program], {
    env: { ...process.env, PYTHONPATH: [join(ROOT, 'runtime', 'erudi_migrate', 'compat'), join(ROOT, 'runtime')].join(':') },
    encoding: 'utf8',
  });
  for (const [module, names] of Object.entries(JSON.parse(printed) as Record<string, string[]>)) {
    const offered = OFFERED_NAMES.get(module);
    assert.ok(offered, module);
    assert.deepEqual(names.filter((name) => !offered.has(name)), [], `${module}: names the runtime offers that schema-error would report`);
  }
});
