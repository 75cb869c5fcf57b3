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
