// A schema module read after edits (incremental parse, classes reused by text and moved) equals the module read from nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { plainSchemaModule, realisticSchemaHead } from './schema-module-fixture';
import { loadPythonParser, type PythonParser } from '../../server/src/core/python/parser';
import { forgetEditedSchemaModules, readEditedSchemaModule, readSchemaModule } from '../../server/src/core/schema/schema-module';

let parser: PythonParser;
let workspace: string;
let original: string;

before(async () => {
  parser = await loadPythonParser();
  workspace = mkdtempSync(join(tmpdir(), 'erudi-schema-module-edits-'));
  original = realisticSchemaHead(workspace, 60, '\nMAXSIZE = 12\n\nclass Tail(EntityType):\n    code = String(maxsize=MAXSIZE)\n');
});
after(() => {
  forgetEditedSchemaModules();
  rmSync(workspace, { recursive: true, force: true });
});

const PATH = '/app/schema.py';

// Edits as users make them, each at a position chosen by n.
const EDITS: Record<string, (text: string, n: number) => string> = {
  'type a letter': (t, n) => insertAt(t, n % t.length, 'x'),
  'delete a letter': (t, n) => t.slice(0, n % t.length) + t.slice((n % t.length) + 1),
  'new line': (t, n) => insertAt(t, n % t.length, '\n'),
  'add a class at a line start': (t, n) => insertAt(t, lineStart(t, n), 'class Added(EntityType):\n    label = String(maxsize=MAXSIZE)\n\n'),
  'change a constant': (t) => t.replace(/MAXSIZE = \d+/, `MAXSIZE = ${t.length % 97}`),
  'duplicate a class': (t, n) => {
    const classes = [...t.matchAll(/^class \w+\(EntityType\):\n(?: .*\n|\n(?= ))*/gm)];
    const hit = classes[n % classes.length];
    return hit ? insertAt(t, hit.index!, hit[0]) : t;
  },
  'indent a class under an if': (t, n) => {
    const at = lineStart(t, n);
    return `${t.slice(0, at)}if True:\n${t.slice(at).split('\n').slice(0, 6).map((l) => `    ${l}`).join('\n')}\n${t.slice(at).split('\n').slice(6).join('\n')}`;
  },
  'undo': () => original,
};

function insertAt(text: string, at: number, inserted: string): string {
  return text.slice(0, at) + inserted + text.slice(at);
}

function lineStart(text: string, n: number): number {
  return text.lastIndexOf('\n', n % text.length) + 1;
}

test('reading a schema module after any sequence of edits gives the module a fresh read gives', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.nat(1_000_000)), { minLength: 1, maxLength: 5 }), (steps) => {
      forgetEditedSchemaModules();
      let text = original;
      readSchemaModule(parser, text, PATH);
      for (const [kind, n] of steps) {
        const next = EDITS[kind](text, n);
        const incremental = readEditedSchemaModule(parser, next, PATH, text);
        assert.deepEqual(plainSchemaModule(incremental), plainSchemaModule(readSchemaModule(parser, next, PATH)), `after ${kind}`);
        text = next;
      }
    }),
    { numRuns: 25 },
  );
});

test('a keystroke in a docstring reuses every class, moved', () => {
  forgetEditedSchemaModules();
  const at = original.indexOf('"""A ', original.indexOf('class ', 2000)) + 5;
  const first = original.slice(0, at) + 'x' + original.slice(at);
  const second = original.slice(0, at) + 'xy' + original.slice(at);
  const before = readEditedSchemaModule(parser, first, PATH, original);
  const after = readEditedSchemaModule(parser, second, PATH, first);
  // Classes before the edit are the same objects; those after it are moved copies.
  assert.equal(after.classes[0], before.classes[0]);
  assert.equal(after.classes.at(-1)!.location.start, before.classes.at(-1)!.location.start + 1);
  assert.deepEqual(plainSchemaModule(after), plainSchemaModule(readSchemaModule(parser, second, PATH)));
});
