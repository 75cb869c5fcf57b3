// Every safety rule's own table of cases (script, schema, figures → a message fragment or silence), the registry's shape, and silence on examples/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { DIAGNOSTIC_CODES } from '../../server/src/core/diagnostic-codes';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { readSchema } from '../../server/src/core/schema/read-schema';
import { SAFETY_RULES } from '../../server/src/features/safety-rules/registry';
import { checkScript } from '../../server/src/features/script/check-script';
import { scriptContext } from '../../server/src/features/script/script-context';
import { parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

const SAFETY_CODES = new Set<string>(SAFETY_RULES.map((r) => r.code));

test('every safety rule has a code of the table, a note, a help line and cases that both fire and stay silent', () => {
  for (const rule of SAFETY_RULES) {
    assert.ok(DIAGNOSTIC_CODES[rule.code], rule.code);
    assert.equal(DIAGNOSTIC_CODES[rule.code].severity, 'warning', rule.code);
    assert.ok(rule.note.length > 20 && !rule.note.includes('\n'), `${rule.code}: a one-line note`);
    assert.ok(rule.help.length > 20 && !rule.help.includes('\n'), `${rule.code}: a one-line help`);
    assert.ok(rule.cases.some((c) => c.expected !== null), `${rule.code}: a case that fires`);
    assert.ok(rule.cases.some((c) => c.expected === null), `${rule.code}: a case that stays silent`);
  }
});

for (const rule of SAFETY_RULES) {
  rule.cases.forEach((row, i) => {
    test(`${rule.code} case ${i + 1}: ${row.expected === null ? 'silent' : row.expected.slice(0, 60)}`, () => {
      const schema = row.schema === undefined ? undefined : readSchema(parser, row.schema);
      const context = { ...scriptContext(ParsedPython.parse(parser, row.script), row.mode ?? 'Any', schema, schema ? '/app/schema.py' : undefined), figures: row.figures };
      const found = checkScript(context).filter((d) => d.code === rule.code);
      if (row.expected === null) {
        assert.deepEqual(found.map((d) => d.message), []);
        return;
      }
      assert.equal(found.length, 1, found.map((d) => d.message).join('\n') || 'nothing reported');
      assert.ok(found[0].message.includes(row.expected), `${found[0].message}\nlacks: ${row.expected}`);
      assert.ok(found[0].message.endsWith(rule.help), `${rule.code}: the message ends with the help line`);
    });
  });
}

test('destructive-operation is silent inside a branch confirm() guards', () => {
  const source = "if confirm('Drop OldTicket?'):\n    drop_entity_type('OldTicket')\nif not confirm('Keep Old?'):\n    sqlexec('DROP TABLE old')\nelse:\n    pass\ndrop_entity_type('Gone')\n"
    + "def confirm(q):\n    return True\n";
  const context = scriptContext(ParsedPython.parse(parser, source.replace(/def confirm[\s\S]*/, '')), 'Any');
  assert.deepEqual(checkScript(context).filter((d) => d.code === 'destructive-operation').map((d) => d.range.start.line), [3, 6]);
  // A confirm the script defines itself guards nothing we can vouch for.
  const shadowed = scriptContext(ParsedPython.parse(parser, source), 'Any');
  assert.deepEqual(checkScript(shadowed).filter((d) => d.code === 'destructive-operation').map((d) => d.range.start.line), [1, 3, 6]);
});

test('no safety rule fires on the example application', () => {
  const examples = join(__dirname, '..', '..', 'examples');
  for (const app of readdirSync(examples, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const migration = join(examples, app.name, 'migration');
    let names: string[] = [];
    try {
      names = readdirSync(migration).filter((n) => /^\d.*\.py$/.test(n));
    } catch {
      continue;
    }
    let schema;
    try {
      schema = readSchema(parser, readFileSync(join(examples, app.name, 'schema.py'), 'utf8'));
    } catch {
      schema = undefined;
    }
    for (const name of names) {
      const context = scriptContext(ParsedPython.parse(parser, readFileSync(join(migration, name), 'utf8')), 'Any', schema);
      assert.deepEqual(checkScript(context).filter((d) => SAFETY_CODES.has(d.code)).map((d) => `${name}: ${d.message}`), []);
    }
  }
});

test('docs/safety-rules.md is the registry rendered (regenerate it with safetyRulesMarkdown() when a rule changes)', async () => {
  const { safetyRulesMarkdown } = await import('../../server/src/features/safety-rules/docs-table');
  assert.equal(readFileSync(join(__dirname, '..', '..', 'docs', 'safety-rules.md'), 'utf8'), safetyRulesMarkdown());
});
