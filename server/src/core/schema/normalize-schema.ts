// The normalized JSON form of a schema (HELPERS' shared contract), printed identically by the runtime's schema dump.
import type { ApplicationSchema, SchemaEntityType } from './application-schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Objects with sorted keys, so that two readers' dumps compare as text. */
function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
  return value;
}

function entityJson(entity: SchemaEntityType): Json {
  const attributes: Record<string, Json> = {};
  for (const a of entity.attributes.values()) {
    attributes[a.name] = {
      type: a.type, required: a.required, unique: a.unique, default: (a.default ?? null) as Json, maxsize: a.maxsize,
      vocabulary: (a.vocabulary ?? null) as Json, indexed: a.indexed, fulltextindexed: a.fulltextindexed,
      internationalizable: a.internationalizable, formula: a.formula,
    };
  }
  return { final: false, abstract: entity.abstract, specializes: entity.specializes, attributes };
}

/**
 * The schema as `{"entityTypes": ..., "relationTypes": ...}`: entity types with a table and abstract classes
 * (`abstract: true`), their own and inherited attributes; non-final relation types with their definitions sorted by
 * (subject, object), wildcards kept as '*'. Attribute relation types are not listed (they are the attributes).
 */
export function normalizeSchema(schema: ApplicationSchema): Json {
  const entityTypes: Record<string, Json> = {};
  for (const entity of [...schema.entityTypes.values(), ...schema.abstractTypes.values()]) entityTypes[entity.name] = entityJson(entity);
  const relationTypes: Record<string, Json> = {};
  for (const rtype of schema.relationTypes.values()) {
    if (rtype.final && !rtype.computed) continue;
    const definitions = schema.relationDefinitions
      .filter((d) => d.rtype === rtype.name)
      .map((d) => ({ subject: d.subject, object: d.object, cardinality: d.cardinality, composite: d.composite }))
      .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
    relationTypes[rtype.name] = { symmetric: rtype.symmetric, inlined: rtype.inlined, computed: rtype.computed, rule: rtype.rule, definitions };
  }
  return sorted({ entityTypes, relationTypes });
}
