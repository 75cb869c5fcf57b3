// Keeps each script's parsed tree and each application's schema.py model, reparsing incrementally as texts change.
import type { Mode } from '../../core/mode';
import { loadPythonParser, type PythonParser, type TextChange } from '../../core/python/parser';
import { ParsedPython } from '../../core/python/parsed-python';
import type { ApplicationSchema } from '../../core/schema/application-schema';
import { isTooLargeToAnalyse } from '../../core/document-size';
import { readSchema } from '../../core/schema/read-schema';
import type { MigrationScriptName } from '../../core/script-file-name';
import type { Application } from '../../core/workspace/application';
import type { TextRead } from '../../core/workspace/file-system';
import { nodeFileSystem } from '../../core/workspace/node-file-system';
import { scriptContext, type ScriptContext } from './script-context';

let parser: PythonParser | undefined;

/** Loads the Python grammar; the server and the checker await it once before checking anything. */
export async function prepareScriptAnalysis(): Promise<void> {
  parser = await loadPythonParser();
}

// schema.py is read through this: the disk by default, the editor's open text once the server says so.
let readRelated: (path: string) => TextRead = (path) => nodeFileSystem.readText(path);

/** Makes schema.py reads see the editor's unsaved text (the server passes its WorkspaceIndex.readText). */
export function readRelatedFilesWith(reader: (path: string) => TextRead): void {
  readRelated = reader;
}

/** A file's text as the checks should see it (the editor's when open, in the server). */
export function readRelatedText(path: string): TextRead {
  return readRelated(path);
}

/** The one edit turning `before` into `after`: common prefix and suffix kept, the middle replaced. */
export function changeBetween(before: string, after: string): TextChange {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { startOffset: start, oldEndOffset: before.length - tail, newText: after.slice(start, after.length - tail) };
}

// Bounded so a checker run over thousands of scripts does not keep every tree alive.
const MAX_SCRIPTS = 300;
const scripts = new Map<string, ParsedPython>();
const schemas = new Map<string, { text: string; schema: ApplicationSchema }>();

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
  const next = known ? known.withChanges(parser, [changeBetween(known.text, text)]) : ParsedPython.parse(parser, text);
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

/** The application's schema.py as read now (undefined when there is none or it cannot be read). */
export function applicationSchema(application: Application): ApplicationSchema | undefined {
  if (!parser || !application.hasSchema) return undefined;
  const read = readRelated(application.schemaPath);
  if (read.text === undefined || isTooLargeToAnalyse(read.text)) return undefined;
  const known = schemas.get(application.schemaPath);
  if (known?.text === read.text) return known.schema;
  const schema = readSchema(parser, read.text);
  schemas.set(application.schemaPath, { text: read.text, schema });
  return schema;
}

export interface ScriptDocument {
  path: string;
  text: string;
  application: Application;
  script?: MigrationScriptName;
}

/** Everything the script features need for one Python migration script; undefined for .sql scripts and before the grammar loads. */
export function contextOf(document: ScriptDocument): ScriptContext | undefined {
  if (!document.script || document.script.extension !== 'py') return undefined;
  const script = parsedScript(document.path, document.text);
  if (!script) return undefined;
  // An unknown mode is reported on the file name; meanwhile the script is helped as the most permissive mode.
  const mode: Mode = document.script.mode ?? 'Any';
  const schema = applicationSchema(document.application);
  return scriptContext(script, mode, schema, schema ? document.application.schemaPath : undefined);
}
