// Migration script file names as the client needs them: recognise one, propose the next version, build a valid name.
// The language server owns the full grammar and its diagnostics (DESIGN §1.1); this is the part commands need.

export const modes = ['Any', 'repository', 'web', 'common'] as const;
export type Mode = (typeof modes)[number];

export interface MigrationScriptName {
  version: [number, number, number];
  description: string;
  mode: Mode;
  ext: 'py' | 'sql';
}

const scriptName = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:_([A-Za-z0-9_-]*))?_(Any|repository|web|common)\.(py|sql)$/;

/** Reads a well-formed script file name (base name only); anything else is not a script. */
export function parseScriptName(fileName: string): MigrationScriptName | undefined {
  const m = scriptName.exec(fileName);
  if (!m) return undefined;
  if (m[6] === 'sql' && m[5] !== 'Any') return undefined;
  return { version: [Number(m[1]), Number(m[2]), Number(m[3])], description: m[4] ?? '', mode: m[5] as Mode, ext: m[6] as 'py' | 'sql' };
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
  const m = /^numversion\s*=\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,?\s*\)/m.exec(pkginfo);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/**
 * The versions worth proposing for a new script: the model version when no script has it yet (it is being written
 * for the release in progress), then the next patch, minor and major after the highest of model and scripts.
 */
export function proposeVersions(model: [number, number, number] | undefined, scripts: readonly [number, number, number][]): string[] {
  const highestScript = scripts.reduce<[number, number, number] | undefined>((hi, v) => (!hi || compareVersions(v, hi) > 0 ? v : hi), undefined);
  const base = [model, highestScript].filter((v): v is [number, number, number] => !!v)
    .reduce<[number, number, number]>((hi, v) => (compareVersions(v, hi) > 0 ? v : hi), [0, 0, 0]);
  const proposals: string[] = [];
  if (model && (!highestScript || compareVersions(model, highestScript) > 0)) proposals.push(formatVersion(model));
  const [x, y, z] = base;
  for (const v of [[x, y, z + 1], [x, y + 1, 0], [x + 1, 0, 0]] as [number, number, number][]) {
    const text = formatVersion(v);
    if (!proposals.includes(text)) proposals.push(text);
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
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(text);
}
