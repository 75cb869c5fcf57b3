// What every script feature reads: the parsed script, its mode, the catalog and the application's schema (when there is one).
import { scriptCatalog, type Catalog, type CatalogEntry } from '../../core/catalog/catalog';
import type { Mode } from '../../core/mode';
import type { ParsedPython } from '../../core/python/parsed-python';
import type { ApplicationSchema } from '../../core/schema/application-schema';
import { scriptBoundNames } from './script-statements';

export interface ScriptContext {
  script: ParsedPython;
  mode: Mode;
  /** Undefined when the application has no schema.py: schema-aware checks then stay silent. */
  schema?: ApplicationSchema;
  /** Absolute path of schema.py, for go to definition and messages. */
  schemaPath?: string;
  catalog: Catalog;
}

export function scriptContext(script: ParsedPython, mode: Mode, schema?: ApplicationSchema, schemaPath?: string, catalog: Catalog = scriptCatalog): ScriptContext {
  return { script, mode, schema, schemaPath, catalog };
}

/** The catalog entry `name` refers to in this script, unless the script binds that name itself. */
export function catalogEntryNamed(context: ScriptContext, name: string): CatalogEntry | undefined {
  const entry = context.catalog.byName.get(name);
  if (!entry) return undefined;
  return scriptBoundNames(context.script).has(name) ? undefined : entry;
}
