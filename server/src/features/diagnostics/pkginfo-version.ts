// pkginfo-version: __pkginfo__.py must give the model version as numversion = (X, Y, Z).
import { diagnostic } from '../../core/check-diagnostic';
import { FILE_START } from '../../core/text-range';
import type { DiagnosticProvider } from './diagnostic-provider';

export const pkginfoVersionProvider: DiagnosticProvider = {
  id: 'pkginfo-version',
  documentKinds: ['pkginfo'],
  dependsOn: ['pkginfo'],
  check(document) {
    const pkginfo = document.application.pkginfo;
    if (!pkginfo) return [];
    if ('error' in pkginfo && pkginfo.error !== undefined) {
      return [diagnostic('pkginfo-version', FILE_START, `Cannot read __pkginfo__.py (${pkginfo.error}), so the model version is unknown: make it a readable text file with numversion = (X, Y, Z).`)];
    }
    if ('problem' in pkginfo) return [diagnostic('pkginfo-version', pkginfo.range, pkginfo.problem)];
    return [];
  },
};
