// workspace/didChangeConfiguration: re-reads settings and re-checks what depends on them (depends-framework-unavailable).
import type { DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../../../../protocol/protocol';
import { readSettings } from '../read-settings';
import type { ServerSession } from '../session';

export async function handleDidChangeConfiguration(session: ServerSession, params: DidChangeConfigurationParams): Promise<void> {
  // Clients without workspace/configuration push the settings here.
  const pushed = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
  if (!session.supportsWorkspaceConfiguration && pushed !== undefined) session.initializationSettings = pushed;
  session.settings = await readSettings(session);
  session.publisher.publish(session.pipeline.updateSettings(session.settings));
}
