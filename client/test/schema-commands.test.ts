// The pure parts of "Rehearse Upgrade on a Copy" and "Generate Migration Script from schema.py", on outputs recorded from the runtime.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { readGeneratedScript, readSchemaDiff, type SchemaDiff } from '../../server/src/core/schema-diff';
import { firstFailure, parseRehearsal, renderRehearsal, type Rehearsal } from '../src/core/rehearsalReport';
import { generationQuestion } from '../src/core/schemaGeneration';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');
const recorded = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const context = { app: 'ticketing', database: 'sqlite:///home/dev/t.db', link: (file: string, line: number | null | undefined) => `file://${file}#L${line}` };

function rehearsal(name: string): Rehearsal {
  const parsed = parseRehearsal(recorded(name));
  assert.ok(!('error' in parsed), JSON.stringify(parsed));
  return parsed;
}

describe('rehearsal report', () => {
  test('a passing rehearsal: the outcome, a summary row and a table per step with its rows per table', () => {
    const ok = rehearsal('rehearsal/ticketing-0.1.0-to-0.4.0.jsonl');
    assert.equal(ok.ok, true);
    const text = renderRehearsal(ok, context);
    assert.match(text, /^# Rehearsal of ticketing: passed\n/);
    assert.match(text, /Database: `sqlite:\/\/\/home\/dev\/t\.db`, upgraded 0\.1\.0 → 0\.4\.0 on a copy \(copied by sqlite backup API in \d+ ms\); the real database was not touched\./);
    assert.match(text, /The copy was dropped\./);
    // One summary row and one section per step, in order.
    const sections = text.split('\n').filter((l) => l.startsWith('## '));
    assert.equal(sections.length, ok.steps.length);
    assert.equal(sections[0], '## 1. framework 2.27.0 — erudi:2.27.0_Any.py');
    assert.equal(sections[1], '## 2. model 0.2.0 — migration/0.2.0_app_tokens_Any.py');
    assert.match(text, /\| 1 \| framework 2\.27\.0 \| erudi:2\.27\.0_Any\.py \| \d+ ms \| 3 \| 2 \| ok \|/);
    const first = text.slice(text.indexOf('## 1.'), text.indexOf('## 2.'));
    assert.match(first, /\d+ ms, 3 SQL statements\./);
    assert.match(first, /\| table \| inserted \| updated \| deleted \|\n\|---\|---:\|---:\|---:\|\n\| erudi_migration_log \| 1 \| 0 \| 0 \|\n\| erudi_versions \| 0 \| 1 \| 0 \|/);
    assert.doesNotMatch(text, /Failed/);
  });

  test('a failing rehearsal names the step and links the failing line', () => {
    const failed = rehearsal('rehearsal/ticketing-broken-script.jsonl');
    assert.equal(failed.ok, false);
    assert.deepEqual(firstFailure(failed), { message: "schema.py defines no attribute Ticket.nope_missing: add it to schema.py, or give its type: add_attribute('Ticket', 'nope_missing', 'String')", file: '/home/dev/ticketing/migration/0.4.0_zz_broken_Any.py', line: 1 });
    const text = renderRehearsal(failed, context);
    assert.match(text, /^# Rehearsal of ticketing: FAILED\n/);
    assert.match(text, /\*\*Outcome:\*\* failed at model 0\.4\.0 \(migration\/0\.4\.0_zz_broken_Any\.py\) after \d+ ms: an upgrade of the real database would stop there/);
    assert.match(text, /\| migration\/0\.4\.0_zz_broken_Any\.py \| \d+ ms \| 0 \| 0 \| \*\*failed\*\* \|/);
    assert.match(text, /No row was written\.\n\n\*\*Failed at \[0\.4\.0_zz_broken_Any\.py:1\]\(file:\/\/\/home\/dev\/ticketing\/migration\/0\.4\.0_zz_broken_Any\.py#L1\):\*\* schema\.py defines no attribute/);
  });

  test('a kept copy is named; no output says why', () => {
    const kept = { ...rehearsal('rehearsal/ticketing-0.1.0-to-0.4.0.jsonl'), copy: '/tmp/erudi-rehearsal-x/t.db' };
    assert.match(renderRehearsal(kept, context), /The copy is kept for inspection: `\/tmp\/erudi-rehearsal-x\/t\.db`\./);
    assert.deepEqual(parseRehearsal('{"event": "error", "file": "/a/schema.py", "line": 3, "message": "bad"}\n', '', 1), { error: '/a/schema.py:3: bad', file: '/a/schema.py', line: 3 });
    assert.deepEqual(parseRehearsal('', 'erudi-migrate: no instance\n', 2), { error: 'erudi-migrate: no instance' });
  });
});

describe('dry run report', () => {
  test("upgrade --dry-run's rehearsal event reads as a rehearsal, worded as a rolled-back run (no copy)", () => {
    const recordedRun = recorded('rehearsal/ticketing-0.1.0-to-0.4.0.jsonl').trim().split('\n').pop() ?? '';
    const event = { ...JSON.parse(recordedRun), dryRun: true, copy: null, copyMethod: undefined, copyMs: undefined, fromVersion: null };
    const parsed = parseRehearsal(JSON.stringify(event));
    assert.ok(!('error' in parsed));
    assert.equal(parsed.dryRun, true);
    const text = renderRehearsal(parsed, context);
    assert.match(text, /^# Dry run of the upgrade of ticketing: passed\n/);
    assert.match(text, /upgraded the pending steps in one transaction, then rolled back: nothing was written\./);
    assert.doesNotMatch(text, /copy/);
    assert.equal(text.split('\n').filter((l) => l.startsWith('## ')).length, parsed.steps.length);
  });
});

describe('generate', () => {
  const diff = readSchemaDiff(recorded('schema-diff/forge-after-pending.jsonl')) as SchemaDiff;
  const generatedLine = (fields: Record<string, unknown>) => `${JSON.stringify({ event: 'generated', path: null, version: '0.3.1', numversion: '0.3.0', numversionRaised: false, needsNumversion: true, text: 'add_attribute(\'License\', \'url\')\n', changes: 3, ...fields })}\n`;

  test('readGeneratedScript reads the generated event', () => {
    assert.deepEqual(readGeneratedScript(`{"event": "start"}\n${generatedLine({})}`), {
      path: null, version: '0.3.1', numversion: '0.3.0', numversionRaised: false, needsNumversion: true, text: "add_attribute('License', 'url')\n", changes: 3,
    });
    assert.deepEqual(readGeneratedScript('{"event": "error", "file": "schema.py", "line": 9, "message": "bad"}\n', '', 1), { error: 'schema.py:9: bad', file: 'schema.py', line: 9 });
  });

  test('the question lists the changes and offers to raise numversion when the version is above it', () => {
    const planned = readGeneratedScript(generatedLine({})) as Exclude<ReturnType<typeof readGeneratedScript>, { error: string }>;
    const question = generationQuestion('forge', 'sqlite:///forge.sqlite', diff, planned);
    assert.equal(question.message, 'Write the migration script 0.3.1 of forge?');
    assert.deepEqual(question.choices, ['Write and Raise numversion to 0.3.1', 'Write Script Only']);
    assert.equal(question.raiseChoice, 'Write and Raise numversion to 0.3.1');
    assert.match(question.detail, /^3 changes between sqlite:\/\/\/forge\.sqlite \(model 0\.2\.0, after its pending scripts\) and the schema files:\n\n {2}• Attribute License\.url \(String, maxsize 256\) is added\n/);
    assert.match(question.detail, /Version 0\.3\.1 is above numversion 0\.3\.0 in __pkginfo__\.py/);
    const within = generationQuestion('forge', 'db', diff, { ...planned, needsNumversion: false });
    assert.deepEqual(within.choices, ['Write Script']);
    assert.equal(within.raiseChoice, undefined);
    assert.doesNotMatch(within.detail, /numversion/);
  });
});
