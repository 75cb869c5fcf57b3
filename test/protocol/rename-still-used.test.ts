// rename-still-used over LSP: editing a later script that held the last use of the old name clears the warning on the rename, without touching the rename script.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ScriptLspClient } from './script-lsp-client';

const app = mkdtempSync(join(tmpdir(), 'erudi-rename-app-'));
const RENAME = "rename_entity_type('Ticket', 'Issue')\n";
const LATER = "for x in rql('Any X WHERE X is Ticket'):\n    print(x)\n";
let client: ScriptLspClient;
before(async () => {
  mkdirSync(join(app, 'migration'), { recursive: true });
  writeFileSync(join(app, '__pkginfo__.py'), 'numversion = (0, 3, 0)\n');
  writeFileSync(join(app, 'schema.py'), 'from yams.buildobjs import EntityType, String\n\nclass Issue(EntityType):\n    title = String()\n');
  writeFileSync(join(app, 'migration', '0.2.0_Any.py'), RENAME);
  writeFileSync(join(app, 'migration', '0.3.0_Any.py'), LATER);
  client = await ScriptLspClient.start(app);
});
after(async () => {
  await client.stop();
  rmSync(app, { recursive: true, force: true });
});

test('the rename\'s warning follows the edits of a later script', async () => {
  const rename = client.open('migration/0.2.0_Any.py', RENAME);
  const found = await client.diagnostics(rename, (d) => d.some((x) => x.code === 'rename-still-used'));
  assert.match(found.find((d) => d.code === 'rename-still-used')!.message, /1 use of 'Ticket' comes after it: 0\.3\.0_Any\.py line 1 \(an RQL string\)/);
  const later = client.open('migration/0.3.0_Any.py', LATER);
  await client.diagnostics(later);
  const cleared = client.nextDiagnostics(rename, (d) => !d.some((x) => x.code === 'rename-still-used'));
  const at = LATER.indexOf('Ticket');
  client.change(later, { start: { line: 0, character: at }, end: { line: 0, character: at + 'Ticket'.length } }, 'Issue');
  await cleared;
  const back = client.nextDiagnostics(rename, (d) => d.some((x) => x.code === 'rename-still-used'));
  client.change(later, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, "    find('Ticket')\n");
  assert.match((await back).find((d) => d.code === 'rename-still-used')!.message, /0\.3\.0_Any\.py line 2 \(a string argument\)/);
});
