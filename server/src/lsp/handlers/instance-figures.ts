// erudiMigrations/instanceFigures: the client read an instance's figures (erudi-migrate stats); the data-aware safety rules of that application's scripts are checked again with them.
import { resolve } from 'node:path';
import type { InstanceFiguresParams } from '../../../../protocol/protocol';
import { setInstanceFigures } from '../../features/script/script-analysis';
import type { ServerSession } from '../session';
import { InvalidParams } from '../validate-params';

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The params, refused when their shape is not InstanceFiguresParams (a bad message must not reach the rules). */
export function checkInstanceFiguresParams(params: unknown): InstanceFiguresParams {
  const p = params as InstanceFiguresParams | null;
  if (typeof p !== 'object' || p === null || typeof p.application !== 'string') throw new InvalidParams('application must be a string (the application folder)');
  if (p.figures === null) return p;
  const types = (p.figures as { entityTypes?: unknown } | undefined)?.entityTypes;
  if (typeof types !== 'object' || types === null || Array.isArray(types)) throw new InvalidParams('figures must be null or { entityTypes: {...} }');
  for (const [etype, figure] of Object.entries(types as Record<string, { rows?: unknown; attributes?: unknown }>)) {
    if (typeof figure !== 'object' || figure === null || !isCount(figure.rows)) throw new InvalidParams(`figures.entityTypes.${etype}.rows must be a non-negative integer`);
    if (figure.attributes !== undefined && (typeof figure.attributes !== 'object' || figure.attributes === null)) throw new InvalidParams(`figures.entityTypes.${etype}.attributes must be an object`);
  }
  return p;
}

export function handleInstanceFigures(session: ServerSession, params: InstanceFiguresParams): void {
  const application = session.index.applications.get(resolve(params.application));
  if (!application) return;
  if (!setInstanceFigures(application.root, params.figures ?? undefined)) return;
  session.scheduler.apply([{ application, parts: new Set(['instance-figures']), documents: new Set(), removed: new Set() }]);
}
