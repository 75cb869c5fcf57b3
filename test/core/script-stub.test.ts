// The generated __builtins__.pyi: pyright sees the catalog names in migration/ scripts (and only there), with their signatures.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { scriptCatalog } from '../../server/src/core/catalog/catalog';
import { pythonStub } from '../../server/src/core/catalog/python-stub';
import { stubCommand } from '../../server/src/cli/stub-command';

const FIXTURE_APP = join(__dirname, '..', 'fixtures', 'script-app');
const PYRIGHT = join(__dirname, '..', '..', 'node_modules', '.bin', 'pyright');
const workspace = mkdtempSync(join(tmpdir(), 'erudi-stub-'));
after(() => rmSync(workspace, { recursive: true, force: true }));

function run(args: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = stubCommand(args, (l) => out.push(l), (l) => err.push(l));
  return { status, out, err };
}

test('the stub declares every catalog name with its signature and docstring', () => {
  const stub = pythonStub(scriptCatalog, '9.9.9');
  for (const entry of scriptCatalog.entries) {
    assert.match(stub, new RegExp(entry.kind === 'function' ? `^def ${entry.name}\\(` : `^${entry.name}: `, 'm'), entry.name);
  }
  assert.match(stub, /^def add_attribute\(etype: str, attrname: str, attrtype: str \| None = None, commit: bool = True, \*, ask_confirm: bool = True\) -> None:$/m);
  assert.match(stub, /^def create_entity\(etype: str, commit: bool = False, \*, ask_confirm: bool = True, \*\*kwargs: Any\) -> Entity:$/m);
  assert.match(stub, /^class Connection:\n    def execute\(self, rql: str/m);
  assert.match(stub, /framework 9\.9\.9/);
});

test('stub command writes, reports up to date, and --check fails on a stale stub', () => {
  const app = join(workspace, 'cmd');
  cpSync(FIXTURE_APP, app, { recursive: true });
  const stubPath = join(app, 'migration', '__builtins__.pyi');
  assert.equal(run(['--check', app]).status, 1);
  assert.ok(!existsSync(stubPath), '--check writes nothing');
  const written = run([app]);
  assert.equal(written.status, 0);
  assert.match(written.out[0], /__builtins__\.pyi: written$/);
  assert.equal(run([app]).out[0].endsWith('up to date'), true);
  assert.equal(run(['--check', app]).status, 0);
  writeFileSync(stubPath, readFileSync(stubPath, 'utf8').replace('def checkpoint', 'def checkpoint_old'));
  const stale = run(['--check', app]);
  assert.equal(stale.status, 1);
  assert.match(stale.err[0], /out of date; run "erudi-migrations stub/);
  assert.equal(run([join(workspace, 'nothing-here')]).status, 2);
});

interface PyrightReport { generalDiagnostics: { file: string; rule?: string; message: string; range: { start: { line: number } } }[] }

test('pyright: no undefined catalog names in migration/, real mistakes still reported, schema.py unaffected', () => {
  const app = join(workspace, 'pyright-app');
  cpSync(FIXTURE_APP, app, { recursive: true });
  writeFileSync(join(app, 'migration', '0.2.0_all_names_Any.py'), [
    "add_attribute('Person', 'age')",
    "if interactive_mode and confirm(_('Drop the ticket type?')):",
    "    drop_entity_type('Ticket')",
    "rows = rql('Any X WHERE X is Person')",
    "print(len(rows), config['base-url'], appltemplversion, templversion, erudiversion, applerudiversion)",
    "print(repo, repo_schema, newschema, sqlcursor.fetchall())",
    "sqlexec('SELECT 1', ask_confirm=False)",
    'checkpoint()',
    'not_a_catalog_name()',
    "add_attribute('Person')",
    // CubicWeb 3.28's names
    "person = create_entity('Person', name=u'x', ask_confirm=False)",
    "print(person.eid, cnx.execute('Any X').get_entity(0, 0).eid, session.system_sql('SELECT 1').fetchall())",
    "sql('SELECT %(a)s', {'a': 1})",
    "with dropped_constraints('Person', 'age', droprequired=True):",
    "    sync_schema_props_perms('Person', syncperms=False)",
    "print(schema['Person'], fsschema, versions_map, __args__, [e.eid for e in find('Person').entities()])",
    'commit()',
    '',
  ].join('\n'));
  writeFileSync(join(app, 'schema_helpers.py'), 'x = add_attribute\n');
  assert.equal(run([app]).status, 0);
  // pyright exits 1 when it reports errors (which this script has on purpose); its JSON report is on stdout either way.
  const output = spawnSync(PYRIGHT, ['--outputjson', app], { encoding: 'utf8', cwd: workspace }).stdout;
  const found = (JSON.parse(output) as PyrightReport).generalDiagnostics
    .filter((d) => !d.file.endsWith('schema.py'))
    .map((d) => `${d.file.split('/').pop()}:${d.range.start.line} ${d.rule ?? ''}`)
    .sort();
  assert.deepEqual(found, [
    '0.2.0_all_names_Any.py:8 reportUndefinedVariable',
    '0.2.0_all_names_Any.py:9 reportCallIssue',
    'schema_helpers.py:0 reportUndefinedVariable',
  ]);
});
