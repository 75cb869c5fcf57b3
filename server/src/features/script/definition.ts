// Go to definition: from a string naming an entity type, relation type or attribute to its line in the schema file defining it (the application's, a cube's or the core's).
import type { SchemaLocation } from '../../core/schema/application-schema';
import type { ScriptContext } from './script-context';
import { schemaTargetAt } from './schema-target';

export interface SchemaDefinition {
  /** Absolute path of the schema file. */
  path: string;
  location: SchemaLocation;
  /** The string in the script the definition was asked from (offsets). */
  originStart: number;
  originEnd: number;
}

export function definitionAt(context: ScriptContext, offset: number): SchemaDefinition[] {
  const target = schemaTargetAt(context, offset);
  if (!target) return [];
  return target.definitions.map((location) => ({ path: location.path, location, originStart: target.start, originEnd: target.end }));
}
