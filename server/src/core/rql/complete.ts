// Completes an RQL query at an offset: what the shared grammar accepts there, filled with the schema's names.
import systemSchema from '../../../../runtime/erudi_migrate/rql/system_schema.json';
import { parseRql, rqlGrammar, type RqlToken } from './parser';

/** What completion needs to know of the schema: each entity type with its attribute and relation names. */
export interface RqlSchema {
  entityTypes: { name: string; attributes: string[]; relations: string[] }[];
  /** Object types of each relation (`X rel Y` types Y), when known. */
  relationObjects?: Record<string, string[]>;
}

export type RqlCompletionKind = 'entity-type' | 'attribute' | 'relation' | 'keyword' | 'variable';

export interface RqlCompletion { label: string; kind: RqlCompletionKind; detail?: string }

/** What every entity has in CubicWeb, whatever its schema says: metadata attributes and relations. */
export const METADATA_ATTRIBUTES = ['eid', 'creation_date', 'modification_date', 'cwuri'];
export const METADATA_RELATIONS = ['is', 'is_instance_of', 'identity', 'owned_by', 'created_by'];

/** Where the word being typed at `offset` starts: completion replaces [start, offset). */
export function rqlWordStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1])) start -= 1;
  return start;
}

/** The framework's own types (CWWorkflow, CWState...) that every instance from erudi 2.28.0 has, from the runtime's file. */
const SYSTEM_TYPES: RqlSchema['entityTypes'] = systemSchema.entityTypes.map((name) => ({
  name,
  attributes: systemSchema.attributes.filter((a) => a.subject === name).map((a) => a.name),
  relations: systemSchema.relations.filter((r) => r.subject === name).map((r) => r.name),
}));

const KEYWORDS = new Set(rqlGrammar.keywords);
const TYPING = new Set(['is', 'is_instance_of']);

/** Completions at `offset` in an RQL query: entity types where a type goes, attributes and relations after a
 * variable, variables and constants where a value goes, and the keywords the grammar accepts there. */
export function completeRql(text: string, offset: number, schema: RqlSchema): RqlCompletion[] {
  const wordStart = rqlWordStart(text, offset);
  const before = parseRql(text.slice(0, wordStart));
  const expected = new Set(before.expectedAtEnd);
  const all = parseRql(text).tokens;
  const items: RqlCompletion[] = [];
  const seen = new Set<string>();
  const add = (label: string, kind: RqlCompletionKind, detail?: string) => {
    if (seen.has(label)) return;
    seen.add(label);
    items.push(detail === undefined ? { label, kind } : { label, kind, detail });
  };
  const previous = before.tokens.length >= 2 ? before.tokens[before.tokens.length - 2] : undefined;
  const types = [...schema.entityTypes, ...SYSTEM_TYPES];
  const aValue = expected.has('STRING');

  if (aValue && previous?.kind === 'NAME' && TYPING.has(previous.text)) {
    // `X is |`: an entity type, or IN (types).
    for (const t of types) add(t.name, 'entity-type');
    add('Any', 'entity-type');
    add('IN', 'keyword');
    return items;
  }
  if (expected.has('ETYPE') && !aValue) {
    for (const t of types) add(t.name, 'entity-type');
    if (previous === undefined || previous.kind === 'DISTINCT' || previous.kind === '(' || previous.kind === 'DELETE') add('Any', 'entity-type');
  }
  if (expected.has('NAME') && !aValue) {
    const candidates = previous?.kind === 'VAR' || previous?.kind === '?' ? candidateTypes(all, variableBefore(before.tokens), schema) : schema.entityTypes;
    for (const t of candidates) for (const a of t.attributes) add(a, 'attribute', t.name);
    for (const t of candidates) for (const r of t.relations) add(r, 'relation', t.name);
    for (const a of METADATA_ATTRIBUTES) add(a, 'attribute', 'every entity');
    for (const r of METADATA_RELATIONS) add(r, 'relation', 'every entity');
  }
  if (aValue || (expected.has('VAR') && !expected.has('NAME'))) {
    for (const v of variableNames(all, wordStart)) add(v, 'variable');
  }
  for (const e of before.expectedAtEnd) {
    if (KEYWORDS.has(e)) add(e, 'keyword');
  }
  return items;
}

function variableBefore(tokens: RqlToken[]): RqlToken | undefined {
  for (let i = tokens.length - 2; i >= 0; i--) if (tokens[i].kind === 'VAR') return tokens[i];
  return undefined;
}

/** The types a variable can be: the one it is declared or `is`, else those having every name it is used with. */
function candidateTypes(tokens: RqlToken[], variable: RqlToken | undefined, schema: RqlSchema): RqlSchema['entityTypes'] {
  if (!variable) return schema.entityTypes;
  const declared = variableTypes(tokens).get(variable.text);
  // System types only when the query names them, as the runtime infers types.
  if (declared !== undefined) return [...schema.entityTypes, ...SYSTEM_TYPES].filter((t) => t.name === declared);
  let candidates = schema.entityTypes;
  const narrow = (names: string[] | undefined) => {
    const having = candidates.filter((t) => names?.includes(t.name));
    if (having.length > 0) candidates = having;
  };
  for (let i = 2; i < tokens.length; i++) {
    if (tokens[i].kind === 'VAR' && tokens[i].text === variable.text && tokens[i - 1].kind === 'NAME' && tokens[i - 2].kind === 'VAR') {
      narrow(schema.relationObjects?.[tokens[i - 1].text]);
    }
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].kind !== 'VAR' || tokens[i].text !== variable.text || tokens[i + 1].kind !== 'NAME') continue;
    if (tokens[i].start === variable.start) continue; // the name being typed
    const name = tokens[i + 1].text;
    if (METADATA_ATTRIBUTES.includes(name) || METADATA_RELATIONS.includes(name)) continue;
    const having = candidates.filter((t) => t.attributes.includes(name) || t.relations.includes(name));
    if (having.length > 0) candidates = having;
  }
  return candidates;
}

/** Variable types the query states: `X is Person`, `Person X` in declarations and `Person X` at the head of a selection. */
export function variableTypes(tokens: RqlToken[]): Map<string, string> {
  const types = new Map<string, string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].kind === 'VAR' && tokens[i + 1].kind === 'NAME' && tokens[i + 1].text === 'is' && tokens[i + 2].kind === 'ETYPE' && tokens[i + 2].text !== 'Any') {
      types.set(tokens[i].text, tokens[i + 2].text);
    }
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const atHead = i === 0 || ['DISTINCT', 'INSERT', 'DELETE', ',', '(', ':'].includes(tokens[i - 1].kind);
    if (atHead && tokens[i].kind === 'ETYPE' && tokens[i].text !== 'Any' && tokens[i + 1].kind === 'VAR') types.set(tokens[i + 1].text, tokens[i].text);
  }
  return types;
}

function variableNames(tokens: RqlToken[], exceptAt: number): string[] {
  return [...new Set(tokens.filter((t) => t.kind === 'VAR' && t.start !== exceptAt).map((t) => t.text))];
}
