// What schema.py says of one attribute that the data rules need (required, default, unique, maxsize), when the reader gives it.
import type { ApplicationSchema } from '../../core/schema/application-schema';
import type { CatalogCall } from '../script/catalog-calls';

export interface AttributeFacts {
  type: string;
  /** Undefined when the schema reader does not say (the rule then cannot decide). */
  required?: boolean;
  unique?: boolean;
  /** The literal default; null when there is none; undefined when the reader does not say. */
  default?: unknown;
  maxsize?: number | null;
}

export function attributeFacts(schema: ApplicationSchema | undefined, etype: string | undefined, attribute: string | undefined): AttributeFacts | undefined {
  if (!schema || etype === undefined || attribute === undefined) return undefined;
  const found = schema.entityTypes.get(etype)?.attributes.get(attribute) as (AttributeFacts & { type: string }) | undefined;
  if (!found) return undefined;
  return { type: found.type, required: found.required, unique: found.unique, default: found.default, maxsize: found.maxsize };
}

/**
 * The attributes whose properties a sync_schema_props_perms() call brings in line with schema.py: an entity type's
 * (`'Person'`), an attribute's on every type (`'age'`), one definition (`('Person', 'age', 'Int')`), or every one
 * (no argument, None). Undefined when the call syncs no properties (syncprops=False) or names them at run time.
 */
export function syncedAttributes(call: CatalogCall, schema: ApplicationSchema | undefined, text: string): Array<{ etype: string; attribute: string }> | undefined {
  if (call.primitive.name !== 'sync_schema_props_perms' || !schema) return undefined;
  const syncprops = call.binding.bound.get('syncprops');
  if (syncprops && text.slice(syncprops.valueStart, syncprops.valueEnd).trim() !== 'True') return undefined;
  const argument = call.binding.bound.get('ertype');
  const all = (etypes: Iterable<string>, only?: string) => [...etypes].flatMap((etype) =>
    [...(schema.entityTypes.get(etype)?.attributes.keys() ?? [])].filter((a) => only === undefined || a === only).map((attribute) => ({ etype, attribute })));
  if (!argument || text.slice(argument.valueStart, argument.valueEnd).trim() === 'None') return all(schema.entityTypes.keys());
  const name = argument.literal?.value;
  if (name !== undefined) return schema.entityTypes.has(name) ? all([name]) : all(schema.entityTypes.keys(), name);
  const definition = /^\(\s*[uU]?['"](\w+)['"]\s*,\s*[uU]?['"](\w+)['"]\s*,\s*[uU]?['"](\w+)['"]\s*,?\s*\)$/.exec(text.slice(argument.valueStart, argument.valueEnd).trim());
  return definition ? all([definition[1]], definition[2]) : undefined;
}
