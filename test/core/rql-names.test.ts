// rql-unknown-name in scripts as a marker table: «name» marks each flagged span of the script; the message must match.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { checkScript } from '../../server/src/features/script/check-script';
import { scriptContext } from '../../server/src/features/script/script-context';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { parseModelVersion } from '../../server/src/core/model-version';
import { replaceMisspeltNameAction } from '../../server/src/features/script/replace-misspelt-name-action';
import { atCursor, fixtureSchema, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

/** The script without its «» marks, and the [start, end) of each marked span. */
function unmark(marked: string): { text: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  let text = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === '«') open = text.length;
    else if (ch === '»') spans.push([open, text.length]);
    else text += ch;
  }
  return { text, spans };
}

function flagged(text: string, context = atCursor(text).context): { span: [number, number]; message: string }[] {
  return checkScript(context).filter((d) => d.code === 'rql-unknown-name').map((d) => ({
    span: [context.script.lines.offsetAt(d.range.start), context.script.lines.offsetAt(d.range.end)] as [number, number],
    message: d.message,
  }));
}

// script with «flagged» names, words each message must contain (in order of the marks)
const CASES: [string, RegExp[]][] = [
  ["rql('Any X WHERE X is Ticket, X title T')", []],
  ["rql('SET X «titel» \"a\" WHERE X is Ticket')", [/relation or attribute 'titel'.*did you mean 'title'\?/]],
  ["rql('Any X WHERE X is «Tiket»')", [/entity type 'Tiket'.*did you mean 'Ticket'\?/]],
  ["rql('«Persn» P WHERE P name \"a\"')", [/entity type 'Persn'.*did you mean 'Person'/]],
  ["rql('INSERT «Compagny» C: C name \"a\"')", [/entity type 'Compagny'/]],
  ["rql('Any X WHERE X is IN (Person, «Compani»)')", [/did you mean 'Company'/]],
  ["rql('Any X WHERE X is_instance_of «Persom»')", [/did you mean 'Person'/]],
  ["rql('Any X WHERE X is Company, X «works_for» C')", [/'works_for' does not start from Company/]],
  ["rql('Any X WHERE X is Ticket, X title T, Y is Person, X concerns Y')", []],
  ["rql('Any X WHERE X is Company, X «badge» B')", [/Company has no attribute 'badge'/]],
  ["rql('Any X WHERE X is Employee, X badge B, X works_for C, C is Company')", []],
  ["rql('Any X, «Y» WHERE X is Person')", [/Y is restricted by nothing/]],
  ["rql('SET «X» name \"a\"')", [/X is restricted by nothing.*changes every entity/]],
  ["rql('Any X WHERE X creation_date D, X owned_by U, U eid 1, X in_state S, X is Ticket')", []],
  ["cnx.execute('Any X WHERE X «nme» \"a\"')", [/did you mean 'name'/]],
  ["session.execute('Any X WHERE X is «Tickt»')", [/did you mean 'Ticket'/]],
  ["rqliter('Any X WHERE X is «Tickt»')", [/did you mean 'Ticket'/]],
  ["rql('Any X WHERE X is OldType')\ndrop_entity_type('OldType')", []],
  ["rql('Any X WHERE X is Tiquet')\nrename_entity_type('Tiquet', 'Ticket')", []],
  ["rql('Any X WHERE X old_attr V, X is Ticket')\ndrop_attribute('Ticket', 'old_attr')", []],
  ["rql('Any X WHERE X is')", []],
];

for (const [marked, messages] of CASES) {
  test(`rql-unknown-name ${JSON.stringify(marked)}`, () => {
    const { text, spans } = unmark(marked);
    const found = flagged(text);
    assert.deepEqual(found.map((f) => f.span), spans, found.map((f) => f.message).join(' | '));
    found.forEach((f, i) => assert.match(f.message, messages[i]));
  });
}

test('rql-unknown-name: a name a later script drops is no problem; an older script is told only of likely typos', () => {
  const text = "rql('Any X WHERE X is Legacy, X is Tiket')";
  const script = ParsedPython.parse(parser, text);
  const history = { version: parseModelVersion('0.1.0')!, numversion: parseModelVersion('0.3.0')!, removedBy: (name: string) => (name === 'Legacy' ? '0.2.0_drop_Any.py' : undefined) };
  const context = scriptContext(script, 'Any', fixtureSchema, undefined, undefined, { describe: () => 'schema.py', missingCubes: [], history });
  const found = flagged(text, context);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /'Tiket' is not in the current schema; this script \(0\.1\.0\) is older than numversion 0\.3\.0.*did you mean 'Ticket'/);
  const missingCube = scriptContext(script, 'Any', fixtureSchema, undefined, undefined, { describe: () => 'schema.py', missingCubes: ['tracker'] });
  assert.deepEqual(flagged(text, missingCube), []);
});

test('rql-unknown-name: the quick fix replaces the name inside the string', () => {
  const text = "rql('Any X WHERE X is Tiket')";
  const { context } = atCursor(text);
  const diagnostics = checkScript(context).filter((d) => d.code === 'rql-unknown-name');
  const [action] = replaceMisspeltNameAction({ path: '/app/migration/0.1.0_a_Any.py', text } as never, { diagnostics } as never);
  const [edit] = action.edit.textEdits ?? [];
  assert.equal(edit.newText, 'Ticket');
  const { start, end } = edit.range;
  assert.equal(text.slice(0, start.character) + 'Ticket' + text.slice(end.character), "rql('Any X WHERE X is Ticket')");
});

// Completion inside the query strings of a script, at the `|` cursor: labels that must be offered / must not be.
const COMPLETIONS: [string, string[], string[]][] = [
  ["rql('Any X WHERE X is |')", ['Person', 'Ticket', 'Company', 'Any', 'IN'], ['name', 'WHERE']],
  ["rql('Any X WHERE X is Ticket, X |')", ['title', 'done', 'concerns', 'creation_date', 'owned_by', 'is', 'eid'], ['badge', 'Person']],
  ["rql('Any X WHERE X is Employee, X b|')", ['badge', 'works_for', 'name'], ['title']],
  ["rql('Any X |')", ['WHERE', 'ORDERBY', 'GROUPBY', 'LIMIT', 'WITH', 'HAVING'], ['Person']],
  ["rql('|')", ['Any', 'DISTINCT', 'INSERT', 'SET', 'DELETE', 'Person'], ['WHERE']],
  ["rql('Any X WHERE X is Person, |')", ['X', 'EXISTS', 'NOT'], ['Person']],
  ["cnx.execute('Any X WHERE X is Ticket, X |')", ['title', 'done', 'created_by'], ['badge']],
  ["session.execute('Any X WHERE X is |')", ['Ticket', 'Person'], []],
  ["rqliter('SET X |')", ['name', 'title', 'modification_date'], []],
];

test('completion inside rql(), rqliter(), cnx.execute() and session.execute() strings follows the grammar and the schema', async () => {
  const { completeScript } = await import('../../server/src/features/script/completion');
  for (const [source, present, absent] of COMPLETIONS) {
    const { context, offset } = atCursor(source);
    const offered = completeScript(context, offset).map((c) => c.label);
    for (const label of present) assert.ok(offered.includes(label), `${source} should offer ${label}; offered ${offered.join(', ')}`);
    for (const label of absent) assert.ok(!offered.includes(label), `${source} should not offer ${label}`);
  }
});
