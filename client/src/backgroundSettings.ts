// What a background reading (status, instance figures, schema difference) runs with: the settings and a password already stored, never a prompt.
import type { Application } from './paths';
import type { DatabasePasswords } from './secrets';
import { readRunSettings, type RunSettings } from './settings';

export type BackgroundSettings =
  | { settings: RunSettings; password?: string }
  | { problem: 'settings'; error: string }
  | { problem: 'no-password'; database: string };

/** Readings run unasked (at start, after runs): a PostgreSQL database without a stored password is skipped, never asked for one. */
export async function readBackgroundSettings(app: Application, passwords: DatabasePasswords): Promise<BackgroundSettings> {
  const settings = await readRunSettings(app);
  if ('error' in settings) return { problem: 'settings', error: settings.error };
  if (settings.database.kind !== 'postgresql') return { settings };
  const password = await passwords.get(settings.database, false);
  return password === undefined ? { problem: 'no-password', database: settings.database.url } : { settings, password };
}
