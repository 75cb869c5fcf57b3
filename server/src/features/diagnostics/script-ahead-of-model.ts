// script-ahead-of-model: a script whose version is above numversion never runs until numversion is raised.
import { diagnostic } from '../../core/check-diagnostic';
import { compareVersions } from '../../core/model-version';
import { FILE_START } from '../../core/text-range';
import { numversionOf } from '../../core/workspace/application';
import type { DiagnosticProvider } from './diagnostic-provider';

export const scriptAheadOfModelProvider: DiagnosticProvider = {
  id: 'script-ahead-of-model',
  documentKinds: ['migration-script'],
  dependsOn: ['pkginfo'],
  check(document) {
    const version = document.script?.version;
    const numversion = numversionOf(document.application);
    if (!version || !numversion || compareVersions(version, numversion) <= 0) return [];
    return [
      diagnostic(
        'script-ahead-of-model',
        FILE_START,
        `Version ${version.text} is above the model version ${numversion.text} (numversion in __pkginfo__.py), so an upgrade will not run this script: raise numversion to (${version.major}, ${version.minor}, ${version.patch}) or lower the script's version.`,
      ),
    ];
  },
};
