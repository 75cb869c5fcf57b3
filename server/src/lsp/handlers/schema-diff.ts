// erudiMigrations/schemaDiff: the client read what the instance's schema lacks after the pending scripts; show it on the schema files.
import type { SchemaDiffParams } from '../../../../protocol/protocol';
import { uriToPath } from '../paths';
import type { ServerSession } from '../session';

export function handleSchemaDiff(session: ServerSession, params: SchemaDiffParams): void {
  const root = uriToPath(params.application);
  if (root === undefined) return;
  const facts = params.changes === null ? undefined : {
    schemaDiff: {
      database: params.database,
      storedVersion: params.storedVersion ?? null,
      changes: params.changes.map((c) => ({ ...c, property: c.property ?? null, before: c.before ?? null, after: c.after ?? null, file: c.file ?? null, line: c.line ?? null })),
    },
  };
  session.publisher.publish(session.pipeline.updateInstance(root, facts));
}
