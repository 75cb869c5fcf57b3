// `erudi-migrations check --schema --db URL`: the runtime's diff after the pending scripts becomes schema-not-migrated on schema.py, exit 1, in every format.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../server/src/cli/check-command';
import { redactDatabaseUrl } from '../../protocol/database-url';

const FIXTURES = join(__dirname, '../fixtures');
const root = mkdtempSync(join(tmpdir(), 'erudi-schema-check-'));
after(() => rmSync(root, { recursive: true, force: true }));

/**
 * An interpreter that answers `diff` as the runtime did when recorded (test/fixtures/schema-diff/), and writes down the
 * arguments it got: the check's reading of the contract is tested without a database. `status` (the ledger part of
 * --db) answers an empty ledger.
 */
function recordedRuntime(output: string, status: number, stderr = ''): { python: string; argv: () => string[] } {
  const dir = mkdtempSync(join(root, 'runtime-'));
  writeFileSync(join(dir, 'out.jsonl'), output);
  writeFileSync(join(dir, 'err.txt'), stderr);
  const python = join(dir, 'python');
  writeFileSync(python, `#!/bin/sh\n[ "$3" = diff ] || { echo '{}'; exit 0; }\nprintf '%s\\n' "$@" > "${dir}/argv"\ncat "${dir}/out.jsonl"\ncat "${dir}/err.txt" >&2\nexit ${status}\n`);
  chmodSync(python, 0o755);
  return { python, argv: () => readFileSync(join(dir, 'argv'), 'utf8').trim().split('\n') };
}

function check(args: string[], python: string) {
  const previous = process.env.ERUDI_PYTHON;
  process.env.ERUDI_PYTHON = python;
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = main(['check', ...args], (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  } finally {
    if (previous === undefined) delete process.env.ERUDI_PYTHON;
    else process.env.ERUDI_PYTHON = previous;
  }
}

const forge = join(root, 'forge');
cpSync(join(FIXTURES, 'cubes/forge'), forge, { recursive: true });
const recorded = readFileSync(join(FIXTURES, 'schema-diff/forge-after-pending.jsonl'), 'utf8');

test('check --schema names each change no pending script covers, at its schema.py line, and exits 1', () => {
  const runtime = recordedRuntime(recorded, 1);
  const { code, out, err } = check([forge, '--schema', '--db', 'sqlite:///forge.sqlite'], runtime.python);
  assert.equal(code, 1);
  assert.deepEqual(runtime.argv().slice(0, 3), ['-m', 'erudi_migrate', 'diff']);
  for (const flag of ['--after-pending', '--exit-code', '--json']) assert.ok(runtime.argv().includes(flag), flag);
  assert.equal(runtime.argv()[runtime.argv().indexOf('--app') + 1], forge);
  const lines = out.filter((l) => l.includes('schema-not-migrated'));
  assert.equal(lines.length, 3, out.join('\n'));
  assert.match(lines[0], /schema\.py:1:1: warning schema-not-migrated: Entity type Mirror is removed: no pending migration script does this, so upgrading sqlite:\/\/\/forge\.sqlite at 0\.2\.0/);
  assert.match(lines[1], /schema\.py:10:5: warning schema-not-migrated: Attribute License\.url \(String, maxsize 256\) is added: /);
  assert.match(lines[2], /schema\.py:13:1: warning schema-not-migrated: Relation definition License license_of Project is added: /);
  assert.match(err.join('\n'), /3 schema change\(s\) no pending script covers/);
});

test('check --schema exits 0 when schema.py and the scripts agree', () => {
  const agree = recorded.replace(/"changes": \[.*?\], "persistedText"/, '"changes": [], "persistedText"');
  assert.notEqual(agree, recorded);
  const { code, out } = check([forge, '--schema', '--db', 'sqlite:///forge.sqlite'], recordedRuntime(agree, 0).python);
  assert.deepEqual(out.filter((l) => l.includes('schema-not-migrated')), []);
  assert.equal(code, 0, out.join('\n'));
});

test('check --schema --format json and sarif carry the changes', () => {
  const json = JSON.parse(check([forge, '--schema', '--db', 'sqlite:///forge.sqlite', '--format', 'json'], recordedRuntime(recorded, 1).python).out.join('\n'));
  const rows = json.diagnostics.filter((d: { code: string }) => d.code === 'schema-not-migrated');
  assert.deepEqual(rows.map((d: { line: number; column: number }) => [d.line, d.column]), [[1, 1], [10, 5], [13, 1]]);
  const sarif = JSON.parse(check([forge, '--schema', '--db', 'sqlite:///forge.sqlite', '--format', 'sarif'], recordedRuntime(recorded, 1).python).out.join('\n'));
  const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'schema-not-migrated');
  assert.equal(results.length, 3);
  assert.equal(results[1].locations[0].physicalLocation.region.startLine, 10);
  assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string; shortDescription: { text: string } }) => r.id === 'schema-not-migrated' && /no pending script/.test(r.shortDescription.text)));
});

test('check --schema fails with the runtime\'s reason when the diff cannot be computed', () => {
  const error = '{"event": "error", "file": null, "line": null, "message": "sqlite:///empty.sqlite holds no instance: run erudi-migrate create first"}\n';
  const { code, err } = check([forge, '--schema', '--db', 'sqlite:///empty.sqlite'], recordedRuntime(error, 2).python);
  assert.equal(code, 1);
  assert.match(err.join('\n'), /forge: the schema difference with the instance could not be read: sqlite:\/\/\/empty\.sqlite holds no instance/);
});

test('check --schema needs --db', () => {
  const { code, err } = check([forge, '--schema'], '/nonexistent');
  assert.equal(code, 2);
  assert.match(err.join('\n'), /--schema compares schema\.py with an instance: give its database/);
});

test('a password in the URL is never printed (check --schema prints the URL as the editor shows it)', () => {
  assert.equal(redactDatabaseUrl('postgresql://me:s3cret@db:5432/forge'), 'postgresql://me:***@db:5432/forge');
  assert.equal(redactDatabaseUrl('postgresql://me@db/forge?sslmode=require&password=s3cret'), 'postgresql://me@db/forge?sslmode=require&password=***');
  assert.equal(redactDatabaseUrl('sqlite:///x.sqlite'), 'sqlite:///x.sqlite');
});

test('check --schema against a real instance: a change is reported until a pending script makes it', () => {
  const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
  const app = join(root, 'ticketing');
  cpSync(join(__dirname, '../../examples/ticketing'), app, { recursive: true });
  const url = `sqlite:///${join(root, 'ticketing.sqlite')}`;
  execFileSync(python, ['-m', 'erudi_migrate', 'create', '--app', app, '--db', url, '--non-interactive'],
    { env: { ...process.env, PYTHONPATH: join(__dirname, '../../runtime') }, stdio: 'pipe' });
  const schemaNotMigrated = () => {
    const run = check([app, '--schema', '--db', url], python);
    return { code: run.code, lines: run.out.filter((l) => l.includes('schema-not-migrated')), err: run.err };
  };
  const fresh = schemaNotMigrated();
  assert.deepEqual(fresh.lines, [], fresh.err.join('\n'));
  assert.equal(fresh.code, 0, fresh.err.join('\n'));
  const schemaPath = join(app, 'schema.py');
  const schema = readFileSync(schemaPath, 'utf8');
  const edited = schema.replace(/^( {4}creator = String\(maxsize=50\)\n)/m, '$1    priority = Int(default=3)\n');
  assert.notEqual(edited, schema);
  writeFileSync(schemaPath, edited);
  const line = edited.split('\n').findIndex((l) => l.includes('priority = Int')) + 1;
  const changed = schemaNotMigrated();
  assert.equal(changed.code, 1);
  assert.equal(changed.lines.length, 1, changed.lines.join('\n'));
  assert.match(changed.lines[0], new RegExp(`schema\\.py:${line}:5: warning schema-not-migrated: Attribute Ticket\\.priority \\(Int\\) is added: `));
  // A pending script that adds it covers the change: --after-pending applies it (rolled back) before comparing.
  writeFileSync(join(app, '__pkginfo__.py'), readFileSync(join(app, '__pkginfo__.py'), 'utf8').replace('numversion = (0, 4, 0)', 'numversion = (0, 4, 1)'));
  writeFileSync(join(app, 'migration/0.4.1_priority_Any.py'), "add_attribute('Ticket', 'priority')\n");
  const covered = schemaNotMigrated();
  assert.deepEqual(covered.lines, [], covered.err.join('\n'));
  assert.equal(covered.code, 0, covered.err.join('\n'));
});
