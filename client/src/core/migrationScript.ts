// Migration script file names as commands need them: recognise a runnable one, propose the next version, build a valid name.
// The grammar itself is the language server's pure core (DESIGN §1.1), bundled here too, so that both sides agree.
import { MODES, type Mode } from '../../../server/src/core/mode';
import { parseModelVersion } from '../../../server/src/core/model-version';
import { readPkgInfo } from '../../../server/src/core/pkginfo';
import { parseMigrationFileName } from '../../../server/src/core/script-file-name';

export const modes = MODES;
export type { Mode };

export interface MigrationScriptName {
  version: [number, number, number];
  description: string;
  mode: Mode;
  ext: 'py' | 'sql';
}

/** Reads a script name (base name only) the runtime will run; anything flagged or exempt is not a script. */
export function parseScriptName(fileName: string): MigrationScriptName | undefined {
  const parsed = parseMigrationFileName(fileName);
  if (parsed.kind !== 'script' || parsed.problems.length > 0 || !parsed.version || !parsed.mode) return undefined;
  const { major, minor, patch } = parsed.version;
  return { version: [major, minor, patch], description: parsed.description ?? '', mode: parsed.mode, ext: parsed.extension };
}

export function formatVersion(v: readonly [number, number, number]): string {
  return v.join('.');
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Reads `numversion = (X, Y, Z)` from `__pkginfo__.py`. */
export function readModelVersion(pkginfo: string): [number, number, number] | undefined {
  const { numversion } = readPkgInfo(pkginfo);
  return numversion ? [numversion.major, numversion.minor, numversion.patch] : undefined;
}

export interface VersionProposal {
  version: string;
  /** What choosing it means, shown beside it. */
  note: string;
  /** True when the version is above `numversion`: the model version must be raised for the script to run. */
  raisesModel: boolean;
}

/**
 * The versions worth proposing for a new script: the model version first (a script for the release in progress,
 * which the next upgrade of an older instance runs), then the next patch, minor and major after the highest of
 * model and scripts, each saying that it means raising `numversion`.
 */
export function proposeVersions(model: [number, number, number] | undefined, scripts: readonly [number, number, number][]): VersionProposal[] {
  const highestScript = scripts.reduce<[number, number, number] | undefined>((hi, v) => (!hi || compareVersions(v, hi) > 0 ? v : hi), undefined);
  const base = [model, highestScript].filter((v): v is [number, number, number] => !!v)
    .reduce<[number, number, number]>((hi, v) => (compareVersions(v, hi) > 0 ? v : hi), [0, 0, 0]);
  const proposals: VersionProposal[] = [];
  if (model) {
    const same = scripts.filter((v) => compareVersions(v, model) === 0).length;
    proposals.push({
      version: formatVersion(model),
      note: `the model version (__pkginfo__.py)${same ? `, beside ${same} script${same > 1 ? 's' : ''} of that version` : ''}`,
      raisesModel: false,
    });
  }
  const [x, y, z] = base;
  for (const v of [[x, y, z + 1], [x, y + 1, 0], [x + 1, 0, 0]] as [number, number, number][]) {
    const version = formatVersion(v);
    if (proposals.some((p) => p.version === version)) continue;
    const raisesModel = !model || compareVersions(v, model) > 0;
    proposals.push({ version, note: raisesModel ? `raises numversion to ${version}` : '', raisesModel });
  }
  return proposals;
}

/** Turns free text ("Add age to Person") into a description part (`add_age_to_person`). */
export function descriptionFromText(text: string): string {
  return text.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
}

export function buildScriptName(version: string, description: string, mode: Mode, ext: 'py' | 'sql' = 'py'): string {
  return `${version}${description ? `_${description}` : ''}_${mode}.${ext}`;
}

export function isValidVersion(text: string): boolean {
  return parseModelVersion(text) !== undefined;
}
