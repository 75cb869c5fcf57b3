// What a statement's checks read of the script around it (its version, the names it or later scripts remove, the attributes it fills), recorded, so one cached result serves every script that answers those reads the same way.
//
// A statement's problems depend on its text, the schema facts it read (core/recorded-reads) and a few facts of its
// script. Putting those facts in the cache key made the key unique per script (the version is in an old script's
// advice), so 5,000 scripts shared almost nothing; most statements never read them (only an unknown name asks whether
// the script is old, only an added required attribute asks whether the script fills it). Here each fact is read
// through `read(key)`, and the result keeps the facts it read: it holds for another script when that script gives
// the same answers.
import { compareVersions } from '../../core/model-version';
import { TextInterner } from '../../core/bounded-map';
import type { RqlNameOptions } from '../../core/rql';
import type { RenameFacts } from '../safety-rules/rename-still-used';
import type { ScriptHistory, SchemaSurroundings } from './script-context';

/** key, answer, key, answer, ... */
export type ScriptReads = readonly string[];

/** The facts of one script a statement's checks may read, answered on demand (each at most once per script). */
export class ScriptFacts {
  private readonly answers = new Map<string, string>();
  private removedNames?: readonly string[];
  private filledNames?: readonly string[];

  constructor(
    private readonly history: ScriptHistory | undefined,
    /** The names the script removes and the attributes it fills, or how to find them (each a scan of the whole text, done when first asked). */
    private readonly removed: readonly string[] | (() => readonly string[]),
    private readonly filled: readonly string[] | (() => readonly string[]),
    /** The script's rename calls and the uses of their old names after them (rename-still-used), read on demand. */
    private readonly renames: () => readonly RenameFacts[] | undefined = () => undefined,
    /** The script's mode and whether it asks the user things (confirm(), interactive_mode). */
    private readonly script: { mode: string; interactive: boolean } = { mode: 'Any', interactive: false },
  ) {}

  answer(key: string): string {
    // Most statements of a script read the same fact (whether its mode allows the repository-side primitives), by
    // the same interned key: asked again, it is answered without a lookup.
    if (key === this.lastKey) return this.lastValue;
    let value = this.answers.get(key);
    if (value === undefined) this.answers.set(key, (value = this.compute(key)));
    this.lastKey = key;
    this.lastValue = value;
    return value;
  }

  private lastKey: string | undefined;
  private lastValue = '';

  /** True when every fact in `reads` has the same answer for this script. */
  hold(reads: ScriptReads): boolean {
    for (let i = 0; i < reads.length; i += 2) if (this.answer(reads[i]) !== reads[i + 1]) return false;
    return true;
  }

  private compute(key: string): string {
    const colon = key.indexOf(':');
    const kind = colon < 0 ? key : key.slice(0, colon);
    const name = colon < 0 ? '' : key.slice(colon + 1);
    const history = this.history;
    switch (kind) {
      case 'mode': return this.script.mode;
      case 'modeIn': return name.split(',').includes(this.script.mode) ? '1' : '';
      case 'interactive': return this.script.interactive ? '1' : '';
      case 'history': return history ? '1' : '';
      case 'version': return history?.version.text ?? '';
      case 'numversion': return history?.numversion?.text ?? '';
      case 'removes': return (this.removedNames ??= typeof this.removed === 'function' ? this.removed() : this.removed).includes(name) ? '1' : '';
      case 'removedBy': return history?.removedBy(name) ?? '';
      case 'fills': return (this.filledNames ??= typeof this.filled === 'function' ? this.filled() : this.filled).includes(name) ? '1' : '';
      case 'rename': {
        const found = this.renames()?.find((f) => String(f.start) === name);
        return found ? JSON.stringify(found) : '';
      }
      default: throw new Error(`unknown script fact ${key}`);
    }
  }
}

// The keys results keep, one string per key (an own copy: a name read from a script is a view into its text):
// thousands of results read the same few facts.
const keys = new TextInterner(10_000);

/** Reads facts of one script for one statement's checks, keeping what was read. */
export class ScriptReader {
  private readonly reads = new Map<string, string>();

  constructor(private readonly facts: ScriptFacts) {}

  read(key: string): string {
    const value = this.facts.answer(key);
    this.reads.set(key, value);
    return value;
  }

  finish(): ScriptReads {
    const reads: string[] = [];
    for (const [key, value] of this.reads) reads.push(keys.intern(key), value);
    return reads;
  }

  /** The script's history as the checks see it: each property read is a recorded fact (undefined: the script has none). */
  history(original: ScriptHistory | undefined): ScriptHistory | undefined {
    if (this.read('history') === '' || !original) return undefined;
    const reader = this;
    return {
      get version() {
        reader.read('version');
        return original.version;
      },
      get numversion() {
        reader.read('numversion');
        return original.numversion;
      },
      removedBy: (name) => reader.read(`removedBy:${name}`) || undefined,
    };
  }

  surroundings(original: SchemaSurroundings): SchemaSurroundings {
    const reader = this;
    return {
      describe: original.describe,
      missingCubes: original.missingCubes,
      get history() {
        return reader.history(original.history);
      },
    };
  }

  /** How the RQL name check treats a name the schema lacks, for this script: tolerated when this script or a later one
   * drops or renames it, or when a cube is missing; told as a possible typo only in a script older than numversion. */
  rqlNameOptions(original: SchemaSurroundings): RqlNameOptions {
    const incomplete = original.missingCubes.length > 0;
    const reader = this;
    return {
      tolerated: (name) => incomplete || reader.read(`removes:${name}`) !== '' || (reader.history(original.history)?.removedBy(name) !== undefined),
      get olderScript() {
        const history = reader.history(original.history);
        return history?.numversion && compareVersions(history.version, history.numversion) < 0
          ? `this script (${history.version.text}) is older than numversion ${history.numversion.text}, so a later release may have dropped or renamed it`
          : undefined;
      },
    };
  }

  /** The rename call starting at `start` and the uses of its old name after it (only a statement holding a rename asks). */
  renameAt(start: number): RenameFacts | undefined {
    const value = this.read(`rename:${start}`);
    return value ? (JSON.parse(value) as RenameFacts) : undefined;
  }

  /** The attributes the script fills (read one by one: only an added required attribute asks). */
  filled(): { has(name: string): boolean } {
    return { has: (name) => this.read(`fills:${name}`) !== '' };
  }
}
