// checkRql and completeRql as tables: a query with a cursor marker '|' in, problems or completion labels out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRql, completeRql, type RqlSchema } from '../../server/src/core/rql';

// The framework's workflow types, always offered where a type goes (runtime/erudi_migrate/rql/system_schema.json).
const SYSTEM = ['CWGroup', 'CWWorkflow', 'CWState', 'CWTransition'];
// What every entity has (CubicWeb's metadata).
const META = ['eid', 'creation_date', 'modification_date', 'cwuri', 'is', 'is_instance_of', 'identity', 'owned_by', 'created_by'];

const schema: RqlSchema = {
  entityTypes: [
    { name: 'Person', attributes: ['name', 'age'], relations: ['knows', 'works_for'] },
    { name: 'Company', attributes: ['label'], relations: [] },
  ],
  relationObjects: { knows: ['Person'], works_for: ['Company'] },
};

const checks: [string, { offset: number; length: number; code: string }[]][] = [
  ['Any X WHERE X is Person', []],
  ['Any X WHER X is Person', [{ offset: 6, length: 4, code: 'rql-syntax' }]],
  ['Any X WHERE X age >', [{ offset: 19, length: 0, code: 'rql-syntax' }]],
  ['SET X name "a" WHERE X is', [{ offset: 25, length: 0, code: 'rql-syntax' }]],
  ['DELETE X knows Y WHERE X name "ann"', []],
  ['Any X WHERE NOT EXISTS(X knows Y), X name ILIKE "a%"', []],
  [`Any X WHERE ${'('.repeat(306)}X name 1${')'.repeat(306)}`, [{ offset: 52, length: 1, code: 'too-deeply-nested' }]],
];
for (const [query, expected] of checks) {
  test(`checkRql ${JSON.stringify(query.slice(0, 60))}`, () => {
    assert.deepEqual(checkRql(query).map(({ offset, length, code }) => ({ offset, length, code })), expected);
  });
}

test('checkRql says what was expected', () => {
  const [problem] = checkRql('Any X WHERE X is');
  assert.ok(problem.expected.includes('ETYPE'));
  assert.match(problem.message, /Person/);
});

const completions: [string, string[]][] = [
  ['Any X WHERE X is |', ['Person', 'Company', 'Any', 'IN', ...SYSTEM]],
  ['Any X WHERE X is Per|', ['Person', 'Company', 'Any', 'IN', ...SYSTEM]],
  ['Any X WHERE X is_instance_of |', ['Person', 'Company', 'Any', 'IN', ...SYSTEM]],
  ['Any S WHERE S is CWState, S |', ['name', 'description', 'state_of', 'allowed_transition', ...META]],
  ['Any X WHERE X is Person, X |', ['name', 'age', 'knows', 'works_for', ...META]],
  ['Any X WHERE X is Company, X la|', ['label', ...META]],
  ['Any X WHERE Y is Company, X |', ['name', 'age', 'knows', 'works_for', 'label', ...META]],
  ['Any X WHERE X label "a", X |', ['label', ...META]],
  ['Any X WHERE X |, X label "a"', ['label', ...META]],
  ['Any X WHERE X knows Y, X |', ['name', 'age', 'knows', 'works_for', ...META]],
  ['Any X WHERE X works_for C, C |', ['label', ...META]],
  ['Any X WHERE X knows Y, Y |', ['name', 'age', 'knows', 'works_for', ...META]],
  ['Person P WHERE P |', ['name', 'age', 'knows', 'works_for', ...META]],
  ['Any X WHERE X? |', ['name', 'age', 'knows', 'works_for', 'label', ...META]],
  ['INSERT Person X: X |', ['name', 'age', 'knows', 'works_for', ...META]],
  ['Any X |', ['GROUPBY', 'HAVING', 'LIMIT', 'OFFSET', 'ORDERBY', 'WHERE', 'WITH']],
  ['|', ['DELETE', 'DISTINCT', 'INSERT', 'SET', 'Any', 'Person', 'Company', ...SYSTEM]],
  ['INSERT |', ['Person', 'Company', ...SYSTEM]],
  ['Any X WHERE X knows |', ['X', 'IN', 'LIKE', 'ILIKE', 'REGEXP', 'NULL', 'TRUE', 'FALSE', 'TODAY', 'NOW']],
  ['Any X WHERE X name N, |', ['X', 'N', 'EXISTS', 'NOT']],
  ['Any X WHERE NOT |', ['X', 'EXISTS']],
];
for (const [marked, expected] of completions) {
  test(`completeRql ${JSON.stringify(marked)}`, () => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    assert.deepEqual(completeRql(text, offset, schema).map((c) => c.label).sort(), [...expected].sort());
  });
}
