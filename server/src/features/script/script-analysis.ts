// Keeps each script's parsed tree and each application's merged schema, reparsing incrementally as texts change.
import type { Mode } from '../../core/mode';
import { loadPythonParser, type PythonParser } from '../../core/python/parser';
import { ParsedPython } from '../../core/python/parsed-python';
import { KnownRegions, parseReusingRegions } from '../../core/python/known-regions';
import { outlinedChildren, outlineFits, outlineOf, type ModuleOutline } from '../../core/python/module-outline';
import { isSharedPath, sharedTree, shareTree } from '../../core/python/shared-trees';
import type { ApplicationSchema } from '../../core/schema/application-schema';
import { isTooLargeToAnalyse } from '../../core/document-size';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { compareVersions, type ModelVersion } from '../../core/model-version';
import { LineIndex } from '../../core/python/line-index';
import { findNameUses, type NameUse, type RenamedKind } from '../safety-rules/name-uses';
import { mayRename, type ElsewhereUse } from '../safety-rules/rename-still-used';
import type { DataFigures } from '../safety-rules/safety-rule';
import { readMergedSchema, type MergedSchema } from '../../core/schema/merged-schema';
import type { MigrationScriptName } from '../../core/script-file-name';
import { numversionOf, type Application, type ApplicationWorkspace } from '../../core/workspace/application';
import type { CheckSettings } from '../check-settings';
import type { TextRead } from '../../core/workspace/file-system';
import { nodeFileSystem } from '../../core/workspace/node-file-system';
import { scriptContext, type ScriptContext, type ScriptHistory } from './script-context';

let parser: PythonParser | undefined;

/** Loads the Python grammar; the server and the checker await it once before checking anything. */
export async function prepareScriptAnalysis(): Promise<void> {
  parser = await loadPythonParser();
}

// schema.py is read through this: the disk by default, the editor's open text once the server says so.
let readRelated: (path: string) => TextRead = (path) => nodeFileSystem.readText(path);

/** Makes schema.py reads see the editor's unsaved text (the server passes its WorkspaceIndex.readText). */
export function readRelatedFilesWith(reader: (path: string) => TextRead): (path: string) => TextRead {
  const previous = readRelated;
  readRelated = reader;
  return previous;
}

/** A file's text as the checks should see it (the editor's when open, in the server). */
export function readRelatedText(path: string): TextRead {
  return readRelated(path);
}

export { changeBetween } from '../../core/python/text-change';
import { changeBetween } from '../../core/python/text-change';

// Bounded so a checker run over thousands of scripts does not keep every tree alive.
const MAX_SCRIPTS = 300;
const scripts = new Map<string, ParsedPython>();

/** The script's parsed text; the previous version's tree is edited and reused when the same path was seen before. */
export function parsedScript(path: string, text: string): ParsedPython | undefined {
  if (!parser) return undefined;
  if (isTooLargeToAnalyse(text)) {
    forgetScript(path);
    return undefined;
  }
  const known = scripts.get(path);
  if (known?.text === text) {
    scripts.delete(path);
    scripts.set(path, known);
    return known;
  }
  // schema.py's tree may come from the schema reader, which parsed the same text a moment ago (one parse per keystroke).
  const shared = sharedTree(path, text);
  const next = shared ? ParsedPython.fromTree(text, shared) : known ? known.withChanges(parser, [changeBetween(known.text, text)]) : ParsedPython.parse(parser, text);
  if (!shared && isSharedPath(path)) shareTree(path, text, next.tree);
  if (known) {
    known.dispose();
    scripts.delete(path);
  }
  scripts.set(path, next);
  if (scripts.size > MAX_SCRIPTS) {
    const [oldestPath, oldest] = scripts.entries().next().value!;
    oldest.dispose();
    scripts.delete(oldestPath);
  }
  return next;
}

/** Drops what is kept for a script (its tree lives in WebAssembly memory): the server calls it when a document closes. */
export function forgetScript(path: string): void {
  scripts.get(path)?.dispose();
  scripts.delete(path);
}

/** How many parsed scripts are kept (for the test that closing a document returns its memory). */
export function keptScriptCount(): number {
  return scripts.size;
}

/**
 * The application's merged schema (CubicWeb's core, its cubes, its own schema files), cached on the application until
 * a file it read changes (the index drops the cache) or the cube folders change. Undefined before the grammar loads.
 */
export function mergedSchemaOf(application: Application, settings?: CheckSettings): MergedSchema | undefined {
  if (!parser) return undefined;
  const folders = settings?.cubeFolders ?? [];
  const key = folders.join('\u0000');
  const cached = application.schemaCache;
  if (cached && cached.key === key) return cached.value as MergedSchema;
  const workspace = application.workspace ?? standaloneWorkspace(application);
  const search = {
    workspaceFolders: workspace.folders(),
    workspaceApplications: workspace.applicationRoots(),
    // A relative folder is relative to each workspace folder.
    cubeFolders: folders.flatMap((folder) => (isAbsolute(folder) ? [folder] : workspace.folders().map((root) => join(root, folder)))),
  };
  const merged = readMergedSchema(parser, workspace, application.root, search);
  application.schemaCache = { key, value: merged, inputs: merged.inputs, incomplete: merged.missingCubes.length > 0 };
  return merged;
}

/** An application read without an index (a test's hand-made one): the disk, through readRelated. */
function standaloneWorkspace(application: Application): ApplicationWorkspace {
  return {
    readText: (path) => readRelated(path),
    kindOf: (path) => nodeFileSystem.kindOf(path),
    readDirectory: (path) => nodeFileSystem.readDirectory(path),
    folders: () => [dirname(application.root)],
    applicationRoots: () => [application.root],
  };
}

// Later scripts' drop_*/rename_* calls, by script path and text: read only when an old script needs the advice.
const removals = new Map<string, { text: string; names: Set<string> }>();
const REMOVAL_CALL = /\b(?:drop|rename)_\w+\s*\(([^)]*)\)/g;

function removedNames(path: string, text: string): Set<string> {
  const known = removals.get(path);
  if (known?.text === text) return known.names;
  const names = new Set<string>();
  for (const match of text.matchAll(REMOVAL_CALL)) for (const literal of match[1].matchAll(/['"]([A-Za-z_]\w*)['"]/g)) names.add(literal[1]);
  removals.set(path, { text, names });
  if (removals.size > 5000) removals.delete(removals.keys().next().value!);
  return names;
}

// Uses of old names per file, by path, text, name and kind: a rename script is checked on each keystroke, later files seldom change.
const usesCache = new Map<string, { text: string; lines?: LineIndex; uses: Map<string, NameUse[]> }>();

function usesIn(path: string, text: string, name: string, kind: RenamedKind): { uses: NameUse[]; lines: () => LineIndex } {
  let entry = usesCache.get(path);
  if (entry?.text !== text) {
    entry = { text, uses: new Map() };
    usesCache.set(path, entry);
    if (usesCache.size > 5000) usesCache.delete(usesCache.keys().next().value!);
  }
  const key = `${kind}\u0000${name}`;
  let uses = entry.uses.get(key);
  if (!uses) entry.uses.set(key, (uses = findNameUses(text, name, kind)));
  const known = entry;
  return { uses, lines: () => (known.lines ??= new LineIndex(text)) };
}

/** The application's own Python files beside migration/ (hooks.py, entities.py, views.py, ...), without __pkginfo__.py and schema files. */
function applicationCodeFiles(application: Application, workspace: ApplicationWorkspace): string[] {
  const skip = new Set([application.pkginfoPath, application.schemaPath, ...application.schemaFiles, join(application.root, 'setup.py')]);
  return (workspace.readDirectory(application.root) ?? [])
    .filter((entry) => entry.kind === 'file' && entry.name.endsWith('.py'))
    .map((entry) => join(application.root, entry.name))
    .filter((path) => !skip.has(path))
    .sort();
}

function laterUsesOf(document: ScriptDocument, workspace: ApplicationWorkspace, version: ModelVersion, name: string, kind: RenamedKind): ElsewhereUse[] {
  const application = document.application;
  const files: Array<{ path: string; label: string }> = [];
  const later = [...application.scripts].filter(([path, script]) => path !== document.path && script.version && script.extension === 'py'
    && compareVersions(script.version, version) > 0);
  later.sort(([, a], [, b]) => compareVersions(a.version!, b.version!) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const [path, script] of later) files.push({ path, label: script.name });
  for (const path of [...application.schemaFiles, ...applicationCodeFiles(application, workspace)]) files.push({ path, label: relative(application.root, path) });
  const found: ElsewhereUse[] = [];
  for (const { path, label } of files) {
    const text = workspace.readText(path).text;
    if (text === undefined || !text.includes(name)) continue;
    const { uses, lines } = usesIn(path, text, name, kind);
    for (const use of uses) found.push({ path, where: `${label} line ${lines().positionAt(use.start).line + 1}`, start: use.start, end: use.end, what: use.what });
  }
  return found;
}

function historyOf(document: ScriptDocument, workspace: ApplicationWorkspace): ScriptHistory | undefined {
  const version = document.script?.version;
  if (!version) return undefined;
  const application = document.application;
  return {
    version,
    numversion: numversionOf(application),
    removedBy(name) {
      for (const [path, script] of application.scripts) {
        if (!script.version || compareVersions(script.version, version) <= 0 || script.extension !== 'py') continue;
        const text = workspace.readText(path).text;
        if (text !== undefined && removedNames(path, text).has(name)) return script.name;
      }
      return undefined;
    },
    laterUses: (name, kind) => laterUsesOf(document, workspace, version, name, kind),
  };
}

export interface ScriptDocument {
  path: string;
  text: string;
  application: Application;
  script?: MigrationScriptName;
  /** Where cubes are looked for (besides the workspace); without it, only the workspace. */
  settings?: CheckSettings;
}

/** Everything the script features need for one Python migration script; undefined for .sql scripts and before the grammar loads. */
export function contextOf(document: ScriptDocument): ScriptContext | undefined {
  if (!document.script || document.script.extension !== 'py') return undefined;
  const script = parsedScript(document.path, document.text);
  return script && contextWith(document, script);
}

// Trees of closed documents, held only while the pipeline checks one document: every provider shares one parse of it.
const checkTrees = new Map<string, ParsedPython>();

/**
 * The tree a check of this document reads: an open document's is kept (the editor's requests and next edit reuse it);
 * a closed one's is parsed once for all providers of this document and freed by `releaseCheckTrees` after it. A tree
 * kept for a document that is closed now is freed, so closing documents returns their memory.
 */
export function parsedForCheck(path: string, text: string, open: boolean | undefined): ParsedPython | undefined {
  if (!parser) return undefined;
  if (open) return parsedScript(path, text);
  const kept = scripts.get(path);
  if (kept) {
    kept.dispose();
    scripts.delete(path);
  }
  const known = checkTrees.get(path);
  if (known?.text === text) return known;
  known?.dispose();
  // The same text as at its last check (a schema edit re-checks the scripts whose statements read what changed): its
  // outline stands for the parse, and only the statements whose results no longer hold are parsed, each alone.
  const outline = keepOutlines ? outlines.get(path) : undefined;
  let tree: ParsedPython;
  if (outline && outlineFits(outline, text)) tree = ParsedPython.fromOutline(parser, text, outlinedChildren(outline));
  else {
    // Statements seen in other scripts are not parsed again (known-regions.ts).
    tree = parseReusingRegions(parser, text, knownRegions);
    if (keepOutlines) noteOutline(path, outlineOf(tree));
  }
  checkTrees.set(path, tree);
  return tree;
}

// The outlines of the code regions of the scripts checked so far, by text.
const knownRegions = new KnownRegions();

// Closed documents' outlines by path (a few bytes per statement), made by their last full parse for a check.
const outlines = new Map<string, ModuleOutline>();
// The one-shot checker parses each script once: keeping outlines would be work for nothing.
let keepOutlines = true;

function noteOutline(path: string, outline: ModuleOutline | undefined): void {
  if (outline) outlines.set(path, outline);
  else outlines.delete(path);
}

/** Whether checks keep closed scripts' outlines (the server: yes; the one-shot checker: no). */
export function keepScriptOutlines(on: boolean): void {
  keepOutlines = on;
  if (!on) outlines.clear();
}

/** Drops what is kept of a document gone or checked from scratch next. */
export function forgetScriptOutline(path: string): void {
  outlines.delete(path);
}

/** Drops every outline (tests compare against a check that starts from nothing). */
export function forgetScriptOutlines(): void {
  outlines.clear();
  knownRegions.clear();
}

/** Frees the trees `parsedForCheck` made for closed documents (the pipeline calls it after each document). */
export function releaseCheckTrees(): void {
  for (const tree of checkTrees.values()) tree.dispose();
  checkTrees.clear();
}

/** The context of a script for a check (see parsedForCheck for the tree's lifetime). */
export function checkContextOf(document: ScriptDocument & { open?: boolean }): ScriptContext | undefined {
  if (!document.script || document.script.extension !== 'py') return undefined;
  const script = parsedForCheck(document.path, document.text, document.open);
  return script && contextWith(document, script);
}

/**
 * The schema a script of the application is checked against (what `contextOf` puts in the context), and a key of
 * what else the checks read from the merged schema: its files and cubes (message labels) and the missing cubes.
 */
export function schemaFor(application: Application, settings?: CheckSettings): { schema: ApplicationSchema | undefined; surroundings: string } {
  const merged = application.hasSchema ? mergedSchemaOf(application, settings) : undefined;
  if (!merged) return { schema: undefined, surroundings: '' };
  // Asked for every script after a schema edit: one key per merged schema read.
  let surroundings = surroundingsKeys.get(merged);
  if (surroundings === undefined) surroundingsKeys.set(merged, (surroundings = JSON.stringify([merged.ownFiles, merged.cubes, merged.missingCubes.map((m) => m.name)])));
  return { schema: merged.schema, surroundings };
}

const surroundingsKeys = new WeakMap<MergedSchema, string>();

// Scripts holding a rename call, by path, with their application's root: their rename-still-used reads other files.
const renameScripts = new Map<string, string>();

/** Notes whether the checked script at `path` holds a rename call (the script check calls it with the text it read). */
export function noteRenameScript(path: string, root: string, text: string | undefined): void {
  if (text !== undefined && mayRename(text)) renameScripts.set(path, root);
  else renameScripts.delete(path);
}

/** The scripts of the application at `root`, other than `path`, whose renames may count a use in `path`: check them again when it changes. */
export function renameScriptsReading(path: string, root: string): string[] {
  const found: string[] = [];
  for (const [script, scriptRoot] of renameScripts) if (scriptRoot === root && script !== path) found.push(script);
  return found;
}

// The instance's figures per application root, as the editor (or check --db) last read them.
const instanceFigures = new Map<string, DataFigures>();

/** Sets (or, with undefined, drops) the figures of the application at `root`; returns true when they changed. */
export function setInstanceFigures(root: string, figures: DataFigures | undefined): boolean {
  const known = instanceFigures.get(root);
  if (figures === undefined) return instanceFigures.delete(root);
  if (known && JSON.stringify(known) === JSON.stringify(figures)) return false;
  instanceFigures.set(root, figures);
  return true;
}

function contextWith(document: ScriptDocument, script: ParsedPython): ScriptContext {
  const context = contextWithoutFigures(document, script);
  const figures = instanceFigures.get(document.application.root);
  return figures ? { ...context, figures } : context;
}

function contextWithoutFigures(document: ScriptDocument, script: ParsedPython): ScriptContext {
  // An unknown mode is reported on the file name; meanwhile the script is helped as the most permissive mode.
  const mode: Mode = document.script?.mode ?? 'Any';
  const merged = document.application.hasSchema ? mergedSchemaOf(document.application, document.settings) : undefined;
  if (!merged) return scriptContext(script, mode);
  const workspace = document.application.workspace ?? standaloneWorkspace(document.application);
  return scriptContext(script, mode, merged.schema, merged.ownFiles[0], undefined, {
    describe: merged.describe,
    missingCubes: merged.missingCubes.map((m) => m.name),
    history: historyOf(document, workspace),
  });
}
