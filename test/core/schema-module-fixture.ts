// What the schema-module tests share: a realistic schema.py kept short, and a module as plain data to compare reads.
import { generateRealisticApp } from '../../bench/realistic-app';
import type { SchemaModule } from '../../server/src/core/schema/schema-module';

/** The first `classes` classes of the realistic schema (docstrings, constants, permissions, relations), then `tail`. */
export function realisticSchemaHead(workspace: string, classes: number, tail: string): string {
  const full = generateRealisticApp(workspace, 1, 3).schemaText;
  return full.slice(0, full.split('\nclass ', classes + 1).join('\nclass ').length) + tail;
}

/** The module as plain data: syntax nodes (which belong to one tree) left out. */
export function plainSchemaModule(module: SchemaModule): unknown {
  return JSON.parse(JSON.stringify(module, (key, value) => (key === 'node' ? undefined : value instanceof Map ? [...value] : value)));
}
