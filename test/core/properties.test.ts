// Property tests: tens of thousands of generated file names and depends.map texts thrown at the parsers, with invariants checked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDependsMap } from '../../server/src/core/depends-map';
import { isDependsMapSorted, sortDependsMap } from '../../server/src/core/depends-map-sort';
import { MODES } from '../../server/src/core/mode';
import { readPkgInfo } from '../../server/src/core/pkginfo';
import { parseMigrationFileName } from '../../server/src/core/script-file-name';
import { splitLines } from '../../server/src/core/text-range';
import { DiagnosticsPipeline } from '../../server/src/features/diagnostics/diagnostics-pipeline';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { listDiagnostics, ROOT, SETTINGS, workspaceOf } from './workspace-check';

const RUNS = 20_000;
const number = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }));
const version = fc.tuple(number, number, number).map((parts) => parts.join('.'));
const descriptionChars = fc.constantFrom(...'abcXYZ019_-'.split(''));
const description = fc.string({ unit: descriptionChars, minLength: 1, maxLength: 12 });
// Letters, digits, separators, unicode, spaces, dots: the stuff real and broken file names are made of.
const nameChars = fc.constantFrom(...'0123456789._-_aAnyrepositorywebcommonpysql é∂ 🙂~#'.split(''), '\u0000', '.py', '.sql', '_Any', '_web');
const anyName = fc.oneof(fc.string({ unit: nameChars, maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 30 }));

// The runtime's own rule (runtime/erudi_migrate/scripts.py), transcribed: server and runtime must agree on what runs.
const RUNTIME_SCRIPT = /^((?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*))(?:_([A-Za-z0-9_-]+))?_([A-Za-z]+)\.(py|sql)$/;

test('a generated valid script name parses back to its parts', () => {
  fc.assert(
    fc.property(version, fc.option(description, { nil: undefined }), fc.constantFrom(...MODES), fc.constantFrom('py', 'sql'), (v, d, mode, ext) => {
      fc.pre(ext === 'py' || mode === 'Any');
      const name = `${v}${d !== undefined ? `_${d}` : ''}_${mode}.${ext}`;
      const parsed = parseMigrationFileName(name);
      assert.equal(parsed.kind, 'script');
      if (parsed.kind !== 'script') return;
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.version?.text, v);
      assert.equal(parsed.description, d);
      assert.equal(parsed.mode, mode);
      assert.equal(parsed.extension, ext);
    }),
    { numRuns: RUNS },
  );
});

test('any file name: no throw, and "runnable" exactly when the runtime would run it', () => {
  fc.assert(
    fc.property(anyName, (name) => {
      const parsed = parseMigrationFileName(name);
      const runnable = parsed.kind === 'script' && parsed.problems.length === 0;
      const match = RUNTIME_SCRIPT.exec(name);
      const exempt = name === '__init__.py' || name === 'postcreate.py' || name.startsWith('_');
      const runtimeRuns =
        !exempt && match !== null && (MODES as readonly string[]).includes(match[3]) && (match[4] === 'py' || match[3] === 'Any') && match[1].split('.').every((n) => Number.isSafeInteger(Number(n)));
      assert.equal(runnable, runtimeRuns, name);
      if (parsed.kind === 'script') for (const p of parsed.problems) if (p.suggestedName) assert.ok(p.suggestedName !== name, 'a fix changes the name');
    }),
    { numRuns: RUNS },
  );
});

test('a suggested rename fixes the problem it is offered for', () => {
  fc.assert(
    fc.property(anyName, (name) => {
      const parsed = parseMigrationFileName(name);
      if (parsed.kind !== 'script') return;
      for (const problem of parsed.problems) {
        if (!problem.suggestedName) continue;
        const renamed = parseMigrationFileName(problem.suggestedName);
        assert.equal(renamed.kind, 'script', problem.suggestedName);
        if (renamed.kind === 'script') assert.ok(!renamed.problems.some((p) => p.code === problem.code), `${name} → ${problem.suggestedName}`);
      }
    }),
    { numRuns: RUNS },
  );
});

const mapLine = fc.oneof(
  fc.tuple(version, fc.constantFrom(':', ' : ', ':  ', ' :'), version).map(([a, sep, b]) => `${a}${sep}${b}`),
  fc.string({ unit: fc.constantFrom(...'0123456789.: #\t\r'.split('')), maxLength: 20 }),
  fc.string({ maxLength: 20 }),
  fc.constant('# comment'),
  fc.constant(''),
);
const mapText = fc.oneof(
  fc.array(mapLine, { maxLength: 30 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol))),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

test('parseDependsMap never throws and its ranges stay inside the text', () => {
  fc.assert(
    fc.property(mapText, (text) => {
      const map = parseDependsMap(text);
      const lines = splitLines(text);
      assert.equal(map.lines.length, lines.length);
      const inside = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
        assert.ok(r.start.line >= 0 && r.start.line < lines.length && r.end.line === r.start.line);
        assert.ok(r.start.character >= 0 && r.start.character <= r.end.character && r.end.character <= lines[r.start.line].length);
      };
      for (const e of map.entries) [e.range, e.modelRange, e.erudiRange].forEach(inside);
      for (const e of map.errors) inside(e.range);
      assert.equal(map.entries.length + map.errors.length + map.lines.filter((l) => l.kind === 'blank' || l.kind === 'comment').length, lines.length);
    }),
    { numRuns: RUNS },
  );
});

test('sorting keeps every line, sorts the entries, and is idempotent', () => {
  fc.assert(
    fc.property(mapText, (text) => {
      const sorted = sortDependsMap(text);
      if (sorted === undefined) return assert.ok(isDependsMapSorted(parseDependsMap(text)));
      assert.deepEqual(splitLines(sorted).sort(), splitLines(text).sort());
      assert.ok(isDependsMapSorted(parseDependsMap(sorted)));
      assert.equal(sortDependsMap(sorted), undefined);
    }),
    { numRuns: 5_000 },
  );
});

test('the TextMate grammar colours as entries exactly the lines the parser takes for entries', () => {
  const grammar = JSON.parse(readFileSync(join(__dirname, '../../syntaxes/depends-map.tmLanguage.json'), 'utf8'));
  const entry = new RegExp(grammar.repository.entry.match);
  const comment = new RegExp(grammar.repository.comment.match);
  fc.assert(
    fc.property(mapLine, (line) => {
      fc.pre(!/[\r\n]/.test(line));
      const parsed = parseDependsMap(line).lines[0];
      assert.equal(entry.test(line) && !comment.test(line), parsed.kind === 'entry', JSON.stringify(line));
      assert.equal(comment.test(line), parsed.kind === 'comment', JSON.stringify(line));
    }),
    { numRuns: RUNS },
  );
});

test('readPkgInfo never throws on any text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.tuple(number, number, number).map((v) => `numversion = (${v.join(', ')})`)), (text) => {
      const info = readPkgInfo(text);
      assert.ok(info.numversion !== undefined || 'problem' in info);
    }),
    { numRuns: RUNS },
  );
});

type Op = { kind: 'add' | 'remove'; name: string } | { kind: 'pkginfo'; text: string } | { kind: 'map'; text: string } | { kind: 'open'; file: 'map' | 'pkginfo'; text: string } | { kind: 'close'; file: 'map' | 'pkginfo' };

test('after any sequence of file events and editor edits, incremental diagnostics equal a fresh check', () => {
  const scriptName = fc.constantFrom('0.1.0_Any.py', '0.1.0_ANY.py', '0.1.0_any.py', '0.2.0_x_web.py', '0.2.0_X_web.py', '0.3.0_Any.sql', '0.3.0_web.sql', 'tool.py', '0.1_Any.py', '0.9.0_Any.py');
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constantFrom('add' as const, 'remove' as const), name: scriptName }),
    fc.record({ kind: fc.constant('pkginfo' as const), text: fc.constantFrom('numversion = (0, 2, 0)', 'numversion = (1, 0, 0)', 'nothing') }),
    fc.record({ kind: fc.constant('map' as const), text: mapText }),
    fc.record({ kind: fc.constant('open' as const), file: fc.constantFrom('map' as const, 'pkginfo' as const), text: fc.oneof(mapText, fc.constant('numversion = (0, 0, 1)')) }),
    fc.record({ kind: fc.constant('close' as const), file: fc.constantFrom('map' as const, 'pkginfo' as const) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
      const open = new Map<string, string>();
      const { fs, index, pipeline } = workspaceOf({ 'app/__pkginfo__.py': 'numversion = (0, 2, 0)', 'app/migration/0.1.0_Any.py': '', 'app/migration/depends.map': '' }, open);
      const pathOf = (file: 'map' | 'pkginfo') => (file === 'map' ? `${ROOT}/app/migration/depends.map` : `${ROOT}/app/__pkginfo__.py`);
      for (const o of ops) {
        if (o.kind === 'open' || o.kind === 'close') {
          if (o.kind === 'open') open.set(pathOf(o.file), o.text);
          else open.delete(pathOf(o.file));
          const change = index.applyTextChange(pathOf(o.file));
          if (change) pipeline.apply([change]);
          continue;
        }
        const path = o.kind === 'pkginfo' ? `${ROOT}/app/__pkginfo__.py` : o.kind === 'map' ? `${ROOT}/app/migration/depends.map` : `${ROOT}/app/migration/${o.name}`;
        if (o.kind === 'remove') fs.remove(path);
        else fs.write(path, o.kind === 'add' ? '' : o.kind === 'pkginfo' || o.kind === 'map' ? o.text : '');
        pipeline.apply(index.applyFileEvents([{ path, type: o.kind === 'remove' ? 'deleted' : 'created' }]));
      }
      const fresh = new WorkspaceIndex(fs, (path) => open.get(path));
      fresh.scan([ROOT]);
      const freshPipeline = new DiagnosticsPipeline(fresh, SETTINGS);
      freshPipeline.checkAll();
      assert.deepEqual(listDiagnostics(pipeline), listDiagnostics(freshPipeline));
    }),
    { numRuns: 1_000 },
  );
});
