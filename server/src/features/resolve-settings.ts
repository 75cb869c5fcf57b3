// Turns the raw erudiMigrations settings into CheckSettings, explaining any value it cannot use.
import { delimiter } from 'node:path';
import { bundledFrameworkVersion } from '../core/installed-framework';
import { parseModelVersion } from '../core/model-version';
import { splitCubesPath } from '../core/workspace/cubes';
import type { CheckSettings } from './check-settings';

export interface SettingsSources {
  /** Folders of the checker's --cubes-path flag, searched before the environment's and the setting's. */
  cubesPath?: readonly string[];
  /** The environment (ERUDI_CUBES_PATH); the process's by default. */
  environment?: Readonly<Record<string, string | undefined>>;
}

/** @param raw the `erudiMigrations` section as the client sent it: anything, since users edit settings by hand */
export function resolveSettings(raw: unknown, sources: SettingsSources = {}): { settings: CheckSettings; problems: string[] } {
  const problems: string[] = [];
  let frameworkVersion = bundledFrameworkVersion();
  const section = typeof raw === 'object' && raw !== null ? (raw as { frameworkVersion?: unknown; cubesPath?: unknown }) : {};
  const wanted = section.frameworkVersion;
  if (typeof wanted === 'string' && wanted.trim() !== '') {
    const parsed = parseModelVersion(wanted.trim());
    if (parsed) frameworkVersion = parsed;
    else problems.push(`Setting erudiMigrations.frameworkVersion "${wanted}" is not X.Y.Z; using the runtime's own version ${frameworkVersion.text}.`);
  } else if (wanted !== undefined && wanted !== null && wanted !== '') {
    problems.push(`Setting erudiMigrations.frameworkVersion must be a string "X.Y.Z"; using the runtime's own version ${frameworkVersion.text}.`);
  }
  // Cube folders in the contract's order (after the workspace): --cubes-path, ERUDI_CUBES_PATH, erudiMigrations.cubesPath.
  const environment = sources.environment ?? process.env;
  const fromSetting: string[] = [];
  const cubesPath = section.cubesPath;
  if (Array.isArray(cubesPath)) {
    for (const folder of cubesPath) {
      if (typeof folder === 'string' && folder.trim() !== '') fromSetting.push(folder.trim());
      else problems.push(`Setting erudiMigrations.cubesPath must list folders as strings; ignoring ${JSON.stringify(folder)}.`);
    }
  } else if (typeof cubesPath === 'string') {
    fromSetting.push(...splitCubesPath(cubesPath, delimiter));
  } else if (cubesPath !== undefined && cubesPath !== null) {
    problems.push('Setting erudiMigrations.cubesPath must be a list of folders, e.g. ["/srv/cubes"]; ignoring it.');
  }
  const cubeFolders = [...(sources.cubesPath ?? []), ...splitCubesPath(environment.ERUDI_CUBES_PATH, delimiter), ...fromSetting];
  return { settings: { frameworkVersion, cubeFolders }, problems };
}
