// duplicate-script: two scripts with the same version, description and mode, ignoring case; each names the others.
import { basename } from 'node:path';
import { diagnostic } from '../../core/check-diagnostic';
import { duplicateKey } from '../../core/script-file-name';
import { FILE_START } from '../../core/text-range';
import type { DiagnosticProvider } from './diagnostic-provider';

export const duplicateScriptsProvider: DiagnosticProvider = {
  id: 'duplicate-scripts',
  documentKinds: ['migration-script'],
  // The index re-checks the scripts sharing a created or deleted name's key (WorkspaceIndex marks them changed).
  dependsOn: [],
  check(document) {
    const key = document.script && duplicateKey(document.script);
    const group = key === undefined ? undefined : document.application.scriptsByKey.get(key);
    if (!group || group.length < 2) return [];
    const others = group.filter((p) => p !== document.path).map((p) => basename(p));
    return [
      diagnostic(
        'duplicate-script',
        FILE_START,
        `${others.join(', ')} ${others.length > 1 ? 'have' : 'has'} the same version, description and mode (ignoring case): the runtime cannot tell which is meant; merge them or change one's description.`,
      ),
    ];
  },
};
