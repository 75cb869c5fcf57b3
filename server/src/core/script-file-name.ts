// Parses a migration folder entry's file name (DESIGN 1.1): `<X.Y.Z>[_<description>]_<mode>.<ext>`, mode after the LAST `_`.
import { looksLikeVersion, type ModelVersion, parseModelVersion, suggestVersion } from './model-version';
import { isMode, type Mode, suggestMode } from './mode';

export type ScriptExtension = 'py' | 'sql';

/** Why a name is not a runnable script, with the name that would fix it when one rename can. */
export interface ScriptNameProblem {
  code: 'filename-grammar' | 'unknown-mode' | 'bad-version' | 'sql-mode';
  message: string;
  /** The full file name a rename would give, for the quick fix. */
  suggestedName?: string;
}

export type MigrationFileName =
  /** Not a script and never flagged: depends.map, __init__.py, the event scripts (postcreate.py, ...), `_x`, editor leftovers. */
  | { kind: 'exempt'; name: string }
  /** Not .py/.sql: not looked at. */
  | { kind: 'other'; name: string }
  | MigrationScriptName;

export interface MigrationScriptName {
  kind: 'script';
  name: string;
  extension: ScriptExtension;
  versionText: string;
  /** Undefined when the version is malformed (a bad-version problem says why). */
  version?: ModelVersion;
  /** The text between version and mode; undefined when the name has none. */
  description?: string;
  modeText: string;
  /** Undefined when the mode is unknown (an unknown-mode problem says why). */
  mode?: Mode;
  /** Empty for a script the runtime will run. */
  problems: ScriptNameProblem[];
}

/** Scripts CubicWeb runs on an event (creating, removing an instance or a cube, bootstrapping the framework), never on an upgrade. */
export const EVENT_SCRIPT_NAMES: ReadonlySet<string> = new Set(['precreate.py', 'postcreate.py', 'preremove.py', 'postremove.py', 'bootstrapmigration_repository.py']);
const EXEMPT_NAMES = new Set(['depends.map', '__init__.py', ...EVENT_SCRIPT_NAMES]);
const EDITOR_LEFTOVERS = ['.pyc', '~', '.swp', '.orig'];
const DESCRIPTION = /^[A-Za-z0-9_-]+$/;

export function parseMigrationFileName(name: string): MigrationFileName {
  if (EXEMPT_NAMES.has(name) || name.startsWith('_') || EDITOR_LEFTOVERS.some((end) => name.endsWith(end))) {
    return { kind: 'exempt', name };
  }
  const extension = name.endsWith('.py') ? 'py' : name.endsWith('.sql') ? 'sql' : undefined;
  if (!extension) return { kind: 'other', name };
  const stem = name.slice(0, name.length - extension.length - 1);
  const first = stem.indexOf('_');
  const last = stem.lastIndexOf('_');
  const versionText = first < 0 ? stem : stem.slice(0, first);
  const modeText = first < 0 ? '' : stem.slice(last + 1);
  const description = first >= 0 && last > first ? stem.slice(first + 1, last) : undefined;
  const script: MigrationScriptName = { kind: 'script', name, extension, versionText, description, modeText, problems: [] };
  const rebuild = (parts: { version?: string; mode?: string }) =>
    `${parts.version ?? versionText}${description !== undefined ? `_${description}` : ''}_${parts.mode ?? modeText}.${extension}`;

  if (!looksLikeVersion(versionText)) {
    script.problems.push({
      code: 'filename-grammar',
      message: `${name} is not a migration script name, so it will never run: name it <X.Y.Z>[_<description>]_<mode>.${extension} (for example 0.1.0_${extension === 'sql' ? 'fix' : 'add_field'}_Any.${extension}), or start it with "_" if it is a helper.`,
    });
    return script;
  }
  script.version = parseModelVersion(versionText);
  // One rename fixes both parts when both are wrong and both have a likely meaning.
  const modeFix = first >= 0 && !isMode(modeText) ? suggestMode(modeText) : undefined;
  const versionFix = script.version ? undefined : suggestVersion(versionText);
  if (!script.version) {
    script.problems.push({
      code: 'bad-version',
      message: `Version "${versionText}" is not three integers without leading zeros (X.Y.Z)${versionFix ? `: did you mean ${versionFix.text}?` : '.'}`,
      suggestedName: versionFix && first >= 0 ? rebuild({ version: versionFix.text, mode: modeFix }) : undefined,
    });
  }
  if (first < 0) {
    script.problems.push({
      code: 'unknown-mode',
      message: `${name} has no mode, so it will never run: end the name with _Any, _repository, _web or _common (for example ${versionText}_Any.${extension}).`,
      suggestedName: script.version ? `${versionText}_Any.${extension}` : undefined,
    });
    return script;
  }
  if (description !== undefined && !DESCRIPTION.test(description)) {
    script.problems.push({
      code: 'filename-grammar',
      message: `The description "${description}" may hold only letters, digits, "_" and "-", so this file will never run: rename it without spaces, dots or other signs.`,
    });
  }
  if (isMode(modeText)) {
    script.mode = modeText;
    if (extension === 'sql' && modeText !== 'Any') {
      script.problems.push({
        code: 'sql-mode',
        message: `A .sql script runs only in mode Any (it is executed on the database), not "${modeText}": rename it to ${rebuild({ mode: 'Any' })} or write it in Python.`,
        suggestedName: script.version ? rebuild({ mode: 'Any' }) : undefined,
      });
    }
  } else {
    script.problems.push({
      code: 'unknown-mode',
      message: `Mode "${modeText}" is not one of Any, repository, web, common (case matters)${modeFix ? `: did you mean ${modeFix}?` : '.'} The mode is the text after the last "_".`,
      suggestedName: modeFix ? rebuild({ mode: modeFix, version: versionFix?.text }) : undefined,
    });
  }
  return script;
}

/** Two scripts with the same key are duplicates: same version, description and mode, ignoring case (DESIGN §3). */
export function duplicateKey(script: MigrationScriptName): string | undefined {
  if (!script.version || script.modeText === '') return undefined;
  return `${script.version.text}\u0000${script.description ?? ''}\u0000${script.modeText}`.toLowerCase();
}
