// One folder's own schema (schema.py or schema/), without CubicWeb's core or cubes: what the normalized dump compares.
import type { PythonParser } from '../python/parser';
import { nodeFileSystem } from '../workspace/node-file-system';
import type { ApplicationSchema } from './application-schema';
import { buildSchema } from './build-schema';
import { schemaFilesOf } from './schema-files';
import { readSchemaModule } from './schema-module';

/** Reads the schema modules of `folder` from disk, in yams' order, into one schema. */
export function readStandaloneSchema(parser: PythonParser, folder: string, files = nodeFileSystem): ApplicationSchema {
  const modules = schemaFilesOf(files, folder).flatMap((path) => {
    const text = files.readText(path).text;
    return text === undefined ? [] : [{ module: readSchemaModule(parser, text, path), origin: 'application' as const }];
  });
  return buildSchema(modules);
}
