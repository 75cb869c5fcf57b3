// The merged schema in the checks: CubicWeb's core, the cubes of __depends__ and a schema/ package, on in-memory workspaces.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { prepareScriptAnalysis } from '../../server/src/features/script/script-analysis';
import { scriptFeatures } from '../../server/src/features/script/script-features';
import { listDiagnostics, ROOT, SETTINGS, workspaceOf } from './workspace-check';

before(prepareScriptAnalysis);

const FILE_CUBE = {
  'cubicweb-file/cubicweb_file/__pkginfo__.py': "numversion = (2, 2, 0)\n__depends__ = {'cubicweb': '>= 3.24'}\n",
  'cubicweb-file/cubicweb_file/schema.py': [
    'from yams.buildobjs import EntityType, String, Bytes, RichString',
    'from cubicweb import _',
    '',
    '',
    'class File(EntityType):',
    "    title = String(fulltextindexed=True, maxsize=256)",
    '    data = Bytes(required=True)',
    "    data_name = String(required=True, description=_('name of the file'))",
    '    description = RichString()',
    '',
  ].join('\n'),
};

/** The shop application: a schema/ package, a make_type type, a workflowable type, relations to the core's and the file cube's types. */
const SHOP = {
  'shop/__pkginfo__.py': "numversion = (0, 5, 0)\n__depends__ = {\n    'cubicweb': '>= 3.26',\n    'cubicweb-file': '>= 2.0',\n    'six': None,\n}\n",
  'shop/schema/__init__.py': '"""the shop\'s schema, one module per area"""\n',
  'shop/schema/catalog.py': [
    'from yams.buildobjs import EntityType, String, Float, SubjectRelation, make_type',
    '',
    "Money = make_type('Decimal')",
    '',
    '',
    'class _Priced(EntityType):',
    '    price = Money()',
    '',
    '',
    'class Product(_Priced):',
    '    name = String(required=True)',
    "    manual = SubjectRelation('File', cardinality='?*')",
    '',
  ].join('\n'),
  'shop/schema/orders.py': [
    'from yams.buildobjs import String, SubjectRelation',
    'from cubicweb.schema import WorkflowableEntityType',
    'from cubicweb.schemas.base import CWUser',
    '',
    '',
    'class Order(WorkflowableEntityType):',
    '    number = String(required=True)',
    "    lines = SubjectRelation('Product')",
    '',
    '',
    "CWUser.add_relation(SubjectRelation('Order'), name='placed')",
    '',
  ].join('\n'),
  'shop/migration/0.1.0_Any.py': '',
};

// The codes the merged schema decides (safety rules and others also read it, and are tested in their own files).
const SCHEMA_CODES = /(unknown-entity-type|unknown-relation-type|unknown-attribute|still-in-schema|cube-not-found|schema-error|schema-redefinition)$/;

function schemaDiagnostics(pipeline: ReturnType<typeof workspaceOf>['pipeline']): string[] {
  return listDiagnostics(pipeline).filter((line) => SCHEMA_CODES.test(line));
}

function scriptDiagnostics(files: Record<string, string>, script: string, name = '0.5.0_Any.py'): string[] {
  const path = `shop/migration/${name}`;
  const { pipeline } = workspaceOf({ ...files, [path]: script });
  return schemaDiagnostics(pipeline).filter((line) => line.startsWith(path)).map((line) => line.slice(path.length + 1));
}

function messagesOf(files: Record<string, string>, path: string): string[] {
  const { pipeline } = workspaceOf(files);
  return pipeline.diagnosticsOf(`${ROOT}/${path}`).filter((d) => SCHEMA_CODES.test(d.code)).map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`);
}

// script of the shop (version 0.5.0 = numversion) → diagnostics "line code"
const ROWS: [string, string[]][] = [
  // The false positives of the issue: core types, a cube's type, a final type, a make_type type.
  ["add_attribute('CWUser', 'login')\n", []],
  ["add_relation_definition('Order', 'lines', 'Product')\nadd_attribute('File', 'data_name')\n", []],
  ["add_relation_definition('Product', 'name', 'String')\n", []],
  ["add_attribute('Product', 'price')\n", []],
  // Metadata every entity has, workflow relations of a workflowable type, a relation added to the core's CWUser.
  ["add_attribute('Product', 'creation_date')\nadd_relation_definition('Order', 'in_state', 'State')\nadd_relation_definition('CWUser', 'placed', 'Order')\n", []],
  ["add_relation_type('custom_workflow')\nadd_relation_definition('Order', 'owned_by', 'CWUser')\n", []],
  // A `_` class is no type: its attribute is Product's.
  ["add_entity_type('_Priced')\n", ['1 unknown-entity-type']],
  // Real mistakes are still found; a misspelt name is suggested from the merged schema.
  ["add_entity_type('Prodcut')\n", ['1 unknown-entity-type']],
  ["add_attribute('Fiel', 'title')\n", ['1 unknown-entity-type']],
  ["add_attribute('File', 'dataname')\n", ['1 unknown-attribute']],
  // Gone from the model, but still defined in the cube or the core.
  ["drop_entity_type('File')  # erudi: ignore[destructive-operation]\n", ['1 still-in-schema']],
];

test('scripts are checked against core + cubes + the schema/ package', () => {
  for (const [script, expected] of ROWS) {
    assert.deepEqual(scriptDiagnostics({ ...FILE_CUBE, ...SHOP }, script), expected, script);
  }
});

test('a misspelt name suggests only merged-schema names, and says where the right one is read from', () => {
  const rows: [string, RegExp][] = [
    ["add_attribute('Fiel', 'title')\n", /did you mean 'File'\?$/],
    ["add_entity_type('CWUsr')\n", /did you mean 'CWUser'\?$/],
    ["add_attribute('File', 'dataname')\n", /did you mean 'data_name'\?$/],
    ["drop_entity_type('File')  # erudi: ignore[destructive-operation]\n", /^1 still-in-schema: the file cube's schema\.py line 5 still defines entity type 'File'/],
    ["drop_entity_type('CWGroup')  # erudi: ignore[destructive-operation]\n", /^1 still-in-schema: CubicWeb's core schema \(bootstrap\.py\) line \d+ still defines/],
  ];
  for (const [script, expected] of rows) {
    const messages = messagesOf({ ...FILE_CUBE, ...SHOP, 'shop/migration/0.5.0_Any.py': script }, 'shop/migration/0.5.0_Any.py');
    assert.equal(messages.length, 1, script);
    assert.match(messages[0], expected);
  }
});

test('a cube that cannot be found is one warning on __pkginfo__.py, and no unknown-name cascade', () => {
  const { pipeline } = workspaceOf({ ...SHOP, 'shop/migration/0.5.0_Any.py': "add_attribute('File', 'title')\nadd_entity_type('Anything')\nadd_attribute('Order', 'number')\n" });
  assert.deepEqual(schemaDiagnostics(pipeline), ['shop/__pkginfo__.py:4 cube-not-found']);
  const [warning] = pipeline.diagnosticsOf(`${ROOT}/shop/__pkginfo__.py`);
  assert.match(warning.message, /cube 'file'/);
  assert.match(warning.message, /erudiMigrations\.cubesPath/);
  assert.match(warning.message, /--cubes-path/);
  assert.match(warning.message, /ERUDI_CUBES_PATH/);
  // What is known is still judged: Order is the shop's own, and still defined.
  const kept = scriptDiagnostics(SHOP, "drop_entity_type('Order')  # erudi: ignore[destructive-operation]\n");
  assert.deepEqual(kept, ['1 still-in-schema']);
});

test('a cube of a cube that is missing is reported on the dependency that brings it', () => {
  const files = {
    ...SHOP,
    'shop/__pkginfo__.py': "numversion = (0, 5, 0)\n__depends__ = {'cubicweb-tracker': None}\n",
    'cubicweb_tracker/__pkginfo__.py': "numversion = (1, 0, 0)\n__depends__ = {'cubicweb-file': None}\n",
    'cubicweb_tracker/schema.py': "from yams.buildobjs import EntityType\n\nclass Ticket(EntityType):\n    pass\n",
  };
  const messages = messagesOf(files, 'shop/__pkginfo__.py');
  assert.equal(messages.length, 1);
  assert.match(messages[0], /^2 cube-not-found: cube 'file' \(needed by the tracker cube, which cubicweb-tracker brings\)/);
});

test('cubes are found in the layouts of the contract, in the workspace and in the cube folders', () => {
  const script = { 'shop/migration/0.5.0_Any.py': "add_attribute('File', 'title')\n" };
  const layouts: [string, Record<string, string>][] = [
    ['cubicweb-file/cubicweb_file/', FILE_CUBE],
    ['cubicweb_file/', Object.fromEntries(Object.entries(FILE_CUBE).map(([p, t]) => [p.replace('cubicweb-file/cubicweb_file/', 'cubicweb_file/'), t]))],
    ['cubes/file/', Object.fromEntries(Object.entries(FILE_CUBE).map(([p, t]) => [p.replace('cubicweb-file/cubicweb_file/', 'cubes/file/'), t]))],
    ['a cube application deep in the workspace', Object.fromEntries(Object.entries({ ...FILE_CUBE, 'cubicweb-file/cubicweb_file/migration/2.2.0_Any.py': '' })
      .map(([p, t]) => [p.replace('cubicweb-file/', 'vendor/src/'), t]))],
  ];
  for (const [layout, cube] of layouts) {
    const { pipeline } = workspaceOf({ ...SHOP, ...cube, ...script });
    assert.deepEqual(schemaDiagnostics(pipeline).filter((l) => l.startsWith('shop/')), [], layout);
  }
  // Outside the workspace: only through the cube folders (--cubes-path, ERUDI_CUBES_PATH, erudiMigrations.cubesPath).
  const { pipeline, fs } = workspaceOf({ ...SHOP, ...script });
  for (const [path, text] of Object.entries(FILE_CUBE)) fs.write(`/cubes-store/${path}`, text);
  assert.deepEqual(schemaDiagnostics(pipeline).filter((l) => l.startsWith('shop/')), ['shop/__pkginfo__.py:4 cube-not-found']);
  const found = pipeline.updateSettings({ ...SETTINGS, cubeFolders: ['/cubes-store'] });
  assert.ok(found.updated.includes(`${ROOT}/shop/__pkginfo__.py`));
  assert.deepEqual(pipeline.diagnosticsOf(`${ROOT}/shop/__pkginfo__.py`), []);
  assert.deepEqual(pipeline.diagnosticsOf(`${ROOT}/shop/migration/0.5.0_Any.py`).filter((d) => SCHEMA_CODES.test(d.code)), []);
});

test('an old script adding what a later release drops gets advice that fits an old script', () => {
  const files = {
    ...FILE_CUBE,
    ...SHOP,
    'shop/migration/0.3.0_Any.py': "add_entity_type('Coupon')\nadd_entity_type('Voucher')\n",
    'shop/migration/0.4.0_Any.py': "drop_entity_type('Coupon')  # erudi: ignore[destructive-operation]\n",
    'shop/migration/0.5.0_Any.py': "add_entity_type('Coupon')\n",
  };
  const old = messagesOf(files, 'shop/migration/0.3.0_Any.py');
  assert.equal(old.length, 2);
  assert.match(old[0], /^1 unknown-entity-type: entity type 'Coupon' is not in the current schema: it is dropped later by 0\.4\.0_Any\.py/);
  assert.match(old[1], /^2 unknown-entity-type: entity type 'Voucher' is not in the current schema; this script \(0\.3\.0\) is older than numversion 0\.5\.0/);
  for (const message of old) assert.doesNotMatch(message, /add it to schema\.py/);
  // An old script dropping what the current schema has again is not told to edit the schema either.
  const dropped = messagesOf({ ...files, 'shop/migration/0.2.0_Any.py': "drop_entity_type('Product')  # erudi: ignore[destructive-operation]\n" }, 'shop/migration/0.2.0_Any.py');
  assert.match(dropped[0], /^1 still-in-schema: schema\/catalog\.py line 10 defines entity type 'Product' again, but this script \(0\.2\.0\) is older than numversion 0\.5\.0/);
  // A script at numversion is told to define it.
  assert.match(messagesOf(files, 'shop/migration/0.5.0_Any.py')[0], /schema\.py does not define entity type 'Coupon'.*add it to schema\.py first/);
});

test('schema problems are reported on the schema file and line, with what to do', () => {
  const rows: [string, string, RegExp][] = [
    ['class Basket(EntityTyp):\n    pass\n', '1 schema-error', /inherits from 'EntityTyp', which is neither a yams class nor a class of this schema/],
    ['from cubicweb.schema import EntityTypo\n', '1 schema-error', /cubicweb\.schema offers no 'EntityTypo'/],
    ['from cubicweb.schemas.base import CWUserr\n\nclass Me(CWUserr):\n    pass\n', '3 schema-error', /CWUserr', which CubicWeb's core schema does not define/],
    ['from yams.buildobjs import EntityType\n\nclass A(EntityType):\n    pass\n\nclass A(EntityType):\n    pass\n', '6 schema-redefinition', /defined twice in extra\.py \(first on line 3\)/],
    ['Nowhere.add_relation(SubjectRelation("Product"), name="x")\n', '1 schema-error', /'Nowhere' is no entity type read so far/],
    // A base class of another module of the package, of a cube and of the core are fine.
    ['from yams.buildobjs import String\nfrom cubicweb_file.schema import File\nfrom cubicweb.schemas.base import CWGroup\n\nclass Image(File):\n    __specializes_schema__ = True\n    width = String()\n\nclass Team(CWGroup):\n    pass\n\nclass Gift(Product):\n    pass\n', '', /^$/],
  ];
  for (const [source, expected, message] of rows) {
    const messages = messagesOf({ ...FILE_CUBE, ...SHOP, 'shop/schema/extra.py': source }, 'shop/schema/extra.py');
    assert.deepEqual(messages.map((m) => m.split(':')[0]), expected ? [expected] : [], source);
    if (expected) assert.match(messages[0], message, source);
  }
});

test('hover and go to definition land in the file that defines the name: the package module, the cube, the core', () => {
  const script = "add_attribute('File', 'title')\nadd_entity_type('Product')\nadd_attribute('CWUser', 'login')\n";
  const { index } = workspaceOf({ ...FILE_CUBE, ...SHOP, 'shop/migration/0.5.0_Any.py': script });
  const path = `${ROOT}/shop/migration/0.5.0_Any.py`;
  const document = { ...index.document(path)!, text: script, settings: SETTINGS };
  const rows: [number, number, string, RegExp][] = [
    [0, 16, `${ROOT}/cubicweb-file/cubicweb_file/schema.py`, /defined in the file cube's schema\.py line 5/],
    [1, 18, `${ROOT}/shop/schema/catalog.py`, /defined in schema\/catalog\.py line 10/],
    [2, 17, 'runtime/erudi_migrate/schema/core/base.py', /defined in CubicWeb's core schema \(base\.py\) line \d+/],
  ];
  for (const [line, character, file, hover] of rows) {
    const targets = scriptFeatures.definition!(document, { line, character });
    assert.equal(targets.length, 1, `${line}`);
    assert.ok(targets[0].path.endsWith(file), targets[0].path);
    assert.match(scriptFeatures.hover!(document, { line, character })!.markdown, hover);
  }
  const completion = scriptFeatures.completion!({ ...document, text: "add_entity_type('')\n" }, { line: 0, character: 17 }).map((c) => c.label);
  for (const name of ['Product', 'Order', 'File', 'CWUser', 'State']) assert.ok(completion.includes(name), name);
  assert.ok(!completion.includes('_Priced'));
});
