// Parsing a script for a check from the regions already known: after any edits, on real-looking scripts and on every
// fixture, the children, their nodes, the error flag and the whole tree equal a fresh parse's, and checks agree.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { generateRealisticApp } from '../../bench/realistic-app';
import { cleanRegions, commentsIn } from '../../server/src/core/python/clean-boundaries';
import { KnownRegions, parseReusingRegions } from '../../server/src/core/python/known-regions';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { checkScript, forgetStatementResults } from '../../server/src/features/script/check-script';
import { checkPythonSyntax } from '../../server/src/features/script/python-syntax';
import { checkUnknownNames } from '../../server/src/features/script/unknown-names';
import { scriptContext } from '../../server/src/features/script/script-context';
import { scriptCatalog } from '../../server/src/core/catalog/catalog';
import { BASE, describe, editedText, edits } from './python-edits';
import { fixtureSchema, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

const workspace = mkdtempSync(join(tmpdir(), 'known-regions-'));
after(() => rmSync(workspace, { recursive: true, force: true }));

/** Asserts that the version made from regions reads as a fresh parse of its text; says whether it took the short way. */
function assertSameAsFresh(text: string, known: KnownRegions): boolean {
  const reused = parseReusingRegions(parser, text, known);
  const short = !reused.wholeTreeParsed;
  const fresh = ParsedPython.parse(parser, text);
  try {
    assert.equal(reused.rootType, fresh.rootType);
    assert.equal(reused.hasError, fresh.hasError, JSON.stringify(text));
    // An error anywhere: only the whole text's parse is exact.
    if (fresh.hasError) assert.ok(!short, `a text with a syntax error took the short way: ${JSON.stringify(text)}`);
    assert.deepEqual(describe(reused.moduleChildren()), describe(fresh.moduleChildren()), JSON.stringify(text));
    assert.equal(reused.tree.rootNode.toString(), fresh.tree.rootNode.toString(), JSON.stringify(text));
  } finally {
    reused.dispose();
    fresh.dispose();
  }
  return short;
}

test('regions split at clean boundaries: strings, brackets, continuations, else and decorators are never split; comment tails are', () => {
  const regionsOf = (text: string) => cleanRegions(text)?.map((r) => `${r.code ? 'code' : 'comments'} ${JSON.stringify(text.slice(r.start, r.end))}`);
  assert.deepEqual(regionsOf("x = '''\nadd_attribute('A', 'b')\n'''\ny = 1\n"), ['code "x = \'\'\'\\nadd_attribute(\'A\', \'b\')\\n\'\'\'\\n"', 'code "y = 1\\n"']);
  assert.deepEqual(regionsOf('x = (1,\n2)\ny = 1 + \\\n2\nz = 3'), ['code "x = (1,\\n2)\\n"', 'code "y = 1 + \\\\\\n2\\n"', 'code "z = 3"']);
  assert.deepEqual(regionsOf('if a:\n    b()\nelse:\n    c()\n@d\ndef f():\n    pass\n'), ['code "if a:\\n    b()\\nelse:\\n    c()\\n"', 'code "@d\\ndef f():\\n    pass\\n"']);
  // A comment at column 0 after a statement is the module's; an indented one may be the block's: it stays with the code.
  assert.deepEqual(regionsOf('# head\n\nfor a in b:\n    c()\n\n# tail\n    # more\nd()\n'), ['comments "# head\\n\\n"', 'code "for a in b:\\n    c()\\n"', 'comments "# tail\\n    # more\\n"', 'code "d()\\n"']);
  assert.deepEqual(regionsOf('for a in b:\n    c()\n    # inside\n# after\nd()\n'), ['code "for a in b:\\n    c()\\n    # inside\\n# after\\n"', 'code "d()\\n"']);
  // Comments followed by indented code are inside the block above.
  assert.deepEqual(regionsOf('for a in b:\n    c()\n# c\n    d()\ne()\n'), ['code "for a in b:\\n    c()\\n# c\\n    d()\\n"', 'code "e()\\n"']);
  // Only a parser can judge these: the whole text is parsed.
  assert.equal(cleanRegions("x = 'open\ny = 1\n"), undefined);
  assert.equal(cleanRegions('x = 1)\n'), undefined);
  assert.equal(cleanRegions('x = (1,\n'), undefined);
  assert.equal(cleanRegions('x = 1\n\\'), undefined);
  assert.equal(cleanRegions('def f():\n    a = 1\n\\\n    + 2\ng()\n')?.length, 2);
  const text = 'x = 1\n# a\r\n  # b\n';
  const comments = cleanRegions(text)!.filter((r) => !r.code);
  assert.deepEqual(comments.flatMap((r) => commentsIn(text, r)), [{ start: 6, end: 10 }, { start: 13, end: 16 }]);
});

test('after any edits, a script parsed from known regions reads as a fresh parse (children, nodes, errors, whole tree)', () => {
  // One table for all runs, as in a check: regions are learned from other texts.
  const known = new KnownRegions();
  let clean = 0;
  let short = 0;
  fc.assert(fc.property(edits, (list) => {
    const text = editedText(BASE, list);
    assertSameAsFresh(text, known);
    // The same text again: every region is known now, so an error-free text is not parsed whole.
    const again = assertSameAsFresh(text, known);
    const fresh = ParsedPython.parse(parser, text);
    if (!fresh.hasError) {
      clean++;
      if (again) short++;
    }
    fresh.dispose();
  }), { numRuns: 300 });
  // The test means something only if many texts took the short way.
  assert.ok(clean > 30 && short > clean * 0.9, `${short} of ${clean} error-free texts were parsed from regions`);
});

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return pythonFiles(path);
    return name.endsWith('.py') ? [path] : [];
  });
}

test('every Python file of the fixtures and examples, and a realistic application, read as fresh parses; scripts take the short way', () => {
  const root = join(__dirname, '..', '..');
  const known = new KnownRegions();
  for (const file of [...pythonFiles(join(root, 'test', 'fixtures')), ...pythonFiles(join(root, 'examples'))]) {
    const text = readFileSync(file, 'utf8');
    assertSameAsFresh(text, known);
    assertSameAsFresh(text, known);
  }
  const app = generateRealisticApp(workspace, 150, 3);
  let short = 0;
  for (const path of app.scripts) if (assertSameAsFresh(readFileSync(path, 'utf8'), known)) short++;
  // Every script without a syntax error is read from its regions (the generated mistakes include a few syntax errors).
  assert.ok(short > app.scripts.length * 0.9, `${short} of ${app.scripts.length} scripts were parsed from regions`);
});

test('script checks, python-syntax and unknown-name on a script parsed from regions equal those on a fresh parse', () => {
  const app = generateRealisticApp(join(workspace, 'checks'), 60, 11);
  const known = new KnownRegions();
  for (const path of app.scripts) {
    const text = readFileSync(path, 'utf8');
    const reused = parseReusingRegions(parser, text, known);
    const got = [checkScript(scriptContext(reused, 'Any', fixtureSchema, '/app/schema.py')), checkPythonSyntax(reused), checkUnknownNames(reused, scriptCatalog)];
    forgetStatementResults();
    const fresh = ParsedPython.parse(parser, text);
    const expected = [checkScript(scriptContext(fresh, 'Any', fixtureSchema, '/app/schema.py')), checkPythonSyntax(fresh), checkUnknownNames(fresh, scriptCatalog)];
    assert.deepEqual(got, expected, path);
    reused.dispose();
    fresh.dispose();
  }
});
