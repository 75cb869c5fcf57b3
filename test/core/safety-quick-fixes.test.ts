// Quick fixes as a table: files, the diagnostic fixed → the fix's title and the fixed file's text; and that each fix removes its diagnostic.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { nodeFileSystem } from '../../server/src/core/workspace/node-file-system';
import type { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { collectCodeActions } from '../../server/src/features/code-actions/collect-code-actions';
import { DOCUMENT_FEATURES } from '../../server/src/features/document-features';
import { prepareScriptAnalysis, readRelatedFilesWith } from '../../server/src/features/script/script-analysis';
import { applyEdits } from './apply-edits';
import { ROOT, SETTINGS, workspaceOf } from './workspace-check';

let current: WorkspaceIndex | undefined;
before(async () => {
  await prepareScriptAnalysis();
  readRelatedFilesWith((path) => current?.readText(path) ?? { error: 'no workspace' });
});
after(() => readRelatedFilesWith((path) => nodeFileSystem.readText(path)));

const PKG = "numversion = (0, 2, 0)\n";
const SCHEMA = "from yams.buildobjs import EntityType, Int, String\n\nclass Person(EntityType):\n    name = String()\n    age = Int(required=True)  # years\n";

interface FixCase {
  name: string;
  files: Record<string, string>;
  /** The file whose diagnostic is fixed. */
  file: string;
  code: string;
  title: string;
  /** The file the fix edits, and its text after the fix. */
  edited: string;
  after: string;
}

const CASES: FixCase[] = [
  { name: 'guard a drop with confirm()', files: { 'app/__pkginfo__.py': PKG, 'app/migration/0.2.0_Any.py': "drop_entity_type('OldTicket')\n" }, file: 'app/migration/0.2.0_Any.py',
    code: 'destructive-operation', title: 'Ask first: guard with if confirm(...)', edited: 'app/migration/0.2.0_Any.py',
    after: "if confirm(\"Run drop_entity_type('OldTicket')? It destroys data.\"):\n    drop_entity_type('OldTicket')\n" },
  { name: 'guard an indented, multi-line drop in an interactive script', files: { 'app/__pkginfo__.py': PKG, 'app/migration/0.2.0_Any.py': "if interactive_mode:\n    drop_attribute('Person',\n                   'nickname')\n" },
    file: 'app/migration/0.2.0_Any.py', code: 'unguarded-drop', title: 'Ask first: guard with if confirm(...)', edited: 'app/migration/0.2.0_Any.py',
    after: "if interactive_mode:\n    if confirm(\"Run drop_attribute('Person', 'nickname')? It destroys data.\"):\n        drop_attribute('Person',\n                       'nickname')\n" },
  { name: 'ignore on the line', files: { 'app/__pkginfo__.py': PKG, 'app/migration/0.2.0_Any.py': "drop_entity_type('OldTicket')\n" }, file: 'app/migration/0.2.0_Any.py',
    code: 'destructive-operation', title: 'Ignore destructive-operation on this line', edited: 'app/migration/0.2.0_Any.py',
    after: "drop_entity_type('OldTicket')  # erudi: ignore[destructive-operation]\n" },
  { name: 'ignore on a line that already ignores something', files: { 'app/__pkginfo__.py': PKG, 'app/migration/0.2.0_Any.py': "rql('DELETE Person X')  # erudi: ignore[destructive-operation]\n" },
    file: 'app/migration/0.2.0_Any.py', code: 'unrestricted-write', title: 'Ignore unrestricted-write on this line', edited: 'app/migration/0.2.0_Any.py',
    after: "rql('DELETE Person X')  # erudi: ignore[destructive-operation, unrestricted-write]\n" },
  { name: 'ignore in the whole file, below the encoding line', files: { 'app/__pkginfo__.py': PKG, 'app/migration/0.2.0_Any.py': "# -*- coding: utf-8 -*-\nsql('ALTER TABLE cw_Person ADD cw_x integer')\n" },
    file: 'app/migration/0.2.0_Any.py', code: 'schema-change-in-sql', title: 'Ignore schema-change-in-sql in this file', edited: 'app/migration/0.2.0_Any.py',
    after: "# -*- coding: utf-8 -*-\n# erudi: ignore-file[schema-change-in-sql]\nsql('ALTER TABLE cw_Person ADD cw_x integer')\n" },
  { name: 'raise numversion for a script ahead of the model', files: { 'app/__pkginfo__.py': "# the model\nnumversion = (0, 2, 0)  # bumped by hand\n", 'app/migration/0.3.1_Any.py': '' },
    file: 'app/migration/0.3.1_Any.py', code: 'script-ahead-of-model', title: 'Raise numversion to (0, 3, 1) in __pkginfo__.py', edited: 'app/__pkginfo__.py',
    after: "# the model\nnumversion = (0, 3, 1)  # bumped by hand\n" },
  { name: 'give a required attribute a default in schema.py', files: { 'app/__pkginfo__.py': PKG, 'app/schema.py': SCHEMA, 'app/migration/0.2.0_Any.py': "add_attribute('Person', 'age')\n" },
    file: 'app/migration/0.2.0_Any.py', code: 'add-required-without-default', title: 'Add default=0 to Person.age in schema.py', edited: 'app/schema.py',
    after: SCHEMA.replace('Int(required=True)', 'Int(required=True, default=0)') },
  { name: 'ignore python-syntax in schema.py', files: { 'app/__pkginfo__.py': PKG, 'app/schema.py': 'x = (\n', 'app/migration/0.2.0_Any.py': '' },
    file: 'app/schema.py', code: 'python-syntax', title: 'Ignore python-syntax on this line', edited: 'app/schema.py', after: 'x = (  # erudi: ignore[python-syntax]\n' },
];

for (const row of CASES) {
  test(`quick fix: ${row.name}`, () => {
    const { index, pipeline } = workspaceOf(row.files);
    current = index;
    pipeline.checkAll();
    const path = `${ROOT}/${row.file}`;
    const diagnostics = pipeline.diagnosticsOf(path).filter((d) => d.code === row.code);
    assert.equal(diagnostics.length, 1, `${row.code} on ${row.file}: ${JSON.stringify(pipeline.diagnosticsOf(path))}`);
    const document = { ...index.document(path)!, text: row.files[row.file], settings: SETTINGS };
    const actions = collectCodeActions(DOCUMENT_FEATURES[document.kind], document, { range: diagnostics[0].range, diagnostics, canRenameFiles: true });
    const action = actions.find((a) => a.title === row.title);
    assert.ok(action, `no "${row.title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    const edits = action.edit.textEdits!;
    assert.ok(edits.every((e) => e.path === `${ROOT}/${row.edited}`), JSON.stringify(edits));
    const fixed = applyEdits(row.files[row.edited], edits);
    assert.equal(fixed, row.after);
    // The fix mends what it claims to: checked again, the diagnostic is gone.
    const again = workspaceOf({ ...row.files, [row.edited]: fixed });
    current = again.index;
    again.pipeline.checkAll();
    assert.deepEqual(again.pipeline.diagnosticsOf(path).filter((d) => d.code === row.code).map((d) => d.message), []);
  });
}
