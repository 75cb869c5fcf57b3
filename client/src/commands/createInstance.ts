// erudiMigrations.createInstance: builds an instance at the model version from schema.py in the configured database.
import type { ClientContext } from '../clientContext';
import { runMigration } from '../migrationRun';
import { pickApplication } from './pickApplication';

export async function createInstance(ctx: ClientContext, arg: unknown): Promise<void> {
  const app = await pickApplication(arg, 'Create Instance');
  if (!app) return;
  await runMigration(ctx, {
    command: 'create', app, title: `Create Instance of ${app.name}`,
    confirmation: (settings) => ({
      message: `Create an instance of ${app.name} in ${settings.database.url}?`,
      detail: `Creates the system tables and one table per entity type of ${app.name}/schema.py, at the model version of __pkginfo__.py.`,
      action: 'Create',
    }),
  });
}
