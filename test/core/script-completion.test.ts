// Completion, signature help, hover and go to definition at a `|` cursor, as tables of cases.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Mode } from '../../server/src/core/mode';
import { completeScript } from '../../server/src/features/script/completion';
import { definitionAt } from '../../server/src/features/script/definition';
import { hoverAt } from '../../server/src/features/script/hover';
import { signatureHelpAt } from '../../server/src/features/script/signature-help';
import { atCursor, prepareScriptTests } from './script-support';

before(prepareScriptTests);

function labels(source: string, mode: Mode = 'Any'): string[] {
  const { context, offset } = atCursor(source, mode);
  return completeScript(context, offset).map((c) => c.label);
}

// source → labels that must be offered / must not be offered
const COMPLETIONS: [string, Mode, string[], string[]][] = [
  ['add_at|', 'Any', ['add_attribute', 'add_entity_type', 'checkpoint', 'config', 'migrate-data'], []],
  ['add_at|', 'web', ['config', 'confirm', 'option_added', 'option-renamed'], ['add_attribute', 'checkpoint', 'sqlcursor', 'migrate-data', 'drop-attribute-confirmed']],
  ['x = |', 'common', ['interactive_mode', 'templversion'], ['repo', 'rql', 'migrate-data']],
  ["add_attribute('Per|", 'Any', ['Person', 'Employee', 'Company', 'Ticket'], ['add_attribute', 'age']],
  ["add_attribute('Person', '|", 'Any', ['name', 'age', 'email'], ['badge', 'title', 'Person']],
  ["add_attribute('Employee', 'b|')", 'Any', ['badge', 'name', 'age', 'email'], ['title']],
  ["add_attribute(attrname='|', etype='Ticket')", 'Any', ['name', 'title'], []],
  ["set_widget('Ticket', '|", 'Any', ['title', 'done', 'created'], ['name']],
  ["add_relation_type('|", 'Any', ['knows', 'works_for', 'concerns', 'reported_by'], ['name', 'age', 'Person']],
  ["change_relation_props('Employee', '|", 'Any', ['works_for', 'knows', 'badge'], ['concerns']],
  ["synchronize_permissions('|", 'Any', ['Person', 'knows'], []],
  ["drop_entity_type('|", 'Any', [], ['Person']],
  ["add_attribute('Person', |", 'Any', ['attrname=', 'commit=', 'config'], ['etype=']],
  ["rql('Any X WHERE X is P|", 'Any', ['Person'], []],
  ['# add_at|', 'Any', [], ['add_attribute']],
  ["x = 'add_at|'", 'Any', [], ['add_attribute']],
  ['repo.add_at|', 'Any', [], ['add_attribute']],
  ['cnx.|', 'Any', ['execute', 'system_sql', 'create_entity', 'find', 'entity_from_eid', 'commit', 'rollback'], ['add_attribute']],
  ['session.ex|', 'Any', ['execute'], ['add_attribute']],
  ['cnx = 1\ncnx.|', 'Any', [], ['execute']],
  ['x.cnx.|', 'Any', [], ['execute']],
  ['cnx.|', 'web', [], ['execute']],
  ['if True:\n    drop|', 'Any', ['drop_attribute', 'drop-attribute-confirmed'], []],
  ['foo(|', 'Any', ['add_attribute'], ['migrate-data']],
  ["add_entity('Employee', |", 'Any', ['badge=', 'name=', 'works_for=', 'knows='], ['title=', 'etype=']],
  ["add_entity('Employee', name='x', |", 'Any', ['badge='], ['name=']],
];

test('completion offers what the cursor position allows', () => {
  for (const [source, mode, present, absent] of COMPLETIONS) {
    const offered = labels(source, mode);
    for (const label of present) assert.ok(offered.includes(label), `${JSON.stringify(source)} (${mode}) should offer ${label}; offered ${offered.join(', ')}`);
    for (const label of absent) assert.ok(!offered.includes(label), `${JSON.stringify(source)} (${mode}) should not offer ${label}`);
  }
});

test('completion inserts calls with placeholders and replaces the string content', () => {
  const { context, offset } = atCursor('add_at|');
  const item = completeScript(context, offset).find((c) => c.label === 'add_attribute')!;
  assert.equal(item.insertText, "add_attribute('${1:etype}', '${2:attrname}')$0");
  assert.ok(item.isSnippet);
  assert.deepEqual([item.replaceStart, item.replaceEnd], [0, 6]);
  assert.match(item.documentation!, /Adds an attribute/);
  const noRequired = completeScript(atCursor('synch|').context, 5).find((c) => c.label === 'synchronize_schema')!;
  assert.equal(noRequired.insertText, 'synchronize_schema()$0');
  const beforeParen = atCursor('add_at|()');
  assert.equal(completeScript(beforeParen.context, beforeParen.offset).find((c) => c.label === 'add_attribute')!.insertText, 'add_attribute');

  const closed = atCursor("add_attribute('Pe|rs')");
  const person = completeScript(closed.context, closed.offset).find((c) => c.label === 'Person')!;
  assert.deepEqual([person.replaceStart, person.replaceEnd], [15, 19]);
  assert.match(person.documentation!, /^Attributes: `name` \(String\), `age` \(Int\), `email` \(String\)\n\nRelations: `knows` \(→ Person\)$/);
  const open = atCursor("add_attribute('Pe|");
  const person2 = completeScript(open.context, open.offset).find((c) => c.label === 'Person')!;
  assert.deepEqual([person2.replaceStart, person2.replaceEnd], [15, 17]);
});

// file text → the call completion inserts for add_attribute: the file's own quote, `'` by default or on a tie.
const QUOTE_STYLES: [string, string][] = [
  ['add_at|', "add_attribute('${1:etype}', '${2:attrname}')$0"],
  ['add_entity_type("Tag")\nrename_attribute("Tag", "a", "b")\nadd_at|', 'add_attribute("${1:etype}", "${2:attrname}")$0'],
  ["sql('x')\nadd_entity_type(\"Tag\")\nadd_at|", "add_attribute('${1:etype}', '${2:attrname}')$0"],
  ['"""A docstring, whatever the style."""\nadd_entity_type(\'Tag\')\nadd_at|', "add_attribute('${1:etype}', '${2:attrname}')$0"],
  ["x = \"don't count apostrophes\"\nadd_at|", 'add_attribute("${1:etype}", "${2:attrname}")$0'],
];

test('completion quotes names with the quote the file writes its strings with', () => {
  for (const [source, expected] of QUOTE_STYLES) {
    const { context, offset } = atCursor(source);
    const item = completeScript(context, offset).find((c) => c.label === 'add_attribute')!;
    assert.equal(item.insertText, expected, JSON.stringify(source));
  }
  const { context, offset } = atCursor('add_entity_type("Tag")\n|');
  const snippet = completeScript(context, offset).find((c) => c.kind === 'snippet' && c.insertText.includes('"'));
  assert.ok(snippet, 'snippets follow the double quotes of the file');
  assert.ok(!/'[^'\n]*'/.test(snippet.insertText.replace(/"[^"\n]*"/g, '')), snippet.insertText);
});

// source → signature label start, active parameter name ('-' for none)
const SIGNATURES: [string, string, string][] = [
  ['add_attribute(|', 'add_attribute(etype: str', 'etype'],
  ["add_attribute('Person', |", 'add_attribute(', 'attrname'],
  ["add_attribute('Person', 'age', None, |", 'add_attribute(', 'commit'],
  ["add_attribute('Person', commit=|", 'add_attribute(', 'commit'],
  ["add_attribute('Person', bogus=|", 'add_attribute(', '-'],
  ["add_entity('Person', 1, 2, |", 'add_entity(', 'args'],
  ["add_entity('Person', name=|", 'add_entity(', 'kwargs'],
  ["add_transition('t', 'E', ['a', |", 'add_transition(', 'fromstates'],
  ["rql('Any X',\n    {'x': 1},\n    |", 'rql(', 'cachekey'],
  ["cnx.execute('Any X', |", 'execute(rql: str, args: dict[str, Any] | None = None, build_descr: bool = True) -> ResultSet', 'args'],
  ["session.create_entity('Person', name=|", 'create_entity(etype: str, **kwargs: Any) -> Entity', 'kwargs'],
  ['confirm(|', "confirm(question: str, shell: bool = True, abort: bool = True, retry: bool = False, pdb: bool = False, default: str = 'y', traceback: str | None = None) -> bool | int", 'question'],
  ["add_attribute('Person', 'age', ask_confirm=|", 'add_attribute(', 'ask_confirm'],
  ["create_entity('Person', ask_confirm=False, name=|", 'create_entity(', 'kwargs'],
];

test('signature help with the active parameter', () => {
  for (const [source, label, active] of SIGNATURES) {
    const { context, offset } = atCursor(source);
    const help = signatureHelpAt(context, offset);
    assert.ok(help && help.label.startsWith(label), `${source}: ${help?.label}`);
    const parameter = help.activeParameter === undefined ? '-' : help.label.slice(...help.parameters[help.activeParameter].label).replace(/^\**/, '').split(':')[0];
    assert.equal(parameter, active, source);
  }
  const drop = atCursor("drop_attribute('Person', |");
  assert.deepEqual(signatureHelpAt(drop.context, drop.offset)?.parameters.map((p) => p.documentation),
    ['Names an entity type that schema.py defines.', 'Names an attribute of `etype` that schema.py no longer defines.', undefined, undefined]);
  for (const source of ['foo(|', 'x = 1|', 'obj.add_attribute(|', "def add_attribute(): pass\nadd_attribute(|"]) {
    const { context, offset } = atCursor(source);
    assert.equal(signatureHelpAt(context, offset), undefined, source);
  }
});

// source → text the hover must contain ('' for no hover)
const HOVERS: [string, Mode, RegExp | null][] = [
  ['drop_entity_t|ype("X")', 'Any', /drop_entity_type\(etype: str, commit: bool = True, \*, ask_confirm: bool = True\) -> None[\s\S]*Deletes an entity type[\s\S]*Follows CubicWeb 3\.28[\s\S]*`Any`, `repository`[\s\S]*Destroys data/],
  ["cnx.sys|tem_sql('SELECT 1')", 'Any', /system_sql\(sql: str[\s\S]*Runs raw SQL/],
  ['option_group_chan|ged("o", "a", "b")', 'Any', /CubicWeb 3\.28 \(`option_group_changed`\); the Erudi guide spells it `option_group_change`: both work/],
  ['checkpo|int()', 'Any', /Erudi guide name; CubicWeb 3\.28 spells it `commit\(ask_confirm=True\)`: both work/],
  ["sq|l('DROP TABLE x')", 'Any', /sql\(sql: str[\s\S]*the Erudi guide spells it `sqlexec`[\s\S]*Destroys data\*\* when `sql` matches/],
  ['check|point()', 'web', /checkpoint[\s\S]*Not available in this `web` script/],
  ['x = confi|g', 'Any', /config: InstanceConfig[\s\S]*`web`, `common`/],
  ["sqlexe|c('x')", 'Any', /Destroys data\*\* when `sql` matches/],
  ['add_attribute|', 'Any', /add_attribute\(etype: str/],
  ["add_attribute('Per|son', 'age')", 'Any', /`Person`: entity type, defined in schema.py line 6/],
  ["add_entity('Person', na|me='x')", 'Any', /`name`: attribute of Person, defined in schema.py line 7/],
  ['foo|()', 'Any', null],
  ['obj.checkpo|int()', 'Any', null],
];

test('hover on catalog names and schema names', () => {
  for (const [source, mode, expected] of HOVERS) {
    const { context, offset } = atCursor(source, mode);
    const hover = hoverAt(context, offset);
    if (expected === null) assert.equal(hover, undefined, source);
    else assert.match(hover?.markdown ?? '', expected, source);
  }
});

// source → "line:character" of each definition in schema.py (0-based)
const DEFINITIONS: [string, string[]][] = [
  ["add_entity_type('Tic|ket')", ['24:6']],
  ["add_attribute('Person', 'ag|e')", ['7:4']],
  ["add_attribute('Employee', 'ag|e')", ['7:4']],
  ["add_attribute('Employee', 'bad|ge')", ['13:4']],
  ["add_relation_type('know|s')", ['9:4', '36:6']],
  ["add_relation_type('conc|erns')", ['31:6']],
  ["change_relation_props('Employee', 'works|_for', 'Company')", ['14:4']],
  ["add_entity_type('Nothi|ng')", []],
  ["option_added('Per|son')", []],
  ["add_entity_type('Tic|", []],
  ["add_entity('Employee', bad|ge=1)", ['13:4']],
  ["add_entity('Ticket', conc|erns=1)", ['31:6']],
  ["add_entity('Ticket', reverse_rep|orted_by=1)", ['28:4']],
  ["add_entity('Ticket', etyp|e='x')", []],
  ["rql('Any X', kwar|gs={})", []],
];

test('go to definition in schema.py', () => {
  for (const [source, expected] of DEFINITIONS) {
    const { context, offset } = atCursor(source);
    const found = definitionAt(context, offset).map((d) => `${d.location.line}:${d.location.character}`);
    assert.deepEqual(found.sort(), [...expected].sort(), source);
  }
});

test('every snippet, with its placeholders filled, passes the script checks (drops are guarded by confirm(), so only still-in-schema remains)', async () => {
  const { SCRIPT_SNIPPETS } = await import('../../server/src/features/script/snippets');
  const { checkScript } = await import('../../server/src/features/script/check-script');
  for (const snippet of SCRIPT_SNIPPETS) {
    // Placeholders get names that exist in the fixture schema, as a user would type them.
    const filled = snippet.body
      .replace(/\$\{\d+:(Etype|OldName)\}/g, 'Ticket').replace(/\$\{\d+:NewName\}/g, 'Company')
      .replace(/\$\{\d+:(attribute|old_attribute|new_attribute)\}/g, 'title').replace(/\$\{\d+:oldname\}/g, 'headline').replace(/\$\{\d+:newname\}/g, 'title')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
    const { context } = atCursor(filled);
    const codes = checkScript(context).map((d) => d.code);
    // Snippets guard drops with `if confirm(...)`, which silences destructive-operation; schema.py still holds the name.
    const drops = /drop_/.test(filled);
    if (drops) assert.match(filled, /^if confirm\(/m, `${snippet.name}: a drop snippet asks first`);
    const expected = drops || /rename_entity_type/.test(filled) ? ['still-in-schema'] : [];
    assert.deepEqual(codes.sort(), expected, `${snippet.name}:\n${filled}`);
  }
});
