// Re-parsing only the statements an edit touched: after any sequence of edits, the statements, their nodes and every script check equal a fresh parse's.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { BASE, describe, editRange, edits, type Edit } from './python-edits';
import { outlinedChildren, outlineFits, outlineOf } from '../../server/src/core/python/module-outline';
import { checkScript, forgetStatementResults } from '../../server/src/features/script/check-script';
import { checkPythonSyntax } from '../../server/src/features/script/python-syntax';
import { checkUnknownNames } from '../../server/src/features/script/unknown-names';
import { scriptContext } from '../../server/src/features/script/script-context';
import { scriptCatalog } from '../../server/src/core/catalog/catalog';
import { fixtureSchema, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

/** Applies one edit the way the editor sends it. */
function edit(parsed: ParsedPython, e: Edit): ParsedPython {
  return parsed.withChanges(parser, [editRange(parsed.text, e)]);
}

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
