// Turns the raw erudiMigrations settings into CheckSettings, explaining any value it cannot use.
import { bundledFrameworkVersion } from '../core/installed-framework';
import { parseModelVersion } from '../core/model-version';
import type { CheckSettings } from './check-settings';

/** @param raw the `erudiMigrations` section as the client sent it: anything, since users edit settings by hand */
export function resolveSettings(raw: unknown): { settings: CheckSettings; problems: string[] } {
  const problems: string[] = [];
  let frameworkVersion = bundledFrameworkVersion();
  const wanted = typeof raw === 'object' && raw !== null ? (raw as { frameworkVersion?: unknown }).frameworkVersion : undefined;
  if (typeof wanted === 'string' && wanted.trim() !== '') {
    const parsed = parseModelVersion(wanted.trim());
    if (parsed) frameworkVersion = parsed;
    else problems.push(`Setting erudiMigrations.frameworkVersion "${wanted}" is not X.Y.Z; using the runtime's own version ${frameworkVersion.text}.`);
  } else if (wanted !== undefined && wanted !== null && wanted !== '') {
    problems.push(`Setting erudiMigrations.frameworkVersion must be a string "X.Y.Z"; using the runtime's own version ${frameworkVersion.text}.`);
  }
  return { settings: { frameworkVersion }, problems };
}
