// A module whose shape (everything but offsets) is unchanged by an edit, relocated in place, equals the module read from nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { plainSchemaModule, realisticSchemaHead } from './schema-module-fixture';
import { loadPythonParser, type PythonParser } from '../../server/src/core/python/parser';
import { LineIndex } from '../../server/src/core/python/line-index';
import { changeBetween } from '../../server/src/core/python/text-change';
import { forgetEditedSchemaModules, readEditedSchemaModule, readSchemaModule } from '../../server/src/core/schema/schema-module';
import { moduleShape, relocateModule, sameShape } from '../../server/src/core/schema/schema-module-shape';

let parser: PythonParser;
let workspace: string;
let original: string;

before(async () => {
  parser = await loadPythonParser();
  workspace = mkdtempSync(join(tmpdir(), 'erudi-schema-module-shape-'));
  original = realisticSchemaHead(workspace, 40, '\nMAXSIZE = 12\n\nclass Tail(EntityType):\n    """The tail."""\n    code = String(maxsize=MAXSIZE)\n');
});
after(() => {
  forgetEditedSchemaModules();
  rmSync(workspace, { recursive: true, force: true });
});

const PATH = '/app/schema.py';

function docstringKeystroke(text: string, n: number): string {
  const docstrings = [...text.matchAll(/"""[^"\n]+"""/g)];
  const hit = docstrings[n % docstrings.length];
  const at = hit.index! + 3 + (n % (hit[0].length - 6));
  return n % 3 === 2 ? text.slice(0, at) + text.slice(at + 1) : `${text.slice(0, at)}${'xy'.slice(0, 1 + (n % 2))}${text.slice(at)}`;
}

test('docstring keystrokes keep the shape; relocating the kept module gives the module read from nothing', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(100_000), { minLength: 1, maxLength: 6 }), (positions) => {
      forgetEditedSchemaModules();
      let text = original;
      const kept = readSchemaModule(parser, text, PATH);
      const keptShape = moduleShape(kept);
      for (const n of positions) {
        const previous = text;
        text = docstringKeystroke(text, n);
        const now = readEditedSchemaModule(parser, text, PATH, previous);
        assert.ok(sameShape(keptShape, moduleShape(now)), 'a docstring keystroke moves offsets only');
        relocateModule(kept, now);
        assert.deepEqual(plainSchemaModule(kept), plainSchemaModule(readSchemaModule(parser, text, PATH)));
      }
    }),
    { numRuns: 20 },
  );
});

test('edits that change a declaration, a value or a line change the shape', () => {
  const shape = moduleShape(readSchemaModule(parser, original, PATH));
  const edits = [
    original.replace('class Tail(', 'class Tails('),
    original.replace('MAXSIZE = 12', 'MAXSIZE = 13'),
    original.replace('"""The tail."""', '"""The\ntail."""'),
    original.replace('code = String(maxsize=MAXSIZE)', 'code = String(maxsize=MAXSIZE, required=True)'),
    original.replace('\nclass Tail(', '\n\nclass Tail('),
    original.replace('    code = String', '    codes = String'),
  ];
  for (const edited of edits) assert.ok(!sameShape(shape, moduleShape(readSchemaModule(parser, edited, PATH))), edited.slice(-120));
});

test('the line index of a text without carriage returns equals the one scanning every character', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', ' ', 'é') }), (text) => {
      const index = new LineIndex(text);
      // Same text with \r replaced: the fast path (no \r) against the general one on the original.
      const expected: unknown[] = [];
      const actual: unknown[] = [];
      for (let offset = 0; offset <= text.length; offset++) {
        expected.push(slowPosition(text, offset));
        actual.push(index.positionAt(offset));
      }
      assert.deepEqual(actual, expected);
      assert.equal(LineIndex.of(text), LineIndex.of(text));
    }),
  );
});

function slowPosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++, (start = i + 1);
  }
  return { line, character: offset - start };
}

test('the change between two texts, found in blocks, turns one into the other and keeps the longest common prefix', () => {
  const texts = fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 2_000 });
  fc.assert(
    fc.property(texts, texts, fc.nat(), (base, inserted, at) => {
      const before = base.repeat(3);
      const where = at % (before.length + 1);
      const after = before.slice(0, where) + inserted + before.slice(where + (at % 7));
      const change = changeBetween(before, after);
      assert.equal(before.slice(0, change.startOffset) + change.newText + before.slice(change.oldEndOffset), after);
      let prefix = 0;
      while (prefix < Math.min(before.length, after.length) && before[prefix] === after[prefix]) prefix++;
      assert.equal(change.startOffset, prefix);
    }),
  );
});
