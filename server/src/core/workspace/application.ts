// An application as the index knows it (DESIGN 1): its folders, the scripts named in migration/, depends.map and numversion.
import type { DependsMap } from '../depends-map';
import type { PkgInfo } from '../pkginfo';
import type { MigrationScriptName } from '../script-file-name';

/** What a file is to the language server; features and diagnostic providers are chosen by it. */
/** `event-script`: postcreate.py and the other scripts of migration/ that run on an event, not on an upgrade. */
export type DocumentKind = 'migration-script' | 'event-script' | 'depends-map' | 'pkginfo' | 'schema';

/** A part of an application whose change can change other files' diagnostics. */
export type ApplicationPart = 'script-names' | 'depends-map' | 'pkginfo' | 'schema' | 'settings';

export interface Application {
  /** The folder holding migration/, __pkginfo__.py and schema.py. */
  root: string;
  migrationDir: string;
  pkginfoPath: string;
  schemaPath: string;
  dependsMapPath: string;
  /** Undefined when there is no __pkginfo__.py; `error` when it cannot be read. */
  pkginfo?: PkgInfo | { error: string };
  hasSchema: boolean;
  /** Undefined when there is no depends.map; `error` when it cannot be read. */
  dependsMap?: DependsMap | { error: string };
  /** Every .py/.sql entry of migration/ that is not exempt, by path, with its parsed name. */
  scripts: Map<string, MigrationScriptName>;
  /** Paths of the event scripts in migration/ (postcreate.py, precreate.py, ...). */
  eventScripts: Set<string>;
  /** Paths of scripts by duplicate key (version, description, mode, ignoring case). */
  scriptsByKey: Map<string, string[]>;
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
