// Turns the raw erudiMigrations settings into CheckSettings, explaining any value it cannot use.
import { bundledFrameworkVersion } from '../core/installed-framework';
import { parseModelVersion } from '../core/model-version';
import type { CheckSettings } from './check-settings';

export interface RawSettings {
  frameworkVersion?: unknown;
}

export function resolveSettings(raw: RawSettings | undefined): { settings: CheckSettings; problems: string[] } {
  const problems: string[] = [];
  let frameworkVersion = bundledFrameworkVersion();
  const wanted = raw?.frameworkVersion;
  if (typeof wanted === 'string' && wanted.trim() !== '') {
    const parsed = parseModelVersion(wanted.trim());
    if (parsed) frameworkVersion = parsed;
    else problems.push(`Setting erudiMigrations.frameworkVersion "${wanted}" is not X.Y.Z; using the runtime's own version ${frameworkVersion.text}.`);
  } else if (wanted !== undefined && wanted !== null && wanted !== '') {
    problems.push(`Setting erudiMigrations.frameworkVersion must be a string "X.Y.Z"; using the runtime's own version ${frameworkVersion.text}.`);
  }
  return { settings: { frameworkVersion }, problems };
}
