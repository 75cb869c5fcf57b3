// Typed view of runtime/erudi_migrate/catalog.json, the one list of names a migration script sees.
import catalogJson from '../../../../runtime/erudi_migrate/catalog.json';
import { MODES, type Mode } from '../mode';

export type Category = 'context' | 'schema' | 'data' | 'workflow' | 'configuration' | 'low-level';

/** What a string argument names in schema.py. */
export type NamedKind = 'entity-type' | 'relation-type' | 'attribute' | 'entity-or-relation-type';

/** Whether the primitive needs the named thing still in schema.py ("defined") or already gone ("removed"). */
export type SchemaExpectation = 'defined' | 'removed';

export interface Parameter {
  name: string;
  /** Ordinary (positional or keyword), `*args`, keyword-only (after `*`) or `**kwargs`. */
  kind: 'positional-or-keyword' | 'var-positional' | 'keyword-only' | 'var-keyword';
  type: string;
  /** Python source of the default value; absent when the parameter is required. */
  default?: string;
  names?: NamedKind;
  schema?: SchemaExpectation;
  /** For attributes (and relations of a subject): the parameter holding their entity type. */
  of?: string;
  /** For a relation definition: the parameters holding its subject and object types. */
  subject?: string;
  object?: string;
  /** The language the string is written in (`rql`, `sql`): other checkers plug in there. */
  language?: string;
}

export interface DestructiveWhen {
  parameter: string;
  pattern: RegExp;
}

interface EntryBase {
  name: string;
  category: Category;
  modes: readonly Mode[];
  /** True when the entry is only available on the repository side (not in `web`/`common` scripts). */
  repositoryOnly: boolean;
  summary: string;
  /** Which API the name follows (CubicWeb 3.28 or the Erudi guide) and the other spelling, for hovers. */
  reference?: string;
}

export interface ContextValue extends EntryBase {
  kind: 'value';
  type: string;
  /** Methods of the object (`cnx.execute(...)`); each is also in `byName` as `owner.member`. */
  members?: readonly Primitive[];
}

/** A function a script may call: a context helper or one of the guide's primitives. */
export interface Primitive extends EntryBase {
  kind: 'function';
  parameters: readonly Parameter[];
  returns: string;
  destructive: boolean;
  destructiveWhen?: DestructiveWhen;
}

export type CatalogEntry = ContextValue | Primitive;

export interface Catalog {
  entries: readonly CatalogEntry[];
  byName: ReadonlyMap<string, CatalogEntry>;
}

const CATEGORIES: readonly Category[] = ['context', 'schema', 'data', 'workflow', 'configuration', 'low-level'];
const NAMED_KINDS: readonly NamedKind[] = ['entity-type', 'relation-type', 'attribute', 'entity-or-relation-type'];

// The JSON is edited by hand: a malformed entry must fail loudly, naming the entry, not misbehave later.
function fail(where: string, what: string): never {
  throw new Error(`runtime/erudi_migrate/catalog.json: ${where}: ${what}`);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string, field: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) fail(where, `${field} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

function text(value: unknown, where: string, field: string): string {
  if (typeof value !== 'string' || value === '') fail(where, `${field} must be a non-empty string`);
  return value;
}

function readParameter(raw: Record<string, unknown>, where: string): Parameter {
  const name = text(raw.name, where, 'parameter name');
  const at = `${where}, parameter ${name}`;
  const parameter: Parameter = {
    name,
    kind: raw.kind === undefined ? 'positional-or-keyword' : oneOf(raw.kind, ['var-positional', 'keyword-only', 'var-keyword'] as const, at, 'kind'),
    type: text(raw.type, at, 'type'),
  };
  if (raw.default !== undefined) parameter.default = text(raw.default, at, 'default');
  if (raw.names !== undefined) parameter.names = oneOf(raw.names, NAMED_KINDS, at, 'names');
  if (raw.schema !== undefined) parameter.schema = oneOf(raw.schema, ['defined', 'removed'] as const, at, 'schema');
  for (const field of ['of', 'subject', 'object', 'language'] as const) {
    if (raw[field] !== undefined) parameter[field] = text(raw[field], at, field);
  }
  return parameter;
}

// CubicWeb's `interact` wrapper lets every command take ask_confirm=...: a keyword-only parameter, before **kwargs.
const ASK_CONFIRM: Parameter = { name: 'ask_confirm', kind: 'keyword-only', type: 'bool', default: 'True' };

function withAskConfirm(parameters: Parameter[]): void {
  if (parameters.some((p) => p.name === ASK_CONFIRM.name)) return;
  const varKeyword = parameters.findIndex((p) => p.kind === 'var-keyword');
  parameters.splice(varKeyword < 0 ? parameters.length : varKeyword, 0, { ...ASK_CONFIRM });
}

function readFunction(raw: Record<string, unknown>, base: Omit<EntryBase, 'name' | 'summary'> & { name: string; summary: string }, where: string): Primitive {
  if (!Array.isArray(raw.parameters)) fail(where, 'parameters must be a list');
  const parameters = (raw.parameters as Record<string, unknown>[]).map((p) => readParameter(p, where));
  if (raw.interact === true) withAskConfirm(parameters);
  const primitive: Primitive = {
    ...base, name: text(raw.name, where, 'name'), summary: text(raw.summary, where, 'summary'),
    kind: 'function', parameters, returns: text(raw.returns, where, 'returns'), destructive: raw.destructive === true,
  };
  const when = raw.destructiveWhen as { parameter?: unknown; pattern?: unknown } | undefined;
  if (when) {
    const parameter = text(when.parameter, where, 'destructiveWhen.parameter');
    if (!parameters.some((p) => p.name === parameter)) fail(where, `destructiveWhen names no parameter ${parameter}`);
    primitive.destructiveWhen = { parameter, pattern: new RegExp(text(when.pattern, where, 'destructiveWhen.pattern'), 'i') };
  }
  for (const p of parameters) {
    for (const ref of [p.of, p.subject, p.object]) {
      if (ref !== undefined && !parameters.some((q) => q.name === ref)) fail(`${where}, parameter ${p.name}`, `refers to no parameter ${ref}`);
    }
  }
  return primitive;
}

/** Checks and types the catalog JSON; throws an error naming the bad entry when the file is malformed. */
export function readCatalog(json: unknown): Catalog {
  const root = json as { modes?: Record<string, unknown>; entries?: unknown };
  if (!root || typeof root !== 'object' || !root.modes || !Array.isArray(root.entries)) fail('top level', 'expected { modes, entries: [...] }');
  const modeSets = new Map<string, readonly Mode[]>();
  for (const [key, list] of Object.entries(root.modes)) {
    if (!Array.isArray(list)) fail(`modes.${key}`, 'must be a list of modes');
    modeSets.set(key, list.map((mode) => oneOf(mode, MODES, `modes.${key}`, 'mode')));
  }
  const entries: CatalogEntry[] = [];
  const byName = new Map<string, CatalogEntry>();
  for (const raw of root.entries as Record<string, unknown>[]) {
    const name = text(raw.name, `entry #${entries.length + 1}`, 'name');
    const where = `entry ${name}`;
    const modes = modeSets.get(String(raw.modes)) ?? fail(where, `modes ${JSON.stringify(raw.modes)} is not a key of "modes"`);
    const base = {
      name,
      category: oneOf(raw.category, CATEGORIES, where, 'category'),
      modes,
      repositoryOnly: !modes.includes('web') || !modes.includes('common'),
      summary: text(raw.summary, where, 'summary'),
      ...(raw.reference === undefined ? {} : { reference: text(raw.reference, where, 'reference') }),
    };
    let entry: CatalogEntry;
    if (raw.kind === 'value') {
      entry = { ...base, kind: 'value', type: text(raw.type, where, 'type') };
      if (Array.isArray(raw.members)) {
        const members = (raw.members as Record<string, unknown>[]).map((m) => readFunction(m, { ...base, reference: undefined }, `${where}, member ${String(m.name)}`));
        entry.members = members;
        for (const member of members) byName.set(`${name}.${member.name}`, member);
      }
    } else if (raw.kind === 'function') {
      entry = readFunction(raw, base, where);
    } else {
      fail(where, `kind must be "value" or "function", not ${JSON.stringify(raw.kind)}`);
    }
    if (byName.has(name)) fail(where, 'listed twice');
    entries.push(entry);
    byName.set(name, entry);
  }
  return { entries, byName };
}

/** The catalog shipped with this build (esbuild bundles the JSON). */
export const scriptCatalog: Catalog = readCatalog(catalogJson);

/** True when a script of this mode may use the entry. */
export function availableInMode(entry: CatalogEntry, mode: Mode): boolean {
  return entry.modes.includes(mode);
}

/** The parameter an argument binds to: by keyword, or by position (a `*args` parameter absorbs the rest). */
export function parameterFor(primitive: Primitive, argument: { keyword?: string; position: number }): Parameter | undefined {
  if (argument.keyword !== undefined) {
    return primitive.parameters.find((p) => p.name === argument.keyword && (p.kind === 'positional-or-keyword' || p.kind === 'keyword-only'))
      ?? primitive.parameters.find((p) => p.kind === 'var-keyword');
  }
  const positional = primitive.parameters.filter((p) => p.kind === 'positional-or-keyword');
  return positional[argument.position] ?? primitive.parameters.find((p) => p.kind === 'var-positional');
}
