// The schema-read recorder: a cached result holds exactly while every fact it read is the same in a new schema.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { limitPathTable, mayRelocate, pathTableSize, readsHold, recordSchemaReads, registerSchemaDerived, schemaDerived } from '../../server/src/core/recorded-reads';

interface Model {
  types: Map<string, { name: string; line: number; attributes: Map<string, string> }>;
  definitions: Array<{ rtype: string; subject: string }>;
  finals: Set<string>;
}

function model(edit: (m: Model) => void = () => {}): Model {
  const m: Model = {
    types: new Map([
      ['Person', { name: 'Person', line: 3, attributes: new Map([['name', 'String']]) }],
      ['Project', { name: 'Project', line: 9, attributes: new Map([['title', 'String']]) }],
    ]),
    definitions: [{ rtype: 'works_on', subject: 'Person' }, { rtype: 'manages', subject: 'Person' }, { rtype: 'part_of', subject: 'Project' }],
    finals: new Set(['String', 'Int']),
  };
  edit(m);
  return m;
}

function reads(read: (m: Model) => unknown): ReturnType<ReturnType<typeof recordSchemaReads>['finish']> {
  const recording = recordSchemaReads(model());
  read(recording.view!);
  return recording.finish();
}

test('a lookup depends on the entry looked up, not on its neighbours or on what was not read', () => {
  const r = reads((m) => m.types.get('Person')?.attributes.has('name'));
  assert.ok(readsHold(r, model((m) => (m.types.get('Person')!.line = 40))), 'the line was not read');
  assert.ok(readsHold(r, model((m) => m.types.get('Project')!.attributes.set('x', 'Int'))));
  assert.ok(!readsHold(r, model((m) => m.types.get('Person')!.attributes.delete('name'))));
  assert.ok(!readsHold(r, model((m) => m.types.delete('Person'))));
});

test('iterating keys depends on the set of keys; a scan of an array on the fields it read', () => {
  const keys = reads((m) => [...m.types.keys()]);
  assert.ok(readsHold(keys, model((m) => (m.types.get('Person')!.line = 1))));
  assert.ok(!readsHold(keys, model((m) => m.types.set('Task', { name: 'Task', line: 1, attributes: new Map() }))));
  const scan = reads((m) => m.definitions.some((d) => d.rtype === 'manages' && d.subject === 'Person'));
  assert.ok(readsHold(scan, model((m) => (m.definitions[2].subject = 'Task'))), 'element 2 was never reached');
  assert.ok(!readsHold(scan, model((m) => (m.definitions[1].subject = 'Task'))));
  assert.ok(!readsHold(scan, model((m) => (m.definitions[0].rtype = 'manages'))));
});

test('sets and no schema at all are recorded too', () => {
  const r = reads((m) => m.finals.has('Int'));
  assert.ok(readsHold(r, model((m) => m.finals.add('Float'))));
  assert.ok(!readsHold(r, model((m) => m.finals.delete('Int'))));
  assert.ok(!readsHold(r, undefined));
  const none = recordSchemaReads<Model>(undefined).finish();
  assert.ok(readsHold(none, undefined));
  assert.ok(!readsHold(none, model()));
});

test('a structure derived from the schema is read as finely as the schema', () => {
  const bySubject = (m: object) => {
    const index = new Map<string, Model['definitions']>();
    for (const d of (m as Model).definitions) index.set(d.subject, [...(index.get(d.subject) ?? []), d]);
    return index;
  };
  registerSchemaDerived('test-by-subject', bySubject);
  const r = reads((m) => schemaDerived(m, 'test-by-subject', bySubject).get('Project')?.length);
  assert.ok(readsHold(r, model((m) => m.definitions.push({ rtype: 'x', subject: 'Person' }))));
  assert.ok(!readsHold(r, model((m) => m.definitions.push({ rtype: 'x', subject: 'Project' }))));
});

test('two checks reading the same facts share one record, judged once per schema and right for each schema', () => {
  const schema = { types: new Map([['Ticket', { name: 'Ticket', line: 3 }], ['Project', { name: 'Project', line: 9 }]]) };
  const read = (s: typeof schema) => {
    const recording = recordSchemaReads(s);
    void recording.view!.types.get('Ticket')!.line;
    return recording.finish();
  };
  const first = read(schema);
  const second = read(schema);
  assert.equal(first, second, 'the same reads are one array');
  const other = (() => {
    const recording = recordSchemaReads(schema);
    void recording.view!.types.get('Project')!.line;
    return recording.finish();
  })();
  assert.notEqual(other, first);
  const moved = { types: new Map([['Ticket', { name: 'Ticket', line: 4 }], ['Project', { name: 'Project', line: 9 }]]) };
  assert.equal(readsHold(first, schema), true);
  assert.equal(readsHold(first, moved), false);
  assert.equal(readsHold(second, moved), false);
  assert.equal(readsHold(other, moved), true);
  // Judged again on another schema, and the verdict for the first one is not reused for it.
  assert.equal(readsHold(first, schema), true);
  assert.equal(readsHold(first, { types: new Map() }), false);
});

// Last in this file: the flag is for the whole process, as it is in the server.
test('a check reading an offset stops schemas from being moved in place (their start and end would then be facts)', () => {
  const schema = { entityTypes: new Map([['Ticket', { name: 'Ticket', location: { path: '/app/schema.py', start: 10, end: 16, line: 1, character: 6 } }]]) };
  const first = recordSchemaReads(schema);
  assert.equal(first.view!.entityTypes.get('Ticket')!.location.line, 1);
  assert.equal(mayRelocate(), true, 'a line is compared by the shape of the module');
  const second = recordSchemaReads(schema);
  assert.equal(second.view!.entityTypes.get('Ticket')!.location.start, 10);
  assert.equal(mayRelocate(), false);
});

test('the path table stays bounded however many names are read (each partial name typed is one), and reads from a forgotten table are checked again', () => {
  limitPathTable(500);
  try {
    const first = reads((m) => m.types.get('Person')?.attributes.get('name'));
    assert.ok(readsHold(first, model()));
    // Thousands of distinct names, as typing in an open script reads them.
    for (let i = 0; i < 5_000; i++) {
      reads((m) => m.types.get(`Pers${i}`));
      assert.ok(pathTableSize() <= 500, `${pathTableSize()} paths kept`);
    }
    // The first result's ids are from a table since forgotten: it no longer holds (its check runs again), whatever the schema.
    assert.ok(!readsHold(first, model()));
    // Read again now, it holds and still depends on what it read.
    const again = reads((m) => m.types.get('Person')?.attributes.get('name'));
    assert.ok(readsHold(again, model()));
    assert.ok(!readsHold(again, model((m) => m.types.get('Person')!.attributes.set('name', 'Int'))));
    // Reading nothing holds on any schema, from any table.
    assert.ok(readsHold(reads(() => 1), model((m) => m.types.clear())));
  } finally {
    limitPathTable(200_000);
  }
});
