// The headless checker (dist/server/check.js) on script bodies: schema-aware diagnostics, suppressions, exit status.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const BIN = join(__dirname, '..', '..', 'bin', 'erudi-migrations.js');
const FIXTURE_APP = join(__dirname, '..', 'fixtures', 'script-app');
const workspace = mkdtempSync(join(tmpdir(), 'erudi-script-check-'));
after(() => rmSync(workspace, { recursive: true, force: true }));

function check(scripts: Record<string, string>, withSchema = true): { status: number | null; lines: string[] } {
  const app = join(workspace, `app-${Math.random().toString(36).slice(2)}`);
  cpSync(FIXTURE_APP, app, { recursive: true });
  if (!withSchema) rmSync(join(app, 'schema.py'));
  for (const [name, text] of Object.entries(scripts)) writeFileSync(join(app, 'migration', name), text);
  const result = spawnSync(process.execPath, [BIN, 'check', app], { encoding: 'utf8', cwd: app });
  return { status: result.status, lines: result.stdout.split('\n').filter(Boolean).map((l) => l.replace(/: [^:]*$/, '')) };
}

// scripts → exit status and the report lines ("path:line:column: severity code", message cut off)
const CASES: [string, Record<string, string>, boolean, number, string[]][] = [
  ['clean scripts', {}, true, 0, []],
  ['errors and warnings', { '0.2.0_web.py': "checkpoint()\nadd_attribute('Persn', 'age')  # erudi: ignore[not-available-in-mode]\n" }, true, 1, [
    'migration/0.2.0_web.py:1:1: error not-available-in-mode',
    'migration/0.2.0_web.py:2:15: warning unknown-entity-type',
  ]],
  ['warnings only exit 0', { '0.2.0_add_age_Any.py': "add_attribute('Person', 'agee')\ndrop_entity_type('Ticket')  # erudi: ignore[destructive-operation, nope]\n" }, true, 0, [
    'migration/0.2.0_add_age_Any.py:1:25: warning unknown-attribute',
    'migration/0.2.0_add_age_Any.py:2:18: warning still-in-schema',
    'migration/0.2.0_add_age_Any.py:2:68: warning unknown-suppression',
  ]],
  ['no schema.py: nothing schema-aware', { '0.2.0_add_age_Any.py': "add_attribute('Anything', 'at_all')\nrql('Any X WHER')\n" }, false, 1, [
    'migration/0.2.0_add_age_Any.py:2:12: error rql-syntax',
  ]],
];

test('erudi-migrations check reports syntax errors, Python 2 forms, in scripts with CR-only line endings too', () => {
  const { status, lines } = check({
    '0.2.0_a_Any.py': "add_entity_type('Tag'\n",
    '0.2.0_b_Any.py': "try:\n    pass\nexcept Exception, e:\n    print 'failed', e\n",
    '0.2.0_c_Any.py': "# old Mac line endings\rdrop_entity_type('OldTicket')\rx = (\r",
  });
  assert.deepEqual(lines.map((l) => /^[^ ]+ [a-z]+ [a-z-]+/.exec(l)?.[0]), [
    'migration/0.2.0_a_Any.py:1:16: error python-syntax',
    'migration/0.2.0_b_Any.py:3:1: error python-syntax',
    'migration/0.2.0_b_Any.py:4:5: error python-syntax',
    'migration/0.2.0_c_Any.py:2:1: information destructive-operation',
    'migration/0.2.0_c_Any.py:3:5: error python-syntax',
  ]);
  assert.match(lines[0], /'\(' was never closed/);
  assert.match(lines[1], /write 'except X as e:'/);
  assert.equal(status, 1);
});

test('erudi-migrations check reports a syntax error of schema.py', () => {
  const app = join(workspace, 'app-broken-schema');
  cpSync(FIXTURE_APP, app, { recursive: true });
  writeFileSync(join(app, 'schema.py'), 'from yams.buildobjs import EntityType, String\n\nclass Tag(EntityType)\n    name = String()\n');
  const result = spawnSync(process.execPath, [BIN, 'check', app], { encoding: 'utf8', cwd: app });
  assert.match(result.stdout, /^schema\.py:3:\d+: error python-syntax: missing ':' at the end of the 'class' line/m);
  assert.equal(result.status, 1);
});

test('erudi-migrations check reports script-body diagnostics', () => {
  for (const [label, scripts, withSchema, status, lines] of CASES) {
    const result = check(scripts, withSchema);
    assert.deepEqual(result.lines, lines, label);
    assert.equal(result.status, status, label);
  }
});
