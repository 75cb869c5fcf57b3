// Inputs that used to freeze or crash the server (issue 16 point 2) give the right answer: suggestions stay the
// closest name, suppression comments repeated on one line are all read, 5,000 nested calls still get signature help.
// The timings of these families at N and 2N are printed by `npm run bench` (bench/pathological-bench.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { closestName, editDistance, MAX_EXAMINED } from '../../server/src/core/closest-name';
import { scanSuppressions } from '../../server/src/features/script/suppressions';
import { signatureHelpAt } from '../../server/src/features/script/signature-help';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { checkScript } from '../../server/src/features/script/check-script';
import { checkPythonSyntax } from '../../server/src/features/script/python-syntax';
import { checkUnknownNames } from '../../server/src/features/script/unknown-names';
import { scriptCatalog } from '../../server/src/core/catalog/catalog';
import { atCursor, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

test('closestName finds the nearest name, by case first, within a third of the letters', () => {
  const names = ['Person', 'Project', 'Company', 'Ticket', 'name', 'works_for'];
  const cases: Array<[string, string | undefined]> = [
    ['person', 'Person'],
    ['Persn', 'Person'],
    ['Perosn', 'Person'],
    ['Tiket', 'Ticket'],
    ['nmae', 'name'],
    ['works_fr', 'works_for'],
    ['Zebra', undefined],
    ['', undefined],
    ['P', undefined],
  ];
  for (const [name, expected] of cases) assert.equal(closestName(name, names), expected, name);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ab', 'ba'), 1);
});

test('closestName among 3,000 types: the same answers as comparing every candidate, for 20,000 misspellings', () => {
  const types = Array.from({ length: 3_000 }, (_, i) => `Type${i.toString(36)}Entity`);
  let checked = 0;
  for (let i = 0; i < 20_000; i++) {
    const target = types[(i * 7919) % types.length];
    const misspelt = `${target.slice(0, 3)}${target.slice(4)}`; // one letter dropped
    const found = closestName(misspelt, types);
    assert.ok(found !== undefined && editDistance(misspelt.toLowerCase(), found.toLowerCase()) <= 1, `${misspelt} -> ${found}`);
    checked++;
  }
  assert.equal(checked, 20_000);
  // Bounded: a name that matches nothing examines at most MAX_EXAMINED candidates and finds nothing.
  assert.equal(closestName('Qqqqqqqqqqqqqqqq', types), undefined);
  assert.ok(MAX_EXAMINED <= 1_000);
});

test('a line repeating "# erudi: ignore[" is read in one pass, every complete comment counted', () => {
  const line = '# erudi: ignore['.repeat(50_000);
  assert.equal(scanSuppressions(line).byLine.size, 0);
  const closed = `x = 1  ${'# erudi: ignore[wrong-arguments] '.repeat(3)}# erudi: ignore[unknown-name`;
  assert.deepEqual([...(scanSuppressions(closed).byLine.get(0) ?? [])], ['wrong-arguments']);
  const two = scanSuppressions('f()  # erudi: ignore[unknown-name, wrong-arguments] # erudi: ignore[destructive-operation]');
  assert.deepEqual([...two.byLine.get(0)!].sort(), ['destructive-operation', 'unknown-name', 'wrong-arguments']);
});

test('5,000 nested calls: signature help answers for the innermost call instead of overflowing', () => {
  const depth = 5_000;
  const { context, offset } = atCursor(`${'f('.repeat(depth)}add_entity_type(|${')'.repeat(depth + 1)}\n`);
  const help = signatureHelpAt(context, offset);
  assert.match(help?.label ?? '', /^add_entity_type\(etype/);
});

test('a script over 2 MB is never parsed, and closing a document gives its tree back', async () => {
  const { forgetScript, keptScriptCount, parsedScript, prepareScriptAnalysis } = await import('../../server/src/features/script/script-analysis');
  await prepareScriptAnalysis();
  const before = keptScriptCount();
  assert.equal(parsedScript('/memory/huge_Any.py', `x = 1\n${'#'.repeat(2 * 1024 * 1024)}`), undefined);
  assert.equal(keptScriptCount(), before);
  assert.ok(parsedScript('/memory/0.1.0_Any.py', "add_entity_type('Person')\n"));
  assert.equal(keptScriptCount(), before + 1);
  forgetScript('/memory/0.1.0_Any.py');
  assert.equal(keptScriptCount(), before);
});

test('20,000 nested calls and brackets: every check answers (no stack overflow), and python-syntax says what Python says', () => {
  const depth = 20_000;
  const source = `x = ${'add_attribute('.repeat(depth)}1${')'.repeat(depth)}\ny = ${'['.repeat(depth)}${']'.repeat(depth)}\nprint(nme)\n`;
  const script = ParsedPython.parse(parser, source);
  const { context } = atCursor(source);
  const wrong = checkScript(context).filter((d) => d.code === 'wrong-arguments');
  assert.equal(wrong.length, depth, 'every nested call is checked');
  assert.deepEqual(checkUnknownNames(script, scriptCatalog).map((d) => d.message.match(/'(\w+)' is not defined/)?.[1]), ['nme']);
  assert.deepEqual(checkPythonSyntax(script).map((d) => `${d.range.start.line}: ${d.message.split(':')[0]}`), ['0: too many nested parentheses', '1: too many nested parentheses']);
  script.dispose();
});
