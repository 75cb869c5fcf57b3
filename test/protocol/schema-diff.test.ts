// Over stdio: the client's erudiMigrations/schemaDiff notification becomes schema-not-migrated on schema.py, with the "Generate migration script" quick fix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { GENERATE_SCRIPT_COMMAND, SCHEMA_DIFF_NOTIFICATION, type SchemaDiffParams } from '../../protocol/protocol';
import { copyFixture, LspSession, removeDir, REPO, uri } from './lsp-session';

let dir: string;
let forge: string;
let schema: string;
let lsp: LspSession;

const recorded = readFileSync(join(REPO, 'test/fixtures/schema-diff/forge-after-pending.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const diffEvent = recorded[recorded.length - 1];

before(async () => {
  dir = copyFixture('cubes');
  forge = join(dir, 'forge');
  schema = join(forge, 'schema.py');
  lsp = LspSession.start('stdio');
  await lsp.initialize(dir);
  // A request waits for the first index: after it, the workspace is checked (a clean forge publishes nothing).
  await lsp.settle();
});
after(async () => {
  await lsp.stop();
  removeDir(dir);
});

const notMigrated = () => (lsp.diagnostics.get(uri(schema)) ?? []).filter((d) => d.code === 'schema-not-migrated');

function send(changes: SchemaDiffParams['changes']): Promise<void> {
  const params: SchemaDiffParams = { application: uri(forge), database: 'sqlite:///forge.sqlite', storedVersion: '0.2.0', changes };
  return lsp.connection.sendNotification(SCHEMA_DIFF_NOTIFICATION, params);
}

test('a diff from the client shows each change on its schema.py line', async () => {
  await send(diffEvent.changes);
  await lsp.until('schema-not-migrated on forge/schema.py', () => notMigrated().length === 3);
  assert.deepEqual(notMigrated().map((d) => [d.range.start.line + 1, d.severity, d.source]), [[1, 2, 'erudi-migrations'], [10, 2, 'erudi-migrations'], [13, 2, 'erudi-migrations']]);
  assert.match(String(notMigrated()[1].message), /^Attribute License\.url \(String, maxsize 256\) is added: no pending migration script does this, so upgrading sqlite:\/\/\/forge\.sqlite at 0\.2\.0/);
});

test('the quick fix is the client\'s Generate command, with the schema file, and no edit', async () => {
  const diagnostics = notMigrated();
  const actions = (await lsp.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri(schema) }, range: diagnostics[1].range, context: { diagnostics: [diagnostics[1]] },
  })) as Array<{ title: string; kind: string; edit?: unknown; command?: { command: string; arguments: unknown[] } }>;
  const fix = actions.find((a) => a.title === 'Generate migration script');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.edit, undefined);
  assert.deepEqual(fix.command, { title: 'Generate Migration Script from schema.py', command: GENERATE_SCRIPT_COMMAND, arguments: [{ file: schema }] });
  // The ignore fixes are there too, once each.
  assert.deepEqual(actions.map((a) => a.title).sort(), ['Generate migration script', 'Ignore schema-not-migrated in this file', 'Ignore schema-not-migrated on this line']);
});

test('params of the wrong shape change nothing; an empty diff clears, null forgets', async () => {
  await lsp.connection.sendNotification(SCHEMA_DIFF_NOTIFICATION, { application: uri(forge), database: 'x', storedVersion: null, changes: [{ kind: 'attribute-added', subject: 'P.a', summary: 's', line: 'ten' }] });
  await lsp.settle();
  assert.equal(notMigrated().length, 3);
  assert.ok(lsp.logs.some((l) => /erudiMigrations\/schemaDiff: invalid params, ignored: changes\[0\]\.line must be a line number/.test(l)), lsp.logs.join('\n'));
  await send([]);
  await lsp.until('schema-not-migrated cleared', () => notMigrated().length === 0);
  await send(diffEvent.changes.slice(0, 1));
  await lsp.until('one change again', () => notMigrated().length === 1);
  await send(null);
  await lsp.until('schema-not-migrated forgotten', () => notMigrated().length === 0);
});
