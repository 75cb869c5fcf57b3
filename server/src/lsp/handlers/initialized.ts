// initialized: watches migration folders, reads settings, indexes every application and publishes all diagnostics.
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import { readSettings } from '../read-settings';
import type { ServerSession } from '../session';

export const WATCHED_GLOBS = ['**/migration', '**/migration/**', '**/__pkginfo__.py', '**/schema.py'];

export async function handleInitialized(session: ServerSession): Promise<void> {
  const workspace = session.capabilities.workspace;
  if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    await session.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
  }
  if (workspace?.didChangeConfiguration?.dynamicRegistration) {
    await session.connection.client.register(DidChangeConfigurationNotification.type, { section: 'erudiMigrations' });
  }
  session.settings = await readSettings(session);
  scanWorkspace(session);
}

/** Indexes the workspace from scratch and publishes every document's diagnostics (clearing those of documents gone). */
export function scanWorkspace(session: ServerSession): void {
  session.index.scan(session.workspaceRoots);
  session.pipeline.setSettings(session.settings);
  session.publisher.publish(session.pipeline.checkAll());
}
