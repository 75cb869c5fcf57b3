// The table of real-world schema constructs (test/fixtures/schema-constructs/): the static reader gives expected.json on every row.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadPythonParser, type PythonParser } from '../../server/src/core/python/parser';
import { normalizeSchema } from '../../server/src/core/schema/normalize-schema';
import { readStandaloneSchema } from '../../server/src/core/schema/standalone-schema';

export const CONSTRUCTS = join(__dirname, '..', 'fixtures', 'schema-constructs');
export const CASES = readdirSync(CONSTRUCTS).filter((name) => existsSync(join(CONSTRUCTS, name, 'expected.json'))).sort();

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

test('the table has one case for each construct real schemas use', () => {
  for (const construct of [
    'final-types', 'richstring', 'make-type', 'cubicweb-imports', 'subject-object-relations', 'relation-definitions', 'relation-types',
    'add-relation', 'inheritance', 'specialization', 'abstract-classes', 'workflowable', 'computed', 'unique-together', 'permissions',
    'constraints', 'attribute-options', 'schema-package',
  ]) assert.ok(CASES.includes(construct), `missing case ${construct}`);
});

for (const name of CASES) {
  test(`static reader: ${name}`, () => {
    const schema = readStandaloneSchema(parser, join(CONSTRUCTS, name));
    assert.deepEqual(schema.problems.map((p) => p.message), [], 'a real-world construct is no schema problem');
    const expected = JSON.parse(readFileSync(join(CONSTRUCTS, name, 'expected.json'), 'utf8'));
    assert.deepEqual(normalizeSchema(schema), expected);
  });
}
