// Reads the erudiMigrations settings from the client (workspace/configuration), else from initializationOptions, and reports unusable values.
import { SETTINGS_SECTION } from '../../../protocol/protocol';
import type { CheckSettings } from '../features/check-settings';
import { resolveSettings } from '../features/resolve-settings';
import type { ServerSession } from './session';

export async function readSettings(session: ServerSession): Promise<CheckSettings> {
  let raw: unknown = session.initializationSettings;
  if (session.supportsWorkspaceConfiguration) {
    try {
      raw = await session.connection.workspace.getConfiguration(SETTINGS_SECTION);
    } catch (error) {
      session.connection.console.warn(`Cannot read the ${SETTINGS_SECTION} settings: ${String(error)}`);
    }
  }
  const { settings, problems } = resolveSettings(raw);
  for (const problem of problems) void session.connection.window.showWarningMessage(problem);
  return settings;
}
