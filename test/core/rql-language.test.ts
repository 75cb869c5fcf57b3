// checkRql and completeRql as tables: a query with a cursor marker '|' in, problems or completion labels out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRql, completeRql, type RqlSchema } from '../../server/src/core/rql';

// The framework's workflow types, always offered after `is` (runtime/erudi_migrate/rql/system_schema.json).
const SYSTEM = ['CWGroup', 'CWWorkflow', 'CWState', 'CWTransition'];

const schema: RqlSchema = {
  entityTypes: [
    { name: 'Person', attributes: ['name', 'age'], relations: ['knows', 'works_for'] },
    { name: 'Company', attributes: ['label'], relations: [] },
  ],
  relationObjects: { knows: ['Person'], works_for: ['Company'] },
};

const checks: [string, { offset: number; length: number }[]][] = [
  ['Any X WHERE X is Person', []],
  ['Any X WHER X is Person', [{ offset: 6, length: 4 }]],
  ['Any X WHERE X age >', [{ offset: 19, length: 0 }]],
  ['SET X name "a" WHERE X is', [{ offset: 25, length: 0 }]],
  ['DELETE X knows Y WHERE X name "ann"', []],
];
for (const [query, expected] of checks) {
  test(`checkRql ${JSON.stringify(query)}`, () => {
    assert.deepEqual(checkRql(query).map(({ offset, length }) => ({ offset, length })), expected);
  });
}

test('checkRql says what was expected', () => {
  const [problem] = checkRql('Any X WHERE X is');
  assert.deepEqual(problem.expected, ['ANY', 'ETYPE', 'VAR']);
  assert.match(problem.message, /an entity type \(Person\)/);
});

const completions: [string, string[]][] = [
  ['Any X WHERE X is |', ['Person', 'Company', 'Any', ...SYSTEM]],
  ['Any X WHERE X is Per|', ['Person', 'Company', 'Any', ...SYSTEM]],
  ['Any S WHERE S is CWState, S |', ['name', 'description', 'state_of', 'allowed_transition', 'IS']],
  ['Any X WHERE X is Person, X |', ['name', 'age', 'knows', 'works_for', 'IS']],
  ['Any X WHERE X is Company, X la|', ['label', 'IS']],
  ['Any X WHERE Y is Company, X |', ['name', 'age', 'knows', 'works_for', 'label', 'IS']],
  ['Any X WHERE X label "a", X |', ['label', 'IS']],
  ['Any X WHERE X |, X label "a"', ['label', 'IS']],
  ['Any X WHERE X knows Y, X |', ['name', 'age', 'knows', 'works_for', 'IS']],
  ['Any X WHERE X works_for C, C |', ['label', 'IS']],
  ['Any X WHERE X knows Y, Y |', ['name', 'age', 'knows', 'works_for', 'IS']],
  ['INSERT Person X: X |', ['name', 'age', 'knows', 'works_for']],
  ['Any X |', ['GROUPBY', 'LIMIT', 'OFFSET', 'ORDERBY', 'WHERE']],
  ['|', ['DELETE', 'DISTINCT', 'INSERT', 'SET', 'Any']],
  ['Any X WHERE X knows |', ['X', 'IN', 'LIKE', 'NULL', 'TRUE', 'FALSE']],
];
for (const [marked, expected] of completions) {
  test(`completeRql ${JSON.stringify(marked)}`, () => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    assert.deepEqual(completeRql(text, offset, schema).map((c) => c.label).sort(), [...expected].sort());
  });
}
