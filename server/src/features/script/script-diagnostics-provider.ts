// Plugs the script checks into the diagnostics pipeline: a provider for script bodies and the "# erudi: ignore" filter.
import type { DiagnosticFilter, DiagnosticProvider } from '../diagnostics/diagnostic-provider';
import { scriptCatalog } from '../../core/catalog/catalog';
import { checkScriptTracked, recordingSchemaReads, statementResultHolds, type StatementResult } from './check-script';
import { schemaIdentity } from '../../core/recorded-reads';
import { checkPythonSyntax } from './python-syntax';
import { checkContextOf, forgetScriptOutline, noteRenameScript, parsedForCheck, schemaFor } from './script-analysis';
import { applySuppressions } from './suppressions';
import { checkUnknownNames } from './unknown-names';

// Every check is about a catalog name: a script mentioning none (common in big histories) is not even parsed.
const CATALOG_NAME = new RegExp(`(?<![\\w.])(?:${scriptCatalog.entries.map((e) => e.name).join('|')})(?!\\w)`);

// Per script: the statement results its last check used, and the merged schema's surroundings then (file labels, missing cubes).
const lastResults = new Map<string, { root: string; results: StatementResult[]; surroundings: string }>();

const plannedSchemas = new Map<string, ReturnType<typeof schemaFor>>();

/** Whether a script's last results all hold for `schema` (its files and cubes the same). */
function resultsHold(last: { results: StatementResult[]; surroundings: string }, schema: ReturnType<typeof schemaFor>['schema'], surroundings: string): boolean {
  if (surroundings !== last.surroundings) return false;
  const id = schemaIdentity(schema);
  for (const result of last.results) if (result.validFor !== id && !statementResultHolds(result, schema, id)) return false;
  return true;
}

export const scriptContentProvider: DiagnosticProvider = {
  id: 'script-content',
  documentKinds: ['migration-script'],
  // The merged schema decides unknown-* and still-in-schema: a change to schema files, to __depends__ (pkginfo) or to
  // where cubes are looked for (settings) re-checks every script; a schema file's edit only those it can change.
  // The instance's figures decide the data-aware safety rules.
  dependsOn: ['schema', 'pkginfo', 'settings', 'instance-figures'],
  check(document) {
    lastResults.delete(document.path);
    const read = document.read();
    noteRenameScript(document.path, document.application.root, read.text);
    if (read.text === undefined || !CATALOG_NAME.test(read.text)) return [];
    // One parse per document shared with the other providers; an open script's tree is kept, a closed one's freed after.
    const context = checkContextOf({ path: document.path, text: read.text, application: document.application, script: document.script, settings: document.settings, open: document.open });
    if (!context) return [];
    const { diagnostics, results } = checkScriptTracked(context);
    // The one-shot checker sees no schema edit after its check: nothing will ask whether these results still hold.
    if (!recordingSchemaReads()) return diagnostics;
    const used = schemaFor(document.application, document.settings);
    // Each result once (a script repeats commit(), checkpoint(), ...): after a schema edit, every script's list is looked at.
    lastResults.set(document.path, { root: document.application.root, results: [...new Set(results)], surroundings: used.surroundings });
    // The first check of an application: the schema its scripts are checked against is the one the next change compares
    // with (a later change plans every script first; see unaffected).
    if (!plannedSchemas.has(document.application.root)) plannedSchemas.set(document.application.root, used);
    return diagnostics;
  },
  // After an edit of schema files only: the script is not checked again when every schema fact its statements read is
  // the same (compared by content) and the merged schema's files and cubes are too. pkginfo and settings change the
  // statements' cache keys (numversion, cube folders): those re-check as before.
  unchanged(document, parts) {
    const last = lastResults.get(document.path);
    if (!last || [...parts].some((part) => part !== 'schema')) return false;
    const { schema, surroundings } = schemaFor(document.application, document.settings);
    return resultsHold(last, schema, surroundings);
  },
  // The same, by path: the pipeline asks before looking the document up (most scripts after a type rename).
  unchangedAt(path, application, parts, settings) {
    const last = lastResults.get(path);
    if (!last || last.root !== application.root || [...parts].some((part) => part !== 'schema')) return false;
    const { schema, surroundings } = schemaFor(application, settings);
    return resultsHold(last, schema, surroundings);
  },
  // The merged schema object each application had at the last change planned: the schema reader gives the same object
  // again when an edit moved offsets only (merged-schema), and every script was checked, validated or is still pending
  // against that object since, so none needs visiting. Any other part (pkginfo, settings) plans every script as before.
  unaffected(application, parts, settings) {
    const root = application.root;
    if ([...parts].some((part) => part !== 'schema')) {
      plannedSchemas.delete(root);
      return false;
    }
    const now = schemaFor(application, settings);
    const last = plannedSchemas.get(root);
    plannedSchemas.set(root, now);
    return last !== undefined && now.schema !== undefined && last.schema === now.schema && last.surroundings === now.surroundings;
  },
  forget(path) {
    lastResults.delete(path);
    forgetScriptOutline(path);
    noteRenameScript(path, '', undefined);
  },
};

/** The parsed text of a Python document (a .sql script has none), or undefined when it cannot be read. */
function pythonOf(document: Parameters<DiagnosticProvider['check']>[0]) {
  if (document.kind === 'migration-script' && document.script?.extension !== 'py') return undefined;
  const read = document.read();
  return read.text === undefined ? undefined : parsedForCheck(document.path, read.text, document.open);
}

/** python-syntax on every Python file the runtime compiles: .py scripts, event scripts and schema.py (every one is parsed for it). */
export const pythonSyntaxProvider: DiagnosticProvider = {
  id: 'python-syntax',
  documentKinds: ['migration-script', 'event-script', 'schema'],
  dependsOn: [],
  check(document) {
    const script = pythonOf(document);
    return script ? checkPythonSyntax(script) : [];
  },
};

/** unknown-name on .py scripts and event scripts (which see the same names): every one is read, even without a catalog name. */
export const unknownNameProvider: DiagnosticProvider = {
  id: 'unknown-name',
  documentKinds: ['migration-script', 'event-script'],
  dependsOn: [],
  check(document) {
    const script = pythonOf(document);
    return script ? checkUnknownNames(script, scriptCatalog) : [];
  },
};

/** Drops what `# erudi: ignore[code]` comments suppress in Python documents, and reports unknown codes in them. */
export const suppressionFilter: DiagnosticFilter = {
  id: 'erudi-ignore',
  filter(document, diagnostics) {
    const python = document.kind === 'pkginfo' || document.kind === 'schema' || document.kind === 'event-script' || (document.kind === 'migration-script' && document.script?.extension === 'py');
    if (!python) return diagnostics;
    const read = document.read();
    return read.text === undefined ? diagnostics : applySuppressions(read.text, diagnostics);
  },
};
