// The client/server protocol shared by the extension and the language server: ids, setting names, settings shape, custom messages.

/** The language id of depends.map files (package.json contributes.languages). */
export const DEPENDS_MAP_LANGUAGE_ID = 'erudi-depends-map';

/** The configuration section all settings live under. */
export const SETTINGS_SECTION = 'erudiMigrations';

/** The server-side settings (section `erudiMigrations`) as the client sends them. */
export interface ServerSettings {
  /** Installed framework (erudi) version "X.Y.Z" used by depends-framework-unavailable; null/empty: the bundled runtime's. */
  frameworkVersion?: string | null;
  /** Folders searched for the cubes of __depends__ (after the workspace and ERUDI_CUBES_PATH). */
  cubesPath?: string[] | null;
}

/** What the client may pass as initializationOptions (used when the client has no workspace/configuration). */
export interface InitializationOptions {
  settings?: ServerSettings;
}

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'erudi-migrations';

/** Server to client: a check of a document took longer than SLOW_CHECK_MILLISECONDS (the status item warns). */
export const SLOW_CHECK_NOTIFICATION = 'erudiMigrations/slowCheck';
export const SLOW_CHECK_MILLISECONDS = 1000;
export interface SlowCheckParams {
  /** The file whose check was slow (the document changed or opened). */
  path: string;
  milliseconds: number;
}

/** One difference between the instance's persisted schema and the application's (the runtime's `diff --json` event). */
export interface SchemaChange {
  kind: string;
  /** "Ticket", "Ticket.priority", "Ticket concerns Project" or "concerns". */
  subject: string;
  property: string | null;
  before: unknown;
  after: unknown;
  /** The schema file defining it (absolute, or relative to the application folder); null for what schema.py no longer has. */
  file: string | null;
  /** 1-based line in `file`, or null. */
  line: number | null;
  /** One plain sentence. */
  summary: string;
}

/**
 * Client to server: what the instance's schema still lacks after the pending scripts (`diff --after-pending`), read by
 * the client when a database is configured (on start, on schema.py save, after runs). The server shows each change as
 * `schema-not-migrated` on its schema file line; it never runs the runtime itself.
 */
export const SCHEMA_DIFF_NOTIFICATION = 'erudiMigrations/schemaDiff';
export interface SchemaDiffParams {
  /** The application folder's URI. */
  application: string;
  /** The database compared with, as shown to people (never with a password). */
  database: string;
  /** The instance's stored model version. */
  storedVersion: string | null;
  /** The changes no pending script covers ([] when they agree); null forgets the last ones (no database, the diff failed). */
  changes: SchemaChange[] | null;
}

/** The client command writing a migration script from schema.py; the quick fix of schema-not-migrated passes `{ file }` (the schema file). */
export const GENERATE_SCRIPT_COMMAND = 'erudiMigrations.generateScript';

/** What `erudi-migrate stats --json` says of one attribute's stored values. */
export interface AttributeFigures {
  /** Rows whose value is NULL. */
  nulls?: number;
  /** Rows whose (non-NULL) value another row also holds: what a unique constraint would meet. */
  duplicates?: number;
  /** The longest stored string, in characters (null when there is none). */
  maxLength?: number | null;
  /** For each maxsize schema.py gives the attribute: how many stored values are longer. */
  longerThan?: Record<string, number>;
}

/** The instance's figures (`erudi-migrate stats --json`, its `entityTypes`): how much data a change touches. */
export interface InstanceFigures {
  entityTypes: Record<string, { rows: number; attributes?: Record<string, AttributeFigures> }>;
}

/**
 * Client to server: the figures of an application's instance, read read-only by the runtime (`erudi-migrate stats`)
 * at start, after each run and on demand (never per keystroke). The data-aware safety rules use them; `figures: null`
 * (no database configured, or it could not be read: `problem` says why) puts them back on the static rules.
 */
export const INSTANCE_FIGURES_NOTIFICATION = 'erudiMigrations/instanceFigures';
export interface InstanceFiguresParams {
  /** The application folder (the one holding migration/). */
  application: string;
  figures: InstanceFigures | null;
  problem?: string;
}
