// rql() strings in migration scripts: rql-syntax diagnostics positioned inside the string literal, as a table.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { checkScript } from '../../server/src/features/script/check-script';
import { atCursor, prepareScriptTests } from './script-support';

before(prepareScriptTests);

function rqlProblems(source: string): string[] {
  const { context } = atCursor(source, 'Any');
  return checkScript(context)
    .filter((d) => d.code === 'rql-syntax')
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
}

// script → "line:col-line:col message" of each rql-syntax diagnostic (0-based; the query starts after the quote)
const CASES: [string, string[]][] = [
  ["rql('Any X WHERE X is Person')", []],
  ["rql('Any X WHER X is Person')", ["0:11-0:15 expected an arithmetic operator (+, -, *, /, %), '(', ',', ';', the end of the query, 'GROUPBY', 'HAVING', 'LIMIT', 'OFFSET', 'ORDERBY', 'WHERE' or 'WITH', found 'WHER'"]],
  ['rows = rql("Any X WHERE X is")', ["0:28-0:28 expected a value (\"text\", 42, X, %(name)s, Person, NULL, TODAY, F(X), (1 + 2)), an operator (=, !=, <, <=, >, >=, ~=, LIKE, ILIKE, REGEXP) or 'IN', found the end of the query"]],
  ["x = 1\nrql(\n    'SET X age 3 WHERE X age > NULL OR',\n    {})", ['2:38-2:38 expected \'(\', \'EXISTS\', \'NOT\' or a variable (X, N1), found the end of the query']],
  ["rql('Any X WHERE X name ILIKE \"a%%\", NOT EXISTS(X knows Y)')", []],
  ["rql('CWUser U')", []],
  ["rql(query)", []],
  ["rql('Any X WHERE X name %(n)s', {'n': 1})", []],
  ["sqlexec('Any X WHER')", []],
];

test('rql-syntax diagnostics inside rql() strings', () => {
  for (const [source, expected] of CASES) assert.deepEqual(rqlProblems(source), expected, source);
});

test('rql-syntax is an error', () => {
  const { context } = atCursor("rql('Any X WHER')", 'Any');
  const [problem] = checkScript(context).filter((d) => d.code === 'rql-syntax');
  assert.equal(problem.severity, 'error');
});
