// rename-still-used across an application: later scripts, schema files and the application's code; earlier scripts keep the old name; the quick fix replaces every use.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { nodeFileSystem } from '../../server/src/core/workspace/node-file-system';
import type { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { collectCodeActions } from '../../server/src/features/code-actions/collect-code-actions';
import { DOCUMENT_FEATURES } from '../../server/src/features/document-features';
import { findNameUses } from '../../server/src/features/safety-rules/name-uses';
import { prepareScriptAnalysis, readRelatedFilesWith } from '../../server/src/features/script/script-analysis';
import { applyEdits } from './apply-edits';
import { ROOT, SETTINGS, workspaceOf } from './workspace-check';

let current: WorkspaceIndex | undefined;
before(async () => {
  await prepareScriptAnalysis();
  readRelatedFilesWith((path) => current?.readText(path) ?? { error: 'no workspace' });
});
after(() => readRelatedFilesWith((path) => nodeFileSystem.readText(path)));

const FILES: Record<string, string> = {
  'app/__pkginfo__.py': 'numversion = (0, 3, 0)\n',
  'app/schema.py': "from yams.buildobjs import EntityType, String, SubjectRelation\nfrom cubicweb.schema import RQLConstraint\n\nclass Issue(EntityType):\n    title = String()\n\nclass Project(EntityType):\n    lead = SubjectRelation('Issue', constraints=[RQLConstraint('O is Ticket')])\n",
  'app/migration/0.1.0_Any.py': "for x in rql('Any X WHERE X is Ticket'):\n    pass\n",
  'app/migration/0.2.0_Any.py': "rename_entity_type('Ticket', 'Issue')\n# Ticket is gone from here on\nrql('SET X title %(t)s WHERE X is Ticket', {'t': 'x'})\n",
  'app/migration/0.3.0_Any.py': "print(rql('Any X WHERE X is Ticket').rowcount)\nrql('Any X WHERE X is Issue')\n",
  'app/hooks.py': "from cubicweb.predicates import is_instance\n\nclass TicketHook(object):\n    __select__ = is_instance('Ticket')\n    label = 'Ticketing'\n",
};
const RENAME = `${ROOT}/app/migration/0.2.0_Any.py`;

test('the rename names each later use, in order; earlier scripts and comments are no uses', () => {
  const { index, pipeline } = workspaceOf(FILES);
  current = index;
  pipeline.checkAll();
  const found = pipeline.diagnosticsOf(RENAME).filter((d) => d.code === 'rename-still-used');
  assert.equal(found.length, 1, JSON.stringify(pipeline.diagnosticsOf(RENAME)));
  assert.equal(found[0].range.start.line, 0);
  assert.match(found[0].message, /^rename_entity_type\(\) renames Ticket to 'Issue', but 4 uses of 'Ticket' come after it: line 3 of this script \(an RQL string\), 0\.3\.0_Any\.py line 1 \(an RQL string\), schema\.py line 8 \(an RQL string\) and 1 more: Replace/);
  assert.deepEqual(pipeline.diagnosticsOf(`${ROOT}/app/migration/0.1.0_Any.py`).filter((d) => d.code === 'rename-still-used'), []);
});

test('the quick fix replaces every remaining use, in every file, and the warning goes', () => {
  const { index, pipeline } = workspaceOf(FILES);
  current = index;
  pipeline.checkAll();
  const diagnostics = pipeline.diagnosticsOf(RENAME).filter((d) => d.code === 'rename-still-used');
  const document = { ...index.document(RENAME)!, text: FILES['app/migration/0.2.0_Any.py'], settings: SETTINGS };
  const actions = collectCodeActions(DOCUMENT_FEATURES[document.kind], document, { range: diagnostics[0].range, diagnostics, canRenameFiles: true });
  const action = actions.find((a) => a.title === "Replace the 4 remaining uses of 'Ticket' with 'Issue'");
  assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
  const fixed = { ...FILES };
  for (const file of Object.keys(FILES)) {
    const edits = action.edit.textEdits!.filter((e) => e.path === `${ROOT}/${file}`);
    if (edits.length) fixed[file] = applyEdits(FILES[file], edits);
  }
  assert.equal(fixed['app/migration/0.2.0_Any.py'], "rename_entity_type('Ticket', 'Issue')\n# Ticket is gone from here on\nrql('SET X title %(t)s WHERE X is Issue', {'t': 'x'})\n");
  assert.equal(fixed['app/hooks.py'], FILES['app/hooks.py'].replace("is_instance('Ticket')", "is_instance('Issue')"));
  assert.equal(fixed['app/migration/0.1.0_Any.py'], FILES['app/migration/0.1.0_Any.py'], 'an earlier script keeps the old name');
  assert.match(fixed['app/schema.py'], /RQLConstraint\('O is Issue'\)/);
  const again = workspaceOf(fixed);
  current = again.index;
  again.pipeline.checkAll();
  assert.deepEqual(again.pipeline.diagnosticsOf(RENAME).filter((d) => d.code === 'rename-still-used').map((d) => d.message), []);
});

test('findNameUses: literals, RQL words in a relation\'s place, keyword arguments of entity writes; never comments or longer names', () => {
  const uses = (text: string, name: string, kind: 'entity-type' | 'attribute' | 'relation-type') => findNameUses(text, name, kind).map((u) => `${text.slice(u.start, u.end)}@${u.start} ${u.what}`);
  assert.deepEqual(uses("find('Ticket')  # 'Ticket'\nx = 'Tickets'\n", 'Ticket', 'entity-type'), ['Ticket@6 a string argument']);
  assert.deepEqual(uses("rql('Any X WHERE X is Ticket, X concerns P')\n", 'concerns', 'relation-type'), ['concerns@32 an RQL string']);
  assert.deepEqual(uses("rql('Any X WHERE X concerns_old P, Y concerns')\n", 'concerns', 'relation-type'), []);
  assert.deepEqual(uses("e.cw_set(nick='a', other=f(nick))\ncreate_entity('P', nick=1)\nnick = 2\n", 'nick', 'attribute'), ['nick@9 a keyword argument', 'nick@53 a keyword argument']);
  assert.deepEqual(uses("rql('Any X WHERE X name %(n)s', {'n': name})\n", 'Ticket', 'entity-type'), []);
});
