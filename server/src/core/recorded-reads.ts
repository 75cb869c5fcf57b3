// Records which facts of the schema a check reads (by path, with a digest of what it saw), so a cached result is reused while they hold.
//
// A check is given a recording view of the schema instead of the schema itself. Every property, Map entry and array
// element it reads is noted as a path from the schema's root with a digest of the value seen (a primitive's value, or
// only the kind of an object). On a new schema (any schema.py edit makes one), a cached result still holds when every
// recorded path gives the same digest there: a docstring or comment edit changes no fact read, a type rename changes
// only the facts of the checks that looked that type up. Nothing here knows the schema's shape, so new checks and
// a new schema model (merged core + cubes + application) are tracked the same way, as long as they read the schema
// through the context they are given (or through `schemaDerived` for structures built from it).

import { ownText } from './own-text';
import { textHash } from './text-hash';

const SEP = '\u0001';

/**
 * What a check read: path id, digest, path id, digest, ..., then the number of the path table the ids are from (flat,
 * to keep thousands of cached results small; see pathId).
 */
export type SchemaReads = readonly (number | string)[];

/** A short digest for a value whose own text would be long. */
function hash(text: string): string {
  const [h1, h2] = textHash(text);
  return `#${(4294967296 * (2097151 & h2) + h1).toString(36)}`;
}

const short = (digest: string) => (digest.length > 48 ? hash(digest) : digest);

/** The digest of one value read: primitives by value, objects by kind only (their own reads are recorded separately). */
function digestOf(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null) return 'z';
  if (isMapLike(value)) return 'M';
  if (Array.isArray(value)) return 'A';
  switch (typeof value) {
    case 'object': return 'O';
    case 'function': return 'F';
    case 'string': return short(`s${value}`);
    default: return `${(typeof value)[0]}${String(value)}`;
  }
}

const keysDigest = (keys: Iterable<unknown>) => short(`k${JSON.stringify([...keys].map(String))}`);

/** Records reads under one root; `wrap` gives the recording view of a value reached by a path. */
class Recorder {
  readonly reads = new Map<string, string>();
  private readonly views = new Map<string, unknown>();

  wrap(value: unknown, path: string): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || typeof value === 'function') return value;
    let view = this.views.get(path);
    if (view === undefined) {
      if (isMapLike(value)) view = this.mapView(value, path);
      else if (value instanceof Set) view = this.setView(value, path);
      else if (isPlain(value)) view = this.objectView(value as object, path);
      // Anything else (a class instance, a Date) may rely on internal slots a Proxy lacks: read whole, by its serialization.
      else return (offsetsRead = true), this.reads.set(`${path}${SEP}W`, wholeDigest(value)), value;
      this.views.set(path, view);
    }
    return view;
  }

  /** A structure built from the schema, read like the schema (a primitive one is recorded by value). */
  readDerived(path: string, value: unknown): unknown {
    return this.read(path, value);
  }

  private read(path: string, value: unknown): unknown {
    this.reads.set(path, digestOf(value));
    return this.wrap(value, path);
  }

  private mapView(map: MapLike, path: string): unknown {
    const keys = () => this.reads.set(`${path}${SEP}K`, keysDigest(map.keys()));
    const recorder = this;
    function* entries(): IterableIterator<[unknown, unknown]> {
      keys();
      for (const key of map.keys()) yield [key, recorder.wrap(map.get(key), `${path}${SEP}g${String(key)}`)];
    }
    const view = {
      get: (key: unknown) => this.read(`${path}${SEP}g${String(key)}`, map.get(key)),
      has: (key: unknown) => {
        const has = map.has(key);
        this.reads.set(`${path}${SEP}h${String(key)}`, String(has));
        return has;
      },
      get size() {
        keys();
        return map.size;
      },
      keys: () => (keys(), map.keys()),
      values: function* () {
        for (const [, value] of entries()) yield value;
      },
      entries,
      forEach: (callback: (value: unknown, key: unknown, map: unknown) => void) => {
        for (const [key, value] of entries()) callback(value, key, view);
      },
      [Symbol.iterator]: entries,
    };
    return view;
  }

  private setView(set: Set<unknown>, path: string): unknown {
    const keys = () => this.reads.set(`${path}${SEP}K`, keysDigest(set));
    return {
      has: (item: unknown) => {
        const has = set.has(item);
        this.reads.set(`${path}${SEP}h${String(item)}`, String(has));
        return has;
      },
      get size() {
        keys();
        return set.size;
      },
      keys: () => (keys(), set.values()),
      values: () => (keys(), set.values()),
      entries: () => (keys(), set.entries()),
      forEach: (callback: (value: unknown, key: unknown, set: unknown) => void) => {
        keys();
        set.forEach((v) => callback(v, v, set));
      },
      [Symbol.iterator]: () => (keys(), set.values()),
    };
  }

  private objectView(target: object, path: string): unknown {
    const isArray = Array.isArray(target);
    return new Proxy(target, {
      get: (object, property, receiver) => {
        if (typeof property === 'symbol') {
          // Iterating an array view goes through its indices, so each element read is recorded.
          if (property === Symbol.iterator && isArray) return function* () { for (let i = 0; i < receiver.length; i++) yield receiver[i]; };
          return Reflect.get(object, property);
        }
        const value = Reflect.get(object, property);
        if (property === 'start' || property === 'end') offsetsRead = true;
        // Methods (Array.prototype.some, ...) run with the view as `this`: their reads are recorded one by one.
        if (typeof value === 'function') return value;
        return this.read(`${path}${SEP}${isArray && isIndex(property) ? 'i' : 'p'}${property}`, value);
      },
      has: (object, property) => {
        const has = Reflect.has(object, property);
        if (typeof property !== 'symbol') this.reads.set(`${path}${SEP}${isArray && isIndex(property) ? 'j' : 'q'}${property}`, String(has));
        return has;
      },
      ownKeys: (object) => {
        const keys = Reflect.ownKeys(object);
        this.reads.set(`${path}${SEP}K`, keysDigest(keys.filter((k) => typeof k === 'string')));
        return keys;
      },
    });
  }
}

// Whether any check ever read an offset (a location's start or end) or a value whole. Until one does, a schema whose
// offsets alone moved (a docstring keystroke) may be moved in place and kept (merged-schema): no cached result read them.
let offsetsRead = false;

/** False once a recorded check has read an offset: from then on every schema edit builds a new schema. */
export function mayRelocate(): boolean {
  return !offsetsRead;
}

/** A Map, or anything read like one (ReadonlyMap: the schema's inherited-members maps): read through `get`, `has`, `keys`. */
interface MapLike {
  get(key: unknown): unknown;
  has(key: unknown): boolean;
  keys(): IterableIterator<unknown>;
  readonly size: number;
}

function isMapLike(value: unknown): value is MapLike {
  if (value instanceof Map) return true;
  if (value === null || typeof value !== 'object' || isPlain(value) || value instanceof Set) return false;
  const candidate = value as Partial<MapLike> & { [Symbol.iterator]?: unknown };
  return typeof candidate.get === 'function' && typeof candidate.has === 'function' && typeof candidate.keys === 'function' && typeof candidate[Symbol.iterator] === 'function';
}

function isPlain(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const wholeDigests = new WeakMap<object, string>();

function wholeDigest(value: unknown): string {
  const known = wholeDigests.get(value as object);
  if (known !== undefined) return known;
  const digest = serializedDigest(value);
  wholeDigests.set(value as object, digest);
  return digest;
}

function serializedDigest(value: unknown): string {
  try {
    return hash(JSON.stringify(value, (_key, v) => (v instanceof Map ? ['Map', ...v] : v instanceof Set ? ['Set', ...v] : v)) ?? 'u');
  } catch {
    // Cyclic or otherwise unserializable: never assumed unchanged.
    return `#unique${Math.random()}`;
  }
}

const isIndex = (property: string) => /^(0|[1-9]\d*)$/.test(property);

/** A recording view of `schema` and the reads it collects; `finish()` gives them compacted. */
export function recordSchemaReads<T extends object>(schema: T | undefined): { view: T | undefined; finish(): SchemaReads } {
  const recorder = new Recorder();
  recorder.reads.set('', digestOf(schema));
  const view = schema === undefined ? undefined : (recorder.wrap(schema, '') as T);
  if (view !== undefined) current.set(view, { recorder, raw: schema as object });
  return {
    view,
    finish: () => interned(withPathIds(compact(recorder.reads))),
  };
}

// Recording views in use, to find the raw schema and the recorder again (schemaDerived).
const current = new WeakMap<object, { recorder: Recorder; raw: object }>();
const derivedCache = new WeakMap<object, Map<string, unknown>>();

/**
 * A structure a check builds from the whole schema (e.g. the RQL view of it), built once per schema and read through
 * the recorder: reads of it are recorded as finely as reads of the schema. Checks must use this rather than a cache
 * keyed by the schema object (the view they get is not the schema object).
 */
export function schemaDerived<S extends object, D>(schema: S, name: string, build: (schema: S) => D): D {
  const recording = current.get(schema);
  const raw = (recording?.raw ?? schema) as S;
  const built = derivedOf(raw, name, build as (schema: object) => unknown) as D;
  return recording ? (recording.recorder.readDerived(`${SEP}d${name}`, built) as D) : built;
}

function derivedOf(raw: object, name: string, build: (schema: object) => unknown): unknown {
  let byName = derivedCache.get(raw);
  if (!byName) derivedCache.set(raw, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, build(raw));
  return byName.get(name);
}

// Builders of derived structures by name, so validation can rebuild them on a new schema.
const derivedBuilders = new Map<string, (schema: object) => unknown>();

/**
 * Registers how `schemaDerived(schema, name, ...)` builds its structure (called once by the module using it). The
 * structure must not be computed from offsets (locations' start and end): a schema moved in place keeps its structures.
 */
export function registerSchemaDerived(name: string, build: (schema: object) => unknown): void {
  derivedBuilders.set(name, build);
}

/**
 * Reads of consecutive array elements from the first on (a scan such as `some`/`filter`) become one "column" read:
 * digest of each element's field, in order. Thousands of element reads per cached result would cost more memory
 * than the result itself.
 */
function compact(reads: Map<string, string>): string[] {
  const columns = new Map<string, { array: string; kind: string; suffix: string; digests: Map<number, string> }>();
  const rest: string[] = [];
  for (const [path, digest] of reads) {
    const match = /^(.*)\u0001([ij])(\d+)((?:\u0001p[^\u0001]*)?)$/.exec(path);
    if (!match) {
      rest.push(path, digest);
      continue;
    }
    const [, array, kind, index, suffix] = match;
    const key = `${array}${SEP}${kind}${suffix}`;
    let column = columns.get(key);
    if (!column) columns.set(key, (column = { array, kind, suffix, digests: new Map() }));
    column.digests.set(Number(index), digest);
  }
  for (const { array, kind, suffix, digests } of columns.values()) {
    let length = 0;
    while (digests.has(length)) length++;
    if (length > 1) rest.push(`${array}${SEP}c${kind}${length}${suffix}`, hash(Array.from({ length }, (_, i) => digests.get(i)).join(SEP)));
    for (const [index, digest] of digests) if (length <= 1 || index >= length) rest.push(`${array}${SEP}${kind}${index}${suffix}`, digest);
  }
  return rest;
}

// Every path recorded gets a number, once: a read of a path is then a number, and a schema's digests are an array by
// number. A path is a value path (from the root through properties, map entries and derived structures) followed by
// its last step, which says what of that value was read; value paths are numbered too, so each is resolved once per
// schema and shared by the reads of its members (a type's attributes, ...). The table grows with the distinct facts
// ever read (names the scripts use), not with the number of results.
interface PathStep {
  /** The value path this step reads from (-1: the schema itself). */
  parent: number;
  /** The segment's kind (p, g, i, d, K, h, W, q, j, c; '' for the root path). */
  kind: string;
  name: string;
  /** For a column (c): the field read of each element, if any. */
  field?: string;
}

const pathIds = new Map<string, number>();
const steps: PathStep[] = [];
// The table grows with the names ever read, so with what is typed in open scripts (each partial name is a path): past
// this many paths it starts again, and reads numbered from an older table no longer hold (their results are checked
// again, once). A realistic application of 5,000 scripts reads a few tens of thousands.
let maxPaths = 200_000;
let table = 0;

/** The path table's size now, and a smaller limit for tests (the table starts again at the next recording). */
export function pathTableSize(): number {
  return steps.length;
}

export function limitPathTable(limit: number): void {
  maxPaths = limit;
}

function pathId(path: string): number {
  let id = pathIds.get(path);
  if (id !== undefined) return id;
  let step: PathStep;
  if (path === '') step = { parent: -1, kind: '', name: '' };
  else {
    let cut = path.lastIndexOf(SEP);
    let segment = path.slice(cut + 1);
    let field: string | undefined;
    // c<i|j><length> followed by the field read of each element.
    const before = path.lastIndexOf(SEP, cut - 1);
    if (cut > 0 && segment[0] === 'p' && before >= 0 && path[before + 1] === 'c') {
      field = segment.slice(1);
      segment = path.slice(before + 1, cut);
      cut = before;
    }
    const prefix = path.slice(0, cut);
    step = { parent: prefix === '' ? -1 : pathId(prefix), kind: segment[0], name: segment.slice(1), field };
  }
  id = steps.length;
  steps.push(step);
  // Copies: a path or a name cut from a schema file would keep that version of the file alive.
  step.name = ownText(step.name);
  if (step.field !== undefined) step.field = ownText(step.field);
  pathIds.set(ownText(path), id);
  return id;
}

function withPathIds(reads: string[]): SchemaReads {
  // Between recordings, so that one result's ids all come from one table.
  if (steps.length + reads.length / 2 > maxPaths) startPathTableAgain();
  const numbered: (number | string)[] = new Array(reads.length + 1);
  for (let i = 0; i < reads.length; i += 2) {
    numbered[i] = pathId(reads[i]);
    // A digest of a short string value is that value: a copy, for the same reason.
    numbered[i + 1] = ownText(reads[i + 1]);
  }
  numbered[reads.length] = table;
  return numbered;
}

function startPathTableAgain(): void {
  pathIds.clear();
  steps.length = 0;
  internedReads.clear();
  table++;
}

/** What is known of one schema: values of value paths and digests of read paths, by path number. */
interface SchemaState {
  /** The path table the arrays are indexed by. */
  table: number;
  values: unknown[];
  digests: Array<string | undefined>;
}

const UNDEFINED = Symbol('undefined');
const UNREGISTERED = Symbol('unregistered');

/** The value a value path gives on `schema` (UNREGISTERED under a derived structure nobody registered). */
function valueAt(schema: object | undefined, state: SchemaState, id: number): unknown {
  if (id < 0) return schema;
  const known = state.values[id];
  if (known !== undefined) return known === UNDEFINED ? undefined : known;
  const { parent, kind, name } = steps[id];
  let value: unknown;
  if (kind === 'd') {
    const build = derivedBuilders.get(name);
    value = !build ? UNREGISTERED : schema === undefined ? undefined : derivedOf(schema, name, build);
  } else {
    const from = valueAt(schema, state, parent);
    if (from === UNREGISTERED) value = UNREGISTERED;
    else if (kind === 'g') value = isMapLike(from) ? from.get(name) : undefined;
    else value = from !== null && typeof from === 'object' ? (from as Record<string, unknown>)[name] : undefined;
  }
  state.values[id] = value === undefined ? UNDEFINED : value;
  return value;
}

/** The digest a recorded path gives on `schema` now (undefined schema: the application has none). */
function digestAt(schema: object | undefined, state: SchemaState, id: number): string {
  const { parent, kind, name, field } = steps[id];
  if (kind === '') return digestOf(schema);
  if (kind === 'd' || kind === 'g' || kind === 'p' || kind === 'i') {
    const value = valueAt(schema, state, id);
    return value === UNREGISTERED ? 'unregistered' : digestOf(value);
  }
  const value = valueAt(schema, state, parent);
  if (value === UNREGISTERED) return 'unregistered';
  switch (kind) {
    case 'K':
      if (isMapLike(value)) return keysDigest(value.keys());
      if (value instanceof Set) return keysDigest(value);
      return value !== null && typeof value === 'object' ? keysDigest(Object.keys(value)) : 'not-object';
    case 'h':
      return String((isMapLike(value) || value instanceof Set) && value.has(name));
    case 'W':
      return value !== null && typeof value === 'object' && !isPlain(value) && !isMapLike(value) && !(value instanceof Set) ? wholeDigest(value) : 'not-whole';
    case 'q':
    case 'j':
      return String(value !== null && typeof value === 'object' && name in value);
    case 'c': {
      // c<i|j><length>[ field]: the column of `length` elements.
      const columnKind = name[0];
      const length = Number(name.slice(1));
      if (!Array.isArray(value) || value.length < length) return 'short';
      const digests: string[] = [];
      for (let k = 0; k < length; k++) {
        if (columnKind === 'j') digests.push(String(field === undefined ? k in value : field in (value[k] ?? {})));
        else digests.push(digestOf(field === undefined ? value[k] : (value[k] as Record<string, unknown> | undefined)?.[field]));
      }
      return hash(digests.join(SEP));
    }
    default:
      return 'unknown-step';
  }
}

// What is known of each schema (values and digests by path number): after an edit thousands of cached results read the
// same facts (a type's attributes), so each fact is looked up once per schema, not once per result. Forgotten with the schema.
const statesBySchema = new WeakMap<object, SchemaState>();

function stateOf(schema: object | undefined): SchemaState {
  if (schema === undefined) return { table, values: [], digests: [] };
  let state = statesBySchema.get(schema);
  // Sized for every path known (arrays written far from their end would turn into dictionaries).
  if (!state || state.table !== table) statesBySchema.set(schema, (state = { table, values: new Array(steps.length), digests: new Array(steps.length) }));
  return state;
}

// Results of different statements often read the very same facts (a type's attributes, a relation's definitions): the
// same reads are one array, and its verdict for a schema is found once for all of them (a type rename re-validates
// thousands of results, a few thousand distinct reads). Bounded: forgetting only costs sharing.
const MAX_INTERNED = 100_000;
const internedReads = new Map<string, SchemaReads[]>();
const verdicts = new WeakMap<SchemaReads, { schema: number; holds: boolean }>();

function interned(reads: SchemaReads): SchemaReads {
  const key = hash(reads.join(SEP));
  const known = internedReads.get(key);
  const same = known?.find((r) => r.length === reads.length && r.every((value, i) => value === reads[i]));
  if (same) return same;
  if (internedReads.size >= MAX_INTERNED) internedReads.clear();
  if (known) known.push(reads);
  else internedReads.set(key, [reads]);
  return reads;
}

/** True when every fact in `reads` is the same in `schema`. */
export function readsHold(reads: SchemaReads, schema: object | undefined): boolean {
  const last = reads.length - 1;
  // Nothing read holds on any schema; ids numbered from a table since forgotten mean nothing now: checked again.
  if (last === 0) return true;
  if (reads[last] !== table) return false;
  const id = schemaIdentity(schema);
  const known = verdicts.get(reads);
  if (known?.schema === id) return known.holds;
  const holds = readsHoldNow(reads, schema);
  verdicts.set(reads, { schema: id, holds });
  return holds;
}

function readsHoldNow(reads: SchemaReads, schema: object | undefined): boolean {
  const last = reads.length - 1;
  const state = stateOf(schema);
  const digests = state.digests;
  for (let i = 0; i < last; i += 2) {
    const id = reads[i] as number;
    let digest = digests[id];
    if (digest === undefined) digests[id] = digest = digestAt(schema, state, id);
    if (digest !== reads[i + 1]) return false;
  }
  return true;
}

let nextId = 1;
const ids = new WeakMap<object, number>();

/** A number per schema object (0: none), to remember which schema a cached result was last found valid for. */
export function schemaIdentity(schema: object | undefined): number {
  if (schema === undefined) return 0;
  let id = ids.get(schema);
  if (id === undefined) ids.set(schema, (id = nextId++));
  return id;
}
