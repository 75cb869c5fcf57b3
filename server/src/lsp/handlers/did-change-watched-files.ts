// workspace/didChangeWatchedFiles: applies created/changed/deleted files to the index and republishes what they affect.
import { type DidChangeWatchedFilesParams, FileChangeType } from 'vscode-languageserver/node';
import type { FileEvent } from '../../core/workspace/workspace-index';
import { uriToPath } from '../paths';
import { withRenameDependents } from '../rename-dependents';
import type { ServerSession } from '../session';

const TYPES: Record<FileChangeType, FileEvent['type']> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

export function handleDidChangeWatchedFiles(session: ServerSession, params: DidChangeWatchedFilesParams): void {
  const events: FileEvent[] = [];
  for (const change of params.changes) {
    const path = uriToPath(change.uri);
    if (path !== undefined && TYPES[change.type]) events.push({ path, type: TYPES[change.type] });
  }
  session.scheduler.apply(withRenameDependents(session.index.applyFileEvents(events)));
}
