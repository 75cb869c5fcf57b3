// Go to definition: from a string naming an entity type, relation type or attribute to its line in schema.py.
import type { SchemaLocation } from '../../core/schema/application-schema';
import type { ScriptContext } from './script-context';
import { schemaTargetAt } from './schema-target';

export interface SchemaDefinition {
  /** Absolute path of schema.py. */
  path: string;
  location: SchemaLocation;
  /** The string in the script the definition was asked from (offsets). */
  originStart: number;
  originEnd: number;
}

export function definitionAt(context: ScriptContext, offset: number): SchemaDefinition[] {
  const target = schemaTargetAt(context, offset);
  if (!target || !context.schemaPath) return [];
  return target.definitions.map((location) => ({ path: context.schemaPath!, location, originStart: target.start, originEnd: target.end }));
}
