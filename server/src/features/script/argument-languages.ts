// The hook for string arguments written in another language (catalog `language`): rql's query, sqlexec's SQL.
// A language plugs in here with a check and/or a completion working on the string's text alone.
import type { DiagnosticCode } from '../../core/diagnostic-codes';
import { checkRql, checkRqlNames, completeRql, rqlNameSchema, rqlWordStart, type RqlNameOptions, type RqlNameSchema, type RqlSchema } from '../../core/rql';
import { registerSchemaDerived, schemaDerived } from '../../core/recorded-reads';
import type { ApplicationSchema } from '../../core/schema/application-schema';

/** A problem inside the string, offsets relative to the text between the quotes. */
export interface EmbeddedProblem {
  code: DiagnosticCode;
  offset: number;
  length: number;
  message: string;
}

export interface EmbeddedCompletion {
  label: string;
  kind: 'entity-type' | 'attribute' | 'relation' | 'keyword' | 'variable';
  detail?: string;
  /** Where the replaced word starts, relative to the text between the quotes (it ends at the cursor). */
  replaceFrom: number;
}

/** What a check of a string may know beyond its text: the merged schema, and names to tolerate. */
export interface EmbeddedEnvironment {
  schema?: ApplicationSchema;
  names?: RqlNameOptions;
}

export interface ArgumentLanguage {
  check?(text: string, environment?: EmbeddedEnvironment): EmbeddedProblem[];
  complete?(text: string, offset: number, schema: ApplicationSchema | undefined): EmbeddedCompletion[];
}

const emptySchema: RqlSchema = { entityTypes: [] };

// Structures built from the whole schema go through schemaDerived (core/recorded-reads): built once per schema, and a
// cached check result depends only on the entries of them it read, not on the whole schema.
function rqlSchemaOf(schema: ApplicationSchema | undefined): RqlSchema {
  if (!schema) return emptySchema;
  return schemaDerived(schema, 'rql-completion-schema', buildRqlSchema);
}

function buildRqlSchema(raw: object): RqlSchema {
  const schema = raw as ApplicationSchema;
  let converted: RqlSchema;
  {
    const relations = new Map<string, Set<string>>();
    for (const d of schema.relationDefinitions) {
      if (schema.relationTypes.get(d.rtype)?.final) continue;
      const subjects = d.subject === '*' ? [...schema.entityTypes.keys()] : [d.subject];
      for (const s of subjects) relations.set(s, (relations.get(s) ?? new Set()).add(d.rtype));
    }
    const relationObjects: Record<string, string[]> = {};
    for (const d of schema.relationDefinitions) {
      if (!schema.relationTypes.get(d.rtype)?.final) (relationObjects[d.rtype] ??= []).push(...(d.object === '*' ? [...schema.entityTypes.keys()] : [d.object]));
    }
    converted = {
      entityTypes: [...schema.entityTypes.values()].map((e) => ({ name: e.name, attributes: [...e.attributes.keys()], relations: [...(relations.get(e.name) ?? [])] })),
      relationObjects,
    };
  }
  return converted;
}

/** The merged schema as the RQL name check reads it (built once per schema). */
function rqlNameSchemaOf(schema: ApplicationSchema): RqlNameSchema {
  return schemaDerived(schema, 'rql-name-schema', buildRqlNameSchema);
}

function buildRqlNameSchema(raw: object): RqlNameSchema {
  const schema = raw as ApplicationSchema;
  let converted: RqlNameSchema;
  {
    const attributes = new Map<string, Set<string>>();
    for (const e of schema.entityTypes.values()) attributes.set(e.name, new Set(e.attributes.keys()));
    const relations = new Map<string, { subject: string; object: string }[]>();
    for (const d of schema.relationDefinitions) {
      if (schema.relationTypes.get(d.rtype)?.final) continue;
      let list = relations.get(d.rtype);
      if (!list) relations.set(d.rtype, (list = []));
      list.push({ subject: d.subject, object: d.object });
    }
    // A relation type declared without definitions (a computed one) is still a name queries may use.
    for (const r of schema.relationTypes.values()) if (!r.final && !relations.has(r.name)) relations.set(r.name, []);
    converted = rqlNameSchema(attributes, relations);
  }
  return converted;
}

const hasEntityTypes = (raw: object) => (raw as ApplicationSchema).entityTypes.size > 0;
registerSchemaDerived('rql-completion-schema', buildRqlSchema);
registerSchemaDerived('rql-name-schema', buildRqlNameSchema);
registerSchemaDerived('has-entity-types', hasEntityTypes);

// Add a language: one entry here, keyed by the catalog's `language` value (issue 5 owns core/rql).
export const ARGUMENT_LANGUAGES: Readonly<Record<string, ArgumentLanguage>> = {
  rql: {
    check: (text, environment) => {
      const syntax = checkRql(text).map((p): EmbeddedProblem => ({ code: p.code, offset: p.offset, length: p.length, message: p.message }));
      // Whether there are types at all, not which: a renamed type must not re-check every query.
      if (syntax.length > 0 || !environment?.schema || !schemaDerived(environment.schema, 'has-entity-types', hasEntityTypes)) return syntax;
      return checkRqlNames(text, rqlNameSchemaOf(environment.schema), environment.names);
    },
    complete: (text, offset, schema) => {
      const replaceFrom = rqlWordStart(text, offset);
      return completeRql(text, offset, rqlSchemaOf(schema)).map((c) => ({ ...c, replaceFrom }));
    },
  },
};
