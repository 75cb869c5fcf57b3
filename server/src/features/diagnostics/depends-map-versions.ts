// depends.map against the outside: depends-future-version (above numversion), depends-framework-unavailable (above installed erudi).
import { type CheckDiagnostic, diagnostic } from '../../core/check-diagnostic';
import { dependsMapOf, numversionOf } from '../../core/workspace/application';
import { compareVersions } from '../../core/model-version';
import type { DiagnosticProvider } from './diagnostic-provider';

export const dependsMapVersionsProvider: DiagnosticProvider = {
  id: 'depends-map-versions',
  documentKinds: ['depends-map'],
  dependsOn: ['depends-map', 'pkginfo', 'settings'],
  check(document) {
    const map = dependsMapOf(document.application);
    if (!map) return [];
    const numversion = numversionOf(document.application);
    const installed = document.settings.frameworkVersion;
    const diagnostics: CheckDiagnostic[] = [];
    for (const entry of map.entries) {
      if (numversion && compareVersions(entry.modelVersion, numversion) > 0) {
        diagnostics.push(
          diagnostic(
            'depends-future-version',
            entry.modelRange,
            `Model version ${entry.modelVersion.text} is above numversion ${numversion.text} in __pkginfo__.py: this entry takes effect only once the model reaches it.`,
          ),
        );
      }
      if (compareVersions(entry.erudiVersion, installed) > 0) {
        diagnostics.push(
          diagnostic(
            'depends-framework-unavailable',
            entry.erudiRange,
            `Needs erudi ${entry.erudiVersion.text}, but the installed framework is ${installed.text}: upgrading the model to ${entry.modelVersion.text} will stop here until the runtime is updated.`,
          ),
        );
      }
    }
    return diagnostics;
  },
};
