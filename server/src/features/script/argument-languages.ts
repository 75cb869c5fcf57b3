// The hook for string arguments written in another language (catalog `language`): rql's query, sqlexec's SQL.
// A language plugs in here with a check and/or a completion working on the string's text alone.
import type { DiagnosticCode } from '../../core/diagnostic-codes';
import { checkRql, completeRql, rqlWordStart, type RqlSchema } from '../../core/rql';
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

export interface ArgumentLanguage {
  check?(text: string): EmbeddedProblem[];
  complete?(text: string, offset: number, schema: ApplicationSchema | undefined): EmbeddedCompletion[];
}

const rqlSchemas = new WeakMap<ApplicationSchema, RqlSchema>();
const emptySchema: RqlSchema = { entityTypes: [] };

function rqlSchemaOf(schema: ApplicationSchema | undefined): RqlSchema {
  if (!schema) return emptySchema;
  let converted = rqlSchemas.get(schema);
  if (!converted) {
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
    rqlSchemas.set(schema, converted);
  }
  return converted;
}

// Add a language: one entry here, keyed by the catalog's `language` value (issue 5 owns core/rql).
export const ARGUMENT_LANGUAGES: Readonly<Record<string, ArgumentLanguage>> = {
  rql: {
    check: (text) => checkRql(text).map((p) => ({ code: p.code, offset: p.offset, length: p.length, message: p.message })),
    complete: (text, offset, schema) => {
      const replaceFrom = rqlWordStart(text, offset);
      return completeRql(text, offset, rqlSchemaOf(schema)).map((c) => ({ ...c, replaceFrom }));
    },
  },
};
