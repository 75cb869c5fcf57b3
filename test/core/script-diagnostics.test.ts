// The script checks as a table: source (mode, schema or none) → the diagnostics, as "line:col-line:col code" (0-based).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Mode } from '../../server/src/core/mode';
import { checkScript } from '../../server/src/features/script/check-script';
import { applySuppressions } from '../../server/src/features/script/suppressions';
import { atCursor, prepareScriptTests } from './script-support';

before(prepareScriptTests);

function diagnose(source: string, mode: Mode = 'Any', withSchema = true): string[] {
  const { context, text } = atCursor(source, mode, withSchema ? undefined : null);
  return applySuppressions(text, checkScript(context)).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}`);
}

const CASES: [string, string, Mode, string[]][] = [
  // not-available-in-mode
  ['repository names in a web script', "checkpoint()\nx = sqlcursor\nadd_attribute('Person', 'age')", 'web',
    ['0:0-0:12 not-available-in-mode', '1:4-1:13 not-available-in-mode', '2:0-2:30 not-available-in-mode']],
  ['same names in an Any script', "checkpoint()\nx = sqlcursor\nadd_attribute('Person', 'age')", 'Any', []],
  ['common script may use config and options', "option_added('x')\nif confirm('ok?'):\n    print(config, appltemplversion, _('t'))", 'common', []],
  ['a name the script defines itself is not the catalog one', "def checkpoint():\n    pass\ncheckpoint()\nobj.rql('x')\nf(repo=1)", 'web', []],
  // wrong-arguments
  ['too many positional', "add_entity_type('Ticket', True, True, 4)", 'Any', ['0:0-0:40 wrong-arguments']],
  ['too few', "add_attribute('Person')", 'Any', ['0:0-0:23 wrong-arguments']],
  ['unknown keyword', "drop_entity_type(etype='X', force=True)", 'Any', ['0:0-0:39 destructive-operation', '0:0-0:39 wrong-arguments']],
  ['ask_confirm on any command (CubicWeb interact)', "add_attribute('Person', 'age', ask_confirm=False)\ndrop_entity_type('X', ask_confirm=True)", 'Any', ['1:0-1:39 destructive-operation']],
  ['ask_confirm is keyword-only', "add_attribute('Person', 'age', None, True, False)", 'Any', ['0:0-0:49 wrong-arguments']],
  ['twice the same argument', "add_attribute('Person', 'age', etype='Person')", 'Any', ['0:0-0:46 wrong-arguments']],
  ['keywords and **kwargs accepted', "change_relation_props('Employee', 'works_for', 'Company', cardinality='1*')\nadd_entity('Person', name='ann', age=3)", 'Any', []],
  ['unpacking: cannot tell what is missing', "args = ['Person', 'age']\nadd_attribute(*args)\nadd_attribute(**{'etype': 'Person'})", 'Any', []],
  ['half-typed call is not checked', "add_attribute('Person', ", 'Any', []],
  // schema-aware arguments
  ['unknown entity type', "add_entity_type('Tiket')", 'Any', ['0:16-0:23 unknown-entity-type']],
  ['unknown attribute of a known type', "add_attribute('Person', 'agee')", 'Any', ['0:24-0:30 unknown-attribute']],
  ['inherited attribute is known', "add_attribute('Employee', 'email')\nset_size_constraint('Company', 'name', 64)", 'Any', []],
  ['attribute of an unknown type: only the type is reported', "add_attribute('Persn', 'age')", 'Any', ['0:14-0:21 unknown-entity-type']],
  ['unknown relation type', "add_relation_type('knowz')\nsynchronize_rschema('works_for')", 'Any', ['0:18-0:25 unknown-relation-type']],
  ['relation definition must exist', "add_relation_definition('Ticket', 'concerns', 'Company')\nadd_relation_definition('Tickt', 'concerns', 'Company')", 'Any', ['1:24-1:31 unknown-entity-type']],
  ['relation of a subject', "change_relation_props('Person', 'works_for', 'Company')", 'Any', ['0:32-0:43 unknown-relation-type']],
  ['entity or relation type', "synchronize_permissions('knows')\nsynchronize_permissions('Ticket')\nsynchronize_permissions('nothing')", 'Any', ['2:24-2:33 unknown-entity-type']],
  ['a name still being typed is not judged', "add_attribute('', 'age')\nadd_entity_type(\"\")\nadd_attribute('Person', '')\nadd_attribute(\"", 'Any', []],
  ['keyword arguments are checked too', "add_attribute(attrname='agee', etype='Person')", 'Any', ['0:23-0:29 unknown-attribute']],
  ['add_entity keywords name attributes and relations', "add_entity('Ticket', title='t', reverse_reported_by=1, concerns=2, reverse_bogus=3, titel='x')", 'Any',
    ['0:67-0:80 unknown-attribute', '0:84-0:89 unknown-attribute']],
  ['non-literal arguments are not checked', "t = 'Nope'\nadd_entity_type(t)\nadd_entity_type(f'{t}x')", 'Any', []],
  // still-in-schema and destructive-operation
  ['drop of a type still in schema', "drop_entity_type('Ticket')", 'Any', ['0:0-0:26 destructive-operation', '0:17-0:25 still-in-schema']],
  ['drop of a type gone from schema', "drop_entity_type('OldTicket')", 'Any', ['0:0-0:29 destructive-operation']],
  ['drop of an attribute still there', "drop_attribute('Person', 'age')\ndrop_attribute('Person', 'nickname')", 'Any',
    ['0:0-0:31 destructive-operation', '0:25-0:30 still-in-schema', '1:0-1:36 destructive-operation']],
  ['rename: old name must be gone, new one defined', "rename_attribute('Person', 'age', 'years')\nrename_entity_type('Client', 'Company')", 'Any',
    ['0:27-0:32 still-in-schema', '0:34-0:41 unknown-attribute']],
  ['rename_relation', "rename_relation('knows', 'befriends')", 'Any', ['0:16-0:23 still-in-schema', '0:25-0:36 unknown-relation-type']],
  ['drop_relation_definition still defined', "drop_relation_definition('Ticket', 'concerns', 'Person')\ndrop_relation_definition('Person', 'concerns', 'Ticket')", 'Any',
    ['0:0-0:56 destructive-operation', '0:35-0:45 still-in-schema', '1:0-1:56 destructive-operation']],
  ['sqlexec of DROP/DELETE/TRUNCATE', "sqlexec('DROP TABLE x')\nsqlexec('SELECT 1')\nsqlexec(sql='delete from x')\nsqlexec('''\n  TRUNCATE y''')", 'Any',
    ['0:0-0:23 destructive-operation', '0:0-0:23 schema-change-in-sql', '2:0-2:28 destructive-operation', '2:0-2:28 unrestricted-write', '3:0-4:16 destructive-operation']],
  ['rql DELETE', "rql('DELETE Person X WHERE X age > 100')", 'Any', ['0:0-0:40 destructive-operation']],
  // suppressions
  ['ignore on the line', "drop_entity_type('Ticket')  # erudi: ignore[still-in-schema, destructive-operation]", 'Any', []],
  ['ignore only what is named', "drop_entity_type('Ticket')  # erudi: ignore[destructive-operation]", 'Any', ['0:17-0:25 still-in-schema']],
  ['ignore on the last line of a call', "add_attribute(\n    'Person',\n    'agee')  # erudi: ignore[unknown-attribute]", 'Any', []],
  ['unknown code in a suppression', "checkpoint()  # erudi: ignore[destructive-operations, bogus]", 'Any', ['0:30-0:52 unknown-suppression', '0:54-0:59 unknown-suppression']],
];

test('script diagnostics', () => {
  for (const [label, source, mode, expected] of CASES) {
    assert.deepEqual(diagnose(source, mode).sort(), [...expected].sort(), label);
  }
});

test('without schema.py no schema-aware diagnostic is reported', () => {
  assert.deepEqual(diagnose("add_entity_type('Anything')\nadd_attribute('X', 'y')\ndrop_entity_type('Ticket')", 'Any', false), ['2:0-2:26 destructive-operation']);
});

test('messages say what is wrong and how to fix it', () => {
  const { context } = atCursor("add_attribute('Person', 'agee')\ncheckpoint(1, 2)\nadd_entity_type('person')");
  const messages = checkScript(context).map((d) => d.message);
  assert.ok(messages.some((m) => /schema\.py does not define attribute 'agee' of Person.*did you mean 'age'\?/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /checkpoint\(\) takes at most 1 positional argument \(ask_confirm\) but 2 were given; the signature is checkpoint\(ask_confirm: bool = True\) -> None/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /did you mean 'Person'\?/.test(m)), messages.join('\n'));
  const web = atCursor('checkpoint()', 'web');
  assert.match(checkScript(web.context)[0].message, /checkpoint is only available in 'Any' or 'repository' scripts .* this is a 'web' script; move this code to a script whose file name ends in _Any\.py/);
});

// source → the text the "did you mean" quick fix puts in place of the argument ('-' when none is offered)
const QUICK_FIXES: [string, string][] = [
  ["add_entity_type('Tiket')", "'Ticket'"],
  ['add_attribute(\'Person\', "agee")', '"age"'],
  ["add_relation_type(r'knowz')", "r'knows'"],
  ["add_entity('Person', nmae='x')", 'name'],
  ["add_entity_type('Zzzzzzzz')", '-'],
];

test('quick fix: replace a misspelt schema name with the one schema.py defines', async () => {
  const { replaceMisspeltNameAction } = await import('../../server/src/features/script/replace-misspelt-name-action');
  for (const [source, expected] of QUICK_FIXES) {
    const { context, text } = atCursor(source);
    const diagnostics = checkScript(context);
    const document = { path: '/app/migration/0.1.0_Any.py', text } as Parameters<typeof replaceMisspeltNameAction>[0];
    const actions = replaceMisspeltNameAction(document, { range: diagnostics[0].range, diagnostics, canRenameFiles: false });
    assert.equal(actions[0]?.edit.textEdits?.[0].newText ?? '-', expected, source);
  }
});
