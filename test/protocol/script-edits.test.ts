// Keystrokes over stdio: after a sequence of edits to an open script, the server publishes what `check` prints for the final text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/python/line-index';
import { ScriptLspClient, type PublishedDiagnostic } from './script-lsp-client';

const BIN = join(__dirname, '..', '..', 'bin', 'erudi-migrations.js');
const SCRIPT = 'migration/0.2.0_edits_Any.py';

// Statements of every shape the checks look at, with a few mistakes, repeated to a few hundred lines.
const BLOCK = [
  "add_attribute('Person', 'age')",
  "for eid, name in rql('Any X, N WHERE X is Person, X name N'):",
  "    rql('SET X age 1 WHERE X eid %(x)s', {'x': eid})",
  '# a comment',
  "if confirm('drop?'):",
  "    drop_attribute('Person', 'age')",
  "add_attribute('Persn', 'age')",
  'def helper(a):',
  '    return a',
  'checkpoint()',
  '',
];
// Whole lines at a line start (most keep the script valid, so the server re-parses only the statements touched)...
const LINES = ['# c\n', "add_attribute('Person', 'name')\n", 'if x:\n    pass\n', 'y = 1\n', '\n', "add_attribute('Persn', 'x')\n", '    # c\n'];
// ...and characters typed just inside a string (a name made unknown or known again) or anywhere (which may break the
// script: then the whole text is parsed until it is repaired).
const PIECES = ['x', '', 'P', 'é', '', 'e', 'o'];
const BREAKING = ["'", ':', '\n', '(', ''];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function comparable(d: { line: number; column: number; endLine: number; endColumn: number; code?: string; message: string }): string {
  return `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code} ${d.message}`;
}

for (const seed of [1, 2, 3]) {
  test(`after 40 random edits (seed ${seed}), re-parsing only the statements touched, the published diagnostics equal check's for the final text`, async () => {
    const client = await ScriptLspClient.start();
    try {
      let text = Array.from({ length: 20 }, () => BLOCK.join('\n')).join('\n') + '\n';
      writeFileSync(client.path(SCRIPT), text);
      const uri = client.open(SCRIPT, text);
      await client.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-entity-type'));
      const next = random(seed);
      for (let i = 0; i < 40; i++) {
        const lines = new LineIndex(text);
        let start = Math.floor(next() * (text.length + 1));
        let end = start;
        let insert: string;
        if (next() < 0.4) {
          // A whole line before a top-level statement, where statements begin and end.
          start = text.lastIndexOf('\n', start - 1) + 1;
          while (start < text.length && /\s/.test(text[start])) start = text.indexOf('\n', start) + 1 || text.length;
          end = start;
          insert = LINES[Math.floor(next() * LINES.length)];
        } else if (i < 36) {
          // A letter typed or deleted inside an entity type's name: made unknown, or known again.
          start = (text.indexOf("'Pers", start) + 1 || text.indexOf("'Pers") + 1) + Math.floor(next() * 3);
          insert = PIECES[Math.floor(next() * PIECES.length)];
          end = insert === '' && /\w/.test(text[start] ?? '') ? start + 1 : start;
        } else {
          // The last edits anywhere: they may break the script (then the whole text is parsed).
          end = Math.min(text.length, start + Math.floor(next() * 3));
          insert = BREAKING[Math.floor(next() * BREAKING.length)];
        }
        client.change(uri, lines.rangeOf(start, end), insert);
        text = text.slice(0, start) + insert + text.slice(end);
      }
      // A request is answered after the edits before it were handled (and their diagnostics published).
      await client.request('textDocument/hover', uri, 0, 0);
      const published = await client.diagnostics(uri, () => true, 1000).catch((): PublishedDiagnostic[] => []);
      writeFileSync(client.path(SCRIPT), text);
      const run = spawnSync(process.execPath, [BIN, 'check', '.', '--format=json'], { cwd: client.path('.'), encoding: 'utf8' });
      const report = JSON.parse(run.stdout) as { diagnostics: Array<{ path: string; line: number; column: number; endLine: number; endColumn: number; code: string; message: string }> };
      const expected = report.diagnostics.filter((d) => d.path === SCRIPT).map(comparable).sort();
      const got = published.map((d) => comparable({ line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1, code: d.code, message: d.message })).sort();
      assert.deepEqual(got, expected, JSON.stringify(text));
      assert.ok(expected.length > 0);
    } finally {
      await client.stop();
    }
  });
}
