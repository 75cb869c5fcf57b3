// The scripts `erudi-migrate generate` writes pass the editor's own checker: no error on scripts generated for seeded
// random schema changes (test/runtime/schema_pairs.py) and for a cube application of the shared workspace.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../server/src/cli/check-command';
import { prepareScriptAnalysis } from '../../server/src/features/script/script-analysis';

const ROOT = join(__dirname, '..', '..');
const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
const env = { ...process.env, PYTHONPATH: join(ROOT, 'runtime') };
const scratch = mkdtempSync(join(tmpdir(), 'erudi-generated-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
before(prepareScriptAnalysis);

// Codes that would mean the generator wrote a call the catalog or the schema does not accept.
const WRONG_CALL = new Set(['wrong-arguments', 'unknown-name', 'unknown-entity-type', 'unknown-relation-type',
  'unknown-attribute', 'not-available-in-mode', 'still-in-schema', 'destructive-operation', 'unguarded-drop', 'python-syntax']);

interface Diagnostic { path: string; line: number; severity: string; code: string; message: string }

function check(dir: string): Diagnostic[] {
  const lines: string[] = [];
  main(['check', dir, '--format', 'json'], (l) => lines.push(l), () => {});
  return (JSON.parse(lines.join('\n')) as { diagnostics: Diagnostic[] }).diagnostics;
}

function generatedScripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => /migration[/\\]0\.\d+\.\d+_\w+_Any\.py$/.test(p));
}

test('scripts generated for random schema changes have no error and no wrong call', () => {
  const dir = join(scratch, 'random');
  execFileSync(python, [join(ROOT, 'test', 'runtime', 'schema_pairs.py'), '--write', dir, '--seeds', '16'], { env, stdio: 'pipe' });
  const scripts = generatedScripts(dir);
  assert.ok(scripts.length >= 14, `scripts were generated: ${scripts.join(', ')}`);
  const found = check(dir).filter((d) => d.path.includes('/migration/'));
  assert.deepEqual(found.filter((d) => d.severity === 'error' || WRONG_CALL.has(d.code)).map((d) => `${d.path}:${d.line} ${d.code}: ${d.message}`), []);
  // Drops are there, and each is guarded (destructive-operation is silent inside `if confirm(...)`).
  assert.ok(scripts.some((p) => /\n {4}drop_/.test(readFileSync(join(dir, p), 'utf8'))));
});

test('the script generated for the forge application (cubes) has no error', () => {
  const workspace = join(scratch, 'workspace');
  cpSync(join(ROOT, 'test', 'fixtures', 'cubes'), workspace, { recursive: true });
  const app = join(workspace, 'forge');
  const url = `sqlite:///${join(scratch, 'forge.db')}`;
  execFileSync(python, ['-m', 'erudi_migrate', 'create', '--app', app, '--db', url, '--yes'], { env, stdio: 'pipe' });
  const schemaPy = join(app, 'schema.py');
  writeFileSync(schemaPy, readFileSync(schemaPy, 'utf8')
    .replace('    url = String(maxsize=256)\n', '    url = String(maxsize=512)\n    spdx_id = String(maxsize=32)\n')
    .replace("class entry_about(RelationDefinition):\n    \"\"\"a blog entry announcing a version\"\"\"\n    subject = 'BlogEntry'\n    object = 'Version'\n", ''));
  const out = execFileSync(python, ['-m', 'erudi_migrate', 'generate', '--app', app, '--db', url, '--json', '--raise-numversion'], { env, encoding: 'utf8' });
  const generated = JSON.parse(out.trim().split('\n').at(-1)!) as { path: string; text: string };
  assert.match(generated.text, /add_attribute\('License', 'spdx_id'\)/);
  assert.match(generated.text, /if confirm\('Drop relation type entry_about and all its relations\?'\):\n {4}drop_relation_type\('entry_about'\)/);
  const found = check(workspace).filter((d) => d.path.endsWith(generated.path.split('/').at(-1)!));
  assert.deepEqual(found.filter((d) => d.severity === 'error' || WRONG_CALL.has(d.code)).map((d) => `${d.line} ${d.code}: ${d.message}`), []);
});
