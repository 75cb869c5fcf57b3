// An application as the index knows it (DESIGN 1): its folders, the scripts named in migration/, depends.map and numversion.
import type { DependsMap } from '../depends-map';
import type { PkgInfo } from '../pkginfo';
import type { MigrationScriptName } from '../script-file-name';
import type { DirectoryEntry, TextRead } from './file-system';

/** What a file is to the language server; features and diagnostic providers are chosen by it. */
/** `event-script`: postcreate.py and the other scripts of migration/ that run on an event, not on an upgrade. */
export type DocumentKind = 'migration-script' | 'event-script' | 'depends-map' | 'pkginfo' | 'schema';

/** A part of an application whose change can change other files' diagnostics; `instance`: what the editor read of its
 * database (the schema diff); `instance-figures`: the instance's data figures (erudi-migrate stats), which the data-aware
 * safety rules read. */
export type ApplicationPart = 'script-names' | 'depends-map' | 'pkginfo' | 'schema' | 'settings' | 'instance' | 'instance-figures';

export interface Application {
  /** The folder holding migration/, __pkginfo__.py and schema.py. */
  root: string;
  migrationDir: string;
  pkginfoPath: string;
  schemaPath: string;
  dependsMapPath: string;
  /** Undefined when there is no __pkginfo__.py; `error` when it cannot be read. */
  pkginfo?: PkgInfo | { error: string };
  /** True when it has schema files (schema.py and/or a schema/ package). */
  hasSchema: boolean;
  /** Its own schema modules: schema.py, schema/__init__.py and schema/*.py, in yams' load order. */
  schemaFiles: string[];
  /** Undefined when there is no depends.map; `error` when it cannot be read. */
  dependsMap?: DependsMap | { error: string };
  /** Every .py/.sql entry of migration/ that is not exempt, by path, with its parsed name. */
  scripts: Map<string, MigrationScriptName>;
  /** Paths of the event scripts in migration/ (postcreate.py, precreate.py, ...). */
  eventScripts: Set<string>;
  /** Paths of scripts by duplicate key (version, description, mode, ignoring case). */
  scriptsByKey: Map<string, string[]>;
  /** The workspace it was found in: what reading its merged schema (its cubes) needs. */
  workspace?: ApplicationWorkspace;
  /** The merged schema as last read (core, cubes, own), kept until a file it read changes; owned by core/schema. */
  schemaCache?: { key: string; value: unknown; inputs: ReadonlySet<string>; incomplete: boolean };
}

/** What the workspace offers an application's schema reader: files (open editors' texts first) and where cubes may be. */
export interface ApplicationWorkspace {
  readText(path: string): TextRead;
  kindOf(path: string): DirectoryEntry['kind'] | undefined;
  readDirectory(path: string): DirectoryEntry[] | undefined;
  /** The workspace folders. */
  folders(): readonly string[];
  /** Roots of every application found. */
  applicationRoots(): readonly string[];
}

/** The model version of the application, when __pkginfo__.py gives one. */
export function numversionOf(application: Application) {
  const pkginfo = application.pkginfo;
  return pkginfo && 'numversion' in pkginfo ? pkginfo.numversion : undefined;
}

/** The parsed depends.map, when there is a readable one. */
export function dependsMapOf(application: Application): DependsMap | undefined {
  const map = application.dependsMap;
  return map && 'entries' in map ? map : undefined;
}
