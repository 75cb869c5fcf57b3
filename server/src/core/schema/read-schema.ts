// Reads a schema statically (never executing it): one text, or the modules of an application, into one model.
import type { PythonParser } from '../python/parser';
import type { ApplicationSchema } from './application-schema';
import { buildSchema } from './build-schema';
import { readSchemaModule } from './schema-module';

/** Reads one schema.py text on its own (no core schema, no cubes); never fails: problems are in `problems`. */
export function readSchema(parser: PythonParser, text: string, path = 'schema.py'): ApplicationSchema {
  return buildSchema([{ module: readSchemaModule(parser, text, path), origin: 'application' }]);
}
