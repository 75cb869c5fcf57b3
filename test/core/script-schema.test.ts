// Reading schema.py statically: entity types, attributes (own and inherited), relation types and definitions, with lines.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { definesRelation } from '../../server/src/core/schema/application-schema';
import { readSchema } from '../../server/src/core/schema/read-schema';
import { fixtureSchema, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

test('entity types with their line (0-based) and attributes, inherited ones included', () => {
  const rows: [string, number, string[]][] = [
    ['Person', 5, ['name', 'age', 'email']],
    ['Employee', 12, ['badge', 'name', 'age', 'email']],
    ['Company', 17, ['name', 'description', 'description_format', 'employees_count']],
    ['Ticket', 24, ['title', 'done', 'created']],
  ];
  assert.deepEqual([...fixtureSchema.entityTypes.keys()], rows.map((r) => r[0]));
  for (const [name, line, attributes] of rows) {
    const entity = fixtureSchema.entityTypes.get(name)!;
    assert.equal(entity.location.line, line, name);
    assert.equal(entity.location.character, 6, name);
    assert.deepEqual([...entity.attributes.keys()], attributes, name);
  }
  assert.equal(fixtureSchema.entityTypes.get('Person')!.attributes.get('age')!.type, 'Int');
  assert.equal(fixtureSchema.entityTypes.get('Person')!.attributes.get('age')!.location.line, 7);
});

test('relation types: non-final from relations and classes, final from attributes', () => {
  const rows: [string, boolean][] = [['knows', false], ['works_for', false], ['subsidiaries', false], ['reported_by', false], ['concerns', false], ['name', true], ['age', true]];
  for (const [name, final] of rows) assert.equal(fixtureSchema.relationTypes.get(name)?.final, final, name);
  assert.equal(fixtureSchema.relationTypes.get('knows')!.locations.length, 2, 'class knows(RelationType) and Person.knows');
});

test('relation definitions from SubjectRelation, ObjectRelation and RelationDefinition', () => {
  const rows: [string, string, string, boolean][] = [
    ['Person', 'knows', 'Person', true],
    ['Employee', 'knows', 'Person', true],
    ['Employee', 'works_for', 'Company', true],
    ['Person', 'works_for', 'Company', false],
    ['Company', 'subsidiaries', 'Company', true],
    ['Person', 'reported_by', 'Ticket', true],
    ['Ticket', 'reported_by', 'Person', false],
    ['Ticket', 'concerns', 'Company', true],
    ['Ticket', 'concerns', 'Person', true],
    ['Ticket', 'concerns', 'Ticket', false],
  ];
  for (const [subject, rtype, object, expected] of rows) assert.equal(definesRelation(fixtureSchema, subject, rtype, object), expected, `${subject} ${rtype} ${object}`);
});

test('half-written and unusual schema.py still reads (never throws, never executes)', () => {
  const rows: [string, string[], string[]][] = [
    ['class A(EntityType):\n    x = String(\n', ['A'], []],
    ['import os\nos.system("rm -rf /")\nclass B(yams.buildobjs.EntityType):\n    y = buildobjs.Int()\n', ['B'], ['y']],
    ['class C(EntityType):\n    pass\nclass C(EntityType):\n    z = Int()\n', ['C'], ['z']],
    ['if True:\n    class D(EntityType):\n        w = Float()\n', ['D'], ['w']],
    ['class NotAType(object):\n    v = String()\n', [], []],
  ];
  for (const [source, types, attributes] of rows) {
    const schema = readSchema(parser, source);
    assert.deepEqual([...schema.entityTypes.keys()], types, source);
    assert.deepEqual([...schema.entityTypes.values()].flatMap((e) => [...e.attributes.keys()]), attributes, source);
  }
  assert.match(readSchema(parser, rows[2][0]).problems[0].message, /class C is defined twice in schema.py \(first on line 1\)/);
});

test('a 10,000-class inheritance chain reads without overflowing the stack (inheritance resolved iteratively)', () => {
  const classes = ['from yams.buildobjs import EntityType, String, SubjectRelation', 'class C0(EntityType):', '    name = String()', "    knows = SubjectRelation('C0')"];
  for (let i = 1; i < 10_000; i++) classes.push(`class C${i}(C${i - 1}):`, i % 2 ? '    pass' : `    a${i} = String()`);
  const schema = readSchema(parser, classes.join('\n') + '\n');
  assert.equal(schema.entityTypes.size, 10_000);
  const last = schema.entityTypes.get('C9999')!;
  assert.equal(last.attributes.get('name')?.type, 'String');
  assert.equal(last.attributes.get('a2')?.type, 'String');
  assert.ok(definesRelation(schema, 'C9999', 'knows', 'C0'));
  assert.deepEqual(schema.problems, []);
});
