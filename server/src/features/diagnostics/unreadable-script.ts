// unreadable-script: a file in migration/ named like a script that the runtime cannot run (the upgrade's pre-flight stops on it).
import { diagnostic } from '../../core/check-diagnostic';
import { FILE_START } from '../../core/text-range';
import type { DiagnosticProvider } from './diagnostic-provider';

export const unreadableScriptProvider: DiagnosticProvider = {
  id: 'unreadable-script',
  documentKinds: ['migration-script', 'event-script'],
  dependsOn: [],
  check(document) {
    const read = document.read();
    if (read.error === undefined) return [];
    const name = document.path.slice(document.path.lastIndexOf('/') + 1);
    return [diagnostic('unreadable-script', FILE_START, `${name} cannot be read: ${read.error}. An upgrade stops before running anything while it is there: ${fixFor(read.error, name)}.`)];
  },
};

/** What to do, from the reason the file system gave. */
function fixFor(reason: string, name: string): string {
  if (reason.startsWith('it is a symbolic link')) return 'restore its target or remove the link';
  if (reason === 'it is a directory') return 'scripts are files: rename the directory or move it out of migration/';
  if (reason === 'permission denied') return `fix its permissions (chmod u+r ${name})`;
  if (reason.startsWith('it is larger than')) return 'split it into smaller scripts';
  return 'replace it with the script file';
}
