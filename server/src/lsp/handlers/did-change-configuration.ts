// workspace/didChangeConfiguration: re-reads settings and re-checks what depends on them (depends-framework-unavailable).
import type { DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { readSettings } from '../read-settings';
import type { ServerSession } from '../session';

export async function handleDidChangeConfiguration(session: ServerSession, params: DidChangeConfigurationParams): Promise<void> {
  // Clients without workspace/configuration push the settings here.
  const pushed = (params.settings as Record<string, unknown> | undefined)?.erudiMigrations;
  if (!session.supportsWorkspaceConfiguration && pushed !== undefined) session.initializationSettings = pushed;
  session.settings = await readSettings(session);
  session.publisher.publish(session.pipeline.updateSettings(session.settings));
}
