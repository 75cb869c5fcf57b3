// Script intelligence over stdio against the built server: completion, signature help, hover, definition, diagnostics.
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cursorIn, ScriptLspClient } from './script-lsp-client';

let client: ScriptLspClient;
let anyScript: string;
const ANY = 'migration/0.2.0_add_age_Any.py';
const WEB = 'migration/0.2.0_web.py';
let anyText = "drop_entity_type('OldTicket')\n";

before(async () => {
  client = await ScriptLspClient.start();
  anyScript = client.open(ANY, anyText);
  // The server scans the workspace after `initialized`; its first diagnostics say it knows the script.
  await client.diagnostics(anyScript, (d) => d.length === 1);
});
after(() => client.stop());

/** Replaces the whole Any script with `source` (its `|` is the cursor) and returns the cursor position. */
function setAnyScript(source: string): { line: number; character: number } {
  const { text, line, character } = cursorIn(source);
  const lines = anyText.split('\n');
  client.change(anyScript, { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, text);
  anyText = text;
  return { line, character };
}

interface Item { label: string; insertTextFormat?: number; textEdit?: { newText: string; range: { start: { character: number }; end: { character: number } } } }

const COMPLETIONS: [string, string[], string[]][] = [
  ['add_at|', ['add_attribute', 'checkpoint', 'migrate-data'], []],
  ["add_attribute('Per|", ['Person', 'Employee', 'Company', 'Ticket'], ['add_attribute']],
  ["add_attribute('Employee', '|')", ['badge', 'email'], ['title']],
  ["rql('Any X WHERE X is Tic|')", ['Ticket'], []],
];

test('completion', async () => {
  for (const [source, present, absent] of COMPLETIONS) {
    const { line, character } = setAnyScript(source);
    const result = await client.request<{ items: Item[] } | null>('textDocument/completion', anyScript, line, character);
    const labels = (result?.items ?? []).map((i) => i.label);
    for (const label of present) assert.ok(labels.includes(label), `${source}: ${label} missing from ${labels.join(', ')}`);
    for (const label of absent) assert.ok(!labels.includes(label), `${source}: ${label} offered`);
  }
  const { line, character } = setAnyScript('add_at|');
  const result = await client.request<{ items: Item[] }>('textDocument/completion', anyScript, line, character);
  const item = result.items.find((i) => i.label === 'add_attribute')!;
  assert.equal(item.insertTextFormat, 2, 'a snippet');
  assert.equal(item.textEdit?.newText, "add_attribute('${1:etype}', '${2:attrname}')$0");
});

test('completion in a web script offers no repository-side name', async () => {
  const { text, line, character } = cursorIn('add|');
  const web = client.open(WEB, text);
  const result = await client.request<{ items: Item[] }>('textDocument/completion', web, line, character);
  const labels = result.items.map((i) => i.label);
  assert.ok(labels.includes('option_added') && labels.includes('confirm'));
  assert.ok(!labels.includes('add_attribute') && !labels.includes('checkpoint') && !labels.includes('migrate-data'));
});

test('signature help with the active parameter', async () => {
  const rows: [string, number][] = [["add_attribute('Person', |", 1], ['add_attribute(commit=|', 3], ["rename_entity_type('A', '|", 1]];
  for (const [source, active] of rows) {
    const { line, character } = setAnyScript(source);
    const help = await client.request<{ signatures: { label: string; parameters: { label: string }[] }[]; activeParameter: number }>('textDocument/signatureHelp', anyScript, line, character);
    assert.ok(help.signatures[0].label.startsWith(source.split('(')[0] + '('), source);
    assert.equal(help.activeParameter, active, source);
    assert.ok(help.signatures[0].label.includes(help.signatures[0].parameters[active].label));
  }
});

test('hover', async () => {
  const { line, character } = setAnyScript("drop_entity_ty|pe('OldTicket')");
  const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', anyScript, line, character);
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /drop_entity_type\(etype: str, commit: bool = True, \*, ask_confirm: bool = True\) -> None[\s\S]*Follows CubicWeb 3\.28/);
  assert.match(hover.contents.value, /Destroys data/);
});

test('go to definition lands on the line in schema.py', async () => {
  const { line, character } = setAnyScript("add_attribute('Person', 'em|ail')");
  const locations = await client.request<{ uri: string; range: { start: { line: number; character: number } } }[]>('textDocument/definition', anyScript, line, character);
  assert.equal(locations.length, 1);
  assert.equal(locations[0].uri, pathToFileURL(client.path('schema.py')).href);
  assert.deepEqual(locations[0].range.start, { line: 8, character: 4 });
});

const codes = (d: { code?: string; range: { start: { line: number; character: number } } }[]) => d.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.code}`).sort();

test('diagnostics follow edits of the script and of schema.py (open, then on disk)', async () => {
  let published = client.nextDiagnostics(anyScript, (d) => d.length === 2);
  setAnyScript("add_entity_type('Tiket')\ndrop_entity_type('Ticket')  # erudi: ignore[destructive-operation]\n");
  assert.deepEqual(codes(await published), ['0:16 unknown-entity-type', '1:17 still-in-schema']);

  // Incremental edit: fix the typo only.
  published = client.nextDiagnostics(anyScript, (d) => d.length === 1);
  client.change(anyScript, { start: { line: 0, character: 19 }, end: { line: 0, character: 19 } }, 'c');
  anyText = anyText.replace('Tiket', 'Ticket');
  assert.deepEqual(codes(await published), ['1:17 still-in-schema']);

  // schema.py edited in the editor (unsaved): Ticket removed, so add_entity_type('Ticket') is unknown and the drop is fine.
  const schemaText = readFileSync(client.path('schema.py'), 'utf8');
  const schemaUri = client.open('schema.py', schemaText);
  const ticketStart = schemaText.split('\n').findIndex((l) => l.startsWith('class Ticket'));
  published = client.nextDiagnostics(anyScript, (d) => codes(d).join() === '0:16 unknown-entity-type');
  client.change(schemaUri, { start: { line: ticketStart, character: 6 }, end: { line: ticketStart, character: 12 } }, 'Issue');
  assert.deepEqual(codes(await published), ['0:16 unknown-entity-type']);

  // schema.py closed and changed on disk (a watched-file event): the disk's text counts again.
  client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: schemaUri } });
  await client.diagnostics(anyScript, (d) => codes(d).join() === '1:17 still-in-schema');
  writeFileSync(client.path('schema.py'), schemaText.replace('class Ticket(EntityType)', 'class Bug(EntityType)'));
  published = client.nextDiagnostics(anyScript, (d) => codes(d).join() === '0:16 unknown-entity-type');
  client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(client.path('schema.py')).href, type: 2 }] });
  assert.deepEqual(codes(await published), ['0:16 unknown-entity-type']);
});

test('a web script gets not-available-in-mode', async () => {
  const web = client.uri(WEB);
  const published = client.nextDiagnostics(web, (d) => d.length > 0);
  client.change(web, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, 'checkpoint()');
  assert.deepEqual(codes(await published), ['0:0 not-available-in-mode']);
});

test('no script completion, snippets or signature help outside migration scripts', async () => {
  const schemaUri = client.open('schema.py', 'add_at\n');
  const completion = await client.request<{ items: Item[] } | null>('textDocument/completion', schemaUri, 0, 6);
  assert.deepEqual((completion?.items ?? []).map((i) => i.label), []);
  const help = await client.request<unknown>('textDocument/signatureHelp', schemaUri, 0, 6);
  assert.equal(help, null);
  client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: schemaUri } });
});

test('quick fix replaces a misspelt entity type', async () => {
  const published = client.nextDiagnostics(anyScript, (d) => d.some((x) => x.code === 'unknown-entity-type'));
  setAnyScript("add_entity_type('Persn')\n");
  const diagnostics = (await published).filter((d) => d.code === 'unknown-entity-type');
  const actions = await client.connection.sendRequest<{ title: string; edit?: unknown }[]>('textDocument/codeAction', {
    textDocument: { uri: anyScript }, range: diagnostics[0].range, context: { diagnostics },
  });
  const fix = actions.find((a) => a.title.startsWith("Replace with 'Person'"));
  assert.ok(fix, JSON.stringify(actions));
  assert.match(JSON.stringify(fix.edit), /"newText":"'Person'"/);
});
