// initialized: watches migration folders, reads settings, indexes every application and publishes all diagnostics.
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../../../../protocol/protocol';
import { FallbackFileWatcher } from '../fallback-file-watcher';
import { readSettings } from '../read-settings';
import { firstCheckSliceBudget, pauseForRequests } from '../recheck-scheduler';
import type { ServerSession } from '../session';

export const WATCHED_GLOBS = ['**/migration', '**/migration/**', '**/__pkginfo__.py', '**/schema.py', '**/schema/*.py'];

export async function handleInitialized(session: ServerSession): Promise<void> {
  const workspace = session.capabilities.workspace;
  const clientWatches = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  if (clientWatches) {
    await session.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
  }
  if (workspace?.didChangeConfiguration?.dynamicRegistration) {
    await session.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  session.settings = await readSettings(session);
  if (!clientWatches) session.fallbackWatcher = new FallbackFileWatcher(session);
  await scanWorkspace(session);
}

let generation = 0;

/** Indexes the workspace from scratch and publishes every document's diagnostics (clearing those of documents gone). */
export async function scanWorkspace(session: ServerSession): Promise<void> {
  const mine = ++generation;
  session.index.scan(session.workspaceRoots);
  session.indexReady();
  // Watch before checking: a file changed during a long first check must not be missed.
  session.fallbackWatcher?.sync();
  session.pipeline.setSettings(session.settings);
  // Slices of a few milliseconds of work (fewer while the editor is asking), so requests are answered meanwhile; the open
  // documents are checked first. The budget is read before each document.
  const finished = await session.pipeline.checkAllInSlices(
    {
      get budgetMs() {
        return firstCheckSliceBudget(session.lastMessageAt);
      },
    },
    () => pauseForRequests(session.publisher),
    (result) => session.publisher.publish(result),
    () => mine !== generation,
    (path) => session.index.isOpen(path),
  );
  // What only the check needed is garbage now: the heap goes back to what is live once the editor is quiet.
  if (finished) session.memory.afterWork('checking the workspace');
}
