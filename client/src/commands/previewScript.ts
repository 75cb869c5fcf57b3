// erudiMigrations.previewScript: a dry run that shows the SQL and the result, then rolls back so nothing changes.
import type { ClientContext } from '../clientContext';
import { runScript } from './runScript';

export function previewScript(ctx: ClientContext, arg: unknown): Promise<void> {
  return runScript(ctx, arg, true);
}
