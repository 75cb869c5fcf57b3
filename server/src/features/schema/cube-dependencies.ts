// cube-not-found: a cube of __depends__ that no search folder holds, reported once on __pkginfo__.py with what would find it.
import { diagnostic } from '../../core/check-diagnostic';
import type { DiagnosticProvider } from '../diagnostics/diagnostic-provider';
import { mergedSchemaOf } from '../script/script-analysis';

/** Where the cube's package would be found (the contract's layouts), for the message. */
function layouts(name: string): string {
  return `cubicweb_${name}/, cubicweb-${name.replace(/_/g, '-')}/cubicweb_${name}/ or cubes/${name}/`;
}

export const cubeDependenciesProvider: DiagnosticProvider = {
  id: 'cube-dependencies',
  documentKinds: ['pkginfo'],
  // __depends__ is in __pkginfo__.py; a cube appearing or a cube's own __depends__ changing is a schema change; the
  // search folders are settings.
  dependsOn: ['pkginfo', 'schema', 'settings'],
  check(document) {
    const merged = mergedSchemaOf(document.application, document.settings);
    if (!merged) return [];
    return merged.missingCubes.map((missing) => {
      const through = missing.neededBy ? ` (needed by the ${missing.neededBy} cube, which ${missing.via.written} brings)` : '';
      return diagnostic('cube-not-found', missing.via.range,
        `cube '${missing.name}'${through} is not found in the workspace folders or the cube folders, so the schema checks stay silent `
        + `about names it may define; add the folder holding ${layouts(missing.name)} to the setting erudiMigrations.cubesPath `
        + `(erudi-migrations check: --cubes-path DIR, or the environment variable ERUDI_CUBES_PATH), or open it in the workspace`);
    });
  },
};
