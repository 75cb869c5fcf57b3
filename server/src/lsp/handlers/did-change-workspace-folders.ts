// workspace/didChangeWorkspaceFolders: re-indexes with the new folder list.
import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { uriToPath } from '../paths';
import type { ServerSession } from '../session';
import { scanWorkspace } from './initialized';

export async function handleDidChangeWorkspaceFolders(session: ServerSession, event: WorkspaceFoldersChangeEvent): Promise<void> {
  const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
  const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  session.workspaceRoots = [...session.workspaceRoots.filter((r) => !removed.has(r)), ...added];
  await scanWorkspace(session);
}
