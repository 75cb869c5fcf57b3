// `check --db URL`: reads the instance's figures through the bundled runtime (`erudi-migrate stats --json`, read-only) for the data-aware safety rules.
import type { InstanceFigures } from '../../../protocol/protocol';
import { lastJsonLine, runBundledRuntime } from './bundled-runtime';

/** The application's instance figures, or why they could not be read. */
export function readInstanceFigures(appRoot: string, dbUrl: string, cubesPath: string[]): InstanceFigures | { error: string } {
  const run = runBundledRuntime(['stats', '--json'], appRoot, dbUrl, cubesPath);
  if ('error' in run) return run;
  const event = lastJsonLine<{ event?: string; message?: string; entityTypes?: InstanceFigures['entityTypes'] }>(run);
  if ('error' in event) return event;
  if (event.event === 'stats' && event.entityTypes) return { entityTypes: event.entityTypes };
  return { error: event.message ?? `the runtime exited with ${run.status}` };
}
