// Settings the checks read (from the editor's configuration or the checker's flags), resolved to plain values.
import type { ModelVersion } from '../core/model-version';

export interface CheckSettings {
  /** The installed framework (erudi) version: the runtime's own, unless the erudiMigrations.frameworkVersion setting overrides it. */
  frameworkVersion: ModelVersion;
  /**
   * Folders searched for cubes after the workspace, in order: --cubes-path, ERUDI_CUBES_PATH, erudiMigrations.cubesPath
   * (a relative folder is relative to each workspace folder).
   */
  cubeFolders?: readonly string[];
}
