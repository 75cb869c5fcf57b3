// What schema.py says of one attribute that the data rules need (required, default, unique, maxsize), when the reader gives it.
import type { ApplicationSchema } from '../../core/schema/application-schema';

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
