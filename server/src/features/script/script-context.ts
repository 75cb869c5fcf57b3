// What every script feature reads: the parsed script, its mode, the catalog and the application's merged schema (when known).
import { scriptCatalog, type Catalog, type CatalogEntry } from '../../core/catalog/catalog';
import type { Mode } from '../../core/mode';
import type { ModelVersion } from '../../core/model-version';
import type { ParsedPython } from '../../core/python/parsed-python';
import type { DataFigures } from '../safety-rules/safety-rule';
import type { RenamedKind } from '../safety-rules/name-uses';
import type { ElsewhereUse } from '../safety-rules/rename-still-used';
import type { ApplicationSchema, SchemaLocation } from '../../core/schema/application-schema';
import { scriptBoundNames } from './script-statements';

/** Where the script sits in the application's history, for advice that fits an old script. */
export interface ScriptHistory {
  version: ModelVersion;
  /** The application's numversion, when __pkginfo__.py gives one. */
  numversion?: ModelVersion;
  /** The later script whose drop_ or rename_ call removes the name, when one does (its file name). */
  removedBy(name: string): string | undefined;
  /** Uses of a name in the scripts after this one, the schema files and the application's other Python files (rename-still-used). */
  laterUses?(name: string, kind: RenamedKind): ElsewhereUse[];
}

/** What the merged schema adds to a bare ApplicationSchema: file names for messages, cubes that are missing. */
export interface SchemaSurroundings {
  /** "schema.py line 6", "the file cube's schema.py line 3", "CubicWeb's core schema (base.py) line 40". */
  describe(location: SchemaLocation): string;
  /** Cubes of __depends__ that cannot be found: a name they might define is never reported unknown. */
  missingCubes: readonly string[];
  history?: ScriptHistory;
}

export interface ScriptContext {
  script: ParsedPython;
  mode: Mode;
  /** Undefined when the application has no schema of its own: schema-aware checks then stay silent. */
  schema?: ApplicationSchema;
  /** Absolute path of schema.py when the schema is one file (tests build contexts this way). */
  schemaPath?: string;
  surroundings: SchemaSurroundings;
  catalog: Catalog;
  /** The instance's figures (row counts, ...) for the data-aware safety rules, when the editor has read them. */
  figures?: DataFigures;
  /** Whether the script's mode is one of `modes` (the statement checks read it so, to share results between modes); default: `modes.includes(mode)`. */
  modeAllows?(modes: readonly Mode[]): boolean;
}

function defaultSurroundings(schemaPath?: string): SchemaSurroundings {
  const label = schemaPath?.split(/[\\/]/).pop() ?? 'schema.py';
  return { describe: (location) => `${location.path.split(/[\\/]/).pop() ?? label} line ${location.line + 1}`, missingCubes: [] };
}

export function scriptContext(
  script: ParsedPython, mode: Mode, schema?: ApplicationSchema, schemaPath?: string, catalog: Catalog = scriptCatalog,
  surroundings: SchemaSurroundings = defaultSurroundings(schemaPath),
): ScriptContext {
  return { script, mode, schema, schemaPath, surroundings, catalog };
}

/** The catalog entry `name` refers to in this script, unless the script binds that name itself. */
export function catalogEntryNamed(context: ScriptContext, name: string): CatalogEntry | undefined {
  const entry = context.catalog.byName.get(name);
  if (!entry) return undefined;
  // `cnx.execute`: a member of a catalog object, unless the script rebinds the object.
  const owner = name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
  return scriptBoundNames(context.script).has(owner) ? undefined : entry;
}

/** For surroundingsAt: `owner.member` names a member of a catalog object the script does not rebind. */
export function memberCallOf(context: ScriptContext): (dotted: string) => boolean {
  return (dotted) => dotted.includes('.') && catalogEntryNamed(context, dotted) !== undefined;
}
