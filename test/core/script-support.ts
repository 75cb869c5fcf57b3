// Shared by the script-* tests: the fixture schema, and a script context built from source with a `|` cursor marker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mode } from '../../server/src/core/mode';
import { loadPythonParser, type PythonParser } from '../../server/src/core/python/parser';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import type { ApplicationSchema } from '../../server/src/core/schema/application-schema';
import { readSchema } from '../../server/src/core/schema/read-schema';
import { scriptContext, type ScriptContext } from '../../server/src/features/script/script-context';

export const FIXTURE_APP = join(__dirname, '..', 'fixtures', 'script-app');
export const FIXTURE_SCHEMA_PATH = join(FIXTURE_APP, 'schema.py');

export let parser: PythonParser;
export let fixtureSchema: ApplicationSchema;

/** Loads the grammar and reads the fixture schema; call it from `before()` (node:test has no top-level await under tsx's CommonJS). */
export async function prepareScriptTests(): Promise<void> {
  parser = await loadPythonParser();
  fixtureSchema = readSchema(parser, readFileSync(FIXTURE_SCHEMA_PATH, 'utf8'), FIXTURE_SCHEMA_PATH);
}

export interface CursorCase {
  context: ScriptContext;
  offset: number;
  text: string;
}

/** Parses `source` (its `|` marks the cursor) as a script of `mode`, against the fixture schema unless `schema: null`. */
export function atCursor(source: string, mode: Mode = 'Any', schema: ApplicationSchema | null | undefined = undefined): CursorCase {
  if (schema === undefined) schema = fixtureSchema;
  const offset = source.indexOf('|');
  const text = offset === -1 ? source : source.slice(0, offset) + source.slice(offset + 1);
  const script = ParsedPython.parse(parser, text);
  return { context: scriptContext(script, mode, schema ?? undefined, schema ? FIXTURE_SCHEMA_PATH : undefined), offset, text };
}
