// A change to one file of an application can change what a rename elsewhere in it reports (rename-still-used counts later uses): those rename scripts are checked again too.
import type { WorkspaceChange } from '../core/workspace/workspace-index';
import { renameScriptsReading } from '../features/script/script-analysis';

/** The changes, each also re-checking the application's rename scripts other than the changed documents (few: most scripts rename nothing). */
export function withRenameDependents(changes: WorkspaceChange[]): WorkspaceChange[] {
  for (const change of changes) {
    for (const path of [...change.documents]) {
      for (const dependent of renameScriptsReading(path, change.application.root)) change.documents.add(dependent);
    }
  }
  return changes;
}
