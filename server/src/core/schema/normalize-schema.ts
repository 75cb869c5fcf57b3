// The normalized JSON form of a schema (HELPERS' shared contract), printed identically by the runtime's schema dump.
import type { ApplicationSchema, SchemaEntityType } from './application-schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// What CubicWeb's core gives every entity type: left out, with the core's own types, when comparing what an application adds.
const METADATA_ATTRIBUTES = new Set(['eid', 'creation_date', 'modification_date', 'cwuri']);
const METADATA_RELATIONS = new Set(['is', 'is_instance_of', 'owned_by', 'created_by', 'cw_source', 'identity']);

/** Objects with sorted keys, so that two readers' dumps compare as text. */
function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
  return value;
}

function entityJson(entity: SchemaEntityType, skipMetadata: boolean): Json {
  const attributes: Record<string, Json> = {};
  for (const a of entity.attributes.values()) {
    if (skipMetadata && METADATA_ATTRIBUTES.has(a.name)) continue;
    attributes[a.name] = {
      type: a.type, required: a.required, unique: a.unique, default: (a.default ?? null) as Json, maxsize: a.maxsize,
      vocabulary: (a.vocabulary ?? null) as Json, indexed: a.indexed, fulltextindexed: a.fulltextindexed,
      internationalizable: a.internationalizable, formula: a.formula,
    };
  }
  return { final: false, abstract: entity.abstract, specializes: entity.specializes, attributes };
}

/**
 * The schema as `{"entityTypes": ..., "relationTypes": ...}` (the runtime's `erudi_migrate.schema.dump` prints the
 * same): registered entity types with their own and inherited attributes; non-final relation types with their
 * definitions sorted by (subject, object), a '*' expanded to every entity type; computed relations with their rule. With `core`, only what the schema adds
 * to CubicWeb's core (the dump's --exclude-core): no core type, no metadata attribute or relation, no core definition.
 */
export function normalizeSchema(schema: ApplicationSchema, core?: ApplicationSchema): Json {
  const entityTypes: Record<string, Json> = {};
  for (const entity of schema.entityTypes.values()) {
    if (core?.entityTypes.has(entity.name)) continue;
    entityTypes[entity.name] = entityJson(entity, core !== undefined);
  }
  // A '*' end stands for every entity type, as yams expands it.
  const expand = (definitions: ApplicationSchema['relationDefinitions'], types: Iterable<string>) => {
    const all = [...types];
    return definitions.flatMap((d) => (d.subject === '*' ? all : [d.subject]).flatMap((subject) =>
      (d.object === '*' ? all : [d.object]).map((object) => ({ ...d, subject, object }))));
  };
  const definitionsOf = expand(schema.relationDefinitions, schema.entityTypes.keys());
  const coreDefinitions = new Set(core && expand(core.relationDefinitions, core.entityTypes.keys()).map((d) => `${d.subject}\u0000${d.rtype}\u0000${d.object}`));
  const relationTypes: Record<string, Json> = {};
  for (const rtype of schema.relationTypes.values()) {
    if (rtype.final && !rtype.computed) continue;
    const seen = new Set<string>();
    const definitions = definitionsOf
      .filter((d) => d.rtype === rtype.name)
      .filter((d) => !seen.has(`${d.subject}\u0000${d.object}`) && !!seen.add(`${d.subject}\u0000${d.object}`))
      .filter((d) => !core || (!METADATA_RELATIONS.has(d.rtype) && !coreDefinitions.has(`${d.subject}\u0000${d.rtype}\u0000${d.object}`)))
      .map((d) => ({ subject: d.subject, object: d.object, cardinality: d.cardinality, composite: d.composite }))
      .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
    if (core && !definitions.length && core.relationTypes.has(rtype.name)) continue;
    relationTypes[rtype.name] = { symmetric: rtype.symmetric, inlined: rtype.inlined, computed: rtype.computed, rule: rtype.rule, definitions };
  }
  return sorted({ entityTypes, relationTypes });
}
