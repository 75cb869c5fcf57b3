// Re-parsing only the statements an edit touched: after any sequence of edits, the statements, their nodes and every script check equal a fresh parse's.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { ParsedPython, type ModuleChild } from '../../server/src/core/python/parsed-python';
import { outlinedChildren, outlineFits, outlineOf } from '../../server/src/core/python/module-outline';
import { checkScript, forgetStatementResults } from '../../server/src/features/script/check-script';
import { checkPythonSyntax } from '../../server/src/features/script/python-syntax';
import { checkUnknownNames } from '../../server/src/features/script/unknown-names';
import { scriptContext } from '../../server/src/features/script/script-context';
import { scriptCatalog } from '../../server/src/core/catalog/catalog';
import { fixtureSchema, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

// Shapes that make boundaries hard: blocks followed by comments at every indentation, decorators, continuation lines,
// strings over several lines, brackets over several lines, else/except clauses, semicolons, blank lines with spaces.
const BASE = [
  '# a migration script',
  "add_attribute('Person', 'age')",
  "for eid, title in rql('Any X, T WHERE X is Person, X title T'):",
  "    rql('SET X age 1 WHERE X eid %(x)s', {'x': eid})",
  '    # inside the loop',
  '# after the loop',
  "if confirm('drop?'):",
  "    drop_attribute('Person', 'email')",
  'else:',
  '    pass',
  '',
  '   ',
  '@decorator',
  'def helper(a, b=2):',
  '    """A docstring',
  '    over two lines."""',
  '    return a + \\',
  '        b',
  'x = (1,',
  '     2)',
  "sql('''UPDATE person",
  "SET age = 1''')",
  'try:',
  '    commit()',
  'except Exception:',
  '    rollback()',
  'a = 1; b = 2',
  "change_relation_props('Person', 'knows', 'Person', cardinality='?*')",
  'checkpoint()',
  '',
].join('\n');

// Whole lines inserted at a line start (most keep the script valid, so boundaries stay clean and the short way is taken)...
const LINES = ['# c\n', '    # c\n', '\n', '   \n', '\t\n', 'if x:\n    pass\n', 'x = 1\n', "add_attribute('Person', 'name')\n", '    pass\n',
  'else:\n    pass\n', '@d\n', 'def f():\n    return 1\n', 'y = (1,\n     2)\n', 'z = 1 + \\\n    2\n', "'''doc\nstring'''\n", 'x = 1 \\\n',
  'a = 1; b = 2\n', 'print 1\n', '\r\n', 'for a in b:\n    # c\n    pass\n# d\n'];
// ...and pieces typed anywhere (many break the script for a while).
const PIECES = ['', 'x', 'é', "'", '"', '(', ')', '\n', '    ', '#', ':', '\\', '"""', ', ', '=', ';', '\r'];

type Edit = { at: number; length: number; insert: string; nearLine: boolean };

const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ at: fc.nat(), length: fc.constant(0), insert: fc.constantFrom(...LINES), nearLine: fc.constant(true) }) },
  // Deleting a line (up to its line break) or a few characters at a line start.
  { weight: 2, arbitrary: fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }), insert: fc.constant(''), nearLine: fc.constant(true) }) },
  // Typing in an identifier or a string: a letter in, a letter out.
  { weight: 3, arbitrary: fc.record({ at: fc.nat(), length: fc.constantFrom(0, 1), insert: fc.constantFrom('x', 'é', ''), nearLine: fc.constant(false) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.constantFrom(...PIECES), nearLine: fc.boolean() }) },
);

function describe(children: readonly ModuleChild[]): string[] {
  return children.map((c) => {
    const node = c.node();
    const { startPosition: from, endPosition: to } = node;
    return `${c.start}-${c.end} ${c.type} ${JSON.stringify(c.text)} ${node.startIndex}-${node.endIndex} ${from.row}:${from.column}-${to.row}:${to.column} ${node.toString()}`;
  });
}

/** Applies one edit (at a line start when `nearLine`, where boundaries are; a deletion then ends at the line's end at most). */
function edit(parsed: ParsedPython, e: Edit): ParsedPython {
  let start = e.at % (parsed.text.length + 1);
  let end = Math.min(parsed.text.length, start + e.length);
  if (e.nearLine) {
    start = parsed.text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = parsed.text.indexOf('\n', start);
    end = Math.min(start + e.length, lineEnd === -1 ? parsed.text.length : lineEnd + 1);
  }
  return parsed.withChanges(parser, [{ startOffset: start, oldEndOffset: end, newText: e.insert }]);
}

const edits = fc.array(anEdit, { minLength: 1, maxLength: 12 });

test('after any sequence of edits, the statements re-parsed alone and their nodes are those of a fresh parse', () => {
  let spliced = 0;
  let count = 0;
  fc.assert(fc.property(edits, (list) => {
    let parsed = ParsedPython.parse(parser, BASE);
    for (const e of list) {
      const next = edit(parsed, e);
      parsed.dispose();
      parsed = next;
      count++;
      if (!parsed.wholeTreeParsed) spliced++;
      const fresh = ParsedPython.parse(parser, parsed.text);
      // The re-parsed statements' nodes are read first (from their own trees), then the others (from the whole tree).
      assert.deepEqual(describe(parsed.moduleChildren()), describe(fresh.moduleChildren()), JSON.stringify(parsed.text));
      assert.equal(parsed.rootType, fresh.rootType);
      assert.equal(parsed.hasError, fresh.hasError);
      assert.equal(parsed.tree.rootNode.toString(), fresh.tree.rootNode.toString(), JSON.stringify(parsed.text));
      fresh.dispose();
    }
    parsed.dispose();
  }), { numRuns: 200 });
  // The test means something only if many edits took the short way.
  assert.ok(spliced > count / 8, `${spliced} of ${count} edits re-parsed statements alone`);
});

test('after any sequence of edits, script checks, python-syntax and unknown-name equal a fresh check of the final text', () => {
  fc.assert(fc.property(edits, fc.constantFrom<'Any' | 'web'>('Any', 'web'), (list, mode) => {
    let parsed = ParsedPython.parse(parser, BASE);
    for (const e of list) {
      const next = edit(parsed, e);
      parsed.dispose();
      parsed = next;
      // Checked at each step, as the server does, so the statement caches carry results from version to version.
      checkScript(scriptContext(parsed, mode, fixtureSchema, '/app/schema.py'));
      checkPythonSyntax(parsed);
      checkUnknownNames(parsed, scriptCatalog);
    }
    const incremental = [checkScript(scriptContext(parsed, mode, fixtureSchema, '/app/schema.py')), checkPythonSyntax(parsed), checkUnknownNames(parsed, scriptCatalog)];
    forgetStatementResults();
    const fresh = ParsedPython.parse(parser, parsed.text);
    const expected = [checkScript(scriptContext(fresh, mode, fixtureSchema, '/app/schema.py')), checkPythonSyntax(fresh), checkUnknownNames(fresh, scriptCatalog)];
    assert.deepEqual(incremental, expected, JSON.stringify(parsed.text));
    fresh.dispose();
    parsed.dispose();
  }), { numRuns: 60 });
});

test('a text checked again from its outline: any statement parsed alone, and then all of them, are what a fresh parse gives', () => {
  let alone = 0;
  let asked = 0;
  fc.assert(fc.property(edits, fc.nat(), (list, pick) => {
    let parsed = ParsedPython.parse(parser, BASE);
    for (const e of list) {
      const next = edit(parsed, e);
      parsed.dispose();
      parsed = next;
    }
    const fresh = ParsedPython.parse(parser, parsed.text);
    parsed.dispose();
    const outline = outlineOf(fresh);
    // Only an error-free module is outlined (error recovery reaches across statements).
    assert.equal(outline === undefined, fresh.hasError || fresh.rootType !== 'module');
    if (outline) {
      assert.ok(outlineFits(outline, fresh.text));
      const other = fresh.text.startsWith('x') ? 'y' : 'x';
      assert.ok(!outlineFits(outline, `${fresh.text} `) && !outlineFits(outline, `${other}${fresh.text.slice(1)}`));
      const outlined = ParsedPython.fromOutline(parser, fresh.text, outlinedChildren(outline));
      const children = outlined.moduleChildren();
      const statements = children.map((c, i) => [c, i] as const).filter(([c]) => c.type !== 'comment');
      if (statements.length) {
        // One statement first (parsed alone when its boundaries are clean), then one more, then all (the rest from the whole tree).
        const [first, i] = statements[pick % statements.length];
        const firstNode = first.node();
        asked++;
        if (!outlined.wholeTreeParsed) alone++;
        assert.equal(firstNode.toString(), fresh.moduleChildren()[i].node().toString(), JSON.stringify(fresh.text));
        statements[(pick + 1) % statements.length][0].node();
      }
      assert.deepEqual(describe(children), describe(fresh.moduleChildren()), JSON.stringify(fresh.text));
      assert.equal(outlined.hasError, fresh.hasError);
      assert.equal(outlined.tree.rootNode.toString(), fresh.tree.rootNode.toString(), JSON.stringify(fresh.text));
      outlined.dispose();
    }
    fresh.dispose();
  }), { numRuns: 200 });
  assert.ok(alone > asked / 4, `${alone} of ${asked} statements asked were parsed alone`);
});
