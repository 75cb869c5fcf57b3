// schema-not-migrated: the runtime's recorded `diff --json` output read into changes, and each change shown on its schema file line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSchemaDiff, type SchemaDiff } from '../../server/src/core/schema-diff';
import { nodeFileSystem } from '../../server/src/core/workspace/node-file-system';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { DiagnosticsPipeline } from '../../server/src/features/diagnostics/diagnostics-pipeline';
import { generateMigrationScriptAction } from '../../server/src/features/code-actions/generate-migration-script';
import { schemaDiffDiagnostics } from '../../server/src/features/schema/schema-not-migrated';
import { ROOT, SETTINGS, workspaceOf } from './workspace-check';

const FIXTURES = join(__dirname, '../fixtures');
const FORGE = join(FIXTURES, 'cubes/forge');
const recorded = readFileSync(join(FIXTURES, 'schema-diff/forge-after-pending.jsonl'), 'utf8');

function forgeDiff(): SchemaDiff {
  const diff = readSchemaDiff(recorded);
  assert.ok(!('error' in diff), JSON.stringify(diff));
  return diff;
}

test('readSchemaDiff takes the last diff event of the runtime output', () => {
  const diff = forgeDiff();
  assert.equal(diff.storedVersion, '0.2.0');
  assert.equal(diff.afterPending, true);
  assert.deepEqual(diff.changes.map((c) => [c.kind, c.subject, c.file, c.line]), [
    ['attribute-added', 'License.url', 'schema.py', 10],
    ['relation-definition-added', 'License license_of Project', 'schema.py', 13],
    ['entity-type-removed', 'Mirror', null, null],
  ]);
  assert.match(diff.persistedText, /class Mirror/);
  assert.match(diff.applicationText, /url = String/);
});

test('readSchemaDiff reports the error event with its file and line, or the last stderr line', () => {
  const error = '{"event": "error", "file": "/app/schema.py", "line": 7, "message": "name \'Strin\' is not defined"}\n';
  assert.deepEqual(readSchemaDiff(error, '', 1), { error: "/app/schema.py:7: name 'Strin' is not defined", file: '/app/schema.py', line: 7 });
  assert.deepEqual(readSchemaDiff('', 'Traceback...\nerudi-migrate: no instance in sqlite:///x.db\n', 1), { error: 'erudi-migrate: no instance in sqlite:///x.db' });
  assert.deepEqual(readSchemaDiff('not json\n', '', 3), { error: 'the runtime printed no diff (exit status 3)' });
  assert.deepEqual(readSchemaDiff('{"event": "diff", "changes": 3}\n'), { error: "the runtime's diff event has no list of changes" });
});

test('readSchemaDiff keeps changes with a field of the wrong type and drops those with no kind', () => {
  const diff = readSchemaDiff(`${JSON.stringify({ event: 'diff', storedVersion: '1.0.0', afterPending: false, changes: [
    { kind: 'attribute-changed', subject: 'P.name', line: '4', file: 7 },
    { subject: 'nothing' },
  ] })}\n`);
  assert.ok(!('error' in diff));
  assert.deepEqual(diff.changes, [{ kind: 'attribute-changed', subject: 'P.name', property: null, before: null, after: null, file: null, line: null, summary: 'attribute changed: P.name' }]);
});

test('each change goes on its line of schema.py, a removed type on line 1, with the database and stored version named', () => {
  const index = new WorkspaceIndex(nodeFileSystem);
  index.scan([FORGE]);
  const application = index.applications.get(FORGE)!;
  const schemaPath = join(FORGE, 'schema.py');
  const diff = forgeDiff();
  const found = schemaDiffDiagnostics(application, { database: 'sqlite:///forge.sqlite', storedVersion: diff.storedVersion, changes: diff.changes }, schemaPath, readFileSync(schemaPath, 'utf8'));
  assert.deepEqual(found.map((d) => [d.code, d.severity, d.range.start.line + 1, d.range.start.character, d.range.end.character]), [
    ['schema-not-migrated', 'warning', 10, 4, 29],
    ['schema-not-migrated', 'warning', 13, 0, 37],
    ['schema-not-migrated', 'warning', 1, 0, 23],
  ]);
  assert.match(found[0].message, /^Attribute License\.url \(String, maxsize 256\) is added: no pending migration script does this, so upgrading sqlite:\/\/\/forge\.sqlite at 0\.2\.0 would leave/);
  assert.match(found[0].message, /quick fix "Generate migration script"/);
  assert.match(found[2].message, /^Entity type Mirror is removed: /);
});

test('a line past the end goes to the last line; a change in another file is shown on the main schema file naming it', () => {
  const { index } = workspaceOf({ 'app/migration/0.1.0_Any.py': '', 'app/schema.py': 'class P(EntityType):\n    name = String()\n' });
  const application = index.applications.get(`${ROOT}/app`)!;
  const diff = { database: 'db', storedVersion: null, changes: [
    { kind: 'attribute-added', subject: 'P.age', property: null, before: null, after: null, file: `${ROOT}/app/schema.py`, line: 40, summary: 'P.age is added.' },
    { kind: 'entity-type-added', subject: 'Folder', property: null, before: null, after: null, file: `${ROOT}/cubes/folder/schema.py`, line: 3, summary: 'Folder is added.' },
  ] };
  const found = schemaDiffDiagnostics(application, diff, `${ROOT}/app/schema.py`, 'class P(EntityType):\n    name = String()\n');
  assert.deepEqual(found.map((d) => d.range.start.line), [2, 0]);
  assert.match(found[1].message, /^Folder is added \(\.\.\/cubes\/folder\/schema\.py:3\): /);
  assert.doesNotMatch(found[0].message, /at null/);
});

test('the pipeline shows a diff sent for an application, re-checks only on a new one, forgets it, and honours ignore comments', () => {
  const schema = 'from yams.buildobjs import EntityType, String\n\nclass P(EntityType):\n    name = String()\n    age = String()  # erudi: ignore[schema-not-migrated]\n';
  const { pipeline } = workspaceOf({ 'app/__pkginfo__.py': 'numversion = (0, 1, 0)\n', 'app/migration/0.1.0_Any.py': '', 'app/schema.py': schema, 'other/migration/0.1.0_Any.py': '', 'other/schema.py': schema });
  const path = `${ROOT}/app/schema.py`;
  assert.deepEqual(pipeline.diagnosticsOf(path), []);
  const change = (line: number, subject: string) => ({ kind: 'attribute-added', subject, property: null, before: null, after: null, file: 'schema.py', line, summary: `${subject} is added.` });
  const result = pipeline.updateInstance(`${ROOT}/app`, { schemaDiff: { database: 'db', storedVersion: '0.1.0', changes: [change(4, 'P.name'), change(5, 'P.age')] } });
  // Only the application the diff is about is re-checked.
  assert.deepEqual(result.updated, [path]);
  assert.deepEqual(pipeline.diagnosticsOf(path).map((d) => `${d.range.start.line + 1} ${d.code}`), ['4 schema-not-migrated']);
  assert.deepEqual(pipeline.diagnosticsOf(`${ROOT}/other/schema.py`), []);
  assert.deepEqual(pipeline.updateInstance(`${ROOT}/app`, undefined).updated, [path]);
  assert.deepEqual(pipeline.diagnosticsOf(path), []);
});

test('a diff set before the first check is part of it (check --schema)', () => {
  const { index } = workspaceOf({ 'app/migration/0.1.0_Any.py': '', 'app/schema.py': 'class P(EntityType):\n    name = String()\n' });
  const pipeline = new DiagnosticsPipeline(index, SETTINGS);
  pipeline.updateInstance(`${ROOT}/app`, { schemaDiff: { database: 'db', storedVersion: '0.1.0', changes: [{ kind: 'attribute-added', subject: 'P.name', property: null, before: null, after: null, file: 'schema.py', line: 2, summary: 'x' }] } });
  pipeline.checkAll();
  assert.deepEqual(pipeline.diagnosticsOf(`${ROOT}/app/schema.py`).map((d) => d.range.start.line), [1]);
});

test('the quick fix runs the Generate command once for every schema-not-migrated in range', () => {
  const { index } = workspaceOf({ 'app/migration/0.1.0_Any.py': '', 'app/schema.py': 'x = 1\n' });
  const application = index.applications.get(`${ROOT}/app`)!;
  const d = (code: 'schema-not-migrated' | 'python-syntax') => ({ code, severity: 'warning' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
  const document = { path: `${ROOT}/app/schema.py`, kind: 'schema' as const, application, text: 'x = 1\n', settings: SETTINGS };
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const actions = generateMigrationScriptAction(document, { range, diagnostics: [d('schema-not-migrated'), d('python-syntax'), d('schema-not-migrated')], canRenameFiles: true });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Generate migration script');
  assert.equal(actions[0].diagnostics?.length, 2);
  assert.deepEqual(actions[0].command, { title: 'Generate Migration Script from schema.py', command: 'erudiMigrations.generateScript', arguments: [{ file: `${ROOT}/app/schema.py` }] });
  assert.deepEqual(generateMigrationScriptAction(document, { range, diagnostics: [d('python-syntax')], canRenameFiles: true }), []);
});
