// After any sequence of schema.py edits, the re-checked diagnostics equal a fresh check of the final text; edits that change no fact re-check nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { generateRealisticApp, type RealisticApp } from '../../bench/realistic-app';
import { nodeFileSystem } from '../../server/src/core/workspace/node-file-system';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { DiagnosticsPipeline } from '../../server/src/features/diagnostics/diagnostics-pipeline';
import type { DiagnosticProvider } from '../../server/src/features/diagnostics/diagnostic-provider';
import { DIAGNOSTIC_PROVIDERS } from '../../server/src/features/diagnostics/providers';
import { resolveSettings } from '../../server/src/features/resolve-settings';
import { forgetSchemaModules, readMergedSchema, type SchemaFiles } from '../../server/src/core/schema/merged-schema';
import type { ApplicationSchema, SchemaLocation } from '../../server/src/core/schema/application-schema';
import { loadPythonParser, type PythonParser } from '../../server/src/core/python/parser';
import { forgetStatementResults } from '../../server/src/features/script/check-script';
import { forgetScriptOutlines, prepareScriptAnalysis, readRelatedFilesWith, schemaFor } from '../../server/src/features/script/script-analysis';

const SETTINGS = resolveSettings(undefined).settings;
let workspace: string;
let app: RealisticApp;
let parser: PythonParser;

/** The disk, with schema.py's text given (what a fresh read of the edited schema sees). */
function nodeSchemaFiles(schemaText: string): SchemaFiles {
  return {
    readText: (path) => (path === app.schemaPath ? { text: schemaText } : nodeFileSystem.readText(path)),
    kindOf: (path) => nodeFileSystem.kindOf(path),
    readDirectory: (path) => nodeFileSystem.readDirectory(path),
  };
}

before(async () => {
  await prepareScriptAnalysis();
  parser = await loadPythonParser();
  workspace = mkdtempSync(join(tmpdir(), 'erudi-schema-edits-'));
  // A small application keeps each fresh check short: the property runs one per case.
  app = generateRealisticApp(workspace, 24, 5);
});
after(() => rmSync(workspace, { recursive: true, force: true }));

/** A server-like session: schema.py open with `text`, edits applied through the index and the pipeline. */
function session(text: string) {
  let schemaText = text;
  const index = new WorkspaceIndex(nodeFileSystem, (path) => (path === app.schemaPath ? schemaText : undefined));
  const previous = readRelatedFilesWith((path) => index.readRelated(path));
  let checked: string[] = [];
  // Notes which scripts the script body checks run on (the providers are the real ones).
  let visited = 0;
  const providers: DiagnosticProvider[] = DIAGNOSTIC_PROVIDERS.map((p) => (p.id === 'script-content'
    ? { ...p, check: (d) => (checked.push(d.path), p.check(d)), unchanged: (d, parts) => (visited++, p.unchanged!(d, parts)) }
    : p));
  index.scan([workspace]);
  const pipeline = new DiagnosticsPipeline(index, SETTINGS, providers);
  pipeline.checkAll();
  return {
    /** Applies the edit; the scripts checked again because of it. */
    recheckedBy(next: string): string[] {
      readRelatedFilesWith((path) => index.readRelated(path));
      schemaText = next;
      checked = [];
      visited = 0;
      const change = index.applyTextChange(app.schemaPath);
      if (change) pipeline.apply([change]);
      return checked;
    },
    /** Scripts asked whether their results still hold by the last edit (without being checked). */
    get visited() {
      return visited;
    },
    schema: () => schemaFor(index.applications.get(app.root)!).schema!,
    edit(next: string): number {
      return this.recheckedBy(next).length;
    },
    all(): string[] {
      return allDiagnostics(index, pipeline);
    },
    close: () => readRelatedFilesWith(previous),
  };
}

function allDiagnostics(index: WorkspaceIndex, pipeline: DiagnosticsPipeline): string[] {
  const lines: string[] = [];
  for (const application of index.applications.values()) {
    for (const document of index.documentsOf(application)) {
      for (const d of pipeline.diagnosticsOf(document.path)) lines.push(`${document.path}:${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);
    }
  }
  return lines.sort();
}

/** A fresh check of the workspace with schema.py's text `text`. */
function fresh(text: string): string[] {
  forgetStatementResults();
  // Nor the schema modules read before (an edited module is read incrementally), nor the scripts' outlines.
  forgetSchemaModules();
  forgetScriptOutlines();
  const s = session(text);
  try {
    return s.all();
  } finally {
    s.close();
  }
}

// Edits of the kinds users make, each a function of the current text (those that find nothing to change keep it).
const EDITS: Record<string, (text: string, n: number) => string> = {
  'docstring keystroke': (t, n) => insertAt(t, t.indexOf('"""A ', (n * 997) % t.length) + 5, 'x'),
  'comment': (t, n) => insertAt(t, lineStart(t, n), '# a comment\n'),
  'blank lines at the top': (t) => `\n\n${t}`,
  'rename a type': (t, n) => {
    const name = /class (\w+)\(EntityType\)/g;
    const names = [...t.matchAll(name)].map((m) => m[1]);
    const target = names[n % names.length];
    return target ? t.replace(new RegExp(`\\b${target}\\b`), `${target}Renamed`) : t;
  },
  'drop an attribute line': (t, n) => {
    const lines = t.split('\n');
    const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^ {4}\w+ = (String|Int|Float|Boolean|Date)\(/.test(l));
    const hit = candidates[n % Math.max(1, candidates.length)];
    if (hit) lines.splice(hit[1], 1);
    return lines.join('\n');
  },
  'add a relation definition': (t, n) => `${t}\nclass extra_${n}(RelationDefinition):\n    subject = 'ProjectLine'\n    object = 'InvoiceNote'\n    cardinality = '**'\n`,
  'break the syntax': (t, n) => insertAt(t, lineStart(t, n), 'class (\n'),
  'undo to the original': () => app.schemaText,
};

function insertAt(text: string, at: number, inserted: string): string {
  const where = Math.max(0, Math.min(at, text.length));
  return text.slice(0, where) + inserted + text.slice(where);
}

function lineStart(text: string, n: number): number {
  const at = (n * 7919) % text.length;
  return text.lastIndexOf('\n', at) + 1;
}

test('a docstring keystroke, a comment or blank lines in schema.py re-check no script', () => {
  const s = session(app.schemaText);
  try {
    assert.equal(s.edit(EDITS['docstring keystroke'](app.schemaText, 3)), 0);
    assert.equal(s.edit(EDITS.comment(app.schemaText, 5)), 0);
    assert.equal(s.edit(EDITS['blank lines at the top'](EDITS.comment(app.schemaText, 5), 0)), 0);
  } finally {
    s.close();
  }
});

/** Every location of the schema, by what it locates: a relocated schema must point where a fresh read does. */
function locations(schema: ApplicationSchema): string[] {
  const at = (l: SchemaLocation) => `${l.path}:${l.start}-${l.end}:${l.line}:${l.character}`;
  const out: string[] = [];
  for (const e of schema.entityTypes.values()) {
    out.push(`${e.name} ${at(e.location)}`);
    for (const a of e.attributes.values()) out.push(`${e.name}.${a.name} ${at(a.location)}`);
    for (const r of e.relations.values()) out.push(`${e.name}.${r.name} ${at(r.location)}`);
  }
  for (const r of schema.relationTypes.values()) out.push(`${r.name} ${r.locations.map(at).join(' ')}`);
  for (const d of schema.relationDefinitions) out.push(`${d.subject} ${d.rtype} ${d.object} ${at(d.location)}`);
  for (const p of schema.problems) out.push(`${p.message} ${at(p.location)}`);
  return out;
}

test('a docstring keystroke visits no script: the merged schema is kept, its locations moved to where a fresh read puts them', () => {
  const s = session(app.schemaText);
  try {
    let text = app.schemaText;
    // A first edit plans every script once (nothing was planned before); from then on the schema object is compared.
    text = EDITS['docstring keystroke'](text, 1);
    s.edit(text);
    const kept = s.schema();
    for (let n = 2; n < 8; n++) {
      text = EDITS['docstring keystroke'](text, n);
      assert.equal(s.edit(text), 0);
      assert.equal(s.visited, 0, 'no script is even asked');
      assert.equal(s.schema(), kept);
    }
    const relocated = locations(kept);
    forgetSchemaModules();
    const fromNothing = readMergedSchema(parser, nodeSchemaFiles(text), app.root, { workspaceFolders: [workspace], workspaceApplications: [app.root], cubeFolders: [] }).schema;
    assert.deepEqual(relocated, locations(fromNothing));
    // A type rename is no such edit: a new schema, and the scripts are asked again.
    s.edit(text.replace(`class ${app.renamedType}(EntityType)`, `class ${app.renamedType}Renamed(EntityType)`));
    assert.notEqual(s.schema(), kept);
    assert.ok(s.visited > 0);
    assert.deepEqual(s.all(), fresh(text.replace(`class ${app.renamedType}(EntityType)`, `class ${app.renamedType}Renamed(EntityType)`)));
  } finally {
    s.close();
  }
});

test('renaming a type in schema.py re-checks only the scripts that use it, and the result equals a fresh check', () => {
  const s = session(app.schemaText);
  try {
    const before = fresh(app.schemaText);
    const renamed = app.schemaText.replace(`class ${app.renamedType}(EntityType)`, `class ${app.renamedType}Renamed(EntityType)`);
    const rechecked = s.recheckedBy(renamed);
    const after = fresh(renamed);
    assert.deepEqual(s.all(), after);
    // A script that does not name the type may still depend on it through a "did you mean" (its candidates are every
    // type's name): only those besides the ones naming it.
    const suggesting = new Set([...before, ...after].filter((line) => line.includes('did you mean')).map((line) => line.slice(0, line.indexOf(':'))));
    const naming = new Set(app.scriptsNamingRenamedType);
    assert.ok(rechecked.length > 0, 'the scripts naming the type are re-checked');
    assert.deepEqual(rechecked.filter((path) => !naming.has(path) && !suggesting.has(path)), [], `re-checked ${rechecked.length} of ${app.scripts.length} scripts, ${naming.size} name ${app.renamedType}`);
  } finally {
    s.close();
  }
});

test('a type rename re-checks its dependents without parsing them (only their failing statements, each alone), and the result equals a fresh check', () => {
  const s = session(app.schemaText);
  const scriptTexts = new Set(app.scripts.map((path) => readFileSync(path, 'utf8')));
  const parse = parser.parse;
  let wholeScripts = 0;
  let statementsAlone = 0;
  parser.parse = (text, oldTree, options) => {
    if (options?.includedRanges) statementsAlone++;
    else if (typeof text === 'string' && scriptTexts.has(text)) wholeScripts++;
    return parse(text, oldTree, options);
  };
  try {
    // A type the other tests do not rename, so its dependents' failing statements are not in the statement cache yet.
    const types = [...app.schemaText.matchAll(/^class (\w+)\(EntityType\)/gm)].map((m) => m[1]).filter((name) => name !== app.renamedType);
    const users = (name: string) => [...scriptTexts].filter((text) => text.includes(`'${name}'`)).length;
    const type = types.reduce((best, name) => (users(name) > users(best) ? name : best));
    const renamed = app.schemaText.replace(`class ${type}(EntityType)`, `class ${type}Moved(EntityType)`);
    const rechecked = s.recheckedBy(renamed);
    assert.ok(rechecked.length > 0, 'the scripts using the type are re-checked');
    assert.equal(wholeScripts, 0, `${wholeScripts} of the ${rechecked.length} re-checked scripts were parsed whole`);
    assert.ok(statementsAlone > 0, 'the statements whose results no longer hold are parsed alone');
    const afterRename = s.all();
    s.recheckedBy(app.schemaText);
    assert.equal(wholeScripts, 0, 'nor when renamed back');
    const afterBack = s.all();
    parser.parse = parse;
    assert.deepEqual(afterRename, fresh(renamed));
    assert.deepEqual(afterBack, fresh(app.schemaText));
  } finally {
    parser.parse = parse;
    s.close();
  }
});

test('any sequence of schema.py edits ends with the diagnostics of a fresh check of the final text', () => {
  const kinds = Object.keys(EDITS);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), fc.nat(10_000)), { minLength: 1, maxLength: 4 }), (steps) => {
      const s = session(app.schemaText);
      try {
        let text = app.schemaText;
        for (const [kind, n] of steps) {
          text = EDITS[kind](text, n);
          s.edit(text);
        }
        assert.deepEqual(s.all(), fresh(text));
      } finally {
        s.close();
      }
    }),
    { numRuns: 8 },
  );
});
