// What the checks know of an application's instance (database): sent by the editor, which runs the runtime, or read by check --schema.
import type { InstanceSchemaDiff } from '../schema/schema-not-migrated';

export interface InstanceFacts {
  /** The changes of the application's schema that no pending script covers (`erudi-migrate diff --after-pending`). */
  schemaDiff?: InstanceSchemaDiff;
}
