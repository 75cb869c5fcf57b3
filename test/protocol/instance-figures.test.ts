// erudiMigrations/instanceFigures: the instance's figures sent by the client make the data-aware safety rules count rows; null puts them back on the static rules.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { INSTANCE_FIGURES_NOTIFICATION, type InstanceFiguresParams } from '../../protocol/protocol';
import { ScriptLspClient } from './script-lsp-client';

let client: ScriptLspClient;
before(async () => { client = await ScriptLspClient.start(); });
after(async () => { await client.stop(); });

const SCRIPT = "rql('DELETE Ticket X')\nsync_schema_props_perms('Person')\n";

test('figures arrive: the rules count rows; null: back to the static rule; a malformed message changes nothing', async () => {
  const uri = client.open('migration/0.2.0_add_age_Any.py', SCRIPT);
  const before = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'unrestricted-write'));
  assert.deepEqual(before.filter((d) => d.code === 'add-required-without-default'), [], 'no figures: a sync is silent');
  assert.match(before.find((d) => d.code === 'unrestricted-write')!.message, /touches every matching entity/);

  const figures: InstanceFiguresParams = {
    application: client.path(''),
    figures: { entityTypes: { Ticket: { rows: 1204 }, Person: { rows: 3000, attributes: { name: { nulls: 17 } } } } },
  };
  const counted = client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'add-required-without-default'));
  client.connection.sendNotification(INSTANCE_FIGURES_NOTIFICATION, figures);
  const withFigures = await counted;
  assert.match(withFigures.find((d) => d.code === 'unrestricted-write')!.message, /1204 Ticket/);
  assert.match(withFigures.find((d) => d.code === 'add-required-without-default')!.message, /makes Person\.name required as schema\.py says, but 17 Person rows hold no value in it/);
  assert.equal(withFigures.find((d) => d.code === 'add-required-without-default')!.range.start.line, 1);

  // A malformed message is refused (logged) and leaves the figures as they are: a hover still answers.
  client.connection.sendNotification(INSTANCE_FIGURES_NOTIFICATION, { application: 3, figures: { entityTypes: { Ticket: { rows: -1 } } } });
  client.connection.sendNotification(INSTANCE_FIGURES_NOTIFICATION, { application: client.path(''), figures: { entityTypes: { Ticket: { rows: 'many' } } } });
  assert.notEqual(await client.request('textDocument/hover', uri, 0, 1), undefined);

  const cleared = client.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'add-required-without-default'));
  client.connection.sendNotification(INSTANCE_FIGURES_NOTIFICATION, { application: client.path(''), figures: null, problem: 'no database' } satisfies InstanceFiguresParams);
  assert.match((await cleared).find((d) => d.code === 'unrestricted-write')!.message, /touches every matching entity/);
});
