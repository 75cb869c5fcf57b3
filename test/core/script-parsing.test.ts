// Reading the cursor's surroundings in complete and half-typed scripts, and incremental reparsing equal to a full parse.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { surroundingsAt } from '../../server/src/core/python/call-at-cursor';
import { moduleBoundNames } from '../../server/src/core/python/bound-names';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { atCursor, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

// source with | at the cursor → call name, active argument ("#2" positional index, "k=name" keyword), string prefix; "-" for none.
const CASES: [string, string, string, string][] = [
  ["add_attribute('Per|", 'add_attribute', '#0', 'Per'],
  ["add_attribute('Person', 'na|", 'add_attribute', '#1', 'na'],
  ["x = 1\nadd_attribute(|\n", 'add_attribute', '#0', '-'],
  ["add_attribute('Person', attrname='é|', commit=False)", 'add_attribute', 'k=attrname', 'é'],
  ["é = 'ü'; drop_attribute('A', |", 'drop_attribute', '#1', '-'],
  ["add_transition('t', 'E', ['a', |", 'add_transition', '#2', '-'],
  ["add_attribute(etype='P|')", 'add_attribute', 'k=etype', 'P'],
  ["rql('Any X WHERE X is |'", 'rql', '#0', 'Any X WHERE X is '],
  ["rql(\n    'Any X',\n    {'x': 1},\n    |", 'rql', '#2', '-'],
  ["add_attribute('Person', f(|", 'f', '#0', '-'],
  ["add_attribute('Person', 'a' + 'b|", 'add_attribute', '#1', '-'],
  ["add_attribute('Person', 'age')\n|", '-', '-', '-'],
  ["foo()\nbar|", '-', '-', '-'],
  ["x.add_attribute('|", '-', '-', '-'],
  ["def add_attribute(|", '-', '-', '-'],
  ["if True:\n    add_entity_type('Tic|", 'add_entity_type', '#0', 'Tic'],
  ["add_attribute('Person', 'age')  # drop_attribute('|", '-', '-', '-'],
];

test('the call, argument and string at the cursor', () => {
  for (const [source, name, argument, prefix] of CASES) {
    const { context, offset, text } = atCursor(source);
    const { call } = surroundingsAt(context.script.tree, text, offset);
    const active = call ? (call.active.kind === 'keyword' ? `k=${call.active.keyword}` : `#${call.active.position}`) : '-';
    assert.deepEqual([call?.name ?? '-', active, call?.string?.prefix ?? '-'], [name, argument, prefix], source);
  }
});

test('names the script binds itself', () => {
  const { context } = atCursor('import os\nfrom x import rql as q, checkpoint\nconfirm = 1\nfor a, b in []:\n    pass\ndef sqlexec(): pass\nwith open(f) as fh:\n    z = 2\n');
  assert.deepEqual([...moduleBoundNames(context.script.tree)].sort(), ['a', 'b', 'checkpoint', 'confirm', 'fh', 'os', 'q', 'sqlexec', 'z']);
});

test('incremental reparsing gives the tree a full parse gives', () => {
  const base = "add_attribute('Person', 'age')\nif confirm('drop?'):\n    drop_attribute('Person', 'email')\nrql('Any X WHERE X is Person')\n";
  fc.assert(fc.property(
    fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 6 }), insert: fc.constantFrom('', 'x', "'", '(', ')', '\n', ', ', 'é', 'add_entity_type(', '  ') }), { minLength: 1, maxLength: 6 }),
    (edits) => {
      let parsed = ParsedPython.parse(parser, base);
      for (const edit of edits) {
        const start = edit.at % (parsed.text.length + 1);
        const end = Math.min(parsed.text.length, start + edit.length);
        const next = parsed.withChanges(parser, [{ startOffset: start, oldEndOffset: end, newText: edit.insert }]);
        parsed.dispose();
        parsed = next;
      }
      const fresh = ParsedPython.parse(parser, parsed.text);
      assert.equal(parsed.tree.rootNode.toString(), fresh.tree.rootNode.toString(), JSON.stringify(parsed.text));
      fresh.dispose();
      parsed.dispose();
    },
  ), { numRuns: 150 });
});

test('several changes per notification, and every line ending: incremental reparsing gives the tree a full parse gives', () => {
  // LSP sends a batch of contentChanges, each in the coordinates the previous one left; scripts may end lines in \n, \r\n or a lone \r.
  const lines = ["add_attribute('Person', 'age')", "if confirm('drop?'):", "    drop_attribute('Person', 'email')", "rql('Any X WHERE X is Person')", ''];
  fc.assert(fc.property(
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.array(fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 8 }), insert: fc.constantFrom('', 'x', '\n', '\r', '\r\n', '    ', "'", ')', 'for x in y:\n    pass', '\\') }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
    (eol, batches) => {
      let parsed = ParsedPython.parse(parser, lines.join(eol));
      for (const batch of batches) {
        let text = parsed.text;
        const changes = batch.map((edit) => {
          const start = edit.at % (text.length + 1);
          const end = Math.min(text.length, start + edit.length);
          text = text.slice(0, start) + edit.insert + text.slice(end);
          return { startOffset: start, oldEndOffset: end, newText: edit.insert };
        });
        const next = parsed.withChanges(parser, changes);
        parsed.dispose();
        parsed = next;
        assert.equal(parsed.text, text);
      }
      const fresh = ParsedPython.parse(parser, parsed.text);
      assert.equal(parsed.tree.rootNode.toString(), fresh.tree.rootNode.toString(), JSON.stringify(parsed.text));
      assert.deepEqual(parsed.lines.positionAt(parsed.text.length), fresh.lines.positionAt(fresh.text.length));
      fresh.dispose();
      parsed.dispose();
    },
  ), { numRuns: 150 });
});

test('every feature answers at every offset of arbitrary half-typed text, without throwing', async () => {
  const { completeScript } = await import('../../server/src/features/script/completion');
  const { signatureHelpAt } = await import('../../server/src/features/script/signature-help');
  const { hoverAt } = await import('../../server/src/features/script/hover');
  const { definitionAt } = await import('../../server/src/features/script/definition');
  const { checkScript } = await import('../../server/src/features/script/check-script');
  const pieces = ['add_attribute', 'drop_entity_type', 'rql', 'checkpoint', '(', ')', "'", '"', "'''", ',', '=', ' ', '\n', '    ', 'Person', 'age',
    '#', 'erudi: ignore[', ']', 'if x:', 'def f', '[', '{', ':', '*', '**', 'é', '\\', 'f"', 'Any X WHERE'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.constantFrom<'Any' | 'web'>('Any', 'web'), (parts, mode) => {
    const { context, text } = atCursor(parts.join('').replace(/\|/g, ''), mode);
    for (let offset = 0; offset <= text.length; offset++) {
      completeScript(context, offset);
      signatureHelpAt(context, offset);
      hoverAt(context, offset);
      definitionAt(context, offset);
    }
    for (const d of checkScript(context)) assert.ok(d.range.start.line <= d.range.end.line, JSON.stringify(d));
  }), { numRuns: 120 });
});
