// Completes an RQL query at an offset: what the shared grammar accepts there, filled with the schema's names.
import systemSchema from '../../../../runtime/erudi_migrate/rql/system_schema.json';
import { parseRql, type RqlToken } from './parser';

/** What completion needs to know of schema.py: each entity type with its attribute and relation names. */
export interface RqlSchema {
  entityTypes: { name: string; attributes: string[]; relations: string[] }[];
  /** Object types of each relation (`X rel Y` types Y), when known. */
  relationObjects?: Record<string, string[]>;
}

export type RqlCompletionKind = 'entity-type' | 'attribute' | 'relation' | 'keyword' | 'variable';

export interface RqlCompletion { label: string; kind: RqlCompletionKind; detail?: string }

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

/** Completions at `offset` in an RQL query: entity types after `is`, attributes and relations after a variable, keywords, variables. */
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

  if (expected.has('ETYPE')) for (const t of [...schema.entityTypes, ...SYSTEM_TYPES]) add(t.name, 'entity-type');
  if (expected.has('NAME')) {
    const subject = lastToken(before.tokens);
    const candidates = subject?.kind === 'VAR' ? candidateTypes(all, subject, schema) : schema.entityTypes;
    for (const t of candidates) for (const a of t.attributes) add(a, 'attribute', t.name);
    for (const t of candidates) for (const r of t.relations) add(r, 'relation', t.name);
  }
  // After `is` the grammar also takes an all-capitals word as a type name; variables make no sense there.
  if (expected.has('VAR') && !expected.has('ETYPE')) {
    for (const v of variableNames(all, wordStart)) add(v, 'variable');
  }
  for (const e of before.expectedAtEnd) {
    if (/^[A-Z]+$/.test(e) && !['ETYPE', 'NAME', 'VAR', 'STRING', 'INT', 'FLOAT', 'ARG'].includes(e)) {
      add(e === 'ANY' ? 'Any' : e, 'keyword');
    }
  }
  return items;
}

/** The types a variable can be: the one it is declared or `is`, else those having every name it is used with. */
function candidateTypes(tokens: RqlToken[], variable: RqlToken, schema: RqlSchema): RqlSchema['entityTypes'] {
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
    if (tokens[i + 1].end >= variable.start && tokens[i].start === variable.start) continue; // the name being typed
    const name = tokens[i + 1].text;
    const having = candidates.filter((t) => t.attributes.includes(name) || t.relations.includes(name));
    if (having.length > 0) candidates = having;
  }
  return candidates;
}

function lastToken(tokens: RqlToken[]): RqlToken | undefined {
  return tokens.length >= 2 ? tokens[tokens.length - 2] : undefined; // the last one is EOF
}

/** Variable types the query states: `X is Person`, and `Person X` in INSERT and DELETE declarations. */
export function variableTypes(tokens: RqlToken[]): Map<string, string> {
  const types = new Map<string, string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].kind === 'VAR' && tokens[i + 1].kind === 'IS' && tokens[i + 2].kind === 'ETYPE') {
      types.set(tokens[i].text, tokens[i + 2].text);
    }
  }
  const head = tokens[0]?.kind;
  if (head === 'INSERT' || head === 'DELETE') {
    for (let i = 1; i + 1 < tokens.length && tokens[i].kind !== ':' && tokens[i].kind !== 'WHERE'; i++) {
      if (tokens[i].kind === 'ETYPE' && tokens[i + 1].kind === 'VAR') types.set(tokens[i + 1].text, tokens[i].text);
    }
  }
  return types;
}

function variableNames(tokens: RqlToken[], exceptAt: number): string[] {
  return [...new Set(tokens.filter((t) => t.kind === 'VAR' && t.start !== exceptAt).map((t) => t.text))];
}
